"""What happened, when, where and who took part: per article, then across the corpus.

Per article (`analyze`, pure): every resolved date expression is attached to the word it
modifies in the parse (its *trigger*: "met" in "met in Antalya on Thursday", "meeting" in
"Thursday's meeting"). The sentence holding it is a dated happening, with the places,
people and organisations in the trigger's clause. The small English model mislabels names
("Cavusoglu" as ORG, "Mariupol" as ORG), so people are recognised by name (the article's
PERSON names and their surnames) whatever label spaCy gave them, and "the city of X" is a
place.

Across the corpus (`link_events`): happenings are merged into one Event when their dates
agree (the same day, or a finer date inside a coarser one; a day apart only with strong
evidence), nothing contradicts (different places *and* different people), and something
links them: the same trigger, similar wording (TF-IDF over stemmed words, dates left out),
or a shared participant or place with some shared wording. Each outlet's sentences are kept
verbatim with their citations, and details that differ between outlets (dates, places,
numbers) become labels naming each side.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from slugify import slugify

from . import dates, nlp
from .model import (
    Analyzed,
    Article,
    Citation,
    CitedText,
    DateExpression,
    Event,
    Happening,
    Person,
    PersonInArticle,
    Sentence,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATION_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "into",
        "within",
        "off",
    ]
)
_PLACE_NOUNS = "city|town|village|port|region|province|district|capital|state|island|county"
_PLACE_OF = re.compile(r"\b(?:" + _PLACE_NOUNS + r") of ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,3})")

# Verbs that say little about *what* happened: two reports sharing one of these are not
# the same event on that ground alone.
GENERIC_TRIGGERS = frozenset(
    [
        "say",
        "tell",
        "add",
        "call",
        "describe",
        "report",
        "be",
        "have",
        "do",
        "make",
        "take",
        "get",
        "go",
        "come",
        "see",
        "seem",
        "appear",
        "publish",
        "write",
        "note",
        "claim",
        "insist",
        "continue",
        "remain",
    ]
)
# Verbs whose object names the happening: "launched an invasion" is an invasion.
LIGHT_VERBS = frozenset(
    [
        "launch",
        "begin",
        "start",
        "hold",
        "carry",
        "conduct",
        "stage",
        "mount",
        "continue",
        "give",
        "open",
        "order",
    ]
)
IRREGULAR = {
    "met": "meet",
    "said": "say",
    "says": "say",
    "told": "tell",
    "took": "take",
    "sat": "sit",
    "struck": "strike",
    "fled": "flee",
    "began": "begin",
    "begun": "begin",
    "came": "come",
    "went": "go",
    "gone": "go",
    "held": "hold",
    "made": "make",
    "gave": "give",
    "given": "give",
    "left": "leave",
    "fell": "fall",
    "won": "win",
    "lost": "lose",
    "broke": "break",
    "broken": "break",
    "spoke": "speak",
    "spoken": "speak",
    "stood": "stand",
    "brought": "bring",
    "sought": "seek",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "ran": "run",
    "shot": "shoot",
    "led": "lead",
    "knew": "know",
    "saw": "see",
    "seen": "see",
    "found": "find",
    "kept": "keep",
    "sent": "send",
    "built": "build",
    "spent": "spend",
    "paid": "pay",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "had": "have",
    "has": "have",
    "did": "do",
    "does": "do",
    "got": "get",
    "rose": "rise",
    "risen": "rise",
    "chose": "choose",
    "withdrew": "withdraw",
    "hit": "hit",
    "fought": "fight",
    "caught": "catch",
    "taught": "teach",
    "bought": "buy",
    "sold": "sell",
    "drove": "drive",
    "flew": "fly",
    "flown": "fly",
    "threw": "throw",
    "blew": "blow",
    "killed": "kill",
}
# Nouns naming a happening, with the verb they share it with; and back, for titles.
NOMINAL = {
    "meeting": "meet",
    "meetings": "meet",
    "talks": "talk",
    "invasion": "invade",
    "attack": "attack",
    "attacks": "attack",
    "strike": "strike",
    "strikes": "strike",
    "airstrike": "strike",
    "bombing": "bomb",
    "shelling": "shell",
    "explosion": "explode",
    "election": "elect",
    "visit": "visit",
    "announcement": "announce",
    "agreement": "agree",
    "resignation": "resign",
    "arrest": "arrest",
    "evacuation": "evacuate",
    "killing": "kill",
    "shooting": "shoot",
    "speech": "speak",
    "interview": "interview",
    "vote": "vote",
    "summit": "meet",
    "conference": "confer",
    "withdrawal": "withdraw",
    "statement": "say",
    "protest": "protest",
    "war": "war",
}
NOUN_FOR = {
    "meet": "Meeting",
    "talk": "Talks",
    "invade": "Invasion",
    "attack": "Attack",
    "strike": "Strike",
    "bomb": "Bombing",
    "shell": "Shelling",
    "explode": "Explosion",
    "elect": "Election",
    "visit": "Visit",
    "announce": "Announcement",
    "agree": "Agreement",
    "resign": "Resignation",
    "arrest": "Arrest",
    "evacuate": "Evacuation",
    "kill": "Killing",
    "shoot": "Shooting",
    "speak": "Speech",
    "say": "Statement",
    "tell": "Statement",
    "interview": "Interview",
    "vote": "Vote",
    "withdraw": "Withdrawal",
    "protest": "Protest",
    "sit": "Meeting",
}


# Verbs that only say that something happened; a "when" clause tells what.
HAPPEN_VERBS = frozenset(["unfold", "happen", "occur", "erupt", "play"])
# Verbs of being and having: what they date is a state ("has been independent since 1901"),
# unless their subject or object names a happening ("the vote was on Tuesday", "they had
# talks on Monday"). At 1,000 benchmark articles, 72 of 1,614 event pages were "Be" or "Have".
STATIVE_VERBS = frozenset(["be", "have", "seem", "remain"])

# Verbs that name no happening alone ("Take, November 1989"): a title adds the particle
# and object the report gives them ("Take ownership", "Take over", "Make gains").
VAGUE_VERBS = frozenset(
    [
        "take",
        "make",
        "get",
        "go",
        "come",
        "see",
        "do",
        "put",
        "find",
        "give",
        "keep",
        "bring",
        "set",
        "hold",
        "turn",
        "run",
    ]
)

_KNOWN_VERBS = frozenset(
    set(HAPPEN_VERBS)
    | set(GENERIC_TRIGGERS)
    | set(LIGHT_VERBS)
    | set(NOUN_FOR)
    | set(NOMINAL.values())
    | set(IRREGULAR.values())
)


@dataclass(frozen=True)
class ArticleEvents:
    """What `analyze` adds to an ArticleAnalysis."""

    dates: tuple[DateExpression, ...]
    happenings: tuple[Happening, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]


# --- words -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _stemmer():  # nltk's Porter stemmer is plain code: no data, no download
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@functools.lru_cache(maxsize=65536)  # linking compares every two happenings' triggers
def stem(word: str) -> str:
    return _stemmer().stem(word.lower())


def base_form(word: str, noun: bool = False) -> str:
    """The base form of a trigger word where we know it ("met" -> "meet", "invasion" ->
    "invade", "launched" -> "launch"); otherwise the word in lower case. Triggers are
    compared by their stems, so an unknown inflection still matches its relatives."""
    lower = word.lower().replace("’", "'")
    if noun and lower in NOMINAL:
        return NOMINAL[lower]
    if lower in IRREGULAR:
        return IRREGULAR[lower]
    for suffix in ("ed", "es", "s", "ing"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stemless = lower[: -len(suffix)]
            for candidate in (stemless, stemless + "e", stemless[:-1]):
                if candidate in _KNOWN_VERBS:
                    return candidate
    return lower


@functools.lru_cache(maxsize=100_000)  # pure, and asked twice per pair of reports
def trigger_key(trigger: str) -> str:
    return stem(base_form(trigger, noun=True))


# --- names in one article ----------------------------------------------------------------


def _clean(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text).strip(" ,.;:")


class NameIndex:
    """Forms of people's names in one article, each mapped to the article's fullest form."""

    def __init__(self, names: Iterable[tuple[str, Iterable[str]]]) -> None:
        full: dict[str, str] = {}
        for name, aliases in names:
            for form in (name, *aliases):
                key = _clean(form).lower()
                if key and (key not in full or len(name) > len(full[key])):
                    full[key] = name
        surnames: dict[str, set[str]] = defaultdict(set)
        for name in set(full.values()):
            parts = _clean(name).split()
            if parts:
                surnames[parts[-1].lower()].add(name)
        for surname, owners in surnames.items():
            if len(owners) == 1 and surname not in full:
                full[surname] = next(iter(owners))
        # a one-word name that is the surname of one longer name is that person
        for key, name in list(full.items()):
            owners = surnames.get(key, set())
            longer = [o for o in owners if len(o) > len(name)]
            if len(longer) == 1 and len(owners) <= 2:
                full[key] = longer[0]
        self.forms = full

    @classmethod
    def from_doc(cls, doc: Doc, people: Sequence[PersonInArticle] = ()) -> NameIndex:
        names: list[tuple[str, Iterable[str]]] = [(p.name, p.aliases) for p in people]
        names += [
            (_clean(e.text), ()) for e in nlp.ents(doc) if e.label_ == "PERSON" and _clean(e.text)
        ]
        return cls(names)

    def lookup(self, text: str) -> str | None:
        key = _clean(text).lower()
        if key in self.forms:
            return self.forms[key]
        parts = key.split()
        return self.forms.get(parts[-1]) if len(parts) > 1 else None


def _is_adjectival(span: Span) -> bool:
    root = span.root
    return root.tag_ in ("JJ", "NNPS") or root.dep_ == "amod" or span.text.endswith(("ian", "ese"))


def _places_of(doc: Doc, names: NameIndex, start: int = 0, end: int | None = None) -> list[str]:
    end = len(nlp.text(doc)) if end is None else end
    found: list[str] = []
    for ent in nlp.ents(doc):
        if ent.label_ in PLACE_LABELS and start <= ent.start_char and ent.end_char <= end:
            if names.lookup(ent.text) or _is_adjectival(ent):
                continue
            found.append(_clean(ent.text))
    for match in _PLACE_OF.finditer(nlp.text(doc), start, end):
        found.append(_clean(match.group(1)))
    return [p for p in found if p]


def article_places_and_organisations(
    doc: Doc, names: NameIndex
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Places and organisations an article names (people's names filtered out), by first use."""
    places = list(dict.fromkeys(_places_of(doc, names)))
    place_keys = {p.lower() for p in places}
    organisations = [
        _clean(e.text)
        for e in nlp.ents(doc)
        if e.label_ == "ORG"
        and not names.lookup(e.text)
        and _clean(e.text).lower() not in place_keys
        and not _PLACE_OF.search(nlp.text(doc)[max(0, e.start_char - 20) : e.end_char])
    ]
    return tuple(places), tuple(dict.fromkeys(o for o in organisations if o))


# --- dated happenings in one article -----------------------------------------------------

_DATE_DEPS = ("npadvmod", "pobj", "tmod", "nmod", "poss", "compound", "appos", "prep", "dobj")


def find_trigger(span: Span) -> Token | None:
    """The word a date expression modifies: a verb, or a noun naming a happening."""
    token = span.root
    for _ in range(4):
        head = token.head
        if head is token:
            return None
        if token.dep_ not in _DATE_DEPS and token.dep_ != "pcomp":
            return None
        if head.pos_ == "VERB" or (head.pos_ == "AUX" and head.dep_ == "ROOT"):
            return _light_verb_object(head)
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ in NOMINAL:
            return head
        if head.pos_ == "ADP":
            token = head
            continue
        if head.pos_ in ("NOUN", "PROPN"):
            return None
        token = head
    return None


def _light_verb_object(verb: Token) -> Token | None:
    """ "launched an invasion" is an invasion, and "talks began" talks; "an interview
    published Wednesday" an interview; "the vote was on Tuesday" a vote. A state is no
    happening: "Australia has been independent since 1901" has no trigger."""
    if verb.dep_ == "acl" and verb.head.lower_ in NOMINAL:
        return verb.head
    if base_form(verb.text) in STATIVE_VERBS:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and child.lower_ in NOMINAL:
                return child
        return None
    if base_form(verb.text) in HAPPEN_VERBS:  # "a scene unfolded when women evacuated ..."
        for child in verb.children:
            if child.dep_ == "advcl" and _when_clause(child) and child.pos_ == "VERB":
                return _light_verb_object(child)
    if base_form(verb.text) in LIGHT_VERBS:  # "launched an invasion", then "talks began"
        for deps in (("dobj",), ("nsubj", "nsubjpass")):
            for child in verb.children:
                if child.dep_ in deps and child.lower_ in NOMINAL:
                    return child
    return verb


# Dependencies that open another clause: what lies beyond is not this happening's detail.
_OTHER_CLAUSE = frozenset(("relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"))


@dataclass(frozen=True)
class Scope:
    """The trigger's own clause: its head verb, the tokens in it, and its character range."""

    root: Token
    tokens: frozenset[int]  # token indices that belong to the clause
    start: int
    end: int


def clause_of(trigger: Token, start: int = 0, end: int | None = None) -> Scope:
    """The clause of a trigger (for a noun, the clause that holds it), without the
    subordinate clauses inside it; a relative clause brings its antecedent along
    ("Cavusoglu, who sat between Lavrov and Kuleba on Thursday")."""
    root = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        for ancestor in trigger.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                root = ancestor
                break
    members = {t.i for t in root.subtree if _same_clause(t, root)}
    if root.dep_ in ("relcl", "acl"):
        members |= {t.i for t in root.head.subtree if t.i not in {x.i for x in root.subtree}}
        members -= {t.i for t in root.head.subtree if not _same_clause(t, root.head, root)}
    doc = trigger.doc
    end = len(nlp.text(doc)) if end is None else end
    # the parse may run across a sentence (or paragraph) boundary: never leave the sentence
    members = {i for i in members if start <= doc[i].idx < end} | {trigger.i}
    first = min(doc[i].idx for i in members)
    last = max(doc[i].idx + len(doc[i]) for i in members)
    return Scope(root, frozenset(members), first, last)


def _when_clause(token: Token) -> bool:
    """'... unfolded Wednesday when women evacuated a hospital': the same happening."""
    return token.dep_ == "advcl" and any(
        c.lower_ in ("when", "while") and c.dep_ == "advmod" for c in token.children
    )


def _same_clause(token: Token, root: Token, allowed: Token | None = None) -> bool:
    current = token
    while current.i != root.i:
        if (
            current.dep_ in _OTHER_CLAUSE
            and (allowed is None or current.i != allowed.i)
            and not _when_clause(current)
        ):
            return False
        if current.head is current:
            return False
        current = current.head
    return True


def _people_in(doc: Doc, names: NameIndex, scope: Scope) -> list[str]:
    """People named in the clause, the subject first."""
    found: list[tuple[int, str]] = []
    covered: set[int] = set()
    for ent in nlp.ents(doc):
        if ent.root.i in scope.tokens and ent.label_ != "DATE":
            name = names.lookup(ent.text)
            if name and not _according_to(ent.root):
                found.append((_rank(ent.root, scope), name))
                covered.update(range(ent.start, ent.end))
    for i in sorted(scope.tokens):
        token = doc[i]
        if i not in covered and token.pos_ == "PROPN":
            name = names.lookup(token.text)
            if name and not _according_to(token):
                found.append((_rank(token, scope), name))
    return list(dict.fromkeys(name for _, name in sorted(found, key=lambda f: f[0])))


def _rank(token: Token, scope: Scope) -> int:
    """Subjects of the clause first, then everyone else in text order."""
    head = token
    while head.dep_ in ("compound", "appos", "conj", "flat") and head.head is not head:
        head = head.head
    subject = head.dep_ in ("nsubj", "nsubjpass") and head.head.i == scope.root.i
    return (0 if subject else 1) * 100_000 + token.i


def _according_to(token: Token) -> bool:
    """Sources ("according to CNN") are not participants."""
    return any(
        a.lower_ == "to" and any(c.lower_ == "according" for c in a.children)
        for a in token.ancestors
    ) or any(a.lower_ == "according" for a in token.ancestors)


def _event_places(
    doc: Doc, names: NameIndex, scope: Scope, trigger: Token, start: int, end: int
) -> list[str]:
    """Places where it happened: objects of "in", "at", "near"... in the clause, and "the
    city of X"; failing those, a place the trigger acts on ("invaded Ukraine")."""
    found: list[str] = []
    targets: list[str] = []
    for ent in nlp.ents(doc):
        if ent.label_ not in PLACE_LABELS or ent.root.i not in scope.tokens:
            continue
        if names.lookup(ent.text) or _is_adjectival(ent):
            continue
        root = ent.root
        while root.dep_ in ("appos", "conj", "compound") and root.head is not root:
            root = root.head
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in LOCATION_PREPOSITIONS
            and _near(root.head.head, trigger, scope)
        ):
            found.append(_clean(ent.text))
        elif (root.head.i == trigger.i and root.dep_ in ("dobj", "nsubjpass")) or (
            root.dep_ == "pobj" and root.head.head.i == trigger.i and root.head.lower_ == "on"
        ):
            targets.append(_clean(ent.text))
    for match in _PLACE_OF.finditer(nlp.text(doc), start, end):
        found.append(_clean(match.group(1)))
    return list(dict.fromkeys(p for p in (found or targets) if p))


def _near(token: Token, trigger: Token, scope: Scope) -> bool:
    """Is a phrase attached to the happening itself (the trigger, its clause's verb or their
    subject and object), not to a description of something else ("a conflict in Europe")?"""
    anchors = {trigger.i, scope.root.i}
    low, high = sorted((trigger.i, token.i))
    if any(t.text in ("—", "–", "--") for t in trigger.doc[low:high]):
        return False  # "... an invasion — the first conflict in Europe": a description
    if token.i in anchors:
        return True
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and token.head.i in anchors:
        return True
    return token.dep_ in ("relcl", "acl", "advcl", "conj") and token.i in scope.tokens


def _organisations_in(doc: Doc, names: NameIndex, places: Sequence[str], scope: Scope) -> list[str]:
    place_keys = {p.lower() for p in places}
    found = [
        _clean(e.text)
        for e in nlp.ents(doc)
        if e.label_ == "ORG"
        and e.root.i in scope.tokens
        and not names.lookup(e.text)
        and _clean(e.text).lower() not in place_keys
        and not _according_to(e.root)
        and not _PLACE_OF.search(nlp.text(doc)[max(0, e.start_char - 20) : e.end_char])
    ]
    return list(dict.fromkeys(o for o in found if o))


def _sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _after(value: str, published: dt.date) -> bool:
    """Is the whole of the date's span later than publication?"""
    return value > published.isoformat()[: len(value)]


def find_happenings(
    doc: Doc,
    sentences: Sequence[Sentence],
    expressions: Sequence[DateExpression],
    names: NameIndex,
    published: dt.date | None,
) -> tuple[Happening, ...]:
    """Sentences reporting something that happened on a resolved date (one per trigger)."""
    found: list[Happening] = []
    seen: set[tuple[int, int]] = set()
    for expression in expressions:
        if expression.value is None or expression.vague:
            continue
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        sentence = _sentence_at(sentences, expression.start)
        if span is None or sentence is None:
            continue
        trigger = find_trigger(span)
        if trigger is None or (sentence.index, trigger.i) in seen:
            continue
        looks_forward = dates.tense_mode(span) == dates.FUTURE
        if published is not None and _after(expression.value, published) and not looks_forward:
            continue  # a report of the past cannot be dated after its own publication
        seen.add((sentence.index, trigger.i))
        scope = clause_of(trigger, sentence.start, sentence.end)
        start, end = scope.start, scope.end
        places = _event_places(doc, names, scope, trigger, start, end)
        found.append(
            Happening(
                sentence=sentence.index,
                date=expression,
                places=tuple(places),
                participants=tuple(_people_in(doc, names, scope)),
                organisations=tuple(_organisations_in(doc, names, places, scope)),
                trigger=base_form(trigger.text, noun=trigger.pos_ in ("NOUN", "PROPN")),
                detail=detail_of(trigger),
            )
        )
    return tuple(found)


def detail_of(trigger: Token) -> str:
    """What a vague verb does, in the report's words: its particle, then its direct object
    with the nouns compounded onto it ("over", "ownership", "takeover bid"); else ""."""
    if trigger.pos_ != "VERB" or base_form(trigger.text) not in VAGUE_VERBS:
        return ""
    words = [child.text for child in trigger.children if child.dep_ == "prt"]
    for child in trigger.children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
            compounds = [t.text for t in child.lefts if t.dep_ == "compound"]
            words.extend([*compounds, child.text])
            break
    return " ".join(words)


def analyze(
    article: Article,
    doc: Doc,
    sentences: Sequence[Sentence],
    people: Sequence[PersonInArticle] = (),
) -> ArticleEvents:
    """Date expressions, dated happenings, places and organisations of one article."""
    names = NameIndex.from_doc(doc, people)
    expressions = dates.find_dates(doc, article.published)
    places, organisations = article_places_and_organisations(doc, names)
    happenings = find_happenings(doc, sentences, expressions, names, article.published)
    return ArticleEvents(expressions, happenings, places, organisations)


# --- across the corpus -------------------------------------------------------------------


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
    """TF-IDF rows (L2-normalised, sparse) of the reports' wording, stemmed, dates left out."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def analyzer(text: str) -> list[str]:
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text.lower())
        return [stem(w) for w in words if len(w) > 2 and w not in _STOP]

    try:
        return TfidfVectorizer(analyzer=analyzer).fit_transform([r.wording() for r in reports])
    except ValueError:  # no words at all
        return None


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


_STOP = frozenset(
    "the and for that with from this was were has have had but not are his her their they "
    "its said says also into over than after before about who which what when where while "
    "been would could should will there been more most some such only other",
    # a short list on purpose: the vectorizer's idf already discounts common words
).union(set(dates.WEEKDAYS) | set(dates.MONTHS))


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


def same_event(a: Report, b: Report, similarity: float) -> bool:
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
        return a.article.slug != b.article.slug and similarity >= 0.45 and shared >= 1
    key_a, key_b = trigger_key(a.happening.trigger), trigger_key(b.happening.trigger)
    same_trigger = key_a == key_b and base_form(a.happening.trigger) not in GENERIC_TRIGGERS
    return (
        similarity >= 0.45
        or same_trigger
        or (shared >= 1 and similarity >= LEAST_SIMILARITY)
        or (a.precision != b.precision and similarity >= 0.3)
    )


# Below this wording similarity `same_event` links two reports only by their trigger, so
# `cluster` asks it about no other pair (at 10,000 articles: 8.5 million calls saved).
LEAST_SIMILARITY = 0.15


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


def cluster(reports: Sequence[Report]) -> list[list[Report]]:
    """Group reports of the same happening (single link, deterministic order)."""
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
        worth = scores >= LEAST_SIMILARITY
        if not generic[i]:
            worth |= codes[others] == codes[i]
        for j, score in zip(others[worth], scores[worth], strict=True):
            if same_event(reports[i], reports[int(j)], float(score)):
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


def date_label(value: str, precision: str) -> str:
    """'10 March 2022', 'March 2022' or '2022': how a date reads on a page."""
    if precision == "day":
        day = dt.date.fromisoformat(value)
        return f"{day.day} {day.strftime('%B')} {day.year}"
    if precision == "month":
        day = dt.date.fromisoformat(value + "-01")
        return f"{day.strftime('%B')} {day.year}"
    return value


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


def link_events(items: Sequence[Analyzed], people: Sequence[Person] = ()) -> tuple[Event, ...]:
    """Merge every article's happenings into events, ordered by date."""
    events: list[Event] = []
    for group in cluster(reports_of(items, people)):
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
