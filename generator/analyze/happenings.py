"""What happened in one article, when, where and who took part (pure: the analysis step).

Every resolved date expression is attached to the word it modifies in the parse (its
*trigger*: "met" in "met in Antalya on Thursday", "meeting" in "Thursday's meeting"). The
sentence holding it is a dated happening, with the places, people and organisations in the
trigger's clause. The small English model mislabels names ("Cavusoglu" as ORG, "Mariupol"
as ORG), so people are recognised by name (the article's PERSON names and their surnames)
whatever label spaCy gave them, and "the city of X" is a place.

The words of triggers (their base forms, the generic and vague verbs, the nouns that name a
happening) live here too; `events` (the corpus step) reads them to link and title events.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import (
    Article,
    DateExpression,
    Happening,
    PersonInArticle,
    Sentence,
)
from . import dates, nlp

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
    "taken": "take",
    "done": "do",
    "gotten": "get",
    "fallen": "fall",
    "driven": "drive",
    "thrown": "throw",
    "chosen": "choose",
    "withdrawn": "withdraw",
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

# Verbs that say a happening starts or stops, not what it is: a title adds what
# ("Begin shipping", from "IBM began shipping a card"; "Begin work").
ASPECT_VERBS = frozenset(["begin", "start", "continue", "resume", "stop", "finish", "cease"])
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
_DETAILED_VERBS = VAGUE_VERBS | ASPECT_VERBS

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
    takes_place = base_form(verb.text) == "take" and any(
        child.dep_ == "dobj" and child.lower_ == "place" for child in verb.children
    )
    # "launched an invasion", then "talks began" and "the vote took place"
    if base_form(verb.text) in LIGHT_VERBS or takes_place:
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
    problems: list[str] | None = None,
) -> tuple[Happening, ...]:
    """Sentences reporting something that happened on a resolved date (one per trigger).

    With `problems`, a sentence whose analysis fails is left out with a warning there."""
    found: list[Happening] = []
    seen: set[tuple[int, int]] = set()
    for expression in expressions:
        if expression.value is None or expression.vague:
            continue
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        sentence = _sentence_at(sentences, expression.start)
        if span is None or sentence is None:
            continue
        try:
            happening = _happening(doc, sentence, span, expression, names, published, seen)
        except Exception as exc:  # one odd sentence must not stop the build
            if problems is None:
                raise
            problems.append(failed_on(sentence, "its dated happening", exc))
            continue
        if happening is not None:
            found.append(happening)
    return tuple(found)


def failed_on(sentence: Sentence, what: str, exc: Exception) -> str:
    """The warning for a part of the analysis that failed on one sentence (left out)."""
    text = " ".join(sentence.text.split())
    shown = text if len(text) <= 80 else text[:77] + "..."
    return (
        f"sentence {sentence.index + 1} ({shown!r}): could not find {what} "
        f"({type(exc).__name__}: {exc}); left out, the rest of the article is built"
    )


def _happening(
    doc: Doc,
    sentence: Sentence,
    span: Span,
    expression: DateExpression,
    names: NameIndex,
    published: dt.date | None,
    seen: set[tuple[int, int]],
) -> Happening | None:
    trigger = find_trigger(span)
    if trigger is None or (sentence.index, trigger.i) in seen:
        return None
    looks_forward = dates.tense_mode(span) == dates.FUTURE
    if published is not None and _after(expression.value, published) and not looks_forward:
        return None  # a report of the past cannot be dated after its own publication
    seen.add((sentence.index, trigger.i))
    scope = clause_of(trigger, sentence.start, sentence.end)
    start, end = scope.start, scope.end
    places = _event_places(doc, names, scope, trigger, start, end)
    return Happening(
        sentence=sentence.index,
        date=expression,
        places=tuple(places),
        participants=tuple(_people_in(doc, names, scope)),
        organisations=tuple(_organisations_in(doc, names, places, scope)),
        trigger=base_form(trigger.text, noun=trigger.pos_ in ("NOUN", "PROPN")),
        detail=detail_of(trigger),
    )


def detail_of(trigger: Token) -> str:
    """What a vague verb does, in the report's words: its particle, then its direct object
    with the nouns compounded onto it ("over", "ownership", "takeover bid"); what an aspect
    verb starts or stops ("shipping" of "began shipping"); else ""."""
    verb = base_form(trigger.text)
    if trigger.pos_ != "VERB" or verb not in _DETAILED_VERBS:
        return ""
    if verb in ASPECT_VERBS:
        for child in trigger.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":  # "began to arrive"
                to = [t.text for t in child.lefts if t.dep_ == "aux" and t.lower_ == "to"]
                return " ".join([*to, child.text])
    words = [child.text for child in trigger.children if child.dep_ == "prt"]
    for child in trigger.children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") and child.is_alpha:
            compounds = [t.text for t in child.lefts if t.dep_ == "compound"]
            words.extend([*compounds, child.text])
            break
    return " ".join(words)


def analyze(
    article: Article,
    doc: Doc,
    sentences: Sequence[Sentence],
    people: Sequence[PersonInArticle] = (),
    problems: list[str] | None = None,
) -> ArticleEvents:
    """Date expressions, dated happenings, places and organisations of one article."""
    names = NameIndex.from_doc(doc, people)
    expressions = dates.find_dates(doc, article.published)
    places, organisations = article_places_and_organisations(doc, names)
    happenings = find_happenings(doc, sentences, expressions, names, article.published, problems)
    return ArticleEvents(expressions, happenings, places, organisations)
