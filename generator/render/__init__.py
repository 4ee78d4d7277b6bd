"""Digest -> Markdown pages. Pure: no I/O, no NLP.

Each module in PAGE_MODULES renders one kind of page with `pages(digest) -> {path: text}`
(paths relative to docs/). The home page is rendered last, because it links to the section
indexes that exist.
"""

from __future__ import annotations

import importlib

from ..model import Digest
from . import home
from .markdown import front_matter

PAGE_MODULES: tuple[str, ...] = ("article", "people", "events", "stories")

# Pages mkdocs.yml's nav names. A corpus may have no people or no dated events (one short
# article, or every file rejected); a nav entry without its page fails `mkdocs build
# --strict`, so such a section gets a page that says it is empty.
NAV_PAGES = {
    "stories/index.md": ("Stories", "No stories yet."),
    "articles/index.md": ("Articles", "No articles yet."),
    "people/index.md": ("People", "No people are named in the articles yet."),
    "events/index.md": ("Events", "No dated events in the articles yet."),
    "timeline.md": ("Timeline", "No dated events in the articles yet."),
}


def render(digest: Digest) -> dict[str, str]:
    """Every generated page of the site, keyed by its path under docs/."""
    pages: dict[str, str] = {}
    for name in PAGE_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for path, text in module.pages(digest).items():
            if path in pages:
                raise ValueError(f"two page kinds both render {path}")
            pages[path] = text
    pages.update(home.pages(digest, existing=frozenset(pages)))
    for path, (title, message) in NAV_PAGES.items():
        if path not in pages:
            pages[path] = f"{front_matter(title=title)}# {title}\n\n{message}\n"
    return dict(sorted(pages.items()))
