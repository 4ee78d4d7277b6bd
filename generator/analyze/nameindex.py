"""The forms of people's names in one article, each mapped to the article's fullest form.

The small English model mislabels names ("Cavusoglu" as ORG, "Kuleba" as GPE), so the
happenings recognise people by name, whatever label spaCy gave a span: the article's
people and PERSON entities, their aliases and surnames ("Lavrov" is "Sergey Lavrov" when
no other person of the article has that surname). Places and organisations that are
someone's name are left out the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..model import PersonInArticle
from . import nlp
from .text import bare_name

if TYPE_CHECKING:
    from spacy.tokens import Doc


class NameIndex:
    """Forms of people's names in one article, each mapped to the article's fullest form."""

    def __init__(self, names: Iterable[tuple[str, Iterable[str]]]) -> None:
        full: dict[str, str] = {}
        for name, aliases in names:
            for form in (name, *aliases):
                key = bare_name(form).lower()
                if key and (key not in full or len(name) > len(full[key])):
                    full[key] = name
        surnames: dict[str, set[str]] = defaultdict(set)
        for name in set(full.values()):
            parts = bare_name(name).split()
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
            (bare_name(e.text), ())
            for e in nlp.ents(doc)
            if e.label_ == "PERSON" and bare_name(e.text)
        ]
        return cls(names)

    def lookup(self, text: str) -> str | None:
        """The fullest form of the person a text names, or None."""
        key = bare_name(text).lower()
        if key in self.forms:
            return self.forms[key]
        parts = key.split()
        return self.forms.get(parts[-1]) if len(parts) > 1 else None
