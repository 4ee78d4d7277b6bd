"""Which way a clause looks: a date without a year or a week reads differently in "met on
Friday" (the Friday before publication) and "will meet on Friday" (the one after).

The three modes are the direction every rule resolves in: PAST (reports look back, the
default), FUTURE, and NEAREST for the present tense, which may look either way ("talks
resume Monday"). `tense_mode` reads the mode from spaCy's parse of the clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import FUTURE_AUXILIARIES, LOOKING_FORWARD

if TYPE_CHECKING:
    from spacy.tokens import Span

PAST, FUTURE, NEAREST = "past", "future", "nearest"


def tense_mode(span: Span) -> str:
    """FUTURE when the clause that holds a date looks forward, NEAREST when it is in the
    present tense, else PAST."""
    token = span.root
    for _ in range(6):
        if (
            token.pos_ in ("VERB", "AUX")
            or token.dep_ == "ROOT"
            or token.text.lower() in LOOKING_FORWARD
        ):
            break
        token = token.head
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.text.lower() in FUTURE_AUXILIARIES:
            return FUTURE
    head = token
    for _ in range(3):
        if head.text.lower() in LOOKING_FORWARD:
            return FUTURE
        if (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
            and head.head is not head
        ):
            head = head.head
            continue
        break
    if head.text.lower() in LOOKING_FORWARD:
        return FUTURE
    if token.tag_ in ("VBD", "VBN") or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ in ("VBD", "VBN")
        for child in token.children
    ):
        return PAST
    if token.tag_ in ("VBZ", "VBP", "VB", "VBG") or token.pos_ == "AUX":
        return NEAREST  # present tense: the report may look either way
    return PAST
