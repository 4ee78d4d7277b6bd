"""Sources an outlet cites: the media and agencies it attributes statements to.

"according to CNN", "Interfax reported", "told Turkish television": found outside quotation
marks (words inside quotes are what was said, not who reported it). A name followed by
"said" is a source only if the analysis knows it as an organisation; people speak, they
are not outlets. An outlet's mentions of itself are its own reporting, not a source.
"""

from __future__ import annotations

import re

from ...analyze import lexicon, nlp
from ...analyze.text import name_key
from ...model import Analyzed, SourceCitation
from .sides import cite

_MEDIA_NOUN = "(?:" + "|".join(re.escape(noun) for noun in lexicon.entries("media-nouns")) + ")"
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
_GENERIC = lexicon.words("generic-media")  # a source only after "told"


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
    organisations = {name_key(name) for name in item.analysis.organisations}
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
                if number == 3 and name_key(name) not in organisations:
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
            found.append(SourceCitation(item.article.slug, name, cite(item, sentence.index)))
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
