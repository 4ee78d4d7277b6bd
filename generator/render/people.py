"""People pages: the index by coverage, and one page per person.

A person page shows the canonical name and the other spellings seen, each role as an
article states it (cited), every quotation attributed to them (once, cited to each article
that carries it), and the articles, stories, events and people they appear with. Names,
roles and quotes come from articles, so all of them go through `text()`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import Article, CitedText, Digest, Event, Person
from .markdown import (
    article_item,
    cite,
    event_item,
    front_matter,
    group,
    href,
    link,
    list_section,
    person_path,
    plural,
    story_has_page,
    story_path,
    table,
    text,
    word_for_word,
)

INDEX = "people/index.md"
# Citations shown for one role, newest first; the rest are counted. A role many articles
# state ("President") was a line of hundreds of links (80 KB of one page at 10,000
# articles), and each of those articles is in the page's article list anyway.
ROLE_CITATIONS = 5
# A person in more articles than this gets their article list by year, each year a heading
# in the page's table of contents: at 10,000 articles one person was in 760.
ARTICLES_BY_YEAR_OVER = 25


def pages(digest: Digest) -> dict[str, str]:
    """The people index and a page for every person (none at all when nobody is named)."""
    if not digest.people:
        return {}
    result = {INDEX: index_page(digest)}
    lookups = Lookups.of(digest)
    for person in digest.people:
        result[person_path(person.slug)] = person_page(person, digest, lookups)
    return result


@dataclass(frozen=True)
class Lookups:
    """The digest indexed once for all person pages: scanning every story and event for
    every person grows with people x (stories + events), minutes at ten thousand articles."""

    articles: dict[str, Article]
    people: dict[str, Person]
    stories_of_article: dict[str, list[int]]  # article slug -> indices into digest.stories
    events_of_person: dict[str, list[Event]]

    @classmethod
    def of(cls, digest: Digest) -> Lookups:
        stories: dict[str, list[int]] = defaultdict(list)
        for index, story in enumerate(digest.stories):
            for slug in dict.fromkeys(story.articles):
                stories[slug].append(index)
        events: dict[str, list[Event]] = defaultdict(list)
        for event in digest.events:
            for slug in dict.fromkeys(event.participants):
                events[slug].append(event)
        return cls(
            _articles(digest), {p.slug: p for p in digest.people}, dict(stories), dict(events)
        )


def _articles(digest: Digest) -> dict[str, Article]:
    return {item.article.slug: item.article for item in digest.articles}


def index_page(digest: Digest) -> str:
    """Everyone named, most covered first, with the fullest role an article gives them."""
    out = [front_matter(title="People"), "# People\n"]
    out.append(
        f"{plural(len(digest.people), 'person', 'people')} named in the articles, "
        "most mentioned first. "
        "Roles are quoted from the article that states them.\n"
    )
    articles = _articles(digest)
    rows = []
    for person in digest.people:
        name = f"[{text(person.name)}]({href(INDEX, person_path(person.slug))})"
        role = ""
        if person.roles:
            first = max(person.roles, key=lambda r: len(r.text.split()))
            source = articles.get(first.citation.article)
            role = text(first.text)
            if source is not None:
                role += " " + cite(INDEX, source, first.citation)
        rows.append(
            [name, role, str(person.mentions), str(len(person.articles)), str(len(person.quotes))]
        )
    out.append(table(["Person", "Role", "Mentions", "Articles", "Quotes"], rows))
    return "\n".join(out)


def person_page(person: Person, digest: Digest, lookups: Lookups | None = None) -> str:
    path = person_path(person.slug)
    lookups = lookups or Lookups.of(digest)
    articles = lookups.articles
    out = [front_matter(title=person.name), f"# {text(person.name)}\n"]
    facts = [
        f"**Mentions:** {person.mentions:,} in {plural(len(person.articles), 'article')}",
        f"**Quotes:** {len(person.quotes)}",
    ]
    if person.aliases:
        facts.append("**Also written as:** " + ", ".join(text(a) for a in person.aliases))
    out.append("  \n".join(facts) + "\n")

    if person.roles:
        out.append("## Roles\n")
        out.append("As the articles state them.\n")
        for role, citations in _grouped(person.roles):
            shown = citations[:ROLE_CITATIONS]
            links = ", ".join(cite(path, articles[c.citation.article], c.citation) for c in shown)
            if len(citations) > len(shown):
                links += f" and {len(citations) - len(shown):,} more"
            out.append(f"- {text(role)} — {links}")
        out.append("")

    if person.quotes:
        out.append("## Quotes\n")
        out.append("Newest first, each cited to every article that carries it.\n")
        for quote, cited in _quotes(person):
            links = ", ".join(
                cite(path, articles[c.citation.article], c.citation, dated=True) for c in cited
            )
            out.append(f"- “{text(quote)}” {links}")
        out.append("")

    out += _articles_section(path, [articles[slug] for slug in person.articles])

    indices = {i for slug in person.articles for i in lookups.stories_of_article.get(slug, ())}
    # Stories of one article are that article, listed above already: only comparisons here.
    stories = [digest.stories[i] for i in sorted(indices) if story_has_page(digest.stories[i])]
    out += list_section("Stories", (link(s.title, href(path, story_path(s.slug))) for s in stories))
    events = lookups.events_of_person.get(person.slug, [])
    out += list_section("Events", (event_item(path, event) for event in events))
    known = lookups.people
    related = [known[slug] for slug in person.related if slug in known]
    others = (link(other.name, href(path, person_path(other.slug))) for other in related)
    out += list_section("Appears with", others)
    return "\n".join(out)


def _quotes(person: Person) -> list[tuple[str, list[CitedText]]]:
    """Each quotation once, with every article that carries it word for word (wire copy),
    in the order of the person's articles (newest first)."""
    by_article: dict[str, list[CitedText]] = defaultdict(list)
    for quote in person.quotes:
        by_article[quote.citation.article].append(quote)
    in_order = (quote for slug in person.articles for quote in by_article.get(slug, ()))
    return list(word_for_word(in_order).items())


def _articles_section(path: str, articles: list[Article]) -> list[str]:
    """The person's articles, newest first; a long list by year, undated ones last."""
    if len(articles) <= ARTICLES_BY_YEAR_OVER:
        return list_section("Articles", (article_item(path, article) for article in articles))
    by_year = group(articles, lambda a: str(a.published.year) if a.published else "Undated")
    out = ["## Articles\n", f"{plural(len(articles), 'article')}, newest first, by year.\n"]
    for year, of_year in by_year.items():
        out += [f"### {year}\n", *(f"- {article_item(path, article)}" for article in of_year), ""]
    return out


_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def _grouped(items: tuple[CitedText, ...]) -> list[tuple[str, list[CitedText]]]:
    """The same role stated by several articles shown once, with every citation, whatever
    its case or article ("The Palestinian leader", "Palestinian leader"), in the words
    most of them use."""
    groups = group(items, lambda item: _ARTICLE.sub("", " ".join(item.text.lower().split())))
    return [(_most_used(cited), cited) for cited in groups.values()]


def _most_used(cited: list[CitedText]) -> str:
    """The form most citations use; of equally used forms, the first cited."""
    return Counter(c.text for c in cited).most_common(1)[0][0]
