"""The corpus-wide step: people, events and stories from all articles' analyses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .events import link_events
from .model import Analyzed, Digest
from .people import merge_people
from .settings import Settings
from .stories import link_stories


def newest_first(items: Sequence[Analyzed]) -> tuple[Analyzed, ...]:
    """Newest first; undated last; then by slug, so the order never depends on the disk."""
    return tuple(
        sorted(
            items,
            key=lambda a: (
                a.article.published is None,
                -(a.article.published.toordinal() if a.article.published else 0),
                a.article.slug,
            ),
        )
    )


def link(items: Sequence[Analyzed], settings: Settings) -> Digest:
    """Merge per-article findings into the corpus: the Digest render reads."""
    articles = newest_first(items)
    people = merge_people(articles)
    digest = Digest(articles=articles, people=people, events=link_events(articles, people))
    # stories last: comparisons link to the people and events found before
    return replace(digest, stories=link_stories(digest, settings))
