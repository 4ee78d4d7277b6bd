"""Speed and memory of the generator and the site at several corpus sizes, from one run.

    python benchmarks/run.py --sizes 100 1000            # every step at each size
    python benchmarks/run.py --sizes 10000 --steps cold,mkdocs --cold-jobs 2

For each size N it makes a project under --work (N articles from benchmarks/make_corpus.py,
the hand-written docs pages and mkdocs.yml of this repository) and measures, each in a
child process so that time and peak memory (the child's rusage, which includes the worker
processes it waited for) are its own:

- floor:  a bare spaCy pass: load the same pipeline (same components) and nlp.pipe the same
          article bodies, nothing else. The cold build is compared with it.
- cold:   `generator build --jobs 1` with an empty cache and an empty docs/.
- link:   the corpus step alone (people, events, stories) on a quarter, half and all of the
          articles, their analyses from the cache, each in a process of its own: CPU
          seconds, to see how it grows.
- warm:   the same build again: nothing changed.
- add:    one new article added, then the build (its inputs read in and the disk's backlog
          written first, as in CI after a checkout and a cache restore); pages written and
          articles analysed are read from the build's summary line. Then the article is
          deleted and built again.
          Beside it, the start-up alone: a process that imports what such a build imports
          and loads the model, and does nothing else (the least an add can take). And the
          same add in a long-lived process, as `make serve` makes it (generator/serve.py):
          the libraries and the model loaded by an earlier change, then one new article.
- jobs:   the cold build with `--jobs J` (fresh cache and docs), its speed-up over --jobs 1,
          and whether it wrote the same pages byte for byte.
- mkdocs: `mkdocs build --strict` of the generated docs/: time, peak memory, time per page.

Other processes on the machine slow every figure down alike; run it on a quiet machine to
compare with the targets (the issue's "Done when"), and read the ratios first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import make_corpus  # noqa: E402  (a sibling script, not a package)

from generator import write  # noqa: E402

PYTHON = sys.executable
STEPS = ("floor", "cold", "link", "warm", "add", "jobs", "mkdocs")
SUMMARY = re.compile(
    r"digest: (?P<articles>[\d,]+) articles? \((?P<analysed>[\d,]+) analysed.*?; "
    r"(?P<written>[\d,]+) pages? written, (?P<removed>[\d,]+) removed, "
    r"(?P<unchanged>[\d,]+) unchanged"
)
# The floor: what spaCy alone costs for the same texts, with the generator's own loader
# (same model, same excluded components, same batch size) and the same truncation.
FLOOR = """
import sys, time
from pathlib import Path
from generator import read
from generator.analyze import nlp
from generator.settings import Settings
settings = Settings()
articles, _ = read.read_content(Path(sys.argv[1]))
bodies = [a.body[: settings.max_article_chars] for a in articles]
start = time.perf_counter()
model = nlp.load(settings.spacy_model)
loaded = time.perf_counter()
words = sum(len(doc) for doc in nlp.parse(model, bodies))
done = time.perf_counter()
print(f"{loaded - start:.3f} {done - loaded:.3f} {words}")
"""


# What a build that analyses one article pays before any work: starting Python, importing
# the analysis and corpus libraries (spaCy, sumy with nltk, scikit-learn) and loading the
# model. The `add` step cannot take less; its share of the cold build is printed beside it.
START_UP = """
from generator import link
from generator.analyze import article, nlp
from generator.settings import Settings
link.prepare()
nlp.load(Settings().spacy_model)
"""
# One article added in a long-lived process, as under `make serve`: an earlier change (the
# article added and removed) has loaded the libraries and the model; the timed build adds
# it with a text the cache does not hold, so it analyses it, relinks, renders and writes.
# Prints wall and CPU seconds, articles analysed and pages written or removed.
LIVE = """
import sys, time
from pathlib import Path
from generator import build
from generator.settings import load_settings
jobs = int(sys.argv[3])
settings = load_settings(Path("."), cache_dir=Path("cache"), jobs=jobs, progress="never")
target, text = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
run = time.time_ns()  # texts no earlier run has put in the cache
target.write_text(f"{text}\\n\\nAn earlier edition, {run}.\\n", encoding="utf-8")
build.build(settings)  # an earlier change: everything loaded
target.unlink()
build.build(settings)  # the digest as it was
target.write_text(f"{text}\\n\\nThe edition timed in a live process, {run}.\\n", encoding="utf-8")
start, cpu = time.perf_counter(), time.process_time()
generated, changes = build.build(settings)
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
target.unlink()
build.build(settings)
print(wall, cpu, generated.analysed, len(changes.written) + len(changes.removed))
"""
# The corpus step alone, on the first 1/share of the articles (their analyses from the cache
# the cold build filled), in a process of its own: linking memoizes per sentence, so a share
# linked after another would reuse its work.
LINK = """
import sys, time, resource
from pathlib import Path
from generator import build, link, read
from generator.progress import Progress
from generator.settings import load_settings
settings = load_settings(Path("."), cache_dir=Path("cache"), jobs=1)
articles, _ = read.read_content(settings.content_dir)
items, analysed = build.analyse(articles, settings, Progress("never"))
assert analysed == 0, "the cache is empty: run the cold step first"
link.prepare()  # its imports are not linking
part = items[: len(items) // int(sys.argv[1])]
start = time.process_time()
link.link(part, settings)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{len(part)} {time.process_time() - start:.3f} {peak}")
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu_s: float  # user + system time of the child and its workers
    read_mb: float  # read from the disk, not the page cache: wall time beyond CPU waits on it
    stdout: str
    stderr: str


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a child; wall time and its peak resident memory (largest process of its tree)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}\n{stderr[-3000:]}")
    peak, cpu, read = _usage_from(stderr)
    return Run(seconds, peak, cpu, read, stdout, _strip_usage(stderr))


# Each child runs under this wrapper, which prints the peak memory of its tree on stderr:
# RUSAGE_CHILDREN is a maximum over every child a process ever waited for, so the
# benchmark's own would mix the steps; the wrapper's holds one step only. It is the largest
# single process (with --jobs, a worker or the parent), not the sum of the workers.
WRAPPER = """
import os, resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(f"@@peak_kb={usage.ru_maxrss} cpu_s={cpu:.3f} in_blocks={usage.ru_inblock}", file=sys.stderr)
sys.exit(code)
"""


def wrapped(command: list[str]) -> list[str]:
    return [PYTHON, "-c", WRAPPER, *command]


_USAGE = re.compile(r"@@peak_kb=(\d+) cpu_s=([\d.]+) in_blocks=(\d+)\n?")


def _usage_from(stderr: str) -> tuple[float, float, float]:
    """Peak MB, CPU seconds and MB read from the disk (in 512-byte blocks on Linux)."""
    found = _USAGE.findall(stderr)
    if not found:
        return float("nan"), float("nan"), float("nan")
    peak, cpu, blocks = found[-1]
    return int(peak) / 1024, float(cpu), int(blocks) * 512 / 1e6


def _strip_usage(stderr: str) -> str:
    return _USAGE.sub("", stderr)


def generator(project: Path, *flags: str) -> Run:
    env = {"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    command = [PYTHON, "-m", "generator", "build", "--progress", "never", *flags]
    return run(wrapped(command), project, env)


def summary(result: Run) -> dict[str, int]:
    found = SUMMARY.search(result.stderr)
    if not found:
        raise SystemExit(f"no build summary in:\n{result.stderr[-2000:]}")
    return {k: int(v.replace(",", "")) for k, v in found.groupdict().items()}


# --- the project under test -------------------------------------------------------------------


def make_project(folder: Path, size: int, data: Path, seed: int, reuse: bool) -> list:
    """content/ with `size` articles, the hand-written docs pages, mkdocs.yml; returns the
    made articles plus one more (the article the `add` step adds)."""
    made = make_corpus.make(size + 1, make_corpus.load_sources(data, seed), seed)
    if reuse and (folder / "content").is_dir():
        return made
    shutil.rmtree(folder, ignore_errors=True)
    make_corpus.write(made[:size], folder / "content")
    fresh_docs(folder / "docs")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return made


def settle(files: Iterable[Path]) -> None:
    """Read `files` into memory and write out whatever is waiting to be written, so that
    the next step is timed on its own work, not on the disk's backlog."""
    for path in files:
        if path.is_file():
            path.read_bytes()
    os.sync()


def fresh_docs(docs: Path) -> None:
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    write.copy_hand_written(ROOT / "docs", docs)


def same_pages(a: Path, b: Path) -> bool:
    def pages(folder: Path) -> dict[str, bytes]:
        manifest = json.loads((folder / ".digest-manifest.json").read_text())
        return {p: (folder / p).read_bytes() for p in manifest["pages"]}

    return pages(a) == pages(b)


# --- the measurements -------------------------------------------------------------------------


@dataclass
class Figures:
    size: int
    words: int = 0
    pages: int = 0
    floor_s: float | None = None
    floor_load_s: float | None = None
    floor_pipe_s: float | None = None
    floor_mb: float | None = None
    floor_cpu_s: float | None = None
    cold_s: float | None = None
    cold_mb: float | None = None
    cold_cpu_s: float | None = None
    cold_over_floor_cpu: float | None = None
    cold_jobs: int = 1
    cold_over_floor: float | None = None
    warm_s: float | None = None
    warm_mb: float | None = None
    warm_cpu_s: float | None = None
    add_s: float | None = None
    add_cpu_s: float | None = None
    add_read_mb: float | None = None
    add_share_of_cold_cpu: float | None = None
    add_analysed: int | None = None
    add_written: int | None = None
    add_share_of_cold: float | None = None
    start_up_s: float | None = None
    start_up_cpu_s: float | None = None
    start_up_read_mb: float | None = None
    live_add_s: float | None = None
    live_add_cpu_s: float | None = None
    live_add_analysed: int | None = None
    live_add_written: int | None = None
    delete_s: float | None = None
    delete_analysed: int | None = None
    delete_written: int | None = None
    jobs: int | None = None
    jobs_s: float | None = None
    jobs_mb: float | None = None
    jobs_cpu_s: float | None = None
    jobs_speedup: float | None = None
    jobs_same_pages: bool | None = None
    link_cpu_s: dict[int, float] = field(default_factory=dict)  # articles -> CPU seconds
    link_mb: float | None = None
    mkdocs_s: float | None = None
    mkdocs_mb: float | None = None
    mkdocs_cpu_s: float | None = None
    mkdocs_ms_per_page: float | None = None
    mkdocs_cpu_ms_per_page: float | None = None
    notes: list[str] = field(default_factory=list)


def measure(size: int, args: argparse.Namespace) -> Figures:
    project = args.work / str(size)
    made = make_project(project, size, args.data, args.seed, args.reuse)
    figures = Figures(size, words=sum(len(m.text.split()) for m in made[:size]))
    steps = args.steps
    say = (
        (lambda m: print(f"[{size}] {m}", file=sys.stderr, flush=True))
        if args.verbose
        else (lambda m: None)
    )

    if "floor" in steps:
        say("floor: bare spaCy pass")
        result = run(wrapped([PYTHON, "-c", FLOOR, "content"]), project, {"PYTHONPATH": str(ROOT)})
        load, pipe, _tokens = result.stdout.split()
        figures.floor_s, figures.floor_mb = result.seconds, result.peak_mb
        figures.floor_cpu_s = result.cpu_s
        figures.floor_load_s, figures.floor_pipe_s = float(load), float(pipe)

    if "cold" in steps:
        say(f"cold build, --jobs {args.cold_jobs}")
        shutil.rmtree(project / "cache", ignore_errors=True)
        fresh_docs(project / "docs")
        result = generator(project, "--jobs", str(args.cold_jobs), "--cache", "cache")
        figures.cold_s, figures.cold_mb, figures.cold_jobs = (
            result.seconds,
            result.peak_mb,
            args.cold_jobs,
        )
        figures.cold_cpu_s = result.cpu_s
        if figures.floor_s:
            figures.cold_over_floor = figures.cold_s / figures.floor_s
            figures.cold_over_floor_cpu = result.cpu_s / figures.floor_cpu_s

    if "link" in steps:
        say("link alone, on a quarter, half and all of the corpus")
        for share in (4, 2, 1):
            command = wrapped([PYTHON, "-c", LINK, str(share)])
            result = run(command, project, {"PYTHONPATH": str(ROOT)})
            count, cpu, _peak = result.stdout.split()
            figures.link_cpu_s[int(count)] = float(cpu)
        figures.link_mb = result.peak_mb  # all of the corpus

    if "warm" in steps:
        say("warm build, nothing changed")
        result = generator(project, "--jobs", "1", "--cache", "cache")
        figures.warm_s, figures.warm_mb = result.seconds, result.peak_mb
        figures.warm_cpu_s = result.cpu_s
        if summary(result)["analysed"]:
            figures.notes.append("warm build analysed articles: the cache did not hold")

    if "mkdocs" in steps:
        say("mkdocs build --strict")
        pages = sorted((project / "docs").rglob("*.md"))
        figures.pages = len(pages)
        # `make site` runs mkdocs on pages the generator has just written. Here they may have
        # sat for minutes, and this machine's kernel pages out files idle for about 30 s,
        # so read them once first: the step measures mkdocs, not the disk.
        settle(pages)
        command = [PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"]
        result = run(wrapped(command), project, {"NO_MKDOCS_2_WARNING": "1"})
        figures.mkdocs_s, figures.mkdocs_mb = result.seconds, result.peak_mb
        figures.mkdocs_cpu_s = result.cpu_s
        figures.mkdocs_ms_per_page = 1000 * result.seconds / max(1, figures.pages)
        figures.mkdocs_cpu_ms_per_page = 1000 * result.cpu_s / max(1, figures.pages)

    if "add" in steps:
        say("one article added, then deleted")
        extra = made[size]
        target = project / "content" / extra.filename
        target.write_text(extra.text, encoding="utf-8")
        # As in CI, where the content was just checked out and the cache just restored: the
        # inputs read in, and the site mkdocs wrote a moment ago on disk, so that a build
        # committing its pages does not wait for the previous step's writes.
        settle(p for folder in ("content", "cache") for p in (project / folder).rglob("*"))
        try:
            result = generator(project, "--jobs", str(args.cold_jobs), "--cache", "cache")
        finally:
            target.unlink()
        found = summary(result)
        figures.add_s, figures.add_analysed, figures.add_written = (
            result.seconds,
            found["analysed"],
            found["written"] + found["removed"],
        )
        figures.add_cpu_s, figures.add_read_mb = result.cpu_s, result.read_mb
        start_up = run(wrapped([PYTHON, "-c", START_UP]), project, {"PYTHONPATH": str(ROOT)})
        figures.start_up_s, figures.start_up_cpu_s = start_up.seconds, start_up.cpu_s
        figures.start_up_read_mb = start_up.read_mb
        if figures.cold_s:
            figures.add_share_of_cold = figures.add_s / figures.cold_s
            figures.add_share_of_cold_cpu = result.cpu_s / figures.cold_cpu_s
        result = generator(project, "--jobs", str(args.cold_jobs), "--cache", "cache")
        found = summary(result)
        figures.delete_s, figures.delete_analysed = result.seconds, found["analysed"]
        figures.delete_written = found["written"] + found["removed"]
        text = project / ".live-article"
        text.write_text(extra.text, encoding="utf-8")
        try:
            command = [PYTHON, "-c", LIVE, str(target), str(text), str(args.cold_jobs)]
            live = run(command, project, {"PYTHONPATH": str(ROOT)}).stdout.split()
        finally:
            text.unlink()
        figures.live_add_s, figures.live_add_cpu_s = float(live[0]), float(live[1])
        figures.live_add_analysed, figures.live_add_written = int(live[2]), int(live[3])

    if "jobs" in steps:
        say(f"cold build, --jobs {args.jobs}")
        shutil.rmtree(project / "cache-jobs", ignore_errors=True)
        shutil.rmtree(project / "docs-jobs", ignore_errors=True)
        result = generator(
            project, "--jobs", str(args.jobs), "--cache", "cache-jobs", "--docs", "docs-jobs"
        )
        figures.jobs, figures.jobs_s, figures.jobs_mb = args.jobs, result.seconds, result.peak_mb
        figures.jobs_cpu_s = result.cpu_s
        if figures.cold_s and figures.cold_jobs == 1:
            figures.jobs_speedup = figures.cold_s / result.seconds
            figures.jobs_same_pages = same_pages(project / "docs", project / "docs-jobs")
    return figures


# --- output -----------------------------------------------------------------------------------


def _fmt(value: object, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def _pct(value: float | None) -> str:
    return _fmt(None if value is None else 100 * value, " %")


def _of_cold(f: Figures, seconds: float | None) -> str:
    """`seconds` as a share of the cold build's wall time."""
    return _pct(seconds / f.cold_s if seconds and f.cold_s else None)


def _both(wall: float | None, cpu: float | None, digits: int = 1, unit: str = " s") -> str:
    """Wall time and, in brackets, CPU time: on a busy machine the second is steadier."""
    return f"{_fmt(wall, unit, digits)} [{_fmt(cpu, unit, digits)}]"


def table(all_figures: list[Figures]) -> str:
    rows = [
        ("articles", lambda f: _fmt(f.size)),
        ("words", lambda f: _fmt(f.words)),
        ("floor: bare spaCy process", lambda f: _both(f.floor_s, f.floor_cpu_s)),
        (
            "  model load / nlp.pipe (wall)",
            lambda f: f"{_fmt(f.floor_load_s, ' s')} / {_fmt(f.floor_pipe_s, ' s')}",
        ),
        ("  peak memory", lambda f: _fmt(f.floor_mb, " MB", 0)),
        ("cold build --jobs C", lambda f: f"{_both(f.cold_s, f.cold_cpu_s)} j{f.cold_jobs or '-'}"),
        ("  peak memory", lambda f: _fmt(f.cold_mb, " MB", 0)),
        (
            "  cold / floor (target <= 1.5x)",
            lambda f: f"{_fmt(f.cold_over_floor, 'x', 2)} [{_fmt(f.cold_over_floor_cpu, 'x', 2)}]",
        ),
        (
            "link alone, CPU: 1/4, 1/2, all",
            lambda f: " / ".join(f"{v:.1f}" for _, v in sorted(f.link_cpu_s.items())) or "-",
        ),
        ("  peak memory", lambda f: _fmt(f.link_mb, " MB", 0)),
        ("warm build, no change (< 3 s)", lambda f: _both(f.warm_s, f.warm_cpu_s, 2)),
        ("one article added", lambda f: _both(f.add_s, f.add_cpu_s, 2)),
        # This machine's kernel evicts files idle for about 30 s: a build after mkdocs may read
        # its libraries (about 350 MB) from the disk again, and that is its wall time beyond CPU.
        ("  read from disk", lambda f: _fmt(f.add_read_mb, " MB", 0)),
        (
            "  re-analysed / pages written",
            lambda f: f"{_fmt(f.add_analysed)} / {_fmt(f.add_written)}",
        ),
        (
            "  share of cold (target <= 5%)",
            lambda f: f"{_pct(f.add_share_of_cold)} [{_pct(f.add_share_of_cold_cpu)}]",
        ),
        (
            "  of which start-up (imports, model)",
            lambda f: f"{_both(f.start_up_s, f.start_up_cpu_s, 2)} {_of_cold(f, f.start_up_s)}",
        ),
        (
            "  in a live process (make serve)",
            lambda f: f"{_both(f.live_add_s, f.live_add_cpu_s, 2)} {_of_cold(f, f.live_add_s)}",
        ),
        (
            "    re-analysed / pages written",
            lambda f: f"{_fmt(f.live_add_analysed)} / {_fmt(f.live_add_written)}",
        ),
        ("one article deleted", lambda f: _fmt(f.delete_s, " s", 2)),
        (
            "  re-analysed / pages written",
            lambda f: f"{_fmt(f.delete_analysed)} / {_fmt(f.delete_written)}",
        ),
        ("cold build --jobs J", lambda f: f"{_both(f.jobs_s, f.jobs_cpu_s)} j{f.jobs or '-'}"),
        ("  speed-up (target >= 1.6x)", lambda f: _fmt(f.jobs_speedup, "x", 2)),
        ("  same pages as --jobs 1", lambda f: _fmt(f.jobs_same_pages)),
        ("  peak memory, largest process", lambda f: _fmt(f.jobs_mb, " MB", 0)),
        ("mkdocs build --strict: pages", lambda f: _fmt(f.pages or None)),
        ("  time (< 180 s at 10,000)", lambda f: _both(f.mkdocs_s, f.mkdocs_cpu_s)),
        ("  peak memory (< 1,536 MB)", lambda f: _fmt(f.mkdocs_mb, " MB", 0)),
        (
            "  time per page",
            lambda f: _both(f.mkdocs_ms_per_page, f.mkdocs_cpu_ms_per_page, unit=" ms"),
        ),
    ]
    width = max(len(label) for label, _ in rows)
    lines = ["times: wall [CPU, user + system, including worker processes]"]
    for label, cell in rows:
        cells = [cell(f) for f in all_figures]
        lines.append(f"{label:<{width}}  " + "  ".join(f"{c:>22}" for c in cells))
    for f in all_figures:
        lines += [f"note ({f.size}): {n}" for n in f.notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument(
        "--steps",
        type=lambda s: tuple(s.split(",")),
        default=STEPS,
        help=f"comma-separated subset of {','.join(STEPS)} (default: all)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="workers for the 'jobs' step")
    parser.add_argument("--cold-jobs", type=int, default=1, help="workers for 'cold' and 'add'")
    parser.add_argument("--work", type=Path, default=Path("/tmp/news-digest-bench"))
    parser.add_argument("--data", type=Path, default=make_corpus.DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep an existing project (content, cache) of a size"
    )
    parser.add_argument("--json", action="store_true", help="figures as JSON on stdout")
    parser.add_argument("-v", "--verbose", action="store_true", help="each step on stderr")
    args = parser.parse_args(argv)
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s) {', '.join(sorted(unknown))}; choose from {STEPS}")
    results = [measure(size, args) for size in args.sizes]
    if args.json:
        json.dump([asdict(f) for f in results], sys.stdout, indent=1)
        print()
    else:
        print(f"News Digest benchmark ({os.cpu_count()} cores; load {os.getloadavg()[0]:.1f})")
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
