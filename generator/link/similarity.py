"""Text similarity shared by story grouping, the multi-source summary and the comparison.

One notion of "these two texts say the same thing", so that the three places agree: a
TF-IDF space over stemmed content words (stop words dropped, possessives and hyphens
normalised), optionally mixed with character n-grams, which catch what stemming misses
("de-Nazification" / "denazification", "Zelensky" / "Zelenskyy").

Why not plain TF-IDF over words: on the Lee corpus (see `eval stories`) dropping stop
words and stemming raises the Pearson correlation with human judgements from 0.45 to
0.57. Why sentences as IDF documents: a story has few articles, and an IDF fitted on two
documents says nothing; fitted on their sentences it tells names and topic words from
filler.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ..analyze.text import content_words


def _numbers_too(text: str) -> list[str]:
    return content_words(text, numbers=True)


def _counters(char_weight: float, numbers: bool) -> list:
    """The CountVectorizers of a space: words, then character 3-5-grams of the content
    words when `char_weight` > 0. One place, so that a fitted `TextSpace` and the counts
    of `count_parts` read texts alike."""
    # Imported here, not at the top: scikit-learn takes a second or more to import, and
    # a no-change build imports this module (to read cached comparisons) without fitting.
    from sklearn.feature_extraction.text import CountVectorizer

    counters = [CountVectorizer(analyzer=_numbers_too if numbers else content_words)]
    if char_weight > 0:
        counters.append(
            CountVectorizer(
                analyzer="char_wb",
                ngram_range=(3, 5),
                preprocessor=lambda t: " ".join(content_words(t, numbers)),
            )
        )
    return counters


def _weights():
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True)


def _combine(weights: Sequence, parts: Sequence[sparse.csr_matrix], char_weight: float):
    """Unit rows from the counts of each space (words, then characters), each space
    weighted by its fitted TfidfTransformer and normalised, the two mixed by `char_weight`."""
    from sklearn.preprocessing import normalize

    rows = [normalize(w.transform(counts)) for w, counts in zip(weights, parts, strict=True)]
    if len(rows) == 1:
        return rows[0]
    return normalize(
        sparse.hstack([rows[0] * np.sqrt(1 - char_weight), rows[1] * np.sqrt(char_weight)])
    )


class TextSpace:
    """A TF-IDF space fitted once, in which any texts can be compared by cosine.

    `char_weight` mixes in character 3-5-grams of the content words (0 = words only).
    The space keeps the term counts of the texts it was fitted on, so that `joined` gives
    the vectors of texts made of them (an article: its title and sentences) without
    reading their words again: half the work of linking stories.
    """

    def __init__(
        self, idf_documents: Iterable[str], char_weight: float = 0.0, numbers: bool = False
    ) -> None:
        given = list(idf_documents)
        self._rows = {i: row for row, i in enumerate(i for i, d in enumerate(given) if d.strip())}
        documents = [d for d in given if d.strip()] or [""]
        self.char_weight = char_weight
        # CountVectorizer + TfidfTransformer is what TfidfVectorizer does, in two steps so
        # that the counts of the fitted texts can be kept.
        self._spaces = [(counter, _weights()) for counter in _counters(char_weight, numbers)]
        self._counts = [self._fit(counter, weights, documents) for counter, weights in self._spaces]

    @staticmethod
    def _fit(counter, weights, documents: list[str]) -> sparse.csr_matrix | None:
        """Fit one space; its counts of the documents (None: no word at all, and the space
        is a vocabulary of one placeholder)."""
        try:
            counts = counter.fit_transform(documents)
        except ValueError:
            weights.fit(counter.fit_transform(["placeholder"]))
            return None
        weights.fit(counts)
        return counts

    def _combine(self, parts: list[sparse.csr_matrix]) -> sparse.csr_matrix:
        return _combine([weights for _, weights in self._spaces], parts, self.char_weight)

    def vectors(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length rows, one per text (empty texts give zero rows)."""
        return self._combine([counter.transform(texts) for counter, _ in self._spaces])

    def joined(self, groups: Sequence[Sequence[int]], separator: str = "\n") -> sparse.csr_matrix:
        """`vectors` of the texts made by joining fitted texts (by their index in
        `idf_documents`), from the kept counts: a text's words never run across the
        separator, so its counts are the sum of its parts' counts."""
        if any(counts is None for counts in self._counts):
            raise ValueError("the space has no words: use vectors()")
        cells = [
            (g, self._rows[i]) for g, group in enumerate(groups) for i in group if i in self._rows
        ]
        rows, columns = zip(*cells, strict=True) if cells else ((), ())
        width = next(c for c in self._counts if c is not None).shape[0]
        sums = sparse.csr_matrix(
            (np.ones(len(cells), dtype=np.int64), (rows, columns)), shape=(len(groups), width)
        )
        return self._combine([sums @ counts for counts in self._counts])

    def matrix(self, left: Sequence[str], right: Sequence[str] | None = None) -> np.ndarray:
        """Cosine similarity of every text in `left` with every text in `right` (or left)."""
        a = self.vectors(left)
        b = a if right is None else self.vectors(right)
        return np.asarray((a @ b.T).toarray(), dtype=float)


# --- a space assembled from counts kept per text --------------------------------------------
# Story grouping fits a space on every sentence and headline of the corpus, then takes each
# article's vector from its parts' counts (`TextSpace.joined`). Reading every sentence again
# costs seconds on every build, though adding one article changes the counts of that
# article only: so each article's counts are kept (`count_parts`, cached by the caller),
# and the space is assembled from them (`joined_vectors`), with the same vectors.


@dataclass(frozen=True)
class TermCounts:
    """One space's terms of a text made of parts, sorted, as UTF-8 (surrogates passed)
    bytes: byte order is code point order, so sorting them sorts the terms as the
    CountVectorizer does, and numpy arrays pickle and merge far faster than dicts."""

    terms: np.ndarray  # bytes, each term once, sorted
    counts: np.ndarray  # its occurrences in the whole text
    parts: np.ndarray  # how many of the parts it occurs in: its document frequency


@dataclass(frozen=True)
class PartCounts:
    """What a text made of parts (an article: its sentences and headline) brings to a
    space fitted on the parts of many such texts: its term counts and document
    frequencies in each space (words, then characters), and its number of IDF documents
    (its parts that are not blank)."""

    spaces: tuple[TermCounts, ...]
    documents: int


def count_parts(
    parts: Sequence[str], char_weight: float = 0.0, numbers: bool = False
) -> PartCounts:
    """The counts `joined_vectors` needs of one text made of `parts`, read once."""
    documents = [part for part in parts if part.strip()]
    spaces = []
    for counter in _counters(char_weight, numbers):
        analyze = counter.build_analyzer()
        counts: Counter[str] = Counter()
        found_in: Counter[str] = Counter()
        for document in documents:
            terms = analyze(document)
            counts.update(terms)
            found_in.update(set(terms))
        terms = sorted(counts)
        spaces.append(
            TermCounts(
                np.array([t.encode("utf-8", "surrogatepass") for t in terms], dtype=np.bytes_),
                _small([counts[t] for t in terms]),
                _small([found_in[t] for t in terms]),
            )
        )
    return PartCounts(tuple(spaces), len(documents))


def _small(numbers: list[int]) -> np.ndarray:
    """Counts in the smallest integer type that holds them: kept for every article of the
    corpus, they would otherwise be most of the cache file."""
    return np.array(numbers, dtype=np.min_scalar_type(max(numbers, default=0)))


def joined_vectors(texts: Sequence[PartCounts], char_weight: float = 0.0) -> sparse.csr_matrix:
    """The vectors `TextSpace(parts of all texts, char_weight).joined(each text's parts)`
    gives, bit for bit, from each text's `count_parts`: the vocabulary is the sorted
    union of the terms, the document frequencies and IDF documents add up, and a
    TfidfTransformer is fitted on a matrix with those frequencies. Raises ValueError,
    as `joined` does, when the texts have no word at all."""
    if not texts:
        raise ValueError("no texts: use TextSpace.vectors()")
    documents = sum(text.documents for text in texts)
    weights, counts = [], []
    for space in range(len(texts[0].spaces)):
        kept = [text.spaces[space] for text in texts]
        every = np.concatenate([k.terms for k in kept])
        if not len(every):
            raise ValueError("the texts have no words: use TextSpace.vectors()")
        columns, width = _columns(every)
        found_in = np.concatenate([k.parts for k in kept]).astype(np.int64)
        frequency = np.bincount(columns, found_in, width).astype(np.int64)
        weights.append(_weights().fit(_with_frequencies(frequency, documents)))
        lengths = np.array([len(k.terms) for k in kept])
        matrix = sparse.csr_matrix(
            (
                np.concatenate([k.counts for k in kept]).astype(np.int64),
                columns,
                np.concatenate([[0], np.cumsum(lengths)]),
            ),
            shape=(len(texts), width),
        )  # each row's columns ascend: its terms are sorted, as the vocabulary is
        counts.append(matrix)
    return _combine(weights, counts, char_weight)


def _columns(terms: np.ndarray) -> tuple[np.ndarray, int]:
    """Each term's column in the sorted vocabulary of all of them, and the vocabulary's
    size: what np.unique(return_inverse=True) gives, with a stable sort, a quarter faster
    on these runs of sorted terms (one a text)."""
    order = terms.argsort(kind="stable")
    ordered = terms[order]
    first = np.empty(len(terms), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    columns = np.empty(len(terms), dtype=np.int64)
    columns[order] = np.cumsum(first) - 1
    return columns, int(first.sum())


def _with_frequencies(frequency: np.ndarray, documents: int) -> sparse.csc_matrix:
    """A documents x terms matrix in which term j occurs in `frequency[j]` documents (the
    first ones): all a TfidfTransformer learns from the matrix it is fitted on."""
    ends = np.cumsum(frequency)
    rows = np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - frequency, frequency)
    return sparse.csc_matrix(
        (np.ones(len(rows)), rows, np.concatenate([[0], ends])),
        shape=(documents, len(frequency)),
    )
