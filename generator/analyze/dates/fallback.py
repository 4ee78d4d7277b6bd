"""dateparser, for what the news rules do not read; alone, it is the evaluation's baseline.

The library knows many formats and languages but not news conventions: its `past` setting
puts "Thursday" a week before a paper of Thursday, and it makes a day of a bare length of
time. So it comes last, relative to publication, and answers only day, week, month or year.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from . import resolution
from .resolution import UNRESOLVED, Resolution
from .tense import FUTURE, PAST


@functools.lru_cache(maxsize=8)
def _parser(base: dt.date, prefer: str) -> object:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "REQUIRE_PARTS": [],
        },
    )


def with_dateparser(text: str, published: dt.date, mode: str = PAST) -> Resolution:
    """dateparser alone (relative to publication, preferring the past): also the baseline."""
    if not re.search(r"[0-9]|[a-z]{3}", text.lower()):
        return UNRESOLVED
    try:
        data = _parser(published, "future" if mode == FUTURE else "past").get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return UNRESOLVED
    if data is None or data.date_obj is None:
        return UNRESOLVED
    day = data.date_obj.date()
    period = data.period
    if period == "year":
        return resolution.year(day.year)
    if period == "month":
        return resolution.month(day.year, day.month)
    if period == "week":
        return resolution.week(day)
    return resolution.day(day)
