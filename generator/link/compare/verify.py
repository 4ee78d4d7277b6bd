"""Absences checked against the texts before a comparison states them.

A comparison says "not in <outlet>" (a coverage gap) or "—" (the outlet neither quotes nor
names someone). Such a claim rests on what the analysis found, and the analysis misses
names: the model can tag a surname as an organisation, a headline can carry the only
mention, identity can split one person. So before a person, place or organisation is said
to be missing from an article, the article's own text (headline and body) is searched for
every form of its name the story's articles use, and, for a person, for the surname of
each form. Found anywhere, the absence is not claimed: what cannot be verified is not
written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ...model import Analyzed


@functools.lru_cache(maxsize=8192)
def _pattern(form: str) -> re.Pattern[str]:
    # a whole word or phrase, as written: "Obama" is not in "Obamacare", "Lee" not in "lee"
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])")


def name_forms(names: Iterable[str], person: bool) -> list[str]:
    """The forms to look for: each name, and for a person each name's last word."""
    forms: dict[str, None] = {}
    for name in names:
        name = " ".join(name.replace("’", "'").split()).removesuffix("'s")
        if not name:
            continue
        forms[name] = None
        words = name.split()
        if person and len(words) > 1 and len(words[-1]) >= 3 and words[-1][0].isupper():
            forms[words[-1]] = None
    return list(forms)


def names_any(item: Analyzed, forms: Iterable[str]) -> bool:
    """Does the article's headline or body contain one of these forms?"""
    return names_in((item.article.title, *item.article.paragraphs), forms)


def names_in(texts: Iterable[str], forms: Iterable[str]) -> bool:
    """Does one of the texts contain one of these forms? (Searched one paragraph at a time:
    a name never runs across paragraphs, and the body need not be joined for each name.)"""
    patterns = [_pattern(form) for form in forms if len(form) >= 2]
    return any(pattern.search(text) for text in texts for pattern in patterns)
