"""Coverage gaps: people, places, organisations and events some outlets mention and others not.

Names are compared as the toolkit's keys (`text.name_key`: case, accents, transliterated
endings, a leading "the" and possessives aside; people by `text.surname_key`, or by their
page when the corpus knows them), events by their page. An outlet
seldom names itself, so a name that is one of the compared outlets is never a gap. A
person, place or organisation is said to be missing from an article only when that
article's text names it in no form the story uses (`verify`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...analyze.text import name_key, surname_key
from ...model import Analyzed, Gap
from .index import CorpusIndex
from .sides import cite
from .verify import name_forms, names_any


def _first_sentence(item: Analyzed, name: str) -> int | None:
    pattern = re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE)
    for sentence in item.analysis.sentences:
        if pattern.search(sentence.text):
            return sentence.index
    return None


def coverage_gaps(items: Sequence[Analyzed], corpus: CorpusIndex) -> tuple[Gap, ...]:
    """People, places, organisations and events that only some of the articles mention."""
    slugs = [item.article.slug for item in items]
    # An outlet seldom names itself: "New York Times", named by another outlet, is not
    # something The New York Times left out.
    outlets = {name_key(item.article.outlet) for item in items}
    gaps: list[Gap] = []

    def add(
        kind: str,
        per_article: dict[int, tuple[str, int]],
        target: str | None = None,
        names: Sequence[str] = (),
    ) -> None:
        if not 0 < len(per_article) < len(items):
            return
        name = per_article[min(per_article)][0]
        if name_key(name) in outlets:
            return
        missing = [i for i in range(len(items)) if i not in per_article]
        if kind != "event":  # verified: an article whose text names it does not miss it
            forms = name_forms([*names, *(n for n, _ in per_article.values())], kind == "person")
            missing = [i for i in missing if not names_any(items[i], forms)]
        if not missing:
            return
        gaps.append(
            Gap(
                kind=kind,
                name=name,
                mentions=tuple(cite(items[i], s) for i, (_, s) in sorted(per_article.items())),
                missing=tuple(slugs[i] for i in missing),
                target=target,
            )
        )

    people: dict[str, dict[int, tuple[str, int]]] = {}
    targets: dict[str, str | None] = {}
    forms: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        for person in item.analysis.people:
            if not person.mentions:
                continue
            slug = corpus.person(item.article.slug, person.name)
            key = slug or surname_key(person.name)
            people.setdefault(key, {})[index] = (person.name, person.mentions[0].sentence)
            targets[key] = slug
            forms.setdefault(key, []).extend((person.name, *person.aliases))
    for key in sorted(people):
        add("person", people[key], targets[key], forms[key])
    for kind, field in (("place", "places"), ("organisation", "organisations")):
        found: dict[str, dict[int, tuple[str, int]]] = {}
        for index, item in enumerate(items):
            for name in getattr(item.analysis, field):
                sentence = _first_sentence(item, name)
                if sentence is not None:
                    found.setdefault(name_key(name), {}).setdefault(index, (name, sentence))
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
