"""The pipeline on the sample articles: deterministic, incremental, checkable."""

import subprocess
import sys

from conftest import settings_for

from generator import build, write


def snapshot(docs):
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        # the lock and the stamps (this machine's file times) are local state, not output
        if p.is_file() and not p.name.startswith((".digest.lock", write.STAMPS))
    }


def test_build_is_deterministic_and_idempotent(project):
    settings = settings_for(project)
    build.build(settings)
    first = snapshot(project / "docs")
    _, changes = build.build(settings)
    assert changes.written == [] and changes.removed == []
    assert snapshot(project / "docs") == first
    # From scratch, without the cache: the same bytes.
    for path in (project / "docs").rglob("*"):
        if path.is_file() and path.relative_to(project / "docs").parts[0] not in (
            "about.md",
            "method",
            "assets",
        ):
            path.unlink()
    build.build(settings_for(project, use_cache=False))
    assert snapshot(project / "docs") == first


def test_summary_sentences_are_verbatim_and_never_inside_quotes(project):
    from generator.analyze import nlp

    generated = build.generate(settings_for(project))
    for item in generated.digest.articles:
        body = item.article.body
        spans = nlp.quotation_spans(body)
        for chosen in item.analysis.summary.sentences:
            s = chosen.sentence
            assert body[s.start : s.end] == s.text
            assert not any(a < s.start < b or a < s.end < b for a, b in spans)
        assert len(item.analysis.summary.sentences) == 3


def test_check_reports_stale_docs_after_an_edit(project):
    settings = settings_for(project)
    build.build(settings)
    assert build.check(settings) == []
    article = next((project / "content").glob("*nyt*.md"))
    article.write_text(article.read_text() + "\nA new closing paragraph was added today.\n")
    assert "articles/2022-03-10-nyt-lavrov-kuleba-talks.md" in build.check(settings)
    (project / "docs" / "about.md").write_text("hand-written")
    build.build(settings)
    assert build.check(settings) == []
    assert (project / "docs" / "about.md").read_text() == "hand-written"


def test_removed_article_removes_its_page_only(project):
    settings = settings_for(project)
    build.build(settings)
    page = project / "docs/articles/2022-03-10-nyt-lavrov-kuleba-talks.md"
    assert page.exists()
    next((project / "content").glob("*nyt*.md")).unlink()
    _, changes = build.build(settings)
    # its article page goes, and so do derived pages (events) only that article reported,
    # and the story page: a story of the one article left has no page of its own
    removed_articles = [p for p in changes.removed if p.startswith("articles/")]
    assert removed_articles == ["articles/2022-03-10-nyt-lavrov-kuleba-talks.md"]
    removed_stories = [p for p in changes.removed if p.startswith("stories/")]
    assert removed_stories == [
        "stories/russian-diplomat-says-moscow-won-t-attack-more-countries-but.md"
    ]
    assert all(p.startswith(("articles/", "events/", "stories/")) for p in changes.removed)
    assert not page.exists() and (project / "docs/about.md").exists()


def test_command_line_build_check_and_analyze_json(project):
    run = [sys.executable, "-m", "generator"]
    env_cmd = {"cwd": project, "capture_output": True, "text": True}
    assert subprocess.run([*run, "build"], **env_cmd).returncode == 0
    (project / "docs/index.md").unlink()
    rebuilt = subprocess.run([*run, "build"], **env_cmd)  # rewrites the one page it owns
    assert "digest: 2 articles (0 analysed, 2 from cache); 1 page written, 0 removed, " in (
        rebuilt.stderr
    )
    assert subprocess.run([*run, "check"], **env_cmd).returncode == 0
    (project / "docs/index.md").write_text("edited by hand")
    checked = subprocess.run([*run, "check"], **env_cmd)
    assert checked.returncode == 1 and "index.md" in checked.stdout
    analyzed = subprocess.run(
        [*run, "analyze", "--json", *sorted((project / "content").glob("*.md"))], **env_cmd
    )
    assert analyzed.returncode == 0, analyzed.stderr
    import json

    data = json.loads(analyzed.stdout)
    assert len(data["articles"]) == 2
    for article in data["articles"]:
        assert {"path", "title", "outlet", "published", "sentence_count", "summary"} <= set(article)
        for s in article["summary"]["sentences"]:
            assert {"text", "paragraph", "index", "score"} <= set(s)
            assert article["body"][s["start"] : s["end"]] == s["text"]
    assert write.MANIFEST not in analyzed.stdout


def test_help_explains_every_command():
    for command in ([], ["build"], ["check"], ["analyze"], ["eval"]):
        done = subprocess.run(
            [sys.executable, "-m", "generator", *command, "--help"], capture_output=True, text=True
        )
        assert done.returncode == 0 and "usage:" in done.stdout


def test_same_pages_whatever_the_hash_seed(project, tmp_path):
    """Two builds in separate processes with different PYTHONHASHSEED values write the
    same bytes: no page depends on the order of a set or a dict of strings."""
    import os
    import shutil

    other = tmp_path / "other"
    shutil.copytree(project, other, ignore=shutil.ignore_patterns(".digest-cache"))
    for folder, seed in ((project, "1"), (other, "4242")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--no-cache", "--jobs", "1"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert snapshot(project / "docs") == snapshot(other / "docs")


def test_version_quiet_and_verbose(project, capsys):
    import pytest

    from generator.__main__ import run

    with pytest.raises(SystemExit) as done:
        run(["--version"], project)
    assert done.value.code == 0 and capsys.readouterr().out.startswith("digest ")
    assert run(["build", "-q", "--jobs", "1"], project) == 0
    quiet = capsys.readouterr().err
    assert "note:" not in quiet and "digest:" not in quiet  # notes and the summary line
    (project / "docs" / "index.md").unlink()
    assert run(["build", "-v", "--jobs", "1"], project) == 0
    verbose = capsys.readouterr().err
    assert f"  written {project / 'docs'}/index.md" in verbose and "1 page written" in verbose
