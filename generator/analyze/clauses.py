"""The clause a happening is told in: the part of a sentence whose people, places and
organisations are the happening's.

A sentence often tells of several things ("Kuleba said he had asked for a corridor, which
Russia refused"); only what lies in the trigger's own clause took part in its happening. A
"when" clause tells the same happening ("... unfolded Wednesday when women evacuated a
hospital"), and a source ("according to CNN") is no participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import nlp

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependencies that open another clause: what lies beyond is not this happening's detail.
_OTHER_CLAUSE = frozenset(("relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"))


@dataclass(frozen=True)
class Scope:
    """The trigger's own clause: its head verb, the tokens in it, and its character range."""

    root: Token
    tokens: frozenset[int]  # token indices that belong to the clause
    start: int
    end: int


def clause_of(trigger: Token, start: int = 0, end: int | None = None) -> Scope:
    """The clause of a trigger (for a noun, the clause that holds it), without the
    subordinate clauses inside it; a relative clause brings its antecedent along
    ("Cavusoglu, who sat between Lavrov and Kuleba on Thursday")."""
    root = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        for ancestor in trigger.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                root = ancestor
                break
    members = {t.i for t in root.subtree if _same_clause(t, root)}
    if root.dep_ in ("relcl", "acl"):
        members |= {t.i for t in root.head.subtree if t.i not in {x.i for x in root.subtree}}
        members -= {t.i for t in root.head.subtree if not _same_clause(t, root.head, root)}
    doc = trigger.doc
    end = len(nlp.text(doc)) if end is None else end
    # the parse may run across a sentence (or paragraph) boundary: never leave the sentence
    members = {i for i in members if start <= doc[i].idx < end} | {trigger.i}
    first = min(doc[i].idx for i in members)
    last = max(doc[i].idx + len(doc[i]) for i in members)
    return Scope(root, frozenset(members), first, last)


def when_clause(token: Token) -> bool:
    """'... unfolded Wednesday when women evacuated a hospital': the same happening."""
    return token.dep_ == "advcl" and any(
        c.lower_ in ("when", "while") and c.dep_ == "advmod" for c in token.children
    )


def _same_clause(token: Token, root: Token, allowed: Token | None = None) -> bool:
    current = token
    while current.i != root.i:
        if (
            current.dep_ in _OTHER_CLAUSE
            and (allowed is None or current.i != allowed.i)
            and not when_clause(current)
        ):
            return False
        if current.head is current:
            return False
        current = current.head
    return True


def according_to(token: Token) -> bool:
    """Sources ("according to CNN") are not participants."""
    return any(
        a.lower_ == "to" and any(c.lower_ == "according" for c in a.children)
        for a in token.ancestors
    ) or any(a.lower_ == "according" for a in token.ancestors)
