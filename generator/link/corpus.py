"""The corpus-wide step: people, events and stories from all articles' analyses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..cache import LinkMemo
from ..model import Analyzed, Digest
from ..settings import Settings


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


def prepare() -> None:
    """Import what linking needs (scikit-learn, scipy, sumy: seconds of work), for a caller
    with time to spare, such as a build waiting for its analysis workers."""
    import scipy.cluster.hierarchy
    import scipy.sparse.csgraph  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    from . import events, people, stories  # noqa: F401


def link(items: Sequence[Analyzed], settings: Settings, memo: LinkMemo | None = None) -> Digest:
    """Merge per-article findings into the corpus: the Digest render reads.

    `memo` holds per-story results of earlier builds (see stories.link_stories).
    """
    # Imported here: scikit-learn and sumy take seconds to import, and a build whose
    # articles are all unchanged reuses the last linked corpus (build.linked) instead.
    from .events import link_events
    from .people import merge_people
    from .stories import link_stories

    articles = newest_first(items)
    people = merge_people(articles, settings.link.people)
    digest = Digest(
        articles=articles, people=people, events=link_events(articles, people, settings.link.events)
    )
    # stories last: comparisons link to the people and events found before
    options = settings.link.stories
    return replace(digest, stories=link_stories(digest, settings, options, memo=memo))
