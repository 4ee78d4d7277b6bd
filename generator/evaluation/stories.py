"""`eval stories`: document similarity against human judgements, and story grouping.

1. Lee corpus (../shared/eval/similarity): 50 news documents, a 50x50 matrix of mean human
   similarity ratings. Pearson and Spearman correlation of our similarity with the ratings
   over the 1,225 pairs above the diagonal, beside plain TF-IDF cosine (scikit-learn's
   defaults). Our score is shown with IDF fitted on the 50 documents alone and, as the
   pipeline's sentence-level IDF is meant to stand in for, with the 300 background ones.
2. UCI News Aggregator head (../shared/eval/stories): headlines with a human story id
   (the cut-off last row is skipped). Our grouping (text + names from spaCy's entities +
   publication times, average linkage at the default threshold) against the same
   clustering over plain TF-IDF cosine; pairwise and B-cubed precision, recall and F1.
   A sweep over thresholds shows the best each could do (an oracle, marked as such).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from . import DEFAULT_DATA

SWEEP = (0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4)
ENTITY_LABELS = {"PERSON": True, "GPE": False, "LOC": False, "ORG": False, "NORP": False}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="evaluation data root")
    parser.add_argument("--threshold", type=float, default=None, help="grouping threshold")
    parser.add_argument("--limit", type=int, default=None, help="first N headlines only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    from ..link.stories import DEFAULTS

    threshold = DEFAULTS.threshold if args.threshold is None else args.threshold
    similarity_dir = args.data / "similarity"
    stories_file = args.data / "stories" / "uci-news-aggregator.head.csv"
    missing = [p for p in (similarity_dir / "lee.cor", stories_file) if not p.exists()]
    if missing:
        print("evaluation data not found: " + ", ".join(str(p) for p in missing))
        return 2
    started = time.perf_counter()
    results = {
        "lee": lee(similarity_dir),
        "uci": uci(stories_file, threshold, args.limit),
        "seconds": None,
    }
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(report(results))
    return 0


# --- Lee similarity -----------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """One document a line; the files are Latin-1 (pound signs), not UTF-8."""
    return [
        line.strip() for line in path.read_text(encoding="latin-1").splitlines() if line.strip()
    ]


def upper_pairs(matrix: np.ndarray) -> np.ndarray:
    return matrix[np.triu_indices(matrix.shape[0], 1)]


def correlations(ours: np.ndarray, human: np.ndarray) -> dict[str, float]:
    from scipy.stats import pearsonr, spearmanr

    a, b = upper_pairs(ours), upper_pairs(human)
    return {
        "pearson": round(float(pearsonr(a, b)[0]), 4),
        "spearman": round(float(spearmanr(a, b)[0]), 4),
    }


def plain_tfidf(texts: Sequence[str], fit: Sequence[str] | None = None) -> np.ndarray:
    """The baseline: scikit-learn's TfidfVectorizer with its defaults, cosine."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer().fit(fit if fit is not None else texts)
    vectors = vectorizer.transform(texts)
    return np.asarray((vectors @ vectors.T).toarray(), dtype=float)


def lee(directory: Path) -> dict[str, dict[str, float]]:
    from ..link.similarity import TextSpace
    from ..link.stories import DEFAULTS

    documents = read_lines(directory / "lee.cor")
    background = read_lines(directory / "lee_background.cor")
    human = np.loadtxt(directory / "similarities0-1.txt")
    return {
        "plain tf-idf cosine (baseline)": correlations(plain_tfidf(documents), human),
        "ours: content-word tf-idf": correlations(TextSpace(documents).matrix(documents), human),
        "ours: words + char n-grams (grouping)": correlations(
            TextSpace(documents, char_weight=DEFAULTS.char_weight).matrix(documents), human
        ),
        "ours + background idf": correlations(
            TextSpace([*documents, *background]).matrix(documents), human
        ),
        "plain tf-idf + background idf": correlations(
            plain_tfidf(documents, [*documents, *background]), human
        ),
    }


# --- UCI grouping -------------------------------------------------------------------------


def read_headlines(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    """Rows with a title and a story id; the last row of the head file is cut off."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = rows[:-1]  # cut off mid-row by the `head` that made the file
    rows = [r for r in rows if r.get("TITLE") and r.get("STORY") and r.get("TIMESTAMP")]
    return rows[:limit] if limit else rows


def pairwise(predicted: Sequence[int], truth: Sequence[str]) -> dict[str, float]:
    """Precision/recall/F1 over pairs of items placed in the same group."""

    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(predicted, truth, strict=True)))
    said, true = pairs(Counter(predicted)), pairs(Counter(truth))
    return _prf(both / said if said else 0.0, both / true if true else 0.0)


def bcubed(predicted: Sequence[int], truth: Sequence[str]) -> dict[str, float]:
    """B-cubed precision/recall/F1: per item, how pure and how complete its group is."""
    joint = Counter(zip(predicted, truth, strict=True))
    in_cluster, in_class = Counter(predicted), Counter(truth)
    n = len(predicted)
    precision = sum(joint[(p, t)] / in_cluster[p] for p, t in zip(predicted, truth, strict=True))
    recall = sum(joint[(p, t)] / in_class[t] for p, t in zip(predicted, truth, strict=True))
    return _prf(precision / n, recall / n)


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def labels(groups: list[list[int]], n: int) -> list[int]:
    result = [0] * n
    for label, members in enumerate(groups):
        for index in members:
            result[index] = label
    return result


def entities(titles: Sequence[str]) -> list[frozenset[str]]:
    """Names in each headline from spaCy's entities: surnames of people, whole other names."""
    from ..analyze import nlp
    from ..analyze.text import name_key, surname_key
    from ..settings import Settings

    model = nlp.load(Settings().spacy_model)
    found = []
    for doc in model.pipe(titles, batch_size=256):
        found.append(
            frozenset(
                (surname_key if ENTITY_LABELS[ent.label_] else name_key)(ent.text)
                for ent in doc.ents
                if ent.label_ in ENTITY_LABELS
            )
        )
    return found


def _scores(tree: np.ndarray, truth: Sequence[str], threshold: float) -> dict[str, object]:
    from ..link.stories import cut

    predicted = labels(cut(tree, threshold), len(truth))
    return {
        "threshold": threshold,
        "groups": len(set(predicted)),
        "pairwise": pairwise(predicted, truth),
        "bcubed": bcubed(predicted, truth),
    }


def uci(path: Path, threshold: float, limit: int | None = None) -> dict[str, object]:
    from ..link.similarity import TextSpace
    from ..link.stories import DEFAULTS, Document, linkage_tree, similarity_matrix

    rows = read_headlines(path, limit)
    titles = [r["TITLE"] for r in rows]
    truth = [r["STORY"] for r in rows]
    dates = [dt.datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, dt.UTC).date() for r in rows]
    names = entities(titles)
    documents = [
        Document(text=t, entities=e, published=d)
        for t, e, d in zip(titles, names, dates, strict=True)
    ]
    systems = {
        "plain tf-idf cosine (baseline)": plain_tfidf(titles),
        "ours: text only": TextSpace(titles, char_weight=DEFAULTS.char_weight).matrix(titles),
        "ours: text + names + dates": similarity_matrix(documents, options=DEFAULTS),
    }
    result: dict[str, object] = {"headlines": len(rows), "stories": len(set(truth)), "systems": {}}
    for name, matrix in systems.items():
        tree = linkage_tree(matrix)
        sweep = [_scores(tree, truth, t) for t in SWEEP]
        best = max(sweep, key=lambda s: s["bcubed"]["f1"])  # type: ignore[index]
        result["systems"][name] = {  # type: ignore[index]
            "at default": _scores(tree, truth, threshold),
            "best of sweep (oracle)": best,
        }
    return result


# --- the table ----------------------------------------------------------------------------


def report(results: dict) -> str:
    lines = ["Lee corpus: correlation with human similarity (1,225 pairs)", ""]
    lines.append(f"  {'system':40s} {'Pearson':>8s} {'Spearman':>9s}")
    for name, scores in results["lee"].items():
        lines.append(f"  {name:40s} {scores['pearson']:8.3f} {scores['spearman']:9.3f}")
    uci_results = results["uci"]
    lines += [
        "",
        f"UCI News Aggregator: grouping {uci_results['headlines']} headlines "
        f"({uci_results['stories']} human stories)",
        "",
        f"  {'system':32s} {'setting':24s} {'thr':>5s} {'groups':>6s}"
        f" {'pair P':>7s} {'pair R':>7s} {'pair F1':>7s} {'B3 P':>6s} {'B3 R':>6s} {'B3 F1':>6s}",
    ]
    for name, settings in uci_results["systems"].items():
        for setting, s in settings.items():
            p, b = s["pairwise"], s["bcubed"]
            lines.append(
                f"  {name:32s} {setting:24s} {s['threshold']:5.2f} {s['groups']:6d}"
                f" {p['precision']:7.3f} {p['recall']:7.3f} {p['f1']:7.3f}"
                f" {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f}"
            )
    lines += ["", f"({results['seconds']} s)"]
    return "\n".join(lines)
