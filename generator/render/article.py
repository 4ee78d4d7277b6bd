"""Article pages and the article index."""

from __future__ import annotations

from collections import defaultdict

from ..model import Analyzed, Digest, Sentence
from .markdown import (
    article_path,
    event_path,
    front_matter,
    href,
    person_path,
    story_path,
    text,
    url,
)

INDEX = "articles/index.md"


def pages(digest: Digest) -> dict[str, str]:
    result = {INDEX: index_page(digest)}
    for item in digest.articles:
        result[article_path(item.article.slug)] = article_page(item, digest)
    return result


def date_label(item: Analyzed) -> str:
    published = item.article.published
    return published.isoformat() if published else "undated"


def index_page(digest: Digest) -> str:
    """All articles by month, newest first: a list that stays readable as it grows."""
    by_month: dict[str, list[Analyzed]] = defaultdict(list)
    for item in digest.articles:
        published = item.article.published
        by_month[published.strftime("%B %Y") if published else "Undated"].append(item)
    lines = [front_matter(title="Articles"), "# Articles\n", f"{len(digest.articles)} articles.\n"]
    for month, items in by_month.items():
        lines.append(f"## {month}\n")
        for item in items:
            a = item.article
            link = f"[{text(a.title)}]({href(INDEX, article_path(a.slug))})"
            lines.append(f"- {link} · {text(a.outlet)} · {date_label(item)}")
        lines.append("")
    return "\n".join(lines)


def position(sentence: Sentence) -> str:
    return f"¶{sentence.paragraph + 1}, sentence {sentence.index + 1}"


def article_page(item: Analyzed, digest: Digest) -> str:
    a, analysis = item.article, item.analysis
    path = article_path(a.slug)
    out = [front_matter(title=a.title), f"# {text(a.title)}\n"]

    facts = [f"**Outlet:** {text(a.outlet)}", f"**Published:** {date_label(item)}"]
    if a.authors:
        facts.append("**By:** " + ", ".join(text(name) for name in a.authors))
    facts.append(f"**Length:** {analysis.word_count} words, {len(analysis.sentences)} sentences")
    original = url(a.url)
    if original:
        facts.append(f"**Original:** [{text(a.outlet)}]({original})")
    out.append("  \n".join(facts) + "\n")

    out.append("## Summary\n")
    out.append(
        f"The {len(analysis.summary.sentences)} sentences that best sum up the article, "
        f"in article order (chosen by {text(analysis.summary.algorithm)}).\n"
    )
    for chosen in analysis.summary.sentences:
        s = chosen.sentence
        out.append(f"1. {text(s.text)} <small>[{position(s)}](#s{s.index})</small>")
    out.append("")

    story = next((s for s in digest.stories if a.slug in s.articles), None)
    if story is not None and len(story.articles) > 1:
        out.append("## Story\n")
        others = len(story.articles) - 1
        link = href(path, story_path(story.slug))
        out.append(f"Compared with {others} other report(s): [{text(story.title)}]({link})\n")

    people = [p for p in digest.people if a.slug in p.articles]
    if people:
        out.append("## People\n")
        for person in people:
            out.append(f"- [{text(person.name)}]({href(path, person_path(person.slug))})")
        out.append("")

    events = [e for e in digest.events if any(r.citation.article == a.slug for r in e.reports)]
    if events:
        out.append("## Events\n")
        for event in events:
            link = href(path, event_path(event.slug))
            out.append(f"- {event.date}: [{text(event.title)}]({link})")
        out.append("")

    if analysis.quotes:
        out.append("## Quotes\n")
        for quote in analysis.quotes:
            speaker = text(quote.speaker) if quote.speaker else "unattributed"
            where = f"<small>[sentence {quote.sentence + 1}](#s{quote.sentence})</small>"
            out.append(f"- “{text(quote.text)}” — {speaker} {where}")
        out.append("")

    out.append("## Full text\n")
    out.append(
        "Every sentence is numbered so that citations elsewhere on the site can point at it.\n"
    )
    out.append('<div class="article-text" markdown>\n')
    paragraph = -1
    for s in analysis.sentences:
        if s.paragraph != paragraph:
            if paragraph >= 0:
                out.append("")
            paragraph = s.paragraph
        out.append(f'<a id="s{s.index}"></a>{text(s.text)}')
    out.append("\n</div>\n")
    return "\n".join(out)
