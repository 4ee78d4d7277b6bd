"""Extractive summaries with sumy, keeping every sentence's rating and position.

sumy's summarizers return the chosen sentences only (`_get_best_sentences` throws the
ratings away). We ask each summarizer for its ratings of all sentences instead, so the
page and the JSON can show why a sentence was picked, and so other ratings can be
combined with them.

The default summarizer ("default") is built on those ratings. Plain centrality is a weak
summarizer of news: reporters put the gist first, so on CNN/DailyMail every plain sumy
algorithm scores well below "the first three sentences" (Lead-3). The default therefore
mixes sumy's ratings (LexRank centrality and Luhn's significant words) with what is
known to work on news:

- position: a sentence's prior decays with its place in the article;
- length: very short sentences (bylines, fragments, lone quotation marks) and very long
  run-ons (image captions glued to text) are damped;
- headline: when the article has a real headline, sentences that share its words gain;
- redundancy: a sentence whose content words are mostly in an already chosen one is
  skipped, so two summary sentences do not say the same thing.

Three knobs (position weight, position decay, redundancy threshold) were picked by
cross-validation on SummEval (`python -m generator eval summaries --cv 5`); see
docs/method/summaries.md for the figures. Only the first `CANDIDATES` sentences are rated
(LexRank is quadratic in the number of sentences), so one article costs at most a bounded
amount of work however long it is.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from ..model import Sentence, Summary, SummarySentence
from . import text
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
DEFAULT_ALGORITHM = "default"
# sumy's graph methods are quadratic in the sentences they rate, KL-Sum worse (100: ~3 s,
# 300: over a minute on a busy machine); settings.max_sentences bounds them, and KL more.
RATING_LIMITS = {"kl": 100}


def rating_limit(algorithm: str, max_sentences: int) -> int:
    """How many sentences (from the start of the article) the algorithm may rate."""
    return min(max_sentences, RATING_LIMITS.get(algorithm, max_sentences))


# The sumy ratings the default builds on: a centrality (LexRank) and a frequency rating
# (Luhn's significant words), each scaled to [0, 1] and averaged. Each alone has quirks on
# short articles (sumy's LexRank has no damping, so an isolated aside keeps the rating it
# started with; Luhn gives 0 to every sentence without a cluster of frequent words); the
# average rates an off-topic aside low (see tests/test_summarize.py).
BASE_RATINGS = ("lexrank", "luhn")
# Summary.algorithm of the default; the article page shows it after "chosen by".
DEFAULT_LABEL = "default: LexRank + Luhn ratings weighed with position, length and headline"

# Sentences of one article the default rates; the rest cannot enter its summary. LexRank is
# quadratic in the sentences it rates (sumy compares every pair in Python: ~0.1 s for 50
# sentences, ~0.02 s for 30), so this bounds the cost of very long articles. The price: a
# central sentence past the cap is never chosen; news rarely keeps its gist that late.
# (SummEval's articles have at most 26 sentences, so the cap never changed a figure there.)
CANDIDATES = 30
# Word counts outside [SHORT, LONG] are damped in proportion. Fixed, not cross-validated:
# on SummEval (with LexRank alone) the figures moved by at most half a ROUGE point for
# SHORT in 5..12 and LONG in 30..60.
SHORT, LONG = 8, 45
_LOWER_START = re.compile(r"^[\W_]*[a-z]")


@dataclass(frozen=True)
class Weights:
    """The default summarizer's knobs, few on purpose.

    The first three were picked by cross-validation; the headline bonus has no evaluation
    data (SummEval's articles have no headlines) and is a modest fixed tie-breaker.
    """

    position: float = 0.7  # share of the score from the position prior (rest: sumy ratings)
    decay: float = 4.0  # sentences over which the position prior falls by a factor e
    redundancy: float = 0.5  # skip a sentence sharing more than this of its content words
    headline: float = 0.2  # bonus for cosine similarity with the headline (no eval data)


DEFAULT_WEIGHTS = Weights()


def fingerprint() -> str:
    """Everything that shapes the default's choices, for analysis cache keys.

    The package version does not change when a knob does; put this in the key so that a
    retuned default re-analyses cached articles.
    """
    return f"{BASE_RATINGS}|{DEFAULT_WEIGHTS}|candidates={CANDIDATES}|words={SHORT}-{LONG}|v1"


class _LexRank(LexRankSummarizer):
    """sumy's LexRank with its similarity matrix built faster, to the same bits.

    sumy rebuilds both sentences' word sets and norms for each of the n*n pairs and fills
    the numpy matrix cell by cell; here each sentence's word set and squared norm are
    made once and each row is filled once. Every rating is computed with the same floating
    point operations in the same order (the word sets are built the same way, so they are
    iterated in the same order), so ratings are identical, only cheaper.
    """

    def _to_words_set(self, sentence) -> list[str]:  # sumy's signature
        # sumy's stem_word lower-cases each word a second time; the words are lower already.
        stem, stop = self._stemmer, self._stop_words
        return [stem(w) for w in (word.lower() for word in sentence.words) if w not in stop]

    def _create_matrix(self, sentences, threshold, tf_metrics, idf_metrics):
        count = len(sentences)
        words = [frozenset(sentence) for sentence in sentences]
        squares = [
            sum((tf[t] * idf_metrics[t]) ** 2 for t in unique)
            for unique, tf in zip(words, tf_metrics, strict=True)
        ]
        matrix = numpy.zeros((count, count))
        for row in range(count):
            tf1, words1, square1 = tf_metrics[row], words[row], squares[row]
            linked = []
            for col in range(count):
                tf2, square2 = tf_metrics[col], squares[col]
                numerator = 0.0
                for term in words1 & words[col]:
                    numerator += tf1[term] * tf2[term] * idf_metrics[term] ** 2
                if square1 > 0 and square2 > 0:
                    similarity = numerator / (math.sqrt(square1) * math.sqrt(square2))
                else:
                    similarity = 0.0
                if similarity > threshold:
                    linked.append(col)
            degree = len(linked) or 1
            for col in linked:
                matrix[row, col] = 1.0 / degree
        return matrix


@functools.cache
def _summarizer(name: str):
    """A sumy summarizer with the toolkit's stemmer and stop list (English: sumy's own)."""
    algorithm = _LexRank if name == "lexrank" else SUMY_ALGORITHMS[name]
    summarizer = algorithm(text.stem)
    summarizer.stop_words = text.stop_words()
    return summarizer


def sumy_document(sentences: Sequence[Sentence]) -> ObjectDocumentModel:
    """Our sentences as sumy's document model, grouped by paragraph."""
    tokenizer = WordTokenizer()
    paragraphs: dict[int, list[SumySentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel(tuple(Paragraph(p) for _, p in sorted(paragraphs.items())))


def sumy_ratings(
    name: str, sentences: Sequence[Sentence], document: ObjectDocumentModel | None = None
) -> list[float]:
    """sumy's rating of every sentence, in order (higher is better).

    Rounded to 9 decimals: some algorithms (LSA) build their word index from a set, so the
    last bits of a rating depend on Python's string hashing, which changes per process;
    unrounded, near-ties between sentences flipped from one run to the next.

    `document` is `sumy_document(sentences)` when the caller has it already: rating the
    same sentences twice then splits them into words once (sumy keeps a sentence's words).
    """
    if not sentences:
        return []
    summarizer = _summarizer(name)
    document = sumy_document(sentences) if document is None else document
    captured: list[float] = []

    def capture(sumy_sentences, count, rating, *args, **kwargs):  # sumy's signature
        rate: Callable = (lambda s: rating[s]) if isinstance(rating, dict) else rating
        extra = () if isinstance(rating, dict) else args
        captured.extend(round(float(rate(s, *extra, **kwargs)), 9) for s in sumy_sentences)
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


# --- the default: sumy ratings + news features --------------------------------------------


def sumy_words(sentence: str) -> list[str]:
    """A sentence's words as sumy's ratings see them: sumy's tokens (`nlp.WordTokenizer`),
    lower-cased, stop words dropped, stemmed with the toolkit's stemmer. The default's
    headline and redundancy features compare these, so that they agree with the ratings
    they are weighed against (with `text.content_words`, which joins hyphenated words and
    drops numbers, ROUGE on SummEval fell from 43.0 / 20.3 / 38.9 to 42.8 / 20.2 / 38.7)."""
    stop = text.stop_words()
    return [
        text.stem(w) for w in (w.lower() for w in WordTokenizer.to_words(sentence)) if w not in stop
    ]


@dataclass(frozen=True)
class Features:
    """Everything the default needs from one article, computed once.

    Kept apart from the weights so that cross-validation can try many weightings of the
    same article without asking sumy again.
    """

    rating: tuple[float, ...]  # mean of the BASE_RATINGS, each scaled to [0, 1]
    words: tuple[int, ...]  # word count of each candidate
    shape: tuple[float, ...]  # shape_factor of each candidate
    content: tuple[frozenset[str], ...]  # content-word stems of each candidate
    headline: tuple[float, ...]  # cosine similarity with the headline (0 without one)
    normalised: tuple[str, ...]  # text for spotting verbatim duplicates
    heading: str = ""  # the headline as `normalised` holds sentences ("" without one)


def features(
    sentences: Sequence[Sentence], headline: str | None = None, limit: int = CANDIDATES
) -> Features:
    """The default's view of the first `limit` sentences of an article."""
    candidates = sentences[:limit]
    document = sumy_document(candidates) if candidates else None
    scaled = [_scale(sumy_ratings(name, candidates, document)) for name in BASE_RATINGS]
    rating = tuple(sum(column) / len(scaled) for column in zip(*scaled, strict=True))
    normalised = tuple(_normalised(s.text) for s in candidates)
    heading = _normalised(headline) if headline else ""
    bags = [Counter(sumy_words(s.text)) for s in candidates]
    words = [len(WordTokenizer.to_words(s.text)) for s in candidates]
    title = Counter(sumy_words(headline)) if headline else Counter()
    return Features(
        rating=rating,
        words=tuple(words),
        shape=tuple(shape_factor(n, s.text) for n, s in zip(words, candidates, strict=True)),
        content=tuple(frozenset(bag) for bag in bags),
        headline=tuple(_cosine(bag, title) for bag in bags),
        normalised=normalised,
        heading=heading,
    )


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _scale(values: Sequence[float]) -> list[float]:
    """Min-max scaling, so ratings on different scales can be averaged (all equal: 1)."""
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    return [(v - low) / (high - low) if high > low else 1.0 for v in values]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items())
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def shape_factor(words: int, text: str) -> float:
    """1 for ordinary sentences, less for fragments, run-ons and tails of a wrong split.

    A sentence that starts in lower case is almost always the second half of a sentence
    cut at an abbreviation ("... POP Radio Corp. | it doesn't already own"): alone it
    reads as a fragment, so it is halved.
    """
    factor = 1.0
    if words < SHORT:
        factor = words / SHORT
    elif words > LONG:
        factor = LONG / words
    if _LOWER_START.match(text):
        factor /= 2
    return factor


def scores(feats: Features, weights: Weights = DEFAULT_WEIGHTS) -> list[float]:
    """Each candidate's score: centrality and position mixed, headline bonus, shape damping."""
    return [
        (
            (1 - weights.position) * rating
            + weights.position * math.exp(-index / weights.decay)
            + weights.headline * feats.headline[index]
        )
        * feats.shape[index]
        for index, rating in enumerate(feats.rating)
    ]


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller sentence's content words that the other one has too."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def choose(
    feats: Features, count: int, weights: Weights = DEFAULT_WEIGHTS
) -> list[tuple[int, float]]:
    """Greedy selection by score, skipping redundant sentences: (index, score), best first.

    If skipping leaves fewer than `count` sentences, the best skipped ones fill the gap,
    but a sentence is never chosen twice in the same words, and wordless candidates (a lone
    quotation mark) never, nor the headline printed again as the body's first line (the
    page shows the headline already).
    """
    rated = scores(feats, weights)
    order = sorted(range(len(rated)), key=lambda i: (-rated[i], i))
    order = [
        i
        for i in order
        if (feats.content[i] or feats.words[i])
        and not (feats.heading and feats.normalised[i] == feats.heading)
    ]
    chosen: list[int] = []
    skipped: list[int] = []
    for index in order:
        if len(chosen) == count:
            break
        if any(
            overlap(feats.content[index], feats.content[j]) > weights.redundancy for j in chosen
        ):
            skipped.append(index)
        else:
            chosen.append(index)
    for index in skipped:
        if len(chosen) == count:
            break
        if all(feats.normalised[index] != feats.normalised[j] for j in chosen):
            chosen.append(index)
    return [(index, rated[index]) for index in chosen]


def default_summary(
    sentences: Sequence[Sentence],
    count: int,
    headline: str | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[SummarySentence, ...]:
    """The default summary: `count` sentences in article order, each with its score."""
    limit = max(CANDIDATES, count)
    chosen = choose(features(sentences, headline, limit), count, weights)
    return tuple(SummarySentence(sentences[i], round(score, 6)) for i, score in sorted(chosen))


def summarize(
    sentences: Sequence[Sentence],
    algorithm: str = "default",
    count: int = 3,
    ratio: float | None = None,
    headline: str | None = None,
) -> Summary:
    """Summarize an article's sentences with our default or a plain sumy algorithm by name."""
    total = sentence_count(len(sentences), count, ratio)
    if algorithm == DEFAULT_ALGORITHM:
        return Summary(
            algorithm=DEFAULT_LABEL,
            sentences=default_summary(sentences, total, headline) if total else (),
        )
    if algorithm not in SUMY_ALGORITHMS:
        raise ValueError(f"unknown summarizer {algorithm!r}")
    return Summary(
        algorithm=algorithm, sentences=pick(sentences, sumy_ratings(algorithm, sentences), total)
    )
