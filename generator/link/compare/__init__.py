"""How outlets told one story: a `Comparison` of the articles of a story.

Everything a comparison holds is a verbatim piece of an article with its citation, or a
count or label computed from such pieces; nothing is paraphrased. The steps:

- sentences are aligned across articles by meaning (`similarity.TextSpace`: stemmed
  content words plus character n-grams, plus a bonus when both sentences quote the same
  words), one sentence per article per shared fact;
- what is left is unique to its outlet; inside aligned sentences, runs of words whose
  content no other outlet uses are marked as details only that outlet gives;
- figures (a number and the word it counts) are compared across outlets when they count
  the same thing in similar sentences;
- quotes are aligned when one is a trimmed version of the other (a long common run of
  words), so "came to talk but not to decide" meets "I have the impression that Minister
  Lavrov came to talk but not to decide";
- sources are the media an outlet attributes to ("according to CNN", "Interfax reported",
  "told Turkish television"), found outside quotation marks;
- coverage gaps are people, places, organisations and events some outlets mention and
  others do not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ...analyze import nlp
from ...analyze.text import content_words, stem
from ...model import (
    Analyzed,
    Citation,
    CitedText,
    Comparison,
    Digest,
    Figure,
    Gap,
    Marked,
    NumberDifference,
    OutletFacts,
    PersonUse,
    Quote,
    QuoteGroup,
    QuoteVersion,
    SharedFact,
    Side,
    SourceCitation,
)
from ..similarity import TextSpace

# --- knobs --------------------------------------------------------------------------------

ALIGN_THRESHOLD = 0.3  # cosine (words + character n-grams) for two sentences to match
CHAR_WEIGHT = 0.3
MAX_SIDES = 6  # outlets side by side; more would not fit a page
QUOTE_BONUS = 0.2  # added when both sentences quote mostly the same words
MIN_UNIQUE_WORDS = 2  # novel content words a run of an unmatched sentence needs
MIN_DETAIL_WORDS = 3  # ...and of a matched sentence, to count as a detail of its own
MIN_QUOTE_RUN = 3  # words two quotes must share in a row to be the same quotation
QUOTE_COVER = 0.6  # ...covering this share of the shorter one (or MIN_QUOTE_LONG words)
MIN_QUOTE_LONG = 8
CONTEXT_WORDS = 8  # words either side of a figure that say what it is about


# --- entry point --------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusIndex:
    """What a comparison reads of the linked corpus, indexed by article.

    `people`: article slug -> {name form -> the slug of that person's page}.
    `events`: article slug -> (event position in the digest, event slug, event title,
    sentence index) for every report of an event in that article, in digest order.
    Built once per corpus (`of`), so comparing a story costs its own articles, not the
    corpus; `part` keeps a story's entries only: all a comparison of it can depend on.
    """

    people: dict[str, dict[str, str]]
    events: dict[str, tuple[tuple[int, str, str, int], ...]]

    @classmethod
    def of(cls, digest: Digest | None) -> CorpusIndex:
        people: dict[str, dict[str, str]] = {}
        events: dict[str, list[tuple[int, str, str, int]]] = {}
        if digest is not None:
            for person in digest.people:
                for article in person.articles:
                    forms = people.setdefault(article, {})
                    for form in (person.name, *person.aliases):
                        forms[form] = person.slug
            for position, event in enumerate(digest.events):
                for report in event.reports:
                    entry = (position, event.slug, event.title, report.citation.sentence)
                    events.setdefault(report.citation.article, []).append(entry)
        return cls(people, {a: tuple(found) for a, found in events.items()})

    def person(self, article: str, name: str) -> str | None:
        """The page of the person an article names so, if the corpus has one."""
        return self.people.get(article, {}).get(name)

    def part(self, articles: Sequence[str]) -> CorpusIndex:
        """The entries of these articles only (sorted: equal parts compare and print equal)."""
        wanted = sorted(set(articles))
        return CorpusIndex(
            {a: dict(sorted(self.people[a].items())) for a in wanted if a in self.people},
            {a: self.events[a] for a in wanted if a in self.events},
        )


def compare(items: Sequence[Analyzed], corpus: CorpusIndex | None = None) -> Comparison:
    """Compare the articles of one story (in story order: oldest first).

    With many articles, one per outlet (its longest) and at most MAX_SIDES outlets (those
    with the longest articles) are compared; the rest are listed as not compared.
    `corpus` links people and events to their pages (none without it).
    """
    corpus = corpus or CorpusIndex({}, {})
    everything = list(items)
    items = sides_to_compare(everything)
    table = StorySentences(items)
    shared, matched = align_sentences(items, table)
    stems = [_stem_set(item) for item in items]
    unique = tuple(_unique_facts(i, item, matched[i], stems) for i, item in enumerate(items))
    shared = [
        SharedFact(
            versions=tuple(
                _marked(v.cited, _article_index(items, v.cited.citation.article), stems)
                for v in fact.versions
            ),
            similarity=min(fact.similarity, 1.0),
        )
        for fact in shared
    ]
    compared = {item.article.slug for item in items}
    return Comparison(
        sides=tuple(_side(item) for item in items),
        shared=tuple(shared),
        unique=unique,
        numbers=number_differences(items, table),
        quotes=align_quotes(items),
        people=people_use(items, corpus),
        sources=tuple(s for item in items for s in sources_cited(item)),
        gaps=coverage_gaps(items, corpus),
        omitted=tuple(a.article.slug for a in everything if a.article.slug not in compared),
    )


def sides_to_compare(items: Sequence[Analyzed], limit: int | None = None) -> list[Analyzed]:
    """One article per outlet (its longest), at most `limit` outlets, in story order."""
    limit = MAX_SIDES if limit is None else limit
    best: dict[str, Analyzed] = {}
    for item in items:
        outlet = item.article.outlet
        if outlet not in best or _length(item) > _length(best[outlet]):
            best[outlet] = item
    chosen = sorted(best.values(), key=_length, reverse=True)[:limit]
    keep = {item.article.slug for item in chosen}
    return [item for item in items if item.article.slug in keep]


def _length(item: Analyzed) -> tuple[int, str]:
    # ties: the earlier slug counts as longer, so the choice never depends on input order
    return (item.analysis.word_count, "".join(chr(0x10FFFF - ord(c)) for c in item.article.slug))


def _article_index(items: Sequence[Analyzed], slug: str) -> int:
    return next(i for i, item in enumerate(items) if item.article.slug == slug)


def _side(item: Analyzed) -> Side:
    article = item.article
    return Side(
        article=article.slug,
        outlet=article.outlet,
        title=article.title,
        published=article.published.isoformat() if article.published else None,
        words=item.analysis.word_count,
        sentences=len(item.analysis.sentences),
        authors=article.authors,
        url=article.url,
    )


def _cited(item: Analyzed, index: int) -> CitedText:
    sentence = item.analysis.sentences[index]
    return CitedText(sentence.text, Citation(item.article.slug, sentence.index))


# --- shared facts -------------------------------------------------------------------------

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
    space: TextSpace, texts: Sequence[str], speakers: Sequence[frozenset[str]] | None = None
) -> np.ndarray:
    """Every two sentences: cosine in the space, plus a bonus when they quote the same words.

    The bonus needs half the quoted content words of the shorter quotation in common. With
    `speakers` (per sentence, the surnames of whoever it quotes), two sentences quoting
    different people lose as much: "We are ready to..." said by two people is two facts.
    """
    matrix = space.matrix(texts)
    if not texts:
        return matrix
    shared, sizes = shared_counts([quoted_words(t) for t in texts])
    smaller = np.minimum.outer(sizes, sizes)
    matrix += QUOTE_BONUS * ((shared > 0) & (shared >= 0.5 * smaller))
    if speakers is not None:
        shared, sizes = shared_counts(speakers)
        known = np.outer(sizes > 0, sizes > 0)
        matrix -= QUOTE_BONUS * (known & (shared == 0))
    return matrix


class StorySentences:
    """All sentences of a story's articles, compared with one another once."""

    def __init__(self, items: Sequence[Analyzed]) -> None:
        self.offsets: list[int] = []
        texts: list[str] = []
        speakers: list[frozenset[str]] = []
        for item in items:
            self.offsets.append(len(texts))
            texts.extend(s.text for s in item.analysis.sentences)
            speakers.extend(_speakers(item))
        self.index = {item.article.slug: k for k, item in enumerate(items)}
        space = TextSpace(texts, char_weight=CHAR_WEIGHT)
        self.matrix = sentence_similarity(space, texts, speakers)

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
    items: Sequence[Analyzed], table: StorySentences, threshold: float = ALIGN_THRESHOLD
) -> tuple[list[SharedFact], list[set[int]]]:
    """Group sentences of different articles that say the same thing.

    Candidate pairs above the threshold are taken best first; a pair joins two groups only
    if the result still holds at most one sentence per article, so every shared fact shows
    each outlet's single closest sentence.
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
        versions = tuple(Marked(_cited(items[a], i)) for a, i in sorted(group.items()))
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
            found[quote.sentence].add(_person_key(quote.speaker))
    return [frozenset(s) for s in found]


# --- unique facts -------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")


def _stem_set(item: Analyzed) -> frozenset[str]:
    words: set[str] = set()
    for sentence in item.analysis.sentences:
        words.update(content_words(sentence.text, numbers=True))
    return frozenset(words)


def unique_spans(
    text: str, others: frozenset[str], min_words: int = MIN_UNIQUE_WORDS
) -> tuple[tuple[int, int], ...]:
    """Runs of words whose content words no other article uses.

    A run starts and ends on a novel content word and may hold stop words between them; a
    content word the others do use ends it. Runs with fewer than `min_words` novel words are
    dropped: one odd word is a wording, not a detail.
    """
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # spans of the novel words in the current run

    tokens = list(_TOKEN.finditer(text))
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


_QUALIFYING = frozenset(
    {"more", "than", "less", "fewer", "nearly", "almost", "about", "around", "over", "at"}
    | {"least", "up", "to", "some", "a", "an"}
)


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


def _marked(cited: CitedText, index: int, stems: Sequence[frozenset[str]]) -> Marked:
    return Marked(cited, unique_spans(cited.text, _others(stems, index), MIN_DETAIL_WORDS))


def novelty(text: str, others: frozenset[str]) -> float:
    """Share of a sentence's content words that no other article uses."""
    words = content_words(text, numbers=True)
    return sum(w not in others for w in words) / len(words) if words else 0.0


def _unique_facts(
    index: int,
    item: Analyzed,
    matched: set[int],
    stems: Sequence[frozenset[str]],
) -> OutletFacts:
    others = _others(stems, index)
    alone: list[Marked] = []
    details: list[Marked] = []
    for sentence in item.analysis.sentences:
        cited = _cited(item, sentence.index)
        if sentence.index in matched:
            marked = Marked(cited, unique_spans(sentence.text, others, MIN_DETAIL_WORDS))
            if marked.unique_spans:
                details.append(marked)
            continue
        if novelty(sentence.text, others) > 0 and len(content_words(sentence.text)) >= 3:
            alone.append(Marked(cited, unique_spans(sentence.text, others)))
    return OutletFacts(item.article.slug, tuple(alone), tuple(details))


# --- numbers ------------------------------------------------------------------------------

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PLURAL_RANGES = {  # "hundreds of", "thousands of": at least two, fewer than ten of them
    "dozens": (24, 120), "hundreds": (200, 1e3), "thousands": (2e3, 1e4),
    "millions": (2e6, 1e7), "billions": (2e9, 1e10),
}  # fmt: skip
_TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
_QUALIFIERS = {
    "more than": "above", "over": "above", "at least": "min", "nearly": "near",
    "almost": "near", "about": "about", "around": "about", "roughly": "about",
    "some": "about", "approximately": "about", "up to": "max", "fewer than": "max",
    "less than": "max", "under": "max",
}  # fmt: skip
_MONTHS = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WORDNUM = "|".join(sorted(_SMALL, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w$€£.,-])(?:(?P<qual>{'|'.join(_QUALIFIERS)})\s+)?"
    r"(?P<cur>[$€£])?"
    rf"(?P<value>\d[\d,]*(?:\.\d+)?|(?:{'|'.join(_PLURAL_RANGES)})\s+of"
    rf"(?:\s+(?:{'|'.join(_PLURAL_RANGES)})\s+of)?|(?:{_WORDNUM})(?:[- ](?:{_WORDNUM}))?|an?)"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALE)}))?"
    r"(?:-|\s+)(?:of\s+)?(?P<unit>(?-i:(?:[A-Z][\w’'-]*\s+)?[a-z][\w’'-]*))",
    re.IGNORECASE,
)


def figures(item: Analyzed) -> list[Figure]:
    """Every figure in an article: a number (or number words) and the word it counts."""
    found: list[Figure] = []
    for sentence in item.analysis.sentences:
        for match in _FIGURE.finditer(sentence.text):
            figure = _figure(match, sentence.text)
            if figure is not None:
                low, high, unit, text = figure
                cited = CitedText(sentence.text, Citation(item.article.slug, sentence.index))
                bound = None if math.isinf(high) else high
                found.append(Figure(text, unit, low, bound, cited, start=match.start()))
    return found


def _figure(match: re.Match[str], sentence: str) -> tuple[float, float, str, str] | None:
    before = sentence[: match.start()]
    if re.search(_MONTHS + r"\s*$", before):  # "Feb. 24": a date, not a count
        return None
    raw = match.group("value").lower()
    first, _, second = match.group("unit").partition(" ")
    second = second.strip()
    end = match.end()
    if second and first[0].isupper() and content_words(second):
        unit = second  # "Ukrainian civilians": the adjective is not what is counted
    elif content_words(first):
        unit, end = first, match.start("unit") + len(first)
    elif match.group("cur"):
        unit, end = match.group("cur"), match.start("unit")
    else:
        return None
    unit = unit.rstrip("’'")
    scale = _SCALE.get((match.group("scale") or "").lower(), 1.0)
    if raw in ("a", "an"):
        if match.group("scale") is None and not unit.lower().startswith(_TIME_UNITS):
            return None
        low = high = 1.0 * scale
    elif raw[0].isdigit():
        try:
            low = high = float(raw.replace(",", "")) * scale
        except ValueError:
            return None
        if match.group("scale") is None and 1900 <= low <= 2100 and "," not in raw:
            return None  # a year
    elif raw.split()[0] in _PLURAL_RANGES:
        parts = [p for p in raw.split() if p in _PLURAL_RANGES]
        low, high = _PLURAL_RANGES[parts[0]]
        for part in parts[1:]:
            factor = _PLURAL_RANGES[part][0] / 2
            low, high = low * factor, high * factor
    else:
        low = high = float(sum(_SMALL[w] for w in re.split(r"[- ]", raw))) * scale
    if unit.lower() in _SMALL or unit.lower() in _SCALE:
        return None
    qualifier = _QUALIFIERS.get((match.group("qual") or "").lower())
    low, high = _qualified(low, high, qualifier)
    text = sentence[match.start() : end].strip()
    return low, high, unit, text


def _qualified(low: float, high: float, qualifier: str | None) -> tuple[float, float]:
    if qualifier == "above":
        return high, math.inf
    if qualifier == "min":
        return low, math.inf
    if qualifier == "near":
        return low * 0.85, high
    if qualifier == "about":
        return low * 0.8, high * 1.2
    if qualifier == "max":
        return 0.0, high
    return low, high


def _high(figure: Figure) -> float:
    return math.inf if figure.high is None else figure.high


def _unit_key(unit: str) -> str:
    return stem(unit.lower().replace("’", "'").removesuffix("'s"))


def figure_context(figure: Figure) -> frozenset[str]:
    """Content stems of the words around a figure (the counted word itself left out)."""
    sentence = figure.cited.text
    before = _TOKEN.findall(sentence[: figure.start])[-CONTEXT_WORDS:]
    after = _TOKEN.findall(sentence[figure.start + len(figure.text) :])[:CONTEXT_WORDS]
    words = set(content_words(" ".join(before + after)))
    return frozenset(words - {_unit_key(figure.unit)})


def same_thing(a: Figure, b: Figure, table: StorySentences) -> bool:
    """Whether two figures with the same counted word count the same thing.

    Their surroundings must share a content word ("killed 12 people" / "killed 15 people"),
    or their whole sentences must say the same thing (as aligned facts do). "Civilians under
    fire" and "civilians killed or wounded" share the counted word only: not the same thing.
    """
    if figure_context(a) & figure_context(b):
        return True
    return table.between(a.cited.citation, b.cited.citation) >= ALIGN_THRESHOLD


def number_differences(
    items: Sequence[Analyzed], table: StorySentences
) -> tuple[NumberDifference, ...]:
    """Figures for the same thing that differ between outlets, each side cited.

    Two figures count the same thing when their counted words share a stem and
    `same_thing` holds. They differ when the stated numbers differ; they disagree (not
    compatible) when their ranges cannot both hold.
    """
    per_article = [figures(item) for item in items]
    by_unit: dict[str, list[tuple[int, Figure]]] = {}
    for index, found in enumerate(per_article):
        for figure in found:
            by_unit.setdefault(_unit_key(figure.unit), []).append((index, figure))
    differences: list[NumberDifference] = []
    for unit, entries in sorted(by_unit.items()):
        if len({items[i].article.outlet for i, _ in entries}) < 2:
            continue
        pairs: list[tuple[Figure, Figure]] = []
        for x, (a, fa) in enumerate(entries):
            for b, fb in entries[x + 1 :]:
                if items[a].article.outlet == items[b].article.outlet:
                    continue
                if (fa.low, fa.high) == (fb.low, fb.high):
                    continue
                if same_thing(fa, fb, table):
                    pairs.append((fa, fb))
        if not pairs:
            continue
        involved = {id(f): f for pair in pairs for f in pair}
        ordered = sorted(
            involved.values(),
            key=lambda f: (
                _article_index(items, f.cited.citation.article),
                f.cited.citation.sentence,
            ),
        )
        compatible = all(max(a.low, b.low) <= min(_high(a), _high(b)) for a, b in pairs)
        differences.append(NumberDifference(unit, tuple(ordered), compatible))
    return tuple(differences)


# --- quotes -------------------------------------------------------------------------------

_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quote_words(text: str) -> list[str]:
    """Lower-cased words of a quote, apostrophes unified: what trimming leaves intact."""
    return [w.replace("’", "'") for w in _QUOTE_WORD.findall(text.lower())]


def longest_common_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of words two sequences share (dynamic programming)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def same_quotation(a: str, b: str) -> bool:
    """Whether two quotes are one quotation, however each outlet trimmed it."""
    wa, wb = quote_words(a), quote_words(b)
    if not wa or not wb:
        return False
    run = longest_common_run(wa, wb)
    shorter = min(len(wa), len(wb))
    return run >= MIN_QUOTE_LONG or (
        run >= min(MIN_QUOTE_RUN, shorter) and run >= QUOTE_COVER * shorter
    )


def align_quotes(items: Sequence[Analyzed]) -> tuple[QuoteGroup, ...]:
    """Every quote of every article, grouped with its versions in the other articles."""
    versions: list[QuoteVersion] = []
    for item in items:
        for quote in item.analysis.quotes:
            versions.append(_quote_version(item, quote))
    parent = list(range(len(versions)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x in range(len(versions)):
        for y in range(x + 1, len(versions)):
            if versions[x].article != versions[y].article and same_quotation(
                versions[x].text, versions[y].text
            ):
                parent[root(y)] = root(x)
    groups: dict[int, list[QuoteVersion]] = {}
    for x, version in enumerate(versions):
        groups.setdefault(root(x), []).append(version)
    result = [QuoteGroup(tuple(group)) for _, group in sorted(groups.items())]
    # shared quotations first, then in the order of the articles
    return tuple(sorted(result, key=lambda g: (len(g.articles) < 2,)))


def _quote_version(item: Analyzed, quote: Quote) -> QuoteVersion:
    return QuoteVersion(
        article=item.article.slug,
        text=quote.text,
        speaker=quote.speaker,
        cited=_cited(item, quote.sentence),
    )


# --- people -------------------------------------------------------------------------------


def _person_key(name: str) -> str:
    words = name.replace("’", "'").split()
    return words[-1].lower().removesuffix("'s") if words else ""


def people_use(items: Sequence[Analyzed], corpus: CorpusIndex) -> tuple[PersonUse, ...]:
    """Whom each article names and how often it quotes them, one row per person."""
    rows: dict[str, dict] = {}

    def row(article: str, name: str) -> dict:
        slug = corpus.person(article, name)
        key = slug or _person_key(name)
        entry = rows.setdefault(
            key,
            {
                "name": name,
                "person": slug,
                "quoted": [0] * len(items),
                "named": [False] * len(items),
            },
        )
        if len(name) > len(entry["name"]):
            entry["name"] = name
        return entry

    names_in: list[dict[str, str]] = []
    for index, item in enumerate(items):
        forms: dict[str, str] = {}
        for person in item.analysis.people:
            row(item.article.slug, person.name)["named"][index] = True
            for form in (person.name, *person.aliases):
                forms[form] = person.name
        names_in.append(forms)
    for index, item in enumerate(items):
        for quote in item.analysis.quotes:
            if quote.speaker:
                name = names_in[index].get(quote.speaker, quote.speaker)
                row(item.article.slug, name)["quoted"][index] += 1
    result = [
        PersonUse(e["name"], e["person"], tuple(e["quoted"]), tuple(e["named"]))
        for e in rows.values()
    ]
    return tuple(sorted(result, key=lambda p: (-sum(p.quoted), -sum(p.named), p.name)))


# --- sources ------------------------------------------------------------------------------

_MEDIA_NOUN = (
    r"(?:news agency|news service|wire service|agency|newspaper|paper|daily|tabloid|"
    r"broadcaster|television|TV|radio|channel|network|website|outlet|magazine)"
)
_CAP = r"[A-Z][\w&.’'-]*"
_NAME = rf"(?:[Tt]he\s+)?{_CAP}(?:\s+(?:{_CAP}|of|and|for|&))*"
_SOURCE_PATTERNS = (
    # "according to CNN", "according to The New York Times"
    re.compile(rf"\baccording to (?P<src>{_NAME})"),
    # "the Interfax news agency reported", "told Germany's Bild newspaper", "told Turkish TV"
    re.compile(rf"(?P<src>(?:[Tt]he\s+)?(?:{_CAP}\s+)*(?i:{_MEDIA_NOUN}))\b"),
    # "Interfax reported", "Reuters reports"
    re.compile(rf"(?P<src>{_NAME})\s+(?:reported|reports|quoted|cited)\b"),
    # "the United Nations says": only for names the analysis knows as organisations
    re.compile(rf"(?P<src>{_NAME})\s+(?:says|said|estimates|estimated|announced)\b"),
)
_TOLD_OR_REPORTED = re.compile(
    r"(?:\btold|\bto|\bwith|\bin|\bon|\bby)\s*$|^\s*(?:reported|reports|said|says|quoted|cited)\b",
    re.IGNORECASE,
)
_GENERIC = {"television", "tv", "radio", "the newspaper", "the agency", "the paper", "paper"}


def _mask_quotes(text: str) -> str:
    """The text with quoted passages blanked out: words inside quotes are not attributions."""
    chars = list(text)
    for start, end in nlp.quotation_spans(text):
        for k in range(start, end):
            chars[k] = " "
    return "".join(chars)


def sources_cited(item: Analyzed) -> list[SourceCitation]:
    """The media and agencies an article attributes statements to, in article order."""
    found: list[SourceCitation] = []
    seen: set[str] = set()
    outlet = item.article.outlet.lower()
    people = {
        w.lower() for p in item.analysis.people for f in (p.name, *p.aliases) for w in f.split()
    }
    organisations = {normal_name(name) for name in item.analysis.organisations}
    for sentence in item.analysis.sentences:
        text = _mask_quotes(sentence.text)
        hits: list[tuple[int, int]] = []
        for number, pattern in enumerate(_SOURCE_PATTERNS):
            for match in pattern.finditer(text):
                start, end = match.span("src")
                name = _trim_name(text[start:end])
                if not name:
                    continue
                if number == 1 and not (
                    _TOLD_OR_REPORTED.search(text[:start]) or _TOLD_OR_REPORTED.search(text[end:])
                ):
                    continue  # a medium named, not cited
                if (
                    number == 1
                    and name.lower() in _GENERIC
                    and not re.search(r"\btold\s*$", text[:start])
                ):
                    continue
                if number == 2 and all(w.lower() in people for w in name.split()):
                    continue  # a person reported something
                if number == 3 and normal_name(name) not in organisations:
                    continue  # "Kuleba said": people speak, only organisations are sources
                start = text.index(name, start)
                hits.append((start, start + len(name)))
        for start, end in _outermost(hits):
            name = sentence.text[start:end]
            key = name.lower().removeprefix("the ")
            if outlet and (outlet in key or key in outlet):
                continue  # the outlet's own reporting
            if (key, sentence.index) in seen:
                continue
            seen.add((key, sentence.index))
            found.append(SourceCitation(item.article.slug, name, _cited(item, sentence.index)))
    return found


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in ("of", "and", "for", "&", "the"):
        words.pop()
    return " ".join(words).rstrip(".,;:")


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if result and start < result[-1][1]:
            continue
        result.append((start, end))
    return result


# --- coverage gaps ------------------------------------------------------------------------


def _first_sentence(item: Analyzed, name: str) -> int | None:
    pattern = re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE)
    for sentence in item.analysis.sentences:
        if pattern.search(sentence.text):
            return sentence.index
    return None


def normal_name(name: str, person: bool = False) -> str:
    """A name as a comparison key: lower case, no article or possessive; surname for people."""
    name = re.sub(r"^the\s+", "", " ".join(name.lower().replace("’", "'").split()))
    name = name.removesuffix("'s")
    return name.split()[-1] if person and name else name


def coverage_gaps(items: Sequence[Analyzed], corpus: CorpusIndex) -> tuple[Gap, ...]:
    """People, places, organisations and events that only some of the articles mention."""
    slugs = [item.article.slug for item in items]
    # An outlet seldom names itself: "New York Times", named by another outlet, is not
    # something The New York Times left out.
    outlets = {normal_name(item.article.outlet) for item in items}
    gaps: list[Gap] = []

    def add(kind: str, per_article: dict[int, tuple[str, int]], target: str | None = None) -> None:
        if not 0 < len(per_article) < len(items):
            return
        name = per_article[min(per_article)][0]
        if normal_name(name) in outlets:
            return
        gaps.append(
            Gap(
                kind=kind,
                name=name,
                mentions=tuple(_cited(items[i], s) for i, (_, s) in sorted(per_article.items())),
                missing=tuple(slugs[i] for i in range(len(items)) if i not in per_article),
                target=target,
            )
        )

    people: dict[str, dict[int, tuple[str, int]]] = {}
    targets: dict[str, str | None] = {}
    for index, item in enumerate(items):
        for person in item.analysis.people:
            if not person.mentions:
                continue
            slug = corpus.person(item.article.slug, person.name)
            key = slug or _person_key(person.name)
            people.setdefault(key, {})[index] = (person.name, person.mentions[0].sentence)
            targets[key] = slug
    for key in sorted(people):
        add("person", people[key], targets[key])
    for kind, field in (("place", "places"), ("organisation", "organisations")):
        found: dict[str, dict[int, tuple[str, int]]] = {}
        for index, item in enumerate(items):
            for name in getattr(item.analysis, field):
                sentence = _first_sentence(item, name)
                if sentence is not None:
                    found.setdefault(normal_name(name), {}).setdefault(index, (name, sentence))
        for key in sorted(found):
            add(kind, found[key])
    reported: dict[int, tuple[str, str, dict[int, tuple[str, int]]]] = {}
    for index, slug in enumerate(slugs):
        for position, event, title, sentence in corpus.events.get(slug, ()):
            per = reported.setdefault(position, (event, title, {}))[2]
            per.setdefault(index, (title, sentence))
    for position in sorted(reported):
        event, _, per = reported[position]
        add("event", per, event)
    return tuple(gaps)
