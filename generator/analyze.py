"""Per-article analysis: a pure function of (article, settings, model version).

spaCy parses every body once (`nlp.pipe`, in batches); each stage below reads that parse.
Nothing here looks at other articles, so results can be cached by hash and computed on
any worker process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from . import nlp
from .model import Article, ArticleAnalysis
from .settings import Settings
from .summarize import summarize

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyze_articles(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleAnalysis]:
    """Analyse articles in order, parsing them in batches with one model load."""
    model = nlp.load(settings.spacy_model)
    bodies = (article.body[: settings.max_article_chars] for article in articles)
    for article, doc in zip(articles, nlp.parse(model, bodies), strict=True):
        yield analyze_doc(article, doc, settings)


def analyze_doc(article: Article, doc: Doc, settings: Settings) -> ArticleAnalysis:
    """Everything one article tells on its own, from its parse."""
    warnings: list[str] = []
    if len(article.body) > settings.max_article_chars:
        warnings.append(f"only the first {settings.max_article_chars:,} characters were analysed")
    sentences = nlp.sentences(doc)
    rated = sentences[: settings.max_sentences]
    if len(sentences) > len(rated):
        warnings.append(f"only the first {len(rated):,} of {len(sentences):,} sentences rated")
    summary = summarize(
        rated,
        settings.summarizer,
        settings.summary_sentences,
        settings.summary_ratio,
        headline=None if article.title_derived else article.title,
    )
    return ArticleAnalysis(
        sentences=sentences,
        summary=summary,
        word_count=sum(1 for token in doc if not (token.is_punct or token.is_space)),
        warnings=tuple(warnings),
    )
