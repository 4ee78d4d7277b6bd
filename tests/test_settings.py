"""Settings: every knob has one home, reachable from digest.toml, validated at the edge."""

from __future__ import annotations

import pytest

from generator import cache
from generator.settings import Settings, SettingsError, load_settings


def test_corpus_step_thresholds_come_from_digest_toml(tmp_path):
    (tmp_path / "digest.toml").write_text(
        "[link.events]\nsame_wording = 0.6\n\n[link.stories]\nthreshold = 0.2\n"
    )
    settings = load_settings(tmp_path)
    assert settings.link.events.same_wording == 0.6
    assert settings.link.stories.threshold == 0.2
    assert settings.link.events.least_wording == Settings().link.events.least_wording
    # a retuned threshold re-links (the link key covers it) but re-analyses nothing
    assert cache.link_scope(settings) != cache.link_scope(Settings())
    assert settings.analysis_fingerprint() == Settings().analysis_fingerprint()


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("[link.events]\nsame_wording = 2\n", "link.events.same_wording"),
        ("[link.stories]\nthreshhold = 0.2\n", "link.stories.threshhold"),
        ("[link.compare]\nmax_sides = 1\n", "link.compare.max_sides"),
    ],
)
def test_a_bad_threshold_names_the_option(tmp_path, toml, named):
    (tmp_path / "digest.toml").write_text(toml)
    with pytest.raises(SettingsError, match=named.replace(".", r"\.")):
        load_settings(tmp_path)


def test_every_link_threshold_is_documented():
    for group in Settings().link:
        options = group[1]
        for name, field in type(options).model_fields.items():
            assert field.description, f"{type(options).__name__}.{name}"
