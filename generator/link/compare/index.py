"""What a comparison reads of the linked corpus: the people and events of each article.

A comparison links the people it lists and the events some outlets leave out to their
pages. Indexing the corpus once, by article, keeps the cost of comparing a story to that
story's own articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Digest


@dataclass(frozen=True)
class CorpusIndex:
    """What a comparison reads of the linked corpus, indexed by article.

    `people`: article slug -> {name form -> the slug of that person's page}.
    `events`: article slug -> (event position in the digest, event slug, event title,
    sentence index) for every report of an event in that article, in digest order.
    Built once per corpus (`of`), so comparing a story costs its own articles, not the
    corpus; `part` keeps a story's entries only: all a comparison of it can depend on.
    """

    people: dict[str, dict[str, str]]
    events: dict[str, tuple[tuple[int, str, str, int], ...]]

    @classmethod
    def of(cls, digest: Digest | None) -> CorpusIndex:
        people: dict[str, dict[str, str]] = {}
        events: dict[str, list[tuple[int, str, str, int]]] = {}
        if digest is not None:
            for person in digest.people:
                for article in person.articles:
                    forms = people.setdefault(article, {})
                    for form in (person.name, *person.aliases):
                        forms[form] = person.slug
            for position, event in enumerate(digest.events):
                for report in event.reports:
                    entry = (position, event.slug, event.title, report.citation.sentence)
                    events.setdefault(report.citation.article, []).append(entry)
        return cls(people, {a: tuple(found) for a, found in events.items()})

    def person(self, article: str, name: str) -> str | None:
        """The page of the person an article names so, if the corpus has one."""
        return self.people.get(article, {}).get(name)

    def part(self, articles: Sequence[str]) -> CorpusIndex:
        """The entries of these articles only (sorted: equal parts compare and print equal)."""
        wanted = sorted(set(articles))
        return CorpusIndex(
            {a: dict(sorted(self.people[a].items())) for a in wanted if a in self.people},
            {a: self.events[a] for a in wanted if a in self.events},
        )
