"""People across the corpus: one `Person` page per individual (see `identity` for who is
who): its canonical name, the other forms used, roles and quotations, each cited, its
articles and the people it appears with."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from slugify import slugify

from ..analyze.mentions import words_of
from ..model import Analyzed, Citation, CitedText, Person
from ..settings import PeopleOptions
from .identity import Individual, not_people, resolve

DEFAULTS = PeopleOptions()


def merge_people(
    items: Sequence[Analyzed], options: PeopleOptions = DEFAULTS
) -> tuple[Person, ...]:
    """One Person per individual across all articles (items newest first), ordered by
    coverage: most mentions first, then by slug."""
    groups = resolve(items, options)
    dropped = not_people(items, groups)
    groups = [g for i, g in enumerate(groups) if i not in dropped]
    drafts = [_draft(group) for group in groups]
    slugs = _unique_slugs([name for name, _ in drafts])
    by_article: dict[str, list[str]] = defaultdict(list)
    for slug, (_, group) in zip(slugs, drafts, strict=True):
        for item, _ in group.members:
            by_article[item.article.slug].append(slug)
    order = {item.article.slug: i for i, item in enumerate(items)}
    people = [
        _person(slug, name, group, order, by_article, options.max_related)
        for slug, (name, group) in zip(slugs, drafts, strict=True)
    ]
    return tuple(sorted(people, key=lambda p: (-p.mentions, p.slug)))


def _draft(group: Individual) -> tuple[str, Individual]:
    forms = group.forms()
    spelling: Counter[str] = Counter()
    for form, count in forms.items():
        for word in form.split():
            spelling[word] += count
    # the fullest form that is the person's name itself (not a title glued before it)
    candidates = [form for form in forms if words_of(form) == group.full]
    if not candidates:
        longest = max(len(words_of(form)) for form in forms)
        candidates = [form for form in forms if len(words_of(form)) == longest]
    # without a title when a form has none ("Kevin McCarthy", not "Whip Kevin McCarthy"),
    # then the spelling the articles use most
    name = min(candidates, key=lambda f: (len(f.split()), -sum(spelling[w] for w in f.split()), f))
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
    group: Individual,
    order: dict[str, int],
    by_article: dict[str, list[str]],
    max_related: int,
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
    related = tuple(sorted(together, key=lambda s: (-together[s], s))[:max_related])
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
