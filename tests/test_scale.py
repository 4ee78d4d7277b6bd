"""Scale: parallel analysis, no-change builds without the NLP stack, pages that stay small."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, settings_for

from generator import build, cache, parallel
from generator.model import (
    Analyzed,
    Article,
    ArticleAnalysis,
    Citation,
    CitedText,
    Digest,
    Event,
    Person,
    Sentence,
    Story,
    Summary,
    SummarySentence,
)
from generator.render import article as article_pages
from generator.render import markdown as md
from generator.render import months as month_pages
from generator.render.markdown import href
from generator.settings import Settings

# --- parallel analysis ----------------------------------------------------------------------


def _article(number: int, body: str, published: dt.date | None = None) -> Article:
    return Article(
        path=f"a{number:03d}.md",
        slug=f"a{number:03d}",
        title=f"Report {number}",
        outlet=f"Outlet {number % 3}",
        published=published,
        paragraphs=tuple(body.split("\n\n")),
        content_hash=str(number),
    )


BODIES = [
    "The council voted on Monday to close the bridge. Repairs will take a year.",
    "“We had no choice,” the mayor said. Drivers will use the ferry instead.\n\nIt runs hourly.",
    "Rain flooded the valley overnight. Two villages were cut off.",
    "The bank raised its rate to 4 percent. Markets fell. Analysts had expected it.",
    "A new school opened in the north of the city. It has 300 pupils.",
]


def test_workers_give_the_same_analyses_in_the_same_order(monkeypatch):
    """Two spawned workers, small chunks: the order of results is the order of the input."""
    articles = [_article(i, body) for i, body in enumerate(BODIES)]
    settings = Settings(jobs=2)
    here = list(parallel.analyze_articles(articles, settings, jobs=1))
    monkeypatch.setattr(parallel, "MIN_ARTICLES_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    spread = list(parallel.analyze_articles(articles, settings, jobs=2))
    assert [a.sentences[0].text for a in spread] == [a.sentences[0].text for a in here]
    assert repr(spread) == repr(here)  # repr: LexRank rates some sentences NaN (nan != nan)


def test_the_parent_works_meanwhile_only_when_workers_analyse(monkeypatch):
    """`meanwhile` runs in the parent once the workers have their chunks, never without
    workers (there is no idle time to fill then)."""
    calls: list[str] = []
    articles = [_article(i, body) for i, body in enumerate(BODIES[:2])]
    list(parallel.analyze_articles(articles, Settings(), 2, lambda: calls.append("alone")))
    assert calls == []
    monkeypatch.setattr(parallel, "MIN_ARTICLES_PER_WORKER", 1)
    done = list(parallel.analyze_articles(articles, Settings(), 2, lambda: calls.append("w")))
    assert calls == ["w"] and len(done) == 2


def test_a_missing_model_in_workers_is_reported_as_such(monkeypatch):
    from generator.analyze import nlp

    monkeypatch.setattr(parallel, "MIN_ARTICLES_PER_WORKER", 1)
    articles = [_article(i, body) for i, body in enumerate(BODIES[:2])]
    with pytest.raises(nlp.ModelNotInstalled, match="no_such_model"):
        list(parallel.analyze_articles(articles, Settings(spacy_model="no_such_model"), jobs=2))


def test_few_articles_are_analysed_in_this_process(monkeypatch):
    """An incremental build must not pay for starting workers."""

    def no_workers(*args, **kwargs):
        raise AssertionError("workers started for two articles")

    monkeypatch.setattr(parallel, "_analyze_in_workers", no_workers)
    articles = [_article(i, body) for i, body in enumerate(BODIES[:2])]
    assert len(list(parallel.analyze_articles(articles, Settings(), jobs=8))) == 2


# --- no-change builds -----------------------------------------------------------------------

PROBE = """
import sys
from generator.__main__ import main
code = main(["build", "--content", "content", "--docs", "docs", "--cache", ".digest-cache",
             "--jobs", "1", "--progress", "never"])
heavy = sorted(m for m in ("spacy", "sumy", "nltk", "thinc", "sklearn") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
sys.exit(code)
"""


def _python(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """`code` run by a fresh interpreter in `folder`, with this checkout's generator."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_no_change_build_never_imports_the_nlp_stack(project):
    build.build(settings_for(project))  # fills the cache (in this process)
    result = _python(PROBE, project)
    assert result.returncode == 0, result.stderr
    assert "(0 analysed" in result.stderr
    assert "HEAVY=\n" in result.stdout


def _thread_pools() -> list[int]:
    import scipy.sparse.linalg  # noqa: F401  (scipy brings its own OpenBLAS)
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info()]


def test_a_worker_runs_its_native_thread_pools_with_one_thread():
    """Workers keep the cores busy; a BLAS thread per core in each would spin for nothing."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, context, parallel._start_worker, (Settings(),)) as pool:
        pools = pool.submit(_thread_pools).result()
    assert pools and set(pools) == {1}


FROZEN_PROBE = """
import gc
from generator.__main__ import main, run
print("RUN", run(["build", "--jobs", "0"]), gc.get_freeze_count() > 0)
print("MAIN", main(["build", "--jobs", "0"]), gc.get_freeze_count() > 0)
"""


def test_the_command_line_leaves_no_heap_for_the_exit_to_collect(tmp_path):
    """`main` is the process's last act: it freezes what is left, so that the exit does not
    walk the whole heap with the cycle collector; `run` (the same work) leaves it alone."""
    result = _python(FROZEN_PROBE, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["RUN 2 False", "MAIN 2 True"], result.stderr


def test_an_unchanged_corpus_reuses_the_last_link_and_a_change_links_again(project):
    from generator import link

    settings = settings_for(project)
    first = build.generate(settings).digest
    assert len(list((project / ".digest-cache" / "linked").glob("*.pickle"))) == 1
    again = build.generate(settings).digest  # from the link cache
    fresh = link.link(list(again.articles), settings)
    assert again == fresh == first
    assert again.people and again.stories  # the sample has both: the test compares something
    article = next((project / "content").glob("*nyt*.md"))
    article.write_text(article.read_text().replace("Kuleba", "Kuleba", 1) + "\nMore.\n")
    changed = build.generate(settings).digest
    assert changed != first
    assert changed == link.link(list(changed.articles), settings)
    assert len(list((project / ".digest-cache" / "linked").glob("*.pickle"))) == 1
    (next((project / ".digest-cache" / "linked").glob("*.pickle"))).write_bytes(b"garbage")
    assert build.generate(settings).digest == changed  # a damaged entry is linked again


def test_a_nan_rating_survives_the_cache(tmp_path):
    """A NaN score written as null would be unreadable: the article re-analysed forever."""
    sentence = Sentence("One.", 0, 4, 0, 0)
    analysis = ArticleAnalysis(
        sentences=(sentence,),
        summary=Summary("x", (SummarySentence(sentence, float("nan")),)),
        word_count=1,
    )
    store = cache.AnalysisCache(tmp_path)
    store.put("ab" * 32, analysis)
    found = store.get("ab" * 32)
    assert found is not None and math.isnan(found.summary.sentences[0].score)
    (tmp_path / "ab" / f"{'ab' * 32}.json").write_text("{not json")
    assert store.get("ab" * 32) is None


# --- pages that scale -----------------------------------------------------------------------


def _analyzed(number: int, published: dt.date | None) -> Analyzed:
    body = f"Report number {number} says little. It ends here."
    sentences = (Sentence(f"Report number {number} says little.", 0, 29, 0, 0),)
    analysis = ArticleAnalysis(
        sentences=sentences,
        summary=Summary("test", (SummarySentence(sentences[0], 1.0),)),
        word_count=6,
    )
    return Analyzed(_article(number, body, published), analysis)


def _digest(count: int) -> Digest:
    items = [
        _analyzed(i, None if i % 7 == 0 else dt.date(2020 + i % 3, 1 + i % 12, 1 + i % 28))
        for i in range(count)
    ]
    from generator.link import newest_first

    return Digest(articles=newest_first(items))


LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


def _resolve(page: str, target: str) -> str:
    parts: list[str] = page.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def test_a_large_index_is_split_by_month_and_reaches_every_article(monkeypatch):
    monkeypatch.setattr(month_pages, "SPLIT_ABOVE", 10)
    digest = _digest(40)
    pages = article_pages.index_pages(digest)
    index = pages[article_pages.INDEX]
    months = [p for p in pages if p.startswith("articles/months/")]
    assert "articles/months/undated.md" in months
    assert len(months) == len(article_pages.by_month(digest))
    reached: list[str] = []
    for path, text in pages.items():
        for target in LINK.findall(text):
            resolved = _resolve(path, target)
            if path == article_pages.INDEX:
                assert resolved in pages, resolved
            elif resolved != article_pages.INDEX:
                reached.append(resolved)
    assert sorted(reached) == sorted(f"articles/{i.article.slug}.md" for i in digest.articles)
    # Newest month first, and each month page names its articles newest first.
    listed = re.findall(r"months/(\d{4}-\d{2})\.md", index)
    assert listed == sorted(listed, reverse=True)


def _linked_digest(count: int) -> Digest:
    """Articles, each its own story, and an event per article at day, month or year
    precision, sorted as the corpus step sorts them."""
    digest = _digest(count)
    events, stories = [], []
    for number, item in enumerate(digest.articles):
        slug = item.article.slug
        cited = (CitedText("Report.", Citation(slug, 0)),)
        date, precision = [
            (f"20{10 + number % 5}-0{1 + number % 9}-1{number % 10}", "day"),
            (f"20{10 + number % 5}-0{1 + number % 9}", "month"),
            (f"20{10 + number % 5}", "year"),
        ][number % 3]
        events.append(Event(f"e{number:03d}", f"Event {number}", date, precision, cited))
        stories.append(Story(f"s-{slug}", f"Story {number}", (slug,)))
    events.sort(key=lambda e: (e.date, e.slug))
    return Digest(digest.articles, (), tuple(events), tuple(stories))


@pytest.mark.parametrize(
    ("module", "entry"),
    [("events", "events/e"), ("stories", "articles/a")],  # one-article stories link there
)
def test_long_events_and_stories_indexes_are_split_by_month(monkeypatch, module, entry):
    monkeypatch.setattr(month_pages, "SPLIT_ABOVE", 10)
    digest = _linked_digest(40)
    rendered = importlib.import_module(f"generator.render.{module}").pages(digest)
    indexes = [f"{module}/index.md"] + (["timeline.md"] if module == "events" else [])
    month_paths = sorted(p for p in rendered if p.startswith(f"{module}/months/"))
    assert month_paths
    for index in indexes:  # an index lists every month page, and nothing else
        targets = [_resolve(index, t) for t in LINK.findall(rendered[index])]
        assert sorted(targets) == month_paths, index
    reached = [
        _resolve(path, target)
        for path in month_paths
        for target in LINK.findall(rendered[path])
        if _resolve(path, target).startswith(entry)
    ]
    assert len(reached) == 40 and len(set(reached)) == 40  # each entry on one month page


def test_short_events_and_stories_indexes_stay_one_page():
    digest = _linked_digest(8)
    for module in ("events", "stories"):
        rendered = importlib.import_module(f"generator.render.{module}").pages(digest)
        assert not any("/months/" in path for path in rendered)


def test_a_small_index_stays_one_page():
    pages = article_pages.index_pages(_digest(5))
    assert list(pages) == [article_pages.INDEX]
    assert pages[article_pages.INDEX].count("- [Report") == 5


def test_a_large_digest_keeps_quoting_pages_out_of_the_search_index(monkeypatch):
    """Above the threshold, full texts, story and event pages leave the index; titles,
    people, summaries and the index pages stay."""
    digest = _linked_digest(4)
    pair = Story("pair", "Pair", tuple(i.article.slug for i in digest.articles[:2]))
    digest = Digest(digest.articles, digest.people, digest.events, (pair,))
    excluded = "## Full text { data-search-exclude }"
    left_out = 'search: {"exclude": true}'

    def site() -> dict[str, str]:
        from generator.render import render

        return render(digest)

    small = site()
    assert not any(excluded in t or left_out in t for t in small.values())
    monkeypatch.setattr(md, "SEARCH_EVERYTHING_UP_TO", 3)
    large = site()
    for path, text in large.items():
        quoting = path.startswith(("stories/pair", "events/e"))
        assert (left_out in text.split("\n---\n", 1)[0]) == quoting, path
        if path.startswith("articles/a"):
            assert excluded in text
    assert "stories/pair.md" in large and "events/e000.md" in large


def test_article_links_are_looked_up_once_and_match_a_scan():
    digest = _digest(6)
    slugs = [i.article.slug for i in digest.articles]
    cited = CitedText("Report number 1 says little.", Citation(slugs[1], 0))
    people = (
        Person("ann", "Ann", (), (), (), (slugs[0], slugs[1]), 3),
        Person("bob", "Bob", (), (), (), (slugs[1],), 1),
    )
    events = (
        Event("e1", "vote", "2021", "year", (cited, cited)),
        Event("e2", "flood", "2022", "year", (CitedText("x", Citation(slugs[2], 0)),)),
    )
    stories = (Story("s1", "Story", (slugs[1], slugs[2])), Story("s2", "Other", (slugs[2],)))
    digest = Digest(digest.articles, people, events, stories)
    links = article_pages.Links.of(digest)
    for slug in slugs:
        assert links.people.get(slug, []) == [p for p in people if slug in p.articles]
        assert links.events.get(slug, []) == [
            e for e in events if any(r.citation.article == slug for r in e.reports)
        ]
        assert links.stories.get(slug) == next((s for s in stories if slug in s.articles), None)
    page = article_pages.article_page(digest.article(slugs[1]), digest)
    assert page.count("](../people/") == 2 and page.count("](../events/e1.md)") == 1
    assert href("articles/x.md", "stories/s1.md") in page


def test_digest_finds_articles_by_slug_without_changing_equality():
    digest = _digest(3)
    slug = digest.articles[2].article.slug
    assert digest.article(slug) is digest.articles[2]
    assert digest == _digest(3)
    with pytest.raises(KeyError):
        digest.article("missing")


# --- the benchmark corpus ---------------------------------------------------------------------


def _make_corpus():
    path = ROOT / "benchmarks" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


def _eval_data(root: Path) -> Path:
    """A miniature of ../shared/eval in its real formats (tests never read the real one)."""
    timebank = root / "dates" / "timebank"
    timebank.mkdir(parents=True)
    (timebank / "APW19980213.1310.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" '
        'functionInDocument="CREATION_TIME">02/13/1998</TIMEX3></DCT><TEXT>CANBERRA (AP) '
        'A convention <EVENT eid="e1">voted</EVENT> on Friday to make Australia a republic. '
        "``I want a referendum,'' Howard said. Polls show support rising. The vote passed."
        "</TEXT></TimeML>"
    )
    summarization = root / "summarization"
    summarization.mkdir()
    records = [
        {"doc_id": "dm-test-1", "document": "Paul Merson has restarted his row . He said 'no' ."},
        {"doc_id": "cnn-test-2", "document": "The team 's coach ( aged 50 ) left . Fans cheered ."},
    ]
    (summarization / "summeval_cnndm.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n"
    )
    similarity = root / "similarity"
    similarity.mkdir()
    (similarity / "lee.cor").write_text(
        "Fires burned near Sydney. Homes were lost. Crews worked all night.\n"
        "Militants were shot in Kashmir. Police arrested two dozen more.\n"
    )
    (similarity / "lee_background.cor").write_text(
        "The road toll stands at 45. That is eight fewer than last year.\n"
    )
    return root


def test_the_corpus_is_distinct_varied_and_reproducible(tmp_path):
    make_corpus = _make_corpus()
    data = _eval_data(tmp_path / "eval")
    sources = make_corpus.load_sources(data, seed=1)
    assert len(sources) == 6
    made = make_corpus.make(40, sources, seed=1)
    bodies = [m.text.split("---\n\n", 1)[1] for m in made]
    assert len(set(bodies)) == 40 and len({m.filename for m in made}) == 40
    assert "team's coach (aged 50) left." in "".join(bodies)
    assert "“I want a referendum,” Howard said." in "".join(bodies)
    assert "<EVENT" not in "".join(bodies)
    assert len({re.search(r'outlet: "(.*)"', m.text).group(1) for m in made}) >= 4
    assert made == make_corpus.make(40, make_corpus.load_sources(data, seed=1), seed=1)
    assert made[:10] == make_corpus.make(10, sources, seed=1)  # the add step relies on this
    make_corpus.write(made[:3], tmp_path / "content")
    from generator import read

    articles, problems = read.read_content(tmp_path / "content")
    assert len(articles) == 3 and not [p for p in problems if p.severity != "note"]


# --- the link memo: per-story results reused when their inputs are unchanged ----------------


def test_the_link_memo_keeps_what_a_build_used_and_nothing_else(tmp_path):
    fingerprints = {"a": "1", "b": "2", "c": "3"}
    memo = cache.LinkMemo(tmp_path, "scope", fingerprints)
    made: list[str] = []

    def make(name: str) -> str:
        made.append(name)
        return name.upper()

    assert memo.get_or_make(memo.entry("summary", ["a", "b"]), make, "ab") == "AB"
    assert memo.get_or_make(memo.entry("summary", ["c"]), make, "c") == "C"
    assert memo.entry("summary", ["a", "unknown"]) is None  # no fingerprint: never reused
    memo.save()

    again = cache.LinkMemo(tmp_path, "scope", fingerprints)
    assert again.get_or_make(again.entry("summary", ["a", "b"]), make, "ab") == "AB"
    assert made == ["ab", "c"] and again.hits == 1
    again.save()  # "c" was not used this time: dropped

    third = cache.LinkMemo(tmp_path, "scope", fingerprints)
    assert third.get_or_make(third.entry("summary", ["c"]), make, "c") == "C"
    assert made == ["ab", "c", "c"]
    # another article version, other extra data, other code or settings: all recompute
    changed = cache.LinkMemo(tmp_path, "scope", {**fingerprints, "a": "1b"})
    changed.get_or_make(changed.entry("summary", ["a", "b"]), make, "ab")
    assert changed.get_or_make(changed.entry("summary", ["a", "b"], "x"), make, "ab") == "AB"
    other = cache.LinkMemo(tmp_path, "other scope", fingerprints)
    other.get_or_make(other.entry("summary", ["a", "b"]), make, "ab")
    assert made == ["ab", "c", "c", "ab", "ab", "ab"]


def test_a_damaged_link_memo_is_ignored(tmp_path):
    memo = cache.LinkMemo(tmp_path, "scope", {"a": "1"})
    memo.get_or_make(memo.entry("summary", ["a"]), str, 1)
    memo.save()
    memo.path.write_bytes(b"not a pickle")
    again = cache.LinkMemo(tmp_path, "scope", {"a": "1"})
    assert again.get_or_make(again.entry("summary", ["a"]), str, 2) == "2"
    assert cache.LinkMemo(None).entry("summary", ["a"]) is None  # no cache: no memo


UNRELATED = """Harbour dredging starts

The port authority began dredging the harbour on Tuesday, the harbour master said.
The work will last three weeks and ships will wait outside the breakwater.
"""


def test_adding_an_article_reuses_the_summaries_and_comparisons_of_unchanged_stories(
    project, monkeypatch
):
    from generator import link
    from generator.link import compare, stories

    settings = settings_for(project)
    first = build.generate(settings).digest
    (seed_story,) = [s for s in first.stories if len(s.articles) > 1]
    assert seed_story.comparison is not None
    calls: list[tuple[str, ...]] = []
    real_compare, real_summary = compare.compare, stories.story_summary

    def counting_compare(items, corpus=None, options=compare.DEFAULTS):
        calls.append(tuple(i.article.slug for i in items))
        return real_compare(items, corpus, options)

    def counting_summary(items, options=stories.DEFAULTS):
        calls.append(tuple(i.article.slug for i in items))
        return real_summary(items, options)

    monkeypatch.setattr(compare, "compare", counting_compare)
    monkeypatch.setattr(stories, "story_summary", counting_summary)
    (project / "content" / "harbour.txt").write_text(UNRELATED, encoding="utf-8")
    added = build.generate(settings).digest
    assert len(added.articles) == 3
    assert seed_story.articles not in calls  # the seed story came from the memo...
    assert seed_story in added.stories  # ...unchanged
    monkeypatch.setattr(compare, "compare", real_compare)
    monkeypatch.setattr(stories, "story_summary", real_summary)
    assert added == link.link(list(added.articles), settings)  # the same as linking afresh
