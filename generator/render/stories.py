"""Story pages: the stories index and, per story, the comparison of its outlets.

Laid out for a reader comparing coverage: the side-by-side table first (who, when, how
long), then the multi-source summary, then what the outlets share (each outlet's own
sentence in its own column), what only one reports (its details in bold), the figures that
differ, the quotations each used, whom each quoted, the media each relied on, and what each
leaves out. Every sentence, quote and name comes from an article through `markdown.text()`
and carries its citation; headings and labels are ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Article, CitedText, Comparison, Digest, Gap, Marked, QuoteVersion, Story
from . import markdown as md
from . import months

INDEX = "stories/index.md"
SVG_ROW = 26
SVG_COLUMN = 150


def pages(digest: Digest) -> dict[str, str]:
    """The stories index (split by month when long: `months`) and one page per story of
    several articles (`md.story_has_page`)."""
    result = index_pages(digest)
    for story in digest.stories:
        if md.story_has_page(story):
            result[md.story_path(story.slug)] = story_page(digest, story)
    return result


# --- index --------------------------------------------------------------------------------


def index_pages(digest: Digest) -> dict[str, str]:
    if not months.split(digest.stories):
        return {INDEX: index_page(digest)}
    grouped = md.group(digest.stories, lambda story: months.key_of(_latest(digest, story)))
    intro = (
        f"{md.plural(len(digest.stories), 'story')} in {md.plural(len(grouped), 'month')}, by the "
        f"month of their latest report, newest first. {INTRO}"
    )

    def body(page: str, stories: Sequence[Story]) -> list[str]:
        return [f"{md.plural(len(stories), 'story')}.\n", *_entries(page, digest, stories)]

    return months.pages(INDEX, "stories", "Stories", intro, grouped, "story", body)


INTRO = (
    "A story told by several outlets has a comparison: what they share, what only one "
    "reports, and whom each quoted. A story told by one article links to that article."
)


def _latest(digest: Digest, story: Story) -> dt.date | None:
    dates = [digest.article(slug).article.published for slug in story.articles]
    return max((d for d in dates if d), default=None)


def index_page(digest: Digest) -> str:
    lines = [md.front_matter(title="Stories"), "# Stories\n"]
    if not digest.stories:
        return "\n".join([*lines, "No stories yet.\n"])
    lines.append(f"Articles that report the same story, grouped, newest first. {INTRO}\n")
    return "\n".join([*lines, *_entries(INDEX, digest, digest.stories)])


def _entries(page: str, digest: Digest, stories: Sequence[Story]) -> list[str]:
    lines = []
    for story in stories:
        articles = [digest.article(slug).article for slug in story.articles]
        outlets = sorted({a.outlet for a in articles})
        dates = sorted(a.published.isoformat() for a in articles if a.published)
        when = " to ".join(dict.fromkeys([dates[0], dates[-1]])) if dates else "undated"
        label = "comparison of" if story.comparison is not None else "report by"
        lines.append(f"## {md.link(story.title, md.href(page, md.story_target(story)))}\n")
        lines.append(
            f"{md.plural(len(articles), 'article')} · {label} "
            + ", ".join(md.text(o) for o in outlets)
            + f" · {when}\n"
        )
        if story.summary:
            first = story.summary[0]
            lines.append(f"> {md.text(first.text)} {_cite(page, digest, first)}\n")
    return lines


# --- one story ----------------------------------------------------------------------------


def story_page(digest: Digest, story: Story) -> str:
    path = md.story_path(story.slug)
    articles = [digest.article(slug).article for slug in story.articles]
    lines = [md.page_meta(digest, story.title, quoting=True) + f"# {md.text(story.title)}\n"]
    outlets = sorted({a.outlet for a in articles})
    lines.append(
        f"{md.plural(len(articles), 'article')} from "
        + ", ".join(md.text(o) for o in outlets)
        + ". [All stories](index.md)\n"
    )
    comparison = story.comparison if isinstance(story.comparison, Comparison) else None
    if comparison is not None:
        lines.append(_sides(path, digest, comparison))
    else:
        lines.append("## Articles\n\n" + "".join(_article_line(path, a) for a in articles))
    if story.summary:
        lines.append(
            "## Summary\n\n"
            "The most central sentences of all the articles together, near-duplicates "
            "removed, each cited.\n\n"
            + "".join(f"- {md.text(c.text)} ({_cite(path, digest, c)})\n" for c in story.summary)
        )
    if comparison is not None:
        lines += [
            _shared(path, digest, comparison),
            _unique(path, digest, comparison),
            _numbers(path, digest, comparison),
            _quotes(path, digest, comparison),
            _people(path, digest, comparison),
            _sources(path, digest, comparison),
            _gaps(path, digest, comparison),
        ]
    return "\n".join(part for part in lines if part).rstrip() + "\n"


def _article_line(path: str, article: Article) -> str:
    label = md.link(article.title, md.href(path, md.article_path(article.slug)))
    return f"- {label}: {md.text(article.outlet)}, {md.published(article)}\n"


def _cite(path: str, digest: Digest, cited: CitedText) -> str:
    return md.cite(path, digest.article(cited.citation.article).article, cited.citation)


def _marked(marked: Marked) -> str:
    """A sentence with the spans only its outlet reports in bold."""
    text, parts, position = marked.cited.text, [], 0
    for start, end in marked.unique_spans:
        parts.append(_inline(text[position:start]))
        parts.append(f"**{md.text(text[start:end])}**")
        position = end
    parts.append(_inline(text[position:]))
    return "".join(parts).strip()


def _inline(piece: str) -> str:
    """Escaped text that keeps a space at either end (`text()` trims them)."""
    if not piece.strip():
        return " " if piece else ""
    before = " " if piece[0].isspace() else ""
    after = " " if piece[-1].isspace() else ""
    return before + md.text(piece) + after


def _outlet_names(digest: Digest, comparison: Comparison) -> list[str]:
    return [md.text(side.outlet) for side in comparison.sides]


# --- sections -----------------------------------------------------------------------------


def _sides(path: str, digest: Digest, comparison: Comparison) -> str:
    header = ["", *_outlet_names(digest, comparison)]
    rows = [
        ["Headline"]
        + [md.link(s.title, md.href(path, md.article_path(s.article))) for s in comparison.sides],
        ["Published"] + [s.published or "—" for s in comparison.sides],
        ["Length"]
        + [
            f"{md.plural(s.words, 'word')}, {md.plural(s.sentences, 'sentence')}"
            for s in comparison.sides
        ],
        ["Authors"] + [", ".join(md.text(a) for a in s.authors) or "—" for s in comparison.sides],
        ["Original"]
        + [
            f"[{md.text(s.outlet)}]({md.url(s.url)})" if md.url(s.url) else "—"
            for s in comparison.sides
        ],
        ["Shared facts"] + [str(len(comparison.shared))] * len(comparison.sides),
        ["Facts only here"] + [str(len(u.sentences)) for u in comparison.unique],
        ["Quotations"]
        + [
            str(sum(1 for g in comparison.quotes for v in g.versions if v.article == s.article))
            for s in comparison.sides
        ],
    ]
    text = "## Side by side\n\n" + md.table(header, rows)
    if comparison.omitted:
        text += (
            f"\n{md.plural(len(comparison.omitted), 'more report')} of this story, not compared "
            "(one article per outlet, at most six outlets):\n\n"
            + "".join(
                _article_line(path, digest.article(slug).article) for slug in comparison.omitted
            )
        )
    return text


def _shared(path: str, digest: Digest, comparison: Comparison) -> str:
    lines = ["## Reported by several outlets\n"]
    if not comparison.shared:
        return "\n".join([*lines, "No statement is reported by more than one outlet.\n"])
    lines.append(
        "Sentences that say the same thing, matched by meaning. Each outlet's own words; "
        "in bold, details no other outlet gives.\n"
    )
    slugs = [s.article for s in comparison.sides]
    rows = []
    for fact in comparison.shared:
        cells = ["—"] * len(slugs)
        for version in fact.versions:
            column = slugs.index(version.cited.citation.article)
            cells[column] = f"{_marked(version)} ({_cite(path, digest, version.cited)})"
        rows.append(cells)
    lines.append(md.table(_outlet_names(digest, comparison), rows))
    return "\n".join(lines)


def _unique(path: str, digest: Digest, comparison: Comparison) -> str:
    lines = ["## Reported by one outlet only\n"]
    for side, facts in zip(comparison.sides, comparison.unique, strict=True):
        lines.append(f"### Only {md.text(side.outlet)}\n")
        if not facts.sentences and not facts.details:
            lines.append("Nothing that the other outlets do not also report.\n")
            continue
        lines += [f"- {_marked(m)} ({_cite(path, digest, m.cited)})" for m in facts.sentences]
        if facts.details:
            lines.append("")
            lines.append("Details it adds to statements the others share (in bold):\n")
            lines += [f"- {_marked(m)} ({_cite(path, digest, m.cited)})" for m in facts.details]
        lines.append("")
    return "\n".join(lines)


def _numbers(path: str, digest: Digest, comparison: Comparison) -> str:
    if not comparison.numbers:
        return (
            "## Numbers that differ\n\nThe outlets give no differing figures for the same thing.\n"
        )
    rows = []
    for difference in comparison.numbers:
        verdict = "ranges overlap" if difference.compatible else "disagree"
        for figure in difference.figures:
            article = digest.article(figure.cited.citation.article).article
            rows.append(
                [
                    md.text(difference.figures[0].unit),
                    verdict,
                    md.text(article.outlet),
                    f"**{md.text(figure.text)}**",
                    f"{md.text(figure.cited.text)} ({_cite(path, digest, figure.cited)})",
                ]
            )
    return "## Numbers that differ\n\n" + md.table(
        ["About", "Verdict", "Outlet", "Figure", "Sentence"], rows
    )


def _quote_cell(path: str, digest: Digest, versions: Sequence[QuoteVersion]) -> str:
    cells = []
    for version in versions:
        speaker = f" ({md.text(version.speaker)})" if version.speaker else ""
        cells.append(f"“{md.text(version.text)}”{speaker} {_cite(path, digest, version.cited)}")
    return "<br>".join(cells) if cells else "—"


def _quotes(path: str, digest: Digest, comparison: Comparison) -> str:
    lines = ["## Quotations\n"]
    if not comparison.quotes:
        return "\n".join([*lines, "No quotations were found in these articles.\n"])
    slugs = [s.article for s in comparison.sides]
    shared = [g for g in comparison.quotes if len(g.articles) > 1]
    if shared:
        lines.append("Quoted by more than one outlet, as each trimmed it:\n")
        rows = [
            [
                _quote_cell(path, digest, [v for v in g.versions if v.article == slug])
                for slug in slugs
            ]
            for g in shared
        ]
        lines.append(md.table(_outlet_names(digest, comparison), rows))
    for side in comparison.sides:
        own = [v for g in comparison.quotes if g.articles == (side.article,) for v in g.versions]
        if own:
            lines.append(f"Quoted only by {md.text(side.outlet)}:\n")
            lines += [f"- {_quote_cell(path, digest, [v])}" for v in own]
            lines.append("")
    return "\n".join(lines)


def _people(path: str, digest: Digest, comparison: Comparison) -> str:
    if not comparison.people:
        return ""
    names = _outlet_names(digest, comparison)
    rows = []
    for use in comparison.people:
        label = (
            md.link(use.name, md.href(path, md.person_path(use.person)))
            if use.person
            else md.text(use.name)
        )
        cells = []
        for quoted, named in zip(use.quoted, use.named, strict=True):
            cells.append(f"quoted {quoted}×" if quoted else ("named" if named else "—"))
        rows.append([label, *cells])
    return (
        "## Who each outlet quoted and named\n\n"
        + _people_svg(comparison)
        + "\n"
        + md.table(["Person", *names], rows)
    )


def _people_svg(comparison: Comparison) -> str:
    """A dot matrix: one row per person, one column per outlet; dot size = quotes."""
    people = [p for p in comparison.people if any(p.quoted) or any(p.named)][:20]
    if not people:
        return ""
    label_width = 200
    width = label_width + SVG_COLUMN * len(comparison.sides)
    height = SVG_ROW * (len(people) + 1) + 8
    parts = [
        f'<div class="digest-quoted" markdown="0"><svg role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Who each outlet quoted (filled dots, larger for more quotes) "
        "or only named (rings)</title>",
    ]
    for column, side in enumerate(comparison.sides):
        x = label_width + SVG_COLUMN * column + SVG_COLUMN // 2
        parts.append(
            f'<text x="{x}" y="{SVG_ROW - 8}" text-anchor="middle" font-size="13" '
            f'font-weight="bold" fill="currentColor">{md.text(side.outlet)}</text>'
        )
    for row, person in enumerate(people, start=1):
        y = SVG_ROW * row + SVG_ROW // 2
        parts.append(
            f'<text x="{label_width - 10}" y="{y + 4}" text-anchor="end" font-size="13" '
            f'fill="currentColor">{md.text(person.name)}</text>'
        )
        for column, (quoted, named) in enumerate(zip(person.quoted, person.named, strict=True)):
            x = label_width + SVG_COLUMN * column + SVG_COLUMN // 2
            if quoted:
                radius = min(4 + 2 * quoted, 11)
                parts.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="currentColor"/>')
            elif named:
                parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="none" stroke="currentColor"/>')
    parts.append("</svg></div>")
    return "".join(parts) + "\n"


def _sources(path: str, digest: Digest, comparison: Comparison) -> str:
    if not comparison.sources:
        return "## Sources cited\n\nNo outlet attributes anything to other media.\n"
    rows = [
        [
            md.text(digest.article(s.article).article.outlet),
            f"**{md.text(s.name)}**",
            f"{md.text(s.cited.text)} ({_cite(path, digest, s.cited)})",
        ]
        for s in comparison.sources
    ]
    return "## Sources cited\n\nOther media and agencies each outlet relies on.\n\n" + md.table(
        ["Outlet", "Source", "Sentence"], rows
    )


GAP_KINDS = (
    ("person", "People"),
    ("place", "Places"),
    ("organisation", "Organisations"),
    ("event", "Events"),
)


def _gaps(path: str, digest: Digest, comparison: Comparison) -> str:
    """What some outlets mention and others leave out, a table per kind: each name once,
    linked to its page when it has one, cited where it is mentioned, then the outlets that
    leave it out. Listing each name under every outlet that misses it repeated it up to
    five times with all its citations: at 10,000 articles, 55 KB of a 94 KB page. The
    mentioning sentences are cited, not quoted: they are on the page already."""
    if not comparison.gaps:
        return ""
    outlets = {side.article: side.outlet for side in comparison.sides}
    lines = [
        "## Coverage gaps\n",
        "People, places, organisations and events that some outlets mention and others do "
        "not: each cited where it is mentioned, with the outlets that leave it out.\n",
    ]
    for kind, heading in GAP_KINDS:
        rows = [
            [
                _gap_name(path, gap),
                ", ".join(_cite(path, digest, c) for c in gap.mentions),
                ", ".join(md.text(outlets[slug]) for slug in gap.missing),
            ]
            for gap in comparison.gaps
            if gap.kind == kind
        ]
        if rows:
            lines.append(f"### {heading}\n")
            lines.append(md.table(["Name", "Mentioned by", "Not in"], rows))
    return "\n".join(lines)


def _gap_name(path: str, gap: Gap) -> str:
    if gap.target and gap.kind == "person":
        return md.link(gap.name, md.href(path, md.person_path(gap.target)))
    if gap.target and gap.kind == "event":
        return md.link(gap.name, md.href(path, md.event_path(gap.target)))
    return md.text(gap.name)
