"""Escaping: article text shows as text, never as markup (property-tested)."""

import re
from html.parser import HTMLParser

import markdown as python_markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import markdown as md

with open("mkdocs.yml", encoding="utf-8") as config:
    ROOT_CONFIG = yaml.safe_load(config)


def _extensions():
    names, configs = [], {}
    for item in ROOT_CONFIG["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, config),) = item.items()
            names.append(name)
            configs[name] = config
        else:
            names.append(item)
    return names, configs


NAMES, CONFIGS = _extensions()


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def to_html(source: str) -> Collector:
    html = python_markdown.markdown(source, extensions=NAMES, extension_configs=CONFIGS)
    collector = Collector()
    collector.feed(html)
    return collector


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![img](data:text/html;base64,xx)",
    "# Heading",
    "| a | b |\n|---|---|",
    "<!-- comment -->",
    "{{ config.site_name }} {% include 'x' %}",
    '--8<-- "/etc/passwd"',
    "1. not a list",
    "*emph* **bold** `code` ~~del~~",
    "{: onclick=alert(1) }",
    "&amp; &lt;b&gt;",
    # markup of extensions mkdocs.yml does not enable: if one is added, `text` must escape it
    "$x^2$ and $$y$$ :smile: :material-alert: ~sub~ ^sup^ ==mark== ++ctrl+alt++ {~~a~>b~~}",
    "- a list",
    "+ a list",
    ": a definition",
    "!!! note",
    "~~~ fence",
    "=== tab",
    "---",
]


def test_hostile_strings_render_as_their_own_text():
    for value in HOSTILE:
        parsed = to_html(f"Quote: {md.text(value)}")
        assert [tag for tag, _ in parsed.tags] == ["p"], value
        assert "".join(parsed.text) == "Quote: " + " ".join(value.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_any_text_becomes_one_plain_paragraph(value):
    parsed = to_html("x " + md.text(value))
    assert [tag for tag, _ in parsed.tags] == ["p"]
    assert "".join(parsed.text) == "x " + " ".join(value.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_text_is_inert_where_a_line_or_a_list_item_begins(value):
    """The first character of a value is escaped as if it began a line."""
    shown = " ".join(value.split())
    for before, tags in (("", ["p"]), ("- ", ["ul", "li"]), ("1. ", ["ol", "li"])):
        parsed = to_html(before + md.text(value))
        if shown:
            assert [tag for tag, _ in parsed.tags] == tags, (before, value)
        assert "".join(parsed.text).strip() == shown, (before, value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab 1.)\n\\`*_{}[]()#+-!|<>&"~=^$:;é'), max_size=60))
def test_text_writes_each_markup_character_as_its_reference_and_nothing_else(value):
    """Inline markup characters everywhere, line-start ones only first; all else as typed."""
    words = " ".join(value.split())
    expected = "".join(f"&#{ord(c)};" if c in "\\`*_{}[]<>&|#" else c for c in words)
    if expected[:1] in set("-+=:!~"):
        expected = f"&#{ord(expected[0])};{expected[1:]}"
    expected = re.sub(r"^(\d+)([.)])", lambda m: f"{m.group(1)}&#{ord(m.group(2))};", expected)
    assert md.text(value) == expected


def test_article_punctuation_stays_readable_in_the_markdown():
    """Only what is markup where it stands is escaped: pages read as plain text."""
    value = 'A 23-year-old (aged 23) said: "$5, 50% off!" ~ 2 + 2 = 4^2'
    assert md.text(value) == value


def test_url_keeps_only_http_and_cannot_break_out_of_a_link():
    assert md.url("javascript:alert(1)") is None
    assert md.url("data:text/html,hi") is None
    safe = md.url("https://example.org/a b)<x>")
    assert safe is not None and " " not in safe and ")" not in safe and "<" not in safe
    parsed = to_html(f"[o]({safe})")
    assert parsed.tags == [("p", []), ("a", [("href", safe)])]


def test_front_matter_values_are_quoted():
    meta = yaml.safe_load(md.front_matter(title='x"\ny: !!python/name:os.system').strip("-\n"))
    assert meta == {"title": "x&quot; y: !!python/name:os.system"}


@given(st.text(max_size=60))
def test_front_matter_title_is_inert_html(value):
    """Material writes page.meta.title into <title> and the header unescaped."""
    meta = yaml.safe_load(md.front_matter(title=value).strip("-\n"))
    collector = Collector()
    collector.feed(f"<title>{meta['title']}</title>")
    assert collector.tags == [("title", [])]
    shown = "".join(collector.text)
    assert len(shown) == len(" ".join(value.split()))
    for got, wanted in zip(shown, " ".join(value.split()), strict=True):
        assert got in (wanted, "\ufffd")  # characters YAML refuses are replaced


def test_relative_links_between_pages():
    assert md.href("index.md", "articles/a.md") == "articles/a.md"
    assert md.href("articles/a.md", "people/p.md") == "../people/p.md"
    assert md.href("articles/index.md", "articles/a.md") == "a.md"
    assert re.fullmatch(r"[a-z./-]+", md.href("stories/s.md", "index.md"))


def test_full_text_is_raw_html_with_one_paragraph_each_and_every_sentence_inert():
    """The full text is a raw HTML block (Markdown leaves it alone, which is what makes it
    cheap); the sentences in it must still show as their own text, anchors and all."""
    from generator.model import Digest
    from generator.render.article import article_page
    from tests.storyfixtures import item

    paragraphs = [HOSTILE[:7], HOSTILE[7:]]
    article = item("hostile", "Outlet", paragraphs, title="Hostile")
    page = article_page(article, Digest(articles=(article,)))
    full_text = page[page.index("<div") :]
    html = python_markdown.markdown(full_text, extensions=NAMES, extension_configs=CONFIGS)
    parsed = Collector()
    parsed.feed(html)
    anchors = [dict(attrs)["id"] for tag, attrs in parsed.tags if tag == "a"]
    assert [tag for tag, _ in parsed.tags if tag != "a"] == ["div", "p", "p"]
    assert anchors == [f"s{i}" for i in range(len(HOSTILE))]
    shown = "".join(parsed.text).replace("\n", " ").split()
    assert shown == " ".join(HOSTILE).split()


def test_an_article_cut_at_the_length_cap_says_so_on_its_page():
    import dataclasses

    from generator.model import Digest
    from generator.render.article import article_page
    from tests.storyfixtures import item

    whole = item("long", "Outlet", [["First part."], ["Second part, never analysed."]])
    cut = dataclasses.replace(
        whole,
        analysis=dataclasses.replace(whole.analysis, sentences=whole.analysis.sentences[:1]),
    )
    length = len(whole.article.body)
    assert "characters long" not in article_page(whole, Digest(articles=(whole,)))
    page = article_page(cut, Digest(articles=(cut,)))
    shown = len("First part.")
    assert (
        f"The article is {length} characters long; this digest analyses and shows its "
        f"first {shown}.\n" in page
    )


def test_a_summary_of_one_sentence_is_introduced_in_the_singular():
    import dataclasses

    from generator.model import Digest
    from generator.render.article import article_page
    from tests.storyfixtures import item

    two = item("two", "Outlet", [["First sentence here.", "Second sentence here."]])
    summary = two.analysis.summary
    assert len(summary.sentences) == 2
    one = dataclasses.replace(
        two,
        analysis=dataclasses.replace(
            two.analysis, summary=dataclasses.replace(summary, sentences=summary.sentences[:1])
        ),
    )
    assert "The 2 sentences that best sum up the article, in article order (chosen by" in (
        article_page(two, Digest(articles=(two,)))
    )
    assert "The sentence that best sums up the article (chosen by" in (
        article_page(one, Digest(articles=(one,)))
    )


def test_one_pluraliser_for_every_page():
    assert md.plural(1, "story") == "1 story"
    assert md.plural(1234, "story") == "1,234 stories"
    assert md.plural(2, "person", "people") == "2 people"
    assert md.plural(0, "other report") == "0 other reports"
