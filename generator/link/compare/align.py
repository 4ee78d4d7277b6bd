"""Sentence alignment: the sentences of different outlets that state the same fact.

Sentences are compared by meaning (`similarity.TextSpace`: stemmed content words plus
character n-grams), with a bonus when both quote the same words and a penalty when they
quote different people; each shared fact holds one sentence per article, the closest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from ...analyze.text import content_words, surname_key
from ...model import Analyzed, Citation, Marked, SharedFact
from ...settings import CompareOptions
from ..similarity import TextSpace
from .sides import cite

DEFAULTS = CompareOptions()

_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def quoted_words(text: str) -> frozenset[str]:
    """Content stems inside quotation marks: shared quoted words tie sentences together."""
    return frozenset(w for q in _QUOTED.findall(text) for w in content_words(q))


def shared_counts(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """For every two sets, the size of their intersection; and each set's size."""
    vocabulary = {w: k for k, w in enumerate(sorted(frozenset().union(*sets)))}
    rows = [i for i, words in enumerate(sets) for _ in words]
    columns = [vocabulary[w] for words in sets for w in words]
    incidence = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(sets), max(len(vocabulary), 1))
    )
    sizes = np.array([len(words) for words in sets], dtype=float)
    return np.asarray((incidence @ incidence.T).toarray()), sizes


def sentence_similarity(
    space: TextSpace,
    texts: Sequence[str],
    speakers: Sequence[frozenset[str]] | None = None,
    options: CompareOptions = DEFAULTS,
) -> np.ndarray:
    """Every two sentences: cosine in the space, plus a bonus when they quote the same words.

    The bonus (`quote_bonus`) needs a share (`quote_overlap`, half) of the quoted content
    words of the shorter quotation in common. With
    `speakers` (per sentence, the surnames of whoever it quotes), two sentences quoting
    different people lose as much: "We are ready to..." said by two people is two facts.
    """
    matrix = space.matrix(texts)
    if not texts:
        return matrix
    shared, sizes = shared_counts([quoted_words(t) for t in texts])
    smaller = np.minimum.outer(sizes, sizes)
    bonus = options.quote_bonus
    matrix += bonus * ((shared > 0) & (shared >= options.quote_overlap * smaller))
    if speakers is not None:
        shared, sizes = shared_counts(speakers)
        known = np.outer(sizes > 0, sizes > 0)
        matrix -= bonus * (known & (shared == 0))
    return matrix


class StorySentences:
    """All sentences of a story's articles, compared with one another once."""

    def __init__(self, items: Sequence[Analyzed], options: CompareOptions = DEFAULTS) -> None:
        self.offsets: list[int] = []
        texts: list[str] = []
        speakers: list[frozenset[str]] = []
        for item in items:
            self.offsets.append(len(texts))
            texts.extend(s.text for s in item.analysis.sentences)
            speakers.extend(_speakers(item))
        self.index = {item.article.slug: k for k, item in enumerate(items)}
        space = TextSpace(texts, char_weight=options.char_weight)
        self.matrix = sentence_similarity(space, texts, speakers, options)

    def block(self, a: int, b: int, sizes: Sequence[int]) -> np.ndarray:
        """Similarities of article a's sentences (rows) with article b's (columns)."""
        ra, rb = self.offsets[a], self.offsets[b]
        return self.matrix[ra : ra + sizes[a], rb : rb + sizes[b]]

    def between(self, left: Citation, right: Citation) -> float:
        """Similarity of two cited sentences of the story."""
        i = self.offsets[self.index[left.article]] + left.sentence
        j = self.offsets[self.index[right.article]] + right.sentence
        return float(self.matrix[i, j])


def align_sentences(
    items: Sequence[Analyzed],
    table: StorySentences,
    threshold: float = DEFAULTS.align_threshold,
) -> tuple[list[SharedFact], list[set[int]]]:
    """Group sentences of different articles that say the same thing.

    Candidate pairs above the threshold (`align_threshold`) are taken best first; a pair
    joins two groups only if the result still holds at most one sentence per article, so
    every shared fact shows each outlet's single closest sentence.
    """
    sizes = [len(item.analysis.sentences) for item in items]
    edges: list[tuple[float, int, int, int, int]] = []
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            if not sizes[a] or not sizes[b]:
                continue
            matrix = table.block(a, b, sizes)
            for i, j in zip(*np.nonzero(matrix >= threshold), strict=True):
                edges.append((-float(matrix[i, j]), a, int(i), b, int(j)))
    edges.sort()
    group_of: dict[tuple[int, int], int] = {}
    groups: list[dict[int, int]] = []  # article index -> sentence index
    scores: list[float] = []
    for negative, a, i, b, j in edges:
        ga, gb = group_of.get((a, i)), group_of.get((b, j))
        if ga is None and gb is None:
            groups.append({a: i, b: j})
            scores.append(-negative)
            group_of[(a, i)] = group_of[(b, j)] = len(groups) - 1
        elif ga is not None and gb is None:
            if b not in groups[ga]:
                groups[ga][b] = j
                group_of[(b, j)] = ga
        elif gb is not None and ga is None:
            if a not in groups[gb]:
                groups[gb][a] = i
                group_of[(a, i)] = gb
        elif ga != gb and not set(groups[ga]) & set(groups[gb]):
            groups[ga].update(groups[gb])
            for key in groups[gb].items():
                group_of[key] = ga
            groups[gb] = {}
    matched: list[set[int]] = [set() for _ in items]
    facts: list[SharedFact] = []
    for group, score in zip(groups, scores, strict=True):
        if len(group) < 2:
            continue
        for a, i in group.items():
            matched[a].add(i)
        versions = tuple(Marked(cite(items[a], i)) for a, i in sorted(group.items()))
        facts.append(SharedFact(versions=versions, similarity=round(score, 4)))
    slugs = [item.article.slug for item in items]
    facts.sort(
        key=lambda f: (
            slugs.index(f.versions[0].cited.citation.article),
            f.versions[0].cited.citation.sentence,
        )
    )
    return facts, matched


def _speakers(item: Analyzed) -> list[frozenset[str]]:
    """Per sentence, the surnames of the people it quotes (empty when unknown)."""
    found: list[set[str]] = [set() for _ in item.analysis.sentences]
    for quote in item.analysis.quotes:
        if quote.speaker and 0 <= quote.sentence < len(found):
            found[quote.sentence].add(surname_key(quote.speaker))
    return [frozenset(s) for s in found]
