"""Write N distinct news articles in the content format, for benchmarks: `make_corpus.py N OUT`.

The text is real reporting from the evaluation sets in ../shared/eval (TimeBank 1.2 news
wires, the SummEval CNN/DailyMail articles, the Lee ABC news corpus): about 630 documents.
The first articles are those documents whole; beyond that, each article joins paragraphs
of two or three different documents, so a 10,000-article digest still reads like news
(real sentences, names, quotes, dates) rather than repeated text. Outlets follow the source
(AP, CNN, ABC...) or are drawn from a list; dates come from TimeBank's document time or are
drawn from 2020-2024. The same N and --seed always give the same files, byte for byte.

Nothing here is used by the generator; the data never enters the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
OUTLETS = (
    "ABC News",
    "Associated Press",
    "CNN",
    "Daily Mail",
    "The New York Times",
    "Reuters",
    "Voice of America",
    "The Wall Street Journal",
    "Public Radio International",
    "The Guardian",
    "Al Jazeera",
    "The Hindu",
)
TIMEBANK_OUTLETS = {
    "ABC": "ABC News",
    "AP": "Associated Press",
    "APW": "Associated Press",
    "CNN": "CNN",
    "NYT": "The New York Times",
    "PRI": "Public Radio International",
    "VOA": "Voice of America",
    "WSJ": "The Wall Street Journal",
    "EA": "Associated Press",
    "ED": "Associated Press",
}
FIRST_DAY = dt.date(2020, 1, 1)
DAYS = 5 * 365

# A sentence ends at . ! ? (optionally followed by closing quotes) before a capital or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:['\"”’]+)?\s+(?=[\"“‘'A-Z0-9])")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Source:
    name: str  # where it came from (file or document id)
    outlet: str | None
    published: dt.date | None
    paragraphs: tuple[str, ...]


# --- reading the evaluation sets ------------------------------------------------------------


def paragraphs_of(text: str, rng: random.Random) -> tuple[str, ...]:
    """Split running text into news-sized paragraphs of one to three sentences."""
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]
    paragraphs: list[str] = []
    while sentences:
        take = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return tuple(paragraphs)


def detokenize(text: str) -> str:
    """SummEval text is tokenised ('team 's', 'draw .'); join it back as printed."""
    text = re.sub(r" (['’](?:s|re|ve|ll|d|m|t)|n't)\b", r"\1", text)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r"(^|\s)' (?=\w)", r"\1'", text)
    return text


def timebank(folder: Path, rng: random.Random) -> list[Source]:
    sources = []
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
        created = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
        if not body:
            continue
        text = html.unescape(_TAG.sub("", body.group(1))).replace("``", "“").replace("''", "”")
        published = None
        if created:
            value = re.search(r'value="(\d{4}-\d{2}-\d{2})', created.group(0))
            published = dt.date.fromisoformat(value.group(1)) if value else None
        prefix = re.match(r"[A-Za-z]+", path.name)
        outlet = TIMEBANK_OUTLETS.get(prefix.group(0).upper() if prefix else "")
        paragraphs = paragraphs_of(text, rng)
        if paragraphs:
            sources.append(Source(f"TimeBank {path.name}", outlet, published, paragraphs))
    return sources


def summeval(path: Path, rng: random.Random) -> list[Source]:
    sources = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        outlet = "Daily Mail" if record["doc_id"].startswith("dm-") else "CNN"
        paragraphs = paragraphs_of(detokenize(record["document"]), rng)
        if paragraphs:
            sources.append(Source(f"SummEval {record['doc_id']}", outlet, None, paragraphs))
    return sources


def lee(folder: Path, rng: random.Random) -> list[Source]:
    sources = []
    for name in ("lee.cor", "lee_background.cor"):
        lines = (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, start=1):
            paragraphs = paragraphs_of(line, rng)
            if paragraphs:
                sources.append(Source(f"Lee {name}:{number}", "ABC News", None, paragraphs))
    return sources


def load_sources(data: Path, seed: int) -> list[Source]:
    rng = random.Random(f"paragraphs-{seed}")
    sources = (
        timebank(data / "dates" / "timebank", rng)
        + summeval(data / "summarization" / "summeval_cnndm.jsonl", rng)
        + lee(data / "similarity", rng)
    )
    if not sources:
        raise SystemExit(f"make_corpus: no documents found under {data}")
    return sources


# --- making articles ------------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    filename: str
    text: str


def headline(paragraph: str) -> str:
    """The first words of the lead sentence, as a headline without final punctuation."""
    first = _SENTENCE_END.split(paragraph)[0]
    words = first.split()
    title = " ".join(words[:12]).rstrip(".,;:!?\"'”’ ")
    return title or "Untitled report"


def article(number: int, sources: list[Source], seed: int) -> tuple[tuple[str, ...], Source]:
    """Paragraphs of article `number`: a source whole at first, then recombinations."""
    if number < len(sources):
        return sources[number].paragraphs, sources[number]
    rng = random.Random(f"article-{seed}-{number}")
    lead = sources[number % len(sources)]
    others = rng.sample(range(len(sources)), rng.choice((1, 2)))
    paragraphs = list(lead.paragraphs[: rng.randint(2, 4)])
    for other in others:
        donor = sources[other].paragraphs
        start = rng.randrange(len(donor))
        paragraphs.extend(donor[start : start + rng.randint(1, 4)])
    return tuple(paragraphs[:10]), lead


def front_matter(title: str, outlet: str, published: dt.date) -> str:
    # JSON strings are valid YAML scalars and always quoted safely.
    return (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"outlet: {json.dumps(outlet)}\n"
        f"published: {published.isoformat()}\n"
        "---\n\n"
    )


def make(count: int, sources: list[Source], seed: int) -> list[Made]:
    """`count` distinct articles (no two bodies alike), deterministic in `seed`."""
    order = list(range(len(sources)))
    random.Random(f"order-{seed}").shuffle(order)
    shuffled = [sources[i] for i in order]
    seen: set[str] = set()
    made: list[Made] = []
    number = 0
    while len(made) < count:
        paragraphs, lead = article(number, shuffled, seed)
        number += 1
        body = "\n\n".join(paragraphs)
        fingerprint = hashlib.sha256(body.encode("utf-8")).hexdigest()
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        rng = random.Random(f"meta-{seed}-{number}")
        recombined = number > len(shuffled)
        outlet = rng.choice(OUTLETS) if recombined or not lead.outlet else lead.outlet
        published = lead.published if lead.published and not recombined else None
        if published is None:
            published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        title = headline(paragraphs[0])
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:50].rstrip("-")
        filename = f"{published.isoformat()}-{len(made):05d}-{slug}.md"
        text = front_matter(title, outlet, published) + body + "\n"
        made.append(Made(filename, text))
    return made


def write(made: list[Made], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for item in made:
        (out / item.filename).write_text(item.text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="how many articles")
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write them into")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/eval")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    made = make(args.count, load_sources(args.data, args.seed), args.seed)
    write(made, args.out)
    words = sum(len(m.text.split()) for m in made)
    print(f"make_corpus: {len(made)} articles, {words:,} words in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
