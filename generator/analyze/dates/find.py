"""Finding the date expressions of a parsed article: spaCy's DATE entities (and the TIME
entities that name a day), cut at commas, narrowed to the dates inside a span that does
not resolve whole, plus a few patterns the small model misses ("Thursday", "Feb. 24").
Each is resolved in the direction its clause looks (`tense_mode`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...model import DateExpression
from .. import nlp
from .resolver import resolve
from .tense import PAST, tense_mode
from .words import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc

_EXTRA = re.compile(
    r"\b(?:(?:last|this|next|on) )?(?:"
    + "|".join(n for n in WEEKDAYS if len(n) > 4)
    + r")\b|\b(?:yesterday|today|tomorrow|tonight)\b|\b(?:"
    + "|".join(
        n for n in MONTHS if len(n) > 3 or n in ("jan", "feb", "aug", "sept", "oct", "nov", "dec")
    )
    + r")\.? \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\d+[- ](?:year|month|week|day)s?[- ]old", re.IGNORECASE)


_INNER = re.compile(
    r"(?i)\b(?:"
    + r"(?:"
    + "|".join(n for n in MONTHS if len(n) > 2)
    + r")\.? \d{1,2}(?:st|nd|rd|th)?"
    + r"(?:, (?:1[0-9]{3}|20[0-9]{2}))?"
    + r"|(?:"
    + "|".join(n for n in MONTHS if len(n) > 2)
    + r"),? (?:1[0-9]{3}|20[0-9]{2})"
    + r"|(?:last|this|next) (?:week|month|year)"
    + r"|(?:"
    + "|".join(n for n in WEEKDAYS if len(n) > 5)
    + r")"
    + r"|yesterday|today|tomorrow"
    + r"|(?:1[5-9][0-9]{2}|20[0-9]{2})"
    + r")\b"
)


def _refine(text: str, start: int, end: int, published: dt.date | None) -> list[tuple[int, int]]:
    """A span that does not resolve as a whole ("the six months ended Oct. 1", "the first
    nine months of 1997") is replaced by the dates inside it, when there are any."""
    if published is None or resolve(text[start:end], published).value is not None:
        return [(start, end)]
    inner = [(start + m.start(), start + m.end()) for m in _INNER.finditer(text[start:end])]
    return inner or [(start, end)]


# A TIME entity that names a day ("Thursday night", "this morning") is a date too.
_DAY_TIME = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|"
    + "|".join(WEEKDAYS)
    + r")\b",
    re.IGNORECASE,
)


def candidate_spans(doc: Doc, published: dt.date | None = None) -> list[tuple[int, int]]:
    """Character spans of date expressions: DATE entities, cut at commas, plus patterns.

    With the publication date, spans that resolve only in part are narrowed to their part.
    """
    text = nlp.text(doc)
    spans: list[tuple[int, int]] = []
    for ent in nlp.ents(doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.label_ == "TIME" and not _DAY_TIME.search(ent.text):
            continue
        for start, end in _pieces(text, ent.start_char, ent.end_char):
            spans.extend(_refine(text, start, end, published))
    for match in _EXTRA.finditer(text):
        start, end = match.span()
        if text[start:end].lower().startswith("on "):
            start += 3
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
    return sorted(set(spans))


_LONE_WEEKDAY = re.compile(r"(?i)\s*(?:" + "|".join(WEEKDAYS) + r")\.?")
_MONTH_DAY_START = re.compile(r"(?i)(?:" + "|".join(MONTHS) + r")\.? \d")


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Split "Thursday, weeks" at a comma unless what follows is a year or a date."""
    piece_start = start
    for match in re.finditer(r",\s*", text[start:end]):
        after = text[start + match.end() : end]
        if re.match(r"\d{4}\b", after):
            continue
        before = text[piece_start : start + match.start()]
        if _LONE_WEEKDAY.fullmatch(before) and _MONTH_DAY_START.match(after):
            continue  # "Friday, Feb. 13" is one date
        yield piece_start, start + match.start()
        piece_start = start + match.end()
    yield piece_start, end


def find_dates(doc: Doc, published: dt.date | None) -> tuple[DateExpression, ...]:
    """Every date expression of a parsed body, with offsets and its plain resolved value."""
    found = []
    body = nlp.text(doc)
    for start, end in candidate_spans(doc, published):
        text = body[start:end]
        if not text.strip() or _AGE.search(text):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        mode = tense_mode(span) if span is not None and len(span) else PAST
        resolution = resolve(text, published, mode)
        value, precision = resolution.plain()
        vague = resolution.precision == "ref" and value is not None
        found.append(DateExpression(text, start, end, value, precision, vague))
    return tuple(found)
