"""Stories: articles that report the same thing, grouped, summarised across outlets, compared.

Grouping. Two articles belong together when their texts are alike (cosine in a TF-IDF space
of stemmed content words and character n-grams, `similarity.TextSpace`), when they name the
same people, places and organisations (the Jaccard overlap of the names closes part of the
gap to 1: a bonus, never a penalty, since many texts name nobody), and when
they were published close together (similarity decays beyond `window_days`). Articles are
grouped by average-linkage clustering cut at `threshold`: average, not single, linkage, so
that a chain of loosely related pieces does not become one story. The `story` key of the
front matter overrides all this: articles sharing a key form one story, and a keyed article
never joins an unkeyed one. An article alone is a story of one.

Summary. sumy rates the pooled sentences of all the story's articles at once, so a sentence
that many outlets echo rates high (each article gives its first sentences, up to a share of
`max_pooled`: LexRank is quadratic). Near-duplicates across outlets are dropped (the better
rated stays), and no article gets more than its share of the lines, so the longest article
cannot fill the summary on its own. Every line is a verbatim sentence, cited.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from slugify import slugify

from ..analyze.nlp import quotation_spans
from ..analyze.summarize import sumy_ratings
from ..analyze.text import content_words, name_key, surname_key
from ..cache import LinkMemo
from ..model import Analyzed, Citation, CitedText, Digest, Sentence, Story
from ..settings import Settings, StoryOptions
from . import compare as comparing
from .similarity import TextSpace, count_parts, joined_vectors

DEFAULTS = StoryOptions()


@dataclass(frozen=True)
class Document:
    """What grouping sees of an article: its text, the names it uses, its date, its key."""

    text: str
    entities: frozenset[str] = frozenset()
    published: dt.date | None = None
    key: str | None = None


# --- similarity ---------------------------------------------------------------------------


class Similarity:
    """How alike documents are, in [0, 1]: text (cosine of `vectors`), shared names (closing
    part of the gap to 1), dates (decaying beyond the window). Computed for the documents
    asked about only, so that a corpus of many thousand articles never needs the whole
    square matrix: articles published far apart cannot reach the grouping threshold, and
    `linked` only compares articles within reach of each other.
    """

    def __init__(
        self, documents: Sequence[Document], vectors: sparse.csr_matrix, options: StoryOptions
    ) -> None:
        self.documents = documents
        self.vectors = sparse.csr_matrix(vectors)
        self.options = options
        names = sorted(frozenset().union(*(d.entities for d in documents)))
        column = {name: k for k, name in enumerate(names)}
        cells = [(i, column[n]) for i, d in enumerate(documents) for n in d.entities]
        rows, columns = zip(*cells, strict=True) if cells else ((), ())
        self.names = sparse.csr_matrix(
            (np.ones(len(cells)), (rows, columns)), shape=(len(documents), max(len(names), 1))
        )
        self.name_counts = np.array([len(d.entities) for d in documents], dtype=float)
        self.days = np.array(
            [d.published.toordinal() if d.published else np.nan for d in documents]
        )

    @classmethod
    def of(
        cls,
        documents: Sequence[Document],
        idf_documents: Sequence[str] | None = None,
        options: StoryOptions = DEFAULTS,
    ) -> Similarity:
        """Texts compared in a space fitted on `idf_documents` (default: the texts)."""
        texts = [d.text for d in documents]
        fit = idf_documents if idf_documents is not None else texts
        return cls(
            documents, TextSpace(fit, char_weight=options.char_weight).vectors(texts), options
        )

    def between(self, rows: Sequence[int], columns: Sequence[int]) -> np.ndarray:
        """The similarity of each document in `rows` with each in `columns`."""
        rows, columns = list(rows), list(columns)
        matrix = np.asarray((self.vectors[rows] @ self.vectors[columns].T).toarray(), dtype=float)
        weight = self.options.entity_weight
        if weight > 0 and self.names.nnz:
            shared = np.asarray((self.names[rows] @ self.names[columns].T).toarray())
            union = np.add.outer(self.name_counts[rows], self.name_counts[columns]) - shared
            overlap = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
            matrix += weight * overlap * (1 - matrix)
        window = self.options.window_days
        if window > 0:
            gap = np.abs(np.subtract.outer(self.days[rows], self.days[columns]))
            factor = np.power(0.5, np.maximum(gap - window, 0) / window)
            matrix *= np.where(np.isnan(factor), 1.0, factor)
        matrix[np.equal.outer(rows, columns)] = 1.0
        return np.clip(matrix, 0.0, 1.0)

    def reach_days(self, threshold: float) -> float:
        """Beyond this many days apart, the date factor alone keeps two articles below
        `threshold` (text and names together are at most 1); a day more, to be safe."""
        window = self.options.window_days
        if window <= 0 or threshold <= 0:
            return math.inf
        return window * (1 + math.log2(1 / threshold)) + 1

    def linked(self, members: Sequence[int], threshold: float) -> list[list[int]]:
        """The members in connected parts: two are connected when they are at least
        `threshold` alike. Average linkage never joins documents of different parts (a
        merge needs an average, so at least one pair, at the threshold), so each part can
        be clustered on its own, with exactly the clusters of the whole."""
        from scipy.sparse.csgraph import connected_components

        reach = self.reach_days(threshold)
        dated = sorted(
            (m for m in members if not np.isnan(self.days[m])), key=lambda m: (self.days[m], m)
        )
        undated = [m for m in members if np.isnan(self.days[m])]
        days = [self.days[m] for m in dated]
        edges: list[tuple[int, int]] = []
        for start in range(0, len(dated), _BLOCK):
            block = dated[start : start + _BLOCK]
            end = bisect.bisect_right(days, days[start + len(block) - 1] + reach)
            partners = dated[start:end] + undated
            edges += self._edges(block, partners, threshold)
        for start in range(0, len(undated), _BLOCK):
            edges += self._edges(undated[start : start + _BLOCK], list(members), threshold)
        index = {m: k for k, m in enumerate(members)}
        pairs = np.array([(index[a], index[b]) for a, b in edges], dtype=int).reshape(-1, 2)
        graph = sparse.csr_matrix(
            (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(members),) * 2
        )
        _, labels = connected_components(graph, directed=False)
        parts: dict[int, list[int]] = {}
        for member, label in zip(members, labels, strict=True):
            parts.setdefault(int(label), []).append(member)
        return sorted(parts.values())

    def _edges(
        self, rows: list[int], columns: list[int], threshold: float
    ) -> list[tuple[int, int]]:
        # a hair below the threshold too: an extra link only joins two parts, which is
        # harmless, while a missing one (rounding) could change a cluster
        found = np.argwhere(self.between(rows, columns) >= threshold - 1e-9)
        return [(rows[r], columns[c]) for r, c in found if rows[r] != columns[c]]


# Documents compared at a time when looking for linked ones: big enough for fast matrix
# products, small enough that a block of the matrix stays a few megabytes.
_BLOCK = 512


def similarity_matrix(
    documents: Sequence[Document],
    idf_documents: Sequence[str] | None = None,
    options: StoryOptions = DEFAULTS,
) -> np.ndarray:
    """How alike every two documents are (`Similarity`), as one square matrix."""
    every = range(len(documents))
    return Similarity.of(documents, idf_documents, options).between(every, every)


# --- grouping -----------------------------------------------------------------------------


def linkage_tree(matrix: np.ndarray) -> np.ndarray:
    """The average-linkage merge tree of a similarity matrix (scipy's linkage format)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - np.asarray(matrix, dtype=float)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    return linkage(squareform(np.clip(distance, 0.0, None), checks=False), method="average")


def cut(tree: np.ndarray, threshold: float) -> list[list[int]]:
    """The clusters of a merge tree whose members are on average `threshold` alike."""
    from scipy.cluster.hierarchy import fcluster

    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values())


def cluster(matrix: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters whose members are on average at least `threshold` alike."""
    n = matrix.shape[0]
    if n < 2:
        return [[0]] if n else []
    return cut(linkage_tree(matrix), threshold)


def group(
    documents: Sequence[Document], similarity: Similarity, threshold: float
) -> list[list[int]]:
    """Stories as lists of document indices: keyed documents by key, the rest clustered
    (each connected part of the unkeyed ones on its own: see `Similarity.linked`)."""
    keyed: dict[str, list[int]] = {}
    free: list[int] = []
    for index, document in enumerate(documents):
        if document.key:
            keyed.setdefault(document.key, []).append(index)
        else:
            free.append(index)
    groups = [members for _, members in sorted(keyed.items())]
    for part in similarity.linked(free, threshold) if free else []:
        if len(part) == 1:  # most parts: an article like no other is a story of its own
            groups.append(part)
            continue
        sub = similarity.between(part, part)
        groups += [[part[i] for i in members] for members in cluster(sub, threshold)]
    return sorted(groups)


# --- the multi-source summary -------------------------------------------------------------


def _bare_quote(sentence: Sentence) -> bool:
    """A sentence that is only a quotation: out of context it does not say who said it."""
    text = sentence.text.strip()
    spans = quotation_spans(text)
    covered = sum(end - start for start, end in spans)
    return bool(spans) and covered >= len(text) - 2


def _eligible(sentence: Sentence, options: StoryOptions) -> bool:
    return len(content_words(sentence.text)) >= options.min_summary_words // 2 and (
        len(sentence.text.split()) >= options.min_summary_words and not _bare_quote(sentence)
    )


def story_summary(
    items: Sequence[Analyzed], options: StoryOptions = DEFAULTS
) -> tuple[CitedText, ...]:
    """Verbatim, cited lines that sum up a story across its outlets.

    A story of one article keeps that article's own summary, so its story page and
    article page agree.
    """
    if len(items) == 1:
        item = items[0]
        return tuple(
            CitedText(s.sentence.text, Citation(item.article.slug, s.sentence.index))
            for s in item.analysis.summary.sentences
        )
    pooled: list[Sentence] = []
    owners: list[tuple[int, Sentence]] = []  # (article index, original sentence)
    offset = 0
    each = max(options.min_pooled_each, math.ceil(options.max_pooled / len(items)))
    for index, item in enumerate(items):
        sentences = [s for s in item.analysis.sentences if _eligible(s, options)][:each]
        for sentence in sentences:
            pooled.append(replace(sentence, paragraph=offset + sentence.paragraph))
            owners.append((index, sentence))
        offset += max((s.paragraph for s in item.analysis.sentences), default=0) + 1
    if not pooled:
        return ()
    # LexRank divides by zero on degenerate inputs; an unrated sentence rates lowest
    scores = [0.0 if math.isnan(x) else x for x in sumy_ratings(options.algorithm, pooled)]
    # near-duplicates as a comparison with the default knobs sees them
    space = TextSpace([s.text for s in pooled], char_weight=comparing.DEFAULTS.char_weight)
    alike = comparing.sentence_similarity(space, [s.text for s in pooled])
    count = min(options.summary_sentences, len(pooled))
    share = math.ceil(count / len(items))
    taken: list[int] = []
    per_article = [0] * len(items)
    for candidate in sorted(range(len(pooled)), key=lambda k: (-scores[k], k)):
        if len(taken) == count:
            break
        article = owners[candidate][0]
        if per_article[article] >= share:
            continue
        if any(alike[candidate, k] >= options.duplicate_threshold for k in taken):
            continue
        taken.append(candidate)
        per_article[article] += 1

    def place(k: int) -> tuple[float, int]:
        article, sentence = owners[k]
        total = max(len(items[article].analysis.sentences), 1)
        return (sentence.index / total, article)

    return tuple(
        CitedText(owners[k][1].text, Citation(items[owners[k][0]].article.slug, owners[k][1].index))
        for k in sorted(taken, key=place)
    )


# --- the corpus step ----------------------------------------------------------------------


def document(item: Analyzed) -> Document:
    """An analysed article as grouping sees it."""
    analysis = item.analysis
    names = {surname_key(p.name) for p in analysis.people}
    names |= {name_key(n) for n in (*analysis.places, *analysis.organisations)}
    text = "\n".join([item.article.title, *(s.text for s in analysis.sentences)])
    return Document(
        text=text,
        entities=frozenset(n for n in names if n),
        published=item.article.published,
        key=item.article.story,
    )


def document_vectors(
    items: Sequence[Analyzed], options: StoryOptions = DEFAULTS, memo: LinkMemo | None = None
) -> sparse.csr_matrix:
    """The text vectors of `document(item)` for every item, in a space fitted on all the
    sentences and headlines (an IDF over two or three long texts would say nothing).

    Each document is its headline and its sentences, as `document` joins them, so its
    vector is made from the counts of those parts (`similarity.count_parts`), which depend
    on the article alone: with a `memo`, an unchanged article's counts come from an earlier
    build, and adding one article to a corpus reads the words of that article only.
    """
    memo = memo or LinkMemo(None)
    counted = "words and characters" if options.char_weight > 0 else "words"
    counts = [
        memo.get_or_make(
            memo.entry("terms", [item.article.slug], counted),
            count_parts,
            [*(s.text for s in item.analysis.sentences), item.article.title],
            options.char_weight,
        )
        for item in items
    ]
    try:
        return joined_vectors(counts, options.char_weight)
    except ValueError:  # not a word in the corpus
        sentences = [s.text for item in items for s in item.analysis.sentences]
        space = TextSpace(
            [*sentences, *(item.article.title for item in items)], char_weight=options.char_weight
        )
        return space.vectors([document(item).text for item in items])


def _oldest_first(items: Sequence[Analyzed]) -> list[Analyzed]:
    return sorted(
        items,
        key=lambda a: (a.article.published or dt.date.max, a.article.slug),
    )


def _title(items: Sequence[Analyzed]) -> str:
    """The headline of the earliest article that has a real one (not made from its text)."""
    headed = [a for a in items if not a.article.title_derived] or list(items)
    return headed[0].article.title


def link_stories(
    digest: Digest,
    settings: Settings | None = None,
    options: StoryOptions = DEFAULTS,
    memo: LinkMemo | None = None,
) -> tuple[Story, ...]:
    """Group the digest's articles into stories, summarise and compare each; newest first.

    Summaries and comparisons cost most of linking; with a `memo` those of a story whose
    articles (and, for a comparison, the people and events linked to them) are unchanged
    come from an earlier build.
    """
    memo = memo or LinkMemo(None)
    compare_options = settings.link.compare if settings is not None else comparing.DEFAULTS
    corpus = comparing.CorpusIndex.of(digest)
    items = sorted(digest.articles, key=lambda a: a.article.slug)
    if not items:
        return ()
    documents = [document(item) for item in items]
    similarity = Similarity(documents, document_vectors(items, options, memo), options)
    stories: list[Story] = []
    used: set[str] = set()
    for members in group(documents, similarity, options.threshold):
        story_items = _oldest_first([items[i] for i in members])
        key = story_items[0].article.story
        title = _title(story_items)
        slug = _unique(key or slugify(title, max_length=60, word_boundary=True) or "story", used)
        articles = tuple(a.article.slug for a in story_items)
        comparison = None
        if len(story_items) > 1 and len({a.article.outlet for a in story_items}) > 1:
            part = corpus.part(articles)
            comparison = memo.get_or_make(
                memo.entry("comparison", articles, repr(part) + repr(compare_options)),
                comparing.compare,
                story_items,
                part,
                compare_options,
            )
        summary = memo.get_or_make(  # a story of one article: its own summary, no cost
            memo.entry("summary", articles, repr(options)) if len(articles) > 1 else None,
            story_summary,
            story_items,
            options,
        )
        stories.append(
            Story(
                slug=slug,
                title=title,
                articles=articles,
                paths=tuple(a.article.path for a in story_items),
                summary=summary,
                comparison=comparison,
            )
        )
    latest = {
        story.slug: max(
            (digest.article(s).article.published or dt.date.min for s in story.articles),
        )
        for story in stories
    }
    return tuple(sorted(stories, key=lambda s: (-latest[s.slug].toordinal(), s.slug)))


def _unique(slug: str, used: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    return candidate


def stories_of(digest: Digest, article: str) -> tuple[Story, ...]:
    """The stories an article belongs to (one, once stories are linked)."""
    return tuple(story for story in digest.stories if article in story.articles)
