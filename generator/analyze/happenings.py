"""What happened in one article, when, where and who took part (pure: the analysis step).

Every resolved date expression is attached to the word it modifies in the parse, its
*trigger* (`triggers`: "met" in "met in Antalya on Thursday", "meeting" in "Thursday's
meeting"). The sentence holding it is a dated happening, with the people (`participants`),
places and organisations (`places`) of the trigger's clause (`clauses`), people recognised
by the forms of their names in the article (`nameindex`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import (
    Article,
    DateExpression,
    Happening,
    PersonInArticle,
    Sentence,
)
from . import dates
from .clauses import clause_of
from .nameindex import NameIndex
from .participants import people_in
from .places import article_places_and_organisations, event_organisations, event_places
from .triggers import detail_of, find_trigger, trigger_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class ArticleEvents:
    """What `analyze` adds to an ArticleAnalysis."""

    dates: tuple[DateExpression, ...]
    happenings: tuple[Happening, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]


def _sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _after(value: str, published: dt.date) -> bool:
    """Is the whole of the date's span later than publication?"""
    return value > published.isoformat()[: len(value)]


def find_happenings(
    doc: Doc,
    sentences: Sequence[Sentence],
    expressions: Sequence[DateExpression],
    names: NameIndex,
    published: dt.date | None,
    problems: list[str] | None = None,
) -> tuple[Happening, ...]:
    """Sentences reporting something that happened on a resolved date (one per trigger).

    With `problems`, a sentence whose analysis fails is left out with a warning there."""
    found: list[Happening] = []
    seen: set[tuple[int, int]] = set()
    for expression in expressions:
        if expression.value is None or expression.vague:
            continue
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        sentence = _sentence_at(sentences, expression.start)
        if span is None or sentence is None:
            continue
        try:
            happening = _happening(doc, sentence, span, expression, names, published, seen)
        except Exception as exc:  # one odd sentence must not stop the build
            if problems is None:
                raise
            problems.append(failed_on(sentence, "its dated happening", exc))
            continue
        if happening is not None:
            found.append(happening)
    return tuple(found)


def failed_on(sentence: Sentence, what: str, exc: Exception) -> str:
    """The warning for a part of the analysis that failed on one sentence (left out)."""
    text = " ".join(sentence.text.split())
    shown = text if len(text) <= 80 else text[:77] + "..."
    return (
        f"sentence {sentence.index + 1} ({shown!r}): could not find {what} "
        f"({type(exc).__name__}: {exc}); left out, the rest of the article is built"
    )


def _happening(
    doc: Doc,
    sentence: Sentence,
    span: Span,
    expression: DateExpression,
    names: NameIndex,
    published: dt.date | None,
    seen: set[tuple[int, int]],
) -> Happening | None:
    trigger = find_trigger(span)
    if trigger is None or (sentence.index, trigger.i) in seen:
        return None
    looks_forward = dates.tense_mode(span) == dates.FUTURE
    if published is not None and _after(expression.value, published) and not looks_forward:
        return None  # a report of the past cannot be dated after its own publication
    seen.add((sentence.index, trigger.i))
    scope = clause_of(trigger, sentence.start, sentence.end)
    start, end = scope.start, scope.end
    places = event_places(doc, names, scope, trigger, start, end)
    return Happening(
        sentence=sentence.index,
        date=expression,
        places=tuple(places),
        participants=tuple(people_in(doc, names, scope)),
        organisations=tuple(event_organisations(doc, names, places, scope)),
        trigger=trigger_word(trigger),
        detail=detail_of(trigger),
    )


def analyze(
    article: Article,
    doc: Doc,
    sentences: Sequence[Sentence],
    people: Sequence[PersonInArticle] = (),
    problems: list[str] | None = None,
) -> ArticleEvents:
    """Date expressions, dated happenings, places and organisations of one article."""
    names = NameIndex.from_doc(doc, people)
    expressions = dates.find_dates(doc, article.published)
    places, organisations = article_places_and_organisations(doc, names)
    happenings = find_happenings(doc, sentences, expressions, names, article.published, problems)
    return ArticleEvents(expressions, happenings, places, organisations)
