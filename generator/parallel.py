"""Analysis spread over worker processes (`--jobs`), results in input order.

This module imports nothing heavy: the parent process hands the articles out before it
imports spaCy or sumy, so the workers start at once, and while they work the parent can
get the corpus step's libraries ready (`meanwhile`) instead of waiting idle.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

from .analyze import nlp
from .model import Article, ArticleAnalysis
from .settings import Settings

# A worker must have this many articles to earn its start-up (Python, spaCy, the model).
MIN_ARTICLES_PER_WORKER = 16
# Articles sent to a worker at a time: big enough for nlp.pipe batches, small enough that
# the workers finish together (at most CHUNK; about eight chunks a worker).
CHUNK = 32
CHUNKS_PER_WORKER = 8


def analyze_articles(
    articles: Sequence[Article],
    settings: Settings,
    jobs: int = 1,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse articles in order: in this process, or in `jobs` worker processes.

    Workers pay for starting Python and loading the model (a few seconds each), so a
    handful of articles (the usual incremental build) is analysed here instead. With
    workers, `meanwhile` runs in this process once they have their work.
    """
    workers = min(jobs, len(articles) // MIN_ARTICLES_PER_WORKER)
    if workers <= 1:
        from .analyze.article import analyze_here

        return analyze_here(articles, settings)
    return _analyze_in_workers(articles, settings, workers, meanwhile)


def _analyze_in_workers(
    articles: Sequence[Article],
    settings: Settings,
    workers: int,
    meanwhile: Callable[[], object] | None,
) -> Iterator[ArticleAnalysis]:
    """Chunks of articles to worker processes; results come back in input order.

    Workers are spawned (not forked) so that they never inherit a half-initialised model
    or threads from the parent; each loads the model once, in its initializer.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(CHUNK, -(-len(articles) // (workers * CHUNKS_PER_WORKER))))
    chunks = [tuple(articles[i : i + size]) for i in range(0, len(articles), size)]
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, context, _start_worker, (settings,)) as pool:
            results = pool.map(_analyze_chunk, chunks)  # handed out: the workers start
            if meanwhile is not None:
                meanwhile()
            for done in results:
                yield from done
    except BrokenProcessPool:
        # A worker died; loading the model here gives the reason when it is the model.
        nlp.load(settings.spacy_model)
        raise


_worker_settings: Settings | None = None
_worker_error: nlp.ModelNotInstalled | None = None


# Native thread pools a worker may start: one thread each. The workers already keep every
# core busy, and OpenBLAS (numpy's and scipy's) would otherwise start a thread per core in
# each of them, which spin waiting for work they rarely get.
THREAD_POOL_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _start_worker(settings: Settings) -> None:
    """Load the model once per worker. A missing model is raised with the first chunk, so
    the parent gets ModelNotInstalled (and its advice) rather than a broken pool.

    The thread-pool variables are read when numpy and scipy load, which is here: a spawned
    worker has imported nothing heavy before its initializer runs."""
    global _worker_settings, _worker_error
    for variable in THREAD_POOL_VARIABLES:
        os.environ[variable] = "1"
    _worker_settings = settings
    try:
        nlp.load(settings.spacy_model)
    except nlp.ModelNotInstalled as exc:
        _worker_error = exc


def _analyze_chunk(chunk: tuple[Article, ...]) -> list[ArticleAnalysis]:
    from .analyze.article import analyze_here

    if _worker_error is not None:
        raise _worker_error
    assert _worker_settings is not None, "worker started without settings"
    return list(analyze_here(chunk, _worker_settings))
