"""Who one article names and what it says they are (pure: the analysis step).

The repaired PERSON spans of `names` become mentions; mentions that name the same person
("Sergey Lavrov", "Lavrov") are merged into one `PersonInArticle`, named by the fullest
form the article uses; roles are taken verbatim from the words around a mention ("Russia's
Foreign Minister Sergey Lavrov", "Liliya Marynchak, a 45-year-old teacher in
Ivano-Frankivsk"). Names as tuples of folded words (`words_of`, `compatible`) live here
too; `people` (the corpus step) merges with them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import (
    Mention,
    PersonInArticle,
    Role,
    Sentence,
)
from . import names, nlp
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Role phrases that only make sense next to the sentence they stand in.
_VAGUE_ROLE_STARTS = ("his ", "her ", "their ", "its ", "our ", "my ", "your ")
# Not roles: a courtesy title alone (names.COURTESY_TITLES: "Mr Arafat" has no role "Mr")
# and a bare person noun ("a quarrel with Arafat the person").
_BARE_PERSON_NOUNS = frozenset(("person", "man", "woman", "individual", "one", "people"))
_ROLE_DEPS = frozenset(("compound", "amod", "poss", "case", "nmod", "det", "nummod"))


# --- names as tuples of folded words ----------------------------------------------------


def words_of(name: str) -> tuple[str, ...]:
    """The folded words of a name, without titles ("President Putin" -> ("putin",))."""
    words = tuple(fold(name).split())
    while len(words) > 1 and words[0] in names.TITLES:
        words = words[1:]
    return words


def compatible(
    short: tuple[str, ...],
    full: tuple[str, ...],
    same: Callable[[str, str], bool] | None = None,
    middles_agree: bool = False,
) -> bool:
    """True when `short` can be another way of writing `full`.

    Same surname (last word), and every other word of `short` matches a word of `full` in
    order, by `same` (default: exactly, or as its initial: "V. Putin"). A lone word matches
    the surname only: "Vladimir" alone is not enough to be "Vladimir Putin". With
    `middles_agree`, two names that both have middle names or initials must have the same
    ones, word for word ("George W. Bush" is not "George H. W. Bush").
    """
    if not short or not full or len(short) > len(full) or short[-1] != full[-1]:
        return False
    same = same or _same_or_initial
    given, fuller = short[:-1], full[:-1]
    if middles_agree and len(given) > 1 and len(fuller) > 1:
        return len(given) == len(fuller) and all(map(same, given, fuller))
    rest = iter(fuller)  # shared: each word must match further along than the last
    return all(any(same(w, candidate) for candidate in rest) for w in given)


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
