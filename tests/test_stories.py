"""Stories: similarity, grouping, the multi-source summary, the corpus step, pages, eval."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyze.text import content_words
from generator.cache import LinkMemo
from generator.evaluation import stories as ev
from generator.link import link
from generator.link import stories as s
from generator.link.compare import Comparison, CorpusIndex, compare
from generator.link.similarity import TextSpace
from generator.model import Digest, Person, Story
from generator.render import markdown as md
from generator.render import render as render_site
from generator.render import stories as render
from generator.settings import Settings, load_settings
from tests.storyfixtures import BAY_NEWS, HARBOUR_TIMES, item

FLOOD = item(
    "2024-05-03-flood",
    "Valley Post",
    [
        ["Heavy rain flooded the lower valley on Thursday, forcing farmers to move cattle."],
        ["The river rose two metres above its usual level, the weather office said."],
    ],
    title="Rain floods the lower valley",
)


# --- similarity -------------------------------------------------------------------------------


def test_content_words_are_stemmed_without_stop_words_and_split_at_hyphens():
    assert content_words("The cease-fire was attacked by the rebels") == [
        "ceas",
        "fire",
        "ceasefir",
        "attack",
        "rebel",
    ]
    assert "2022" not in content_words("in 2022")
    assert "2022" in content_words("in 2022", numbers=True)


def test_same_story_is_more_alike_than_another_story():
    documents = [s.document(a) for a in (HARBOUR_TIMES, BAY_NEWS, FLOOD)]
    matrix = s.similarity_matrix(documents)
    assert matrix[0, 1] > s.DEFAULTS.threshold > max(matrix[0, 2], matrix[1, 2])
    assert np.allclose(matrix, matrix.T)


def test_shared_names_raise_similarity_and_never_lower_it():
    plain = [s.Document("talks in the port"), s.Document("a quiet harbour")]
    named = [replace(d, entities=frozenset({"berg"})) for d in plain]
    stranger = [plain[0], replace(plain[1], entities=frozenset({"ruiz"}))]
    base = s.similarity_matrix(plain)[0, 1]
    assert s.similarity_matrix(named)[0, 1] > base
    assert s.similarity_matrix(stranger)[0, 1] == pytest.approx(base)


def test_similarity_is_whole_within_the_date_window_and_decays_beyond():
    day = dt.date(2024, 5, 1)
    text = "port strike talks collapse over wages at the harbour"
    dates = [day, day + dt.timedelta(days=3), day + dt.timedelta(days=6), None]
    matrix = s.similarity_matrix([s.Document(text, published=d) for d in dates])
    assert matrix[0, 1] == pytest.approx(1)
    assert matrix[0, 2] == pytest.approx(0.5)  # one window beyond: halved
    assert matrix[0, 3] == pytest.approx(1)  # undated: no penalty


# --- grouping ---------------------------------------------------------------------------------


def test_grouping_puts_one_story_together_and_leaves_another_alone():
    documents = [s.document(a) for a in (HARBOUR_TIMES, BAY_NEWS, FLOOD)]
    groups = s.group(documents, s.Similarity.of(documents), s.DEFAULTS.threshold)
    assert groups == [[0, 1], [2]]


def test_story_key_overrides_similarity():
    documents = [
        s.Document("port strike talks collapse", key="strike"),
        s.Document("port strike talks collapse"),
        s.Document("rain floods the valley", key="strike"),
    ]
    assert s.group(documents, s.Similarity.of(documents), 0.2) == [[0, 2], [1]]


def test_articles_far_apart_in_time_are_kept_apart():
    text = "port strike talks collapse over wages at the harbour"
    documents = [
        s.Document(text, published=dt.date(2024, 5, 1)),
        s.Document(text + " again", published=dt.date(2024, 9, 1)),
    ]
    assert s.group(documents, s.Similarity.of(documents), 0.2) == [[0], [1]]


def test_cluster_edge_cases():
    assert s.cluster(np.zeros((0, 0)), 0.5) == []
    assert s.cluster(np.ones((1, 1)), 0.5) == [[0]]


# --- summary ----------------------------------------------------------------------------------


def test_story_summary_lines_are_verbatim_cited_and_from_every_outlet():
    long = item(
        "long",
        "Long Daily",
        [
            [f"The port strike entered day {n} as talks on dock wages stalled again."]
            for n in ("one", "two", "three", "four", "five", "six", "seven", "eight")
        ],
    )
    lines = s.story_summary([long, BAY_NEWS])
    articles = {a.article.slug: a for a in (long, BAY_NEWS)}
    assert {line.citation.article for line in lines} == {"long", BAY_NEWS.article.slug}
    for line in lines:
        cited = articles[line.citation.article].analysis.sentences[line.citation.sentence]
        assert line.text == cited.text


def test_story_summary_drops_near_duplicates_across_outlets():
    sentence = "Dockworkers walked out on Monday after the wage talks collapsed at the port."
    a = item("a", "A", [[sentence, "The mayor said trade had suffered for a whole week now."]])
    b = item("b", "B", [[sentence, "Fishermen said the harbour had never been so quiet before."]])
    texts = [line.text for line in s.story_summary([a, b], s.StoryOptions(summary_sentences=4))]
    assert texts.count(sentence) == 1


def test_story_summary_pools_only_each_articles_first_sentences():
    topics = (
        "dock wage talks stalled again",
        "ferries were cancelled along the coast",
        "exporters counted heavy losses",
        "the union threatened a longer walkout",
        "ministers called both sides to Lisbon",
        "fishermen found the harbour eerily quiet",
    )
    a = item("a", "A", [[f"On the port strike, {topic}, officials said." for topic in topics]])
    b = item("b", "B", [[f"Reporters heard that {topic} during the strike." for topic in topics]])
    options = s.StoryOptions(summary_sentences=6, max_pooled=4, min_pooled_each=1)
    lines = s.story_summary([a, b], options)
    assert lines and {line.citation.sentence for line in lines} <= {0, 1}  # 2 from each
    assert max(line.citation.sentence for line in s.story_summary([a, b])) > 1  # uncapped


def test_a_story_of_one_keeps_the_article_summary():
    (line, *rest) = s.story_summary([FLOOD])
    assert line.citation.article == FLOOD.article.slug
    assert len(rest) + 1 == len(FLOOD.analysis.summary.sentences)


# --- corpus step ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def digest() -> Digest:
    digest = Digest(articles=(FLOOD, HARBOUR_TIMES, BAY_NEWS))
    return replace(digest, stories=s.link_stories(digest))


def test_link_stories_makes_a_compared_story_and_a_story_of_one(digest):
    by_size = sorted(digest.stories, key=lambda story: len(story.articles))
    single, pair = by_size
    assert single.articles == (FLOOD.article.slug,) and single.comparison is None
    assert set(pair.articles) == {HARBOUR_TIMES.article.slug, BAY_NEWS.article.slug}
    assert pair.paths == tuple(f"{slug}.md" for slug in pair.articles)
    assert isinstance(pair.comparison, Comparison)
    assert pair.title == "Harbour strike: no deal after talks"  # earliest, then by slug
    assert s.stories_of(digest, BAY_NEWS.article.slug) == (pair,)


def test_link_stories_is_deterministic_and_slugs_unique(digest):
    again = s.link_stories(Digest(articles=(BAY_NEWS, HARBOUR_TIMES, FLOOD)))
    assert again == digest.stories
    slugs = [story.slug for story in digest.stories]
    assert len(slugs) == len(set(slugs))


def test_link_fills_digest_stories():
    result = link([FLOOD, HARBOUR_TIMES, BAY_NEWS], Settings())
    assert len(result.stories) == 2


# --- pages ------------------------------------------------------------------------------------


def test_pages_index_and_a_page_per_story_of_several_articles(digest):
    pages = render.pages(digest)
    single, pair = sorted(digest.stories, key=lambda story: len(story.articles))
    assert set(pages) == {render.INDEX, md.story_path(pair.slug)}
    # both listed on the index: the pair to its page, the story of one to its article
    assert f"]({pair.slug}.md)" in pages[render.INDEX]
    assert f"](../articles/{FLOOD.article.slug}.md)" in pages[render.INDEX]
    assert f"{md.text(single.title)}](" in pages[render.INDEX]


def test_only_a_story_of_one_article_goes_without_a_page():
    one = Story("one", "One", ("a",))
    assert not md.story_has_page(one) and md.story_target(one) == "articles/a.md"
    for articles in [("a", "b"), ("a", "b", "c")]:
        story = Story("s", "S", articles)
        assert md.story_has_page(story) and md.story_target(story) == "stories/s.md"


def test_every_link_to_a_story_leads_to_a_page_of_the_site(digest):
    """Home, index, article and person pages all link stories; none may point to a page
    that is no longer rendered (`mkdocs build --strict` would fail on the real site)."""
    everyone = tuple(i.article.slug for i in digest.articles)
    person = Person("ann", "Ann", (), (), (), everyone, len(everyone))
    site = render_site(replace(digest, people=(person,)))
    single = next(x for x in digest.stories if len(x.articles) == 1)
    assert md.story_path(single.slug) not in site
    linked = 0
    for path, page in site.items():
        folder = posixpath.dirname(path)
        for target in re.findall(r"\]\(([^)#]+\.md)", page):
            resolved = posixpath.normpath(posixpath.join(folder, target))
            assert resolved in site, (path, target)
            linked += resolved.startswith("stories/") and resolved != render.INDEX
    assert linked >= 3  # home, index and person page link the pair's story
    assert f"](../articles/{FLOOD.article.slug}.md)" in site[md.person_path("ann")]
    # a person's stories are the comparisons: a story of one is already in their articles
    listed = site[md.person_path("ann")].split("## Stories", 1)[1].split("\n## ", 1)[0]
    pair = next(x for x in digest.stories if len(x.articles) > 1)
    assert re.findall(r"\]\(([^)]+)\)", listed) == [f"../stories/{pair.slug}.md"]
    flood_page = site[md.article_path(FLOOD.article.slug)]
    assert "## Story" not in flood_page and "stories/" not in flood_page


def test_comparison_page_shows_sections_and_cites_lines(digest):
    story = next(x for x in digest.stories if x.comparison is not None)
    page = render.story_page(digest, story)
    for heading in ("Side by side", "Reported by several outlets", "Numbers that differ"):
        assert f"## {heading}" in page
    assert "Radio Norte" in page and "<svg" in page
    # every bullet and table row of facts carries a citation link to an article page
    for line in page.splitlines():
        if line.startswith("- ") and "Summary" not in line:
            assert "../articles/" in line


def test_coverage_gaps_list_each_name_once_cited_with_the_outlets_that_leave_it_out(digest):
    story = next(x for x in digest.stories if x.comparison is not None)
    comparison = story.comparison
    assert comparison.gaps
    page = render.story_page(digest, story)
    section = page.split("## Coverage gaps", 1)[1]
    outlets = {side.article: side.outlet for side in comparison.sides}
    tables = dict(re.findall(r"### (\w+)\n\n((?:\|.*\n)+)", section))
    for gap in comparison.gaps:
        rows = tables[dict(render.GAP_KINDS)[gap.kind]].splitlines()[2:]
        named = [row for row in rows if row.startswith(f"| {md.text(gap.name)} |")]
        named += [row for row in rows if row.startswith(f"| [{md.text(gap.name)}](")]
        assert len(named) == 1, gap.name  # once, under its kind
        _, mentioned, missing = (cell.strip() for cell in named[0].strip("| ").split(" | "))
        # cited where other outlets mention it, then the outlets that do not
        for mention in gap.mentions:
            assert f"{mention.citation.article}.md#s{mention.citation.sentence})" in mentioned
        assert missing == ", ".join(md.text(outlets[slug]) for slug in gap.missing)
    # names are cited, not their sentences quoted (those are on the page already)
    assert all(m.text not in section for g in comparison.gaps for m in g.mentions)


def test_untrusted_text_is_escaped_on_story_pages():
    evil = item(
        "evil",
        "<b>Bad|Outlet</b>",
        [["The *port* strike <script>alert(1)</script> went on | and on for days now."]],
        title="[Click](javascript:alert(1)) <img src=x>",
        people=("<b>Evil</b> Person",),
        speakers={},
    )
    other = item(
        "other",
        "Plain",
        [["The port strike went on and on for days now, workers said."]],
        title="Port strike goes on",
    )
    digest = Digest(articles=(evil, other))
    digest = replace(digest, stories=s.link_stories(digest))
    assert any(story.comparison is not None for story in digest.stories)
    for page in render.pages(digest).values():
        body = page.split("---\n", 2)[-1]
        assert "<script>" not in body and "<img" not in body and "<b>" not in body
        assert "](javascript" not in body
        assert "|Outlet" not in body


# --- evaluation metrics -----------------------------------------------------------------------


def test_pairwise_and_bcubed_on_hand_cases():
    truth = ["a", "a", "b", "b"]
    assert ev.pairwise([1, 1, 2, 2], truth)["f1"] == 1.0
    assert ev.bcubed([1, 1, 2, 2], truth)["f1"] == 1.0
    lumped = ev.pairwise([0, 0, 0, 0], truth)
    assert (lumped["precision"], lumped["recall"]) == (pytest.approx(1 / 3, abs=1e-4), 1.0)
    split = ev.bcubed([0, 1, 2, 3], truth)
    assert (split["precision"], split["recall"]) == (1.0, 0.5)


def test_read_headlines_skips_the_cut_off_last_row(tmp_path):
    path = tmp_path / "head.csv"
    path.write_text(
        "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n"
        "1,Fed holds rates,http://x,P,b,s1,x,1394470370698\n"
        "2,Fed keeps rates,http://y,Q,b,s1,y,1394470371207\n"
        "3,Cut off mid-ro",
        encoding="utf-8",
    )
    assert [r["TITLE"] for r in ev.read_headlines(path)] == ["Fed holds rates", "Fed keeps rates"]


def test_lee_style_correlation_prefers_our_similarity_on_a_toy_set():
    documents = [
        "The striking dockworkers rejected the wage offer.",
        "Dockworkers on strike turned down the offer on wages.",
        "Rain flooded the valley and farmers moved cattle.",
        "Farmers moved their cattle as the valley flooded after rain.",
    ]
    human = np.array([[1, 0.9, 0.1, 0.1], [0, 1, 0.1, 0.1], [0, 0, 1, 0.9], [0, 0, 0, 1]])
    ours = ev.correlations(TextSpace(documents).matrix(documents), human)
    assert ours["pearson"] > ev.correlations(ev.plain_tfidf(documents), human)["pearson"]


def test_report_table_names_every_system():
    results = {
        "lee": {"plain": {"pearson": 0.4, "spearman": 0.2}},
        "uci": {
            "headlines": 3,
            "stories": 2,
            "systems": {
                "plain": {
                    "at default": {
                        "threshold": 0.15,
                        "groups": 2,
                        "pairwise": {"precision": 1, "recall": 1, "f1": 1},
                        "bcubed": {"precision": 1, "recall": 1, "f1": 1},
                    }
                }
            },
        },
        "seconds": 1.0,
    }
    text = ev.report(results)
    assert re.search(r"plain\s+0\.400\s+0\.200", text)
    assert "at default" in text


ALLOWED_TAG = re.compile(r"<(?:/?(?:div|svg|title|text|circle)\b|br>)")


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=30))
def test_any_article_text_stays_inert_on_a_comparison_page(sentence, outlet):
    a = item("a", outlet, [[f"The port strike went on for days. {sentence}"]], title=sentence)
    b = item("b", outlet + " B", [["The port strike went on for days, workers said."]])
    digest = Digest(articles=(a, b))
    story = s.Story(
        slug="x",
        title=sentence,
        articles=("a", "b"),
        comparison=compare([a, b], CorpusIndex.of(digest)),
    )
    page = render.story_page(replace(digest, stories=(story,)), story)
    body = page.split("---\n", 2)[-1]
    for position in [m.start() for m in re.finditer("<", body)]:
        assert ALLOWED_TAG.match(body, position), body[position : position + 30]
    assert "](javascript" not in body


def test_articles_left_out_of_a_comparison_are_still_listed():
    reports = [
        item(f"r{n}", "Wire" if n < 2 else f"Outlet {n}", [["The port strike went on today."]])
        for n in range(3)
    ]
    story = s.Story(slug="x", title="t", articles=("r0", "r1", "r2"))
    digest = Digest(articles=tuple(reports))
    story = replace(story, comparison=compare(reports, CorpusIndex.of(digest)))
    page = render.story_page(replace(digest, stories=(story,)), story)
    assert "1 more report of this story" in page and "../articles/r1.md" in page


def test_compare_options_in_digest_toml_reach_the_comparison(tmp_path):
    (tmp_path / "digest.toml").write_text("[link.compare]\nmax_sides = 2\n")
    settings = load_settings(tmp_path)
    reports = [item(f"r{n}", f"Outlet {n}", [["The port strike went on today."]]) for n in range(3)]
    digest = Digest(articles=tuple(reports))
    fingerprints = {r.article.slug: "1" for r in reports}
    memo = LinkMemo(tmp_path, "scope", fingerprints)
    (default,) = s.link_stories(digest, memo=memo)
    memo.save()
    # the same memo: a retuned knob is another comparison, not the remembered one
    (tuned,) = s.link_stories(digest, settings, memo=LinkMemo(tmp_path, "scope", fingerprints))
    assert default.comparison is not None and tuned.comparison is not None
    assert len(default.comparison.sides) == 3 and default.comparison.omitted == ()
    assert len(tuned.comparison.sides) == 2 and len(tuned.comparison.omitted) == 1


# --- the sample: the two seed reports -----------------------------------------------------------


@pytest.fixture(scope="module")
def sample(nlp_model) -> Digest:
    """The seed reports through read, analyse and link (quotes only once quotes.py lands)."""
    from pathlib import Path

    from generator.model import Analyzed
    from generator.parallel import analyze_articles
    from generator.read import read_content

    articles, _ = read_content(Path(__file__).resolve().parent.parent / "content")
    analyses = analyze_articles(articles, Settings())
    return link([Analyzed(a, x) for a, x in zip(articles, analyses, strict=True)], Settings())


def _by_outlet(comparison: Comparison, outlet: str):
    index = next(i for i, side in enumerate(comparison.sides) if side.outlet == outlet)
    return comparison.sides[index], comparison.unique[index]


def test_sample_is_one_story_whose_comparison_finds_each_outlets_own_facts(sample):
    (story,) = sample.stories
    assert len(story.articles) == 2
    comparison = story.comparison
    assert isinstance(comparison, Comparison)
    _, nyt = _by_outlet(comparison, "The New York Times")
    _, people = _by_outlet(comparison, "PEOPLE")
    nyt_alone = " ".join(m.cited.text for m in nyt.sentences)
    assert "authority to negotiate even a 24-hour cease-fire" in nyt_alone
    nyt_details = [m.cited.text[s:e] for m in nyt.details for s, e in m.unique_spans]
    assert any("more than an hour" in d for d in nyt_details)
    people_alone = " ".join(m.cited.text for m in people.sentences)
    assert "teacher in Ivano-Frankivsk" in people_alone
    assert "More than 2 million Ukrainians have also fled" in people_alone
    # the Lavrov quote sentences say the same thing in both outlets
    assert any(
        all("attack Ukraine, either" in v.cited.text.replace("’", "'") for v in fact.versions)
        for fact in comparison.shared
    )


def test_sample_sources_each_outlet_cites(sample):
    comparison = sample.stories[0].comparison
    outlets = {side.article: side.outlet for side in comparison.sides}
    cited: dict[str, set[str]] = {}
    for source in comparison.sources:
        cited.setdefault(outlets[source.article], set()).add(source.name)
    assert {"The New York Times", "NBC News", "CNN"} <= cited["PEOPLE"]
    assert {"the Interfax news agency", "Germany’s Bild newspaper"} <= cited["The New York Times"]


PARTS = [
    "Flood waters rose in the valley on Monday.",
    "",
    "The mayor ordered an evacuation of low-lying streets.",
    "Officials said the cease-fire held overnight.",
    "   ",
    "Zelenskyy met Zelensky's advisers in Kyiv.",
]


@pytest.mark.parametrize("char_weight", [0.0, 0.3])
def test_joined_vectors_are_the_vectors_of_the_joined_texts(char_weight):
    space = TextSpace(PARTS, char_weight=char_weight)
    groups = [[0, 2], [3], [1, 4], [5, 0, 3], [2, 2]]
    joined = space.joined(groups).toarray()
    expected = space.vectors(["\n".join(PARTS[i] for i in g) for g in groups]).toarray()
    np.testing.assert_array_equal(joined, expected)
    assert joined[2].sum() == 0  # only empty parts: a zero row, as for an empty text


def _fitted_on_every_sentence(items, char_weight=0.3):
    """The document vectors in a space fitted on every sentence and headline at once."""
    sentences = [x.text for item in items for x in item.analysis.sentences]
    space = TextSpace([*sentences, *(i.article.title for i in items)], char_weight=char_weight)
    return space.vectors([s.document(item).text for item in items])


def test_document_vectors_match_the_documents_texts():
    items = [BAY_NEWS, HARBOUR_TIMES, FLOOD]
    expected = _fitted_on_every_sentence(items).toarray()
    np.testing.assert_array_equal(s.document_vectors(items).toarray(), expected)


NO_SENTENCES = item("2024-05-04-empty", "Valley Post", [], title="Valley rain")
WORDLESS = item("2024-05-05-wordless", "Valley Post", [["It was."], ["2024."]], title="The 10")


@pytest.mark.parametrize(
    "items",
    [[BAY_NEWS, NO_SENTENCES, WORDLESS, FLOOD], [WORDLESS], [WORDLESS, replace(WORDLESS)]],
    ids=["an article without sentences and one without words", "no word at all", "two"],
)
def test_document_vectors_of_articles_with_few_or_no_words(items):
    vectors = s.document_vectors(items)
    np.testing.assert_array_equal(vectors.toarray(), _fitted_on_every_sentence(items).toarray())
    assert vectors[items.index(WORDLESS)].nnz == 0


def test_document_vectors_count_the_words_of_changed_articles_only(tmp_path, monkeypatch):
    counted: list[str] = []
    real = s.count_parts

    def counting(parts, char_weight):
        counted.append(parts[-1])  # the headline
        return real(parts, char_weight)

    monkeypatch.setattr(s, "count_parts", counting)
    items = [BAY_NEWS, HARBOUR_TIMES]
    fingerprints = {i.article.slug: "1" for i in [*items, FLOOD]}
    first = LinkMemo(tmp_path, "scope", fingerprints)
    s.document_vectors(items, memo=first)
    first.save()
    assert counted == [i.article.title for i in items]

    counted.clear()
    added = sorted([*items, FLOOD], key=lambda i: i.article.slug)
    vectors = s.document_vectors(added, memo=LinkMemo(tmp_path, "scope", fingerprints))
    assert counted == [FLOOD.article.title]  # the others' counts were kept
    expected = _fitted_on_every_sentence(added)
    np.testing.assert_array_equal(vectors.indices, expected.indices)
    assert vectors.data.tobytes() == expected.data.tobytes()  # bit for bit: same stories

    counted.clear()
    changed = LinkMemo(tmp_path, "scope", {**fingerprints, BAY_NEWS.article.slug: "2"})
    s.document_vectors(items, memo=changed)
    assert counted == [BAY_NEWS.article.title]  # another version of the file: read again
    counted.clear()
    s.document_vectors(
        items, s.StoryOptions(char_weight=0), LinkMemo(tmp_path, "scope", fingerprints)
    )
    assert len(counted) == 2  # counts without n-grams are other counts


def _random_corpus(seed: int, size: int) -> list[s.Document]:
    """Documents drawn from a few topics' words, over a few months, some undated."""
    rng = np.random.default_rng(seed)
    topics = [
        topic.split()
        for topic in (
            "strike port wages harbour union talks",
            "flood valley rain river villages rescue",
            "election vote parliament coalition minister poll",
            "bank rate inflation markets loan prices",
        )
    ]
    every_word = [word for topic in topics for word in topic]
    names = ["berg", "ruiz", "kyiv", "antalya", "lavrov", "unesco"]
    documents = []
    for _ in range(size):
        words = list(rng.choice(topics[rng.integers(len(topics))], size=8))
        words += list(rng.choice(every_word, size=int(rng.integers(0, 4))))
        day = (
            None
            if rng.random() < 0.1
            else dt.date(2024, 1, 1) + dt.timedelta(int(rng.integers(120)))
        )
        entities = frozenset(rng.choice(names, size=int(rng.integers(0, 3)), replace=False))
        documents.append(s.Document(" ".join(words), entities, day))
    return documents


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("block", [1, 16])  # small blocks: many seams to cross
def test_grouping_part_by_part_gives_the_clusters_of_the_whole_matrix(seed, block, monkeypatch):
    documents = _random_corpus(seed, 150)
    monkeypatch.setattr(s, "_BLOCK", block)
    singles = False
    for threshold in (0.15, 0.3, 0.5, 0.7):
        whole = s.cluster(s.similarity_matrix(documents), threshold)
        assert s.group(documents, s.Similarity.of(documents), threshold) == sorted(whole)
        assert any(len(g) > 1 for g in whole)  # the corpus does have stories to find
        singles = singles or any(len(g) == 1 for g in whole)
    assert singles  # and articles that are stories of their own (no matrix for those)


def test_an_article_like_no_other_is_a_story_without_a_similarity_matrix(monkeypatch):
    """Most connected parts are one article: grouping compares it with nothing again."""
    documents = _random_corpus(0, 150)
    similarity = s.Similarity.of(documents)
    parts = similarity.linked(list(range(len(documents))), 0.7)
    assert any(len(p) == 1 for p in parts) and any(len(p) > 1 for p in parts)
    asked: list[int] = []
    between = s.Similarity.between

    def counted(self, rows, columns):
        asked.append(len(rows))
        return between(self, rows, columns)

    monkeypatch.setattr(s.Similarity, "between", counted)
    monkeypatch.setattr(s.Similarity, "linked", lambda self, members, threshold: parts)
    groups = s.group(documents, similarity, 0.7)
    assert sorted(asked) == sorted(len(p) for p in parts if len(p) > 1)
    assert all(p in groups for p in parts if len(p) == 1)
