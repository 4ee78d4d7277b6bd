"""Finding the spans of a parse that name people: spaCy's PERSON entities, repaired.

The small English model finds about two thirds of the people in news text, and its
mistakes follow patterns a few general rules can fix:

- it labels a known person's surname ORG or GPE ("Lavrov", "Kuleba") when the surname
  stands alone: a span that repeats the name or surname of a person found in the same
  document is that person (`alias`);
- it misses names that the sentence itself marks as a person: after a title
  ("President X", "striker X") or as the subject of a speech verb ("X said") (`title`,
  `speech`);
- it gets boundaries wrong: titles, nationalities, possessives and scores inside the
  span, or half a name outside it (`trim`, `extend`);
- it calls things people that are not: lowercase words, headline fragments in title or
  capital case, sports clubs and companies named like people (`filter`, `teams`).

Every repair is a small function over token spans, named in REPAIRS, so the evaluation can
switch them on one at a time and report what each contributes. Nothing here reads other
documents: a repair uses only the parse it is given.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from . import lexicon, nlp
from .text import POSSESSIVES, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Span = tuple[int, int]  # token indices [start, end) into a Doc


# Word lists (analyze/lexicons/), lower case, matched on a token's lower-case form.
# Words that introduce a person's name ("President Patasse", "striker Shearer").
TITLES = lexicon.words("titles")
# Titles that say nothing of what a person does ("Mr Arafat"): never a role on their own.
COURTESY_TITLES = lexicon.words("courtesy-titles")
# Small words inside names ("Ludwig van Beethoven", "Ahmedou Ould Abdallah").
PARTICLES = lexicon.words("name-particles")
# A span holding one of these names an organisation, a team or a place, not a person.
NOT_PERSON_WORDS = lexicon.words("not-person-words")
# Nouns for people that no title list holds and no suffix shows (see `denotes_person`).
PERSON_NOUNS = lexicon.words("person-nouns")
# Endings of nouns for people ("bowler", "monarchist", "goalkicker", "executive").
PERSON_SUFFIXES = (
    "er", "or", "ist", "ian", "an", "ant", "ent", "man", "men", "ee", "ess", "ive", "naut"
)  # fmt: skip


def denotes_person(word: str) -> bool:
    """Whether a role's head noun can name a person: a title, a noun for people or a
    person ending, in the singular or plural, or capitalised ("Governor-General").
    "photo" and "team" cannot."""
    if word[:1].isupper():
        return True
    lower = word.lower()
    forms = (lower, lower[:-1]) if lower.endswith("s") else (lower,)
    return any(
        form in TITLES or form in PERSON_NOUNS or form.endswith(PERSON_SUFFIXES) for form in forms
    )


# Verbs whose subject, when it is a bare proper name, is almost always a person: base
# forms, matched against a token's lemma ("said", "says" and "saying" are "say").
SPEECH_VERBS = lexicon.words("speech-verbs")
_HAS_DIGIT = re.compile(r"\d")
# --- tokens ---------------------------------------------------------------------------------


def _is_name_token(token: Token) -> bool:
    """A word that can be part of a name: capitalised in any script ("Çavuşoğlu"), letters
    with inner apostrophes, dots or hyphens ("N'Doram", "Boutros-Ghali", "J."), no digits."""
    text = token.text
    if not text[:1].isupper() or _HAS_DIGIT.search(text) or text.lower() in POSSESSIVES:
        return False
    return all(c.isalpha() or c in "'’.-" for c in text)


def _is_particle(token: Token) -> bool:
    return token.text.lower() in PARTICLES and not token.is_sent_start


def _is_title(token: Token) -> bool:
    return token.text.lower() in TITLES


def _upper_sentence(token: Token) -> bool:
    """True in a headline written in capitals, where casing says nothing about names."""
    return _sentence_casing(token.doc)[token.i][0]


def _title_case_sentence(token: Token) -> bool:
    """True in a headline written in title case ("Diplomat Bizarrely Lies That ...")."""
    return _sentence_casing(token.doc)[token.i][1]


def _sentence_casing(doc: Doc) -> list[tuple[bool, bool]]:
    """For each token, whether its sentence is in capitals and whether in title case.

    Worked out once per sentence and kept with the parse: the repairs ask about the
    sentence of one token after another, and `token.sent` finds and reads the whole
    sentence every time.
    """
    if "digest_casing" in doc.user_data:
        return doc.user_data["digest_casing"]
    body, tokens = nlp.text(doc), nlp.tokens(doc)
    casing: list[tuple[bool, bool]] = []
    for sent in doc.sents:
        letters = list(filter(str.isalpha, body[sent.start_char : sent.end_char]))
        upper = len(letters) >= 8 and sum(map(str.isupper, letters)) / len(letters) > 0.8
        words = [t for t in tokens[sent.start : sent.end] if t.is_alpha and len(t.text) > 3]
        title = len(words) >= 4 and sum(t.text[0].isupper() for t in words) / len(words) > 0.75
        casing.extend([(upper, title)] * (sent.end - sent.start))
    doc.user_data["digest_casing"] = casing
    return casing


def _headline(token: Token) -> bool:
    return _upper_sentence(token) or _title_case_sentence(token)


# --- the repairs ----------------------------------------------------------------------------


class Context:
    """What the repairs share about one document: its parse and the spans so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = nlp.tokens(doc)
        self.other_labels: dict[str, Counter[str]] = {}
        self.person_words: Counter[str] = Counter()
        for ent in nlp.ents(doc):
            label = ent.label_
            for token in self.tokens[ent.start : ent.end]:
                word = token.text.lower()
                if label == "PERSON":
                    self.person_words[word] += 1
                    continue
                labels = self.other_labels.get(word)
                if labels is None:  # not setdefault, which makes a Counter for every token
                    labels = self.other_labels[word] = Counter()
                labels[label] += 1

    @functools.cached_property
    def shapes(self) -> _Shapes:
        """Per-token facts the scans for name runs read, worked out once per document."""
        return _Shapes(self.tokens)


class _Shapes:
    """For each token: name-shaped, a title, a proper noun, a name particle, a sentence
    start. The scans for runs of names visit every token of a document twice; reading
    these lists is much cheaper than asking spaCy's tokens again at each step."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.name = [_is_name_token(t) for t in tokens]
        self.title = [_is_title(t) for t in tokens]
        self.propn = [t.pos_ == "PROPN" for t in tokens]
        self.particle = [_is_particle(t) for t in tokens]
        self.sent_start = [bool(t.is_sent_start) for t in tokens]


def model_spans(doc: Doc) -> set[Span]:
    """The raw model's PERSON entities."""
    return {(ent.start, ent.end) for ent in nlp.ents(doc) if ent.label_ == "PERSON"}


def trim(ctx: Context, spans: set[Span]) -> set[Span]:
    """Cut titles, nationalities, possessives and numbers off the edges of a span, and
    split a span at a lowercase word that is not a name particle ("Blewett b Warne")."""
    tokens = ctx.tokens
    result: set[Span] = set()
    for start, end in spans:
        pieces: list[Span] = []
        piece_start = start
        for i in range(start, end):
            token = tokens[i]
            if not (_is_name_token(token) or (_is_particle(token) and piece_start < i)):
                if piece_start < i:
                    pieces.append((piece_start, i))
                piece_start = i + 1
        if piece_start < end:
            pieces.append((piece_start, end))
        for s, e in pieces:
            while (
                s < e
                and (_is_title(tokens[s]) or _nationality(ctx, tokens[s], e - s))
                and e - s > 1
            ):
                s += 1
            while e > s and _is_particle(tokens[e - 1]):
                e -= 1
            if s < e and not all(_is_title(t) for t in tokens[s:e]):
                result.add((s, e))
    return result


def _nationality(ctx: Context, token: Token, length: int) -> bool:
    """A nationality before a name ("Montenegrin Dejan Savicevic", "Croat Alen Boksic"):
    a word the model calls NORP elsewhere in the document, or shaped like a demonym in
    front of a two-word name."""
    labels = ctx.other_labels.get(token.text.lower())
    if labels and labels["NORP"] > 0:
        return True
    return token.tag_ == "JJ" or (
        length >= 3 and (token.tag_ == "NNPS" or token.text.endswith(("ian", "ese", "ish", "man")))
    )


def filter_non_names(ctx: Context, spans: set[Span]) -> set[Span]:
    """Drop spans that cannot be names: one common word ("Halftime", "Extras"), or a
    fragment of a headline in capitals or title case, where casing marks no names."""
    kept: set[Span] = set()
    for start, end in spans:
        tokens = ctx.tokens[start:end]
        if end - start == 1 and tokens[0].tag_ not in ("NNP", "NNPS"):
            continue
        if any(t.tag_ in ("VBZ", "VBD", "RB", "VBP") and not t.text[0].isupper() for t in tokens):
            continue
        if _headline(tokens[0]) and not all(t.tag_ in ("NNP", "NNPS") for t in tokens):
            continue
        if _upper_sentence(tokens[0]) or all(t.is_upper and len(t) > 1 for t in tokens):
            continue
        kept.add((start, end))
    return kept


def teams(ctx: Context, spans: set[Span]) -> set[Span]:
    """Drop spans that name a club, company or place: a word like "United" or "Inc", a
    word the model calls a place elsewhere in the document ("Bologna" in "Kinder
    Bologna"), or a scoreline shape ("Tottenham 2 (" ...)."""
    tokens = ctx.tokens
    in_full_names = {t.text.lower() for s, e in spans if e - s > 1 for t in tokens[s:e]}
    kept: set[Span] = set()
    for start, end in spans:
        words = [t.text.lower() for t in tokens[start:end]]
        if any(w in NOT_PERSON_WORDS for w in words):
            continue
        if any(_mostly_place(ctx, w) for w in words):
            continue
        if end - start == 1 and words[0] not in in_full_names and _mostly_other(ctx, words[0]):
            continue
        if _score_after(tokens, end):
            continue
        kept.add((start, end))
    return kept


def _score_after(tokens: Sequence[Token], end: int) -> bool:
    """A scoreline follows: "Tottenham 2 ( Sheringham 27 )" names a team, then a scorer."""
    return (
        end + 1 < len(tokens)
        and tokens[end].text.isdigit()
        and len(tokens[end].text) <= 2
        and tokens[end + 1].text == "("
    )


def _labelled_otherwise(ctx: Context, word: str) -> bool:
    """The model gives this word a non-person label somewhere in the document."""
    return bool(ctx.other_labels.get(word.lower()))


def _mostly_other(ctx: Context, word: str) -> bool:
    """The model names this word something other than a person more often than a person,
    and it is never part of a longer name ("Barrick", "Lazio")."""
    labels = ctx.other_labels.get(word)
    if not labels:
        return False
    return sum(labels.values()) > ctx.person_words[word]


def _mostly_place(ctx: Context, word: str) -> bool:
    labels = ctx.other_labels.get(word)
    if not labels:
        return False
    places = labels["GPE"] + labels["LOC"] + labels["FAC"]
    return places >= 2 and places > sum(labels.values()) / 2 and places > ctx.person_words[word]


def title(ctx: Context, spans: set[Span]) -> set[Span]:
    """A run of capitalised words right after a title is a name ("President Patasse")."""
    tokens = ctx.tokens
    found = _Found(len(tokens), spans)
    for token, is_title in zip(tokens, ctx.shapes.title, strict=True):
        if not is_title or _upper_sentence(token):
            continue
        run = _name_run(ctx.shapes, token.i + 1)
        if run is not None and not found.covered(run):
            found.replace(run)
    return found.spans


def speech(ctx: Context, spans: set[Span]) -> set[Span]:
    """The proper-name subject of a speech verb is a person ("Rosati said"), unless it is a
    title ("the Immigration Minister said"), the model calls it an organisation or it has a
    club or company word."""
    tokens = ctx.tokens
    found = _Found(len(tokens), spans)
    for token in tokens:
        if token.pos_ not in ("VERB", "AUX") or nlp.lemma(token) not in SPEECH_VERBS:
            continue
        for child in token.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.pos_ != "PROPN":
                continue
            if _is_title(child):  # "The Immigration Minister says": a title, not a name
                continue
            run = _run_around(ctx.shapes, child.i)
            if run is None or found.covered(run) or _upper_sentence(child):
                continue
            if any(tokens[i].ent_type_ in ("ORG", "NORP", "GPE") for i in range(*run)):
                continue
            if any(tokens[i].text.lower() in NOT_PERSON_WORDS for i in range(*run)):
                continue
            if run[1] - run[0] == 1 and _labelled_otherwise(ctx, tokens[run[0]].text):
                continue
            found.replace(run)
    return found.spans


def extend(ctx: Context, spans: set[Span]) -> set[Span]:
    """Take in a capitalised word the model left outside a name ("Renate" of "Renate
    Goetschl"), when it has no other label and is not a title or sentence opener."""
    tokens = ctx.tokens
    result: set[Span] = set()
    for start, end in spans:
        while (
            start > 0
            and _extendable(ctx, tokens[start - 1])
            and not tokens[start - 1].is_sent_start
            and end - start < 4
        ):
            start -= 1
        while end < len(tokens) and _extendable(ctx, tokens[end]) and end - start < 4:
            end += 1
        result.add((start, end))
    return _drop_nested(result)


def _extendable(ctx: Context, token: Token) -> bool:
    return (
        not _mostly_place(ctx, token.text.lower())
        and not _nationality(ctx, token, 3)
        and _is_name_token(token)
        and not (token.is_upper and len(token) > 1)
        and (len(token) > 1 or token.text.endswith("."))
        and token.pos_ == "PROPN"
        and token.ent_type_ in ("", "PERSON")
        and not _is_title(token)
        and not _upper_sentence(token)
    )


def alias(ctx: Context, spans: set[Span]) -> set[Span]:
    """A name or surname of a person found in the document is that person wherever it
    appears, whatever the model called it there ("Kuleba" tagged GPE), in any casing."""
    tokens = ctx.tokens
    full: set[tuple[str, ...]] = set()
    surnames: set[str] = set()
    for start, end in spans:
        words = tuple(fold(t.text) for t in tokens[start:end])
        if not all(words):
            continue
        full.add(words)
        if end - start >= 2:
            surnames.add(words[-1])
    known_singles = {words[0] for words in full if len(words) == 1}
    found = _Found(len(tokens), spans)
    for run in _name_runs(ctx.shapes, allow_caps=True):
        words = tuple(fold(t.text) for t in tokens[run[0] : run[1]])
        match = _match_in_run(words, full, surnames | known_singles)
        if match is None:
            continue
        span = (run[0] + match[0], run[0] + match[1])
        capitals = all(t.is_upper for t in tokens[span[0] : span[1]])
        if capitals and not (span[1] - span[0] == 1 and words[match[0]] in surnames):
            continue  # in capitals, only the surname of a full name is trusted
        if not found.covered(span):
            found.replace(span)
    return found.spans


def _match_in_run(
    words: tuple[str, ...], full: set[tuple[str, ...]], singles: set[str]
) -> Span | None:
    """The longest known name inside a run of capitalised words, as (start, end)."""
    n = len(words)
    for length in range(n, 0, -1):
        for s in range(0, n - length + 1):
            piece = words[s : s + length]
            if piece in full or (length == 1 and piece[0] in singles):
                return s, s + length
    return None


def _shape(token: Token | None) -> str:
    """The class of a token beside a name in a list: numbers and capitals collapse."""
    if token is None:
        return "^"
    if _HAS_DIGIT.search(token.text):
        return "#" + re.sub(r"[\d]+", "", token.text)[:2]
    if token.is_punct:
        return token.text
    return "A" if token.text[:1].isupper() else "a"


def _neighbours(tokens: Sequence[Token], span: Span) -> tuple[str, str]:
    before = tokens[span[0] - 1] if span[0] > 0 else None
    after = tokens[span[1]] if span[1] < len(tokens) else None
    return _shape(before), _shape(after)


def lists(ctx: Context, spans: set[Span]) -> set[Span]:
    """Lists and result tables name people in a fixed frame ("9. Ann Lee ( Norway )",
    "( Adams 45 , Vieira 90 )"): a run of capitalised words in the same frame as at least
    two people of the document, and as long as a name, is a name too."""
    tokens = ctx.tokens
    frames: Counter[tuple[str, str]] = Counter()
    lengths: Counter[int] = Counter()
    for span in spans:
        frames[_neighbours(tokens, span)] += 1
        lengths[span[1] - span[0]] += 1
    found = _Found(len(tokens), spans)
    for run in _name_runs(ctx.shapes, allow_caps=False):
        if found.touched(run):
            continue
        frame = _neighbours(tokens, run)
        if frame[1] in ("A", "a") or frame[0] == "a":
            continue  # running text, not a list
        if frame[0].startswith("#") and frame[1].startswith("#"):
            continue  # a table of scores: its rows are teams more often than people
        if frames[frame] < 2 or lengths[run[1] - run[0]] < 2:
            continue
        words = [t.text.lower() for t in tokens[run[0] : run[1]]]
        if any(w in NOT_PERSON_WORDS or _mostly_place(ctx, w) for w in words):
            continue
        if any(tokens[k].ent_type_ in ("GPE", "LOC", "NORP") for k in range(*run)):
            continue
        if _upper_sentence(tokens[run[0]]) or any(_is_title(tokens[k]) for k in range(*run)):
            continue
        if all(tokens[k].is_upper for k in range(*run)):  # datelines and acronyms
            continue
        found.replace(run)
    return found.spans


REPAIRS: dict[str, Callable[[Context, set[Span]], set[Span]]] = {
    "extend": extend,
    "trim": trim,
    "filter": filter_non_names,
    "title": title,
    "speech": speech,
    "alias": alias,
    "lists": lists,
    "teams": teams,
}


def person_spans(doc: Doc, repairs: Collection[str] | None = None) -> list[Span]:
    """Token spans naming people, sorted and non-overlapping.

    `repairs` selects which repairs run (all by default; an empty collection gives the raw
    model). They always run in the order of REPAIRS: boundaries first, then new names,
    then the spread of known names.
    """
    chosen = REPAIRS.keys() if repairs is None else set(repairs)
    unknown = set(chosen) - REPAIRS.keys()
    if unknown:
        raise ValueError(f"unknown repairs: {', '.join(sorted(unknown))}")
    ctx = Context(doc)
    spans = model_spans(doc)
    for name, repair in REPAIRS.items():
        if name in chosen:
            spans = repair(ctx, spans)
    return sorted(_drop_nested(spans))


# --- span helpers ---------------------------------------------------------------------------


def _name_runs(shapes: _Shapes, allow_caps: bool) -> Iterator[Span]:
    """Every run of name-shaped words in the document, left to right, not overlapping."""
    i = 0
    while i < len(shapes.name):
        run = _name_run(shapes, i, allow_caps=allow_caps)
        if run is None:
            i += 1
        else:
            yield run
            i = run[1]


def _name_run(shapes: _Shapes, i: int, allow_caps: bool = False) -> Span | None:
    """The run of name-shaped words starting at token i (up to four), or None."""
    name_shaped, size = shapes.name, len(shapes.name)
    if i >= size or not name_shaped[i] or shapes.title[i]:
        return None
    if not allow_caps and not shapes.propn[i]:
        return None
    end = i
    while end < size and end - i < 4:
        name = name_shaped[end] and (allow_caps or shapes.propn[end])
        particle = shapes.particle[end] and end + 1 < size and name_shaped[end + 1]
        if not (name or particle):
            break
        end += 1
        if end < size and shapes.sent_start[end]:
            break
    return (i, end) if end > i else None


def _run_around(shapes: _Shapes, i: int) -> Span | None:
    """The proper-name run holding token i (the head of a subject is its last word)."""
    if not shapes.name[i]:
        return None
    start = i
    while (
        start > 0
        and i - start < 3
        and shapes.name[start - 1]
        and shapes.propn[start - 1]
        and not shapes.title[start - 1]
        and not shapes.sent_start[start]
    ):
        start -= 1
    return start, i + 1


class _Found:
    """Spans found so far and the span each token belongs to, so that checking a new
    span costs its length rather than the number of spans (long articles have many)."""

    def __init__(self, size: int, spans: Iterable[Span]) -> None:
        self.owner: list[Span | None] = [None] * size
        self.spans: set[Span] = set()
        for span in sorted(spans):
            self.replace(span)

    def covered(self, span: Span) -> bool:
        return all(self.owner[i] is not None for i in range(*span))

    def touched(self, span: Span) -> bool:
        return any(self.owner[i] is not None for i in range(*span))

    def replace(self, new: Span) -> None:
        """Add a span, removing those it overlaps."""
        for old in {self.owner[i] for i in range(*new)} - {None}:
            self.spans.discard(old)
            for i in range(*old):
                self.owner[i] = None
        self.spans.add(new)
        for i in range(*new):
            self.owner[i] = new


def _drop_nested(spans: Iterable[Span]) -> set[Span]:
    """Keep the longer of overlapping spans (the earlier when equally long)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= s or e <= span[0] for s, e in kept):
            kept.append(span)
    return set(kept)
