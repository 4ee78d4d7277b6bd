"""Who is who across the corpus: each article's people resolved to individuals.

Within one article `analyze/mentions.py` has already joined "Sergey Lavrov", "Lavrov" and
"Mr. Lavrov". Here the people of all articles are resolved to individuals, in two steps:

1. **Name structure.** Names are compared as folded words without titles
   (`mentions.words_of`), and without leading words the corpus shows are no part of the
   name ("Majority Whip Kevin McCarthy", where "Kevin McCarthy" is written too): the same
   surname, and every given name of the shorter one matches
   a given name of the fuller one in order, exactly, as its initial ("J."), or as a
   nickname of it ("Chuck" / "Charles", "Bill" / "William", from the hand-curated table of
   the `nicknames` package). Two full names whose middle names or initials differ are two
   people ("George W. Bush" is not "George H. W. Bush"). Longer names are placed first, so
   every shorter form meets the full names it could be.
2. **Context, for a name that fits several people.** "Obama" fits Barack and Michelle
   Obama; "Clinton" fits Bill and Hillary. Such a name is the person its own article names
   in full, else the one its story (the manual `story:` key) names, else the one named in
   articles published within `context_days` of it, when exactly one candidate is there.
   Otherwise it stays a page of its own: the surname alone, never a guess. A lone word
   that is nobody's surname but the given name of one person of its article or story
   ("Eric" beside "Eric Cantor") is that person.
3. **Evidence that a name is a person at all.** The model calls some organisations,
   outlets and places people ("Politico", "Kandahar"). A one-word name that never comes
   with a given name or a title ("Mr.", "President") and is never quoted as a speaker is
   no person of the corpus when the corpus tags that word a place or an organisation in
   at least as many articles as it names it a person (`not_people`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analyze.mentions import compatible, words_of
from ..analyze.names import PARTICLES
from ..analyze.text import name_key
from ..model import Analyzed, PersonInArticle
from ..settings import PeopleOptions


@dataclass
class Individual:
    """One person of the corpus: the fullest name's words and every mention of them."""

    full: tuple[str, ...]
    members: list[tuple[Analyzed, PersonInArticle]] = field(default_factory=list)

    def forms(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for _, person in self.members:
            for mention in person.mentions:
                counts[mention.text] += 1
        return counts


@functools.lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=65_536)
def nickname(a: str, b: str) -> bool:
    """Is one of two given names a nickname of the other ("bill", "william")?"""
    if len(a) < 2 or len(b) < 2 or a == b:
        return False
    namer = _nicknamer()
    return a in namer.nicknames_of(b) or b in namer.nicknames_of(a)


def _same_given(word: str, other: str) -> bool:
    if word == other:
        return True
    if len(word) == 1 or len(other) == 1:
        return other.startswith(word) or word.startswith(other)
    return nickname(word, other)


def same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Can `short` be another way of writing `full` (both folded words, surname last)?

    The per-article rule (`mentions.compatible`) with nicknames among the given names, and
    middle names or initials that must agree when both names have them."""
    return compatible(short, full, _same_given, middles_agree=True)


def resolve(items: Sequence[Analyzed], options: PeopleOptions) -> list[Individual]:
    """The individuals of the corpus, in order of first placement (deterministic)."""
    individuals: list[Individual] = []
    # By surname, in order of creation: a name is only compared with its own surname's.
    by_surname: dict[str, list[Individual]] = defaultdict(list)
    entries = [(item, person) for item in items for person in item.analysis.people]
    core = _cores(
        {words_of(form) for _, person in entries for form in (person.name, *person.aliases)}
    )
    entries.sort(key=lambda e: (-len(core(e[1].name)), e[1].name, e[0].article.slug))
    undecided: list[tuple[Analyzed, PersonInArticle, tuple[str, ...], list[Individual]]] = []

    by_given: dict[str, list[Individual]] = defaultdict(list)  # people of full names

    def new(words: tuple[str, ...], item: Analyzed, person: PersonInArticle) -> None:
        individual = Individual(full=words, members=[(item, person)])
        individuals.append(individual)
        by_surname[words[-1]].append(individual)
        if len(words) >= 2:
            by_given[words[0]].append(individual)

    for item, person in entries:
        words = core(person.name)
        if not words:
            continue
        fits = [g for g in by_surname[words[-1]] if same_person(words, g.full)]
        exact = [g for g in fits if g.full == words]
        if exact:
            exact[0].members.append((item, person))
        elif len(fits) == 1:
            fits[0].members.append((item, person))
        elif not fits:
            known = _by_given_name(by_given, words, item) if len(words) == 1 else None
            if known is None:
                new(words, item, person)
            else:
                known.members.append((item, person))
        else:  # a name several people could have: context decides, once all are placed
            undecided.append((item, person, words, fits))
    for item, person, words, fits in undecided:
        chosen = by_context(item, fits, options.context_days)
        if chosen is None:
            chosen = next((g for g in by_surname[words[-1]] if g.full == words), None)
        if chosen is None:
            new(words, item, person)
        else:
            chosen.members.append((item, person))
    return individuals


def _by_given_name(
    by_given: dict[str, list[Individual]], words: tuple[str, ...], item: Analyzed
) -> Individual | None:
    """A lone word no one has as a surname ("Eric said") is the one person of its own
    article, or else of its story, whose first given name it is (or a nickname of it).

    `by_given` holds the people of full names by their first given name, so only those
    whose first name can match are looked at: the word itself, its initial, and the names
    the nickname table relates it to."""
    word = words[0]
    if len(word) < 3:
        return None
    namer = _nicknamer()
    keys = sorted({word, word[0], *namer.nicknames_of(word), *namer.canonicals_of(word)})
    found = {id(g): g for key in keys for g in by_given.get(key, ()) if _same_given(word, key)}
    return by_context(item, list(found.values()), days=0) if found else None


def _cores(names: set[tuple[str, ...]]):
    """The words of a name without leading words that the corpus shows are not part of it:
    "Majority Whip Kevin McCarthy" is "Kevin McCarthy" when the corpus also writes that full
    name alone, as a name or as another form of one (a title no word list knows, read off
    the corpus itself)."""
    full_names = {words for words in names if len(words) >= 2}

    @functools.cache
    def core(name: str) -> tuple[str, ...]:
        words = words_of(name)
        for start in range(len(words) - 2, 0, -1):  # the shortest full name it ends with
            # ...that is a given name and a surname, not a surname of several words
            # ("bin Laden", "van Ryn": "Osama bin Laden" keeps "Osama")
            if words[start:] in full_names and words[start] not in PARTICLES:
                return words[start:]
        return words

    return core


def by_context(item: Analyzed, candidates: Sequence[Individual], days: int) -> Individual | None:
    """The one candidate the article's context names: its own article, its story, then the
    articles published within `days` of it; None when that is not exactly one."""
    article = item.article

    def named_where(close) -> list[Individual]:
        return [c for c in candidates if any(close(other.article) for other, _ in c.members)]

    steps = [lambda other: other.slug == article.slug]
    if article.story:
        steps.append(lambda other: other.story == article.story)
    if article.published is not None and days > 0:
        window = dt.timedelta(days=days)
        published = article.published
        steps.append(
            lambda other: other.published is not None and abs(other.published - published) <= window
        )
    for close in steps:
        found = named_where(close)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None  # two candidates this close: ambiguous, and wider is no better
    return None


def not_people(items: Sequence[Analyzed], individuals: Sequence[Individual]) -> set[int]:
    """Indexes of the individuals the corpus's own tagging says are not people (see 3.)."""
    elsewhere: Counter[str] = Counter()
    for item in items:
        tagged = {name_key(n) for n in (*item.analysis.places, *item.analysis.organisations)}
        elsewhere.update(tagged)
    found = set()
    for index, individual in enumerate(individuals):
        if len(individual.full) != 1:
            continue
        articles = {item.article.slug for item, _ in individual.members}
        titled = any(len(form.split()) > 1 for form in individual.forms())
        quoted = any(
            quote.speaker == person.name
            for item, person in individual.members
            for quote in item.analysis.quotes
        )
        if not titled and not quoted and elsewhere[individual.full[0]] >= len(articles):
            found.add(index)
    return found
