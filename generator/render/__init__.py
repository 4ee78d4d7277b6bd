"""Digest -> Markdown pages. Pure: no I/O, no NLP.

Each module in PAGE_MODULES renders one kind of page with `pages(digest) -> {path: text}`
(paths relative to docs/). The home page is rendered last, because it links to the section
indexes that exist.
"""

from __future__ import annotations

import importlib

from ..model import Digest
from . import home

PAGE_MODULES: tuple[str, ...] = ("article", "people", "events", "stories")


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
    return dict(sorted(pages.items()))
