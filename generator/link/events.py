"""Happenings across the corpus merged into events (the corpus step; see `happenings`).

Happenings are merged into one Event when their dates agree (the same day, or a finer date
inside a coarser one; a day apart only with strong evidence), nothing contradicts
(different places *and* different people), and something links them: the same trigger,
similar wording (TF-IDF over stemmed words, dates left out), or a shared participant or
place with some shared wording. Each outlet's sentences are kept verbatim with their
citations, and details that differ between outlets (dates, places, numbers) become labels
naming each side.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from slugify import slugify

from ..analyze.text import content_words
from ..analyze.triggers import GENERIC_TRIGGERS, NOUN_FOR, base_form, trigger_key
from ..model import (
    Analyzed,
    Article,
    Citation,
    CitedText,
    Event,
    Happening,
    Person,
    Sentence,
    date_label,
)
from ..settings import EventOptions

DEFAULTS = EventOptions()


@dataclass(frozen=True)
class Report:
    """One happening as the corpus step sees it."""

    article: Article
    sentence: Sentence
    happening: Happening
    participants: tuple[str, ...]  # person slugs
    names: tuple[str, ...]  # display names, parallel to participants

    @property
    def value(self) -> str:
        return self.happening.date.value or ""

    @property
    def precision(self) -> str:
        return self.happening.date.precision or ""

    @property
    def outlet(self) -> str:
        return self.article.outlet

    def wording(self) -> str:
        """The sentence without its date expression: dates must not make sentences alike."""
        date = self.happening.date
        text = self.sentence.text
        start, end = date.start - self.sentence.start, date.end - self.sentence.start
        return text[:start] + " " + text[end:] if 0 <= start <= end <= len(text) else text


class PeopleMap:
    """Names as written -> person slugs: from the people stage, or from names alone."""

    def __init__(self, people: Sequence[Person], names: Iterable[str]) -> None:
        self.slug_of: dict[str, str] = {}
        self.name_of: dict[str, str] = {}
        self.people = tuple(people)
        # The people each article names, in the order of `people`: `resolve` looks among
        # them (scanning every person for every name took a tenth of linking's events step).
        self.named_in: dict[str, list[Person]] = defaultdict(list)
        for person in self.people:
            for article in dict.fromkeys(person.articles):
                self.named_in[article].append(person)
        if people:
            for person in people:
                self.name_of[person.slug] = person.name
                for form in (person.name, *person.aliases):
                    self.slug_of.setdefault(form.lower(), person.slug)
            surnames: dict[str, set[str]] = defaultdict(set)
            for person in people:
                surnames[person.name.split()[-1].lower()].add(person.slug)
            for surname, slugs in surnames.items():
                if len(slugs) == 1:
                    self.slug_of.setdefault(surname, next(iter(slugs)))
            return
        # No people stage: one person per surname when the corpus's forms agree.
        by_surname: dict[str, set[str]] = defaultdict(set)
        for name in names:
            if name.split():
                by_surname[name.split()[-1].lower()].add(name)
        for forms in by_surname.values():
            longest = max(sorted(forms), key=len)
            compatible = all(longest.endswith(f) or longest == f for f in forms)
            for form in forms:
                canonical = longest if compatible else form
                slug = slugify(canonical)
                self.slug_of[form.lower()] = slug
                self.name_of.setdefault(slug, canonical)

    def resolve(self, name: str, article: str = "") -> str | None:
        """The slug of the person an article calls `name`: first among the people that
        article names (by canonical name, then alias), then anywhere in the corpus."""
        for forms in (lambda p: (p.name,), lambda p: p.aliases):
            named = [p for p in self.named_in.get(article, ()) if name in forms(p)]
            if len(named) == 1:
                return named[0].slug
        key = name.lower()
        if key in self.slug_of:
            return self.slug_of[key]
        parts = key.split()
        found = self.slug_of.get(parts[-1]) if parts else None
        if found is None and self.people:
            return slugify(name) or None  # no person page: shown as a plain name
        return found


def reports_of(items: Sequence[Analyzed], people: Sequence[Person] = ()) -> list[Report]:
    """Every happening of every article, with participants mapped to person slugs."""
    all_names = [n for item in items for h in item.analysis.happenings for n in h.participants]
    all_names += [p.name for item in items for p in item.analysis.people]
    mapping = PeopleMap(people, all_names)
    reports = []
    for item in items:
        by_index = {s.index: s for s in item.analysis.sentences}
        for happening in item.analysis.happenings:
            sentence = by_index.get(happening.sentence)
            if sentence is None or not happening.date.value:
                continue
            slugs: dict[str, str] = {}
            for name in happening.participants:
                slug = mapping.resolve(name, item.article.slug)
                if slug:
                    slugs.setdefault(slug, mapping.name_of.get(slug, name))
            reports.append(
                Report(item.article, sentence, happening, tuple(slugs), tuple(slugs.values()))
            )
    reports.sort(key=lambda r: (r.value, r.article.slug, r.sentence.index, r.happening.date.start))
    return reports


def _days_apart(a: Report, b: Report) -> int | None:
    if a.precision == "day" and b.precision == "day":
        return abs((dt.date.fromisoformat(a.value) - dt.date.fromisoformat(b.value)).days)
    coarse, fine = sorted((a.value, b.value), key=len)
    return 0 if fine.startswith(coarse) else None


def _vectors(reports: Sequence[Report]):
    """Unit TF-IDF rows (sparse) of the reports' wording, dates left out, in the one text
    space of the corpus step (`similarity.TextSpace`: stemmed content words); None when
    no report has a content word."""
    from .similarity import TextSpace

    wordings = [r.wording() for r in reports]
    if not any(content_words(w) for w in wordings):
        return None
    return TextSpace(wordings).vectors(wordings)


def _candidates(reports: Sequence[Report]) -> dict[int, list[int]]:
    """For each report, the later reports whose dates could agree with it: the day before,
    the day itself and the day after, and the coarser or finer dates that contain them.
    Comparing only these keeps linking near-linear in the size of the corpus."""
    by_value: dict[str, list[int]] = defaultdict(list)
    days_in_month: dict[str, list[int]] = defaultdict(list)
    in_year: dict[str, list[int]] = defaultdict(list)
    for index, report in enumerate(reports):
        by_value[report.value].append(index)
        in_year[report.value[:4]].append(index)
        if report.precision == "day":
            days_in_month[report.value[:7]].append(index)
    found: dict[int, list[int]] = {}
    for index, report in enumerate(reports):
        if report.precision == "day":
            day = dt.date.fromisoformat(report.value)
            near = [(day + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
            pool = [j for key in (*near, report.value[:7], report.value[:4]) for j in by_value[key]]
        elif report.precision == "month":
            pool = days_in_month[report.value] + by_value[report.value] + by_value[report.value[:4]]
        else:
            pool = in_year[report.value]
        found[index] = sorted({j for j in pool if j > index})
    return found


def contradicts(
    places_a: set[str], places_b: set[str], people_a: set[str], people_b: set[str]
) -> bool:
    """Named in different places, or by different people, with nothing in common."""
    if places_a & places_b or people_a & people_b:
        return False
    return bool((places_a and places_b) or (people_a and people_b))


@dataclass
class _Group:
    """What a growing cluster has named so far, so that a chain of pairwise links cannot
    join reports that contradict each other or drift over several days."""

    places: set[str]
    people: set[str]
    first: dt.date | None
    last: dt.date | None

    @classmethod
    def of(cls, report: Report) -> _Group:
        day = dt.date.fromisoformat(report.value) if report.precision == "day" else None
        places = {p.lower() for p in report.happening.places}
        return cls(places, set(report.participants), day, day)

    def joinable(self, other: _Group) -> bool:
        if contradicts(self.places, other.places, self.people, other.people):
            return False
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        return not days or (max(days) - min(days)).days <= 1

    def absorb(self, other: _Group) -> None:
        self.places |= other.places
        self.people |= other.people
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        self.first, self.last = (min(days), max(days)) if days else (None, None)


def same_event(a: Report, b: Report, similarity: float, options: EventOptions = DEFAULTS) -> bool:
    """Do two reports tell of one happening? Dates must agree, nothing may contradict, and
    something must link them (trigger, wording, or a shared person or place)."""
    apart = _days_apart(a, b)
    if apart is None or apart > 1:
        return False
    people_a, people_b = set(a.participants), set(b.participants)
    places_a = {p.lower() for p in a.happening.places}
    places_b = {p.lower() for p in b.happening.places}
    shared = len(people_a & people_b) + len(places_a & places_b)
    if contradicts(places_a, places_b, people_a, people_b):
        return False
    if apart == 1:  # a day apart: only strong evidence, and only between articles
        return (
            a.article.slug != b.article.slug and similarity >= options.same_wording and shared >= 1
        )
    key_a, key_b = trigger_key(a.happening.trigger), trigger_key(b.happening.trigger)
    same_trigger = key_a == key_b and base_form(a.happening.trigger) not in GENERIC_TRIGGERS
    return (
        similarity >= options.same_wording
        or same_trigger
        or (shared >= 1 and similarity >= options.least_wording)
        or (a.precision != b.precision and similarity >= options.across_precision_wording)
    )


# Reports scored at a time by `_similarities`, and the most later reports one product may
# cover (a dense block of two megabytes). At 10,000 articles a report has about 430 later
# candidates; with room for 2,048 rows most blocks held two reports and scoring took 4 s,
# with 4,096 it takes 1 s (one product a report: 6 s).
_SCORE_BLOCK = 64
_SCORE_ROWS = 4096


def _similarities(vectors, candidates: dict[int, list[int]]) -> dict[int, np.ndarray]:
    """For each report i, the wording similarity with each of its later candidates: what
    `(vectors[later] @ vectors[i].T).toarray().ravel()` gives, bit for bit, with one matrix
    product for a block of reports instead of one for each (scipy's overhead per product was
    most of linking's events step). Bit for bit, because the product is taken the same way
    round: scipy sums each entry over the features of the later report's row, in that row's
    order, one product of the same two numbers each, whichever other columns are computed
    beside it. Scores meet thresholds in `same_event`, so a last-bit change could move one."""
    found: dict[int, np.ndarray] = {}
    block: list[int] = []
    rows: set[int] = set()
    where = np.zeros(vectors.shape[0], dtype=np.intp)  # a report's row in this block's product

    def score() -> None:
        ordered = sorted(rows)
        matrix = (vectors[ordered] @ vectors[block].T).toarray()
        where[ordered] = np.arange(len(ordered))
        for column, i in enumerate(block):
            found[i] = matrix[where[candidates[i]], column]

    for i, later in candidates.items():
        if not later:
            continue
        if block and (len(block) == _SCORE_BLOCK or len(rows.union(later)) > _SCORE_ROWS):
            score()
            block, rows = [], set()
        block.append(i)
        rows.update(later)
    if block:
        score()
    return found


def cluster(reports: Sequence[Report], options: EventOptions = DEFAULTS) -> list[list[Report]]:
    """Group reports of the same happening (single link, deterministic order).

    Below `options.least_wording` `same_event` links two reports only by their trigger, so
    no other pair is asked about (at 10,000 articles: 8.5 million calls saved)."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    groups = {index: _Group.of(report) for index, report in enumerate(reports)}
    vectors = _vectors(reports) if len(reports) > 1 else None
    # Reports that could link by trigger alone: same trigger key, not a generic trigger.
    _, codes = np.unique([trigger_key(r.happening.trigger) for r in reports], return_inverse=True)
    generic = [base_form(r.happening.trigger) in GENERIC_TRIGGERS for r in reports]
    candidates = _candidates(reports)
    similarities = _similarities(vectors, candidates) if vectors is not None else {}
    for i, later in candidates.items():
        if not later:
            continue
        others = np.array(later)
        scores = similarities[i] if vectors is not None else np.zeros(len(later))
        worth = scores >= options.least_wording
        if not generic[i]:
            worth |= codes[others] == codes[i]
        for j, score in zip(others[worth], scores[worth], strict=True):
            if same_event(reports[i], reports[int(j)], float(score), options):
                root_i, root_j = find(i), find(int(j))
                if root_i != root_j and groups[root_i].joinable(groups[root_j]):
                    root, other = min(root_i, root_j), max(root_i, root_j)
                    parent[other] = root
                    groups[root].absorb(groups.pop(other))
    members: dict[int, list[Report]] = defaultdict(list)
    for index, report in enumerate(reports):
        members[find(index)].append(report)
    return [members[k] for k in sorted(members)]


def _ranked(values: Iterable[str]) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for value in values:
        key = value.lower()
        counts[key] += 1
        first.setdefault(key, value)
    return tuple(first[k] for k in sorted(counts, key=lambda k: (-counts[k], k)))


def _event_date(group: Sequence[Report]) -> tuple[str, str]:
    for precision in ("day", "month", "year"):
        values = Counter(r.value for r in group if r.precision == precision)
        if values:
            value = sorted(values, key=lambda v: (-values[v], v))[0]
            return value, precision
    return group[0].value, group[0].precision


_NUMBER = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: (million|billion|thousand))?\s+([a-z][a-z-]+)"
)


def _numbers(text: str) -> dict[str, set[str]]:
    """Counts in a sentence by the word they count: {"civilians": {"1,200"}}."""
    found: dict[str, set[str]] = defaultdict(set)
    for match in _NUMBER.finditer(text):
        number = match.group(1) + (f" {match.group(2)}" if match.group(2) else "")
        if re.fullmatch(r"1[89]\d\d|20\d\d", match.group(1)):
            continue  # a year, not a count
        found[match.group(3).rstrip("s")].add(number)
    return found


def disagreements(group: Sequence[Report]) -> tuple[str, ...]:
    """Details that differ between outlets, as labels that name each side."""
    by_outlet: dict[str, list[Report]] = defaultdict(list)
    for report in group:
        by_outlet[report.outlet].append(report)
    if len(by_outlet) < 2:
        return ()
    outlets = sorted(by_outlet)
    labels: list[str] = []
    days = {o: sorted({r.value for r in by_outlet[o] if r.precision == "day"}) for o in outlets}
    dated = [o for o in outlets if days[o]]
    if len(dated) > 1 and len({tuple(days[o]) for o in dated}) > 1:
        sides = "; ".join(f"{o} gives {', '.join(days[o])}" for o in dated)
        labels.append(f"Dates differ: {sides}")
    places = {o: _ranked(p for r in by_outlet[o] for p in r.happening.places) for o in outlets}
    placed = [o for o in outlets if places[o]]
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            if not {p.lower() for p in places[a]} & {p.lower() for p in places[b]}:
                labels.append(
                    f"Places differ: {a} names {', '.join(places[a])}; "
                    f"{b} names {', '.join(places[b])}"
                )
    counts: dict[str, dict[str, set[str]]] = {}
    for outlet in outlets:
        merged: dict[str, set[str]] = defaultdict(set)
        for report in by_outlet[outlet]:
            for noun, numbers in _numbers(report.sentence.text).items():
                merged[noun] |= numbers
        counts[outlet] = merged
    nouns = sorted({n for c in counts.values() for n in c})
    for noun in nouns:
        sides = [(o, counts[o][noun]) for o in outlets if noun in counts[o]]
        if len(sides) > 1 and len({frozenset(s) for _, s in sides}) > 1:
            told = "; ".join(f"{o} says {', '.join(sorted(s))}" for o, s in sides)
            labels.append(f"Numbers differ ({noun}): {told}")
    return tuple(labels)


def _title(
    group: Sequence[Report],
    places: Sequence[str],
    names: Sequence[str],
    value: str,
    precision: str,
) -> str:
    """A label from trigger, place and date: nothing the articles did not say."""
    keys = Counter(base_form(r.happening.trigger, noun=True) for r in group)
    specific = [k for k in sorted(keys, key=lambda k: (-keys[k], k)) if k not in GENERIC_TRIGGERS]
    chosen = specific[0] if specific else sorted(keys, key=lambda k: (-keys[k], k))[0]
    label = NOUN_FOR.get(chosen)
    if label is None:
        word = next(r.happening.trigger for r in group if base_form(r.happening.trigger) == chosen)
        label = word[:1].upper() + word[1:]
        details = Counter(
            r.happening.detail
            for r in group
            if r.happening.detail and base_form(r.happening.trigger) == chosen
        )
        if details:  # "Take ownership": the words the most reports use
            label += " " + min(details, key=lambda d: (-details[d], d))
    if chosen in ("say", "tell") and names:
        return f"{label} by {names[0]}, {date_label(value, precision)}"
    where = f" in {places[0]}" if places else ""
    return f"{label}{where}, {date_label(value, precision)}"


def _places(group: Sequence[Report]) -> tuple[str, ...]:
    """The fullest report's places first ("Antalya, Turkey"), then the others by use."""
    fullest = max(group, key=lambda r: (len(r.happening.places), -r.sentence.index))
    ranked = _ranked(p for r in group for p in r.happening.places)
    first = [p for p in fullest.happening.places]
    keys = {p.lower() for p in first}
    return tuple(first + [p for p in ranked if p.lower() not in keys])


def link_events(
    items: Sequence[Analyzed],
    people: Sequence[Person] = (),
    options: EventOptions = DEFAULTS,
) -> tuple[Event, ...]:
    """Merge every article's happenings into events, ordered by date."""
    events: list[Event] = []
    for group in cluster(reports_of(items, people), options):
        value, precision = _event_date(group)
        places = _places(group)
        participant_counts: Counter[str] = Counter(s for r in group for s in r.participants)
        names = {s: n for r in group for s, n in zip(r.participants, r.names, strict=True)}
        participants = tuple(sorted(participant_counts, key=lambda s: (-participant_counts[s], s)))
        ordered = sorted(group, key=lambda r: (r.outlet, r.article.slug, r.sentence.index))
        reports: list[CitedText] = []
        for report in ordered:
            cited = CitedText(
                report.sentence.text, Citation(report.article.slug, report.sentence.index)
            )
            if cited not in reports:
                reports.append(cited)
        events.append(
            Event(
                slug="",
                title=_title(group, places, [names[s] for s in participants], value, precision),
                date=value,
                precision=precision,
                reports=tuple(reports),
                places=places,
                participants=participants,
                organisations=_ranked(o for r in group for o in r.happening.organisations),
                outlets=tuple(sorted({r.outlet for r in group})),
                disagreements=disagreements(group),
                participant_names=tuple(names[s] for s in participants),
            )
        )
    events.sort(key=lambda e: (e.date, -len(e.reports), e.title, e.reports[0].citation.article))
    return tuple(_with_slugs(events))


def _with_slugs(events: Sequence[Event]) -> Iterable[Event]:
    from dataclasses import replace

    used: Counter[str] = Counter()
    for event in events:
        base = slugify(f"{event.date} {event.title.rsplit(',', 1)[0]}", max_length=80) or "event"
        used[base] += 1
        slug = base if used[base] == 1 else f"{base}-{used[base]}"
        yield replace(event, slug=slug)
