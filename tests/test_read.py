import datetime as dt
from pathlib import Path

import pytest

from generator.read import derive_title, read_content, read_file, split_headline


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_markdown_front_matter(tmp_path):
    write(
        tmp_path,
        "a.md",
        "---\ntitle: Talks end\noutlet: Daily\npublished: 2022-03-10\nauthors: [A. B, C. D]\n"
        "url: https://example.org/x\n---\nFirst paragraph.\n\nSecond one.\n",
    )
    [article], problems = read_content(tmp_path)
    assert problems == []
    assert article.title == "Talks end" and article.outlet == "Daily"
    assert article.published == dt.date(2022, 3, 10)
    assert article.authors == ("A. B", "C. D")
    assert article.paragraphs == ("First paragraph.", "Second one.")
    assert article.body == "First paragraph.\n\nSecond one."
    assert article.slug == "a"


def test_plain_text_headline_and_standfirst_shape(tmp_path):
    text = (
        "The ministers met for talks in Turkey on Thursday but failed to reach an agreement\n\n"
        "Diplomat Says Moscow Won't Attack More Countries\n\n"
        "The top diplomats met in Antalya on Thursday.\n\nMore text here.\n"
    )
    write(tmp_path, "x.txt", text)
    [article], _ = read_content(tmp_path)
    assert article.title == "Diplomat Says Moscow Won't Attack More Countries"
    assert article.standfirst.startswith("The ministers met")
    assert article.paragraphs[0] == article.standfirst  # the deck stays in the body
    assert article.paragraphs[1] == "The top diplomats met in Antalya on Thursday."


def test_plain_text_simple_headline():
    standfirst, headline, rest = split_headline(["Storm hits coast", "It rained.", "A lot."])
    assert (standfirst, headline, rest) == (None, "Storm hits coast", ["It rained.", "A lot."])


def test_no_headline_gives_derived_title(tmp_path):
    write(
        tmp_path, "n.txt", "Officials said on Monday that the bridge, built in 1950, would close.\n"
    )
    [article], problems = read_content(tmp_path)
    assert article.title_derived
    assert article.title.startswith("Officials said on Monday")
    assert any("no title" in p.message and p.severity == "note" for p in problems)
    assert any("no outlet" in p.message for p in problems)


def test_derived_title_cuts_long_sentence_at_a_clause():
    sentence = (
        "Foreign Minister Dmytro Kuleba of Ukraine said Lavrov indicated he did not have the "
        "authority to negotiate even a 24-hour cease-fire, showing that the highly anticipated "
        "talks, arranged by Turkey, had failed to alleviate the suffering of civilians."
    )
    title = derive_title(sentence)
    assert title.endswith("cease-fire …")
    assert title.startswith("Foreign Minister Dmytro Kuleba")


def test_photo_credit_lines_are_dropped(tmp_path):
    write(
        tmp_path,
        "c.md",
        "---\ntitle: T\n---\nA sentence.\n\nTwo men at a table Credit: Jane Doe/Agency\n\nEnd.\n",
    )
    [article], _ = read_content(tmp_path)
    assert article.paragraphs == ("A sentence.", "End.")


@pytest.mark.parametrize(
    ("front", "needle", "line"),
    [
        ("title: [unclosed\n", "not valid YAML", 3),  # YAML notices at the end
        ("- a\n- b\n", "must be 'key: value' lines", 2),
        ("title: T\npublished: 2022-02-30\n", "not a date", 3),
        ("title: T\npublished: next week\n", "not a date", 3),
    ],
)
def test_bad_front_matter_is_an_error_with_file_and_line(tmp_path, front, needle, line):
    write(tmp_path, "bad.md", f"---\n{front}---\nBody.\n")
    write(tmp_path, "good.md", "---\ntitle: Good\n---\nBody.\n")
    articles, problems = read_content(tmp_path)
    assert [a.slug for a in articles] == ["good"]
    [error] = [p for p in problems if p.severity == "error"]
    assert error.path == "bad.md" and needle in error.message and error.line == line


def test_unknown_field_and_bad_url_are_warnings(tmp_path):
    write(tmp_path, "w.md", "---\ntitle: T\ncolour: red\nurl: javascript:alert(1)\n---\nBody.\n")
    [article], problems = read_content(tmp_path)
    assert article.url is None
    messages = " ".join(p.message for p in problems)
    assert "unknown field 'colour'" in messages and "not an http(s) address" in messages


def test_yaml_tags_never_construct_objects(tmp_path):
    write(tmp_path, "t.md", "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nBody.\n")
    articles, problems = read_content(tmp_path)
    assert articles == []
    assert "not valid YAML" in problems[0].message


def test_empty_and_binary_files_are_errors(tmp_path):
    write(tmp_path, "empty.txt", "   \n\n")
    write(tmp_path, "bin.txt", b"\x00\x01\x02abc")
    articles, problems = read_content(tmp_path)
    assert articles == []
    assert sorted(p.path for p in problems if p.severity == "error") == ["bin.txt", "empty.txt"]


def test_encodings_and_line_endings(tmp_path):
    write(tmp_path, "bom.md", "\ufeff---\ntitle: Bom\n---\nCafé.\r\n\r\nNext.\r\n".encode())
    write(tmp_path, "u16.txt", "Headline here\n\nCafé au lait.\n".encode("utf-16"))
    write(
        tmp_path,
        "latin.txt",
        "Headline\n\nCaf\xe9 cr\xe8me br\xfbl\xe9e is sold here.\n".encode("cp1252"),
    )
    articles, problems = read_content(tmp_path)
    by_slug = {a.slug: a for a in articles}
    assert by_slug["bom"].paragraphs == ("Café.", "Next.")
    assert by_slug["u16"].paragraphs == ("Café au lait.",)
    assert "Café" in by_slug["latin"].paragraphs[0]
    assert any(p.path == "latin.txt" and "not UTF-8" in p.message for p in problems)


def test_duplicate_slugs_get_distinct_names(tmp_path):
    write(tmp_path, "same.md", "---\ntitle: One\n---\nBody.\n")
    write(tmp_path, "same.txt", "Two\n\nBody two.\n")
    articles, problems = read_content(tmp_path)
    slugs = [a.slug for a in articles]
    assert len(set(slugs)) == 2 and "same" in slugs
    assert any("same URL name" in p.message for p in problems)


def test_slug_of_a_name_without_latin_letters_is_stable(tmp_path):
    write(tmp_path, "новости.md", "---\ntitle: T\n---\nBody.\n")
    write(tmp_path, "🎉.md", "---\ntitle: T\n---\nBody.\n")
    articles, _ = read_content(tmp_path)
    slugs = sorted(a.slug for a in articles)
    assert "novosti" in slugs
    assert any(s.startswith("article-") for s in slugs)


def test_link_outside_content_is_refused(tmp_path):
    outside = write(tmp_path, "secret.txt", "Secret\n\nDo not publish.\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "link.txt").symlink_to(outside)
    article, problems = read_file(content / "link.txt", content)
    assert article is None and "outside content/" in problems[0].message


def test_a_jekyll_article_builds_without_warnings_about_its_field_names(tmp_path):
    write(
        tmp_path,
        "2022-03-10-talks.md",
        "---\nlayout: post\ntitle: Talks end in Antalya\ndate: 2022-03-10 10:00:00 +0100\n"
        "author: Jane Doe\ncategories: [ukraine, diplomacy]\nsource: Daily Planet\n"
        "link: https://example.org/talks\n---\nThe ministers met on Thursday.\n",
    )
    [article], problems = read_content(tmp_path)
    assert article.published == dt.date(2022, 3, 10)
    assert article.authors == ("Jane Doe",) and article.tags == ("ukraine", "diplomacy")
    assert article.outlet == "Daily Planet" and article.url == "https://example.org/talks"
    messages = [(p.severity, p.message) for p in problems]
    warned = [m for s, m in messages if s == "warning"]
    assert not any("has no" in m or "'date'" in m or "'author'" in m for m in warned)
    notes = [m for s, m in messages if s == "note"]
    assert notes == [
        "read 'date' as 'published', 'author' as 'authors', 'categories' as 'tags', "
        "'source' as 'outlet', 'link' as 'url'"
    ]
    assert [m for s, m in messages if s == "warning"] == [
        "unknown field 'layout' ignored (known: title, outlet, published, url, authors, "
        "language, tags, story)"
    ]


def test_our_own_field_wins_over_an_alias(tmp_path):
    write(
        tmp_path,
        "a.md",
        "---\ntitle: T\noutlet: Ours\npublisher: Theirs\npublished: 2022-03-10\n---\nText.\n",
    )
    [article], problems = read_content(tmp_path)
    assert article.outlet == "Ours"
    assert [p.message for p in problems] == ["ignored 'publisher' ('outlet' is given)"]
