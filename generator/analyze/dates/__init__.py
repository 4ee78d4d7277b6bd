"""Date expressions in news text, resolved against the publication date.

News writes "Thursday", "Feb. 24" and "late last month"; readers need calendar dates. We find
candidate spans with spaCy's DATE entities (plus a few patterns the small model misses),
then resolve each span with news rules first and dateparser second:

* a bare weekday is the most recent such day on or before publication ("Thursday" in a
  paper of Thursday 10 March 2022 is that day; dateparser's `past` setting says 3 March);
* a month and day without a year takes the year that keeps it on or before publication;
* relative expressions ("last month", "two weeks ago", "in recent days") get the precision
  they really have: a month, a year, or nothing, never a made-up exact day;
* when the sentence is in the future tense ("will meet Friday") the same rules look forward.

Resolution has a rich internal form (`Resolution`, TimeML-like values such as "1998-Q3",
"1998-W07" or "PAST_REF", used by the TimeBank evaluation) and a plain form for the site
(`DateExpression` with day, month or year precision only).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import DateExpression
from .. import nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PAST, FUTURE, NEAREST = "past", "future", "nearest"
# "N years ago" that reaches further back than this is vague ("3,000 years ago"), not a year.
_OLDEST_YEAR = 1000
MODEL_PRECISIONS = ("day", "month", "year")

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINALS["4th"] = 4
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": None,
    "few": None,
    "a few": None,
    "some": None,
    "many": None,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

PRESENT_WORDS = {
    "now",
    "right now",
    "just now",
    "yet",
    "currently",
    "current",
    "at present",
    "presently",
    "at the moment",
    "the moment",
    "this time",
    "already",
    "nowadays",
    "these days",
    "today's",
}
PAST_WORDS = {
    "recently",
    "more recently",
    "most recently",
    "until recently",
    "recent",
    "previously",
    "the past",
    "past",
    "earlier",
    "formerly",
    "once",
    "the time",
    "at the time",
    "in the past",
    "lately",
}
FUTURE_WORDS = {"the future", "future", "soon", "eventually", "later", "shortly", "in the future"}


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


# --- constructors ------------------------------------------------------------------------


def _day(day: dt.date) -> Resolution:
    return Resolution(day.isoformat(), "day", day, day)


def _month(year: int, month: int) -> Resolution:
    last = calendar.monthrange(year, month)[1]
    return Resolution(
        f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last)
    )


def _year(year: int) -> Resolution:
    return Resolution(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _week(day: dt.date, weekend: bool = False) -> Resolution:
    year, week, _ = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    if weekend:
        return Resolution(
            f"{year:04d}-W{week:02d}-WE",
            "weekend",
            monday + dt.timedelta(days=5),
            monday + dt.timedelta(days=6),
        )
    return Resolution(f"{year:04d}-W{week:02d}", "week", monday, monday + dt.timedelta(days=6))


def _quarter(year: int, quarter: int) -> Resolution:
    first = dt.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Resolution(f"{year:04d}-Q{quarter}", "quarter", first, last)


def _half(year: int, half: int) -> Resolution:
    first = dt.date(year, 1 if half == 1 else 7, 1)
    last = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return Resolution(f"{year:04d}-H{half}", "half", first, last)


def _season(year: int, code: str) -> Resolution:
    start, end = _SEASON_MONTHS[code]
    first = dt.date(year, start, 1)
    end_year = year + 1 if end < start else year
    last = dt.date(end_year, end, calendar.monthrange(end_year, end)[1])
    return Resolution(f"{year:04d}-{code}", "season", first, last)


def _ref(kind: str, first: dt.date | None = None, last: dt.date | None = None) -> Resolution:
    return Resolution(f"{kind}_REF", "ref", first, last)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


# --- the news rules ----------------------------------------------------------------------

_NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|a few|few|some|many)"
)
_UNIT = r"(?P<unit>day|week|month|year|decade|centur(?:y|ies)|millenni(?:um|a))s?"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"

# Words around a date that do not change the day it names at the precision we report.
_MODIFIERS = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|through|before|after|over|of|"
    r"as of|as early as|as late as|the|late|early|mid|mid-|the end of|the beginning of|"
    r"the start of|the middle of|the first half of|the second half of|end of|start of|"
    r"beginning of|middle of|fiscal|calendar|sometime|some time|around|about|"
    r"earlier|later|until|this past|so far|the rest of|the remainder of)\s+)+"
)


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, one space, no possessive, no leading modifiers."""
    value = text.lower().replace("’", "'").replace("`", "'")
    value = re.sub(r"\s+", " ", value).strip(" ,.;:'\"()")
    value = re.sub(r"'s$", "", value)
    value = value.replace("mid-", "mid ")
    return value


def _strip_modifiers(value: str) -> str:
    previous = None
    while previous != value:
        previous = value
        value = _MODIFIERS.sub("", value).strip()
    return value


def _weekday(published: dt.date, weekday: int, mode: str, which: str | None) -> dt.date:
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


def _month_year(published: dt.date, month: int, mode: str, which: str | None) -> int:
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


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day_year(published: dt.date, month: int, day: int, mode: str) -> dt.date | None:
    """Month and day without a year: the year keeping it on or before publication (or after)."""
    candidate = _safe_date(published.year, month, day)
    if candidate is None:  # 29 February: the nearest leap year in the direction we look
        step = 1 if mode == FUTURE else -1
        for offset in range(1, 9):
            found = _safe_date(published.year + step * offset, month, day)
            if found is not None:
                return found
        return None
    if mode == FUTURE:
        return candidate if candidate >= published else _safe_date(published.year + 1, month, day)
    if mode == NEAREST:
        options = [
            d
            for d in (
                candidate,
                _safe_date(published.year - 1, month, day),
                _safe_date(published.year + 1, month, day),
            )
            if d is not None
        ]
        return min(options, key=lambda d: (abs((d - published).days), d > published))
    return candidate if candidate <= published else _safe_date(published.year - 1, month, day)


Rule = Callable[[re.Match[str], dt.date, str], Resolution | None]
_RULES: list[tuple[re.Pattern[str], Rule]] = []


def _rule(pattern: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        _RULES.append((re.compile(r"^(?:" + pattern + r")$"), function))
        return function

    return register


@_rule(r"today|tonight|this (?:morning|afternoon|evening)|this day|earlier today")
def _today(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _day(published)


@_rule(r"(?:yesterday|last night)" + _PART_OF_DAY)
def _yesterday(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _day(published - dt.timedelta(days=1))


@_rule(r"tomorrow" + _PART_OF_DAY)
def _tomorrow(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _day(published + dt.timedelta(days=1))


@_rule(r"the day before yesterday")
def _day_before(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _day(published - dt.timedelta(days=2))


@_rule(r"(?:(?P<which>last|this|next|past|coming) )?" + _WEEKDAY + _PART_OF_DAY)
def _bare_weekday(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    which = {"past": "last", "coming": "next"}.get(match["which"], match["which"])
    return _day(_weekday(published, WEEKDAYS[match["weekday"]], mode, which))


@_rule(
    r"(?:(?P<which>last|this|next|past|coming) )?"
    + _WEEKDAY
    + r",? "
    + _MONTH
    + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? "
    + _YEAR
    + r")?"
)
def _weekday_month_day(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    """ "Saturday, April 25": the weekday tells the year when the text does not."""
    if match["year"]:
        return _month_day(match, published, mode)
    month, day, weekday = MONTHS[match["month"]], int(match["day"]), WEEKDAYS[match["weekday"]]
    for year in (published.year, published.year - 1, published.year + 1):
        found = _safe_date(year, month, day)
        if found is not None and found.weekday() == weekday:
            return _day(found)
    return _month_day(match, published, mode)


@_rule(_MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? " + _YEAR + r")?")
def _month_day(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        found = _safe_date(int(match["year"]), month, day)
    else:
        found = _month_day_year(published, month, day, mode)
    return _day(found) if found else None


@_rule(r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?:,? " + _YEAR + r")?")
def _day_month(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    return _month_day(match, published, mode)


@_rule(_MONTH + r",? " + _YEAR)
def _month_with_year(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _month(int(match["year"]), MONTHS[match["month"]])


@_rule(
    r"(?:(?P<which>last|this|next|past|coming) )?" + _MONTH + r"(?: (?P<rel>this|last|next) year)?"
)
def _bare_month(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    month = MONTHS[match["month"]]
    rel = match["rel"]
    if rel:
        year = published.year + {"this": 0, "last": -1, "next": 1}[rel]
    else:
        which = {"past": "last", "coming": "next"}.get(match["which"], match["which"])
        year = _month_year(published, month, mode, which)
    return _month(year, month)


@_rule(_YEAR + r"(?: (?:period|year|levels?))?")
def _bare_year(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _year(int(match["year"]))


@_rule(r"(?P<year>1[0-9]{2}|20[0-9])0'?s")
def _decade(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    start = int(match["year"]) * 10
    return Resolution(match["year"], "decade", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


@_rule(r"'?(?P<short>[0-9])0s")
def _short_decade(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    century = published.year // 100
    decade = century * 10 + int(match["short"])
    if decade * 10 > published.year:
        decade -= 10
    return Resolution(
        str(decade), "decade", dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31)
    )


@_rule(r"(?P<n>\d{1,2})(?:st|nd|rd|th) century")
def _century(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return Resolution(f"{int(match['n']) - 1:02d}", "century")


@_rule(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})")
def _slashed(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    year = int(match["y"])
    if year < 100:
        year += 1900 if year > (published.year % 100) + 10 else 2000
    found = _safe_date(year, int(match["m"]), int(match["d"]))
    return _day(found) if found else None


@_rule(r"(?P<y>1[0-9]{3}|20[0-9]{2})-?(?P<m>[01][0-9])-?(?P<d>[0-3][0-9])")
def _iso(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    found = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return _day(found) if found else None


@_rule(
    r"(?P<which>this|last|next|the past|past|the coming|coming|the current|current|"
    r"the previous|previous|the following|following|the same|a|the) "
    r"(?P<unit>week|weekend|month|year|quarter)"
)
def _this_unit(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    which = match["which"].removeprefix("the ")
    delta = {
        "this": 0,
        "current": 0,
        "same": 0,
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
    }.get(which)  # "the following year" depends on a date elsewhere in the text: unresolved
    unit = match["unit"]
    if which == "a":  # "a year" is a length of time, not a date
        return None
    if which == "the":  # "the week", "the year": the current one
        delta = 0
    if which == "past" and unit in ("year", "month", "week"):
        delta = -1
    if delta is None:
        return None
    if unit == "week":
        return _week(published + dt.timedelta(weeks=delta))
    if unit == "weekend":
        return _weekend(published, delta)
    if unit == "month":
        return _month(*_add_months(published.year, published.month, delta))
    if unit == "quarter":
        if match["which"] == "the":
            return _latest_quarter(published)
        year, month = _add_months(published.year, published.month, 3 * delta)
        return _quarter(year, (month - 1) // 3 + 1)
    return _year(published.year + delta)


def _weekend(published: dt.date, delta: int) -> Resolution:
    saturday_back = (published.weekday() - 5) % 7
    base = published - dt.timedelta(days=saturday_back)  # the latest Saturday on or before
    if delta > 0:
        base += dt.timedelta(weeks=1)
    elif delta < 0 and saturday_back <= 1:
        base -= dt.timedelta(weeks=1)
    return _week(base, weekend=True)


@_rule(r"(?:the )?weekend")
def _the_weekend(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _weekend(published, 1 if mode == FUTURE else 0)


@_rule(r"(?:the )?(?:full|whole|entire|current|calendar|fiscal) year|year to date|year-to-date")
def _the_year(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _year(published.year)


@_rule(r"year-end|year end|the end of the year|end of the year")
def _year_end(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _day(dt.date(published.year, 12, 31))


@_rule(
    r"(?:(?:nearly|almost|about|some|more than|less than|over|just|only|roughly) )?"
    + _NUM
    + r" "
    + _UNIT
    + r" (?:ago|earlier|before|back)"
)
def _ago(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    number = match["num"].replace(",", "")
    count = int(number) if number.isdigit() else _NUMBERS.get(number)
    unit = match["unit"]
    if count is None or unit.startswith(("centur", "millenni")):  # "several years ago"
        return _ref("PAST")
    if (
        unit in ("year", "decade")
        and published.year - count * (10 if unit == "decade" else 1) < _OLDEST_YEAR
    ):
        return _ref("PAST")  # "3,000 years ago" is a long time ago, not a calendar year
    if unit == "day":
        return _day(published - dt.timedelta(days=count))
    if unit == "week":
        return _week(published - dt.timedelta(weeks=count))
    if unit == "month":
        return _month(*_add_months(published.year, published.month, -count))
    if unit == "decade":
        year = published.year - 10 * count
        return Resolution(str(year // 10), "decade")
    return _year(published.year - count)


@_rule(r"(?:a |the )?year[- ](?:ago|earlier)(?: (?:period|quarter|level|levels|results))?")
def _year_ago(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    if match.group(0).endswith(("period", "quarter", "results")):
        latest = _latest_quarter(published)
        quarter = int(latest.value[-1]) if latest.value else 1
        return _quarter(published.year - 1 if quarter < 4 else published.year - 2, quarter)
    return _year(published.year - 1)


@_rule(
    r"(?:(?P<rel>this|last|next) year's )?(?:(?:the|its|their|a) )?(?:fiscal )?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal )?quarter"
    r"(?:(?: of)? " + _YEAR + r")?"
)
def _nth_quarter(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    quarter = _ORDINALS[match["ord"]]
    if match["year"]:
        year = int(match["year"])
    elif match["rel"]:
        year = published.year + {"this": 0, "last": -1, "next": 1}[match["rel"]]
    else:  # results and forecasts both speak of the current (fiscal) year's quarters
        year = published.year
    return _quarter(year, quarter)


def _latest_quarter(published: dt.date) -> Resolution:
    """The last complete quarter: what a results report calls "the quarter"."""
    year, month = _add_months(published.year, published.month, -3)
    return _quarter(year, _quarter_of(dt.date(year, month, 1)))


@_rule(r"(?:the )?(?:latest|most recent|recent|last|past|fiscal)? ?(?:quarter|period)")
def _the_quarter(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _latest_quarter(published)


@_rule(r"(?:the )?(?P<half>first|second) half(?: of " + _YEAR + r")?")
def _the_half(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    year = int(match["year"]) if match["year"] else published.year
    return _half(year, 1 if match["half"] == "first" else 2)


@_rule(
    r"(?:(?P<which>this|last|next|past|coming) )?(?P<season>spring|summer|fall|autumn|winter)"
    r"(?: (?:of )?" + _YEAR + r")?"
)
def _season_rule(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    code = SEASONS[match["season"]]
    if match["year"]:
        return _season(int(match["year"]), code)
    start = _SEASON_MONTHS[code][0]
    which = {"past": "last", "coming": "next"}.get(match["which"], match["which"])
    if which == "this":
        year = published.year
    elif which == "last":
        year = published.year if start + 2 < published.month else published.year - 1
    elif which == "next" or mode == FUTURE:
        year = published.year if start > published.month else published.year + 1
    else:
        year = published.year if start <= published.month else published.year - 1
    return _season(year, code)


@_rule(
    r"(?:in )?(?:the )?(?:recent|past|last)(?: few| several| couple of)? "
    r"(?P<unit>days|weeks|months)"
)
def _recent_span(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    """'In recent days': a vague window ending at publication, reported at its true grain."""
    days = {"days": 10, "weeks": 42, "months": 180}[match["unit"]]
    return _ref("PAST", published - dt.timedelta(days=days), published)


@_rule(
    r"(?:in )?(?:the )?(?:recent|past|last|coming|next|few|several|many) "
    r"(?:few |several )?(?:years|decades)|several years ago|years ago|decades ago"
)
def _vague_years(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    future = match.group(0).startswith(("coming", "next", "the coming", "the next"))
    return _ref("FUTURE" if future else "PAST")


@_rule(
    r"(?:the )?(?:coming|next|upcoming|future|following) (?:few |several )?"
    r"(?:days|weeks|months|quarters|years)|(?:the )?(?:near|short|long) (?:term|future)|"
    r"as soon as possible|one day|some day|someday|from time to time"
)
def _vague_future(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _ref("FUTURE")


@_rule(
    r"(?:the )?(?:past|last|previous|recent) (?:few |several )?quarters|"
    r"recent (?:weeks|days|months) and (?:weeks|days|months)"
)
def _vague_past(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return _ref("PAST")


@_rule(
    r"(?:(?:more than|less than|more|less|about|nearly|almost|over|just|some|the|a|for) )?"
    r"(?:(?:\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(n for n in _NUMBERS if n not in ("a", "an"))
    + r") (?:days|weeks|months|years|decades)|(?:a|an) (?:day|week|month|year|decade)|"
    r"(?:a |an |one |\d+ |"
    + "|".join(n + " " for n in _NUMBERS if n not in ("a", "an", "one"))
    + r")?(?:century|centuries|millennium|millennia))"
)
def _duration(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    """A bare length of time ("five years") is not a date: never let a parser guess one."""
    return UNRESOLVED


_UNITS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    )
}
_TEENS = {
    w: 10 + i
    for i, w in enumerate(
        [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}


def _two_digits(words: str) -> int | None:
    words = words.strip().replace("-", " ")
    if words in _TEENS:
        return _TEENS[words]
    parts = words.split()
    if parts and parts[0] in _TENS and len(parts) <= 2:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 99) if len(parts) == 2 else 0)
    return None


def spelled_year(value: str) -> int | None:
    """Broadcast transcripts spell years: "nineteen ninety-six", "the year two thousand"."""
    value = value.removeprefix("the year ").strip()
    match = re.fullmatch(r"(nineteen|twenty) ([a-z -]+)", value)
    if match:
        rest = _two_digits(match[2])
        if rest is not None and rest < 100:
            return (19 if match[1] == "nineteen" else 20) * 100 + rest
    match = re.fullmatch(r"two thousand(?: and)?(?: ([a-z -]+))?", value)
    if match:
        rest = 0 if match[1] is None else (_UNITS.get(match[1]) or _two_digits(match[1]))
        return None if rest is None else 2000 + rest
    return None


def _by_words(value: str) -> Resolution | None:
    if value in PRESENT_WORDS:
        return _ref("PRESENT")
    if value in PAST_WORDS:
        return _ref("PAST")
    if value in FUTURE_WORDS:
        return _ref("FUTURE")
    return None


# --- resolution --------------------------------------------------------------------------


# A number of one to three digits alone is a score, an age or an amount that the NER model
# took for a date ("Ramprakash was out for 58"): dateparser would make it the year 1958, or
# a day of the publication month. A year written short keeps its apostrophe ("'58").
_BARE_NUMBER = re.compile(r"(?:the )?\d{1,3}")


@functools.lru_cache(maxsize=16_384)
def resolve(text: str, published: dt.date | None, mode: str = PAST) -> Resolution:
    """Resolve one date expression against the publication date (news rules, then dateparser).

    `mode` is PAST (the default for news: reports look back) or FUTURE when the sentence
    looks forward ("will meet Friday").

    Cached: the answer depends on the arguments alone (a Resolution is immutable), and the
    same expression is resolved more than once per article (whole and in parts), dateparser
    being most of the cost.

    Never raises on what an article says: a date outside the calendar ("7000 years ago"
    from a rule's arithmetic, a year past 9999) is unresolved, not an error.
    """
    try:
        return _resolve(text, published, mode)
    except (ValueError, OverflowError):
        return UNRESOLVED


def _resolve(text: str, published: dt.date | None, mode: str) -> Resolution:
    if _BARE_NUMBER.fullmatch(" ".join(text.lower().split()).strip(' ,.;:"()')):
        return UNRESOLVED
    if published is None:
        return _absolute_only(text)
    value = normalise(text)
    words = _by_words(value)
    if words is not None:
        return words
    for candidate in dict.fromkeys((value, _strip_modifiers(value))):
        if not candidate:
            continue
        words = _by_words(candidate)
        if words is not None:
            return words
        spelled = _spelled(candidate, published)
        if spelled is not None:
            return spelled
        for pattern, rule in _RULES:
            match = pattern.match(candidate)
            if match:
                found = rule(match, published, mode)
                if found is not None:
                    return found
    return with_dateparser(_strip_modifiers(value) or value, published, mode)


def _spelled(value: str, published: dt.date) -> Resolution | None:
    """A spelled-out year, alone or after a month or season ("January nineteen ninety-seven")."""
    match = re.fullmatch(
        r"(?:(?P<name>[a-z]+) (?:of )?)?(?P<rest>(?:the year )?(?:nineteen|twenty|two thousand).*)",
        value,
    )
    if not match:
        return None
    year = spelled_year(match["rest"])
    if year is None:
        return None
    name = match["name"]
    if name is None:
        return _year(year)
    if name in MONTHS:
        return _month(year, MONTHS[name])
    if name in SEASONS:
        return _season(year, SEASONS[name])
    return None


def _absolute_only(text: str) -> Resolution:
    """Without a publication date only self-contained dates (with a year) can be resolved."""
    value = _strip_modifiers(normalise(text))
    if not re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", value):
        return UNRESOLVED
    anchor = dt.date(int(re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", value).group(1)), 12, 31)
    return resolve(value, anchor)


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
        return _year(day.year)
    if period == "month":
        return _month(day.year, day.month)
    if period == "week":
        return _week(day)
    return _day(day)


# --- finding expressions in a parse ------------------------------------------------------

_EXTRA = re.compile(
    r"\b(?:(?:last|this|next|on) )?(?:"
    + "|".join(n for n in WEEKDAYS if len(n) > 4)
    + r")\b|\b(?:yesterday|today|tomorrow|tonight)\b|\b(?:"
    + "|".join(
        n for n in MONTHS if len(n) > 3 or n in ("jan", "feb", "aug", "sept", "oct", "nov", "dec")
    )
    + r")\.? \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\d+[- ](?:year|month|week|day)s?[- ]old", re.IGNORECASE)
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
_LOOKING_FORWARD = {
    "expect",
    "expected",
    "plan",
    "plans",
    "planned",
    "schedule",
    "scheduled",
    "due",
    "set",
    "slated",
    "going",
    "payable",
    "effective",
}


def tense_mode(span: Span) -> str:
    """FUTURE when the clause that holds a date looks forward, else PAST."""
    token = span.root
    for _ in range(6):
        if (
            token.pos_ in ("VERB", "AUX")
            or token.dep_ == "ROOT"
            or token.text.lower() in _LOOKING_FORWARD
        ):
            break
        token = token.head
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.text.lower() in _FUTURE_AUX:
            return FUTURE
    head = token
    for _ in range(3):
        if head.text.lower() in _LOOKING_FORWARD:
            return FUTURE
        if (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
            and head.head is not head
        ):
            head = head.head
            continue
        break
    if head.text.lower() in _LOOKING_FORWARD:
        return FUTURE
    if token.tag_ in ("VBD", "VBN") or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ in ("VBD", "VBN")
        for child in token.children
    ):
        return PAST
    if token.tag_ in ("VBZ", "VBP", "VB", "VBG") or token.pos_ == "AUX":
        return NEAREST  # present tense: the report may look either way
    return PAST


_INNER = re.compile(
    r"(?i)\b(?:"
    + r"(?:"
    + "|".join(n for n in MONTHS if len(n) > 2)
    + r")\.? \d{1,2}(?:st|nd|rd|th)?"
    + r"(?:, (?:1[0-9]{3}|20[0-9]{2}))?"
    + r"|(?:"
    + "|".join(n for n in MONTHS if len(n) > 2)
    + r"),? (?:1[0-9]{3}|20[0-9]{2})"
    + r"|(?:last|this|next) (?:week|month|year)"
    + r"|(?:"
    + "|".join(n for n in WEEKDAYS if len(n) > 5)
    + r")"
    + r"|yesterday|today|tomorrow"
    + r"|(?:1[5-9][0-9]{2}|20[0-9]{2})"
    + r")\b"
)


def _refine(text: str, start: int, end: int, published: dt.date | None) -> list[tuple[int, int]]:
    """A span that does not resolve as a whole ("the six months ended Oct. 1", "the first
    nine months of 1997") is replaced by the dates inside it, when there are any."""
    if published is None or resolve(text[start:end], published).value is not None:
        return [(start, end)]
    inner = [(start + m.start(), start + m.end()) for m in _INNER.finditer(text[start:end])]
    return inner or [(start, end)]


# A TIME entity that names a day ("Thursday night", "this morning") is a date too.
_DAY_TIME = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|"
    + "|".join(WEEKDAYS)
    + r")\b",
    re.IGNORECASE,
)


def candidate_spans(doc: Doc, published: dt.date | None = None) -> list[tuple[int, int]]:
    """Character spans of date expressions: DATE entities, cut at commas, plus patterns.

    With the publication date, spans that resolve only in part are narrowed to their part.
    """
    text = nlp.text(doc)
    spans: list[tuple[int, int]] = []
    for ent in nlp.ents(doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.label_ == "TIME" and not _DAY_TIME.search(ent.text):
            continue
        for start, end in _pieces(text, ent.start_char, ent.end_char):
            spans.extend(_refine(text, start, end, published))
    for match in _EXTRA.finditer(text):
        start, end = match.span()
        if text[start:end].lower().startswith("on "):
            start += 3
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
    return sorted(set(spans))


_LONE_WEEKDAY = re.compile(r"(?i)\s*(?:" + "|".join(WEEKDAYS) + r")\.?")
_MONTH_DAY_START = re.compile(r"(?i)(?:" + "|".join(MONTHS) + r")\.? \d")


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Split "Thursday, weeks" at a comma unless what follows is a year or a date."""
    piece_start = start
    for match in re.finditer(r",\s*", text[start:end]):
        after = text[start + match.end() : end]
        if re.match(r"\d{4}\b", after):
            continue
        before = text[piece_start : start + match.start()]
        if _LONE_WEEKDAY.fullmatch(before) and _MONTH_DAY_START.match(after):
            continue  # "Friday, Feb. 13" is one date
        yield piece_start, start + match.start()
        piece_start = start + match.end()
    yield piece_start, end


def find_dates(doc: Doc, published: dt.date | None) -> tuple[DateExpression, ...]:
    """Every date expression of a parsed body, with offsets and its plain resolved value."""
    found = []
    body = nlp.text(doc)
    for start, end in candidate_spans(doc, published):
        text = body[start:end]
        if not text.strip() or _AGE.search(text):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        mode = tense_mode(span) if span is not None and len(span) else PAST
        resolution = resolve(text, published, mode)
        value, precision = resolution.plain()
        vague = resolution.precision == "ref" and value is not None
        found.append(DateExpression(text, start, end, value, precision, vague))
    return tuple(found)
