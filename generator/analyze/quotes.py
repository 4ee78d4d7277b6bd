"""Direct quotations and who said them, in the shapes news uses.

    "...," Kuleba said.            Kuleba said: "..."          "...," he told reporters.
    "...," his counterpart, Ukraine's Foreign Minister Dmytro Kuleba, told Turkish television.
    "...," the Turkish diplomat added. "..." (the next sentence goes on quoting)

A quotation's speaker is the subject of the speech verb nearest to it in its sentence.
A pronoun subject ("he") is the last person the article named as the subject of a
sentence; a definite description ("the Turkish diplomat") is the speaker of the previous
quotation in the paragraph; a sentence that only quotes continues the quotation before
it. Anything else stays unattributed (`speaker=None`): a speaker is never guessed.
The quoted words are kept verbatim, without the quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import PersonInArticle, Quote, Sentence
from . import nlp
from .names import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_WORDS = 2  # one quoted word is a term held at arm's length ("fakes"), not a quotation
PRONOUNS = frozenset(("he", "she"))
LOOKBACK_SENTENCES = 3
_SUBJECTS = ("nsubj", "nsubjpass")
_MARKS = '"“” \n'  # double marks only: a single quote inside may close a nested quotation


def find_quotes(
    doc: Doc, sentences: Sequence[Sentence], people: Sequence[PersonInArticle]
) -> tuple[Quote, ...]:
    """Every quotation of the body, with its speaker's name (as in `people`) or None."""
    text = nlp.text(doc)
    owner = _mention_owner(people)
    spans = nlp.quotation_spans(text)
    quotes: list[Quote] = []
    previous: tuple[Quote, int, bool] | None = None  # quote, paragraph, ended unclosed
    for start, end in spans:
        inner_start, inner_end = _inner(text, start, end)
        words = re.findall(r"\w+", text[inner_start:inner_end])
        if len(words) < MIN_WORDS:
            continue
        sentence = _sentence_at(sentences, start)
        if sentence is None:
            continue
        speaker = _speaker(doc, sentence, sentences, spans, (start, end), owner, previous)
        quote = Quote(
            text=text[inner_start:inner_end],
            start=inner_start,
            end=inner_end,
            sentence=sentence.index,
            speaker=speaker,
        )
        quotes.append(quote)
        unclosed = text[end - 1] not in '"”'
        previous = (quote, sentence.paragraph, unclosed)
    return tuple(quotes)


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words: marks, spaces and a trailing comma left out."""
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
    return start, end


def _sentence_at(sentences: Sequence[Sentence], position: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None


def _mention_owner(people: Sequence[PersonInArticle]) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, p.name) for p in people for m in p.mentions)


def _owner_at(owner: Sequence[tuple[int, int, str]], token: Token) -> str | None:
    position = token.idx
    for start, end, name in owner:
        if start <= position < end:
            return name
    return None


def _speaker(
    doc: Doc,
    sentence: Sentence,
    sentences: Sequence[Sentence],
    spans: Sequence[tuple[int, int]],
    quote: tuple[int, int],
    owner: Sequence[tuple[int, int, str]],
    previous: tuple[Quote, int, bool] | None,
) -> str | None:
    region = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if region is None:
        return None
    inside = [(s, e) for s, e in spans if s < sentence.end and sentence.start < e]

    def quoted(token: Token) -> bool:
        return any(s <= token.idx < e for s, e in inside)

    verbs = [
        t for t in region if t.pos_ == "VERB" and nlp.lemma(t) in SPEECH_VERBS and not quoted(t)
    ]
    if not verbs:
        if previous is not None and _continues(previous, sentence, quote, region):
            return previous[0].speaker
        return None
    verb = min(verbs, key=lambda v: _distance(v, quote))
    subject = _subject(verb)
    if subject is None:
        return None
    named = _owner_at(owner, subject) or _named_in(subject, owner, quoted)
    if named is not None:
        return named
    if subject.lower_ in PRONOUNS:
        return _last_named_subject(doc, sentences, sentence, subject.idx, owner)
    definite = subject.pos_ == "NOUN" and any(c.lower_ == "the" for c in subject.children)
    if definite and previous is not None and previous[1] == sentence.paragraph:
        return previous[0].speaker
    return None


def _distance(verb: Token, quote: tuple[int, int]) -> int:
    """How far a verb is from a quotation; a verb after it counts a little nearer, as in
    the usual '"...," X said'."""
    if verb.idx >= quote[1]:
        return verb.idx - quote[1]
    return quote[0] - (verb.idx + len(verb.text)) + 5


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with ("called ... and said")."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
            current = current.head
        else:
            break
    return None


def _named_in(subject: Token, owner: Sequence[tuple[int, int, str]], quoted) -> str | None:
    """A person named inside the subject phrase, e.g. in apposition: "his counterpart,
    Ukraine's Foreign Minister Dmytro Kuleba"; None when it names nobody or several."""
    found = {
        name
        for token in subject.subtree
        if not quoted(token)
        for name in [_owner_at(owner, token)]
        if name is not None
    }
    return found.pop() if len(found) == 1 else None


def _last_named_subject(
    doc: Doc,
    sentences: Sequence[Sentence],
    sentence: Sentence,
    before: int,
    owner: Sequence[tuple[int, int, str]],
) -> str | None:
    """The last person named as a subject before `before`, within a few sentences."""
    first = max(0, sentence.index - LOOKBACK_SENTENCES)
    window = doc.char_span(sentences[first].start, before, alignment_mode="contract")
    if window is None:
        return None
    last = None
    for token in window:
        if token.dep_ in _SUBJECTS:
            name = _owner_at(owner, token)
            if name is not None:
                last = name
    return last


def _continues(previous: tuple[Quote, int, bool], sentence: Sentence, quote, region) -> bool:
    """A sentence that is only a quotation goes on with the quotation before it: in the
    same paragraph, or in the next when the previous paragraph's quotation stayed open."""
    before, paragraph, unclosed = previous
    if before.speaker is None or before.sentence >= sentence.index:
        return False
    same = paragraph == sentence.paragraph and before.sentence >= sentence.index - 1
    carried = unclosed and paragraph == sentence.paragraph - 1
    opens = quote[0] - sentence.start <= 1
    return opens and (same or carried)
