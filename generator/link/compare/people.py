"""Who each outlet quoted: the people a story's articles name, and how often each quotes them.

A person the corpus knows is one row however each article spells them (the person's page
decides); others are one row per surname. An article is marked as not naming someone only
when its text has none of the forms of their name the story uses (`verify`): the model
misses names a reader sees.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...analyze.text import surname_key
from ...model import Analyzed, PersonUse
from .index import CorpusIndex
from .verify import name_forms, names_any


def people_use(items: Sequence[Analyzed], corpus: CorpusIndex) -> tuple[PersonUse, ...]:
    """Whom each article names and how often it quotes them, one row per person."""
    rows: dict[str, dict] = {}

    def row(article: str, name: str) -> dict:
        slug = corpus.person(article, name)
        key = slug or surname_key(name)
        entry = rows.setdefault(
            key,
            {
                "name": name,
                "person": slug,
                "quoted": [0] * len(items),
                "named": [False] * len(items),
                "forms": [],
            },
        )
        if len(name) > len(entry["name"]):
            entry["name"] = name
        return entry

    names_in: list[dict[str, str]] = []
    for index, item in enumerate(items):
        forms: dict[str, str] = {}
        for person in item.analysis.people:
            entry = row(item.article.slug, person.name)
            entry["named"][index] = True
            entry["forms"].extend((person.name, *person.aliases))
            for form in (person.name, *person.aliases):
                forms[form] = person.name
        names_in.append(forms)
    for index, item in enumerate(items):
        for quote in item.analysis.quotes:
            if quote.speaker:
                name = names_in[index].get(quote.speaker, quote.speaker)
                row(item.article.slug, name)["quoted"][index] += 1
    for entry in rows.values():
        forms_of = name_forms([entry["name"], *entry["forms"]], person=True)
        for index, item in enumerate(items):
            if not entry["named"][index] and names_any(item, forms_of):
                entry["named"][index] = True  # the model missed it; the reader sees it
    result = [
        PersonUse(e["name"], e["person"], tuple(e["quoted"]), tuple(e["named"]))
        for e in rows.values()
    ]
    return tuple(sorted(result, key=lambda p: (-sum(p.quoted), -sum(p.named), p.name)))
