"""Event pages, index and timeline: escaping, citations, links, and a strict MkDocs build."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.model import (
    Analyzed,
    Article,
    ArticleAnalysis,
    Citation,
    CitedText,
    Digest,
    Event,
    Person,
    Sentence,
    Summary,
)
from generator.render import events as render
from generator.render.markdown import article_path, event_path, person_path

HOSTILE = "<script>alert(1)</script> *bold* [x](http://evil.example)"


def _article(slug: str, outlet: str, sentences: list[str]) -> Analyzed:
    item = Article(
        path=f"{slug}.md",
        slug=slug,
        title=slug,
        outlet=outlet,
        published=dt.date(2022, 3, 10),
        paragraphs=tuple(sentences),
    )
    offset, parsed = 0, []
    for index, text in enumerate(sentences):
        parsed.append(Sentence(text, offset, offset + len(text), index, index))
        offset += len(text) + 2
    analysis = ArticleAnalysis(sentences=tuple(parsed), summary=Summary("t", ()), word_count=0)
    return Analyzed(item, analysis)


@pytest.fixture
def digest() -> Digest:
    nyt = _article("nyt", "The New York Times", ["They met in Antalya on Thursday.", HOSTILE])
    odd = _article("odd", "Outlet | *Odd*", ["A strike hit Mariupol on Wednesday."])
    talks = Event(
        slug="2022-03-10-meeting-in-antalya",
        title="Meeting in Antalya, 10 March 2022",
        date="2022-03-10",
        precision="day",
        reports=(CitedText("They met in Antalya on Thursday.", Citation("nyt", 0)),),
        places=("Antalya", "Turkey"),
        participants=("sergey-lavrov", "dmytro-kuleba"),
        participant_names=("Sergey Lavrov", "Dmytro Kuleba"),
        outlets=("The New York Times",),
    )
    hostile = Event(
        slug="2022-03-09-strike",
        title=HOSTILE,
        date="2022-03-09",
        precision="day",
        reports=(
            CitedText(HOSTILE, Citation("nyt", 1)),
            CitedText("A strike hit Mariupol on Wednesday.", Citation("odd", 0)),
        ),
        places=(HOSTILE,),
        outlets=("Outlet | *Odd*", "The New York Times"),
        disagreements=(f"Places differ: Outlet | *Odd* names Mariupol; X names {HOSTILE}",),
    )
    month = Event(
        slug="2022-02-invasion",
        title="Invasion, February 2022",
        date="2022-02",
        precision="month",
        reports=(CitedText("A strike hit Mariupol on Wednesday.", Citation("odd", 0)),),
        outlets=("Outlet | *Odd*",),
    )
    lavrov = Person("sergey-lavrov", "Sergey Lavrov", ("Lavrov",), (), (), ("nyt",), 1)
    return Digest(articles=(nyt, odd), people=(lavrov,), events=(month, hostile, talks))


def test_pages_are_the_index_the_timeline_and_one_per_event(digest: Digest) -> None:
    pages = render.pages(digest)
    assert set(pages) == {
        "events/index.md",
        "timeline.md",
        *(event_path(e.slug) for e in digest.events),
    }
    assert render.pages(Digest(articles=digest.articles)) == {}


def test_article_text_is_escaped_everywhere(digest: Digest) -> None:
    for path, page in render.pages(digest).items():
        assert "<script>" not in page, path
        assert "*bold*" not in page, path
        assert "](http://evil" not in page, path
        assert "Outlet | *Odd*" not in page, path  # would split a table cell or emphasise


def test_event_page_cites_every_report_and_links_known_people(digest: Digest) -> None:
    page = render.pages(digest)[event_path("2022-03-10-meeting-in-antalya")]
    assert "**When:** 10 March 2022 (day precision, `2022-03-10`)" in page
    assert "They met in Antalya on Thursday." in page
    assert "(../articles/nyt.md#s0)" in page
    assert "[Sergey Lavrov](../people/sergey-lavrov.md)" in page
    assert "Dmytro Kuleba" in page and "people/dmytro-kuleba.md" not in page  # no page: no link


def test_disagreements_are_listed(digest: Digest) -> None:
    page = render.pages(digest)[event_path("2022-03-09-strike")]
    assert "## Where the reports differ" in page
    assert "Places differ" in page


def test_timeline_groups_by_month_and_day_in_order(digest: Digest) -> None:
    page = render.pages(digest)["timeline.md"]
    headings = re.findall(r"^#{2,3} (.+)$", page, re.MULTILINE)
    assert headings == [
        "February 2022",
        "During February 2022",
        "March 2022",
        "9 March 2022",
        "10 March 2022",
    ]


def test_timeline_svg_is_wellformed_and_self_contained(digest: Digest) -> None:
    svg = render.timeline_svg(digest.events)
    root = ET.fromstring(svg)  # numeric character references are valid XML
    assert root.tag == "figure"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) == 2
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect")) == 1
    assert not re.search(r"\b(?:href|src)=", svg)  # nothing loaded, nothing linked
    assert "<script" not in svg
    assert render.timeline_svg(digest.events) == svg  # deterministic


@pytest.mark.e2e
def test_pages_pass_a_strict_mkdocs_build(digest: Digest, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    pages = dict(render.pages(digest))
    pages["index.md"] = "# Home\n"
    for item in digest.articles:
        anchors = "\n\n".join(f'<a id="s{s.index}"></a>x' for s in item.analysis.sentences)
        pages[article_path(item.article.slug)] = f"# Article\n\n{anchors}\n"
    for person in digest.people:
        pages[person_path(person.slug)] = "# Person\n"
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nstrict: true\ntheme: {name: material, font: false}\n"
        "markdown_extensions: [attr_list, md_in_html, tables]\n"
        "validation: {links: {not_found: warn, anchors: warn}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    timeline = (tmp_path / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in timeline and "<script>alert" not in timeline


def test_a_sentence_several_reports_carry_is_quoted_once_with_every_citation() -> None:
    wire = "A strike hit Mariupol on Wednesday, officials said."
    ap = _article("ap", "AP", [wire])
    nyt = _article("nyt", "The New York Times", ["Intro.", wire, "Own words."])
    nyt2 = _article("nyt2", "The New York Times", ["Own  words."])
    event = Event(
        slug="2022-03-09-strike",
        title="Strike, 9 March 2022",
        date="2022-03-09",
        precision="day",
        reports=(
            CitedText(wire, Citation("nyt", 1)),
            CitedText("Own words.", Citation("nyt", 2)),
            CitedText(wire, Citation("ap", 0)),
            CitedText("Own  words.", Citation("nyt2", 0)),
        ),
        outlets=("AP", "The New York Times"),
    )
    page = render.pages(Digest(articles=(ap, nyt, nyt2), events=(event,)))[event_path(event.slug)]
    said = page.split("## What the reports say\n")[1]
    assert said.count(wire) == 1 and said.count("Own words.") == 1
    assert said.index("### Word for word in several outlets") < said.index(wire)
    assert (
        f"> {wire} [The New York Times](../articles/nyt.md#s1), [AP](../articles/ap.md#s0)"
    ) in said
    # the same outlet twice: each citation dated
    assert (
        "> Own words. [The New York Times, 2022-03-10](../articles/nyt.md#s2), "
        "[The New York Times, 2022-03-10](../articles/nyt2.md#s0)"
    ) in said
    assert said.index("### The New York Times") < said.index("Own words.")
    assert "### AP" not in said  # AP's one sentence is the shared one
