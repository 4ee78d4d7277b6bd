"""The one text toolkit: stemming, stop words, content words, name keys and number words.

Every stage that compares words uses these, so that "the same word" and "the same name"
mean one thing across summaries, events, stories and comparisons:

- `stem`: the Snowball (Porter2) English stemmer, as sumy ships it (plain code, no data);
- `stop_words`: sumy's English stop list;
- `content_words`: the stems of a text's words that are not stop words;
- `fold`, `name_key`, `surname_key`, `bare_name`: names as keys and as shown;
- `NUMBER_WORDS`, `number_value`: spelled numbers ("twelve", "a dozen").
"""

from __future__ import annotations

import functools
import re

from text_unidecode import unidecode

from . import lexicon

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")
_NUMBER = re.compile(r"^\d[\d,.]*$")


# --- words ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _stemmer():
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")


@functools.lru_cache(maxsize=200_000)  # articles repeat their words; linking asks again
def stem(word: str) -> str:
    """Snowball stem of a word, lower-cased first."""
    return _stemmer()(word.lower())


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's English stop list (the summarizers use it too)."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def content_words(text: str, numbers: bool = False) -> list[str]:
    """Stems of the content words of a text, in order (see `_content_words`)."""
    return list(_content_words(text, numbers))


# Linking reads every sentence several times (fitting the word and the character spaces,
# then transforming): remembering the words of recent texts saves a third of linking.
@functools.lru_cache(maxsize=262144)
def _content_words(text: str, numbers: bool = False) -> tuple[str, ...]:
    """Stems of the content words of a text, in order.

    Hyphenated words give their parts and the joined form, so "cease-fire" meets both
    "ceasefire" and "fire". Numbers are left out unless asked for: a year or a count says
    little about the topic, much about a fact.
    """
    stop = stop_words()
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        parts = [part for part in word.split("-") if part]
        if len(parts) > 1:
            parts.append("".join(parts))
        for part in parts:
            if _NUMBER.match(part):
                if numbers:
                    out.append(part.replace(",", ""))
                continue
            if len(part) < 2 or part in stop or part.split("'")[0] in stop:
                continue
            out.append(stem(part))
    return tuple(out)


# --- names ---------------------------------------------------------------------------------

POSSESSIVES = ("'s", "’s", "'", "’")


@functools.lru_cache(maxsize=65_536)
def fold(name: str) -> str:
    """A spelling-insensitive key for a name: ASCII, lowercase, no possessive or dots.

    Transliterations of the same Slavic name end in -y, -yy, -iy, -i or -ii ("Zelensky",
    "Zelenskyy", "Zelenskiy"); folding each word's ending to "y" makes them one key.
    Cached: the repairs fold every capitalised word of an article, and names recur.
    """
    text = unidecode(name).lower()
    for ending in POSSESSIVES:
        if text.endswith(ending):
            text = text[: -len(ending)]
    words = re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text.replace(".", " "))
    while words and words[-1].endswith("'s"):  # "0's." and "A's's": folding twice is once
        words[-1] = words[-1][:-2]
    return " ".join(_fold_word(word) for word in words)


def _fold_word(word: str) -> str:
    # The whole -i/-y/-ij tail at once, so that folding a folded name changes nothing.
    return re.sub(r"(?:ij|[iy])+$", "y", word) if len(word) > 3 else word


def name_key(name: str) -> str:
    """A name as a comparison key: `fold`, without a leading "the" ("the Kremlin")."""
    return fold(name).removeprefix("the ")


def surname_key(name: str) -> str:
    """The last word of a person's name as a key: "Sergey Lavrov's" -> "lavrov"."""
    words = name_key(name).split()
    return words[-1] if words else ""


def bare_name(text: str) -> str:
    """A name as shown: without a leading "the" or a trailing possessive or punctuation."""
    text = re.sub(r"['’]s?$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text).strip(" ,.;:")


# --- numbers -------------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    word: int(value) for word, value in lexicon.table("number-words").items()
}


def number_value(word: str) -> int | None:
    """The value of a spelled number ("seventeen"), or None."""
    return NUMBER_WORDS.get(word.lower())
