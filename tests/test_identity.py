"""Who is who across the corpus: name structure first, then context for a name that fits
several people."""

from __future__ import annotations

from dataclasses import replace

from test_people import _item, _person

from generator.analyze.mentions import words_of
from generator.link import identity
from generator.link.people import merge_people
from generator.settings import PeopleOptions


def same(a: str, b: str) -> bool:
    return identity.same_person(words_of(a), words_of(b))


def test_nicknames_initials_and_middle_names():
    assert same("Chuck Grassley", "Charles E. Grassley")
    assert same("Bill Clinton", "William Jefferson Clinton")
    assert same("Dick Blumenthal", "Richard Blumenthal")
    assert same("Jim Mattis", "James Mattis")
    assert same("Donald Trump", "Donald J. Trump")
    assert same("J. Trump", "Donald J. Trump")
    assert same("Obama", "Barack Obama")


def test_different_given_names_or_middle_initials_are_different_people():
    assert not same("George W. Bush", "George H. W. Bush")
    assert not same("Hillary Clinton", "Bill Clinton")
    assert not same("Michelle Obama", "Barack Obama")
    assert not same("Barack", "Barack Obama")  # a lone word is a surname, not a given name


def _names(people):
    return sorted((p.name, p.articles) for p in people)


def test_a_bare_surname_is_the_one_person_named_around_it():
    barack = _item("a", 10, "NYT", [_person("Barack Obama", "Barack Obama")])
    michelle = _item("m", 25, "NYT", [_person("Michelle Obama", "Michelle Obama")])
    bare = _item("b", 11, "Fox", [_person("Obama", "Obama", "Obama")])
    people = merge_people([bare, michelle, barack])
    assert _names(people) == [("Barack Obama", ("b", "a")), ("Michelle Obama", ("m",))]


def test_a_bare_surname_two_people_share_nearby_stays_its_own_page():
    barack = _item("a", 10, "NYT", [_person("Barack Obama", "Barack Obama")])
    michelle = _item("m", 12, "NYT", [_person("Michelle Obama", "Michelle Obama")])
    bare = _item("b", 11, "Fox", [_person("Obama", "Obama")])
    people = merge_people([bare, michelle, barack])
    assert ("Obama", ("b",)) in _names(people)


def test_the_story_decides_before_the_dates():
    barack = _item("a", 1, "NYT", [_person("Barack Obama", "Barack Obama")])
    michelle = _item("m", 11, "NYT", [_person("Michelle Obama", "Michelle Obama")])
    bare = _item("b", 11, "Fox", [_person("Obama", "Obama")])
    barack = replace(barack, article=replace(barack.article, story="budget"))
    bare = replace(bare, article=replace(bare.article, story="budget"))
    people = merge_people([bare, michelle, barack])
    assert ("Barack Obama", ("b", "a")) in _names(people)


def test_without_a_window_a_shared_surname_is_never_guessed():
    barack = _item("a", 10, "NYT", [_person("Barack Obama", "Barack Obama")])
    michelle = _item("m", 25, "NYT", [_person("Michelle Obama", "Michelle Obama")])
    bare = _item("b", 11, "Fox", [_person("Obama", "Obama")])
    people = merge_people([bare, michelle, barack], PeopleOptions(context_days=0))
    assert ("Obama", ("b",)) in _names(people)


def test_words_before_a_full_name_the_corpus_writes_alone_are_a_title():
    long = _item(
        "a", 10, "Fox", [_person("Majority Whip Kevin McCarthy", "Majority Whip Kevin McCarthy")]
    )
    short = _item("b", 10, "NYT", [_person("Kevin McCarthy", "Kevin McCarthy", "McCarthy")])
    middle = _item("c", 10, "HuffPost", [_person("Whip Kevin McCarthy", "Whip Kevin McCarthy")])
    people = merge_people([long, short, middle])
    assert [(p.name, p.articles) for p in people] == [("Kevin McCarthy", ("a", "b", "c"))]
    assert "Majority Whip Kevin McCarthy" in people[0].aliases


def test_a_lone_given_name_is_the_one_person_of_its_article_so_named():
    both = _item("a", 10, "Fox", [_person("Eric Cantor", "Eric Cantor"), _person("Eric", "Eric")])
    other = _item("b", 10, "NYT", [_person("Eric Holder", "Eric Holder"), _person("Dick", "Dick")])
    people = merge_people([both, other])
    names = {p.name: p.articles for p in people}
    assert names["Eric Cantor"] == ("a",) and "Eric" not in names  # joined in its article
    assert names["Dick"] == ("b",)  # no Richard in its article or story: left alone


def test_a_word_the_corpus_tags_a_place_is_no_person_unless_titled_or_quoted():
    from generator.model import ArticleAnalysis

    def placed(slug, name):
        item = _item(slug, 10, "X", [])
        analysis = ArticleAnalysis(**{**item.analysis.__dict__, "places": (name,)})
        return replace(item, analysis=analysis)

    sydney = _item("a", 10, "Fox", [_person("Sydney", "Sydney")])
    titled = _item("b", 10, "Fox", [_person("Abacha", "Gen. Abacha")])
    people = merge_people(
        [sydney, titled, placed("c", "Sydney"), placed("d", "Abacha"), placed("e", "Abacha")]
    )
    assert [p.name for p in people] == ["Gen. Abacha"]


def test_a_page_is_named_without_a_title_when_a_form_has_none():
    item = _item("a", 10, "Fox", [_person("President Obama", "President Obama", "Obama")])
    other = _item("b", 11, "NYT", [_person("President Obama", "President Obama")])
    assert [p.name for p in merge_people([item, other])] == ["Obama"]


def test_a_surname_of_several_words_keeps_its_given_name():
    full = _item("a", 10, "Fox", [_person("Osama bin Laden", "Osama bin Laden")])
    short = _item("b", 10, "NYT", [_person("bin Laden", "bin Laden")])
    assert [p.name for p in merge_people([full, short])] == ["Osama bin Laden"]
