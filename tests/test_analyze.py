"""One article's analysis never stops the build: a failure is a warning for that file."""

from __future__ import annotations

from conftest import settings_for

from generator import build
from generator.analyze import article as analyze
from generator.read import read_content

ANCIENT = """---
title: Bones in a cave
outlet: Test Outlet
published: 2020-01-05
---
Scientists said on Friday that they found bones from 7000 YEARS AGO in a cave.

Others lived 2012 years ago in the valley, and the empire fell two centuries ago.

The dig lasted for a week, 3,000 years after the flood.
"""


def test_an_article_about_deep_time_builds_without_inventing_dates(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bones.md").write_text(ANCIENT)
    generated = build.generate(settings_for(tmp_path))
    item = generated.digest.articles[0]
    assert len(item.analysis.summary.sentences) == 3
    values = {d.text: d.value for d in item.analysis.dates}
    for text in ("7000 YEARS AGO", "2012 years ago", "two centuries ago"):
        assert values.get(text) is None
    assert all(e.date.startswith("2020") for e in generated.digest.events)


def build_with_broken(tmp_path, monkeypatch, module, name: str, error: Exception):
    """The article above, built with `module.name` raising `error`; (generated, messages)."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bones.md").write_text(ANCIENT)

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(module, name, broken)
    generated = build.generate(settings_for(tmp_path, use_cache=False))
    return generated, [str(p) for p in generated.problems]


def test_a_failing_part_of_the_analysis_is_a_warning_naming_the_file(tmp_path, monkeypatch):
    generated, messages = build_with_broken(
        tmp_path, monkeypatch, analyze, "find_quotes", RuntimeError("quotation finder broke")
    )
    assert any(
        m.startswith("bones.md: warning: could not find its quotations (RuntimeError")
        for m in messages
    ), messages
    item = generated.digest.articles[0]
    assert item.analysis.summary.sentences and "articles/bones.md" in generated.pages


def test_a_failing_sentence_is_left_out_and_named(tmp_path, monkeypatch):
    from generator.analyze import happenings

    _, messages = build_with_broken(
        tmp_path, monkeypatch, happenings, "clause_of", ValueError("bad clause")
    )
    assert any(
        "sentence 1 ('Scientists said on Friday" in m and "bad clause" in m for m in messages
    ), messages


def test_an_article_whose_whole_analysis_fails_still_gets_its_page(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bones.md").write_text(ANCIENT)

    def broken(*args, **kwargs):
        raise MemoryError("no room")

    monkeypatch.setattr(analyze, "summarize", broken)
    articles, _ = read_content(tmp_path / "content")
    settings = settings_for(tmp_path, use_cache=False)
    (result,) = analyze.analyze_here(articles, settings)
    assert result.summary.sentences == () and result.sentences
    assert result.warnings[0].startswith("could not be analysed (MemoryError: no room)")
