"""Facts one outlet alone gives, and the details only it gives inside shared facts.

A sentence no other outlet echoes is a fact of its own outlet; inside it and inside aligned
sentences, runs of words whose content words no other compared article uses are marked as
details (one odd word is a wording, not a detail).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...analyze import lexicon
from ...analyze.text import content_words
from ...model import Analyzed, CitedText, Marked, OutletFacts, SharedFact
from ...settings import CompareOptions
from .sides import article_index, cite

DEFAULTS = CompareOptions()

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")
"""A word of running text: letters and digits, with inner apostrophes and hyphens."""


def stem_sets(items: Sequence[Analyzed]) -> list[frozenset[str]]:
    """Per article, the content stems (numbers included) of all its sentences."""
    return [_stem_set(item) for item in items]


def _stem_set(item: Analyzed) -> frozenset[str]:
    words: set[str] = set()
    for sentence in item.analysis.sentences:
        words.update(content_words(sentence.text, numbers=True))
    return frozenset(words)


def unique_spans(
    text: str, others: frozenset[str], min_words: int = DEFAULTS.min_unique_words
) -> tuple[tuple[int, int], ...]:
    """Runs of words whose content words no other article uses.

    A run starts and ends on a novel content word and may hold stop words between them; a
    content word the others do use ends it. Runs with fewer than `min_words` novel words are
    dropped: one odd word is a wording, not a detail.
    """
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # spans of the novel words in the current run

    tokens = list(WORD.finditer(text))
    starts = {m.start(): k for k, m in enumerate(tokens)}

    def close() -> None:
        if len(run) >= min_words:
            spans.append((_extend_left(tokens, starts[run[0][0]]), run[-1][1]))
        run.clear()

    for match in tokens:
        words = content_words(match.group(), numbers=True)
        if not words:
            continue  # a stop word: neither novel nor known
        if all(w not in others for w in words):
            run.append(match.span())
        else:
            close()
    close()
    return tuple(spans)


_QUALIFYING = lexicon.words("count-qualifiers")


def _extend_left(tokens: Sequence[re.Match[str]], first: int) -> int:
    """Start a run earlier over the qualifiers and numbers just before it ("more than an")."""
    k = first
    while k > 0 and (
        tokens[k - 1].group().lower() in _QUALIFYING or tokens[k - 1].group()[0].isdigit()
    ):
        between = tokens[k - 1].string[tokens[k - 1].end() : tokens[k].start()]
        if between.strip():  # punctuation between: a different phrase
            break
        k -= 1
    if all(t.group().lower() in ("a", "an") for t in tokens[k:first]):
        k = first  # an article alone adds nothing
    return tokens[k].start()


def _others(stems: Sequence[frozenset[str]], index: int) -> frozenset[str]:
    return frozenset().union(*(s for k, s in enumerate(stems) if k != index))


def _marked(
    cited: CitedText, index: int, stems: Sequence[frozenset[str]], min_words: int
) -> Marked:
    return Marked(cited, unique_spans(cited.text, _others(stems, index), min_words))


def mark_details(
    shared: Sequence[SharedFact],
    items: Sequence[Analyzed],
    stems: Sequence[frozenset[str]],
    options: CompareOptions = DEFAULTS,
) -> tuple[SharedFact, ...]:
    """The shared facts with each version's details of its own (`min_detail_words`) marked."""
    return tuple(
        SharedFact(
            versions=tuple(
                _marked(
                    v.cited,
                    article_index(items, v.cited.citation.article),
                    stems,
                    options.min_detail_words,
                )
                for v in fact.versions
            ),
            similarity=min(fact.similarity, 1.0),
        )
        for fact in shared
    )


def novelty(text: str, others: frozenset[str]) -> float:
    """Share of a sentence's content words that no other article uses."""
    words = content_words(text, numbers=True)
    return sum(w not in others for w in words) / len(words) if words else 0.0


def unique_facts(
    index: int,
    item: Analyzed,
    matched: set[int],
    stems: Sequence[frozenset[str]],
    options: CompareOptions = DEFAULTS,
) -> OutletFacts:
    """What one article alone says: its unmatched sentences, and its matched sentences
    that hold details of their own."""
    others = _others(stems, index)
    alone: list[Marked] = []
    details: list[Marked] = []
    for sentence in item.analysis.sentences:
        cited = cite(item, sentence.index)
        if sentence.index in matched:
            spans = unique_spans(sentence.text, others, options.min_detail_words)
            marked = Marked(cited, spans)
            if marked.unique_spans:
                details.append(marked)
            continue
        if (
            novelty(sentence.text, others) > 0
            and len(content_words(sentence.text)) >= options.min_alone_words
        ):
            spans = unique_spans(sentence.text, others, options.min_unique_words)
            alone.append(Marked(cited, spans))
    return OutletFacts(item.article.slug, tuple(alone), tuple(details))
