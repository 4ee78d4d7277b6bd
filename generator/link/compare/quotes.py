"""Quote alignment: one quotation as each outlet gave it, however trimmed.

Two quotes are one quotation when they share a long run of words: "came to talk but not
to decide" meets "I have the impression that Minister Lavrov came to talk but not to
decide". Every quote of every compared article is grouped with its versions elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model import Analyzed, Quote, QuoteGroup, QuoteVersion
from ...settings import CompareOptions
from .sides import cite

DEFAULTS = CompareOptions()

_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quote_words(text: str) -> list[str]:
    """Lower-cased words of a quote, apostrophes unified: what trimming leaves intact."""
    return [w.replace("’", "'") for w in _QUOTE_WORD.findall(text.lower())]


def longest_common_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of words two sequences share (dynamic programming)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def same_quotation(a: str, b: str, options: CompareOptions = DEFAULTS) -> bool:
    """Whether two quotes are one quotation, however each outlet trimmed it: a common run
    of `min_quote_long` words, or of `min_quote_run` covering `quote_cover` of the shorter."""
    wa, wb = quote_words(a), quote_words(b)
    if not wa or not wb:
        return False
    run = longest_common_run(wa, wb)
    shorter = min(len(wa), len(wb))
    return run >= options.min_quote_long or (
        run >= min(options.min_quote_run, shorter) and run >= options.quote_cover * shorter
    )


def align_quotes(
    items: Sequence[Analyzed], options: CompareOptions = DEFAULTS
) -> tuple[QuoteGroup, ...]:
    """Every quote of every article, grouped with its versions in the other articles."""
    versions: list[QuoteVersion] = []
    for item in items:
        for quote in item.analysis.quotes:
            versions.append(_quote_version(item, quote))
    parent = list(range(len(versions)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x in range(len(versions)):
        for y in range(x + 1, len(versions)):
            if versions[x].article != versions[y].article and same_quotation(
                versions[x].text, versions[y].text, options
            ):
                parent[root(y)] = root(x)
    groups: dict[int, list[QuoteVersion]] = {}
    for x, version in enumerate(versions):
        groups.setdefault(root(x), []).append(version)
    result = [QuoteGroup(tuple(group)) for _, group in sorted(groups.items())]
    # shared quotations first, then in the order of the articles
    return tuple(sorted(result, key=lambda g: (len(g.articles) < 2,)))


def _quote_version(item: Analyzed, quote: Quote) -> QuoteVersion:
    return QuoteVersion(
        article=item.article.slug,
        text=quote.text,
        speaker=quote.speaker,
        cited=cite(item, quote.sentence),
    )
