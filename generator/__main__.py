"""Command line: `python -m generator {build,check,analyze,eval}` (console script: digest)."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import build as pipeline
from . import evaluation, link, read, write
from .analyze import nlp
from .cache import to_jsonable
from .model import Analyzed, Problem
from .progress import Progress
from .render.markdown import plural
from .settings import SUMMARIZERS, SettingsError, load_settings

EXIT_CODES = """\
exit codes:
  0  success (warnings are printed but do not fail without --strict)
  1  check found docs/ out of date; or --strict and a problem was found; or an input
     file could not be used by `analyze`
  2  bad command line or settings (digest.toml)
  3  docs/ could not be written (another build held the lock for longer than
     DIGEST_LOCK_WAIT seconds, default 30, or a generated page would overwrite a
     hand-written one); docs/ is left as it was
  130 interrupted (Ctrl-C); docs/ holds the previous complete version
"""

DESCRIPTION = """\
News Digest: summaries, people, events and outlet comparisons from news articles.
Reads articles from content/ (Markdown with YAML front matter, or plain text) and writes
Markdown pages into docs/ for MkDocs. Settings come from digest.toml, then flags.
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, dest="content_dir", help="articles (content/)")
    parser.add_argument("--docs", type=Path, dest="docs_dir", help="output pages (docs/)")
    parser.add_argument("--cache", type=Path, dest="cache_dir", help="cache (.digest-cache/)")
    parser.add_argument("--no-cache", action="store_false", dest="use_cache", default=None)
    _analysis(parser)
    parser.add_argument(
        "--strict", action="store_true", default=None, help="fail on any warning or error"
    )
    parser.add_argument(
        "--progress", choices=("auto", "always", "never"), help="progress on stderr"
    )
    _verbosity(parser)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also list every page written or removed"
    )


def _verbosity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only errors and warnings: no notes, no summary line",
    )


def _analysis(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--summarizer", choices=SUMMARIZERS, help="default: 'default'")
    parser.add_argument(
        "--sentences", type=int, dest="summary_sentences", help="summary length (default 3)"
    )
    parser.add_argument(
        "--ratio", type=float, dest="summary_ratio", help="summary length as a share of sentences"
    )
    parser.add_argument("--spacy-model", dest="spacy_model", help="installed spaCy pipeline")
    parser.add_argument("--jobs", type=int, help="worker processes (default: CPU cores)")


def _command(commands, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A subcommand whose --help also lists the exit codes."""
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def parser(evaluations: bool = True) -> argparse.ArgumentParser:
    """The command line. `evaluations=False` leaves the evaluation modules unimported (they
    import sumy, scikit-learn...): `build` and `check` never need them."""
    main = argparse.ArgumentParser(
        prog="digest",
        description=DESCRIPTION,
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = _command(
        commands,
        "build",
        "content/ to docs/: analyse changed articles, rewrite changed pages",
        "Generate docs/ from content/. Only changed articles are re-analysed (the cache), "
        "only changed pages rewritten, pages the generator did not write are never touched, "
        "and a failed or interrupted build leaves docs/ complete.",
    )
    _common(build)
    check = _command(
        commands,
        "check",
        "exit 1 if docs/ is not what build would write",
        "List the pages of docs/ that differ from what `build` would write.",
    )
    _common(check)
    analyze = _command(
        commands,
        "analyze",
        "the analysis of articles as JSON",
        "Analyse the given article files together (as one small corpus) and print "
        "summaries, people, quotes, dates, events and stories.",
    )
    analyze.add_argument("files", nargs="+", type=Path, metavar="FILE")
    analyze.add_argument("--json", action="store_true", help="JSON on stdout (the default)")
    _analysis(analyze)
    _verbosity(analyze)
    evaluate = commands.add_parser(
        "eval",
        help="quality figures on evaluation data, beside baselines",
        description="Measure quality on evaluation data (default folder ../shared/eval).",
    )
    kinds = evaluate.add_subparsers(dest="evaluation", required=True, metavar="NAME")
    for name in evaluation.EVALUATIONS if evaluations else ():
        module = evaluation.module(name)
        sub = kinds.add_parser(
            name,
            help=(module.__doc__ or name).strip().splitlines()[0],
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(sub)
    return main


def _settings_overrides(args: argparse.Namespace) -> dict:
    names = (
        "content_dir",
        "docs_dir",
        "cache_dir",
        "use_cache",
        "summarizer",
        "summary_sentences",
        "summary_ratio",
        "spacy_model",
        "jobs",
        "strict",
        "progress",
    )
    return {name: getattr(args, name, None) for name in names}


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("news-digest")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "(not installed)"


def report(problems: Sequence[Problem], quiet: bool = False) -> None:
    """Every problem on stderr, one line each; `quiet` leaves the notes out."""
    for problem in problems:
        if not (quiet and problem.severity == "note"):
            print(problem, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; the process exits when it returns.

    Before it does, every object left is frozen (`gc.freeze`): the interpreter's exit runs
    the cycle collector over the whole heap several times, and after a build that heap holds
    spaCy, scikit-learn and the linked corpus (half a second of a one-article build, for
    memory the process is about to give back anyway). Atexit handlers and flushing still run.
    """
    try:
        return run(argv)
    finally:
        gc.freeze()


def run(argv: Sequence[str] | None = None, root: Path = Path(".")) -> int:
    """The command line's work: the exit code, the process left as it is. `root` is the
    project folder (digest.toml, content/, docs/): the working directory from a shell."""
    argv = sys.argv[1:] if argv is None else list(argv)
    fast = bool(argv) and argv[0] in ("build", "check")
    args = parser(evaluations=not fast).parse_args(argv)
    settings = None
    try:
        if args.command == "eval":
            return evaluation.module(args.evaluation).run(args)
        settings = load_settings(root, **_settings_overrides(args)).under(root)
        if args.command == "build":
            return _build(settings, args.quiet, args.verbose)
        if args.command == "check":
            return _check(settings)
        return _analyze(args.files, settings, args.quiet)
    except SettingsError as exc:
        print(f"digest: {exc}", file=sys.stderr)
        return 2
    except nlp.ModelNotInstalled as exc:
        print(f"digest: {exc}", file=sys.stderr)
        return 2
    except write.WriteError as exc:
        print(f"digest: {exc}", file=sys.stderr)
        return 3
    except pipeline.BuildFailed as exc:
        report(exc.problems, getattr(args, "quiet", False))
        print(f"digest: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.command == "build" and settings is not None:
            _finish_interrupted(settings.docs_dir)
        else:
            print("digest: interrupted", file=sys.stderr)
        return 130


def _finish_interrupted(docs: Path) -> None:
    """After Ctrl-C, leave docs/ whole: finish a committed write, drop an uncommitted one."""
    state = "holds the previous complete version"
    if (docs / write.LOCK).exists():
        try:
            with write.lock(docs, wait=0):
                committed = (docs / write.JOURNAL).exists()
                write.recover(docs)
            state = "holds the new complete version" if committed else state
        except (write.WriteError, OSError):
            state = "is completed by the next build"
    print(f"digest: interrupted; {docs}/ {state}", file=sys.stderr)


def _build(settings, quiet: bool = False, verbose: bool = False) -> int:
    progress = Progress("never" if quiet else settings.progress)
    generated, changes = pipeline.build(settings, progress)
    report(generated.problems, quiet)
    if verbose:
        for page in changes.written:
            print(f"  written {settings.docs_dir}/{page}", file=sys.stderr)
        for page in changes.removed:
            print(f"  removed {settings.docs_dir}/{page}", file=sys.stderr)
    if quiet:
        return 0
    errors = sum(p.severity == "error" for p in generated.problems)
    skipped = f", {plural(errors, 'file')} skipped (see above)" if errors else ""
    articles = len(generated.digest.articles)
    print(
        f"digest: {plural(articles, 'article')} ({generated.analysed:,} analysed, "
        f"{articles - generated.analysed:,} from cache){skipped}; "
        f"{plural(len(changes.written), 'page')} written, {len(changes.removed):,} removed, "
        f"{changes.unchanged:,} unchanged in {settings.docs_dir}/",
        file=sys.stderr,
    )
    return 0


def _check(settings) -> int:
    differing = pipeline.check(settings)
    if differing:
        print(f"digest: {settings.docs_dir}/ is out of date; run 'python -m generator build'")
        for path in differing:
            print(f"  {path}")
        return 1
    print(f"digest: {settings.docs_dir}/ is up to date")
    return 0


def _analyze(files: Sequence[Path], settings, quiet: bool = False) -> int:
    from . import parallel

    articles, problems = [], []
    for path in files:
        if not path.is_file():
            problems.append(Problem(str(path), "no such file"))
            continue
        article, found = read.read_file(path, path.parent)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    articles, found = read.unique_slugs(articles)
    problems.extend(found)
    report(problems, quiet)
    analysed = parallel.analyze_articles(articles, settings, settings.jobs, link.prepare)
    items = [Analyzed(article, result) for article, result in zip(articles, analysed, strict=True)]
    digest = link.link(items, settings)
    output = {
        "articles": [
            {
                "path": item.article.path,
                "slug": item.article.slug,
                "title": item.article.title,
                "outlet": item.article.outlet,
                "published": item.article.published.isoformat() if item.article.published else None,
                "url": item.article.url,
                "authors": list(item.article.authors),
                "body": item.article.body,
                "sentence_count": len(item.analysis.sentences),
                "word_count": item.analysis.word_count,
                "summary": {
                    "algorithm": item.analysis.summary.algorithm,
                    "sentences": [
                        {**to_jsonable(chosen.sentence), "score": chosen.score}
                        for chosen in item.analysis.summary.sentences
                    ],
                },
                "people": to_jsonable(item.analysis.people),
                "quotes": to_jsonable(item.analysis.quotes),
                "dates": to_jsonable(item.analysis.dates),
                "happenings": to_jsonable(item.analysis.happenings),
            }
            for item in digest.articles
        ],
        "people": to_jsonable(digest.people),
        "events": to_jsonable(digest.events),
        "stories": to_jsonable(digest.stories),
    }
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if any(p.severity == "error" for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
