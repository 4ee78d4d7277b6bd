"""The plain data objects passed between the pipeline stages.

read -> Article; analyze -> ArticleAnalysis; link -> Digest; render -> pages; write -> docs/.

Everything here is a frozen dataclass of plain values (str, int, float, tuples, other
dataclasses of this module) so that an `ArticleAnalysis` can be cached as JSON and sent to
worker processes, and so that two runs over the same input compare equal.

Character offsets (`start`, `end`) always index into `Article.body`, the article's
paragraphs joined by a blank line ("\\n\\n").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PARAGRAPH_SEPARATOR = "\n\n"


# --- read -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One input file, validated. The body is the untrusted text the rest works on."""

    path: str  # path relative to the content directory, POSIX separators
    slug: str  # stable, unique among the articles of one build; used in URLs
    title: str
    outlet: str
    published: dt.date | None  # None when the file does not say
    paragraphs: tuple[str, ...]
    url: str | None = None  # kept only for http(s)
    authors: tuple[str, ...] = ()
    language: str = "en"
    tags: tuple[str, ...] = ()
    story: str | None = None  # manual grouping key from front matter
    standfirst: str | None = None  # the deck line above a headline, when the file has one
    title_derived: bool = False  # True when the title was made from the first sentence
    content_hash: str = ""  # sha256 of the raw file bytes

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def paragraph_starts(self) -> tuple[int, ...]:
        """Offset of each paragraph in `body`."""
        starts, offset = [], 0
        for paragraph in self.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        return tuple(starts)


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input file. Errors skip the file; warnings do not."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error" skips the file; "warning" fails --strict; "note" never

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


# --- analyze (per article) --------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body. Quotations are never split across two sentences."""

    text: str
    start: int
    end: int
    paragraph: int  # 0-based paragraph index
    index: int  # 0-based sentence index in the article


@dataclass(frozen=True)
class SummarySentence:
    sentence: Sentence
    score: float  # the summarizer's rating; higher is more central


@dataclass(frozen=True)
class Summary:
    algorithm: str
    sentences: tuple[SummarySentence, ...]  # in article order


@dataclass(frozen=True)
class Mention:
    """A span of the body that names a person."""

    text: str
    start: int
    end: int
    sentence: int  # index of the sentence holding it


@dataclass(frozen=True)
class PersonInArticle:
    """The people an article names, merged within the article."""

    name: str  # the fullest form the article uses
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Role:
    text: str  # verbatim from the article, e.g. "Russia's Foreign Minister"
    sentence: int


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim, without the enclosing quotation marks
    start: int
    end: int
    sentence: int
    speaker: str | None  # the person's name as resolved in this article, or None


@dataclass(frozen=True)
class DateExpression:
    text: str
    start: int
    end: int
    value: str | None  # ISO date "2022-03-10", month "2022-03" or year "2022"; None if unresolved
    precision: str | None  # "day", "month", "year", or None
    vague: bool = False  # a loose span ("in recent days"): the value only contains it


@dataclass(frozen=True)
class Happening:
    """A sentence reporting something that happened, with when, where and who."""

    sentence: int
    date: DateExpression
    places: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # names of people (as in PersonInArticle.name)
    organisations: tuple[str, ...] = ()
    trigger: str = ""  # the main verb or noun of the happening, lemmatized
    # For a verb too vague to name it alone, its particle and object as written
    # ("ownership" of "take ownership", "over" of "took over"); empty otherwise.
    detail: str = ""


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything learned from one article alone: a pure function of its text and settings."""

    sentences: tuple[Sentence, ...]
    summary: Summary
    word_count: int
    people: tuple[PersonInArticle, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateExpression, ...] = ()
    happenings: tuple[Happening, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


# --- link (whole corpus) ----------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """Where a verbatim line comes from: article slug and sentence index."""

    article: str  # Article.slug
    sentence: int


@dataclass(frozen=True)
class Analyzed:
    article: Article
    analysis: ArticleAnalysis


@dataclass(frozen=True)
class CitedText:
    """A verbatim piece of an article (a role, a reporting sentence) and where it stands."""

    text: str
    citation: Citation


@dataclass(frozen=True)
class Person:
    slug: str
    name: str  # canonical: the fullest form used
    aliases: tuple[str, ...]  # every other form seen
    roles: tuple[CitedText, ...]
    quotes: tuple[CitedText, ...]
    articles: tuple[str, ...]  # article slugs, newest first
    mentions: int  # how often the corpus names them: the coverage order of the index
    related: tuple[str, ...] = ()  # slugs of people named in the same articles


@dataclass(frozen=True)
class Event:
    slug: str
    title: str  # a label made from the trigger, place and date: no invented facts
    date: str  # ISO value at its precision: "2022-03-10", "2022-03" or "2022"
    precision: str  # "day", "month" or "year"
    reports: tuple[CitedText, ...]  # each outlet's reporting sentences
    places: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # person slugs
    organisations: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    disagreements: tuple[str, ...] = ()  # labels written by the generator, each naming sides
    participant_names: tuple[str, ...] = ()  # display names, parallel to `participants`


@dataclass(frozen=True)
class Story:
    slug: str
    title: str  # the headline of its earliest article
    articles: tuple[str, ...]  # article slugs, oldest first
    summary: tuple[CitedText, ...] = ()  # multi-source summary, every sentence cited
    comparison: object | None = None  # compare.Comparison when the story has 2+ outlets
    paths: tuple[str, ...] = ()  # content paths of its articles, in `articles` order


@dataclass(frozen=True)
class Digest:
    """The whole corpus, linked. Render reads only this."""

    articles: tuple[Analyzed, ...]  # newest first, then by slug
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    stories: tuple[Story, ...] = ()

    def article(self, slug: str) -> Analyzed:
        """The article with this slug. Pages look up thousands of citations, so the index
        is built on first use and kept (outside the fields: equality is unchanged)."""
        index = self.__dict__.get("_by_slug")
        if index is None:
            index = {item.article.slug: item for item in self.articles}
            object.__setattr__(self, "_by_slug", index)
        return index[slug]
