"""On-disk cache of article analyses, keyed by everything the analysis depends on.

Key = sha256 of (the file's bytes, the analysis settings, the generator's version, the
spaCy and model versions). An entry that is missing, unreadable or of another shape is
simply recomputed: the cache can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

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


@cache
def _adapter() -> TypeAdapter:
    return TypeAdapter(ArticleAnalysis)


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
            return _adapter().validate_json(self._path(entry).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, entry: str, analysis: ArticleAnalysis) -> None:
        if self.folder is None:
            return
        path = self._path(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_adapter().dump_json(analysis))
        os.replace(temporary, path)


def to_jsonable(value: object) -> object:
    """Any model object as plain JSON data (dates as ISO strings)."""
    return json.loads(TypeAdapter(type(value)).dump_json(value))
