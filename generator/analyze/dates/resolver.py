"""Resolving one date expression: the text made plain, then the first reading that answers.

In order: a number alone is no date; without a publication date only a self-contained
date (with a year) resolves; a word that refers to the past, present or future without a
date ("recently", "now", "soon"); a spelled-out year; the news rules; dateparser last. The
words around a date that do not change it ("on", "since", "the end of") are tried with
and without.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from . import resolution
from .fallback import with_dateparser
from .resolution import UNRESOLVED, Resolution
from .rules import RULES
from .spelled import spelled_date
from .tense import PAST
from .words import FUTURE_WORDS, MODIFIERS, PAST_WORDS, PRESENT_WORDS

# Words around a date that do not change the day it names at the precision we report.
_MODIFIERS = re.compile(r"^(?:(?:" + "|".join(map(re.escape, MODIFIERS)) + r")\s+)+")

# A number of one to three digits alone is a score, an age or an amount that the NER model
# took for a date ("Ramprakash was out for 58"): dateparser would make it the year 1958, or
# a day of the publication month. A year written short keeps its apostrophe ("'58").
_BARE_NUMBER = re.compile(r"(?:the )?\d{1,3}")


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, one space, no possessive, no leading modifiers."""
    value = text.lower().replace("’", "'").replace("`", "'")
    value = re.sub(r"\s+", " ", value).strip(" ,.;:'\"()")
    value = re.sub(r"'s$", "", value)
    value = value.replace("mid-", "mid ")
    return value


def _strip_modifiers(value: str) -> str:
    previous = None
    while previous != value:
        previous = value
        value = _MODIFIERS.sub("", value).strip()
    return value


def _by_words(value: str) -> Resolution | None:
    if value in PRESENT_WORDS:
        return resolution.ref("PRESENT")
    if value in PAST_WORDS:
        return resolution.ref("PAST")
    if value in FUTURE_WORDS:
        return resolution.ref("FUTURE")
    return None


@functools.lru_cache(maxsize=16_384)
def resolve(text: str, published: dt.date | None, mode: str = PAST) -> Resolution:
    """Resolve one date expression against the publication date (news rules, then dateparser).

    `mode` is PAST (the default for news: reports look back) or FUTURE when the sentence
    looks forward ("will meet Friday").

    Cached: the answer depends on the arguments alone (a Resolution is immutable), and the
    same expression is resolved more than once per article (whole and in parts), dateparser
    being most of the cost.

    Never raises on what an article says: a date outside the calendar ("7000 years ago"
    from a rule's arithmetic, a year past 9999) is unresolved, not an error.
    """
    try:
        return _resolve(text, published, mode)
    except (ValueError, OverflowError):
        return UNRESOLVED


def _resolve(text: str, published: dt.date | None, mode: str) -> Resolution:
    if _BARE_NUMBER.fullmatch(" ".join(text.lower().split()).strip(' ,.;:"()')):
        return UNRESOLVED
    if published is None:
        return _absolute_only(text)
    value = normalise(text)
    words = _by_words(value)
    if words is not None:
        return words
    for candidate in dict.fromkeys((value, _strip_modifiers(value))):
        if not candidate:
            continue
        words = _by_words(candidate)
        if words is not None:
            return words
        spelled = spelled_date(candidate)
        if spelled is not None:
            return spelled
        for pattern, rule in RULES:
            match = pattern.match(candidate)
            if match:
                found = rule(match, published, mode)
                if found is not None:
                    return found
    return with_dateparser(_strip_modifiers(value) or value, published, mode)


def _absolute_only(text: str) -> Resolution:
    """Without a publication date only self-contained dates (with a year) can be resolved."""
    value = _strip_modifiers(normalise(text))
    if not re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", value):
        return UNRESOLVED
    anchor = dt.date(int(re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", value).group(1)), 12, 31)
    return resolve(value, anchor)
