"""docs/ survives a build killed at any moment, and two builds never write at once.

Real subprocesses, really killed (SIGKILL: no cleanup handlers run). DIGEST_WRITE_DELAY
slows each file write so that the kills land while pages are being staged and while they
are being moved into place; each kill is timed from the moment the staging folder appears.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, settings_for

from generator import build, write

HAND_WRITTEN = {"about.md": "# About\n\nMine.\n", "method/index.md": "# Method\n\nMine too.\n"}

WRITER = """
import json, sys
from pathlib import Path
from generator import write
write.write(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()))
"""


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def state(docs: Path) -> dict[str, bytes]:
    """Every file of docs/ but the lock (only ever an empty file) and the stamps (file times:
    a stale stamp only makes a page be read: the random-kill test checks it)."""
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and p.name not in (write.LOCK, write.STAMPS)
    }


def versions(count: int) -> tuple[dict[str, str], dict[str, str]]:
    """Two versions of the generated pages: changed, removed, added and unchanged pages."""
    old = {f"articles/a{i:03}.md": f"# Old {i}\n" + "old text\n" * 50 for i in range(count)}
    old["index.md"] = "# Home\n\nold\n"
    old["people/gone.md"] = "# Gone\n"
    new = {f"articles/a{i:03}.md": f"# New {i}\n" + "new text\n" * 50 for i in range(count // 2)}
    new.update(
        {f"articles/a{i:03}.md": old[f"articles/a{i:03}.md"] for i in range(count - 3, count)}
    )
    new.update({f"events/e{i}.md": f"# Event {i}\n" for i in range(5)})
    new["index.md"] = "# Home\n\nnew\n"
    return old, new


def start_when_writing(
    command: list[str], docs: Path, environment: dict, cwd: Path | None = None
) -> subprocess.Popen:
    process = subprocess.Popen(command, env=environment, cwd=cwd, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (docs / write.STAGING).exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.002)
    return process


def kill(process: subprocess.Popen, after: float) -> None:
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_writer_killed_at_random_moments_leaves_old_or_new(tmp_path):
    docs = tmp_path / "docs"
    for path, text in HAND_WRITTEN.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text)
    old, new = versions(40)
    write.write(docs, old)
    old_state = state(docs)
    reference = tmp_path / "reference"
    shutil.copytree(docs, reference)
    write.write(reference, new)
    new_state = state(reference)
    pages = tmp_path / "new.json"
    pages.write_text(__import__("json").dumps(new))

    rng = random.Random(7)
    outcomes = []
    command = [sys.executable, "-c", WRITER, str(docs), str(pages)]
    # ~50 staged files and ~45 moves at 10 ms each: kills spread over the whole write.
    for _ in range(12):
        process = start_when_writing(command, docs, env(DIGEST_WRITE_DELAY="0.01"))
        kill(process, rng.uniform(0.0, 1.0))
        interrupted = state(docs) not in (old_state, new_state)
        write.recover(docs)
        after = state(docs)
        assert after in (old_state, new_state)
        # the stamps left by a killed run never hide a page that differs
        held, other = (new, old) if after == new_state else (old, new)
        assert write.plan(docs, held).written == []
        differing = {p for p in held.keys() | other.keys() if held.get(p) != other.get(p)}
        assert set(write.plan(docs, other).written) == differing & other.keys()
        outcomes.append(("new" if after == new_state else "old", interrupted))
        for path, text in HAND_WRITTEN.items():
            assert (docs / path).read_text() == text
        write.write(docs, old)  # back to the old version for the next round
        assert state(docs) == old_state
    # The kills landed both before and after the commit point, and some mid-way.
    assert {outcome for outcome, _ in outcomes} == {"old", "new"}, outcomes
    assert any(interrupted for _, interrupted in outcomes), outcomes


BUILD = [sys.executable, "-m", "generator", "build", "--progress", "never", "--jobs", "1"]


def run_build(project: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        BUILD, cwd=project, env=env(**extra), capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A project built from the sample, then edited (content only), with a warm cache.

    Returns the project and the docs/ states before and after building the edit.
    """
    root = tmp_path_factory.mktemp("kill")
    project = root / "project"
    shutil.copytree(SAMPLE, project / "content")
    docs = project / "docs"
    for path, text in HAND_WRITTEN.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text)
    # In-process builds share the session's spaCy model; the kills below use the CLI.
    build.build(settings_for(project))
    old_state = state(docs)
    # The edit: one article changed, one added, so pages change and appear and the
    # indexes are rewritten.
    article = next((project / "content").glob("*nyt*.md"))
    article.write_text(article.read_text() + "\nA closing paragraph was added later.\n")
    shutil.copy(article, project / "content" / "2022-03-11-copy.md")
    reference = root / "reference"
    shutil.copytree(project, reference)
    build.build(settings_for(reference))
    new_state = state(reference / "docs")
    assert old_state != new_state
    shutil.rmtree(project / ".digest-cache")  # the edited articles' analyses: builds are quick
    shutil.copytree(reference / ".digest-cache", project / ".digest-cache")
    return project, old_state, new_state


@pytest.fixture
def two_versions(template, tmp_path):
    project, old_state, new_state = template
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    return copy, BUILD, old_state, new_state


def test_real_build_killed_mid_write_is_recovered(two_versions):
    project, command, old_state, new_state = two_versions
    docs = project / "docs"
    rng = random.Random(11)
    for _ in range(3):
        process = start_when_writing(command, docs, env(DIGEST_WRITE_DELAY="0.05"), project)
        kill(process, rng.uniform(0.0, 0.6))
        write.recover(docs)  # what every command does first
        after = state(docs)
        assert after in (old_state, new_state)
        assert (docs / "about.md").read_text() == HAND_WRITTEN["about.md"]
        if after == new_state:  # restore the old docs/ for the next round
            shutil.rmtree(docs)
            docs.mkdir()
            for path, data in old_state.items():
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_bytes(data)
    # The next build finishes the job from whatever state the kills left.
    done = run_build(project)
    assert done.returncode == 0, done.stderr
    assert state(docs) == new_state


def test_second_build_refuses_while_another_writes_and_the_lock_dies_with_it(two_versions):
    project, command, _, new_state = two_versions
    docs = project / "docs"
    first = start_when_writing(command, docs, env(DIGEST_WRITE_DELAY="5"), project)
    second = run_build(project, DIGEST_LOCK_WAIT="0.5")
    assert second.returncode == 3, second.stderr
    assert "another build is writing" in second.stderr and "Traceback" not in second.stderr
    kill(first, 0)  # killed while holding the lock: the kernel releases it
    third = run_build(project, DIGEST_LOCK_WAIT="0")
    assert third.returncode == 0, third.stderr
    assert state(docs) == new_state


def test_second_build_waits_for_the_first(two_versions):
    project, command, _, new_state = two_versions
    docs = project / "docs"
    with write.lock(docs):  # this test process is the first build
        second = subprocess.Popen(
            command, cwd=project, env=env(), stderr=subprocess.PIPE, text=True
        )
        line = second.stderr.readline()
        assert "another build is writing" in line and "waiting up to 30 s" in line, line
    assert second.wait(timeout=120) == 0, second.stderr.read()
    assert state(docs) == new_state


def test_failed_build_leaves_docs_as_they_were(two_versions):
    project, command, old_state, _ = two_versions
    docs = project / "docs"
    shutil.rmtree(docs)
    docs.mkdir()
    for path, data in old_state.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    # A generated page would take over a hand-written file: refused before anything moves.
    (docs / "articles" / "2022-03-11-copy.md").write_text("written by hand")
    expected = state(docs)
    done = run_build(project)
    assert done.returncode == 3 and "not written by the generator" in done.stderr
    assert state(docs) == expected
    # And --strict with a bad file: exit 1, nothing written.
    (docs / "articles" / "2022-03-11-copy.md").unlink()
    expected = state(docs)
    (project / "content" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    done = subprocess.run(
        [*command, "--strict"], cwd=project, env=env(), capture_output=True, text=True
    )
    assert done.returncode == 1 and "broken.md:" in done.stderr, done.stderr
    assert "front matter is not valid YAML" in done.stderr
    assert state(docs) == expected
