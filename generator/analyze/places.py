"""The places and organisations an article names, and those of one happening's clause.

spaCy's GPE, LOC and FAC entities are places and its ORG entities organisations, with two
repairs for the small model: a span that is a person's name (`NameIndex`) is neither
("Cavusoglu" tagged ORG), and the capitalised words after "the city of" are a place
("Mariupol" tagged ORG). A happening's places are where it took place ("met in Antalya"),
failing that the place it acted on ("invaded Ukraine"); not places that only describe
something else in the clause ("a conflict in Europe").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import lexicon, nlp
from .clauses import Scope, according_to
from .nameindex import NameIndex
from .text import bare_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATION_PREPOSITIONS = lexicon.words("location-prepositions")
_PLACE_OF = re.compile(
    r"\b(?:"
    + "|".join(lexicon.entries("place-nouns"))
    + r") of ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,3})"
)


def _is_adjectival(span: Span) -> bool:
    root = span.root
    return root.tag_ in ("JJ", "NNPS") or root.dep_ == "amod" or span.text.endswith(("ian", "ese"))


def _near_place_noun(doc: Doc, ent: Span) -> bool:
    """Is an ORG entity part of "the city of X" (so a place)?"""
    return bool(_PLACE_OF.search(nlp.text(doc)[max(0, ent.start_char - 20) : ent.end_char]))


# --- the article ---------------------------------------------------------------------------


def _places_of(doc: Doc, names: NameIndex, start: int = 0, end: int | None = None) -> list[str]:
    end = len(nlp.text(doc)) if end is None else end
    found: list[str] = []
    for ent in nlp.ents(doc):
        if ent.label_ in PLACE_LABELS and start <= ent.start_char and ent.end_char <= end:
            if names.lookup(ent.text) or _is_adjectival(ent):
                continue
            found.append(bare_name(ent.text))
    for match in _PLACE_OF.finditer(nlp.text(doc), start, end):
        found.append(bare_name(match.group(1)))
    return [p for p in found if p]


def article_places_and_organisations(
    doc: Doc, names: NameIndex
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Places and organisations an article names (people's names filtered out), by first use."""
    places = list(dict.fromkeys(_places_of(doc, names)))
    place_keys = {p.lower() for p in places}
    organisations = [
        bare_name(e.text)
        for e in nlp.ents(doc)
        if e.label_ == "ORG"
        and not names.lookup(e.text)
        and bare_name(e.text).lower() not in place_keys
        and not _near_place_noun(doc, e)
    ]
    return tuple(places), tuple(dict.fromkeys(o for o in organisations if o))


# --- one happening's clause ----------------------------------------------------------------


def event_places(
    doc: Doc, names: NameIndex, scope: Scope, trigger: Token, start: int, end: int
) -> list[str]:
    """Places where it happened: objects of "in", "at", "near"... in the clause, and "the
    city of X"; failing those, a place the trigger acts on ("invaded Ukraine")."""
    found: list[str] = []
    targets: list[str] = []
    for ent in nlp.ents(doc):
        if ent.label_ not in PLACE_LABELS or ent.root.i not in scope.tokens:
            continue
        if names.lookup(ent.text) or _is_adjectival(ent):
            continue
        root = ent.root
        while root.dep_ in ("appos", "conj", "compound") and root.head is not root:
            root = root.head
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in LOCATION_PREPOSITIONS
            and _near(root.head.head, trigger, scope)
        ):
            found.append(bare_name(ent.text))
        elif (root.head.i == trigger.i and root.dep_ in ("dobj", "nsubjpass")) or (
            root.dep_ == "pobj" and root.head.head.i == trigger.i and root.head.lower_ == "on"
        ):
            targets.append(bare_name(ent.text))
    for match in _PLACE_OF.finditer(nlp.text(doc), start, end):
        found.append(bare_name(match.group(1)))
    return list(dict.fromkeys(p for p in (found or targets) if p))


def _near(token: Token, trigger: Token, scope: Scope) -> bool:
    """Is a phrase attached to the happening itself (the trigger, its clause's verb or their
    subject and object), not to a description of something else ("a conflict in Europe")?"""
    anchors = {trigger.i, scope.root.i}
    low, high = sorted((trigger.i, token.i))
    if any(t.text in ("—", "–", "--") for t in trigger.doc[low:high]):
        return False  # "... an invasion — the first conflict in Europe": a description
    if token.i in anchors:
        return True
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and token.head.i in anchors:
        return True
    return token.dep_ in ("relcl", "acl", "advcl", "conj") and token.i in scope.tokens


def event_organisations(
    doc: Doc, names: NameIndex, places: Sequence[str], scope: Scope
) -> list[str]:
    """Organisations named in the clause that are neither people, places nor sources."""
    place_keys = {p.lower() for p in places}
    found = [
        bare_name(e.text)
        for e in nlp.ents(doc)
        if e.label_ == "ORG"
        and e.root.i in scope.tokens
        and not names.lookup(e.text)
        and bare_name(e.text).lower() not in place_keys
        and not according_to(e.root)
        and not _near_place_noun(doc, e)
    ]
    return list(dict.fromkeys(o for o in found if o))
