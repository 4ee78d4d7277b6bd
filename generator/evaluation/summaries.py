"""ROUGE of the default summarizer beside Lead-3 and every plain sumy algorithm.

    python -m generator eval summaries [--data PATH] [--sentences 3] [--all-references]
                                       [--cv 5] [--sanity] [--json]

Every system gets the same sentences (spaCy's parse through `generator.nlp.sentences`,
as on the site) and the same length budget, and is scored with rouge-score (stemming on)
against the single `reference` or, with `--all-references`, the best of `references`.
ROUGE-Lsum gets one sentence a line on both sides, as it is defined.

`--cv K` picks the default's knobs on K-1 folds and scores the held-out fold, for every
fold, so the reported figures come from weights that never saw the articles they score.
`--sanity` summarizes TimeBank's news documents (no references there) and counts what a
reader would notice: fragments, duplicated sentences, sentences cut inside a quotation.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..analyze import nlp, summarize
from ..model import PARAGRAPH_SEPARATOR, Sentence
from ..settings import load_settings
from . import DEFAULT_DATA

DATA = DEFAULT_DATA / "summarization" / "summeval_cnndm.jsonl"
TIMEBANK = DEFAULT_DATA / "dates" / "timebank"
METRICS = ("rouge1", "rouge2", "rougeLsum")

# The knob values cross-validation chooses among (decay in sentences).
GRID = {
    "position": (0.5, 0.6, 0.7, 0.8, 0.9),
    "decay": (2.0, 4.0, 8.0, 16.0),
    "redundancy": (0.4, 0.5, 0.6, 0.7),
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DATA, help="JSONL with document, reference")
    parser.add_argument("--sentences", type=int, default=3, help="summary length (sentences)")
    parser.add_argument(
        "--all-references", action="store_true", help="score against the best of `references`"
    )
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold cross-validation")
    parser.add_argument("--sanity", action="store_true", help="also check summaries on TimeBank")
    parser.add_argument("--timebank", type=Path, default=TIMEBANK, help="folder of TimeBank .tml")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")


# --- data -----------------------------------------------------------------------------------

_CLITIC = re.compile(r" (['’](?:s|re|ve|ll|d|m)|n['’]t)\b", re.IGNORECASE)
_BEFORE = re.compile(r" ([,.;:?!%)\]])")
_AFTER = re.compile(r"([(\[$]) ")
_CLOSING_QUOTE = re.compile(r"([.,?!]) (['’])(?=\s|$)")


def detokenize(text: str) -> str:
    """Undo Penn-Treebank-style tokenisation ("team 's ," -> "team's,") so spaCy sees prose.

    This adapts the evaluation data to what the site reads; the summarizer is not told.
    """
    text = _CLITIC.sub(r"\1", text)
    text = _BEFORE.sub(r"\1", text)
    text = _AFTER.sub(r"\1", text)
    return _CLOSING_QUOTE.sub(r"\1\2", text)


@dataclass(frozen=True)
class Document:
    sentences: tuple[Sentence, ...]
    references: tuple[str, ...]  # the single reference first


def load(path: Path, limit: int = 0) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{number}: not JSON: {exc}") from exc
                if not isinstance(row, dict) or not all(
                    isinstance(row.get(key), str) for key in ("document", "reference")
                ):
                    raise SystemExit(f"{path}:{number}: needs string fields document, reference")
                rows.append(row)
    return rows[:limit] if limit else rows


def split_reference(text: str) -> str:
    """One sentence a line, as rougeLsum expects (references are pre-tokenised too)."""
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", detokenize(text).strip())
    return "\n".join(part.strip() for part in parts if part.strip())


def parse_documents(rows: Sequence[dict], model_name: str) -> tuple[list[Document], float]:
    model = nlp.load(model_name)
    started = time.perf_counter()
    docs = nlp.parse(model, (detokenize(row["document"]) for row in rows))
    documents = []
    for row, doc in zip(rows, docs, strict=True):
        references = [row["reference"], *(row.get("references") or [])]
        documents.append(
            Document(nlp.sentences(doc), tuple(split_reference(r) for r in references))
        )
    return documents, (time.perf_counter() - started) / max(1, len(rows))


# --- systems and scores ---------------------------------------------------------------------

System = Callable[[Sequence[Sentence], int], Sequence[Sentence]]


def systems() -> dict[str, System]:
    """Every system by the name the JSON uses: default, lead3, then sumy's algorithms."""

    def via(name: str) -> System:
        def run(sentences: Sequence[Sentence], count: int) -> list[Sentence]:
            return [s.sentence for s in summarize.summarize(sentences, name, count).sentences]

        return run

    table: dict[str, System] = {"default": via("default"), "lead3": lambda s, n: list(s[:n])}
    table.update({name: via(name) for name in summarize.SUMY_ALGORITHMS})
    return table


class Scorer:
    """rouge-score with stemming; remembers scores of summaries it has seen (CV repeats them)."""

    def __init__(self, documents: Sequence[Document], all_references: bool) -> None:
        from rouge_score import rouge_scorer

        self._rouge = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
        self._documents = documents
        self._all = all_references
        self._seen: dict[tuple[int, tuple[int, ...]], tuple[float, ...]] = {}

    def score(self, document: int, indices: Sequence[int]) -> tuple[float, ...]:
        key = (document, tuple(sorted(indices)))
        if key not in self._seen:
            doc = self._documents[document]
            summary = "\n".join(doc.sentences[i].text for i in key[1])
            references = doc.references if self._all else doc.references[:1]
            best: tuple[float, ...] = ()
            for reference in references:
                result = self._rouge.score(reference, summary)
                figures = tuple(result[m].fmeasure for m in METRICS)
                best = max(best, figures) if best else figures
            self._seen[key] = best
        return self._seen[key]

    def mean(self, picks: dict[int, Sequence[int]]) -> tuple[float, ...]:
        rows = [self.score(d, indices) for d, indices in picks.items()]
        return tuple(100 * sum(row[k] for row in rows) / len(rows) for k in range(len(METRICS)))


def evaluate_systems(documents: Sequence[Document], scorer: Scorer, count: int) -> list[dict]:
    """Every system on every document: mean ROUGE, seconds per article, and how often the
    system's summary is exactly the first `count` sentences (Lead-3's)."""
    results = []
    lead = {d: list(range(min(count, len(doc.sentences)))) for d, doc in enumerate(documents)}
    for name, system in systems().items():
        picks: dict[int, list[int]] = {}
        started = time.perf_counter()
        for d, doc in enumerate(documents):
            picks[d] = [s.index for s in system(doc.sentences, count)]
        seconds = (time.perf_counter() - started) / len(documents)
        results.append(
            {
                "system": name,
                **_named(scorer.mean(picks)),
                "seconds": seconds,
                "same_as_lead": sum(sorted(picks[d]) == lead[d] for d in picks),
            }
        )
    return results


# --- cross-validation -----------------------------------------------------------------------


def grid() -> list[summarize.Weights]:
    keys = list(GRID)
    return [
        summarize.Weights(**dict(zip(keys, values, strict=True)))
        for values in itertools.product(*(GRID[k] for k in keys))
    ]


def cross_validate(documents: Sequence[Document], scorer: Scorer, count: int, folds: int) -> dict:
    """Pick weights on K-1 folds (by mean ROUGE-1 + ROUGE-2), score the held-out fold."""
    feats = [summarize.features(doc.sentences) for doc in documents]
    candidates = grid()
    picks = {
        w: {d: [i for i, _ in summarize.choose(f, count, w)] for d, f in enumerate(feats)}
        for w in candidates
    }
    fold_of = {d: d % folds for d in range(len(documents))}  # the file's order, interleaved
    held_out: dict[int, list[int]] = {}
    chosen = []
    for fold in range(folds):
        train = [d for d in fold_of if fold_of[d] != fold]
        test = [d for d in fold_of if fold_of[d] == fold]

        def objective(w: summarize.Weights, train: list[int] = train) -> tuple[float, int]:
            r1, r2, _ = scorer.mean({d: picks[w][d] for d in train})
            return (r1 + r2, -candidates.index(w))  # ties: the earlier grid point

        best = max(candidates, key=objective)
        figures = scorer.mean({d: picks[best][d] for d in test})
        chosen.append(
            {"fold": fold + 1, "articles": len(test), "weights": _knobs(best), **_named(figures)}
        )
        held_out.update({d: picks[best][d] for d in test})
    whole = max(candidates, key=lambda w: (sum(scorer.mean(picks[w])[:2]), -candidates.index(w)))
    return {
        "folds": chosen,
        "held_out": _named(scorer.mean(held_out)),
        "best_on_all": {"weights": _knobs(whole), **_named(scorer.mean(picks[whole]))},
        "shipped": {
            "weights": _knobs(summarize.DEFAULT_WEIGHTS),
            **_named(scorer.mean(picks.get(summarize.DEFAULT_WEIGHTS) or _pick_all(feats, count))),
        },
    }


def _pick_all(feats: Sequence[summarize.Features], count: int) -> dict[int, list[int]]:
    return {d: [i for i, _ in summarize.choose(f, count)] for d, f in enumerate(feats)}


def _knobs(weights: summarize.Weights) -> dict[str, float]:
    return {k: v for k, v in asdict(weights).items() if k in GRID}


def _named(figures: Sequence[float]) -> dict[str, float]:
    return dict(zip(METRICS, figures, strict=True))


# --- sanity check on other news text --------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_FIRST = re.compile(r"^[\"'“‘(\[]*[A-Z0-9]")


def timebank_body(path: Path) -> str:
    """The news text of a TimeML file: <TEXT> without markup, paragraphs at blank lines.

    TimeBank writes quotation marks as ``...''; they become curly quotes, which is what the
    site's quotation handling reads.
    """
    raw = path.read_text(encoding="utf-8")
    match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    text = html.unescape(_TAG.sub("", match.group(1) if match else ""))
    text = text.replace("``", "“").replace("''", "”")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return PARAGRAPH_SEPARATOR.join(p for p in paragraphs if p)


def sanity(folder: Path, model_name: str, count: int, limit: int = 0) -> dict:
    """Count summary defects on TimeBank for the default, Lead-3 and LexRank."""
    paths = sorted(folder.glob("*.tml"))[: limit or None]
    bodies = [timebank_body(p) for p in paths]
    model = nlp.load(model_name)
    names = ("default", "lead3", "lexrank")
    table = systems()
    counts = {
        n: {"summaries": 0, "sentences": 0, "fragments": 0, "duplicates": 0, "cut_quotes": 0}
        for n in names
    }
    examples: dict[str, list[str]] = {n: [] for n in names}
    for path, body, doc in zip(paths, bodies, nlp.parse(model, bodies), strict=True):
        sentences = nlp.sentences(doc)
        spans = nlp.quotation_spans(body)
        for name in names:
            chosen = list(table[name](sentences, count))
            tally = counts[name]
            tally["summaries"] += 1
            tally["sentences"] += len(chosen)
            seen: set[str] = set()
            for sentence in chosen:
                problems = []
                if not _is_sentence(doc, sentence):
                    problems.append("fragments")
                key = " ".join(re.findall(r"\w+", sentence.text.lower()))
                if key in seen:
                    problems.append("duplicates")
                seen.add(key)
                if _cut_quote(sentence, spans):
                    problems.append("cut_quotes")
                for problem in problems:
                    tally[problem] += 1
                    if len(examples[name]) < 5:
                        examples[name].append(f"{path.name}: {problem}: {sentence.text[:120]}")
    return {"documents": len(paths), "counts": counts, "examples": examples}


def _is_sentence(doc, sentence: Sentence) -> bool:
    """A full sentence: starts like one, ends with terminal punctuation, has a verb."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
    return bool(_FIRST.match(sentence.text) and _TERMINAL.search(sentence.text) and has_verb)


def _cut_quote(sentence: Sentence, spans: Sequence[tuple[int, int]]) -> bool:
    """The sentence begins or ends strictly inside a quotation (opened quotes are the norm)."""
    return any(
        (start < sentence.start < end - 1) or (start < sentence.end < end) for start, end in spans
    )


# --- the command ----------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    if not args.data.is_file():
        print(f"no evaluation data at {args.data} (pass --data PATH)", file=sys.stderr)
        return 2
    if args.sentences < 1:
        print("--sentences must be at least 1", file=sys.stderr)
        return 2
    settings = load_settings()
    rows = load(args.data, args.limit)
    if args.cv and not 2 <= args.cv <= len(rows):
        print(f"--cv needs 2 to {len(rows)} folds (one per article at most)", file=sys.stderr)
        return 2
    documents, parse_seconds = parse_documents(rows, settings.spacy_model)
    scorer = Scorer(documents, args.all_references)
    report: dict = {
        "data": str(args.data),
        "articles": len(documents),
        "sentences": args.sentences,
        "reference": "best of all references" if args.all_references else "single reference",
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "parse_seconds_per_article": parse_seconds,
        "systems": evaluate_systems(documents, scorer, args.sentences),
    }
    if args.cv:
        report["cross_validation"] = cross_validate(documents, scorer, args.sentences, args.cv)
    if args.sanity:
        report["sanity"] = sanity(args.timebank, settings.spacy_model, args.sentences, args.limit)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def format_report(report: dict) -> str:
    lines = [
        f"{report['articles']} articles from {report['data']}, {report['sentences']} sentences, "
        f"ROUGE F1 x100 vs {report['reference']} (rouge-score, stemming on)",
        "",
        f"{'system':<10} {'R1':>6} {'R2':>6} {'RLsum':>6} {'s/article':>10} {'=lead':>6}",
    ]
    for row in report["systems"]:
        lines.append(
            f"{row['system']:<10} {row['rouge1']:6.1f} {row['rouge2']:6.1f} "
            f"{row['rougeLsum']:6.1f} {row['seconds']:10.4f} {row['same_as_lead']:6d}"
        )
    lines.append(
        f"(spaCy parse, shared by all: {report['parse_seconds_per_article']:.4f} s/article)"
    )
    cv = report.get("cross_validation")
    if cv:
        lines += ["", f"cross-validation, {len(cv['folds'])} folds (weights picked on the others):"]
        for fold in cv["folds"]:
            knobs = ", ".join(f"{k}={v:g}" for k, v in fold["weights"].items())
            lines.append(
                f"  fold {fold['fold']} ({fold['articles']} articles) {knobs}: "
                f"{fold['rouge1']:.1f} / {fold['rouge2']:.1f} / {fold['rougeLsum']:.1f}"
            )
        for label, key in (
            ("held-out", "held_out"),
            ("best on all", "best_on_all"),
            ("shipped", "shipped"),
        ):
            row = cv[key]
            knobs = ", ".join(f"{k}={v:g}" for k, v in row.get("weights", {}).items())
            lines.append(
                f"  {label:<12} {row['rouge1']:.1f} / {row['rouge2']:.1f} / {row['rougeLsum']:.1f}"
                + (f"  ({knobs})" if knobs else "")
            )
    sanity_report = report.get("sanity")
    if sanity_report:
        lines += ["", f"sanity check on {sanity_report['documents']} TimeBank documents:"]
        lines.append(
            f"  {'system':<10} {'sentences':>9} {'fragments':>9} "
            f"{'duplicates':>10} {'cut quotes':>10}"
        )
        for name, tally in sanity_report["counts"].items():
            lines.append(
                f"  {name:<10} {tally['sentences']:9d} {tally['fragments']:9d} "
                f"{tally['duplicates']:10d} {tally['cut_quotes']:10d}"
            )
        for name, examples in sanity_report["examples"].items():
            for example in examples:
                lines.append(f"  {name}: {example}")
    return "\n".join(lines)
