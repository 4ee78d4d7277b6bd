"""Who took part in a happening: the people named in its clause, the subject first.

A person counts by name (`NameIndex`), in an entity of any label or as a lone proper noun,
so a surname the model tagged ORG or GPE still names its person; a source ("according to
Lavrov") is no participant. The subject comes first: it is who did it, and a statement's
event is titled by its first participant ("Statement by Lavrov").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import nlp
from .clauses import Scope, according_to
from .nameindex import NameIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def people_in(doc: Doc, names: NameIndex, scope: Scope) -> list[str]:
    """People named in the clause, the subject first."""
    found: list[tuple[int, str]] = []
    covered: set[int] = set()
    for ent in nlp.ents(doc):
        if ent.root.i in scope.tokens and ent.label_ != "DATE":
            name = names.lookup(ent.text)
            if name and not according_to(ent.root):
                found.append((_rank(ent.root, scope), name))
                covered.update(range(ent.start, ent.end))
    for i in sorted(scope.tokens):
        token = doc[i]
        if i not in covered and token.pos_ == "PROPN":
            name = names.lookup(token.text)
            if name and not according_to(token):
                found.append((_rank(token, scope), name))
    return list(dict.fromkeys(name for _, name in sorted(found, key=lambda f: f[0])))


def _rank(token: Token, scope: Scope) -> int:
    """Subjects of the clause first, then everyone else in text order."""
    head = token
    while head.dep_ in ("compound", "appos", "conj", "flat") and head.head is not head:
        head = head.head
    subject = head.dep_ in ("nsubj", "nsubjpass") and head.head.i == scope.root.i
    return (0 if subject else 1) * 100_000 + token.i
