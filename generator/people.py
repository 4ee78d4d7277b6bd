"""People: who an article names, what it says they are, and one person across the corpus.

Per article (`people_in_article`, pure): the repaired PERSON spans of `names` become
mentions; mentions that name the same person ("Sergey Lavrov", "Lavrov") are merged into
one `PersonInArticle`, named by the fullest form the article uses; roles are taken
verbatim from the words around a mention ("Russia's Foreign Minister Sergey Lavrov",
"Liliya Marynchak, a 45-year-old teacher in Ivano-Frankivsk").

Across the corpus (`merge_people`): people of different articles are one `Person` when
their names agree once spelling is folded (diacritics, -y/-yy/-i endings, initials,
possessives), and are kept apart when two full names share only a surname.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slugify import slugify

from . import names, nlp
from .model import (
    Analyzed,
    Citation,
    CitedText,
    Mention,
    Person,
    PersonInArticle,
    Role,
    Sentence,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_RELATED = 12
# Role phrases that only make sense next to the sentence they stand in.
_VAGUE_ROLE_STARTS = ("his ", "her ", "their ", "its ", "our ", "my ", "your ")
# Not roles: a courtesy title alone (names.COURTESY_TITLES: "Mr Arafat" has no role "Mr")
# and a bare person noun ("a quarrel with Arafat the person").
_BARE_PERSON_NOUNS = frozenset(("person", "man", "woman", "individual", "one", "people"))
_ROLE_DEPS = frozenset(("compound", "amod", "poss", "case", "nmod", "det", "nummod"))


# --- names as tuples of folded words ----------------------------------------------------


def words_of(name: str) -> tuple[str, ...]:
    """The folded words of a name, without titles ("President Putin" -> ("putin",))."""
    words = tuple(names.fold(name).split())
    while len(words) > 1 and words[0] in names.TITLES:
        words = words[1:]
    return words


def compatible(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when `short` can be another way of writing `full`.

    Same surname (last word), and every other word of `short` matches a word of `full` in
    order, either exactly or as its initial ("V. Putin"). A lone word matches the surname
    only: "Vladimir" alone is not enough to be "Vladimir Putin".
    """
    if not short or not full or len(short) > len(full) or short[-1] != full[-1]:
        return False
    rest = iter(full[:-1])  # shared: each word must match further along than the last
    return all(any(_same_or_initial(w, candidate) for candidate in rest) for w in short[:-1])


def _same_or_initial(word: str, candidate: str) -> bool:
    return word == candidate or (len(word) == 1 and candidate.startswith(word))


# --- per article --------------------------------------------------------------------------


def mentions(doc: Doc, sentences: Sequence[Sentence]) -> list[tuple[Mention, tuple[int, int]]]:
    """Every span of the body naming a person, with its token span, in text order."""
    starts = [sentence.start for sentence in sentences]
    text = nlp.text(doc)
    found = []
    for start, end in names.person_spans(doc):
        first, last = doc[start], doc[end - 1]
        char_start, char_end = first.idx, last.idx + len(last.text)
        index = max(0, bisect.bisect_right(starts, char_start) - 1)
        mention = Mention(
            text=text[char_start:char_end], start=char_start, end=char_end, sentence=index
        )
        found.append((mention, (start, end)))
    return found


@dataclass
class _Cluster:
    full: tuple[str, ...]
    mentions: list[tuple[Mention, tuple[int, int]]] = field(default_factory=list)

    def last_before(self, position: int) -> int:
        before = [m.start for m, _ in self.mentions if m.start < position]
        return max(before) if before else -1


def people_in_article(doc: Doc, sentences: Sequence[Sentence]) -> tuple[PersonInArticle, ...]:
    """The people an article names, each with every mention and the roles it gives them."""
    found = mentions(doc, sentences)
    clusters = cluster_mentions(found)
    people = []
    for cluster in clusters:
        forms = Counter(m.text for m, _ in cluster.mentions)
        name = fullest(forms)
        roles = _unique_roles(
            role for _, span in cluster.mentions for role in roles_of(doc, span, sentences)
        )
        people.append(
            PersonInArticle(
                name=name,
                aliases=tuple(sorted(set(forms) - {name})),
                mentions=tuple(sorted((m for m, _ in cluster.mentions), key=lambda m: m.start)),
                roles=roles,
            )
        )
    return tuple(sorted(people, key=lambda p: (p.mentions[0].start, p.name)))


def cluster_mentions(found: Sequence[tuple[Mention, tuple[int, int]]]) -> list[_Cluster]:
    """Mentions of one person grouped: full names first, then shorter forms join the
    full name they fit; a surname two people share goes to the one named last before it."""
    clusters: list[_Cluster] = []
    ordered = sorted(found, key=lambda item: (-len(words_of(item[0].text)), item[0].start))
    for mention, span in ordered:
        words = words_of(mention.text)
        if not words:
            continue
        fits = [c for c in clusters if compatible(words, c.full)]
        if not fits:
            clusters.append(_Cluster(full=words, mentions=[(mention, span)]))
            continue
        exact = [c for c in fits if c.full == words]
        if exact:
            fits = exact
        best = max(fits, key=lambda c: (c.last_before(mention.start), -clusters.index(c)))
        best.mentions.append((mention, span))
    return clusters


def fullest(forms: Counter[str]) -> str:
    """The fullest form of a name: most words, then the spelling used most, then A-Z."""
    return min(forms, key=lambda form: (-len(words_of(form)), -forms[form], form))


# --- roles --------------------------------------------------------------------------------


def roles_of(doc: Doc, span: tuple[int, int], sentences: Sequence[Sentence]) -> list[Role]:
    """Roles stated next to one mention, verbatim: a title before the name ("Turkish
    President"), an apposition after it (", a 45-year-old teacher in Ivano-Frankivsk,") or
    before it ("The country's president, Volodymyr Zelenskyy")."""
    start, end = span
    found: list[tuple[int, int]] = []
    before = _title_before(doc, start, end)
    if before is not None:
        found.append(before)
    head = _head(doc, start, end)
    for child in head.children:
        if child.dep_ == "appos" and child.i >= end:
            left, right = _strip_punct(doc, child.left_edge.i, child.right_edge.i + 1)
            if _closed(doc, right):
                found.append((left, right))
    if head.dep_ == "appos" and head.head.i < start:
        governor = head.head
        found.append((governor.left_edge.i, governor.i + 1))
    starts = [sentence.start for sentence in sentences]
    roles = []
    for role_start, role_end in found:
        role_start, role_end = _strip_punct(doc, role_start, role_end)
        if role_end <= role_start or not _is_role(doc, role_start, role_end, span):
            continue
        char_start = doc[role_start].idx
        index = max(0, bisect.bisect_right(starts, char_start) - 1)
        role_text = doc[role_start:role_end].text  # a span's text costs only its tokens
        roles.append(Role(text=role_text, sentence=index))
    return roles


def _closed(doc: Doc, after: int) -> bool:
    """An apposition ends at punctuation or at the end of the text; a phrase running on
    into a verb is a misparse, not an apposition."""
    return after >= len(doc) or doc[after].is_punct


def _head(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it (the last one if several)."""
    heads = [doc[i] for i in range(start, end) if not start <= doc[i].head.i < end]
    return heads[-1] if heads else doc[end - 1]


def _title_before(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Words right before a name that modify it: "Russia's Foreign Minister"."""
    if start > 0 and doc[start - 1].lower_ in names.TITLES:
        return _title_run(doc, start)
    inside = set(range(start, end))
    i = start - 1
    while i >= 0:
        token = doc[i]
        if token.is_punct or token.is_space or token.i in inside:
            break
        if token.dep_ not in _ROLE_DEPS or not _attaches_to(token, inside, i + 1, start):
            break
        i -= 1
    first = i + 1
    while first < start and doc[first].dep_ == "det":
        first += 1
    return (first, start) if first < start else None


def _title_run(doc: Doc, start: int) -> tuple[int, int]:
    """A title right before a name, with the capitalised words and possessive in front of
    it ("Russia's Foreign Minister"). Read by shape, as parses of such runs vary."""
    i = start - 1
    while i >= 0:
        token = doc[i]
        if token.lower_ in names.TITLES or (
            token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN")
        ):
            i -= 1
        elif token.lower_ in ("'s", "’s") and i > 0 and doc[i - 1].text[:1].isupper():
            i -= 2
        else:
            break
    return i + 1, start


def _attaches_to(token: Token, inside: set[int], lo: int, hi: int) -> bool:
    """Whether a token hangs off the name or off the words between it and the name."""
    head = token.head
    return head.i in inside or lo <= head.i < hi or (head.i > token.i and head.i < min(inside))


def _strip_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _is_role(doc: Doc, start: int, end: int, name: tuple[int, int]) -> bool:
    """A role names a function or a description: it holds a common noun or a title word,
    its head can name a person, it is not a name itself, not the name's own words, and not
    too long to be a role."""
    if end - start > 14 or (start < name[1] and name[0] < end):
        return False
    tokens = doc[start:end]
    text = tokens.text
    if text.lower().startswith(_VAGUE_ROLE_STARTS):
        return False
    words = [t.lower_ for t in tokens if t.dep_ != "det" and not t.is_punct]
    if all(w in names.COURTESY_TITLES for w in words) or (
        len(words) == 1 and words[0] in _BARE_PERSON_NOUNS
    ):
        return False
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return False
    if not names.denotes_person(_role_noun(_head(doc, start, end)).text):
        return False  # "the team photo" before a name in run-on captions: not a role
    return any(t.pos_ == "NOUN" or t.text.lower() in names.TITLES for t in tokens)


def _role_noun(head: Token) -> Token:
    """The noun a role is about: its head, or in "one of the most successful sailors" the
    noun after "of"."""
    if head.lower_ == "one":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for noun in child.children:
                    if noun.dep_ == "pobj":
                        return noun
    return head


def _unique_roles(roles: Iterable[Role]) -> tuple[Role, ...]:
    seen: set[str] = set()
    unique = []
    for role in sorted(roles, key=lambda r: r.sentence):
        key = " ".join(role.text.lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(role)
    return tuple(unique)


# --- the corpus ---------------------------------------------------------------------------


@dataclass
class _CorpusPerson:
    full: tuple[str, ...]
    members: list[tuple[Analyzed, PersonInArticle]] = field(default_factory=list)

    def forms(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for _, person in self.members:
            for mention in person.mentions:
                counts[mention.text] += 1
        return counts


def merge_people(items: Sequence[Analyzed]) -> tuple[Person, ...]:
    """One Person per individual across all articles (items newest first), ordered by
    coverage: most mentions first, then by slug."""
    groups = _group(items)
    drafts = [_draft(group) for group in groups]
    slugs = _unique_slugs([name for name, _ in drafts])
    by_article: dict[str, list[str]] = defaultdict(list)
    for slug, (_, group) in zip(slugs, drafts, strict=True):
        for item, _ in group.members:
            by_article[item.article.slug].append(slug)
    order = {item.article.slug: i for i, item in enumerate(items)}
    people = [
        _person(slug, name, group, order, by_article)
        for slug, (name, group) in zip(slugs, drafts, strict=True)
    ]
    return tuple(sorted(people, key=lambda p: (-p.mentions, p.slug)))


def _group(items: Sequence[Analyzed]) -> list[_CorpusPerson]:
    """The people of all articles grouped by individual, longest names first: a name joins
    the one group it is compatible with (an exact one if any), else starts its own."""
    groups: list[_CorpusPerson] = []
    # Groups by surname, in order of creation: a name is only compatible with a group of
    # its own surname, so it is compared with those alone (comparing it with every group
    # made the merge quadratic in the corpus).
    by_surname: dict[str, list[_CorpusPerson]] = defaultdict(list)
    entries = [(item, person) for item in items for person in item.analysis.people]
    entries.sort(key=lambda e: (-len(words_of(e[1].name)), e[1].name, e[0].article.slug))
    for item, person in entries:
        words = words_of(person.name)
        if not words:
            continue
        fits = [g for g in by_surname[words[-1]] if compatible(words, g.full)]
        exact = [g for g in fits if g.full == words]
        if exact:
            fits = exact
        if len(fits) == 1:
            fits[0].members.append((item, person))
        else:  # a new person, or a bare surname two known people share: kept apart
            group = _CorpusPerson(full=words, members=[(item, person)])
            groups.append(group)
            by_surname[words[-1]].append(group)
    return groups


def _draft(group: _CorpusPerson) -> tuple[str, _CorpusPerson]:
    forms = group.forms()
    spelling: Counter[str] = Counter()
    for form, count in forms.items():
        for word in form.split():
            spelling[word] += count
    longest = max(len(words_of(form)) for form in forms)
    candidates = [form for form in forms if len(words_of(form)) == longest]
    name = min(candidates, key=lambda f: (-sum(spelling[w] for w in f.split()), f))
    return name, group


def _unique_slugs(names_: Sequence[str]) -> list[str]:
    """Slugs from canonical names; a second person with the same slug gets "-2"."""
    slugs: list[str] = []
    used: Counter[str] = Counter()
    for name in names_:
        base = slugify(name) or "person"
        used[base] += 1
        slugs.append(base if used[base] == 1 else f"{base}-{used[base]}")
    return slugs


def _person(
    slug: str,
    name: str,
    group: _CorpusPerson,
    order: dict[str, int],
    by_article: dict[str, list[str]],
) -> Person:
    """One merged person; `order` is each article's place in the corpus (newest first)."""
    members = sorted(group.members, key=lambda m: order.get(m[0].article.slug, len(order)))
    forms = group.forms()
    roles: list[CitedText] = []
    quotes: list[CitedText] = []
    seen_roles: set[tuple[str, str]] = set()
    for item, person in members:
        article = item.article.slug
        for role in person.roles:
            key = (article, " ".join(role.text.lower().split()))
            if key not in seen_roles:
                seen_roles.add(key)
                roles.append(CitedText(role.text, Citation(article, role.sentence)))
        for quote in item.analysis.quotes:
            if quote.speaker == person.name:
                quotes.append(CitedText(quote.text, Citation(article, quote.sentence)))
    articles = tuple(dict.fromkeys(item.article.slug for item, _ in members))
    together: Counter[str] = Counter()
    for article in articles:
        for other in dict.fromkeys(by_article[article]):
            if other != slug:
                together[other] += 1
    related = tuple(sorted(together, key=lambda s: (-together[s], s))[:MAX_RELATED])
    return Person(
        slug=slug,
        name=name,
        aliases=tuple(sorted(set(forms) - {name})),
        roles=tuple(roles),
        quotes=tuple(quotes),
        articles=articles,
        mentions=sum(forms.values()),
        related=related,
    )


def person_slug(people: Sequence[Person], article: str, name: str) -> str | None:
    """The page of the person an article calls `name` (a `PersonInArticle.name`, as in
    `Happening.participants` and `Quote.speaker`), or None when no page matches.

    Other stages hold names as one article wrote them; this is how they link to the merged
    person without redoing the merge.
    """
    named = [p for p in people if article in p.articles and name == p.name]
    if not named:
        named = [p for p in people if article in p.articles and name in p.aliases]
    return named[0].slug if len(named) == 1 else None
