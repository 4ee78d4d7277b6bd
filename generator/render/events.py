"""Event pages, the events index and the timeline (with an SVG drawn at build time).

Every sentence on these pages is an article's sentence, cited; titles, places, names and
outlets come from articles too, so all of them pass through `markdown.text()`. Labels such
as "When" or "Reported by" and the dates written out ("10 March 2022") are the generator's.
The timeline picture is inline SVG made here: no script, no web font, nothing fetched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from ..model import Article, CitedText, Digest, Event, date_label
from . import months
from .markdown import (
    cite,
    event_path,
    front_matter,
    group,
    href,
    link,
    page_meta,
    person_path,
    plural,
    table,
    text,
    word_for_word,
)

INDEX = "events/index.md"
TIMELINE = "timeline.md"


def pages(digest: Digest) -> dict[str, str]:
    """events/index.md, one page per event, and timeline.md (only when there are events).

    A long list of events is split by month (`months`): the index and the timeline then
    both list the months, and each month's page has that month's timeline and table.
    """
    if not digest.events:
        return {}
    if months.split(digest.events):
        out = month_pages(digest)
    else:
        out = {INDEX: index_page(digest), TIMELINE: timeline_page(digest)}
    for event in digest.events:
        out[event_path(event.slug)] = event_page(digest, event)
    return out


def month_key(event: Event) -> str:
    """The month page of an event: its month, or its year when dated only to a year."""
    return months.key_of(event.date)


# --- the events index --------------------------------------------------------------------


def _rows(page: str, events: Sequence[Event]) -> list[list[str]]:
    return [
        [
            date_label(event.date, event.precision),
            link(event.title, href(page, event_path(event.slug))),
            ", ".join(text(place) for place in event.places[:3]) or "—",
            ", ".join(text(outlet) for outlet in event.outlets),
            str(len(event.reports)),
        ]
        for event in events
    ]


def _table(page: str, events: Sequence[Event]) -> str:
    return table(["When", "Event", "Where", "Reported by", "Reports"], _rows(page, events))


def _counts(digest: Digest) -> str:
    several = sum(1 for event in digest.events if len(event.outlets) > 1)
    return (
        f"{plural(len(digest.events), 'dated happening')} from "
        f"{plural(len(digest.articles), 'article')}, "
        f"{several:,} reported by more than one outlet."
    )


def index_page(digest: Digest) -> str:
    lines = [
        front_matter(title="Events"),
        "# Events\n",
        f"{_counts(digest)} See them on the [timeline]({href(INDEX, TIMELINE)}).\n",
        _table(INDEX, digest.events),
    ]
    return "\n".join(lines)


def month_pages(digest: Digest) -> dict[str, str]:
    """The events index and the timeline as lists of months, and a page per month with
    that month's timeline and table of events (oldest month first, as on the timeline)."""
    grouped = group(digest.events, month_key)  # events are sorted by date
    intro = f"{_counts(digest)} By month, oldest first; each month has its timeline."

    def body(page: str, events: Sequence[Event]) -> list[str]:
        return [
            f"{plural(len(events), 'event')}. [Timeline]({href(page, TIMELINE)})\n",
            timeline_svg(events) + "\n",
            _table(page, events),
        ]

    out = months.pages(INDEX, "events", "Events", intro, grouped, "event", body)
    counts = {key: len(events) for key, events in grouped.items()}
    out[TIMELINE] = months.index_page(TIMELINE, "events", "Timeline", intro, counts, "event")
    return out


# --- one event ---------------------------------------------------------------------------


def event_page(digest: Digest, event: Event) -> str:
    path = event_path(event.slug)
    # the page title reaches the HTML <title> and navigation unescaped: escape it here
    lines = [page_meta(digest, text(event.title), quoting=True), f"# {text(event.title)}\n"]
    facts = [
        f"**When:** {date_label(event.date, event.precision)} "
        f"({event.precision} precision, `{event.date}`)",
    ]
    if event.places:
        facts.append("**Where:** " + ", ".join(text(place) for place in event.places))
    if event.participants:
        facts.append("**Who took part:** " + _people(digest, event, path))
    if event.organisations:
        facts.append("**Organisations named:** " + ", ".join(text(o) for o in event.organisations))
    facts.append("**Reported by:** " + ", ".join(text(outlet) for outlet in event.outlets))
    lines.append("  \n".join(facts) + "\n")
    lines.append("## What the reports say\n")
    lines += _reports(path, event, _articles(digest))
    if event.disagreements:
        lines.append("## Where the reports differ\n")
        lines += [f"- {text(label)}" for label in event.disagreements]
        lines.append("")
    lines.append(f"[All events]({href(path, INDEX)}) · [Timeline]({href(path, TIMELINE)})\n")
    return "\n".join(lines)


def _reports(path: str, event: Event, articles: dict[str, Article]) -> list[str]:
    """The reporting sentences, each quoted once with every report that carries it.

    A sentence that several outlets print word for word (wire copy) comes first, under its
    own heading, cited to each of them; every other sentence sits under its outlet's name.
    """
    carried = word_for_word(r for r in event.reports if r.citation.article in articles)
    shared, by_outlet = [], defaultdict(list)
    for sentence, reports in carried.items():
        outlets = {articles[r.citation.article].outlet for r in reports}
        if len(outlets) > 1:
            shared.append((sentence, reports))
        else:
            by_outlet[outlets.pop()].append((sentence, reports))
    sections = [("Word for word in several outlets", shared)] if shared else []
    sections += [(text(outlet), by_outlet[outlet]) for outlet in sorted(by_outlet)]
    lines = []
    for heading, quoted in sections:
        lines.append(f"### {heading}\n")
        lines += [
            f"> {text(sentence)} {_cites(path, reports, articles)}\n"
            for sentence, reports in quoted
        ]
    return lines


def _cites(path: str, reports: list[CitedText], articles: dict[str, Article]) -> str:
    """Citations of one sentence; an outlet cited more than once is dated."""
    sources = [articles[report.citation.article] for report in reports]
    outlets = [source.outlet for source in sources]
    return ", ".join(
        cite(path, source, report.citation, dated=outlets.count(source.outlet) > 1)
        for source, report in zip(sources, reports, strict=True)
    )


def _articles(digest: Digest) -> dict[str, Article]:
    """Articles by slug, built once per digest (not once per event page: thousands)."""
    found = digest.__dict__.get("_articles_by_slug")
    if found is None:
        found = {item.article.slug: item.article for item in digest.articles}
        object.__setattr__(digest, "_articles_by_slug", found)
    return found


def _person_names(digest: Digest) -> dict[str, str]:
    """Person names by slug, built once per digest."""
    found = digest.__dict__.get("_person_names")
    if found is None:
        found = {person.slug: person.name for person in digest.people}
        object.__setattr__(digest, "_person_names", found)
    return found


def _people(digest: Digest, event: Event, path: str) -> str:
    """Participants, linked to their pages when the people stage made one."""
    known = _person_names(digest)
    names = dict(zip(event.participants, event.participant_names, strict=False))
    shown = []
    for slug in event.participants:
        if slug in known:
            shown.append(link(known[slug], href(path, person_path(slug))))
        else:
            shown.append(text(names.get(slug, slug)))
    return ", ".join(shown)


# --- the timeline ------------------------------------------------------------------------


def timeline_page(digest: Digest) -> str:
    lines = [
        front_matter(title="Timeline"),
        "# Timeline\n",
        f"{plural(len(digest.events), 'event')} by date. Each links to the reporting sentences, "
        f"cited. [All events as a table]({href(TIMELINE, INDEX)}).\n",
        timeline_svg(digest.events) + "\n",
    ]
    month_of: dict[str, list[Event]] = defaultdict(list)
    for event in digest.events:
        month_of[event.date[:7] if event.precision != "year" else event.date].append(event)
    for key in sorted(month_of):
        heading = date_label(key, "month" if len(key) == 7 else "year")
        lines.append(f"## {heading}\n")
        day = None
        for event in month_of[key]:
            label = date_label(event.date, event.precision)
            if event.precision == "day" and event.date != day:
                lines.append(f"\n### {label}\n")
                day = event.date
            elif event.precision != "day" and day != "":
                lines.append(f"\n### During {label}\n")
                day = ""
            outlets = ", ".join(text(o) for o in event.outlets)
            lines.append(
                f"- {link(event.title, href(TIMELINE, event_path(event.slug)))} · {outlets}"
            )
        lines.append("")
    return "\n".join(lines)


def _first_day(event: Event) -> dt.date:
    if event.precision == "day":
        return dt.date.fromisoformat(event.date)
    if event.precision == "month":
        return dt.date.fromisoformat(event.date + "-01")
    return dt.date(int(event.date), 1, 1)


def _last_day(event: Event) -> dt.date:
    first = _first_day(event)
    if event.precision == "day":
        return first
    if event.precision == "month":
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(first.year, 12, 31)


WIDTH, MARGIN, LANE, AXIS_Y, CHAR = 760, 40, 22, 44, 6.4


def timeline_svg(events: Sequence[Event]) -> str:
    """An inline SVG: a dated axis, a dot per day event, a bar per month or year, labels in
    lanes so that none overlaps. Plain markup: it works offline and with scripts blocked."""
    if not events:
        return ""
    start = min(_first_day(e) for e in events)
    end = max(_last_day(e) for e in events)
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - start).days / span, 1)

    lanes: list[float] = []  # right edge of the last label in each lane
    marks: list[str] = []
    for event in events:
        left, right = x(_first_day(event)), x(_last_day(event))
        label = event.title
        width = CHAR * len(label)
        anchor = round(min(left, WIDTH - MARGIN - width), 1)
        lane = next((i for i, edge in enumerate(lanes) if edge + 8 < anchor), None)
        if lane is None:
            lanes.append(0.0)
            lane = len(lanes) - 1
        lanes[lane] = anchor + width
        y = AXIS_Y + 26 + lane * LANE
        mark = (
            f'<circle cx="{left}" cy="{AXIS_Y}" r="5" class="tl-dot"/>'
            if event.precision == "day"
            else f'<rect x="{left}" y="{AXIS_Y - 4}" width="{max(right - left, 4)}" height="8"'
            ' rx="3" class="tl-span"/>'
        )
        marks.append(
            f"<g><title>{text(event.title)}</title>{mark}"
            f'<line x1="{left}" y1="{AXIS_Y + 6}" x2="{left}" y2="{y - 11}" class="tl-stem"/>'
            f'<text x="{anchor}" y="{y}" class="tl-label">{text(label)}</text></g>'
        )
    height = AXIS_Y + 26 + len(lanes) * LANE
    ticks = []
    for day, label in _ticks(start, end):
        at = x(day)
        ticks.append(
            f'<line x1="{at}" y1="{AXIS_Y - 8}" x2="{at}" y2="{AXIS_Y + 8}" class="tl-tick"/>'
            f'<text x="{at}" y="{AXIS_Y - 14}" text-anchor="middle" class="tl-axis">{label}</text>'
        )
    style = (
        "<style>.tl-line,.tl-tick,.tl-stem{stroke:currentColor;opacity:.5}"
        ".tl-dot{fill:#3f51b5}.tl-span{fill:#3f51b5;opacity:.6}"
        ".tl-label,.tl-axis{font:12px sans-serif;fill:currentColor}</style>"
    )
    return (
        f'<figure class="timeline"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="Timeline of {len(events)} events" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" style="max-width:100%;height:auto">{style}'
        f'<line x1="{MARGIN}" y1="{AXIS_Y}" x2="{WIDTH - MARGIN}" y2="{AXIS_Y}" class="tl-line"/>'
        + "".join(ticks)
        + "".join(marks)
        + "</svg></figure>"
    )


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Axis labels: days for a short span, months for a longer one, years beyond that."""
    days = (end - start).days
    if days <= 45:
        step = max(1, days // 8)
        return [
            (
                start + dt.timedelta(days=i),
                f"{(start + dt.timedelta(days=i)).day} "
                f"{(start + dt.timedelta(days=i)).strftime('%b')}",
            )
            for i in range(0, days + 1, step)
        ]
    if days <= 3 * 366:
        ticks, day = [], dt.date(start.year, start.month, 1)
        if day < start:
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        while day <= end:
            ticks.append((day, day.strftime("%b %Y")))
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return ticks[:: max(1, len(ticks) // 10)]
    years = range(start.year + (start > dt.date(start.year, 1, 1)), end.year + 1)
    return [(dt.date(y, 1, 1), str(y)) for y in years][:: max(1, len(years) // 10)]
