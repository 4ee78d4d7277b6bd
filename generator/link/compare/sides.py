"""The sides of a comparison: which articles are compared, and how a sentence of one is cited.

A story may hold many articles from one outlet and more outlets than fit side by side on
a page; a comparison puts one article per outlet (its longest) beside the others, and
everything it shows cites a sentence of one of those articles by position.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Analyzed, Citation, CitedText, Side
from ...settings import CompareOptions

DEFAULTS = CompareOptions()


def sides_to_compare(items: Sequence[Analyzed], limit: int | None = None) -> list[Analyzed]:
    """One article per outlet (its longest), at most `limit` outlets (default: max_sides),
    in story order."""
    limit = DEFAULTS.max_sides if limit is None else limit
    best: dict[str, Analyzed] = {}
    for item in items:
        outlet = item.article.outlet
        if outlet not in best or _length(item) > _length(best[outlet]):
            best[outlet] = item
    chosen = sorted(best.values(), key=_length, reverse=True)[:limit]
    keep = {item.article.slug for item in chosen}
    return [item for item in items if item.article.slug in keep]


def _length(item: Analyzed) -> tuple[int, str]:
    # ties: the earlier slug counts as longer, so the choice never depends on input order
    return (item.analysis.word_count, "".join(chr(0x10FFFF - ord(c)) for c in item.article.slug))


def side(item: Analyzed) -> Side:
    """What a comparison shows of an article at the head of its column."""
    article = item.article
    return Side(
        article=article.slug,
        outlet=article.outlet,
        title=article.title,
        published=article.published.isoformat() if article.published else None,
        words=item.analysis.word_count,
        sentences=len(item.analysis.sentences),
        authors=article.authors,
        url=article.url,
    )


def article_index(items: Sequence[Analyzed], slug: str) -> int:
    """The position of an article among the compared ones."""
    return next(i for i, item in enumerate(items) if item.article.slug == slug)


def cite(item: Analyzed, index: int) -> CitedText:
    """A sentence of an article, verbatim, with its citation."""
    sentence = item.analysis.sentences[index]
    return CitedText(sentence.text, Citation(item.article.slug, sentence.index))
