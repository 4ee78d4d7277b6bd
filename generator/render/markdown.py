"""The one place where untrusted article text becomes Markdown.

Every string that comes from an article (sentences, titles, outlet and author names,
quotes, URLs) goes through `text()` or `url()` before it is put on a page; everything
else on a page is a label the generator writes itself. Markdown and HTML syntax in an
article therefore shows as text: characters that could start markup where they stand are
written as HTML character references, which Python-Markdown passes through and the browser
shows as the characters themselves.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import quote

from ..model import Article, Citation, CitedText, Digest, Event, Story

# ASCII characters that begin markup anywhere in a line, in the syntax of the Markdown
# extensions mkdocs.yml enables (emphasis, code, links, inline HTML and entities, attribute
# lists, table cells, a heading's closing hashes) and in Jinja or snippet syntax. An extension
# that claims another character (`$` for maths, `:` for emoji, `~`, `^` or `=` for
# strike-through, super- or highlighted text) must add it here; tests/test_render.py feeds
# such strings through the site's own extensions and fails until it is.
_INLINE = "\\`*_{}[]<>&|#"
# Characters that begin markup only at the start of a line (lists, headings, block quotes,
# rules, setext underlines, definition lists, admonitions, fences), added to those above for
# the first character of a value: it may be written where a line or a list item begins.
_LINE_START = "-+=:!~"
_REFERENCE = {char: f"&#{ord(char)};" for char in _INLINE + _LINE_START}
# A regular expression finds them in C and calls back only where one is: three times as fast
# as str.translate with a dict, which looks every character up (every page calls `text` a
# thousand times; a 10,000-article site, a million). Escaping only what is markup where it
# stands keeps the pages readable as Markdown ("mother-of-two", not "mother&#45;of&#45;two")
# and saves `mkdocs build` the work of one inline token per reference.
_MARKUP = re.compile("[" + re.escape(_INLINE) + "]")
_FIRST = re.compile("^[" + re.escape(_LINE_START) + "]")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")
T = TypeVar("T")


def text(value: str) -> str:
    """Untrusted text as inert Markdown: one line, every character that could start markup
    where it stands neutralised."""
    value = " ".join(value.split())
    value = _FIRST.sub(_reference, _MARKUP.sub(_reference, value))
    return _LEADING_NUMBER.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", value)


def _reference(found: re.Match[str]) -> str:
    return _REFERENCE[found.group()]


def group(entries: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """Entries by key, in the order their keys first appear, each group's entries in their
    given order."""
    grouped: dict[str, list[T]] = {}
    for entry in entries:
        grouped.setdefault(key(entry), []).append(entry)
    return grouped


def word_for_word(cited: Iterable[CitedText]) -> dict[str, list[CitedText]]:
    """Cited lines by their text (spacing aside), in the order first seen: a sentence or a
    quotation that several articles print word for word (wire copy) is shown once."""
    return group(cited, lambda line: " ".join(line.text.split()))


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 story', '1,234 stories'; `many` for a noun of its own ('2 people')."""
    return f"{count:,} {noun if count == 1 else many or plural_of(noun)}"


def plural_of(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def url(value: str | None) -> str | None:
    """An http(s) address safe inside `(...)` of a Markdown link, or None for anything else."""
    if not value or not re.match(r"https?://", value, re.IGNORECASE):
        return None
    return quote(value, safe=":/?#@!$&*+,;=%~.-_")  # quotes and brackets: %-encoded


def link(label: str, href: str) -> str:
    """A link whose label is untrusted text and whose target the generator made."""
    return f"[{text(label)}]({href})"


def front_matter(**fields: object) -> str:
    """Page metadata for MkDocs (JSON is YAML, and JSON strings are always quoted safely).

    Material writes `page.meta.title` (and `description`) into `<title>`, the header and
    `<meta>` attributes as raw HTML, without escaping, so string values are HTML-escaped
    here: an article titled `</title><script>` shows as that text. Without a meta title
    Material would fall back to the H1 passed through Jinja's `striptags`, which *decodes*
    entities after stripping tags, so every page keeps a meta title.
    """
    lines = [
        f"{key}: {json.dumps(_html_escape(value), ensure_ascii=False)}"
        for key, value in fields.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# Characters YAML refuses (control characters, surrogates, U+FFFE/U+FFFF): MkDocs could not
# read the page's front matter at all.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _html_escape(value: object) -> object:
    if isinstance(value, str):
        value = _NOT_YAML.sub("\ufffd", " ".join(value.split()))
        # <, > and & always; " for attributes (Material's are double-quoted); ' stays readable
        return html.escape(value, quote=False).replace('"', "&quot;")
    if isinstance(value, list | tuple):
        return [_html_escape(item) for item in value]
    return value


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table; cells must already be rendered (escaped) strings."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --- what the search index holds ---------------------------------------------------------
# Every reader's browser downloads the whole search index. Up to this many articles it holds
# every page. Above it, it keeps what a reader searches for (titles, names, roles, quotes,
# summaries; story and event titles through their index pages) and leaves out the pages and
# sections that only repeat article sentences: full texts, story comparisons and event
# pages. At 10,000 articles the whole index was 78 MB, the story pages alone 35 MB; and
# `mkdocs build` spends a quarter of a story page's time indexing it.
SEARCH_EVERYTHING_UP_TO = 500


def search_everything(digest: Digest) -> bool:
    """Whether the search index holds every page of this digest (see above)."""
    return len(digest.articles) <= SEARCH_EVERYTHING_UP_TO


def page_meta(digest: Digest, title: str, quoting: bool = False) -> str:
    """Front matter of a generated page; a page that only `quoting` article sentences
    stays out of a large digest's search index."""
    if quoting and not search_everything(digest):
        return front_matter(title=title, search={"exclude": True})
    return front_matter(title=title)


# --- where pages live ---------------------------------------------------------------------
# Paths are relative to docs/. Links between pages are relative to the linking page, so the
# site works from any base URL and `mkdocs build --strict` can check every one.

SECTIONS = ("articles", "people", "events", "stories")


def article_path(slug: str) -> str:
    return f"articles/{slug}.md"


def person_path(slug: str) -> str:
    return f"people/{slug}.md"


def event_path(slug: str) -> str:
    return f"events/{slug}.md"


def story_path(slug: str) -> str:
    return f"stories/{slug}.md"


def story_has_page(story: Story) -> bool:
    """Whether a story gets a page of its own: the one place that decides it.

    A story of one article is that article: there is nothing to compare, and its page would
    only repeat the article's title and summary. So it has no page, and every link to it goes
    to its article (at 10,000 articles two stories in three are of one article: 4,482 pages
    `mkdocs build` would otherwise convert). The Story itself stays in the Digest.
    """
    return len(story.articles) != 1


def story_target(story: Story) -> str:
    """The page a link to this story leads to: its own, or its one article's."""
    return story_path(story.slug) if story_has_page(story) else article_path(story.articles[0])


def href(from_path: str, to_path: str) -> str:
    """Relative link from one docs/ page to another (both relative to docs/)."""
    source = from_path.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def published(article: Article) -> str:
    """The publication date as shown on every page."""
    return article.published.isoformat() if article.published else "undated"


def article_item(from_path: str, article: Article) -> str:
    """An item of an articles list: title linked to its page, outlet, publication date."""
    title = link(article.title, href(from_path, article_path(article.slug)))
    return f"{title} · {text(article.outlet)} · {published(article)}"


def event_item(from_path: str, event: Event) -> str:
    """An item of an events list: date, then the event's label linked to its page."""
    return f"{event.date}: {link(event.title, href(from_path, event_path(event.slug)))}"


def list_section(heading: str, items: Iterable[str]) -> list[str]:
    """Lines of a '## heading' over a bulleted list of rendered items; none when it is empty."""
    items = list(items)
    return [f"## {heading}\n", *(f"- {item}" for item in items), ""] if items else []


def cite(
    from_path: str, article: Article, citation: Citation | None = None, dated: bool = False
) -> str:
    """A citation link: outlet name (`dated`: and publication date), to the article page (and
    sentence anchor)."""
    anchor = f"#s{citation.sentence}" if citation is not None else ""
    label = f"{article.outlet}, {published(article)}" if dated else article.outlet
    return link(label, href(from_path, article_path(article.slug)) + anchor)
