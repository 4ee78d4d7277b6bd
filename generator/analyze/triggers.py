"""Which word of a sentence a date expression dates: the happening's *trigger*.

The trigger is the word the date modifies in the parse: a verb ("met" in "met in Antalya
on Thursday") or a noun naming a happening ("meeting" in "Thursday's meeting"). Some verbs
pass it on: a light verb to its object ("launched an invasion"), a verb of being to its
subject ("the vote was on Tuesday"), a verb of happening to its "when" clause. A vague or
aspect verb keeps the words that say what it did (`detail_of`: "Take ownership").

A happening keeps its trigger as a base form (`trigger_word`): the token's lemma from
spaCy, and for a noun the verb it shares the happening with (trigger-nouns.txt), so that
"invaded" and "the invasion" are one trigger. The corpus step (`link.events`) compares
triggers by `trigger_key` and titles events with the word lists kept here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from . import lexicon
from .clauses import when_clause
from .nlp import lemma
from .text import stem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

GENERIC_TRIGGERS = lexicon.words("generic-verbs")
LIGHT_VERBS = lexicon.words("light-verbs")
HAPPEN_VERBS = lexicon.words("happen-verbs")
STATIVE_VERBS = lexicon.words("stative-verbs")
ASPECT_VERBS = lexicon.words("aspect-verbs")
VAGUE_VERBS = lexicon.words("vague-verbs")
_DETAILED_VERBS = VAGUE_VERBS | ASPECT_VERBS
# Nouns naming a happening, with the verb they share it with; and back, for titles.
NOMINAL = lexicon.table("trigger-nouns")
NOUN_FOR = lexicon.table("event-titles")


# --- base forms ----------------------------------------------------------------------------


def _names_happening(token: Token) -> bool:
    """Is this a noun that names a happening ("meeting", "talks", "invasion")?"""
    return lemma(token) in NOMINAL


def trigger_word(token: Token) -> str:
    """What a happening keeps of its trigger: the base form of the word, and for a noun the
    verb it shares the happening with ("meetings" -> "meet", "invasion" -> "invade")."""
    word = lemma(token)
    if token.pos_ in ("NOUN", "PROPN"):
        return NOMINAL.get(word, word)
    return word


def base_form(word: str, noun: bool = False) -> str:
    """A trigger (already a base form) as the corpus step compares it: lower case, and with
    `noun`, a noun naming a happening as its verb ("invasion" -> "invade")."""
    lower = word.lower().replace("’", "'")
    return NOMINAL.get(lower, lower) if noun else lower


@functools.lru_cache(maxsize=100_000)  # pure, and asked twice per pair of reports
def trigger_key(trigger: str) -> str:
    """Triggers are one when their keys are: the stem (`text.stem`) of the base form, a net
    under the lemmatizer for a word it left inflected."""
    return stem(base_form(trigger, noun=True))


# --- the trigger of a date -----------------------------------------------------------------

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
        if head.pos_ in ("NOUN", "PROPN") and _names_happening(head):
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
    if verb.dep_ == "acl" and _names_happening(verb.head):
        return verb.head
    base = lemma(verb)
    if base in STATIVE_VERBS:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _names_happening(child):
                return child
        return None
    if base in HAPPEN_VERBS:  # "a scene unfolded when women evacuated ..."
        for child in verb.children:
            if child.dep_ == "advcl" and when_clause(child) and child.pos_ == "VERB":
                return _light_verb_object(child)
    takes_place = base == "take" and any(
        child.dep_ == "dobj" and child.lower_ == "place" for child in verb.children
    )
    # "launched an invasion", then "talks began" and "the vote took place"
    if base in LIGHT_VERBS or takes_place:
        for deps in (("dobj",), ("nsubj", "nsubjpass")):
            for child in verb.children:
                if child.dep_ in deps and _names_happening(child):
                    return child
    return verb


def detail_of(trigger: Token) -> str:
    """What a vague verb does, in the report's words: its particle, then its direct object
    with the nouns compounded onto it ("over", "ownership", "takeover bid"); what an aspect
    verb starts or stops ("shipping" of "began shipping"); else ""."""
    verb = lemma(trigger)
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
