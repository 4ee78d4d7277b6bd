"""Behaviour of the default summarizer (and the eval command) on cases written here.

Never on the evaluation data: a fresh clone has no ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.analyze import summarize
from generator.analyze.text import stem as toolkit_stem
from generator.evaluation import summaries as evaluation
from generator.model import Sentence


def article(*texts: str) -> tuple[Sentence, ...]:
    """Sentences of a one-paragraph body, with honest offsets."""
    sentences, offset = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence(text, offset, offset + len(text), 0, index))
        offset += len(text) + 1
    return tuple(sentences)


def chosen(summary: summarize.Summary) -> list[int]:
    return [s.sentence.index for s in summary.sentences]


# A story about a flood, with an off-topic aside early on and a central sentence after it.
FLOOD = article(
    "Heavy rain flooded the river town of Marlow on Tuesday, forcing hundreds of families "
    "from their homes.",
    "Rescue teams used boats to reach families trapped by the flood water in Marlow.",
    "An annual cheese festival, famous for its goat races, was founded in 1952.",
    "Officials said families would sleep in the school gym until the water falls.",
    "Officials said the water would take days to drain from the streets.",
    "Families slept in the school gym as the rain continued.",
    "The school gym was opened by volunteers who brought blankets and hot food for families.",
    "Forecasters warned that more heavy rain could push the river higher by Thursday.",
    "Insurers said claims for damage to homes in the town were already rising.",
    "The mayor asked families to stay away from the river until the water falls.",
    "Boats from neighbouring towns joined the rescue teams on Wednesday morning.",
    "Officials said no one had been hurt so far.",
)


def test_default_returns_verbatim_sentences_in_article_order_with_scores() -> None:
    summary = summarize.summarize(FLOOD, "default", count=3)

    assert summary.algorithm.startswith("default")
    assert len(summary.sentences) == 3
    assert chosen(summary) == sorted(chosen(summary))
    for item in summary.sentences:
        assert item.sentence in FLOOD
        assert item.score > 0


def test_default_uses_sumy_ratings_not_only_position() -> None:
    # Lead-3 would take the cheese-festival aside; the ratings put a central sentence instead.
    summary = summarize.summarize(FLOOD, "default", count=3)

    assert chosen(summary) == [0, 1, 3]


def test_without_centrality_the_default_would_fall_back_to_the_lead() -> None:
    feats = summarize.features(FLOOD)
    flat = summarize.Features(
        rating=tuple(1.0 for _ in feats.rating),
        words=feats.words,
        shape=feats.shape,
        content=feats.content,
        headline=feats.headline,
        normalised=feats.normalised,
    )
    indices = sorted(i for i, _ in summarize.choose(flat, 3))

    assert indices == [0, 1, 2]  # so skipping the aside above is the ratings' doing


def test_near_duplicate_sentences_are_not_both_chosen() -> None:
    sentences = article(
        "The central bank raised its main interest rate to five percent on Thursday.",
        "On Thursday the central bank raised its main interest rate to five percent.",
        "Shares in banks fell sharply after the decision was announced in the capital.",
        "Economists had expected the bank to wait until the end of the year before moving.",
    )
    picked = chosen(summarize.summarize(sentences, "default", count=2))

    assert picked[0] == 0
    assert 1 not in picked


def test_identical_sentences_never_fill_the_summary_twice() -> None:
    same = "The mayor opened the new bridge over the river on Monday morning."
    sentences = article(same, same, same)
    summary = summarize.summarize(sentences, "default", count=3)

    assert [s.sentence.text for s in summary.sentences] == [same]


def test_fragments_and_lone_quote_marks_lose_to_full_sentences() -> None:
    sentences = article(
        "By Staff Reporter",
        "'",
        "The government announced a new plan to build ten thousand homes in the north.",
        "Ministers said the homes plan would be paid for by a new tax on empty homes.",
        "The plan for new homes was welcomed by builders and by housing charities alike.",
    )
    picked = chosen(summarize.summarize(sentences, "default", count=2))

    assert 0 not in picked
    assert 1 not in picked


def test_tail_of_a_wrong_split_is_not_preferred() -> None:
    sentences = article(
        "Heritage Media offered to buy the shares of POP Radio Corp.",
        "it doesn't already own in a stock swap worth about twenty million dollars.",
        "The deal would give the Dallas company control of a network of radio stations.",
        "Analysts expect regulators to approve the takeover before the end of the year.",
    )
    picked = chosen(summarize.summarize(sentences, "default", count=2))

    assert 1 not in picked


def test_headline_pulls_in_the_sentence_it_is_about() -> None:
    sentences = article(
        "The city council met on Monday evening to discuss the annual budget for parks.",
        "Councillors argued for two hours about the cost of new benches in the main park.",
        "A proposal to ban cars from the old harbour district was approved by one vote.",
        "The meeting also heard complaints about noise from the night market on weekends.",
        "The council will meet again next month to finish its work on the parks budget.",
    )
    without = chosen(summarize.summarize(sentences, "default", count=2))
    headline = "Council votes to ban cars from old harbour district"
    with_headline = chosen(summarize.summarize(sentences, "default", count=2, headline=headline))

    assert 2 not in without
    assert 2 in with_headline


@pytest.mark.parametrize("name", sorted(summarize.SUMY_ALGORITHMS))
def test_every_sumy_algorithm_stays_selectable_by_name(name: str) -> None:
    summary = summarize.summarize(FLOOD, name, count=2)

    assert summary.algorithm == name
    assert len(summary.sentences) == 2
    assert chosen(summary) == sorted(chosen(summary))


def test_unknown_algorithm_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown summarizer"):
        summarize.summarize(FLOOD, "gpt")


def test_ratio_and_short_inputs() -> None:
    assert len(summarize.summarize(FLOOD, "default", ratio=0.25).sentences) == 3
    assert summarize.summarize((), "default").sentences == ()
    one = article("Only one sentence reports the fire at the old mill on Sunday night.")
    assert chosen(summarize.summarize(one, "default", count=3)) == [0]


def test_same_input_same_output() -> None:
    first = summarize.summarize(FLOOD, "default", count=3, headline="Flood in Marlow")
    second = summarize.summarize(FLOOD, "default", count=3, headline="Flood in Marlow")

    assert first == second


def test_long_articles_cost_a_bounded_amount_and_summarize_from_the_top(monkeypatch) -> None:
    texts = [
        f"Report number {i} describes how the storm damaged {i % 7 + 2} houses in district {i}."
        for i in range(2000)
    ]
    rated: list[int] = []
    original = summarize.sumy_ratings

    def counting(name, sentences, *args, **kwargs):
        rated.append(len(sentences))
        return original(name, sentences, *args, **kwargs)

    monkeypatch.setattr(summarize, "sumy_ratings", counting)
    summary = summarize.summarize(article(*texts), "default", count=3)

    # sumy's graph methods are quadratic: only the capped candidates are ever rated
    assert rated and max(rated) <= summarize.CANDIDATES
    assert all(i < summarize.CANDIDATES for i in chosen(summary))


# --- the evaluation command, on data written here ------------------------------------------


def test_detokenize_undoes_treebank_spacing() -> None:
    text = "The team 's coach said : `` we do n't know ( yet ) . ' Then he left , ' she said ."
    assert evaluation.detokenize(text) == (
        "The team's coach said: `` we don't know (yet).' Then he left,' she said."
    )


def test_timebank_body_strips_markup_and_curls_quotes(tmp_path: Path) -> None:
    tml = tmp_path / "doc.tml"
    tml.write_text(
        "<TimeML><DCT>x</DCT><TEXT>\nPrices <EVENT eid='e1'>rose</EVENT> &amp; fell.\n\n"
        "``It was odd,'' he said.\n</TEXT></TimeML>",
        encoding="utf-8",
    )
    assert evaluation.timebank_body(tml) == "Prices rose & fell.\n\n“It was odd,” he said."


@pytest.fixture(scope="session")
def english():
    from generator.analyze import nlp
    from generator.settings import Settings

    return nlp.load(Settings().spacy_model)


def test_eval_command_reports_every_system_and_cross_validation(
    tmp_path: Path, english, capsys: pytest.CaptureFixture[str]
) -> None:
    body = " ".join(s.text for s in FLOOD)
    rows = [
        {
            "document": body.replace("town's", "town 's").replace(",", " ,"),
            "reference": "Rain flooded Marlow . Rescue teams used boats to reach families .",
            "references": ["Marlow flooded .", "Families in Marlow were rescued by boat ."],
        },
        {
            "document": "The bridge opened on Monday . Crowds cheered as the mayor cut the "
            "ribbon . Traffic was light on the first day . The bridge cost ten million .",
            "reference": "A new bridge opened on Monday .",
        },
    ]
    data = tmp_path / "eval.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    timebank = tmp_path / "timebank"
    timebank.mkdir()
    (timebank / "a.tml").write_text(
        "<TEXT>\nMOSCOW (AP)_ Prices rose sharply on Monday in the capital.\n\n"
        "``We cannot pay,'' a shopper said. ``Nobody can.''\n</TEXT>",
        encoding="utf-8",
    )
    parser = __import__("argparse").ArgumentParser()
    evaluation.configure(parser)
    args = parser.parse_args(
        ["--data", str(data), "--cv", "2", "--sanity", "--timebank", str(timebank), "--json"]
    )

    assert evaluation.run(args) == 0
    report = json.loads(capsys.readouterr().out)

    names = [row["system"] for row in report["systems"]]
    assert names[:2] == ["default", "lead3"]
    assert set(summarize.SUMY_ALGORITHMS) <= set(names)
    for row in report["systems"]:
        assert 0 <= row["rouge2"] <= row["rouge1"] <= 100
    assert len(report["cross_validation"]["folds"]) == 2
    assert report["sanity"]["counts"]["default"]["duplicates"] == 0
    assert report["sanity"]["counts"]["default"]["cut_quotes"] == 0


def test_all_references_scores_the_best_reference() -> None:
    sentences = article("Rain flooded the town of Marlow on Tuesday.")
    document = evaluation.Document(
        sentences, ("Prices fell in Paris.", "Rain flooded the town of Marlow on Tuesday.")
    )
    single = evaluation.Scorer([document], all_references=False).score(0, [0])
    best = evaluation.Scorer([document], all_references=True).score(0, [0])

    assert best[0] == pytest.approx(1.0)
    assert single[0] < 0.2


def test_eval_data_without_a_reference_is_refused_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "eval.jsonl"
    data.write_text('{"document": "A.", "reference": "A."}\n{"document": "B."}\n', "utf-8")

    with pytest.raises(SystemExit, match=r"eval\.jsonl:2: needs string fields"):
        evaluation.load(data)


SEED = Path(__file__).resolve().parent.parent / "content"


def _raw_lexrank(algorithm: type, sentences) -> list[str]:
    """Unrounded LexRank ratings from `algorithm`, as exact hex strings."""
    import numpy
    from sumy.utils import get_stop_words

    summarizer = algorithm(toolkit_stem)
    summarizer.stop_words = get_stop_words("english")
    ratings: list[float] = []
    summarizer._get_best_sentences = lambda ss, count, rating: ratings.extend(rating[s] for s in ss)
    with numpy.errstate(invalid="ignore", divide="ignore"):
        summarizer(summarize.sumy_document(sentences), 1)
    return [r.hex() for r in ratings]


def test_faster_lexrank_rates_every_sentence_to_the_same_bits(nlp_model) -> None:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from generator import read
    from generator.analyze import nlp

    seeds = [read.read_file(path, SEED)[0] for path in sorted(SEED.glob("*.md"))]
    real = [nlp.sentences(doc) for doc in nlp.parse(nlp_model, [a.body for a in seeds if a])]
    duplicated = FLOOD + article(FLOOD[1].text, "“", "Rain.")  # repeats, wordless, short
    for sentences in (*real, FLOOD, duplicated, FLOOD[:1], article("The", "A an")):
        expected = _raw_lexrank(LexRankSummarizer, sentences)
        assert _raw_lexrank(summarize._LexRank, sentences) == expected
    assert isinstance(summarize._summarizer("lexrank"), summarize._LexRank)


def test_the_headline_printed_again_as_the_first_line_is_never_a_summary_sentence():
    texts = [
        "Council approves the new harbour bridge",
        "The city council voted on Tuesday to approve the new harbour bridge after a debate.",
        "Construction will begin next spring and is expected to take three years to finish.",
        "Opponents said the bridge would bring more traffic into the old town centre.",
        "The mayor said the vote was a turning point for the region and its economy.",
    ]
    chosen = summarize.summarize(
        article(*texts), count=3, headline="Council Approves the New Harbour Bridge"
    )
    assert texts[0] not in [s.sentence.text for s in chosen.sentences]
    assert len(chosen.sentences) == 3
