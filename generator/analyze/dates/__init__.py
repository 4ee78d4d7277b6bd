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

The modules, in the order a date goes through them:

- `find`: the candidate spans of a parse and their plain resolution (`find_dates`);
- `tense`: which way the clause of a span looks (PAST, FUTURE or NEAREST);
- `resolver`: one expression made plain and resolved (`resolve`), trying in turn
- `spelled` (years written out), `rules` (the news rules, completed from publication by
  `anchor`) and `fallback` (dateparser);
- `resolution`: what an expression resolves to, one constructor a grain;
- `words`: the names and words of dates, from the word lists in `analyze/lexicons/`.
"""

from .fallback import with_dateparser
from .find import candidate_spans, find_dates
from .resolution import MODEL_PRECISIONS, UNRESOLVED, Resolution, day, month, ref, year
from .resolver import normalise, resolve
from .spelled import spelled_year
from .tense import FUTURE, NEAREST, PAST, tense_mode
from .words import (
    FUTURE_WORDS,
    MONTHS,
    PAST_WORDS,
    PRESENT_WORDS,
    SEASONS,
    WEEKDAYS,
)

__all__ = [
    "FUTURE",
    "FUTURE_WORDS",
    "MODEL_PRECISIONS",
    "MONTHS",
    "NEAREST",
    "PAST",
    "PAST_WORDS",
    "PRESENT_WORDS",
    "SEASONS",
    "UNRESOLVED",
    "WEEKDAYS",
    "Resolution",
    "candidate_spans",
    "day",
    "find_dates",
    "month",
    "normalise",
    "ref",
    "resolve",
    "spelled_year",
    "tense_mode",
    "with_dateparser",
    "year",
]
