"""The home page: latest stories with their digests, and the way into each section."""

from __future__ import annotations

from collections.abc import Set

from ..model import Citation, CitedText, Digest, Story
from .markdown import article_path, front_matter, href, plural, published, story_target, text

HOME = "index.md"
LATEST = 20
SECTIONS = (
    ("stories/index.md", "Stories"),
    ("articles/index.md", "Articles"),
    ("people/index.md", "People"),
    ("events/index.md", "Events"),
    ("timeline.md", "Timeline"),
)


def pages(digest: Digest, existing: Set[str]) -> dict[str, str]:
    return {HOME: home_page(digest, existing)}


def home_page(digest: Digest, existing: Set[str]) -> str:
    counts = [
        plural(len(digest.articles), "article"),
        plural(len(digest.stories), "story") if digest.stories else "",
        plural(len(digest.people), "person", "people") if digest.people else "",
        plural(len(digest.events), "event") if digest.events else "",
    ]
    out = [front_matter(title="News Digest"), "# News Digest\n"]
    out.append(" · ".join(c for c in counts if c) + "\n")
    links = [f"[{label}]({href(HOME, path)})" for path, label in SECTIONS if path in existing]
    out.append(" · ".join(links) + "\n")
    out.append("## Latest\n")
    if digest.stories:
        out += _stories(digest)
    else:
        out += _articles(digest)
    return "\n".join(out) + "\n"


def _articles(digest: Digest) -> list[str]:
    out = []
    for item in digest.articles[:LATEST]:
        a = item.article
        out.append(f"### [{text(a.title)}]({href(HOME, article_path(a.slug))})\n")
        out.append(f"{text(a.outlet)} · {published(a)}\n")
        first = item.analysis.summary.sentences[:1]
        if first:
            s = first[0].sentence
            link = href(HOME, article_path(a.slug)) + f"#s{s.index}"
            out.append(f"> {text(s.text)} [{text(a.outlet)}]({link})\n")
    return out


def _stories(digest: Digest) -> list[str]:
    by_slug = {item.article.slug: item.article for item in digest.articles}
    out = []
    for story in digest.stories[:LATEST]:
        articles = [by_slug[slug] for slug in story.articles if slug in by_slug]
        outlets = sorted({a.outlet for a in articles})
        dates = sorted(a.published.isoformat() for a in articles if a.published)
        out.append(f"### [{text(story.title)}]({href(HOME, story_target(story))})\n")
        label = f"{len(articles)} reports" if len(articles) > 1 else "1 report"
        meta = [label, ", ".join(text(o) for o in outlets)]
        if dates:
            meta.append(dates[-1])
        out.append(" · ".join(meta) + "\n")
        line = _digest_line(story, digest)
        if line is not None:
            source = by_slug[line.citation.article]
            link = href(HOME, article_path(source.slug)) + f"#s{line.citation.sentence}"
            out.append(f"> {text(line.text)} [{text(source.outlet)}]({link})\n")
    return out


def _digest_line(story: Story, digest: Digest) -> CitedText | None:
    """The story's one-line digest: its summary's first line, else its article's."""
    if story.summary:
        return story.summary[0]
    for slug in story.articles:
        chosen = digest.article(slug).analysis.summary.sentences
        if chosen:
            return CitedText(chosen[0].sentence.text, Citation(slug, chosen[0].sentence.index))
    return None
