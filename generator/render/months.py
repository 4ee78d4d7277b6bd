"""Long indexes split by month: the one place that decides when, and how they look.

One index page of ten thousand entries is slow to build and of no use to a reader:
Markdown, the table of contents and the search index all grow with it, the last two
quadratically in its headings (at 10,000 articles the stories index, the events index and
the timeline were 8 MB in three pages). Above `SPLIT_ABOVE` entries an index lists its
months instead, by year, each with a count, and each month gets a page of its own under
`<section>/months/`, a folder no slug can take (slugs have no "/").

Month keys are "2022-03"; "2022" for what is dated only to a year; "undated".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from .markdown import front_matter, href, plural_of

T = TypeVar("T")

SPLIT_ABOVE = 250
UNDATED = "undated"


def split(entries: Sequence[object]) -> bool:
    """Whether an index of these entries is split into month pages."""
    return len(entries) > SPLIT_ABOVE


def key_of(date: dt.date | str | None) -> str:
    """The month key of a date ('2022-03-10', '2022-03' and '2022' as events write them)."""
    if date is None:
        return UNDATED
    if isinstance(date, dt.date):
        return date.strftime("%Y-%m")
    return date[:7]


def label(key: str) -> str:
    """'March 2022', '2022' (a year), or 'Undated'."""
    if key == UNDATED:
        return "Undated"
    if len(key) == 4:
        return key
    return f"{month_name(key)} {key[:4]}"


def month_name(key: str) -> str:
    """'March' for '2022-03'; 'year only' for '2022'; 'undated'. As a year's index line
    names its months."""
    if key == UNDATED:
        return "undated"
    if len(key) == 4:
        return "year only"
    return dt.date.fromisoformat(key + "-01").strftime("%B")


def path(section: str, key: str) -> str:
    """The month page of a section ('articles', 'events', 'stories') under docs/."""
    return f"{section}/months/{key}.md"


def index_page(
    index: str, section: str, title: str, intro: str, counts: Mapping[str, int], noun: str
) -> str:
    """A split index: the intro, then one line a year (in the given order) with its months,
    each linked to its page and followed by its number of `noun`s ('article', 'event')."""
    lines = [
        front_matter(title=title),
        f"# {title}\n",
        f"{intro} The number of {plural_of(noun)} follows each month.\n",
    ]
    years: dict[str, list[str]] = {}
    for key, count in counts.items():
        year = "Undated" if key == UNDATED else key[:4]
        link = f"[{month_name(key)}]({href(index, path(section, key))}) {count:,}"
        years.setdefault(year, []).append(link)
    lines += [f"- **{year}:** " + " · ".join(months) for year, months in years.items()]
    lines.append("")
    return "\n".join(lines)


def month_page(index: str, section: str, title: str, key: str, body: Sequence[str]) -> str:
    """One month's page: '<title>: March 2022', a link back to the months, the body."""
    page = path(section, key)
    heading = f"{title}: {label(key)}"
    lines = [front_matter(title=heading), f"# {heading}\n", f"[All months]({href(page, index)})\n"]
    return "\n".join([*lines, *body, ""])


def pages(
    index: str,
    section: str,
    title: str,
    intro: str,
    grouped: Mapping[str, Sequence[T]],
    noun: str,
    body: Callable[[str, Sequence[T]], list[str]],
) -> dict[str, str]:
    """A split index and its month pages: `grouped` as `group` gives it, and `body(page,
    entries)` the lines of a month's page below its heading."""
    counts = {key: len(entries) for key, entries in grouped.items()}
    result = {index: index_page(index, section, title, intro, counts, noun)}
    for key, entries in grouped.items():
        page = path(section, key)
        result[page] = month_page(index, section, title, key, body(page, entries))
    return result
