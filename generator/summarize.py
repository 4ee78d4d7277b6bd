"""Extractive summaries with sumy, keeping every sentence's rating and position.

sumy's summarizers return the chosen sentences only (`_get_best_sentences` throws the
ratings away). We ask each summarizer for its ratings of all sentences instead, so the
page and the JSON can show why a sentence was picked, and so other ratings can be
combined with them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import numpy
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from .model import Sentence, Summary, SummarySentence
from .nlp import WordTokenizer

SUMY_ALGORITHMS: dict[str, type] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}
DEFAULT_ALGORITHM = "lexrank"
# KL-Sum is worse than quadratic in sentences (100: ~3 s, 300: over a minute).
RATING_LIMITS = {"kl": 100}


def rating_limit(algorithm: str, max_sentences: int) -> int:
    """How many sentences (from the start of the article) the algorithm may rate."""
    name = DEFAULT_ALGORITHM if algorithm == "default" else algorithm
    return min(max_sentences, RATING_LIMITS.get(name, max_sentences))


@functools.cache
def _summarizer(name: str, language: str = "english"):
    summarizer = SUMY_ALGORITHMS[name](Stemmer(language))
    summarizer.stop_words = get_stop_words(language)
    return summarizer


def sumy_document(sentences: Sequence[Sentence]) -> ObjectDocumentModel:
    """Our sentences as sumy's document model, grouped by paragraph."""
    tokenizer = WordTokenizer()
    paragraphs: dict[int, list[SumySentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel(tuple(Paragraph(p) for _, p in sorted(paragraphs.items())))


def sumy_ratings(name: str, sentences: Sequence[Sentence]) -> list[float]:
    """sumy's rating of every sentence, in order (higher is better)."""
    if not sentences:
        return []
    summarizer = _summarizer(name)
    document = sumy_document(sentences)
    captured: list[float] = []

    def capture(sumy_sentences, count, rating, *args, **kwargs):  # sumy's signature
        rate: Callable = (lambda s: rating[s]) if isinstance(rating, dict) else rating
        extra = () if isinstance(rating, dict) else args
        captured.extend(float(rate(s, *extra, **kwargs)) for s in sumy_sentences)
        return ()

    # An instance attribute shadows the static method for this call only.
    summarizer._get_best_sentences = capture
    try:
        # Sentences without content words make LexRank divide 0 by 0: rate those 0, quietly.
        with numpy.errstate(invalid="ignore", divide="ignore"):
            summarizer(document, 1)
    finally:
        del summarizer._get_best_sentences
    captured = [score if math.isfinite(score) else 0.0 for score in captured]
    if len(captured) != len(sentences):  # sumy de-duplicates nothing today; be sure
        raise RuntimeError(f"sumy {name} rated {len(captured)} of {len(sentences)} sentences")
    return captured


def sentence_count(total: int, count: int, ratio: float | None) -> int:
    """How many sentences a summary of `total` sentences gets."""
    if ratio is not None:
        count = max(1, round(total * ratio))
    return min(count, total)


def pick(
    sentences: Sequence[Sentence], scores: Sequence[float], count: int
) -> tuple[SummarySentence, ...]:
    """The `count` best-rated sentences, back in article order (ties: earlier first)."""
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:count]
    return tuple(SummarySentence(sentences[i], round(scores[i], 6)) for i in sorted(order))


def summarize(
    sentences: Sequence[Sentence],
    algorithm: str = "default",
    count: int = 3,
    ratio: float | None = None,
    headline: str | None = None,
) -> Summary:
    """Summarize an article's sentences with a sumy algorithm (or our default)."""
    name = DEFAULT_ALGORITHM if algorithm == "default" else algorithm
    scores = sumy_ratings(name, sentences)
    return Summary(
        algorithm=algorithm if algorithm != "default" else f"default ({name})",
        sentences=pick(sentences, scores, sentence_count(len(sentences), count, ratio)),
    )
