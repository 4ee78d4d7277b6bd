"""`eval people --corpus`: the BASIL measurement on a two-outlet story the test writes."""

from __future__ import annotations

import json

from conftest import settings_for

from generator.evaluation import basil, corpus_people
from generator.model import Person

STORY = "11111111-2222-3333-4444-555555555555"
TEXTS = {
    "fox": (
        "Obama signs the budget deal",
        [
            ["President Barack Obama signed the budget deal on Monday at the White House."],
            ['"This is a good day," Obama told reporters after the signing.'],
            ["Senator Harry Reid praised the deal, saying it protects the middle class."],
        ],
    ),
    "nyt": (
        "Budget deal becomes law",
        [
            ["President Obama signed the budget agreement on Monday, ending a long fight."],
            ["The agreement keeps the government open through September, officials said."],
        ],
    ),
}


def write_story(folder):
    for number, (source, (title, paragraphs)) in enumerate(TEXTS.items(), start=1):
        record = {
            "source": source,
            "main-entities": ["Barack Obama", "Harry Reid", "Walmart"],
            "main-event": "Obama signs budget",
            "title": title,
            "url": f"https://example.org/{source}",
            "date": "2013-01-14",
            "triplet-uuid": STORY,
            "body-paragraphs": paragraphs,
        }
        (folder / f"{STORY}_{number}.json").write_text(json.dumps(record))


def test_the_corpus_is_built_and_its_people_scored(tmp_path):
    data = tmp_path / "basil"
    data.mkdir()
    write_story(data)
    stories, generated = basil.build_digest(data, tmp_path / "work", settings_for(tmp_path))
    assert [s.uuid for s in stories] == [STORY]
    assert {a.article.outlet for a in generated.digest.articles} == {
        "Fox News",
        "The New York Times",
    }
    result = corpus_people.evaluate(stories, generated)
    assert result["main_people"] == 2  # Walmart is an organisation, not a person
    people = {row["person"]: row["pages"] for row in result["missing"] + result["split"]}
    assert "Barack Obama" not in people  # one page
    assert result["on_one_page"] + len(result["missing"]) + len(result["split"]) == 2


def page(name: str, *aliases: str) -> Person:
    return Person(name.lower(), name, aliases, (), (), (), 1)


def test_a_page_is_the_person_by_surname_unless_another_given_name():
    assert corpus_people.is_person(page("Barack Obama"), "Barack Obama")
    assert corpus_people.is_person(page("Obama"), "Barack Obama")
    assert not corpus_people.is_person(page("Michelle Obama"), "Barack Obama")
    assert corpus_people.is_person(page("Hillary Rodham Clinton", "Bill Clinton"), "Bill Clinton")
    assert not corpus_people.is_person(page("Hillary Clinton"), "Bill Clinton")


def test_an_absence_is_refuted_by_any_form_or_the_surname():
    assert corpus_people.named_in("Defense Secretary James Mattis said", ["Jim Mattis"])
    assert corpus_people.named_in("Mattis's plan", ["Jim Mattis"])
    assert not corpus_people.named_in("The Pentagon said", ["Jim Mattis"])
    assert not corpus_people.named_in("the mattisian view", ["Mattis"])
