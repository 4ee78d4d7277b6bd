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
    dateline: str | None = None  # "WASHINGTON (AP)": the wire dateline the text opened with
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


# --- link: how the outlets of one story compare (link/compare) -------------------------


@dataclass(frozen=True)
class Side:
    """One article of the story, as the side-by-side table shows it."""

    article: str  # slug
    outlet: str
    title: str
    published: str | None  # ISO date
    words: int
    sentences: int
    authors: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Marked:
    """A cited sentence with the character spans (in its text) only its outlet reports."""

    cited: CitedText
    unique_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SharedFact:
    """A statement two or more outlets report: each outlet's own sentence."""

    versions: tuple[Marked, ...]  # one per article, in story order
    similarity: float


@dataclass(frozen=True)
class OutletFacts:
    """What only one article reports: whole sentences, and details inside shared ones."""

    article: str
    sentences: tuple[Marked, ...]  # no other outlet has a matching sentence
    details: tuple[Marked, ...]  # matched sentences that add details of their own


@dataclass(frozen=True)
class Figure:
    """A number as an article states it, and the range of values it allows."""

    text: str  # verbatim, e.g. "more than 1,200 civilians"
    unit: str  # the word counted, verbatim ("civilians")
    low: float
    high: float | None  # None: no upper bound ("more than 1,200")
    cited: CitedText
    start: int = 0  # offset of `text` in the cited sentence


@dataclass(frozen=True)
class NumberDifference:
    """Outlets giving different figures for the same kind of thing in similar sentences."""

    unit: str  # stem of the counted word: what the figures are about
    figures: tuple[Figure, ...]
    compatible: bool  # True when the ranges overlap ("more than 1,000" and "1,200")


@dataclass(frozen=True)
class QuoteVersion:
    article: str
    text: str  # verbatim quote, without its marks
    speaker: str | None
    cited: CitedText  # the sentence holding it


@dataclass(frozen=True)
class QuoteGroup:
    """One quotation as each outlet used it; several articles when it is shared."""

    versions: tuple[QuoteVersion, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.article for v in self.versions))


@dataclass(frozen=True)
class PersonUse:
    """How each article used a person: quotes counted, and whether it names them."""

    name: str
    person: str | None  # Person.slug when the corpus has one
    quoted: tuple[int, ...]  # per side
    named: tuple[bool, ...]  # per side


@dataclass(frozen=True)
class SourceCitation:
    """A medium or agency an article attributes something to."""

    article: str
    name: str  # verbatim, e.g. "the Interfax news agency"
    cited: CitedText


@dataclass(frozen=True)
class Gap:
    """Something some articles of the story mention and the others do not."""

    kind: str  # "person", "place", "organisation" or "event"
    name: str  # verbatim from the first article mentioning it
    mentions: tuple[CitedText, ...]  # the first mention in each article that has it
    missing: tuple[str, ...]  # slugs of the articles that do not mention it
    target: str | None = None  # slug of the Person or Event page, when there is one


@dataclass(frozen=True)
class Comparison:
    sides: tuple[Side, ...]
    shared: tuple[SharedFact, ...]
    unique: tuple[OutletFacts, ...]  # per side
    numbers: tuple[NumberDifference, ...]
    quotes: tuple[QuoteGroup, ...]
    people: tuple[PersonUse, ...]
    sources: tuple[SourceCitation, ...]
    gaps: tuple[Gap, ...]
    omitted: tuple[str, ...] = ()  # slugs of the story's articles left out of the comparison


def date_label(value: str, precision: str) -> str:
    """'10 March 2022', 'March 2022' or '2022': how a date reads on a page."""
    if precision == "day":
        day = dt.date.fromisoformat(value)
        return f"{day.day} {day.strftime('%B')} {day.year}"
    if precision == "month":
        day = dt.date.fromisoformat(value + "-01")
        return f"{day.strftime('%B')} {day.year}"
    return value


@dataclass(frozen=True)
class Story:
    slug: str
    title: str  # the headline of its earliest article
    articles: tuple[str, ...]  # article slugs, oldest first
    summary: tuple[CitedText, ...] = ()  # multi-source summary, every sentence cited
    comparison: Comparison | None = None  # when the story has 2+ outlets
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
