"""Per-article analysis: a pure function of (article, settings, model version).

spaCy parses every body once (`nlp.pipe`, in batches); each stage below reads that parse.
Nothing here looks at other articles, so results can be cached by hash and computed on
any worker process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from ..model import Article, ArticleAnalysis, Summary
from ..settings import Settings
from . import happenings, nlp
from .mentions import people_in_article
from .quotes import find_quotes
from .summarize import rating_limit, summarize

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")


def analyze_here(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleAnalysis]:
    """Analyse articles in order, in this process: parse in batches with one model load,
    then analyse each parse. (`parallel.analyze_articles` spreads them over processes.)"""
    model = nlp.load(settings.spacy_model)
    bodies = (analysed_text(article.body, settings.max_article_chars) for article in articles)
    for article, doc in zip(articles, nlp.parse(model, bodies), strict=True):
        try:
            yield analyze_doc(article, doc, settings)
        except Exception as exc:  # one article must never stop the build
            yield unanalysed(doc, settings, exc)


def unanalysed(doc: Doc, settings: Settings, exc: Exception) -> ArticleAnalysis:
    """What is left of an article whose analysis failed outside any one part: its text
    (so its page still shows it), no summary, people or events, and the reason."""
    try:
        sentences = nlp.sentences(doc)
    except Exception:  # the text alone, as one sentence per paragraph
        sentences = ()
    return ArticleAnalysis(
        sentences=sentences,
        summary=Summary(settings.summarizer, ()),
        word_count=len(nlp.text(doc).split()),
        warnings=(
            f"could not be analysed ({type(exc).__name__}: {exc}); its page shows the text "
            "without summary, people or events",
        ),
    )


def analysed_text(body: str, limit: int) -> str:
    """The part of a body that is analysed: all of it, or a prefix cut at a paragraph or
    word boundary (so no sentence or word is cut in two), never longer than `limit`."""
    if len(body) <= limit:
        return body
    for boundary in ("\n\n", " "):
        cut = body.rfind(boundary, 0, limit + 1)
        if cut >= limit // 2:
            return body[:cut]
    return body[:limit]


def analyze_doc(article: Article, doc: Doc, settings: Settings) -> ArticleAnalysis:
    """Everything one article tells on its own, from its parse."""
    warnings: list[str] = []
    analysed = len(nlp.text(doc))
    if len(article.body) > analysed:
        warnings.append(
            f"is {len(article.body):,} characters long; only the first {analysed:,} were "
            "analysed and shown (max_article_chars): split it into several articles"
        )
    sentences = nlp.sentences(doc)
    rated = sentences[: rating_limit(settings.summarizer, settings.max_sentences)]
    if len(sentences) > len(rated):
        warnings.append(
            f"has {len(sentences):,} sentences; only the first "
            f"{len(rated):,} were considered for the summary (max_sentences)"
        )
    summary = summarize(
        rated,
        settings.summarizer,
        settings.summary_sentences,
        settings.summary_ratio,
        headline=None if article.title_derived else article.title,
    )
    people = _guarded("its people", warnings, (), lambda: people_in_article(doc, sentences))
    dated = _guarded(
        "its dates and events",
        warnings,
        happenings.ArticleEvents((), (), (), ()),
        lambda: happenings.analyze(article, doc, sentences, people, warnings),
    )
    quotes = _guarded("its quotations", warnings, (), lambda: find_quotes(doc, sentences, people))
    return ArticleAnalysis(
        sentences=sentences,
        summary=summary,
        word_count=sum(1 for token in nlp.tokens(doc) if not (token.is_punct or token.is_space)),
        people=people,
        quotes=quotes,
        dates=dated.dates,
        happenings=dated.happenings,
        places=dated.places,
        organisations=dated.organisations,
        warnings=tuple(warnings),
    )


def _guarded(what: str, warnings: list[str], empty: T, find: Callable[[], T]) -> T:
    """One part of the analysis; if it fails on this article's text, that part is left
    out with a warning for the file, and the rest of the article (and the build) goes on."""
    try:
        return find()
    except Exception as exc:  # one article must never stop the build
        warnings.append(
            f"could not find {what} ({type(exc).__name__}: {exc}); left out, "
            "the rest of the article is built"
        )
        return empty
