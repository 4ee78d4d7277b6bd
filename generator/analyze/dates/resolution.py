"""What a date expression resolves to: a TimeML-like value and the calendar days it covers.

The value keeps the grain the text has ("1998-Q3", "1998-W07", "PAST_REF"), which is what
the TimeBank evaluation compares; `first`/`last` bound the days it may mean, which decides
the plain precision the site shows (`Resolution.plain`: day, month or year, or nothing).
One constructor a grain, so that every rule builds the same value for the same period.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

MODEL_PRECISIONS = ("day", "month", "year")

# The months a season covers, by its TimeML code: northern meteorological seasons, winter
# from December into the next year.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class Resolution:
    """A resolved date: TimeML-style value, its granularity, and the days it may cover.

    `first`/`last` bound the calendar days the expression can mean; they decide the
    plain precision shown on the site (see `plain`).
    """

    value: str | None
    precision: str | None  # day week weekend month quarter half season year decade century ref
    first: dt.date | None = None
    last: dt.date | None = None

    def plain(self) -> tuple[str | None, str | None]:
        """(value, precision) limited to day, month or year: the coarsest that is honest."""
        if self.precision in MODEL_PRECISIONS:
            return self.value, self.precision
        if self.first is None or self.last is None:
            return None, None
        if self.first == self.last:
            return self.first.isoformat(), "day"
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.year:04d}-{self.first.month:02d}", "month"
        if self.first.year == self.last.year:
            return f"{self.first.year:04d}", "year"
        return None, None


UNRESOLVED = Resolution(None, None)


# --- one constructor a grain ---------------------------------------------------------------


def day(date: dt.date) -> Resolution:
    return Resolution(date.isoformat(), "day", date, date)


def month(year: int, month: int) -> Resolution:
    last = calendar.monthrange(year, month)[1]
    return Resolution(
        f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last)
    )


def year(year: int) -> Resolution:
    return Resolution(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def week(date: dt.date, weekend: bool = False) -> Resolution:
    """The ISO week of a day, or its weekend (Saturday and Sunday)."""
    year, week, _ = date.isocalendar()
    monday = date - dt.timedelta(days=date.weekday())
    if weekend:
        return Resolution(
            f"{year:04d}-W{week:02d}-WE",
            "weekend",
            monday + dt.timedelta(days=5),
            monday + dt.timedelta(days=6),
        )
    return Resolution(f"{year:04d}-W{week:02d}", "week", monday, monday + dt.timedelta(days=6))


def quarter(year: int, quarter: int) -> Resolution:
    first = dt.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Resolution(f"{year:04d}-Q{quarter}", "quarter", first, last)


def half(year: int, half: int) -> Resolution:
    first = dt.date(year, 1 if half == 1 else 7, 1)
    last = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return Resolution(f"{year:04d}-H{half}", "half", first, last)


def season(year: int, code: str) -> Resolution:
    """A season of a year by its TimeML code (SP, SU, FA, WI); winter ends the next year."""
    start, end = SEASON_MONTHS[code]
    first = dt.date(year, start, 1)
    end_year = year + 1 if end < start else year
    last = dt.date(end_year, end, calendar.monthrange(end_year, end)[1])
    return Resolution(f"{year:04d}-{code}", "season", first, last)


def ref(kind: str, first: dt.date | None = None, last: dt.date | None = None) -> Resolution:
    """A vague reference: PAST, PRESENT or FUTURE, with the days it covers when known."""
    return Resolution(f"{kind}_REF", "ref", first, last)
