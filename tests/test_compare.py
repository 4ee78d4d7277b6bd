"""Comparison of outlets within a story: alignment, unique facts, figures, quotes, sources."""

from __future__ import annotations

import dataclasses

import pytest

from generator.link import compare as c
from generator.link.compare import numbers
from generator.link.similarity import TextSpace
from generator.model import Citation, CitedText, Figure, NumberDifference
from tests.storyfixtures import BAY_NEWS, HARBOUR_TIMES, item


def test_names_spelled_differently_are_one_name_to_coverage_gaps():
    # the toolkit's keys (text.name_key, surname_key): case, "the", possessives and the
    # transliterated -y/-iy endings aside; people by surname
    a = item(
        "a",
        "A",
        [["Volodymyr Zelensky met the United Nations envoy in Kyiv on Monday."]],
        people=("Volodymyr Zelensky",),
        places=("Kyiv",),
        organisations=("the United Nations",),
    )
    b = item(
        "b",
        "B",
        [["President Zelenskyy told The United Nations’s envoy about KYIV on Monday."]],
        people=("President Zelenskyy",),
        places=("KYIV",),
        organisations=("The United Nations’s",),
    )
    assert c.coverage_gaps([a, b], c.CorpusIndex.of(None)) == ()


@pytest.fixture(scope="module")
def comparison() -> c.Comparison:
    return c.compare([HARBOUR_TIMES, BAY_NEWS])


def _pairs(comparison: c.Comparison) -> set[tuple[int, int]]:
    return {
        tuple(v.cited.citation.sentence for v in fact.versions)  # type: ignore[misc]
        for fact in comparison.shared
    }


# --- alignment ------------------------------------------------------------------------------


def test_sentences_saying_the_same_thing_in_other_words_are_aligned(comparison):
    # "walked out on Monday after talks on wages collapsed" / "...when wage talks collapsed"
    # and the quote sentences, trimmed and attributed differently
    assert (2, 2) in _pairs(comparison)
    assert (1, 1) in _pairs(comparison)


def test_each_shared_fact_holds_one_sentence_per_outlet(comparison):
    for fact in comparison.shared:
        articles = [v.cited.citation.article for v in fact.versions]
        assert len(articles) == len(set(articles)) >= 2


def test_unrelated_sentences_are_not_aligned():
    a = item("a", "A", [["The council approved a new budget for the city schools."]])
    b = item("b", "B", [["A storm flooded three farms north of the river overnight."]])
    assert c.compare([a, b]).shared == ()


def test_facts_only_one_outlet_reports_are_listed_under_it(comparison):
    times, bay = comparison.unique
    times_sentences = {m.cited.citation.sentence for m in times.sentences}
    bay_sentences = {m.cited.citation.sentence for m in bay.sentences}
    assert 3 in times_sentences  # the diverted ships
    assert 3 in bay_sentences  # the fisherman
    aligned_times = {
        v.cited.citation.sentence
        for f in comparison.shared
        for v in f.versions
        if v.cited.citation.article == times.article
    }
    assert not times_sentences & aligned_times


def test_details_only_one_outlet_gives_are_marked_inside_shared_sentences(comparison):
    times = comparison.unique[0]
    quote_sentence = next(m for m in times.details if m.cited.citation.sentence == 1)
    marked = [quote_sentence.cited.text[s:e] for s, e in quote_sentence.unique_spans]
    assert any("meeting that lasted more than three hours" in span for span in marked)


def test_unique_spans_need_several_novel_words():
    others = frozenset(["talk", "collaps"])
    text = "The talks collapsed after a furious shouting match in the hall."
    spans = c.unique_spans(text, others, min_words=2)
    assert [text[s:e] for s, e in spans] == ["furious shouting match in the hall"]
    assert c.unique_spans("The talks collapsed loudly.", others, min_words=2) == ()


# --- numbers --------------------------------------------------------------------------------


def _figures(text: str) -> list[Figure]:
    return c.figures(item("x", "X", [[text]]))


FIGURE_CASES = [
    ("It has killed more than 1,200 civilians.", "more than 1,200 civilians", 1200, None),
    ("More than 2 million Ukrainians have fled.", "More than 2 million Ukrainians", 2e6, None),
    ("They held 10 calls.", "10 calls", 10, 10),
    ("after three rounds of talks", "three rounds", 3, 3),
    ("It cost $400 million to build.", "$400 million", 4e8, 4e8),
    ("nearly 50 people", "nearly 50 people", 42.5, 50),
    ("the hundreds of thousands of Ukrainian civilians", "thousands of Ukrainian", 2e5, 1e6),
    ("a meeting that lasted more than an hour", "more than an hour", 1, None),
]
FIGURE_UNITS = ["civilians", "Ukrainians", "calls", "rounds", "$", "people", "civilians", "hour"]


@pytest.mark.parametrize(
    ("text", "figure", "low", "high", "unit"),
    [(*case, unit) for case, unit in zip(FIGURE_CASES, FIGURE_UNITS, strict=True)],
)
def test_figures_are_read_with_their_range_and_what_they_count(text, figure, low, high, unit):
    (found,) = _figures(text)
    assert figure in found.text
    assert (found.unit, found.low, found.high) == (unit, low, high)


@pytest.mark.parametrize(
    "text", ["Russia invaded on Feb. 24, weeks ago.", "In 2019 the rules changed.", "an idea"]
)
def test_dates_years_and_articles_are_not_figures(text):
    assert _figures(text) == []


def test_differing_counts_of_the_same_thing_are_reported_with_both_sides(comparison):
    (difference,) = comparison.numbers
    assert difference.unit == numbers._unit_key("dollars")
    assert not difference.compatible
    texts = {(f.cited.citation.article, f.text) for f in difference.figures}
    assert texts == {
        (HARBOUR_TIMES.article.slug, "12 million dollars"),
        (BAY_NEWS.article.slug, "15 million dollars"),
    }


def _numbers(left: str, right: str) -> tuple[NumberDifference, ...]:
    a, b = item("a", "A", [[left]]), item("b", "B", [[right]])
    return c.number_differences([a, b], c.StorySentences([a, b]))


def test_a_bound_and_a_count_that_can_both_hold_are_compatible():
    (difference,) = _numbers(
        "The flood killed more than 10 people in the valley.",
        "The flood killed 12 people in the valley.",
    )
    assert difference.compatible


def test_same_figures_and_different_things_are_not_differences():
    assert _numbers("The flood killed 12 people.", "The flood killed 12 people.") == ()
    assert _numbers("The flood killed 12 people.", "The flood killed 15 sheep.") == ()
    # the same word counted, about different things
    choir = "The choir has 40 singers from the old town."
    festival = "The rival festival hired 35 singers for its opening night."
    assert _numbers(choir, festival) == ()
    under_fire = (
        "The talks failed to alleviate the suffering of the hundreds of thousands of "
        "Ukrainian civilians under Russian fire."
    )
    casualties = "The invasion has killed or wounded more than 1,200 civilians, officials said."
    assert _numbers(under_fire, casualties) == ()


def test_figure_context_leaves_out_the_counted_word():
    (figure,) = _figures("Rescuers said the flood killed 12 people in the valley on Monday.")
    assert figure_context_words(figure) >= {"flood", "kill", "valley"}
    assert "peopl" not in c.figure_context(figure)


def figure_context_words(figure: Figure) -> set[str]:
    return set(c.figure_context(figure))


def test_figures_within_one_outlet_are_not_compared():
    a = item("a", "Same", [["The flood killed 12 people in the valley."]])
    b = item("b", "Same", [["The flood killed 15 people in the valley."]])
    assert c.number_differences([a, b], c.StorySentences([a, b])) == ()


# --- quotes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "I have the impression that Minister Lavrov came to talk but not to decide,",
            "came to talk but not to decide,",
            True,
        ),
        (
            "We do not plan to attack other countries. We didn’t attack Ukraine, either.",
            "didn't attack Ukraine,",
            True,
        ),
        ("We will not surrender.", "We will rebuild every school.", False),
        ("fakes", "fakes,", True),
        ("ready to take certain steps", "We are ready to seek balanced solutions", False),
    ],
)
def test_one_quotation_is_recognised_however_it_is_trimmed(a, b, same):
    assert c.same_quotation(a, b) is same


def test_shared_quotes_are_grouped_across_outlets_and_come_first(comparison):
    first = comparison.quotes[0]
    assert first.articles == (HARBOUR_TIMES.article.slug, BAY_NEWS.article.slug)
    assert {v.speaker for v in first.versions} == {"Tom Berg"}


def test_longest_common_run():
    assert c.longest_common_run(["a", "b", "c", "d"], ["x", "b", "c", "d", "y"]) == 3
    assert c.longest_common_run([], ["a"]) == 0


# --- people, sources, gaps ------------------------------------------------------------------


def test_people_table_counts_quotes_and_names_per_outlet(comparison):
    rows = {p.name: p for p in comparison.people}
    assert rows["Tom Berg"].quoted == (1, 1)
    assert rows["Ana Ruiz"].named == (True, False)
    assert rows["Lio Park"].named == (False, True)
    assert comparison.people[0].name == "Tom Berg"  # the most quoted first


def test_sources_are_the_media_each_outlet_attributes_to(comparison):
    found = {(s.article, s.name) for s in comparison.sources}
    assert found == {
        (HARBOUR_TIMES.article.slug, "The Coastal Ledger newspaper"),
        (BAY_NEWS.article.slug, "Radio Norte"),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kuleba said, according to NBC News.", ["NBC News"]),
        ("The talks stalled, the Interfax news agency reported.", ["the Interfax news agency"]),
        ("“I came to talk,” he told Turkish television.", ["Turkish television"]),
        ("He told Germany’s Bild newspaper he was ready.", ["Germany’s Bild newspaper"]),
        ("Reuters reported the deal late on Friday.", ["Reuters"]),
        ("He told reporters the talks had failed.", []),
        ("“Read it according to The Times,” she joked.", []),  # inside a quote
        ("The report was first published by Daily Wire Review online.", []),
        ("The source told The Daily Courier on Friday.", []),  # own outlet
    ],
)
def test_source_patterns(sentence, expected):
    article = item("a", "The Daily Courier", [[sentence]])
    assert [s.name for s in c.sources_cited(article)] == expected


def test_organisations_that_say_something_are_sources_people_are_not():
    sentence = "More than 2 million have fled, the United Nations says, and Kuleba said so too."
    known = item("a", "X", [[sentence]], organisations=("the United Nations",))
    unknown = item("b", "X", [[sentence]])
    assert [s.name for s in c.sources_cited(known)] == ["the United Nations"]
    assert c.sources_cited(unknown) == []


def test_unique_runs_keep_the_qualifier_before_a_figure():
    text = "They met for more than an hour around a U-shaped table."
    spans = c.unique_spans(text, frozenset(["met"]), min_words=3)
    assert [text[s:e] for s, e in spans] == ["more than an hour around a U-shaped table"]


def test_coverage_gaps_name_who_mentions_and_who_does_not(comparison):
    gaps = {(g.kind, g.name): g for g in comparison.gaps}
    ruiz = gaps[("person", "Ana Ruiz")]
    assert ruiz.missing == (BAY_NEWS.article.slug,)
    assert ruiz.mentions[0].citation.article == HARBOUR_TIMES.article.slug
    assert gaps[("place", "Velport")].missing == (BAY_NEWS.article.slug,)
    assert ("person", "Tom Berg") not in gaps


def test_an_outlet_named_by_another_is_not_a_gap_in_its_own_report():
    people = item(
        "a",
        "PEOPLE",
        [["The talks failed, The New York Times reported from Antalya."]],
        organisations=("The New York Times",),
        places=("Antalya",),
    )
    times = item("b", "The New York Times", [["The talks failed."]])
    gaps = {(g.kind, g.name) for g in c.coverage_gaps([people, times], c.CorpusIndex.of(None))}
    assert gaps == {("place", "Antalya")}


# --- the promise: every line verbatim and cited ---------------------------------------------


def _cited_texts(value: object):
    if isinstance(value, CitedText):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _cited_texts(getattr(value, field.name))
    elif isinstance(value, tuple):
        for element in value:
            yield from _cited_texts(element)


def test_every_cited_text_is_the_sentence_it_cites(comparison):
    articles = {a.article.slug: a for a in (HARBOUR_TIMES, BAY_NEWS)}
    cited = list(_cited_texts(comparison))
    assert len(cited) > 10
    for text in cited:
        sentence = articles[text.citation.article].analysis.sentences[text.citation.sentence]
        assert text.text == sentence.text


def test_quotes_figures_and_sources_are_verbatim_substrings(comparison):
    for group in comparison.quotes:
        for version in group.versions:
            assert version.text in version.cited.text
    for difference in comparison.numbers:
        for figure in difference.figures:
            assert figure.text in figure.cited.text
    for source in comparison.sources:
        assert source.name in source.cited.text


def test_comparison_is_deterministic():
    assert c.compare([HARBOUR_TIMES, BAY_NEWS]) == c.compare([HARBOUR_TIMES, BAY_NEWS])


def test_sentences_quoting_different_people_are_not_aligned_on_wording_alone():
    said = "“We are ready to talk about the wages of the dockworkers,” {} said on Monday."
    a = item("a", "A", [[said.format("Berg")]], speakers={"We are": "Tom Berg"})
    b = item("b", "B", [[said.format("Ruiz")]], speakers={"We are": "Ana Ruiz"})
    same = item("c", "C", [[said.format("Berg")]], speakers={"We are": "Tom Berg"})
    table = c.StorySentences([a, b, same])
    apart = table.between(Citation("a", 0), Citation("b", 0))
    together = table.between(Citation("a", 0), Citation("c", 0))
    assert together - apart > c.DEFAULTS.quote_bonus


def test_sentence_similarity_rewards_shared_quoted_words():
    texts = [
        "He accused them of peddling “fakes” about the war.",
        "Officials called the reports “fakes,” the minister said.",
        "Officials called the reports fakes, the minister said.",
    ]
    matrix = c.sentence_similarity(TextSpace(texts), texts)
    plain = TextSpace(texts).matrix(texts)
    assert matrix[0, 1] == pytest.approx(plain[0, 1] + c.DEFAULTS.quote_bonus)
    assert matrix[0, 2] == pytest.approx(plain[0, 2])


def test_many_outlets_are_capped_to_one_article_each_and_the_longest():
    short = item("s", "Same Outlet", [["The port strike went on."]])
    long = item("l", "Same Outlet", [["The port strike went on for a second long week."]])
    others = [item(f"o{n}", f"Outlet {n}", [["The port strike went on today."]]) for n in range(8)]
    chosen = c.sides_to_compare([short, long, *others], limit=4)
    slugs = [x.article.slug for x in chosen]
    assert "s" not in slugs and "l" in slugs and len(slugs) == 4
    comparison = c.compare([short, long, *others])
    assert len(comparison.sides) == c.DEFAULTS.max_sides
    assert "s" in comparison.omitted


def test_an_absence_the_outlets_text_refutes_is_not_claimed():
    """Fox's headline names James Mattis, though its analysis found no person there: the
    comparison must not say Mattis is missing from Fox, in the gaps or in who was named."""
    fox = item(
        "fox",
        "Fox News",
        [["The Pentagon chief resigned on Thursday after a dispute over Syria."]],
        title="James Mattis resigns as defense secretary",
    )
    nyt = item(
        "nyt",
        "The New York Times",
        [["Jim Mattis resigned as defense secretary on Thursday over Syria, officials said."]],
        people=("Jim Mattis",),
        places=("Syria",),
    )
    wire = item(
        "wire",
        "Wire",
        [["Officials said a new budget was agreed on Thursday in the capital."]],
    )
    gaps = c.coverage_gaps([fox, nyt, wire], c.CorpusIndex.of(None))
    mattis = [g for g in gaps if g.kind == "person"]
    assert [g.missing for g in mattis] == [("wire",)]  # only the article that never names him
    assert [g.missing for g in gaps if g.kind == "place"] == [("wire",)]  # Fox says Syria
    (use,) = c.people_use([fox, nyt, wire], c.CorpusIndex.of(None))
    assert use.named == (True, True, False)
