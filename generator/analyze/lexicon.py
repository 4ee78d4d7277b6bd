"""Word lists kept as data: `analyze/lexicons/NAME.txt`, one entry a line.

A list is plain text so that a reader can review it without reading code: a comment header
(`#` lines) says what the list is for and how it was checked; blank lines and comments are
skipped; an entry is the rest of its line, whitespace collapsed. Files in this folder are
part of the analysis cache key like code (`cache.ANALYSIS_CODE`), so editing a list
re-analyses.
"""

from __future__ import annotations

import functools
from pathlib import Path

FOLDER = Path(__file__).parent / "lexicons"


@functools.cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of one list, in file order (loaded once per process)."""
    text = (FOLDER / f"{name}.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        entry = " ".join(line.split("#", 1)[0].split())
        if entry:
            found.append(entry)
    return tuple(found)


@functools.cache
def words(name: str) -> frozenset[str]:
    """A list as a set, for membership tests."""
    return frozenset(entries(name))


@functools.cache
def table(name: str) -> dict[str, str]:
    """A list of `key value` lines as a mapping (the value is the rest of the line)."""
    mapping: dict[str, str] = {}
    for entry in entries(name):
        key, _, value = entry.partition(" ")
        mapping[key] = value
    return mapping
