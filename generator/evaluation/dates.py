"""`eval dates`: date resolution on TimeBank 1.2 (TimeML), beside dateparser alone.

For every TIMEX3 of type DATE inside <TEXT> (the document creation time is the input, so
it is not scored), given the document text and its DCT as the publication date, we score
the normalised value at the precision of the gold value: a gold month "1998-02" accepts
any day of February 1998, a gold day needs the exact day, a gold quarter "1989-Q3" accepts
any day or month of that quarter, "X" in a gold value matches any digit. Three figures:

* `accuracy`: our resolver on the gold spans, with the tense of the clause from the parse
  (the resolution task TimeBank defines; the headline figure);
* `end_to_end`: our span finder and resolver on raw text (a gold timex counts only if one
  of our spans overlaps it and its value is right);
* `baseline`: dateparser alone on the gold spans (RELATIVE_BASE = DCT,
  PREFER_DATES_FROM = past), the library the news rules correct.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..analyze import dates, nlp
from ..settings import Settings
from . import DEFAULT_DATA

DEFAULT_DIR = DEFAULT_DATA / "dates" / "timebank"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str
    created: dt.date
    text: str
    timexes: tuple[Timex, ...]  # type DATE only


def read_tml(path: Path) -> Document:
    """One TimeML file: the text inside <TEXT> with the offsets of its DATE timexes."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    if dct is None or not dct.get("value"):
        raise ValueError(f"{path}: no document creation time")
    created = dt.date.fromisoformat(dct.get("value", "")[:10])
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(element: ET.Element) -> None:
        start = sum(len(p) for p in parts)
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if element.tag == "TIMEX3" and element.get("type") == "DATE":
            end = sum(len(p) for p in parts)
            timexes.append(Timex(start, end, "".join(parts)[start:end], element.get("value", "")))

    if body is not None:
        walk(body)
    return Document(path.stem, created, "".join(parts), tuple(timexes))


# --- comparing at the gold precision -----------------------------------------------------

_SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}


def _day_of(ours: dates.Resolution) -> dt.date | None:
    if ours.precision == "day" and ours.first is not None:
        return ours.first
    return None


def at_precision(ours: dates.Resolution, gold: str) -> str | None:
    """Our value written at the granularity of the gold value (None when ours is coarser)."""
    if ours.value is None:
        return None
    if gold.endswith("_REF") or ours.precision == "ref":
        return ours.value
    shape = gold.replace("X", "9")
    day = _day_of(ours)
    first = ours.first
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", shape):
        return day.isoformat() if day else None
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", shape):
        if ours.precision in ("week", "weekend"):
            return ours.value[:8] + ("-WE" if gold.endswith("-WE") else "")
        if day is None:
            return None
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if gold.endswith("-WE") else "")
    if re.fullmatch(r"\d{4}-\d\d", shape):
        if ours.precision in ("day", "month") and first is not None:
            return f"{first.year:04d}-{first.month:02d}"
        return None
    if re.fullmatch(r"\d{4}-Q\d", shape):
        if ours.precision == "quarter":
            return ours.value
        if ours.precision in ("day", "month") and first is not None:
            return f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
        return None
    if re.fullmatch(r"\d{4}-H\d", shape):
        if ours.precision == "half":
            return ours.value
        if ours.precision in ("day", "month", "quarter") and first is not None:
            return f"{first.year:04d}-H{1 if first.month <= 6 else 2}"
        return None
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", shape):
        if ours.precision == "season":
            return ours.value
        if ours.precision in ("day", "month") and first is not None:
            return f"{first.year:04d}-{_SEASON_OF_MONTH[first.month]}"
        return None
    fine = ("day", "week", "weekend", "month", "quarter", "half", "season", "year")
    if re.fullmatch(r"\d{4}", shape):
        return ours.value[:4] if ours.precision in fine else None
    if re.fullmatch(r"\d{3}", shape):
        return ours.value[:3] if ours.precision in (*fine, "decade") else None
    if re.fullmatch(r"\d{2}", shape):
        return ours.value[:2] if ours.precision in (*fine, "decade", "century") else None
    return None


def correct(ours: dates.Resolution, gold: str) -> bool:
    """Does our value equal the gold value at the gold's precision ("X" = any digit)?"""
    value = at_precision(ours, gold)
    if value is None or len(value) != len(gold):
        return False
    return all(g == "X" or g == o for g, o in zip(gold, value, strict=True))


# --- the run -----------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timebank",
        type=Path,
        default=DEFAULT_DIR,
        help=f"folder of TimeBank .tml files (default {DEFAULT_DIR})",
    )
    parser.add_argument("--limit", type=int, default=None, help="score only the first N files")
    parser.add_argument("--errors", type=int, default=0, help="print N of our wrong answers")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def evaluate(files: list[Path], model_name: str, show_errors: int = 0) -> dict[str, object]:
    """Score every DATE timex of the files; returns the figures (and prints errors if asked)."""
    documents = [read_tml(path) for path in files]
    model = nlp.load(model_name)
    counts: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_kind_ok: Counter[str] = Counter()
    errors: list[str] = []
    for document, doc in zip(documents, nlp.parse(model, (d.text for d in documents)), strict=True):
        ours_spans = []
        for start, end in dates.candidate_spans(doc, document.created):
            span = doc.char_span(start, end, alignment_mode="expand")
            mode = dates.tense_mode(span) if span is not None and len(span) else dates.PAST
            ours_spans.append(
                (start, end, dates.resolve(doc.text[start:end], document.created, mode))
            )
        for timex in document.timexes:
            kind = _kind(timex.value)
            counts["total"] += 1
            by_kind[kind] += 1
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            mode = dates.tense_mode(span) if span is not None and len(span) else dates.PAST
            ours = dates.resolve(timex.text, document.created, mode)
            if correct(ours, timex.value):
                counts["ours"] += 1
                by_kind_ok[kind] += 1
            elif len(errors) < show_errors:
                errors.append(
                    f"{document.name} DCT {document.created} {timex.text!r}: "
                    f"gold {timex.value}, ours {ours.value} ({mode})"
                )
            baseline = dates.with_dateparser(timex.text, document.created)
            counts["baseline"] += correct(baseline, timex.value)
            overlapping = [r for s, e, r in ours_spans if s < timex.end and timex.start < e]
            counts["end_to_end"] += any(correct(r, timex.value) for r in overlapping)
    for line in errors:
        print(line, file=sys.stderr)
    total = counts["total"] or 1
    return {
        "documents": len(documents),
        "timexes": counts["total"],
        "accuracy": round(counts["ours"] / total, 4),
        "end_to_end": round(counts["end_to_end"] / total, 4),
        "baseline_dateparser": round(counts["baseline"] / total, 4),
        "by_precision": {
            kind: {"n": by_kind[kind], "accuracy": round(by_kind_ok[kind] / by_kind[kind], 4)}
            for kind in sorted(by_kind)
        },
    }


def _kind(value: str) -> str:
    shape = value.replace("X", "9")
    for kind, pattern in (
        ("day", r"\d{4}-\d\d-\d\d.*"),
        ("week", r"\d{4}-W\d\d(-WE)?"),
        ("month", r"\d{4}-\d\d"),
        ("quarter/half/season", r"\d{4}-(Q\d|H\d|SP|SU|FA|WI)"),
        ("year", r"\d{4}"),
        ("decade/century", r"\d{2,3}"),
        ("past/present/future", r"[A-Z]+_REF"),
    ):
        if re.fullmatch(pattern, shape):
            return kind
    return "other"


def run(args: argparse.Namespace) -> int:
    folder: Path = args.timebank
    files = sorted(folder.glob("*.tml"))
    if not files:
        print(f"no .tml files in {folder}", file=sys.stderr)
        return 2
    if args.limit:
        files = files[: args.limit]
    started = time.perf_counter()
    figures = evaluate(files, Settings().spacy_model, getattr(args, "errors", 0))
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"TimeBank DATE values: {figures['timexes']} timexes in {figures['documents']} documents")
    print(f"{'system':<34} {'accuracy':>8}")
    print(f"{'ours (news rules + dateparser)':<34} {figures['accuracy']:>8.4f}")
    print(f"{'ours, end to end (own spans)':<34} {figures['end_to_end']:>8.4f}")
    print(f"{'baseline: dateparser alone':<34} {figures['baseline_dateparser']:>8.4f}")
    print()
    print(f"{'gold precision':<22} {'n':>5} {'accuracy':>8}")
    for kind, row in figures["by_precision"].items():  # type: ignore[union-attr]
        print(f"{kind:<22} {row['n']:>5} {row['accuracy']:>8.4f}")
    print(f"({figures['seconds']} s)")
    return 0
