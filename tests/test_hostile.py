"""A hostile corpus built end to end: bad files reported once, good ones built, nothing injected.

One build of tests/fixtures/hostile (plus binary, odd-encoding, huge and symlinked files made
here) through the real command line, then `mkdocs build --strict` on the result, then the
HTML and the search index MkDocs wrote are inspected the way a browser would parse them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT
from hostile_corpus import EXPECTED, SECRET, make_corpus

from generator import write

pytestmark = pytest.mark.e2e

ABOUT = "# About\n\nWritten by hand; the generator must never touch this page.\n"


PEAK_OF_BUILD = """
import resource
from generator.__main__ import main
code = main(["build", "--progress", "never", "--jobs", "1"])
print("PEAK=%d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
raise SystemExit(code)
"""


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args], cwd=root, capture_output=True, text=True, env=env, timeout=600
    )


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under folder: file bytes, link targets, and the kind of anything else."""
    result: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[name] = "link:" + os.readlink(path)
        elif path.is_file():
            result[name] = path.read_bytes()
        elif not path.is_dir():
            result[name] = "special"
    return result


def docs_snapshot(docs: Path) -> dict[str, bytes | str]:
    return {k: v for k, v in snapshot(docs).items() if not k.startswith(write.LOCK)}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = make_corpus(root)
    docs = root / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copytree(ROOT / "docs" / "method", docs / "method")
    (docs / "about.md").write_text(ABOUT)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    before = snapshot(content)
    built = run(root, "-m", "generator", "build", "--progress", "never", "--jobs", "1")
    after = snapshot(content)
    site = run(root, "-m", "mkdocs", "build", "--strict")
    return SimpleNamespace(root=root, built=built, site=site, before=before, after=after)


def problem_lines(stderr: str, path: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(rf"{re.escape(path)}(:\d+)?: ", line)]


def test_build_finishes_and_mkdocs_strict_passes(hostile):
    built, site = hostile.built, hostile.site
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr and "Warning:" not in built.stderr, built.stderr
    assert site.returncode == 0, site.stderr


def test_each_bad_file_is_reported_once_with_its_reason(hostile):
    built = hostile.built
    for path, (severity, reason) in sorted(EXPECTED.items()):
        lines = problem_lines(built.stderr, path)
        matching = [line for line in lines if f": {severity}: " in line and reason in line]
        assert len(matching) == 1, (path, severity, reason, lines)
        errors = [line for line in lines if ": error: " in line]
        assert len(errors) == (1 if severity == "error" else 0), (path, lines)
    skipped = sum(severity == "error" for severity, _ in EXPECTED.values())
    assert f"{skipped} files skipped" in built.stderr


def test_lines_are_given_where_known(hostile):
    built = hostile.built
    for path, line in (("bad-yaml.md", 4), ("impossible-date.md", 4), ("unparseable-date.md", 4)):
        assert any(x.startswith(f"{path}:{line}: error: ") for x in built.stderr.splitlines())
    assert any(x.startswith("inject-links.md:5: warning: ") for x in built.stderr.splitlines())


def test_good_files_are_built_with_stable_unique_slugs(hostile):
    root = hostile.root
    articles = root / "docs" / "articles"
    pages = {p.stem for p in articles.glob("*.md")} - {"index"}
    content_files = [p for p in (root / "content").iterdir() if not p.is_dir()]
    skipped = {path for path, (severity, _) in EXPECTED.items() if severity == "error"}
    assert len(pages) == len(content_files) - len(skipped)
    assert {"crlf", "cr", "bom", "utf16", "utf16-be", "cp1252", "moskva-peregovory"} <= pages
    assert {"dup", "bei-jing"} <= pages
    assert any(re.fullmatch(r"dup-[0-9a-f]{8}", p) for p in pages)
    assert any(re.fullmatch(r"bei-jing-[0-9a-f]{8}", p) for p in pages)
    assert any(re.fullmatch(r"article-[0-9a-f]{10}", p) for p in pages)  # the emoji file name
    # Decoded text, not mojibake; no carriage returns left from CRLF or CR files.
    cp1252 = (articles / "cp1252.md").read_text(encoding="utf-8")
    assert "Caf\u00e9" in cp1252 and "\u201cninety\u201d" in cp1252
    for name in ("crlf", "cr", "utf16", "utf16-be", "bom"):
        page = (articles / f"{name}.md").read_text(encoding="utf-8")
        assert "\r" not in page and "\ufeff" not in page and "Antalya" in page


def test_content_is_never_modified_and_no_yaml_object_is_built(hostile):
    root, before, after = hostile.root, hostile.before, hostile.after
    assert before == after
    assert not list(root.rglob("PWNED*")) and not list(ROOT.glob("PWNED*"))


def test_hand_written_pages_survive(hostile):
    root = hostile.root
    assert (root / "docs" / "about.md").read_text() == ABOUT
    owned = json.loads((root / "docs" / write.MANIFEST).read_text())["pages"]
    assert "about.md" not in owned and not any(p.startswith("method/") for p in owned)


# --- what MkDocs wrote ---------------------------------------------------------------------

# Tags and attributes Material and our labels use. Anything else in the site came from an
# article (or is new in the theme, which a reviewer should look at).
ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "link", "body", "header", "nav", "main", "article"),
    *("div", "span", "a", "label", "input", "form", "button", "footer", "aside", "script"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "ol", "ul", "li", "strong", "em", "small"),
    *("br", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "details"),
    *("summary", "blockquote", "img", "sup", "abbr", "dl", "dt", "dd", "figure"),
    # the generator's own SVG (timeline, story charts) and Material's icons
    *("svg", "path", "use", "g", "line", "rect", "circle", "text", "style"),
}
ATTACK = re.compile(r"alert|evil\.example|javascript:|data:text|onerror|onload", re.IGNORECASE)


class Inspector(HTMLParser):
    """Parses HTML as a browser would and records whatever could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.bad.append(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.bad.append("<meta http-equiv>")
        for name, value in attrs:
            if name == "id" or (name == "href" and re.fullmatch(r"[\w./#-]*", value or "")):
                continue  # anchors and relative links: slugs, letters digits and hyphens only
            if name == "href" and re.match(r"https?://", value or ""):
                if re.search(r"[\s\"'<>]", value):  # a kept link must be fully %-encoded
                    self.bad.append(f"<{tag} {name}={value!r}>")
                continue
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=>")
            if value and ATTACK.search(value):
                self.bad.append(f"<{tag} {name}={value!r}>")
            scheme = re.match(r"\s*([\w+.-]+):", value or "")
            if name in ("href", "src", "action") and scheme and scheme[1] not in ("http", "https"):
                self.bad.append(f"<{tag} {name}={value!r}>")
        self._script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and ATTACK.search(data):
            self.bad.append(f"<script>{data[:60]}")
        self.text.append(data)

    def handle_comment(self, data):
        if ATTACK.search(data) or "comment in the article" in data:
            self.bad.append(f"<!--{data[:60]}-->")


def inspect(html: str) -> Inspector:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def site_texts(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }


def test_built_html_holds_no_markup_script_or_handler_from_an_article(hostile):
    root = hostile.root
    pages = site_texts(root / "site")
    assert len(pages) > 25
    for name, html in sorted(pages.items()):
        assert inspect(html).bad == [], name


def test_search_index_holds_no_markup_from_an_article(hostile):
    """Material renders the index's titles and texts as HTML in the browser."""
    root = hostile.root
    index = json.loads((root / "site" / "search" / "search_index.json").read_text())
    assert len(index["docs"]) > 25
    for doc in index["docs"]:
        for field in ("title", "text"):
            found = inspect(doc[field])
            assert found.bad == [], (doc["location"], field, found.bad)


def test_hostile_text_is_shown_as_text(hostile):
    """What the attacker wrote is on the page, as the characters they typed."""
    root = hostile.root
    site = root / "site" / "articles"

    def visible(slug: str) -> str:
        return " ".join("".join(inspect((site / slug / "index.html").read_text()).text).split())

    script = visible("inject-script")
    assert "<script>alert('body')</script>" in script
    assert "<img src=x onerror=\"alert('img')\">" in script
    assert "<img src=x onerror=alert('outlet')>" in script  # the outlet name
    links = visible("inject-links")
    assert "[click here](javascript:alert('md-link'))" in links
    assert "<javascript:alert('autolink')>" in links
    markdown = visible("inject-markdown")
    assert "# A heading written in the article text" in markdown
    assert "| column one | column two |" in markdown
    assert "<!-- an HTML comment in the article that must show as text -->" in markdown
    assert "{: onclick=\"alert('attr')\" }" in markdown
    jinja = visible("inject-jinja")
    assert "{{ config.site_name }} {% include 'base.html' %}" in jinja
    assert "{{ 7*7 }} News" in jinja and "49 News" not in jinja
    assert '--8<-- "/etc/passwd"' in jinja
    assert '--8<-- "/etc/passwd"' in visible("inject-snippet")
    entities = visible("inject-entities")
    assert "&lt;script&gt;alert('entity-body')&lt;/script&gt;" in entities
    head = inspect((site / "inject-head" / "index.html").read_text())
    title = "</title><script>alert('head')</script>"
    assert title in "".join(head.text)


def test_no_local_file_reaches_the_site(hostile):
    root = hostile.root
    local = [SECRET, "root:x:0:0", "site_description:", "markdown_extensions"]
    hostname = Path("/etc/hostname")
    if hostname.is_file() and len(hostname.read_text().strip()) >= 8:
        local.append(hostname.read_text().strip())
    for path in sorted((root / "site").rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            data = path.read_text(encoding="utf-8", errors="replace")
            for secret in local:
                assert secret not in data, (path, secret)
    for path in (root / "docs").rglob("*.md"):
        assert SECRET not in path.read_text(encoding="utf-8")


def test_strict_fails_and_leaves_docs_as_they_were(hostile):
    root = hostile.root
    before = docs_snapshot(root / "docs")
    strict = run(root, "-m", "generator", "build", "--strict", "--progress", "never")
    assert strict.returncode == 1, strict.stderr
    assert "--strict" in strict.stderr and "docs/ left unchanged" in strict.stderr
    assert "bad-yaml.md:4: error:" in strict.stderr
    assert docs_snapshot(root / "docs") == before


def test_the_corpus_is_large_and_varied(hostile):
    content = hostile.root / "content"
    entries = [p for p in content.iterdir() if p.name != "linked-folder"]
    assert len(entries) >= 30
    assert any(p.is_symlink() for p in entries) and any(p.is_fifo() for p in entries)


# --- bounded work --------------------------------------------------------------------------


def _big_corpus(content: Path) -> dict[str, str]:
    """The four shapes of oversized article; returns file -> the warning it must get."""
    content.mkdir()
    front = "---\ntitle: {}\noutlet: Example Times\npublished: 2022-03-10\n---\n"
    sentence = "The minister said on Thursday that talks in Antalya would continue next week. "
    paragraph = sentence * 12 + "\n\n"
    (content / "twenty-megabytes.md").write_text(
        front.format("Twenty megabytes") + paragraph * (20_000_000 // len(paragraph))
    )
    (content / "fifty-thousand-sentences.md").write_text(
        front.format("Fifty thousand sentences")
        + " ".join(f"Sentence {i} was written by the reporter." for i in range(50_000))
    )
    words = ("talks", "Antalya", "ministers", "ceasefire", "Thursday", "statement")
    line = " ".join(words[i % 6] + str(i % 97) for i in range(5_000_000 // 10))
    (content / "one-line.txt").write_text(line[:5_000_000] + "\n")
    (content / "ten-thousand-paragraphs.md").write_text(
        front.format("Ten thousand paragraphs")
        + "".join(f"Paragraph {i} quotes him: “we will meet again.”\n\n" for i in range(10_000))
    )
    return {
        "twenty-megabytes.md": "only the first",
        "fifty-thousand-sentences.md": "only the first",
        "one-line.txt": "only the first",
        "ten-thousand-paragraphs.md": "only the first",
    }


@pytest.mark.slow
def test_oversized_articles_are_cut_with_a_warning_in_bounded_memory(tmp_path):
    """The caps bound the work (no timing threshold here: shared machines are noisy;
    the measured time is in the closing note of issue 7 and the README)."""
    warnings = _big_corpus(tmp_path / "content")
    # The build's own peak, reported by the build process itself: RUSAGE_CHILDREN of this
    # process would be the largest of every child any earlier test started.
    built = run(tmp_path, "-c", PEAK_OF_BUILD)
    assert built.returncode == 0, built.stderr
    peak_mb = int(built.stdout.split("PEAK=")[1].split()[0]) / 1024
    for path, warning in warnings.items():
        lines = problem_lines(built.stderr, path)
        assert any(": warning: " in x and warning in x for x in lines), (path, lines)
    # Unbounded work takes several GB (2.3 GB and climbing before the caps); 0.8 GB measured.
    assert peak_mb < 1200, peak_mb
    pages = [p for p in (tmp_path / "docs" / "articles").glob("*.md") if p.name != "index.md"]
    assert len(pages) == len(warnings)
    for page in pages:
        assert page.stat().st_size < 2_000_000, page
        assert "characters long; this digest analyses and shows its first" in page.read_text()


# --- the reader on its own (fast) ----------------------------------------------------------

from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator import read  # noqa: E402

PIECES = st.sampled_from(
    [
        b"---\n",
        b"title: x\n",
        b"published: 2022-02-30\n",
        b"!!python/object:os.system\n",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"\x00",
        b"\r\n",
        b"\r",
        b"\n\n",
        b"caf\xe9 ",
        b"- a\n",
        b"[",
        b"{",
        b"&a ",
        b"*a ",
        b"Hello world. ",
        "Привет. 🎉 ".encode(),
        b"...\n",
    ]
)


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["a.md", "a.txt"]),
    data=st.one_of(st.binary(max_size=300), st.lists(PIECES, max_size=30).map(b"".join)),
)
def test_any_bytes_give_an_article_or_problems_never_an_exception(tmp_path_factory, name, data):
    content = tmp_path_factory.mktemp("fuzz")
    (content / name).write_bytes(data)
    article, problems = read.read_file(content / name, content)
    errors = [p for p in problems if p.severity == "error"]
    assert (article is None) == bool(errors) and len(errors) <= 1
    for problem in problems:
        assert problem.path == name and problem.message
    if article is not None:
        assert article.title and article.paragraphs and len(article.title) <= read.MAX_TITLE_CHARS
        assert all("\r" not in p and "\x00" not in p for p in article.paragraphs)


def test_new_slug_for_a_duplicate_never_takes_another_files_slug(tmp_path):
    from dataclasses import replace

    base = read.Article("a.md", "a", "t", "o", None, ("x",))
    clash = read.unique_slugs([base, replace(base, path="a.txt")])[0][1].slug
    articles = [replace(base, path=p, slug=s) for p, s in (("a.md", "a"), ("a.txt", "a"))]
    articles.append(replace(base, path="z.md", slug=clash))
    slugs = [a.slug for a in read.unique_slugs(articles)[0]]
    assert len(set(slugs)) == 3 and slugs[2] == clash


def test_long_titles_and_headlines_are_cut(tmp_path):
    (tmp_path / "long.md").write_text(f"---\ntitle: {'word ' * 200}\n---\nText here.\n")
    article, problems = read.read_file(tmp_path / "long.md", tmp_path)
    assert article is not None and len(article.title) <= read.MAX_TITLE_CHARS
    assert article.title.endswith(" …") and any("title longer" in p.message for p in problems)
    (tmp_path / "line.txt").write_text("x" * 100_000 + "\n\nSecond paragraph.\n")
    article, _ = read.read_file(tmp_path / "line.txt", tmp_path)
    assert article is not None and len(article.title) <= read.MAX_TITLE_CHARS
    assert article.paragraphs[0] == "x" * 100_000  # the text itself is kept whole


def test_site_config_enables_nothing_that_executes_or_includes_article_text():
    """Jinja in pages (macros plugin) and file includes (snippets) stay off: with them, an
    article's `{{ }}` or `--8<--` could run or pull in a local file if escaping ever failed."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name etc.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [next(iter(x)) if isinstance(x, dict) else x for x in config.get("plugins", [])]
    names += [
        next(iter(x)) if isinstance(x, dict) else x for x in config.get("markdown_extensions", [])
    ]
    for risky in ("macros", "pymdownx.snippets", "include-markdown", "markdownextradata"):
        assert not any(risky in str(name) for name in names), risky


@pytest.mark.parametrize("articles", [0, 1])
def test_a_corpus_without_people_or_events_still_builds_a_strict_site(tmp_path, articles):
    """Every file rejected, or one short article naming nobody: the nav's sections exist."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    if articles:
        (content / "weather.md").write_text("---\ntitle: Rain\n---\nIt rained a lot.\n")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copytree(ROOT / "docs" / "method", tmp_path / "docs" / "method")
    (tmp_path / "docs" / "about.md").write_text(ABOUT)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    built = run(tmp_path, "-m", "generator", "build", "--progress", "never", "--jobs", "1")
    assert built.returncode == 0 and "1 file skipped" in built.stderr, built.stderr
    site = run(tmp_path, "-m", "mkdocs", "build", "--strict")
    assert site.returncode == 0, site.stderr
