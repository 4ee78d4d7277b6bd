"""A date named in part, completed from the publication date and the way the clause looks.

News leave out what the reader knows: "Thursday" is the latest Thursday on or before
publication (the same day when the paper is of a Thursday), "Nov. 6" the one that keeps
the report in the past, "the quarter" the last complete one. In the future tense the same
names look forward; in the present tense (NEAREST) they take the closer of the two.
"""

from __future__ import annotations

import datetime as dt

from . import resolution
from .resolution import Resolution
from .tense import FUTURE, NEAREST, PAST


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the calendar has no such day (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday(published: dt.date, weekday: int, mode: str, which: str | None) -> dt.date:
    """The day a weekday names ("Friday", "last Friday", "this Friday")."""
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if which == "last":
        return published - dt.timedelta(days=back or 7)
    if which == "next":
        return published + dt.timedelta(days=forward or 7)
    if which == "this":
        # "this Friday": the one of the current week when past, else the coming one
        return (
            published - dt.timedelta(days=back)
            if mode == PAST
            else published + dt.timedelta(days=forward)
        )
    if mode == FUTURE or (mode == NEAREST and forward < back):
        return published + dt.timedelta(days=forward)
    return published - dt.timedelta(days=back)


def month_year(published: dt.date, month: int, mode: str, which: str | None) -> int:
    """The year of a month named without one: news reports look back unless told not to."""
    if which == "last":
        return published.year if month < published.month else published.year - 1
    if which == "next":
        return published.year if month > published.month else published.year + 1
    if which == "this":
        return published.year
    if mode == FUTURE:
        return published.year if month >= published.month else published.year + 1
    if mode == NEAREST:
        ahead = (month - published.month) % 12
        if 0 < ahead < 12 - ahead:
            return published.year if month > published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def month_day_year(published: dt.date, month: int, day: int, mode: str) -> dt.date | None:
    """Month and day without a year: the year keeping it on or before publication (or after)."""
    candidate = safe_date(published.year, month, day)
    if candidate is None:  # 29 February: the nearest leap year in the direction we look
        step = 1 if mode == FUTURE else -1
        for offset in range(1, 9):
            found = safe_date(published.year + step * offset, month, day)
            if found is not None:
                return found
        return None
    if mode == FUTURE:
        return candidate if candidate >= published else safe_date(published.year + 1, month, day)
    if mode == NEAREST:
        options = [
            d
            for d in (
                candidate,
                safe_date(published.year - 1, month, day),
                safe_date(published.year + 1, month, day),
            )
            if d is not None
        ]
        return min(options, key=lambda d: (abs((d - published).days), d > published))
    return candidate if candidate <= published else safe_date(published.year - 1, month, day)


def weekend(published: dt.date, delta: int) -> Resolution:
    """This weekend (delta 0), the next (1) or the last (-1), seen from publication."""
    saturday_back = (published.weekday() - 5) % 7
    base = published - dt.timedelta(days=saturday_back)  # the latest Saturday on or before
    if delta > 0:
        base += dt.timedelta(weeks=1)
    elif delta < 0 and saturday_back <= 1:
        base -= dt.timedelta(weeks=1)
    return resolution.week(base, weekend=True)


def latest_quarter(published: dt.date) -> Resolution:
    """The last complete quarter: what a results report calls "the quarter"."""
    year, month = add_months(published.year, published.month, -3)
    return resolution.quarter(year, _quarter_of(dt.date(year, month, 1)))


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1
