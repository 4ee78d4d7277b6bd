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
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from .model import Article, ArticleAnalysis
from .settings import Settings

# The modules whose code decides what an analysis holds. Their source is part of every cache
# key, so a change to any of them re-analyses (a stale summary is never served), while a
# change to render, write or link code reuses every analysis.
ANALYSIS_MODULES = (
    "analyze",
    "dates",
    "events",
    "model",
    "names",
    "nlp",
    "people",
    "quotes",
    "read",
    "settings",
    "summarize",
)


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
    """A hash of the source of the analysis modules."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ANALYSIS_MODULES:
        path = package / f"{name}.py"
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
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
        path = self._path(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_adapter().dump_json(_Entry.model_construct(analysis=analysis)))
        os.replace(temporary, path)


# --- the linked corpus ----------------------------------------------------------------------
# Linking (people, events, stories and their comparisons) is corpus-wide and costs seconds
# at a thousand articles, minutes at ten thousand. A build where no article changed links
# exactly the same inputs, so its result is kept too: one file, replaced by every new link.

# Code that does not decide what link() returns: a change to it keeps the linked corpus.
_NOT_LINK_CODE = ("__main__.py", "build.py", "progress.py", "write.py", "render", "evaluation")
# Settings that never change the Digest (where files are, how the run reports).
_NOT_LINK_SETTINGS = {"content_dir", "docs_dir", "cache_dir", "jobs", "strict", "use_cache"}
_NOT_LINK_SETTINGS |= {"progress"}


@cache
def link_code_fingerprint() -> str:
    """A hash of the source of every module that can change the linked corpus."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.split("/")[0] in _NOT_LINK_CODE or relative == "cache.py":
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def link_key(analysis_keys: Sequence[str], slugs: Sequence[str], settings: Settings) -> str:
    """Everything link() reads: each article's analysis key (file bytes, path, analysis
    settings, versions), its slug (which can depend on other files), the settings and the
    code of the corpus step."""
    digest = hashlib.sha256()
    relevant = settings.model_dump(mode="json", exclude=_NOT_LINK_SETTINGS)
    digest.update(json.dumps(relevant, sort_keys=True).encode() + b"\0")
    digest.update(link_code_fingerprint().encode() + b"\0")
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
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{entry}.pickle"
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(linked, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, target)
        for old in self.folder.glob("*.pickle"):  # only the latest corpus is worth keeping
            if old != target:
                old.unlink(missing_ok=True)


def to_jsonable(value: object) -> object:
    """Any model object as plain JSON data (dates as ISO strings)."""
    return json.loads(TypeAdapter(type(value)).dump_json(value))
