"""Article pages and the article index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Analyzed, ArticleAnalysis, Digest, Event, Person, Sentence, Story
from . import months
from .markdown import (
    article_item,
    article_path,
    event_item,
    front_matter,
    group,
    href,
    link,
    list_section,
    person_path,
    plural,
    published,
    search_everything,
    story_has_page,
    story_path,
    text,
    url,
)

INDEX = "articles/index.md"


@dataclass(frozen=True)
class Links:
    """What each article page lists, looked up once for the whole corpus.

    Asking every article page to scan all people, events and stories costs
    articles x (people + events + stories): minutes at ten thousand articles.
    """

    stories: dict[str, Story]
    people: dict[str, list[Person]]
    events: dict[str, list[Event]]

    @classmethod
    def of(cls, digest: Digest) -> Links:
        stories: dict[str, Story] = {}
        for story in digest.stories:
            for slug in story.articles:
                stories.setdefault(slug, story)
        people: dict[str, list[Person]] = defaultdict(list)
        for person in digest.people:
            for slug in dict.fromkeys(person.articles):
                people[slug].append(person)
        events: dict[str, list[Event]] = defaultdict(list)
        for event in digest.events:
            for slug in dict.fromkeys(r.citation.article for r in event.reports):
                events[slug].append(event)
        return cls(stories, dict(people), dict(events))


def pages(digest: Digest) -> dict[str, str]:
    result = index_pages(digest)
    links = Links.of(digest)
    searchable = search_everything(digest)
    for item in digest.articles:
        result[article_path(item.article.slug)] = article_page(item, digest, links, searchable)
    return result


def month_key(item: Analyzed) -> str:
    """'2022-03', or 'undated': the month page the article is listed on."""
    return months.key_of(item.article.published)


def by_month(digest: Digest) -> dict[str, list[Analyzed]]:
    """Articles grouped by month, newest month first (the Digest is newest first)."""
    return group(digest.articles, month_key)


def index_pages(digest: Digest) -> dict[str, str]:
    """The article index: one page while it is short, then one page per month."""
    grouped = by_month(digest)
    if not months.split(digest.articles):
        return {INDEX: index_page(digest)}
    intro = (
        f"{plural(len(digest.articles), 'article')} in {plural(len(grouped), 'month')}, "
        "newest first."
    )

    def body(page: str, items: Sequence[Analyzed]) -> list[str]:
        return [f"{plural(len(items), 'article')}.\n", *_article_lines(page, items)]

    return months.pages(INDEX, "articles", "Articles", intro, grouped, "article", body)


def _article_lines(page: str, items: list[Analyzed]) -> list[str]:
    return [f"- {article_item(page, item.article)}" for item in items]


def index_page(digest: Digest) -> str:
    """All articles by month, newest first: a list that stays readable as it grows."""
    count = plural(len(digest.articles), "article")
    lines = [front_matter(title="Articles"), "# Articles\n", f"{count}.\n"]
    for key, items in by_month(digest).items():
        lines.append(f"## {months.label(key)}\n")
        lines += _article_lines(INDEX, items)
        lines.append("")
    return "\n".join(lines)


def position(sentence: Sentence) -> str:
    return f"¶{sentence.paragraph + 1}, sentence {sentence.index + 1}"


def article_page(
    item: Analyzed, digest: Digest, links: Links | None = None, searchable: bool = True
) -> str:
    """One article; `searchable=False` keeps its full text out of the search index."""
    a, analysis = item.article, item.analysis
    links = links or Links.of(digest)
    path = article_path(a.slug)
    out = [front_matter(title=a.title), f"# {text(a.title)}\n"]

    facts = [f"**Outlet:** {text(a.outlet)}", f"**Published:** {published(a)}"]
    if a.dateline:
        facts.append(f"**Dateline:** {text(a.dateline)}")
    if a.authors:
        facts.append("**By:** " + ", ".join(text(name) for name in a.authors))
    length = f"{plural(analysis.word_count, 'word')}, {plural(len(analysis.sentences), 'sentence')}"
    facts.append(f"**Length:** {length}")
    original = url(a.url)
    if original:
        facts.append(f"**Original:** [{text(a.outlet)}]({original})")
    out.append("  \n".join(facts) + "\n")

    out.append("## Summary\n")
    count = len(analysis.summary.sentences)
    lead = (
        "The sentence that best sums up the article"
        if count == 1
        else f"The {count} sentences that best sum up the article, in article order"
    )
    out.append(f"{lead} (chosen by {text(analysis.summary.algorithm)}).\n")
    for chosen in analysis.summary.sentences:
        s = chosen.sentence
        out.append(f"1. {text(s.text)} <small>[{position(s)}](#s{s.index})</small>")
    out.append("")

    story = links.stories.get(a.slug)
    if story is not None and story_has_page(story):
        out.append("## Story\n")
        others = len(story.articles) - 1
        story_link = link(story.title, href(path, story_path(story.slug)))
        out.append(f"Compared with {plural(others, 'other report')}: {story_link}\n")

    people = links.people.get(a.slug, [])
    out += list_section("People", (link(p.name, href(path, person_path(p.slug))) for p in people))
    events = links.events.get(a.slug, [])
    out += list_section("Events", (event_item(path, event) for event in events))

    if analysis.quotes:
        out.append("## Quotes\n")
        for quote in analysis.quotes:
            speaker = text(quote.speaker) if quote.speaker else "unattributed"
            where = f"<small>[sentence {quote.sentence + 1}](#s{quote.sentence})</small>"
            out.append(f"- “{text(quote.text)}” — {speaker} {where}")
        out.append("")

    # Material's search skips a section whose heading carries data-search-exclude.
    out.append("## Full text\n" if searchable else "## Full text { data-search-exclude }\n")
    out.append(
        "Every sentence is numbered so that citations elsewhere on the site can point at it.\n"
    )
    shown = analysis.sentences[-1].end if analysis.sentences else 0
    if a.body[shown:].strip():  # cut at max_article_chars: say so here, not only on stderr
        out.append(
            f"The article is {len(a.body):,} characters long; this digest analyses and shows "
            f"its first {shown:,}"
            + (f" ([the whole text]({original}))" if original else "")
            + ".\n"
        )
    out.append(_full_text(analysis))
    return "\n".join(out)


def _full_text(analysis: ArticleAnalysis) -> str:
    """The numbered sentences as a raw HTML block, one `<p>` a paragraph.

    Python-Markdown passes a raw HTML block through untouched, so the longest part of an
    article page costs `mkdocs build` no Markdown parsing (as a `markdown` div, every
    sentence went through the inline patterns). `text()` writes every markup character,
    `<` and `&` included, as a character reference, so the sentences are as inert in HTML
    as in Markdown, and the reader gets the same HTML as before.
    """
    paragraphs: dict[int, list[str]] = {}
    for s in analysis.sentences:
        paragraphs.setdefault(s.paragraph, []).append(f'<a id="s{s.index}"></a>{text(s.text)}')
    body = "".join("<p>" + "\n".join(lines) + "</p>\n" for lines in paragraphs.values())
    return f'<div class="article-text">\n{body}</div>\n'
