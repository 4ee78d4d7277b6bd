"""The news rules: the ways news write dates, each a pattern and what it means.

A rule reads a whole normalised expression ("last thursday", "feb 24", "the third
quarter", "two weeks ago") and answers a Resolution, or None to let the next rule (and in
the end dateparser) try. Rules are tried in the order they are written here: a specific
pattern ("saturday, april 25") before the general one it contains ("april 25"). What a
partial date means is `anchor`'s (the publication date and the way the clause looks);
the names in the patterns come from the word lists (`words`), in their file order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import anchor, resolution
from .resolution import UNRESOLVED, Resolution
from .tense import FUTURE
from .words import ARTICLES, COUNTS, MONTHS, QUARTER_ORDINALS, SEASONS, WEEKDAYS

# "N years ago" that reaches further back than this is vague ("3,000 years ago"), not a year.
OLDEST_YEAR = 1000

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(map(re.escape, COUNTS)) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade|centur(?:y|ies)|millenni(?:um|a))s?"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_ORDINAL = r"(?P<ord>" + "|".join(QUARTER_ORDINALS) + r")"
_SEASON = r"(?P<season>" + "|".join(SEASONS) + r")"


Rule = Callable[[re.Match[str], dt.date, str], Resolution | None]
RULES: list[tuple[re.Pattern[str], Rule]] = []


def _rule(pattern: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        RULES.append((re.compile(r"^(?:" + pattern + r")$"), function))
        return function

    return register


@_rule(r"today|tonight|this (?:morning|afternoon|evening)|this day|earlier today")
def _today(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.day(published)


@_rule(r"(?:yesterday|last night)" + _PART_OF_DAY)
def _yesterday(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.day(published - dt.timedelta(days=1))


@_rule(r"tomorrow" + _PART_OF_DAY)
def _tomorrow(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.day(published + dt.timedelta(days=1))


@_rule(r"the day before yesterday")
def _day_before(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.day(published - dt.timedelta(days=2))


@_rule(r"(?:(?P<which>last|this|next|past|coming) )?" + _WEEKDAY + _PART_OF_DAY)
def _bare_weekday(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    which = {"past": "last", "coming": "next"}.get(match["which"], match["which"])
    return resolution.day(anchor.weekday(published, WEEKDAYS[match["weekday"]], mode, which))


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
        found = anchor.safe_date(year, month, day)
        if found is not None and found.weekday() == weekday:
            return resolution.day(found)
    return _month_day(match, published, mode)


@_rule(_MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? " + _YEAR + r")?")
def _month_day(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        found = anchor.safe_date(int(match["year"]), month, day)
    else:
        found = anchor.month_day_year(published, month, day, mode)
    return resolution.day(found) if found else None


@_rule(r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?:,? " + _YEAR + r")?")
def _day_month(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    return _month_day(match, published, mode)


@_rule(_MONTH + r",? " + _YEAR)
def _month_with_year(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.month(int(match["year"]), MONTHS[match["month"]])


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
        year = anchor.month_year(published, month, mode, which)
    return resolution.month(year, month)


@_rule(_YEAR + r"(?: (?:period|year|levels?))?")
def _bare_year(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.year(int(match["year"]))


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
    found = anchor.safe_date(year, int(match["m"]), int(match["d"]))
    return resolution.day(found) if found else None


@_rule(r"(?P<y>1[0-9]{3}|20[0-9]{2})-?(?P<m>[01][0-9])-?(?P<d>[0-3][0-9])")
def _iso(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    found = anchor.safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return resolution.day(found) if found else None


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
        return resolution.week(published + dt.timedelta(weeks=delta))
    if unit == "weekend":
        return anchor.weekend(published, delta)
    if unit == "month":
        return resolution.month(*anchor.add_months(published.year, published.month, delta))
    if unit == "quarter":
        if match["which"] == "the":
            return anchor.latest_quarter(published)
        year, month = anchor.add_months(published.year, published.month, 3 * delta)
        return resolution.quarter(year, (month - 1) // 3 + 1)
    return resolution.year(published.year + delta)


@_rule(r"(?:the )?weekend")
def _the_weekend(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return anchor.weekend(published, 1 if mode == FUTURE else 0)


@_rule(r"(?:the )?(?:full|whole|entire|current|calendar|fiscal) year|year to date|year-to-date")
def _the_year(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.year(published.year)


@_rule(r"year-end|year end|the end of the year|end of the year")
def _year_end(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.day(dt.date(published.year, 12, 31))


@_rule(
    r"(?:(?:nearly|almost|about|some|more than|less than|over|just|only|roughly) )?"
    + _NUM
    + r" "
    + _UNIT
    + r" (?:ago|earlier|before|back)"
)
def _ago(match: re.Match[str], published: dt.date, mode: str) -> Resolution | None:
    number = match["num"].replace(",", "")
    count = int(number) if number.isdigit() else COUNTS.get(number)
    unit = match["unit"]
    if count is None or unit.startswith(("centur", "millenni")):  # "several years ago"
        return resolution.ref("PAST")
    if (
        unit in ("year", "decade")
        and published.year - count * (10 if unit == "decade" else 1) < OLDEST_YEAR
    ):
        return resolution.ref("PAST")  # "3,000 years ago" is a long time ago, not a calendar year
    if unit == "day":
        return resolution.day(published - dt.timedelta(days=count))
    if unit == "week":
        return resolution.week(published - dt.timedelta(weeks=count))
    if unit == "month":
        return resolution.month(*anchor.add_months(published.year, published.month, -count))
    if unit == "decade":
        year = published.year - 10 * count
        return Resolution(str(year // 10), "decade")
    return resolution.year(published.year - count)


@_rule(r"(?:a |the )?year[- ](?:ago|earlier)(?: (?:period|quarter|level|levels|results))?")
def _year_ago(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    if match.group(0).endswith(("period", "quarter", "results")):
        latest = anchor.latest_quarter(published)
        quarter = int(latest.value[-1]) if latest.value else 1
        year = published.year - 1 if quarter < 4 else published.year - 2
        return resolution.quarter(year, quarter)
    return resolution.year(published.year - 1)


@_rule(
    r"(?:(?P<rel>this|last|next) year's )?(?:(?:the|its|their|a) )?(?:fiscal )?"
    + _ORDINAL
    + r"[- ](?:fiscal )?quarter"
    r"(?:(?: of)? " + _YEAR + r")?"
)
def _nth_quarter(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    quarter = QUARTER_ORDINALS[match["ord"]]
    if match["year"]:
        year = int(match["year"])
    elif match["rel"]:
        year = published.year + {"this": 0, "last": -1, "next": 1}[match["rel"]]
    else:  # results and forecasts both speak of the current (fiscal) year's quarters
        year = published.year
    return resolution.quarter(year, quarter)


@_rule(r"(?:the )?(?:latest|most recent|recent|last|past|fiscal)? ?(?:quarter|period)")
def _the_quarter(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return anchor.latest_quarter(published)


@_rule(r"(?:the )?(?P<half>first|second) half(?: of " + _YEAR + r")?")
def _the_half(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    year = int(match["year"]) if match["year"] else published.year
    return resolution.half(year, 1 if match["half"] == "first" else 2)


@_rule(r"(?:(?P<which>this|last|next|past|coming) )?" + _SEASON + r"(?: (?:of )?" + _YEAR + r")?")
def _season_rule(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    code = SEASONS[match["season"]]
    if match["year"]:
        return resolution.season(int(match["year"]), code)
    start = resolution.SEASON_MONTHS[code][0]
    which = {"past": "last", "coming": "next"}.get(match["which"], match["which"])
    if which == "this":
        year = published.year
    elif which == "last":
        year = published.year if start + 2 < published.month else published.year - 1
    elif which == "next" or mode == FUTURE:
        year = published.year if start > published.month else published.year + 1
    else:
        year = published.year if start <= published.month else published.year - 1
    return resolution.season(year, code)


@_rule(
    r"(?:in )?(?:the )?(?:recent|past|last)(?: few| several| couple of)? "
    r"(?P<unit>days|weeks|months)"
)
def _recent_span(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    """'In recent days': a vague window ending at publication, reported at its true grain."""
    days = {"days": 10, "weeks": 42, "months": 180}[match["unit"]]
    return resolution.ref("PAST", published - dt.timedelta(days=days), published)


@_rule(
    r"(?:in )?(?:the )?(?:recent|past|last|coming|next|few|several|many) "
    r"(?:few |several )?(?:years|decades)|several years ago|years ago|decades ago"
)
def _vague_years(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    future = match.group(0).startswith(("coming", "next", "the coming", "the next"))
    return resolution.ref("FUTURE" if future else "PAST")


@_rule(
    r"(?:the )?(?:coming|next|upcoming|future|following) (?:few |several )?"
    r"(?:days|weeks|months|quarters|years)|(?:the )?(?:near|short|long) (?:term|future)|"
    r"as soon as possible|one day|some day|someday|from time to time"
)
def _vague_future(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.ref("FUTURE")


@_rule(
    r"(?:the )?(?:past|last|previous|recent) (?:few |several )?quarters|"
    r"recent (?:weeks|days|months) and (?:weeks|days|months)"
)
def _vague_past(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    return resolution.ref("PAST")


@_rule(
    r"(?:(?:more than|less than|more|less|about|nearly|almost|over|just|some|the|a|for) )?"
    r"(?:(?:\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(n for n in COUNTS if n not in ARTICLES)
    + r") (?:days|weeks|months|years|decades)|(?:a|an) (?:day|week|month|year|decade)|"
    r"(?:a |an |one |\d+ |"
    + "|".join(n + " " for n in COUNTS if n not in (*ARTICLES, "one"))
    + r")?(?:century|centuries|millennium|millennia))"
)
def _duration(match: re.Match[str], published: dt.date, mode: str) -> Resolution:
    """A bare length of time ("five years") is not a date: never let a parser guess one."""
    return UNRESOLVED
