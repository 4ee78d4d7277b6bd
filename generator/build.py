"""The pipeline, top to bottom: read, analyse, link, render, write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import cache, link, read, render, write
from .model import Analyzed, Article, Digest, Problem
from .progress import Progress
from .settings import Settings


class BuildFailed(RuntimeError):
    """The build stopped before writing; docs/ is as it was."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)  # every problem found, so the user sees them all


@dataclass
class Generated:
    digest: Digest
    pages: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    analysed: int = 0  # articles analysed in this run (the rest came from the cache)


def generate(settings: Settings, progress: Progress | None = None) -> Generated:
    """Read content/, analyse what changed, link the corpus and render every page."""
    progress = progress or Progress("never")
    articles, problems = read.read_content(settings.content_dir)
    if not articles and not problems:
        problems.append(
            Problem(str(settings.content_dir), "has no articles (*.md, *.txt)", None, "warning")
        )
    items, analysed = analyse(articles, settings, progress)
    for item in items:
        problems.extend(
            Problem(item.article.path, message, None, "warning")
            for message in item.analysis.warnings
        )
    digest = linked(items, settings)
    return Generated(digest, render.render(digest), problems, analysed)


def linked(items: Sequence[Analyzed], settings: Settings) -> Digest:
    """The linked corpus; when no article changed, the one linked last time."""
    folder = settings.cache_dir if settings.use_cache else None
    store = cache.LinkCache(folder)
    analysis_keys = [cache.key(item.article, settings) for item in items]
    slugs = [item.article.slug for item in items]
    entry = cache.link_key(analysis_keys, slugs, settings)
    found = store.get(entry)
    if found is not None:
        people, events, stories = found
        return Digest(link.newest_first(items), people, events, stories)
    # Something changed: link again, reusing the summaries and comparisons of the
    # stories whose articles did not change.
    memo = cache.LinkMemo(
        folder, cache.link_scope(settings), dict(zip(slugs, analysis_keys, strict=True))
    )
    digest = link.link(items, settings, memo)
    store.put(entry, (digest.people, digest.events, digest.stories))
    memo.save()
    return digest


def analyse(
    articles: Sequence[Article], settings: Settings, progress: Progress
) -> tuple[list[Analyzed], int]:
    """Each article's analysis, from the cache where its inputs are unchanged."""
    store = cache.AnalysisCache(settings.cache_dir if settings.use_cache else None)
    keys = [cache.key(article, settings) for article in articles]
    results = {i: store.get(k) for i, k in enumerate(keys)}
    missing = [i for i, found in results.items() if found is None]
    if missing:
        from . import parallel

        todo = [articles[i] for i in missing]
        # With workers, this process imports the corpus step's libraries while they work.
        analysed = parallel.analyze_articles(todo, settings, settings.jobs, link.prepare)
        for done, (i, analysis) in enumerate(zip(missing, analysed, strict=True), start=1):
            store.put(keys[i], analysis)
            results[i] = analysis
            progress.step("analysed", done, len(missing))
    return [Analyzed(a, results[i]) for i, a in enumerate(articles)], len(missing)


def failing(problems: Sequence[Problem], strict: bool) -> list[Problem]:
    """Problems that stop the run: under --strict, every error and warning (notes never)."""
    if not strict:
        return []
    return [p for p in problems if p.severity in ("error", "warning")]


def build(settings: Settings, progress: Progress | None = None) -> tuple[Generated, write.Changes]:
    """Generate and write docs/; under --strict any error or warning stops before writing."""
    generated = generate(settings, progress)
    blocking = failing(generated.problems, settings.strict)
    if blocking:
        raise BuildFailed(
            f"{len(blocking)} problem(s) with --strict; docs/ left unchanged", generated.problems
        )
    return generated, write.write(settings.docs_dir, generated.pages)


def check(settings: Settings) -> list[str]:
    """Pages of docs/ that differ from what `build` would write (empty when up to date)."""
    generated = generate(settings)
    if (settings.docs_dir / write.JOURNAL).exists():
        return [write.JOURNAL + " (an interrupted build: run build to finish it)"]
    return write.plan(settings.docs_dir, generated.pages).differing
