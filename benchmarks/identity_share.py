"""The share of the corpus step that resolving people takes: `identity_share.py PROJECT`.

PROJECT holds `content/` (e.g. made by `make_corpus.py 1000 PROJECT/content`); its
analyses come from PROJECT/.digest-cache (filled on the first run). Prints the time of the
whole link step (people, events, stories, summaries, comparisons; no memo) beside the time of
`link/identity` (resolve + not_people), measured once each in this process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from generator import build, link, read
    from generator.link import identity
    from generator.progress import Progress
    from generator.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    settings = load_settings(
        args.project,
        content_dir=args.project / "content",
        cache_dir=args.project / ".digest-cache",
        jobs=args.jobs,
    )
    articles, _ = read.read_content(settings.content_dir)
    items, analysed = build.analyse(articles, settings, Progress("never"))
    items = link.newest_first(items)
    link.prepare()
    start = time.perf_counter()
    link.link(items, settings)
    whole = time.perf_counter() - start
    start = time.perf_counter()
    individuals = identity.resolve(items, settings.link.people)
    identity.not_people(items, individuals)
    resolving = time.perf_counter() - start
    print(
        f"{len(items):,} articles ({analysed:,} analysed now): link step {whole:.2f} s, "
        f"identity {resolving:.3f} s = {resolving / whole:.1%} of it"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
