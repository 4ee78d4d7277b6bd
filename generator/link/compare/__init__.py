"""How outlets told one story: a `Comparison` of the articles of a story.

Everything a comparison holds is a verbatim piece of an article with its citation, or a
count or label computed from such pieces; nothing is paraphrased. `compare` is the entry
point; its steps, a module each:

- `sides`: one article per outlet (its longest), at most `max_sides` outlets;
- `align`: sentences are aligned across articles by meaning (`similarity.TextSpace`:
  stemmed content words plus character n-grams, plus a bonus when both sentences quote
  the same words), one sentence per article per shared fact;
- `facts`: what is left is unique to its outlet; inside aligned sentences, runs of words
  whose content no other outlet uses are marked as details only that outlet gives;
- `numbers`: figures (a number and the word it counts) are compared across outlets when
  they count the same thing in similar sentences;
- `quotes`: quotes are aligned when one is a trimmed version of the other (a long common
  run of words), so "came to talk but not to decide" meets "I have the impression that
  Minister Lavrov came to talk but not to decide";
- `people`: whom each outlet names and how often it quotes them;
- `sources`: the media an outlet attributes to ("according to CNN", "Interfax reported",
  "told Turkish television"), found outside quotation marks;
- `gaps`: people, places, organisations and events some outlets mention and others do not.

`index.CorpusIndex` is what a comparison reads of the linked corpus (people's and events'
pages); the result types live in `generator.model`, the thresholds in
`settings.CompareOptions` (`[link.compare]` in digest.toml).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Analyzed, Comparison
from ...settings import CompareOptions
from .align import StorySentences, align_sentences, sentence_similarity
from .facts import mark_details, stem_sets, unique_facts, unique_spans
from .gaps import coverage_gaps
from .index import CorpusIndex
from .numbers import figure_context, figures, number_differences, same_thing
from .people import people_use
from .quotes import align_quotes, longest_common_run, same_quotation
from .sides import side, sides_to_compare
from .sources import sources_cited

DEFAULTS = CompareOptions()


def compare(
    items: Sequence[Analyzed],
    corpus: CorpusIndex | None = None,
    options: CompareOptions = DEFAULTS,
) -> Comparison:
    """Compare the articles of one story (in story order: oldest first).

    With many articles, one per outlet (its longest) and at most `options.max_sides`
    outlets (those with the longest articles) are compared; the rest are listed as not
    compared. `corpus` links people and events to their pages (none without it).
    """
    corpus = corpus or CorpusIndex({}, {})
    everything = list(items)
    items = sides_to_compare(everything, options.max_sides)
    table = StorySentences(items, options)
    shared, matched = align_sentences(items, table, options.align_threshold)
    stems = stem_sets(items)
    compared = {item.article.slug for item in items}
    return Comparison(
        sides=tuple(side(item) for item in items),
        shared=mark_details(shared, items, stems, options),
        unique=tuple(
            unique_facts(i, item, matched[i], stems, options) for i, item in enumerate(items)
        ),
        numbers=number_differences(items, table, options),
        quotes=align_quotes(items, options),
        people=people_use(items, corpus),
        sources=tuple(s for item in items for s in sources_cited(item)),
        gaps=coverage_gaps(items, corpus),
        omitted=tuple(a.article.slug for a in everything if a.article.slug not in compared),
    )


__all__ = [
    "DEFAULTS",
    "CompareOptions",
    "Comparison",
    "CorpusIndex",
    "StorySentences",
    "align_quotes",
    "align_sentences",
    "compare",
    "coverage_gaps",
    "figure_context",
    "figures",
    "longest_common_run",
    "number_differences",
    "people_use",
    "same_quotation",
    "same_thing",
    "sentence_similarity",
    "sides_to_compare",
    "sources_cited",
    "unique_spans",
]
