"""The only stage that touches docs/: atomic, owned, minimal.

- Owned: a manifest (docs/.digest-manifest.json) lists the pages the generator wrote. Only
  those are ever replaced or removed; a file the generator did not write is never touched,
  and a page that would overwrite one is refused.
- Minimal: a page whose bytes are unchanged is not rewritten. A stamps file
  (docs/.digest-stamps.json, not committed: it holds this machine's file times) keeps each
  page's size, modification time and hash, as git's index does, so that an unchanged page
  is known without reading it back (see `_unchanged`).
- Atomic: new pages are first written in full to a staging folder beside them and synced to
  disk, then a journal naming every change is committed with one atomic rename, then the
  changes are applied. A run killed before the journal leaves the previous docs/
  untouched; a run killed after it is rolled forward by the next command (every command
  recovers first), so docs/ only ever holds the previous or the new complete version.
- Exclusive: a lock file makes a second concurrent build wait (DIGEST_LOCK_WAIT seconds,
  default 30), then refuse.

For the kill tests, DIGEST_WRITE_DELAY (seconds) sleeps before each file is staged or moved
into place, so that a test can kill a real build in the middle of writing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

LOCK_WAIT = 30.0  # seconds a second build waits for the first before refusing
MANIFEST = ".digest-manifest.json"
STAMPS = ".digest-stamps.json"
JOURNAL = ".digest-journal.json"
STAGING = ".digest-staging"
LOCK = ".digest.lock"


class WriteError(RuntimeError):
    """docs/ cannot be written as asked; nothing was changed."""


Stamp = tuple[int, int, str]  # a page's size, modification time (ns) and content hash


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    hashes: dict[str, str] = field(default_factory=dict)  # of the pages to write
    stamps: dict[str, Stamp] = field(default_factory=dict)  # of the unchanged pages

    @property
    def differing(self) -> list[str]:
        return sorted(self.written + self.removed)


def safe_path(relative: str) -> PurePosixPath:
    """A page path that stays inside docs/: relative, no '..', no hidden parts."""
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise WriteError(f"refusing to write outside docs/: {relative!r}")
    if any(part.startswith(".") for part in path.parts) or "\\" in relative:
        raise WriteError(f"refusing to write a hidden or odd path: {relative!r}")
    return path


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        pages = data["pages"]
    except FileNotFoundError:
        return set()
    except (ValueError, KeyError, TypeError) as exc:
        raise WriteError(
            f"{docs / MANIFEST} is damaged ({exc}); restore it from git before building"
        ) from exc
    return {str(safe_path(p)) for p in pages}


def hand_written(docs: Path) -> list[str]:
    """Pages of docs/ the generator did not write: everything its manifest does not list."""
    owned = read_manifest(docs)
    found = []
    for path in docs.rglob("*"):
        relative = path.relative_to(docs)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_file() and not hidden and relative.as_posix() not in owned:
            found.append(relative.as_posix())
    return sorted(found)


def copy_hand_written(source: Path, target: Path) -> None:
    """Copy the hand-written pages of one docs/ into another (a new project, a benchmark)."""
    for relative in hand_written(source):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target / relative)


def plan(docs: Path, pages: Mapping[str, str]) -> Changes:
    """What writing `pages` would change; refuses to take over hand-written files."""
    owned = read_manifest(docs)
    stamps, stamped_at = _read_stamps(docs)
    changes = Changes()
    for relative, content in sorted(pages.items()):
        target = docs / safe_path(relative)
        try:
            found = target.lstat()
        except FileNotFoundError:
            found = None
        if found is not None and not stat.S_ISREG(found.st_mode):
            raise WriteError(f"{target} is not a regular file; move it away")
        if found is not None and relative not in owned:
            raise WriteError(
                f"{target} exists but was not written by the generator; "
                "rename it (hand-written pages must not share a path with generated ones)"
            )
        data = content.encode("utf-8")
        digest = _hash(data)
        if found is None:
            same = False
        else:  # by the stamp when it holds, else by reading the page back
            known = _known_hash(stamps.get(relative), found, stamped_at)
            same = known == digest if known is not None else target.read_bytes() == data
        if same:
            changes.unchanged += 1
            changes.stamps[relative] = (found.st_size, found.st_mtime_ns, digest)
        else:
            changes.written.append(relative)
            changes.hashes[relative] = digest
    changes.removed = sorted(p for p in owned - set(pages) if (docs / p).exists())
    return changes


# --- an unchanged page known without reading it ------------------------------------------
# At 10,000 articles a build compares 24,000 pages with docs/, and reading them back was most
# of a no-change build's wall time: the disk, not the CPU.


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _known_hash(stamp: Stamp | None, found: os.stat_result, stamped_at: int) -> str | None:
    """The hash of a page's bytes, known without reading it when its size and modification
    time are those recorded with that hash. Any edit sets the time, so an edited page never
    passes, unless it was edited within the clock tick in which it was written; git's
    "racily clean" rule covers that: a page whose time is not older than the stamps file
    itself is read."""
    if (
        stamp is not None
        and stamp[:2] == (found.st_size, found.st_mtime_ns)
        and found.st_mtime_ns < stamped_at
    ):
        return stamp[2]
    return None


def _read_stamps(docs: Path) -> tuple[dict[str, Stamp], int]:
    """The stamps of the last write and the time they were written; none when the file is
    missing or damaged, and none for a damaged entry (those pages are read, as before)."""
    path = docs / STAMPS
    try:
        stamped_at = path.stat().st_mtime_ns
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, 0
    stamps: dict[str, Stamp] = {}
    for page, stamp in found.items() if isinstance(found, dict) else ():
        if isinstance(stamp, list) and len(stamp) == 3:
            size, mtime, digest = stamp
            if isinstance(size, int) and isinstance(mtime, int) and isinstance(digest, str):
                stamps[page] = (size, mtime, digest)
    return stamps, stamped_at


def write(docs: Path, pages: Mapping[str, str]) -> Changes:
    """Make docs/ hold exactly `pages` among the generator's files."""
    docs.mkdir(parents=True, exist_ok=True)
    with lock(docs):
        recover(docs)
        changes = plan(docs, pages)
        staging = docs / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        for relative in changes.written:
            _pause()
            _stage_file(staging / relative, pages[relative].encode("utf-8"))
        _sync_staged(staging, changes.written)
        journal = {
            "write": changes.written,
            "remove": changes.removed,
            "manifest": sorted(pages),
        }
        _write_file(docs / JOURNAL, json.dumps(journal, indent=1).encode("utf-8"))
        _apply(docs, journal, changes)
    return changes


def recover(docs: Path) -> None:
    """Finish a write that was committed (journal present) or drop one that was not."""
    journal_path = docs / JOURNAL
    if journal_path.exists():
        try:
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
        except ValueError:  # the journal is renamed into place whole: never half-written
            journal_path.unlink()
        else:
            _apply(docs, journal)
    shutil.rmtree(docs / STAGING, ignore_errors=True)
    for leftover in (MANIFEST, JOURNAL, STAMPS):  # temporaries of a run killed while writing
        with contextlib.suppress(FileNotFoundError):
            (docs / f".{leftover}.tmp").unlink()


def _apply(docs: Path, journal: dict, changes: Changes | None = None) -> None:
    """Carry out a committed journal. The stamps come from the run's `changes`, not from the
    journal, which stays small: a journal finished by `recover` leaves no stamps, and those
    pages are read back once."""
    staging = docs / STAGING
    stamps: dict[str, Stamp] = dict(changes.stamps) if changes is not None else {}
    hashes = changes.hashes if changes is not None else {}
    for relative in journal["write"]:
        source, target = staging / safe_path(relative), docs / safe_path(relative)
        if source.exists():
            _pause()
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        if relative in hashes and target.exists():
            found = target.stat()
            stamps[relative] = (found.st_size, found.st_mtime_ns, hashes[relative])
    for relative in journal["remove"]:
        target = docs / safe_path(relative)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        _remove_empty_parents(target.parent, docs)
    manifest = {"generator": "news-digest", "pages": journal["manifest"]}
    _write_file(docs / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode("utf-8"))
    kept = {page: list(stamps[page]) for page in journal["manifest"] if page in stamps}
    _write_file(docs / STAMPS, json.dumps(kept, separators=(",", ":")).encode("utf-8"), sync=False)
    (docs / JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)


# Pages a build may stage before one sync of everything beats an fsync each.
SYNC_EACH_UP_TO = 100


def _sync_staged(staging: Path, written: list[str]) -> None:
    """Every staged page reaches the disk before the journal says they are complete.

    A few pages (an incremental build) are synced each, with their folders: `os.sync`
    would also wait for everything else the machine has yet to write, such as the site
    `mkdocs build` has just written (seconds, where twenty fsyncs take milliseconds).
    Thousands of pages (a cold build) are synced at once, cheaper than an fsync each."""
    if len(written) > SYNC_EACH_UP_TO:
        os.sync()
        return
    folders: set[Path] = set()
    for relative in written:
        path = staging / relative
        _fsync(path)
        folders.update(p for p in path.parents if p.is_relative_to(staging))  # staging too
    for folder in sorted(folders):
        _fsync(folder)


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _stage_file(path: Path, data: bytes) -> None:
    """Write a page into staging: no temporary name or fsync needed, since staging counts
    only once the journal is committed, after `_sync_staged`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_file(path: Path, data: bytes, sync: bool = True) -> None:
    """Write a file whole: to a temporary name, flushed (and synced), then renamed over the
    target. The stamps file is not synced: lost or stale, it only makes pages be read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())
    os.replace(temporary, path)


def _pause() -> None:
    """The kill tests' hook (DIGEST_WRITE_DELAY seconds per file); unset in normal use."""
    with contextlib.suppress(ValueError):
        delay = float(os.environ.get("DIGEST_WRITE_DELAY") or 0)
        if delay > 0:
            time.sleep(min(delay, 10.0))


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_relative_to(docs):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _lock_wait() -> float:
    value = os.environ.get("DIGEST_LOCK_WAIT")
    try:
        return max(0.0, float(value)) if value else LOCK_WAIT
    except ValueError:
        raise WriteError(f"DIGEST_LOCK_WAIT must be a number of seconds, not {value!r}") from None


@contextlib.contextmanager
def lock(docs: Path, wait: float | None = None) -> Iterator[None]:
    """Hold docs/.digest.lock; wait up to `wait` seconds for another build, then refuse.

    The lock is an flock on an open file: the kernel drops it when its holder exits, even
    when killed, so a crashed build never leaves docs/ locked.
    """
    if wait is None:
        wait = _lock_wait()
    with open(docs / LOCK, "a+") as handle:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise WriteError(
                        f"another build is writing {docs} (lock {docs / LOCK} is held) and did "
                        f"not finish within {wait:g} s; try again when it is done"
                    ) from None
                if not told:
                    print(
                        f"digest: another build is writing {docs}; waiting up to {wait:g} s",
                        file=sys.stderr,
                        flush=True,
                    )
                    told = True
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
