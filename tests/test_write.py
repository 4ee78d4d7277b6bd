"""docs/ writing: owned pages only, minimal rewrites, atomic with recovery, one writer."""

import json
import os

import pytest

from generator import write


def test_writes_then_rewrites_only_changes_and_removes_its_stale_pages(tmp_path):
    docs = tmp_path / "docs"
    changes = write.write(docs, {"index.md": "a", "articles/x.md": "x", "articles/y.md": "y"})
    assert changes.written == ["articles/x.md", "articles/y.md", "index.md"]
    mtime = os.stat(docs / "index.md").st_mtime_ns
    changes = write.write(docs, {"index.md": "a", "articles/x.md": "x2"})
    assert changes.written == ["articles/x.md"] and changes.removed == ["articles/y.md"]
    assert os.stat(docs / "index.md").st_mtime_ns == mtime
    assert not (docs / "articles/y.md").exists()
    assert json.loads((docs / write.MANIFEST).read_text())["pages"] == ["articles/x.md", "index.md"]


def test_hand_written_pages_survive_and_are_never_overwritten(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("mine")
    write.write(docs, {"index.md": "a"})
    write.write(docs, {})
    assert (docs / "about.md").read_text() == "mine"
    with pytest.raises(write.WriteError, match="not written by the generator"):
        write.write(docs, {"about.md": "theirs"})
    assert (docs / "about.md").read_text() == "mine"


@pytest.mark.parametrize("bad", ["../x.md", "/etc/x.md", "a/../../x.md", ".hidden.md", ""])
def test_never_writes_outside_docs(tmp_path, bad):
    with pytest.raises(write.WriteError):
        write.write(tmp_path / "docs", {bad: "x"})
    assert not (tmp_path / "x.md").exists()


def test_interrupted_write_is_rolled_forward(tmp_path):
    docs = tmp_path / "docs"
    write.write(docs, {"a.md": "old a", "b.md": "old b"})
    # Simulate a crash after the journal was committed and one page was applied.
    staging = docs / write.STAGING
    staging.mkdir()
    (staging / "b.md").write_text("new b")
    (docs / "a.md").write_text("new a")
    journal = {"write": ["a.md", "b.md"], "remove": [], "manifest": ["a.md", "b.md"]}
    (docs / write.JOURNAL).write_text(json.dumps(journal))
    write.recover(docs)
    assert (docs / "a.md").read_text() == "new a" and (docs / "b.md").read_text() == "new b"
    assert not (docs / write.JOURNAL).exists() and not staging.exists()


def test_uncommitted_staging_is_discarded(tmp_path):
    docs = tmp_path / "docs"
    write.write(docs, {"a.md": "old"})
    (docs / write.STAGING).mkdir()
    (docs / write.STAGING / "a.md").write_text("half")
    write.recover(docs)
    assert (docs / "a.md").read_text() == "old" and not (docs / write.STAGING).exists()


def test_second_writer_is_refused_while_the_lock_is_held(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    with (
        write.lock(docs),
        pytest.raises(write.WriteError, match="another build"),
        write.lock(docs, wait=0.3),
    ):
        pass


def test_hand_written_pages_are_what_the_manifest_does_not_list(tmp_path):
    docs, copy = tmp_path / "docs", tmp_path / "copy"
    (docs / "method").mkdir(parents=True)
    (docs / "about.md").write_text("mine")
    (docs / "method" / "index.md").write_text("also mine")
    write.write(docs, {"index.md": "generated", "articles/a.md": "generated"})
    assert write.hand_written(docs) == ["about.md", "method/index.md"]
    copy.mkdir()
    write.copy_hand_written(docs, copy)
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*.md")) == [
        "about.md",
        "method/index.md",
    ]


# --- unchanged pages known by their stamps ------------------------------------------------------


def _reads(monkeypatch) -> list[str]:
    """The pages `plan` reads back, recorded."""
    read: list[str] = []
    original = write.Path.read_bytes

    def read_bytes(self):
        read.append(self.name)
        return original(self)

    monkeypatch.setattr(write.Path, "read_bytes", read_bytes)
    return read


def _age(docs, seconds=10):
    """Make every page older than the stamps file, as pages written a while ago are."""
    for page in docs.rglob("*.md"):
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns - seconds * 10**9))
    write.write(docs, {"a.md": "one", "b.md": "two"})  # a pass that reads and stamps them


def test_a_no_change_plan_reads_no_page_once_stamped(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write.write(docs, {"a.md": "one", "b.md": "two"})
    _age(docs)
    read = _reads(monkeypatch)
    changes = write.plan(docs, {"a.md": "one", "b.md": "two"})
    assert changes.unchanged == 2 and changes.written == [] and read == []
    # a new text for a page is a new hash: written, without reading the old one
    assert write.plan(docs, {"a.md": "one!", "b.md": "two"}).written == ["a.md"]
    assert read == []


def test_an_edited_page_is_found_even_with_its_size_and_stamp(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write.write(docs, {"a.md": "one", "b.md": "two"})
    _age(docs)
    page = docs / "a.md"
    before = page.stat().st_mtime_ns
    page.write_text("ONE")  # same size, a new time
    assert write.plan(docs, {"a.md": "one", "b.md": "two"}).written == ["a.md"]
    # Same size, and even the recorded time put back: the edit is not older than the stamps
    # file (it came after it), so the page is read and the edit found.
    os.utime(page, ns=(before, before))
    stamps = docs / write.STAMPS
    os.utime(stamps, ns=(before, before))  # the racy case: page and stamps in one tick
    read = _reads(monkeypatch)
    assert write.plan(docs, {"a.md": "one", "b.md": "two"}).written == ["a.md"]
    assert "a.md" in read


def test_damaged_or_missing_stamps_only_make_pages_be_read(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write.write(docs, {"a.md": "one"})
    for damage in ("{not json", '{"a.md": [1, "x"]}', "[]"):
        (docs / write.STAMPS).write_text(damage)
        read = _reads(monkeypatch)
        assert write.plan(docs, {"a.md": "one"}).unchanged == 1 and read == ["a.md"]
        monkeypatch.undo()
    (docs / write.STAMPS).unlink()
    assert write.plan(docs, {"a.md": "one"}).unchanged == 1
    assert json.loads((docs / write.MANIFEST).read_text()) == {
        "generator": "news-digest",
        "pages": ["a.md"],
    }  # the committed manifest holds no machine-local times


def test_a_few_pages_are_synced_each_and_many_at_once(tmp_path, monkeypatch):
    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "sync", lambda: synced.append("everything"))
    monkeypatch.setattr(
        os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")) or real_fsync(fd)
    )
    docs = tmp_path / "docs"
    write.write(docs, {"index.md": "# Home\n", "people/a.md": "# A\n"})
    staged = [s for s in synced if "staging" in s or s.endswith(write.STAGING)]
    assert "everything" not in synced
    assert {os.path.basename(s) for s in staged} >= {"index.md", "a.md", "people", write.STAGING}
    synced.clear()
    many = {f"events/e{i}.md": f"# {i}\n" for i in range(write.SYNC_EACH_UP_TO + 1)}
    write.write(docs, many)
    assert synced.count("everything") == 1
    assert not [s for s in synced if s.endswith(".md") and "staging" in s]
