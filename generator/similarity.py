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

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")
_NUMBER = re.compile(r"^\d[\d,.]*$")


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


@functools.lru_cache(maxsize=1)
def _stemmer():
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of a lower-cased word (offline: no NLTK data involved)."""
    return _stemmer()(word)


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
    stop = _stop_words()
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


def _numbers_too(text: str) -> list[str]:
    return content_words(text, numbers=True)


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
        # Imported here, not at the top: scikit-learn takes a second or more to import, and
        # a no-change build imports this module (to read cached comparisons) without fitting.
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

        given = list(idf_documents)
        self._rows = {i: row for row, i in enumerate(i for i, d in enumerate(given) if d.strip())}
        documents = [d for d in given if d.strip()] or [""]
        self.char_weight = char_weight
        # CountVectorizer + TfidfTransformer is what TfidfVectorizer does, in two steps so
        # that the counts of the fitted texts can be kept.
        words = CountVectorizer(analyzer=_numbers_too if numbers else content_words)
        self._spaces = [(words, TfidfTransformer(sublinear_tf=True))]
        if char_weight > 0:
            chars = CountVectorizer(
                analyzer="char_wb",
                ngram_range=(3, 5),
                preprocessor=lambda t: " ".join(content_words(t, numbers)),
            )
            self._spaces.append((chars, TfidfTransformer(sublinear_tf=True)))
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
        from sklearn.preprocessing import normalize

        rows = [
            normalize(weights.transform(counts))
            for (_, weights), counts in zip(self._spaces, parts, strict=True)
        ]
        if len(rows) == 1:
            return rows[0]
        weight = self.char_weight
        return normalize(sparse.hstack([rows[0] * np.sqrt(1 - weight), rows[1] * np.sqrt(weight)]))

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
