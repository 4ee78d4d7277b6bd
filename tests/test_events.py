"""Dated happenings per article and their merging into events across outlets."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.analyze import happenings, triggers
from generator.link import events
from generator.model import (
    Analyzed,
    Article,
    ArticleAnalysis,
    DateExpression,
    Happening,
    Person,
    PersonInArticle,
    Sentence,
    Summary,
)

THURSDAY = dt.date(2022, 3, 10)


@pytest.fixture(scope="session")
def spacy_nlp():
    from generator.analyze import nlp
    from generator.settings import Settings

    return nlp.load(Settings().spacy_model)


def article(slug: str, outlet: str, *paragraphs: str, published: dt.date = THURSDAY) -> Article:
    return Article(
        path=f"{slug}.md",
        slug=slug,
        title=slug,
        outlet=outlet,
        published=published,
        paragraphs=paragraphs,
    )


def analyse(
    spacy_nlp, item: Article, people: tuple[PersonInArticle, ...] = ()
) -> tuple[happenings.ArticleEvents, tuple[Sentence, ...]]:
    from generator.analyze import nlp

    doc = spacy_nlp(item.body)
    sentences = nlp.sentences(doc)
    return happenings.analyze(item, doc, sentences, people), sentences


# --- per article -------------------------------------------------------------------------


def test_a_dated_meeting_with_place_and_people(spacy_nlp) -> None:
    item = article(
        "a",
        "Wire",
        "Foreign Minister Dmytro Kuleba and Foreign Minister Sergey Lavrov met in Antalya, "
        "Turkey, on Thursday.",
    )
    found, sentences = analyse(spacy_nlp, item)
    assert len(found.happenings) == 1
    happening = found.happenings[0]
    assert happening.date.value == "2022-03-10"
    assert happening.trigger == "meet"
    assert set(happening.places) == {"Antalya", "Turkey"}
    assert set(happening.participants) == {"Dmytro Kuleba", "Sergey Lavrov"}
    assert sentences[happening.sentence].text.startswith("Foreign Minister Dmytro Kuleba")
    assert {"Antalya", "Turkey"} <= set(found.places)


def test_surnames_count_as_people_whatever_label_the_model_gives(spacy_nlp) -> None:
    item = article(
        "b",
        "Wire",
        "Mevlut Cavusoglu hosted Sergey Lavrov and Dmytro Kuleba.",
        "Cavusoglu, who sat between Lavrov and Kuleba on Thursday, described the meeting as civil.",
    )
    # The small model calls "Mevlut Cavusoglu" an ORG here: the people stage knows better.
    cavusoglu = PersonInArticle("Mevlut Cavusoglu", ("Cavusoglu",), ())
    found, _ = analyse(spacy_nlp, item, (cavusoglu,))
    dated = [h for h in found.happenings if h.date.text == "Thursday"]
    assert len(dated) == 1
    assert set(dated[0].participants) == {"Mevlut Cavusoglu", "Sergey Lavrov", "Dmytro Kuleba"}
    assert not {"Cavusoglu", "Lavrov", "Kuleba"} & set(found.organisations)
    assert not {"Cavusoglu", "Lavrov", "Kuleba"} & set(found.places)


def test_invasion_date_and_target(spacy_nlp) -> None:
    item = article("c", "Wire", "Talks were held weeks after Russia invaded Ukraine on Feb. 24.")
    found, _ = analyse(spacy_nlp, item)
    [happening] = [h for h in found.happenings if h.date.text == "Feb. 24"]
    assert happening.date.value == "2022-02-24"
    assert happening.trigger == "invade"
    assert happening.places == ("Ukraine",)


def test_city_of_is_a_place_even_when_mislabelled(spacy_nlp) -> None:
    item = article(
        "d",
        "Wire",
        "A horrific scene unfolded Wednesday when pregnant women evacuated a damaged "
        "maternity hospital in the Ukrainian city of Mariupol.",
    )
    found, _ = analyse(spacy_nlp, item)
    [happening] = found.happenings
    assert happening.date.value == "2022-03-09"
    assert "Mariupol" in happening.places
    assert happening.trigger == "evacuate"  # "unfolded" says only that something happened


def test_no_happening_after_publication_unless_the_text_looks_forward(spacy_nlp) -> None:
    item = article(
        "e",
        "Wire",
        "The ministers met on March 11. They will meet again on Friday.",
    )
    found, _ = analyse(spacy_nlp, item)
    values = sorted(h.date.value for h in found.happenings)
    # "March 11" in a past-tense report is last year's; "will meet Friday" is tomorrow
    assert values == ["2021-03-11", "2022-03-11"]
    assert all(h.date.value <= "2022-03-11" for h in found.happenings)


def test_vague_and_unresolved_dates_make_no_happening(spacy_nlp) -> None:
    item = article(
        "f",
        "Wire",
        "Russia narrowed its demands in recent days. Fighting has raged for decades.",
    )
    found, _ = analyse(spacy_nlp, item)
    assert found.happenings == ()
    assert [d.text for d in found.dates if d.vague] == ["recent days"]


def test_a_state_is_no_happening_unless_its_subject_or_object_names_one(spacy_nlp) -> None:
    item = article(
        "g",
        "Wire",
        "Australia has been independent since 1901, like many nations. "
        "The vote was on Tuesday. They had talks on Monday in Geneva.",
    )
    found, _ = analyse(spacy_nlp, item)
    assert sorted((h.trigger, h.date.value) for h in found.happenings) == [
        ("talk", "2022-03-07"),
        ("vote", "2022-03-08"),
    ]


def test_a_score_is_no_date_and_makes_no_happening(spacy_nlp) -> None:
    item = article("h", "Wire", "Ramprakash was out for 58, he and Vaughan adding 113.")
    found, _ = analyse(spacy_nlp, item)
    assert found.happenings == ()


def test_a_vague_verb_keeps_its_particle_object_or_verb_to_title_the_event(spacy_nlp) -> None:
    item = article(
        "i",
        "Wire",
        "Sony will formally take ownership of the movie studio on Friday, a spokesman said. "
        "Rebels took over the town on Wednesday. Talks began on Tuesday. "
        "On Monday, IBM began shipping a new card. The vote took place on Sunday. "
        "On Saturday, refugees began to arrive. On Friday, the company got 5%.",
    )
    found, sentences = analyse(spacy_nlp, item)
    assert sorted((h.trigger, h.detail) for h in found.happenings) == [
        ("begin", "shipping"),
        ("begin", "to arrive"),
        ("get", ""),
        ("take", "over town"),
        ("take", "ownership"),
        ("talk", ""),
        ("vote", ""),
    ]
    linked = events.link_events(
        [
            Analyzed(
                item, ArticleAnalysis(sentences, Summary("t", ()), 0, happenings=found.happenings)
            )
        ]
    )
    assert sorted(e.title.split(",")[0] for e in linked) == [
        "Begin shipping",
        "Begin to arrive",
        "Get",
        "Take over town",
        "Take ownership",
        "Talks",
        "Vote",
    ]


# --- across the corpus -------------------------------------------------------------------


def analyzed(
    slug: str, outlet: str, rows: list[tuple[str, str, str, tuple, tuple, str]]
) -> Analyzed:
    """An analysed article from rows (sentence, date text, value, places, people, trigger)."""
    sentences, happenings, offset = [], [], 0
    for index, (text, date_text, value, places, people, trigger) in enumerate(rows):
        sentences.append(Sentence(text, offset, offset + len(text), index, index))
        start = offset + text.index(date_text)
        precision = {10: "day", 7: "month", 4: "year"}[len(value)]
        date = DateExpression(date_text, start, start + len(date_text), value, precision)
        happenings.append(Happening(index, date, places, people, (), trigger))
        offset += len(text) + 2
    item = article(slug, outlet, *(row[0] for row in rows))
    analysis = ArticleAnalysis(
        sentences=tuple(sentences),
        summary=Summary("test", ()),
        word_count=0,
        happenings=tuple(happenings),
    )
    return Analyzed(item, analysis)


NYT = analyzed(
    "nyt",
    "The New York Times",
    [
        (
            "Cavusoglu, who sat between Lavrov and Kuleba on Thursday, described the meeting.",
            "Thursday",
            "2022-03-10",
            (),
            ("Mevlut Cavusoglu", "Lavrov", "Dmytro Kuleba"),
            "sit",
        ),
        (
            "There had been hope that the meeting Thursday could yield a breakthrough.",
            "Thursday",
            "2022-03-10",
            (),
            (),
            "meet",
        ),
        (
            "A strike on a hospital in Mariupol on Wednesday killed 3 people.",
            "Wednesday",
            "2022-03-09",
            ("Mariupol",),
            (),
            "strike",
        ),
    ],
)
PEOPLE_MAG = analyzed(
    "people",
    "PEOPLE",
    [
        (
            "The top diplomats met in Antalya, Turkey, on Thursday for talks.",
            "Thursday",
            "2022-03-10",
            ("Antalya", "Turkey"),
            (),
            "meet",
        ),
        (
            "Cavusoglu reportedly called Thursday's meeting civil.",
            "Thursday",
            "2022-03-10",
            (),
            ("Mevlut Cavusoglu",),
            "meet",
        ),
        (
            "Russia invaded Ukraine on Feb. 24.",
            "Feb. 24",
            "2022-02-24",
            ("Ukraine",),
            (),
            "invade",
        ),
        (
            "A strike hit a hospital in Mariupol on Tuesday, killing 4 people.",
            "Tuesday",
            "2022-03-08",
            ("Mariupol",),
            (),
            "strike",
        ),
    ],
)


def by_title(found: tuple) -> dict[str, object]:
    return {event.title: event for event in found}


def test_same_happening_from_two_outlets_is_one_event() -> None:
    found = events.link_events([NYT, PEOPLE_MAG])
    talks = [e for e in found if e.date == "2022-03-10"]
    assert len(talks) == 1
    [event] = talks
    assert event.outlets == ("PEOPLE", "The New York Times")
    assert event.places[:2] == ("Antalya", "Turkey")
    assert event.title == "Meeting in Antalya, 10 March 2022"
    assert set(event.participant_names) == {"Mevlut Cavusoglu", "Lavrov", "Dmytro Kuleba"}
    assert len(event.reports) == 4
    assert {r.citation.article for r in event.reports} == {"nyt", "people"}
    for report in event.reports:  # verbatim, cited to the right sentence
        source = NYT if report.citation.article == "nyt" else PEOPLE_MAG
        assert source.analysis.sentences[report.citation.sentence].text == report.text


def test_events_are_ordered_by_date_and_keep_their_precision() -> None:
    found = events.link_events([NYT, PEOPLE_MAG])
    assert [e.date for e in found] == sorted(e.date for e in found)
    assert found[0].date == "2022-02-24" and found[0].precision == "day"


def test_a_day_apart_with_different_numbers_is_flagged() -> None:
    found = events.link_events([NYT, PEOPLE_MAG])
    strikes = [e for e in found if "Mariupol" in e.places]
    assert len(strikes) == 1, "similar wording, same place, one day apart: one event"
    [strike] = strikes
    assert any(
        label.startswith("Dates differ") and "2022-03-08" in label and "2022-03-09" in label
        for label in strike.disagreements
    )
    numbers = [label for label in strike.disagreements if label.startswith("Numbers differ")]
    assert numbers and "PEOPLE says 4" in numbers[0] and "The New York Times says 3" in numbers[0]


def test_different_places_and_people_never_merge() -> None:
    one = analyzed(
        "one",
        "A",
        [
            (
                "Biden met Macron in Paris on Thursday.",
                "Thursday",
                "2022-03-10",
                ("Paris",),
                ("Biden", "Macron"),
                "meet",
            )
        ],
    )
    two = analyzed(
        "two",
        "B",
        [
            (
                "Lavrov met Kuleba in Antalya on Thursday.",
                "Thursday",
                "2022-03-10",
                ("Antalya",),
                ("Lavrov", "Kuleba"),
                "meet",
            )
        ],
    )
    assert len(events.link_events([one, two])) == 2


def test_participants_are_person_slugs_from_the_people_stage() -> None:
    people = [
        Person("sergey-lavrov", "Sergey Lavrov", ("Lavrov",), (), (), ("nyt",), 3),
        Person("mevlut-cavusoglu", "Mevlut Cavusoglu", ("Cavusoglu",), (), (), ("nyt",), 2),
    ]
    found = events.link_events([NYT, PEOPLE_MAG], people)
    [talks] = [e for e in found if e.date == "2022-03-10"]
    assert "sergey-lavrov" in talks.participants
    assert "mevlut-cavusoglu" in talks.participants
    names = dict(zip(talks.participants, talks.participant_names, strict=True))
    assert names["sergey-lavrov"] == "Sergey Lavrov"


def test_without_people_names_fall_back_to_slugs_of_the_fullest_form() -> None:
    found = events.link_events([NYT, PEOPLE_MAG])
    [talks] = [e for e in found if e.date == "2022-03-10"]
    assert "mevlut-cavusoglu" in talks.participants
    assert "dmytro-kuleba" in talks.participants


def test_linking_is_deterministic_and_order_free() -> None:
    first = events.link_events([NYT, PEOPLE_MAG])
    items = [PEOPLE_MAG, NYT]
    random.Random(4).shuffle(items)
    assert events.link_events(items) == first
    assert len({e.slug for e in first}) == len(first)


def test_date_labels() -> None:
    assert events.date_label("2022-03-10", "day") == "10 March 2022"
    assert events.date_label("2022-02", "month") == "February 2022"
    assert events.date_label("2022", "year") == "2022"


def test_triggers_are_base_forms_from_the_lemmatizer(spacy_nlp) -> None:
    doc = spacy_nlp(
        "Lavrov met Kuleba. The meetings ended. Russia launched an invasion and invaded."
    )
    word = {token.text: triggers.trigger_word(token) for token in doc}
    assert (word["met"], word["meetings"], word["launched"]) == ("meet", "meet", "launch")
    assert word["invasion"] == word["invaded"] == "invade"
    assert triggers.base_form("meeting", noun=True) == "meet"
    assert triggers.trigger_key("invade") == triggers.trigger_key("invasion")


def test_daily_reports_do_not_chain_into_one_long_event() -> None:
    text = "Protesters marched through central Paris against the pension law on {}."
    items = [
        analyzed(
            f"day{n}",
            f"Outlet {n}",
            [
                (
                    text.format(f"day {n}"),
                    f"day {n}",
                    f"2022-03-{10 + n:02d}",
                    ("Paris",),
                    (),
                    "march",
                )
            ],
        )
        for n in range(3)
    ]
    found = events.link_events(items)
    for event in found:
        days = sorted({r.citation.article for r in event.reports})
        assert len(days) <= 2, "an event spans at most two neighbouring days"
    assert len(found) == 2


def test_same_day_same_trigger_in_different_places_are_different_events() -> None:
    one = analyzed(
        "one",
        "A",
        [("A strike hit Kharkiv on Monday.", "Monday", "2022-03-07", ("Kharkiv",), (), "strike")],
    )
    two = analyzed(
        "two",
        "B",
        [("A strike hit Odesa on Monday.", "Monday", "2022-03-07", ("Odesa",), (), "strike")],
    )
    assert len(events.link_events([one, two])) == 2


def _sample_reports(seed: int, size: int) -> list[events.Report]:
    """Reports worded with the sentences of the sample articles (real news prose), dated at
    random over a few weeks, a month and a year, so that candidate lists overlap and differ."""
    import re
    from pathlib import Path

    from generator.read import read_content

    articles, _ = read_content(Path(__file__).resolve().parent.parent / "content")
    prose = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a.body) if len(s) > 40]
    rng = random.Random(seed)
    values = [f"2022-03-{day:02d}" for day in range(1, 29)] + ["2022-03", "2022-04", "2022"]
    items = []
    for n in range(size):
        rows = []
        for text in rng.sample(prose, 3):
            date_text = text.split()[0]
            rows.append((text, date_text, rng.choice(values), (), (), "say"))
        items.append(analyzed(f"a{n:03d}", f"Outlet {n % 4}", rows))
    return events.reports_of(items)


@pytest.mark.parametrize(("block", "rows"), [(1, 1), (3, 40), (64, 4096)])
def test_similarities_in_blocks_are_bit_for_bit_those_of_one_product_per_report(
    block, rows, monkeypatch
) -> None:
    """Scores meet thresholds in same_event, so scoring many reports in one matrix product
    must give exactly the floats of the product per report it replaced, last bit included."""
    import numpy as np

    monkeypatch.setattr(events, "_SCORE_BLOCK", block)
    monkeypatch.setattr(events, "_SCORE_ROWS", rows)
    reports = _sample_reports(block, 120)
    vectors = events._vectors(reports)
    candidates = events._candidates(reports)
    found = events._similarities(vectors, candidates)
    later_lists = [later for later in candidates.values() if later]
    assert len(found) == len(later_lists) > 100
    for i, later in candidates.items():
        if later:
            one_by_one = (vectors[later] @ vectors[i].T).toarray().ravel()
            assert found[i].view(np.int64).tolist() == one_by_one.view(np.int64).tolist()
    assert any((scores > 0).sum() > 1 for scores in found.values())  # words are shared


def test_a_name_resolves_first_among_the_people_its_article_names() -> None:
    """Two people share a surname and an alias; each article's own people decide, then the
    corpus; ambiguity within an article falls through to the corpus-wide forms. (Pins the
    behaviour of the scan over every person that the index by article replaced.)"""
    people = [
        Person("anna-berg", "Anna Berg", ("Berg", "A. Berg"), (), (), ("a", "b"), 5),
        Person("tom-berg", "Tom Berg", ("Berg",), (), (), ("b", "c", "b"), 3),
        Person("lee-ruiz", "Lee Ruiz", ("Ruiz",), (), (), ("c",), 1),
    ]
    mapping = events.PeopleMap(people, [])
    assert mapping.resolve("Berg", "a") == "anna-berg"  # the one Berg article a names
    assert mapping.resolve("Berg", "c") == "tom-berg"
    assert mapping.resolve("Tom Berg", "b") == "tom-berg"  # canonical name before alias
    assert mapping.resolve("A. Berg", "c") == "anna-berg"  # not named in c: corpus-wide
    assert mapping.resolve("Ruiz", "nowhere") == "lee-ruiz"  # an unknown article
    # two Bergs in b: neither is chosen there; corpus-wide, the alias is the first person's
    assert mapping.resolve("Berg", "b") == "anna-berg"
    assert mapping.resolve("Lee Ruiz", "a") == "lee-ruiz"
