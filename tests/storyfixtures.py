"""Small hand-made articles for the story and comparison tests (no spaCy needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.analyze.summarize import summarize
from generator.model import (
    PARAGRAPH_SEPARATOR,
    Analyzed,
    Article,
    ArticleAnalysis,
    Mention,
    PersonInArticle,
    Quote,
    Sentence,
)


def item(
    slug: str,
    outlet: str,
    paragraphs: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    published: dt.date | None = dt.date(2022, 3, 10),
    story: str | None = None,
    people: Sequence[str] = (),
    places: Sequence[str] = (),
    organisations: Sequence[str] = (),
    speakers: dict[str, str] | None = None,
) -> Analyzed:
    """An analysed article: each paragraph a list of sentences; quotes found by their marks.

    `people` are full names; every sentence naming one (by any word of the name) records a
    mention. `speakers` maps a quote's first words to its speaker.
    """
    texts = [" ".join(p) for p in paragraphs]
    body = PARAGRAPH_SEPARATOR.join(texts)
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(paragraphs):
        position = offset
        for text in paragraph:
            start = body.index(text, position)
            sentences.append(Sentence(text, start, start + len(text), number, len(sentences)))
            position = start + len(text)
        offset += len(texts[number]) + len(PARAGRAPH_SEPARATOR)
    quotes = []
    for sentence in sentences:
        for part in _quoted(sentence.text):
            start = body.index(part, sentence.start)
            speaker = next(
                (who for first, who in (speakers or {}).items() if part.startswith(first)), None
            )
            quotes.append(Quote(part, start, start + len(part), sentence.index, speaker))
    found_people = []
    for name in people:
        mentions = tuple(
            Mention(name, s.start, s.end, s.index)
            for s in sentences
            if any(word in s.text for word in name.split())
        )
        found_people.append(PersonInArticle(name=name, aliases=(), mentions=mentions))
    analysis = ArticleAnalysis(
        sentences=tuple(sentences),
        summary=summarize(sentences, count=2),
        word_count=len(body.split()),
        people=tuple(found_people),
        quotes=tuple(quotes),
        places=tuple(places),
        organisations=tuple(organisations),
    )
    article = Article(
        path=f"{slug}.md",
        slug=slug,
        title=title or texts[0][:60],
        outlet=outlet,
        published=published,
        paragraphs=tuple(texts),
        story=story,
    )
    return Analyzed(article, analysis)


def _quoted(text: str) -> list[str]:
    parts, start = [], None
    for index, char in enumerate(text):
        if char in '“"' and start is None:
            start = index + 1
        elif char in '”"' and start is not None:
            parts.append(text[start:index])
            start = None
    return parts


# Two reports of one (invented) meeting, worded and trimmed differently.
HARBOUR_TIMES = item(
    "2024-05-02-times-harbour-talks",
    "The Harbour Times",
    [
        [
            "Mayor Ana Ruiz said the port strike cost the city 12 million dollars in lost trade.",
            "“We came to listen but not to sign anything today,” union leader Tom Berg told "
            "reporters after a meeting that lasted more than three hours.",
        ],
        [
            "The dockworkers walked out on Monday after talks on wages collapsed.",
            "The Coastal Ledger newspaper reported that two ships had been diverted to Velport.",
        ],
    ],
    title="Port strike talks end without a deal",
    people=("Ana Ruiz", "Tom Berg"),
    places=("Velport",),
    speakers={"We came": "Tom Berg"},
)
BAY_NEWS = item(
    "2024-05-02-bay-harbour-talks",
    "Bay News",
    [
        [
            "The port strike has cost the city 15 million dollars in lost trade, the mayor said.",
            "Berg said the union “came to listen but not to sign anything,” according to "
            "Radio Norte.",
        ],
        [
            "Dockworkers walked out on Monday when wage talks collapsed.",
            "A fisherman, Lio Park, said the harbour had never been so quiet.",
        ],
    ],
    title="Harbour strike: no deal after talks",
    people=("Tom Berg", "Lio Park"),
    speakers={"came to": "Tom Berg"},
)
