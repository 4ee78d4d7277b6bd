"""A space assembled from per-text counts gives the vectors of a space fitted on every part."""

from __future__ import annotations

import pickle
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.link.similarity import TextSpace, count_parts, joined_vectors


def fitted_on_every_part(texts: Sequence[Sequence[str]], char_weight: float):
    """What story grouping did before counts were kept: one space fitted on every part of
    every text, each text's vector joined from its parts' counts."""
    parts = [part for text in texts for part in text]
    groups, start = [], 0
    for text in texts:
        groups.append(list(range(start, start + len(text))))
        start += len(text)
    return TextSpace(parts, char_weight=char_weight).joined(groups)


def assembled(texts: Sequence[Sequence[str]], char_weight: float):
    return joined_vectors([count_parts(text, char_weight) for text in texts], char_weight)


def assert_same_bits(ours, theirs) -> None:
    """The same sparse matrix, value for value and in the same layout, so that every sum
    over it (norms, cosines) adds the same numbers in the same order."""
    assert ours.shape == theirs.shape
    assert ours.has_sorted_indices and theirs.has_sorted_indices
    np.testing.assert_array_equal(ours.indptr, theirs.indptr)
    np.testing.assert_array_equal(ours.indices, theirs.indices)
    assert ours.data.dtype == theirs.data.dtype
    assert ours.data.tobytes() == theirs.data.tobytes()


CORPORA = {
    "hyphens, possessives, numbers, blank parts": [
        ["Flood waters rose in the valley on Monday.", "", "The mayor's order came at 10."],
        ["Officials said the cease-fire held overnight.", "   "],
        ["Zelenskyy met Zelensky's advisers in Kyiv.", "Flood waters rose again."],
    ],
    "letters beyond ASCII, sorted by code point": [
        ["Café owners in Zürich protested.", "東京 officials said naïve plans failed."],
        ["Émile Zola wrote J'accuse.", "Ølstykke and Århus 🎉 celebrated."],
        ["Zurich cafe owners protested again; cafés closed."],
    ],
    "a text without parts, one of blanks, one of stop words only": [
        [],
        ["", "  \n "],
        ["The and of it was.", "Harbour strike ends."],  # a word-less part is an IDF document
        ["Harbour strike ends after talks."],
    ],
    "one text": [["Strike at the harbour.", "Strike talks resume."]],
}


@pytest.mark.parametrize("char_weight", [0.0, 0.3])
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_assembled_vectors_are_those_of_a_space_fitted_on_every_part(name, char_weight):
    texts = CORPORA[name]
    ours = assembled(texts, char_weight)
    assert_same_bits(ours, fitted_on_every_part(texts, char_weight))
    empty = [k for k, text in enumerate(texts) if not "".join(text).strip()]
    assert all(ours[k].nnz == 0 for k in empty)  # a zero row, as for an empty text


@pytest.mark.parametrize("texts", [[], [[]], [["", " "], ["The and of it."]]])
def test_texts_without_a_word_are_refused_as_by_the_fitted_space(texts):
    with pytest.raises(ValueError):
        assembled(texts, 0.3)
    if texts:  # the fitted space refuses them too; its callers fall back on vectors()
        with pytest.raises(ValueError):
            fitted_on_every_part(texts, 0.3)


def test_counts_survive_a_pickle_and_are_small():
    counts = count_parts(["Flood waters rose.", "Flood waters fell."], 0.3)
    words = counts.spaces[0]
    assert words.terms.tolist() == [b"fell", b"flood", b"rose", b"water"]
    assert words.counts.tolist() == [1, 2, 1, 2] and words.parts.tolist() == [1, 2, 1, 2]
    assert words.counts.dtype == np.uint8 and counts.documents == 2
    again = pickle.loads(pickle.dumps(counts))
    assert_same_bits(joined_vectors([again], 0.3), joined_vectors([counts], 0.3))


WORDS = ["strike", "strikes", "harbour", "the", "of", "café", "cafe", "Kyiv's", "cease-fire"]
WORDS += ["2024", "a", "東京", "Zürich", "zurich", "wages", "x", "talks", "talk", "—"]
PART = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(PART, max_size=4), min_size=1, max_size=5))
def test_any_corpus_assembles_to_the_fitted_vectors(texts):
    for char_weight in (0.0, 0.3):
        try:
            expected = fitted_on_every_part(texts, char_weight)
        except ValueError:  # no word at all: refused alike
            with pytest.raises(ValueError):
                assembled(texts, char_weight)
            continue
        assert_same_bits(assembled(texts, char_weight), expected)
