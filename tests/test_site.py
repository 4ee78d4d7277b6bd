"""End to end: build the sample site with `mkdocs build --strict` and read what a reader gets."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import settings_for

from generator import build, write

pytestmark = pytest.mark.e2e


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.loads, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        elif attrs.get("src"):
            self.loads.append(attrs["src"])

    def handle_data(self, data):
        self.text.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import shutil

    from conftest import ROOT

    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "content", root / "content")
    (root / "docs").mkdir()
    write.copy_hand_written(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    build.build(settings_for(root))
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root / "site", build.generate(settings_for(root)).digest


def test_every_article_has_a_page_with_its_summary(site):
    site_dir, digest = site
    for item in digest.articles:
        page = read_page(site_dir / "articles" / item.article.slug / "index.html")
        text = " ".join("".join(page.text).split())
        assert " ".join(item.article.title.split()) in text
        for chosen in item.analysis.summary.sentences:
            assert " ".join(chosen.sentence.text.split()) in text


def test_home_lists_the_latest_and_links_sections(site):
    site_dir, _ = site
    home = read_page(site_dir / "index.html")
    text = "".join(home.text)
    assert "Articles" in text
    assert any("articles/" in href for href in home.links)


def test_no_page_loads_anything_from_another_host(site):
    site_dir, _ = site
    for html in site_dir.rglob("*.html"):
        page = read_page(html)
        for ref in page.loads:
            assert not re.match(r"(https?:)?//", ref), (html, ref)


def test_people_pages_show_names_roles_and_cited_quotes(site):
    site_dir, digest = site
    index = read_page(site_dir / "people" / "index.html")
    index_text = "".join(index.text)
    assert digest.people, "the sample names people"
    for person in digest.people:
        assert person.name in index_text
        page = read_page(site_dir / "people" / person.slug / "index.html")
        text = " ".join("".join(page.text).split())
        assert person.name in text
        for quote in person.quotes:
            assert " ".join(quote.text.split()) in text
        for role in person.roles:
            assert " ".join(role.text.split()) in text
        cited = [h for h in page.links if "/articles/" in h and "#s" in h]
        assert len(cited) >= len(person.quotes)
    article = digest.articles[0].article
    article_page = read_page(site_dir / "articles" / article.slug / "index.html")
    assert any("/people/" in h for h in article_page.links)
