"""The word lists kept as data (analyze/lexicons/): each says what it is for and how it was
checked, and holds what its header promises."""

from __future__ import annotations

import pytest

from generator.analyze import lexicon

FILES = sorted(path.stem for path in lexicon.FOLDER.glob("*.txt"))
TABLES = (
    "event-titles",
    "months",
    "number-words",
    "quarter-ordinals",
    "seasons",
    "trigger-nouns",
    "weekdays",
)
VERB_LISTS = (
    "speech-verbs",
    "generic-verbs",
    "light-verbs",
    "happen-verbs",
    "stative-verbs",
    "aspect-verbs",
    "vague-verbs",
)
WORD_LISTS = (
    "titles",
    "courtesy-titles",
    "name-particles",
    "not-person-words",
    "person-nouns",
    *VERB_LISTS,
    "place-nouns",
    "location-prepositions",
)


@pytest.mark.parametrize("name", FILES)
def test_every_list_says_what_it_is_for_and_how_it_was_checked(name):
    text = (lexicon.FOLDER / f"{name}.txt").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert text.startswith("#") and any("Checked:" in line for line in header), name
    entries = lexicon.entries(name)
    # a `key value` table (read with lexicon.table) has each key once; a list, each entry
    keys = [e.split()[0] for e in entries] if name in TABLES else list(entries)
    assert len(keys) == len(set(keys)), f"{name}: an entry is listed twice"


@pytest.mark.parametrize("name", WORD_LISTS)
def test_word_lists_hold_lower_case_single_words(name):
    for entry in lexicon.entries(name):
        assert entry == entry.lower() and " " not in entry, (name, entry)


def test_no_person_noun_is_also_a_title():
    assert not lexicon.words("person-nouns") & lexicon.words("titles")


@pytest.fixture(scope="module")
def lemma_index():
    from generator.analyze import nlp
    from generator.settings import Settings

    tables = nlp.load(Settings().spacy_model).get_pipe("lemmatizer").lookups
    index = tables.get_table("lemma_index")
    return {"verb": set(index["verb"]), "noun": set(index["noun"])}


@pytest.mark.parametrize("name", VERB_LISTS)
def test_verb_lists_hold_base_forms_the_lemmatizer_gives(name, lemma_index):
    """Entries are compared with `token.lemma_`: each must be a verb the lemmatizer knows
    as a base form, or no token would ever match it."""
    assert lexicon.words(name) <= lemma_index["verb"]


def test_trigger_nouns_and_titles_meet_the_lemmas_they_are_compared_with(lemma_index):
    nouns = lexicon.table("trigger-nouns")
    assert set(nouns) - lemma_index["noun"] == {"airstrike"}  # its own lemma, not indexed
    assert set(nouns.values()) <= lemma_index["verb"]
    assert set(lexicon.table("event-titles")) <= lemma_index["verb"]


def test_the_tables_are_the_lists_read_as_tables():
    """TABLES above names exactly the lists the code reads with lexicon.table."""
    import re
    from pathlib import Path

    source = "\n".join(p.read_text() for p in Path(lexicon.__file__).parent.rglob("*.py"))
    source += "\n".join(
        p.read_text() for p in (Path(lexicon.__file__).parent.parent / "link").rglob("*.py")
    )
    assert set(re.findall(r'table\("([a-z-]+)"\)', source)) == set(TABLES)
