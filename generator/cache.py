"""On-disk cache of article analyses, keyed by everything the analysis depends on.

Key = sha256 of (the file's bytes, the analysis settings, the generator's version, the
spaCy and model versions). An entry that is missing, unreadable or of another shape is
simply recomputed: the cache can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from .model import Article, ArticleAnalysis
from .settings import Settings

T = TypeVar("T")

# What an analysis depends on, besides the article and the settings: every file of the
# analysis stage (the analyze/ folder: its code and its word lists), and the modules that
# hand it its input, settings and result types. A change to any of them re-analyses (a stale
# summary is never served); a change to link, render or write code reuses every analysis.
ANALYSIS_CODE = ("analyze", "model.py", "read.py", "settings.py")
# ...and what the linked corpus depends on, besides the analyses and settings: the corpus
# step, the analysis tools it calls, and the data types.
LINK_CODE = ("analyze", "link", "model.py", "settings.py")


class _Entry(BaseModel):
    """One cache file. A rating can be NaN (sumy's LexRank when no sentence shares a word
    with another); written as JSON null it would not read back as a float, and the article
    would be analysed again on every build, so NaN is written as NaN."""

    model_config = ConfigDict(ser_json_inf_nan="constants")
    analysis: ArticleAnalysis


@cache
def _adapter() -> TypeAdapter:
    return TypeAdapter(_Entry)


@cache
def versions(spacy_model: str) -> str:
    """Versions of everything that shapes an analysis, read without loading the model."""
    parts = [f"code={code_fingerprint()}"]
    for package in ("news-digest", "spacy", "sumy", "dateparser", spacy_model):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=?")
    return ";".join(parts)


@cache
def code_fingerprint() -> str:
    """A hash of the analysis stage's code and data (see ANALYSIS_CODE)."""
    return _fingerprint(ANALYSIS_CODE)


def _fingerprint(parts: Sequence[str]) -> str:
    """A hash of these files and of every file under these folders of the package (names
    and bytes, sorted; compiled files left out)."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for part in parts:
        path = package / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                relative = file.relative_to(package).as_posix()
                digest.update(relative.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def key(article: Article, settings: Settings) -> str:
    digest = hashlib.sha256()
    for part in (
        article.content_hash,
        article.path,  # the file name decides the format (.md or .txt)
        settings.analysis_fingerprint(),
        versions(settings.spacy_model),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class AnalysisCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, entry: str) -> Path:
        assert self.folder is not None
        return self.folder / entry[:2] / f"{entry}.json"

    def get(self, entry: str) -> ArticleAnalysis | None:
        if self.folder is None:
            return None
        try:
            return _adapter().validate_json(self._path(entry).read_bytes()).analysis
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, entry: str, analysis: ArticleAnalysis) -> None:
        if self.folder is None:
            return
        _replace(self._path(entry), _adapter().dump_json(_Entry.model_construct(analysis=analysis)))


# --- the linked corpus ----------------------------------------------------------------------
# Linking (people, events, stories and their comparisons) is corpus-wide and costs seconds
# at a thousand articles, minutes at ten thousand. A build where no article changed links
# exactly the same inputs, so its result is kept too: one file, replaced by every new link.

# Settings that never change the Digest (where files are, how the run reports).
_NOT_LINK_SETTINGS = {"content_dir", "docs_dir", "cache_dir", "jobs", "strict", "use_cache"}
_NOT_LINK_SETTINGS |= {"progress"}


@cache
def link_code_fingerprint() -> str:
    """A hash of the code and data that can change the linked corpus (see LINK_CODE)."""
    return _fingerprint(LINK_CODE)


def link_scope(settings: Settings) -> str:
    """The settings and code every linked result depends on, as one hash."""
    relevant = settings.model_dump(mode="json", exclude=_NOT_LINK_SETTINGS)
    digest = hashlib.sha256(json.dumps(relevant, sort_keys=True).encode() + b"\0")
    digest.update(link_code_fingerprint().encode())
    return digest.hexdigest()


def link_key(analysis_keys: Sequence[str], slugs: Sequence[str], settings: Settings) -> str:
    """Everything link() reads: each article's analysis key (file bytes, path, analysis
    settings, versions), its slug (which can depend on other files), the settings and the
    code of the corpus step."""
    digest = hashlib.sha256(link_scope(settings).encode() + b"\0")
    for entry, slug in zip(analysis_keys, slugs, strict=True):
        digest.update(f"{entry} {slug}\n".encode())
    return digest.hexdigest()


class LinkCache:
    """The people, events and stories of the last linked corpus, by `link_key`.

    Pickled: they hold tuples of nested dataclasses (and comparisons) that JSON would have
    to be taught. A pickle runs code when loaded, so the cache folder must be as trusted as
    the code itself (it is the project's own folder, or CI's cache of it).
    """

    FOLDER = "linked"

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / self.FOLDER if folder is not None else None

    def get(self, entry: str) -> tuple | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{entry}.pickle", "rb") as handle:
                found = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        except Exception:  # an entry from other code: never fatal, just link again
            return None
        return found if isinstance(found, tuple) and len(found) == 3 else None

    def put(self, entry: str, linked: tuple) -> None:
        if self.folder is None:
            return
        target = self.folder / f"{entry}.pickle"
        _replace(target, pickle.dumps(linked, protocol=pickle.HIGHEST_PROTOCOL))
        for old in self.folder.glob("*.pickle"):  # only the latest corpus is worth keeping
            if old != target:
                old.unlink(missing_ok=True)


class LinkMemo:
    """The corpus step's costly per-story results (multi-source summaries, comparisons),
    kept from one build to the next by everything they read, so a build that adds one
    article recomputes the stories it touches and reuses the rest.

    A result is found by `entry(kind, articles, extra)`: the kind of result, the
    fingerprint of each article it reads (`fingerprints`, by slug: its analysis key, which
    covers the file's bytes, the analysis settings and code, and the versions; plus its
    slug), `extra` (options, or the part of the corpus it reads), and `scope` (the link
    code and settings, as in `link_key`). One pickle file holds the results a build used;
    like LinkCache it must be as trusted as the code.
    """

    FOLDER = "link-memo"
    FILE = "stories.pickle"

    def __init__(
        self, folder: Path | None, scope: str = "", fingerprints: Mapping[str, str] | None = None
    ) -> None:
        self.path = folder / self.FOLDER / self.FILE if folder is not None else None
        self.scope = scope
        self.fingerprints = dict(fingerprints or {})
        self.used: dict[str, object] = {}
        self.hits = 0
        self._stored: dict[str, object] | None = None

    def _load(self) -> dict[str, object]:
        if self._stored is None:
            self._stored = {}
            if self.path is not None:
                try:
                    with open(self.path, "rb") as handle:
                        found = pickle.load(handle)
                    if isinstance(found, dict) and found.get("scope") == self.scope:
                        self._stored = found.get("entries", {})
                except Exception:  # unreadable or from other code: recompute, never fail
                    self._stored = {}
        return self._stored

    def entry(self, kind: str, articles: Sequence[str], extra: str = "") -> str | None:
        """The key of a result, or None when an article has no fingerprint (no reuse)."""
        if self.path is None or any(a not in self.fingerprints for a in articles):
            return None
        digest = hashlib.sha256(f"{kind}\0{extra}\0".encode())
        for article in articles:
            digest.update(f"{article} {self.fingerprints[article]}\n".encode())
        return digest.hexdigest()

    def get_or_make(self, key: str | None, make: Callable[..., T], *args: object) -> T:
        """The stored result for `key`, or `make(*args)` (stored for next time)."""
        if key is None:
            return make(*args)
        stored = self._load()
        if key in stored:
            self.hits += 1
            value = stored[key]
        else:
            value = make(*args)
        self.used[key] = value
        return value  # type: ignore[return-value]

    def save(self) -> None:
        """Keep the results this build used (older ones are dropped)."""
        if self.path is None:
            return
        data = {"scope": self.scope, "entries": self.used}
        _replace(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _replace(path: Path, data: bytes) -> None:
    """Write a cache file whole: a reader (or a build running beside this one) sees the old
    file or the new one, never half of one. No fsync: a lost cache file is only recomputed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def to_jsonable(value: object) -> object:
    """Any model object as plain JSON data (dates as ISO strings)."""
    return json.loads(TypeAdapter(type(value)).dump_json(value))
