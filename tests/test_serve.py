"""`mkdocs serve` (make serve) regenerates docs/ when content/ changes; `mkdocs build` not."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import serve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "content").glob("*.md"))


def wait_for(condition, seconds: float = 120.0) -> bool:
    """A deadline for something to happen at all (not a speed limit)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_signature_follows_the_articles_a_build_reads(tmp_path):
    content = tmp_path / "content"
    assert serve.signature(content) == frozenset()  # no folder yet: nothing to read
    content.mkdir()
    (content / "a.md").write_text("One.")
    (content / ".draft.md").write_text("hidden")
    (content / "notes.csv").write_text("not an article")
    first = serve.signature(content)
    assert [Path(p).name for p, _, _ in first] == ["a.md"]
    (content / "a.md").write_text("One, edited.")
    edited = serve.signature(content)
    assert edited != first
    (content / "b.txt").write_text("Two.")
    assert serve.signature(content) != edited
    (content / "b.txt").unlink()
    assert serve.signature(content) == edited


def test_the_watcher_builds_once_per_settled_change_and_not_at_start(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "old.md").write_text("Built before the server started.")
    calls: list[Path] = []
    built = threading.Event()

    def build(root: Path) -> int:
        calls.append(root)
        built.set()
        return 0

    watcher = serve.Watcher(tmp_path, content, build, interval=0.01).start()
    try:
        time.sleep(0.1)
        assert calls == []  # `make serve` has just built: nothing to do until a change
        for name in ("a.md", "b.md", "c.md"):
            (content / name).write_text(name)
        assert wait_for(built.is_set)
        time.sleep(0.1)
        assert calls[0] == tmp_path
        assert len(calls) <= 2  # the three files in one build or two, never one each
    finally:
        watcher.stop()


def test_a_failing_build_is_logged_and_the_watcher_goes_on(tmp_path, caplog):
    content = tmp_path / "content"
    content.mkdir()
    results = iter([RuntimeError("boom"), 1, 0])

    def build(root: Path) -> int:
        result = next(results)
        if isinstance(result, Exception):
            raise result
        return result

    watcher = serve.Watcher(tmp_path, content, build, interval=0.01).start()
    try:
        for count, name in enumerate(("a.md", "b.md", "c.md"), start=1):
            (content / name).write_text(name)
            assert wait_for(lambda count=count: watcher.builds == count)
    finally:
        watcher.stop()
    assert "the build failed" in caplog.text and "boom" in caplog.text
    assert "docs/ keeps its last complete version" in caplog.text


def test_the_plugin_does_nothing_under_mkdocs_build(tmp_path):
    plugin = serve.DigestPlugin()
    plugin.on_startup(command="build", dirty=False)
    server = object()
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    assert plugin.on_serve(server, config=config, builder=None) is server
    assert plugin.watcher is None
    plugin.on_shutdown()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    shutil.copy(SEEDS[0], tmp_path / "content" / SEEDS[0].name)
    (tmp_path / "digest.toml").write_text('cache_dir = "cache"\njobs = 1\n')
    return tmp_path


def test_under_serve_docs_follow_content_with_the_model_loaded_once(project, monkeypatch):
    """End to end in this process, as `mkdocs serve` runs it, from another directory."""
    from generator.analyze import nlp

    monkeypatch.chdir(project.parent)
    loads = nlp.load.cache_info().misses
    plugin = serve.DigestPlugin()
    plugin.on_startup(command="serve", dirty=False)
    config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))
    server = object()
    assert plugin.on_serve(server, config=config, builder=None) is server
    watcher = plugin.watcher
    assert watcher is not None
    try:
        articles = project / "docs" / "articles"
        time.sleep(0.2)
        assert watcher.builds == 0 and not articles.exists()  # built by `make serve` first
        shutil.copy(SEEDS[1], project / "content" / SEEDS[1].name)
        second = articles / f"{SEEDS[1].stem}.md"
        assert wait_for(second.is_file)
        assert (articles / f"{SEEDS[0].stem}.md").is_file()
        assert wait_for(lambda: watcher.builds == 1)
        (project / "content" / SEEDS[1].name).unlink()
        assert wait_for(lambda: not second.exists())
        assert wait_for(lambda: watcher.builds == 2)
    finally:
        plugin.on_shutdown()
    assert plugin.watcher is None
    assert nlp.load.cache_info().misses - loads <= 1  # two articles analysed, one model load
    assert (project / "cache").is_dir()  # digest.toml read from the project, not the cwd
    assert not (project.parent / "docs").exists()
