"""The words of dates, loaded from the word lists in `analyze/lexicons/`.

Names and counts are data a reader can check without reading a regex: the months and
weekdays with their numbers, the seasons with their TimeML codes, the words that refer to
the past, present or future without a date, the words before a date that do not change it,
and the words that make a clause look forward. The patterns built from them stay code
(`rules`, `find`, `tense`), and keep each list's file order: alternation order matters in
a regex.
"""

from __future__ import annotations

from .. import lexicon, text

# Mappings in file order: the patterns built from them depend on it.
MONTHS: dict[str, int] = {name: int(n) for name, n in lexicon.table("months").items()}
WEEKDAYS: dict[str, int] = {name: int(n) for name, n in lexicon.table("weekdays").items()}
SEASONS: dict[str, str] = lexicon.table("seasons")
QUARTER_ORDINALS: dict[str, int] = {
    word: int(n) for word, n in lexicon.table("quarter-ordinals").items()
}

# "a year ago", "an hour": the article counts one, before a singular unit; the patterns keep
# it apart from the numbers, which count plurals ("two years").
ARTICLES = ("a", "an")
# How many of a unit a count word means: the article, the spelled numbers of the one table
# (`text.NUMBER_WORDS`), then the counts without a number (None: "several years ago").
COUNTS: dict[str, int | None] = {
    **dict.fromkeys(ARTICLES, 1),
    **text.NUMBER_WORDS,
    **dict.fromkeys(lexicon.entries("vague-counts")),
}

PRESENT_WORDS = lexicon.words("present-references")
PAST_WORDS = lexicon.words("past-references")
FUTURE_WORDS = lexicon.words("future-references")

# Words before a date that do not change it ("on", "since", "the end of"), in file order.
MODIFIERS = lexicon.entries("date-modifiers")

FUTURE_AUXILIARIES = lexicon.words("future-auxiliaries")
LOOKING_FORWARD = lexicon.words("forward-looking-words")
