"""Spelled-out years: broadcast transcripts write "nineteen ninety-six" and "the year two
thousand", alone or after a month or a season ("January nineteen ninety-seven").

The number words are the one table (`text.NUMBER_WORDS`), read by value: the digits, the
teens and the tens of a year.
"""

from __future__ import annotations

import re

from ..text import NUMBER_WORDS
from . import resolution
from .resolution import Resolution
from .words import MONTHS, SEASONS

# "A dozen" counts twelve but is no digit of a year written out: "nineteen dozen" is none.
_NOT_DIGITS = frozenset({"dozen"})
_DIGIT_WORDS = {word: n for word, n in NUMBER_WORDS.items() if word not in _NOT_DIGITS}
_UNITS = {word: n for word, n in _DIGIT_WORDS.items() if n < 10}
_TEENS = {word: n for word, n in _DIGIT_WORDS.items() if 10 <= n < 20}
_TENS = {word: n for word, n in _DIGIT_WORDS.items() if 20 <= n < 100 and n % 10 == 0}


def _two_digits(words: str) -> int | None:
    words = words.strip().replace("-", " ")
    if words in _TEENS:
        return _TEENS[words]
    parts = words.split()
    if parts and parts[0] in _TENS and len(parts) <= 2:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 99) if len(parts) == 2 else 0)
    return None


def spelled_year(value: str) -> int | None:
    """Broadcast transcripts spell years: "nineteen ninety-six", "the year two thousand"."""
    value = value.removeprefix("the year ").strip()
    match = re.fullmatch(r"(nineteen|twenty) ([a-z -]+)", value)
    if match:
        rest = _two_digits(match[2])
        if rest is not None and rest < 100:
            return (19 if match[1] == "nineteen" else 20) * 100 + rest
    match = re.fullmatch(r"two thousand(?: and)?(?: ([a-z -]+))?", value)
    if match:
        rest = 0 if match[1] is None else (_UNITS.get(match[1]) or _two_digits(match[1]))
        return None if rest is None else 2000 + rest
    return None


def spelled_date(value: str) -> Resolution | None:
    """A spelled-out year, alone or after a month or season ("January nineteen ninety-seven")."""
    match = re.fullmatch(
        r"(?:(?P<name>[a-z]+) (?:of )?)?(?P<rest>(?:the year )?(?:nineteen|twenty|two thousand).*)",
        value,
    )
    if not match:
        return None
    year = spelled_year(match["rest"])
    if year is None:
        return None
    name = match["name"]
    if name is None:
        return resolution.year(year)
    if name in MONTHS:
        return resolution.month(year, MONTHS[name])
    if name in SEASONS:
        return resolution.season(year, SEASONS[name])
    return None
