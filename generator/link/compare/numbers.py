"""Figures that differ: the same thing counted differently by two outlets.

A figure is a number (digits, number words, "hundreds of") and the word it counts, with a
qualifier ("more than", "nearly") turned into a range. Two outlets' figures count the same
thing when their counted words share a stem and their surroundings, or whole sentences,
say the same; they disagree when their ranges cannot both hold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ...analyze import lexicon
from ...analyze.text import NUMBER_WORDS, content_words, stem
from ...model import Analyzed, Citation, CitedText, Figure, NumberDifference
from ...settings import CompareOptions
from .align import StorySentences
from .facts import WORD
from .sides import article_index

DEFAULTS = CompareOptions()

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PLURAL_RANGES = {  # "hundreds of", "thousands of": at least two, fewer than ten of them
    "dozens": (24, 120), "hundreds": (200, 1e3), "thousands": (2e3, 1e4),
    "millions": (2e6, 1e7), "billions": (2e9, 1e10),
}  # fmt: skip
_TIME_UNITS = lexicon.entries("time-units")  # "a week": one of them
_QUALIFIERS = {
    "more than": "above", "over": "above", "at least": "min", "nearly": "near",
    "almost": "near", "about": "about", "around": "about", "roughly": "about",
    "some": "about", "approximately": "about", "up to": "max", "fewer than": "max",
    "less than": "max", "under": "max",
}  # fmt: skip
_MONTHS = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w$€£.,-])(?:(?P<qual>{'|'.join(_QUALIFIERS)})\s+)?"
    r"(?P<cur>[$€£])?"
    rf"(?P<value>\d[\d,]*(?:\.\d+)?|(?:{'|'.join(_PLURAL_RANGES)})\s+of"
    rf"(?:\s+(?:{'|'.join(_PLURAL_RANGES)})\s+of)?|(?:{_WORDNUM})(?:[- ](?:{_WORDNUM}))?|an?)"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALE)}))?"
    r"(?:-|\s+)(?:of\s+)?(?P<unit>(?-i:(?:[A-Z][\w’'-]*\s+)?[a-z][\w’'-]*))",
    re.IGNORECASE,
)


def figures(item: Analyzed, options: CompareOptions = DEFAULTS) -> list[Figure]:
    """Every figure in an article: a number (or number words) and the word it counts."""
    found: list[Figure] = []
    for sentence in item.analysis.sentences:
        for match in _FIGURE.finditer(sentence.text):
            figure = _figure(match, sentence.text, options)
            if figure is not None:
                low, high, unit, text = figure
                cited = CitedText(sentence.text, Citation(item.article.slug, sentence.index))
                bound = None if math.isinf(high) else high
                found.append(Figure(text, unit, low, bound, cited, start=match.start()))
    return found


def _figure(
    match: re.Match[str], sentence: str, options: CompareOptions
) -> tuple[float, float, str, str] | None:
    before = sentence[: match.start()]
    if re.search(_MONTHS + r"\s*$", before):  # "Feb. 24": a date, not a count
        return None
    raw = match.group("value").lower()
    first, _, second = match.group("unit").partition(" ")
    second = second.strip()
    end = match.end()
    if second and first[0].isupper() and content_words(second):
        unit = second  # "Ukrainian civilians": the adjective is not what is counted
    elif content_words(first):
        unit, end = first, match.start("unit") + len(first)
    elif match.group("cur"):
        unit, end = match.group("cur"), match.start("unit")
    else:
        return None
    unit = unit.rstrip("’'")
    scale = _SCALE.get((match.group("scale") or "").lower(), 1.0)
    if raw in ("a", "an"):
        if match.group("scale") is None and not unit.lower().startswith(_TIME_UNITS):
            return None
        low = high = 1.0 * scale
    elif raw[0].isdigit():
        try:
            low = high = float(raw.replace(",", "")) * scale
        except ValueError:
            return None
        if match.group("scale") is None and 1900 <= low <= 2100 and "," not in raw:
            return None  # a year
    elif raw.split()[0] in _PLURAL_RANGES:
        parts = [p for p in raw.split() if p in _PLURAL_RANGES]
        low, high = _PLURAL_RANGES[parts[0]]
        for part in parts[1:]:
            factor = _PLURAL_RANGES[part][0] / 2
            low, high = low * factor, high * factor
    else:
        low = high = float(sum(NUMBER_WORDS[w] for w in re.split(r"[- ]", raw))) * scale
    if unit.lower() in NUMBER_WORDS or unit.lower() in _SCALE:
        return None
    qualifier = _QUALIFIERS.get((match.group("qual") or "").lower())
    low, high = _qualified(low, high, qualifier, options)
    text = sentence[match.start() : end].strip()
    return low, high, unit, text


def _qualified(
    low: float, high: float, qualifier: str | None, options: CompareOptions
) -> tuple[float, float]:
    """The range a qualified count allows ("nearly", "about": the margins of `options`)."""
    if qualifier == "above":
        return high, math.inf
    if qualifier == "min":
        return low, math.inf
    if qualifier == "near":
        return low * (1 - options.near_margin), high
    if qualifier == "about":
        return low * (1 - options.about_margin), high * (1 + options.about_margin)
    if qualifier == "max":
        return 0.0, high
    return low, high


def _high(figure: Figure) -> float:
    return math.inf if figure.high is None else figure.high


def _unit_key(unit: str) -> str:
    return stem(unit.lower().replace("’", "'").removesuffix("'s"))


def figure_context(figure: Figure, words: int = DEFAULTS.context_words) -> frozenset[str]:
    """Content stems of the `words` words either side of a figure (the counted word itself
    left out)."""
    sentence = figure.cited.text
    before = WORD.findall(sentence[: figure.start])[-words:]
    after = WORD.findall(sentence[figure.start + len(figure.text) :])[:words]
    context = set(content_words(" ".join(before + after)))
    return frozenset(context - {_unit_key(figure.unit)})


def same_thing(
    a: Figure, b: Figure, table: StorySentences, options: CompareOptions = DEFAULTS
) -> bool:
    """Whether two figures with the same counted word count the same thing.

    Their surroundings must share a content word ("killed 12 people" / "killed 15 people"),
    or their whole sentences must say the same thing (as aligned facts do: at least
    `align_threshold`). "Civilians under fire" and "civilians killed or wounded" share the
    counted word only: not the same thing.
    """
    if figure_context(a, options.context_words) & figure_context(b, options.context_words):
        return True
    return table.between(a.cited.citation, b.cited.citation) >= options.align_threshold


def number_differences(
    items: Sequence[Analyzed], table: StorySentences, options: CompareOptions = DEFAULTS
) -> tuple[NumberDifference, ...]:
    """Figures for the same thing that differ between outlets, each side cited.

    Two figures count the same thing when their counted words share a stem and
    `same_thing` holds. They differ when the stated numbers differ; they disagree (not
    compatible) when their ranges cannot both hold.
    """
    per_article = [figures(item, options) for item in items]
    by_unit: dict[str, list[tuple[int, Figure]]] = {}
    for index, found in enumerate(per_article):
        for figure in found:
            by_unit.setdefault(_unit_key(figure.unit), []).append((index, figure))
    differences: list[NumberDifference] = []
    for unit, entries in sorted(by_unit.items()):
        if len({items[i].article.outlet for i, _ in entries}) < 2:
            continue
        pairs: list[tuple[Figure, Figure]] = []
        for x, (a, fa) in enumerate(entries):
            for b, fb in entries[x + 1 :]:
                if items[a].article.outlet == items[b].article.outlet:
                    continue
                if (fa.low, fa.high) == (fb.low, fb.high):
                    continue
                if same_thing(fa, fb, table, options):
                    pairs.append((fa, fb))
        if not pairs:
            continue
        involved = {id(f): f for pair in pairs for f in pair}
        ordered = sorted(
            involved.values(),
            key=lambda f: (
                article_index(items, f.cited.citation.article),
                f.cited.citation.sentence,
            ),
        )
        compatible = all(max(a.low, b.low) <= min(_high(a), _high(b)) for a, b in pairs)
        differences.append(NumberDifference(unit, tuple(ordered), compatible))
    return tuple(differences)
