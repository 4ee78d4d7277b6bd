"""`eval people`: how well we find people, on CoNLL-2003 (entity-level, exact spans).

The file's own tokens are fed to the pipeline (a `Doc` built from the words, one
document per `-DOCSTART-`, sentence starts as the file has them), so tokenisation cannot
blur the score. The raw model's PERSON entities and our repaired spans are scored on the
same parse; with `--ablation` each repair is also scored alone and left out.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..analyze import names, nlp
from ..settings import load_settings
from . import DEFAULT_DATA, basil
from .basil import DEFAULT_BASIL

DEFAULT_CONLL = DEFAULT_DATA / "people" / "conll2003-eng.testb"


@dataclass(frozen=True)
class Document:
    sentences: tuple[tuple[tuple[str, str], ...], ...]  # (word, NER tag) per token

    @property
    def words(self) -> list[str]:
        return [word for sentence in self.sentences for word, _ in sentence]

    def gold(self) -> set[tuple[int, int]]:
        """PER spans (token start, end). IOB1: a run of I-PER, split by B-PER and by
        sentence ends."""
        spans: set[tuple[int, int]] = set()
        offset = 0
        for sentence in self.sentences:
            start: int | None = None
            for i, (_, tag) in enumerate([*sentence, ("", "O")]):
                if start is not None and tag != "I-PER":
                    spans.add((offset + start, offset + i))
                    start = None
                if tag in ("I-PER", "B-PER") and start is None:
                    start = i
            offset += len(sentence)
        return spans


def read_conll(path: Path) -> list[Document]:
    """Documents of a CoNLL-2003 file (`word POS chunk NER` lines)."""
    documents: list[Document] = []
    sentences: list[tuple[tuple[str, str], ...]] = []
    sentence: list[tuple[str, str]] = []

    def end_sentence() -> None:
        if sentence:
            sentences.append(tuple(sentence))
            sentence.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            end_sentence()
            if sentences:
                documents.append(Document(tuple(sentences)))
                sentences = []
            continue
        if not line.strip():
            end_sentence()
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    end_sentence()
    if sentences:
        documents.append(Document(tuple(sentences)))
    return documents


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[tuple[int, int]], predicted: set[tuple[int, int]]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def parsed(documents: Sequence[Document], model_name: str) -> Iterator[tuple[Document, object]]:
    """Each document parsed by the pipeline from its own tokens and sentence starts."""
    from spacy.tokens import Doc

    model = nlp.load(model_name)
    for document in documents:
        starts = [i == 0 for sentence in document.sentences for i in range(len(sentence))]
        doc = Doc(model.vocab, words=document.words, sent_starts=starts)
        for _, component in model.pipeline:
            doc = component(doc)
        yield document, doc


def configurations(ablation: bool) -> dict[str, list[str]]:
    """Named sets of repairs to score: raw model, all repairs, and (ablation) each one
    alone and each one left out."""
    every = list(names.REPAIRS)
    configs = {"raw model": [], "pipeline (all repairs)": every}
    if ablation:
        for repair in every:
            configs[f"only {repair}"] = [repair]
        for repair in every:
            configs[f"all but {repair}"] = [r for r in every if r != repair]
    return configs


def evaluate(path: Path, model_name: str, ablation: bool = False) -> dict[str, Score]:
    configs = configurations(ablation)
    scores = {label: Score() for label in configs}
    for document, doc in parsed(read_conll(path), model_name):
        gold = document.gold()
        for label, repairs in configs.items():
            scores[label].add(gold, set(names.person_spans(doc, repairs)))
    return scores


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--conll",
        type=Path,
        default=DEFAULT_CONLL,
        help=f"CoNLL-2003 file with PER tags (default: {DEFAULT_CONLL})",
    )
    parser.add_argument(
        "--ablation", action="store_true", help="also score each repair alone and left out"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="?",
        const=DEFAULT_BASIL,
        help="instead of CoNLL: one page per real person on the BASIL stories in this "
        f"folder (default when given without a folder: {DEFAULT_BASIL})",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(".digest-cache") / "eval-basil",
        help="where --corpus writes the stories as content files (default: %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "corpus", None) is not None:
        return run_corpus(args)
    path: Path = args.conll
    if not path.is_file():
        print(f"eval people: no CoNLL file at {path} (give one with --conll PATH)")
        return 2
    settings = load_settings()
    started = time.monotonic()
    scores = evaluate(path, settings.spacy_model, getattr(args, "ablation", False))
    seconds = time.monotonic() - started
    if args.json:
        result = {
            "data": str(path),
            "model": nlp.model_version(settings.spacy_model),
            "metric": "entity-level PERSON precision/recall/F1, exact span match",
            "scores": {label: score.as_dict() for label, score in scores.items()},
            "seconds": round(seconds, 1),
        }
        print(json.dumps(result, indent=2))
        return 0
    print(f"PERSON spans on {path} ({nlp.model_version(settings.spacy_model)}), exact match")
    width = max(len(label) for label in scores)
    print(f"{'':{width}}  precision  recall     F1     tp    fp    fn")
    for label, score in scores.items():
        print(
            f"{label:{width}}  {score.precision:9.3f}  {score.recall:6.3f}  {score.f1:5.3f}"
            f"  {score.tp:5d} {score.fp:5d} {score.fn:5d}"
        )
    print(f"({seconds:.0f} s)")
    return 0


def run_corpus(args: argparse.Namespace) -> int:
    """`--corpus`: build the BASIL stories with the real pipeline and score its people."""
    from ..progress import Progress
    from . import corpus_people

    folder: Path = args.corpus
    if not any(folder.glob("*.json")):
        print(f"eval people: no BASIL stories (*.json) in {folder} (give one with --corpus DIR)")
        return 2
    settings = load_settings()
    started = time.monotonic()
    stories, generated = basil.build_digest(folder, args.workdir, settings, Progress("auto"))
    result = corpus_people.evaluate(stories, generated)
    result["seconds"] = round(time.monotonic() - started, 1)
    result["data"] = str(folder)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"People on the BASIL stories in {folder} ({result['stories']} stories)")
    print(
        f"main people on exactly one page: {result['on_one_page']} of {result['main_people']}"
        f" ({result['on_one_page_share']:.0%})"
    )
    for row in result["split"]:
        print(f"  split   {row['person']}: {', '.join(row['pages'])}  [{row['story'][:8]}]")
    for row in result["missing"]:
        print(f"  missing {row['person']}  [{row['story'][:8]}]")
    pages = result["organisation_pages"]
    print(
        f"person pages that are organisations or groups: {len(pages)} of {result['person_pages']}"
        + (f" ({', '.join(pages)})" if pages else "")
    )
    share = result["labelled_not_one_person_share"]
    print(
        f"labelled pages not one real person: {result['labelled_pages_not_one_person']} of "
        f"{result['labelled_pages_present']} still built (of {result['labelled_pages']} "
        "labelled)" + (f" ({share:.1%})" if share is not None else "")
    )
    share = result["false_absence_share"]
    print(
        f"false absence claims: {result['false_absence_claims']} of {result['absence_claims']}"
        + (f" ({share:.1%})" if share is not None else "")
    )
    for claim in result["false_absence_examples"][:15]:
        print(f"  {claim['person']}: said not in {claim['outlet']} ({claim['where']})")
    print(f"({result['seconds']:.0f} s)")
    return 0
