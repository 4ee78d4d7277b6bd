"""Shared fixtures. The suite never needs NLTK data or the network."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from generator import write

# sumy must never reach for NLTK data: point NLTK at an empty folder for the whole run
# (`make test` names one; otherwise a temporary one, removed at exit).
if "NLTK_DATA" not in os.environ:
    os.environ["NLTK_DATA"] = tempfile.mkdtemp(prefix="empty-nltk-")
    atexit.register(shutil.rmtree, os.environ["NLTK_DATA"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"


@pytest.fixture(scope="session")
def nlp_model():
    """The real English pipeline, loaded once for the whole session."""
    from generator.analyze import nlp
    from generator.settings import Settings

    return nlp.load(Settings().spacy_model)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample project (content/, docs/ hand-written pages, mkdocs.yml)."""
    shutil.copytree(SAMPLE, tmp_path / "content")
    (tmp_path / "docs").mkdir()
    write.copy_hand_written(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings_for(root: Path, **overrides):
    from generator.settings import Settings

    return Settings(
        content_dir=root / "content",
        docs_dir=root / "docs",
        cache_dir=root / ".digest-cache",
        jobs=1,
        **overrides,
    )
