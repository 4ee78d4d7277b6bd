"""Per-article analysis: a pure function of (article, settings, model version).

spaCy parses every body once (`nlp.pipe`, in batches); each stage below reads that parse.
Nothing here looks at other articles, so results can be cached by hash and computed on
any worker process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from . import events, nlp
from .model import Article, ArticleAnalysis
from .people import people_in_article
from .quotes import find_quotes
from .settings import Settings
from .summarize import rating_limit, summarize

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyze_articles(
    articles: Sequence[Article], settings: Settings, jobs: int = 1
) -> Iterator[ArticleAnalysis]:
    """Analyse articles in order: in this process, or in `jobs` worker processes.

    Workers pay for starting Python and loading the model (a few seconds each), so a
    handful of articles (the usual incremental build) is analysed here instead.
    """
    workers = min(jobs, len(articles) // MIN_ARTICLES_PER_WORKER)
    if workers <= 1:
        return _analyze_here(articles, settings)
    return _analyze_in_workers(articles, settings, workers)


# A worker must have this many articles to earn its start-up (Python, spaCy, the model).
MIN_ARTICLES_PER_WORKER = 16
# Articles sent to a worker at a time: big enough for nlp.pipe batches, small enough that
# the workers finish together.
CHUNK = 32


def _analyze_here(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleAnalysis]:
    """Parse in batches with one model load, then analyse each parse."""
    model = nlp.load(settings.spacy_model)
    bodies = (analysed_text(article.body, settings.max_article_chars) for article in articles)
    for article, doc in zip(articles, nlp.parse(model, bodies), strict=True):
        yield analyze_doc(article, doc, settings)


def _analyze_in_workers(
    articles: Sequence[Article], settings: Settings, workers: int
) -> Iterator[ArticleAnalysis]:
    """Chunks of articles to worker processes; results come back in input order.

    Workers are spawned (not forked) so that they never inherit a half-initialised model
    or threads from the parent; each loads the model once, in its initializer.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(CHUNK, -(-len(articles) // (workers * 4))))
    chunks = [tuple(articles[i : i + size]) for i in range(0, len(articles), size)]
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, context, _start_worker, (settings,)) as pool:
            for results in pool.map(_analyze_chunk, chunks):
                yield from results
    except BrokenProcessPool:
        # A worker died; loading the model here gives the reason when it is the model.
        nlp.load(settings.spacy_model)
        raise


_worker_settings: Settings | None = None
_worker_error: nlp.ModelNotInstalled | None = None


def _start_worker(settings: Settings) -> None:
    """Load the model once per worker. A missing model is raised with the first chunk, so
    the parent gets ModelNotInstalled (and its advice) rather than a broken pool."""
    global _worker_settings, _worker_error
    _worker_settings = settings
    try:
        nlp.load(settings.spacy_model)
    except nlp.ModelNotInstalled as exc:
        _worker_error = exc


def _analyze_chunk(chunk: tuple[Article, ...]) -> list[ArticleAnalysis]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_settings is not None, "worker started without settings"
    return list(_analyze_here(chunk, _worker_settings))


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
    people = people_in_article(doc, sentences)
    dated = events.analyze(article, doc, sentences, people)
    return ArticleAnalysis(
        sentences=sentences,
        summary=summary,
        word_count=sum(1 for token in nlp.tokens(doc) if not (token.is_punct or token.is_space)),
        people=people,
        quotes=find_quotes(doc, sentences, people),
        dates=dated.dates,
        happenings=dated.happenings,
        places=dated.places,
        organisations=dated.organisations,
        warnings=tuple(warnings),
    )
