"""BASIL 2010-2014 (Fan et al. 2019) as a digest: real stories, each told by three outlets.

Each story is one `triplet-uuid` reported by Fox News, The New York Times and HuffPost,
with its main people and organisations (`main-entities`) and main event by hand. The
articles are written as content files (front matter: title, outlet, date, url; the story
id as `story`, so grouping errors do not blur what is measured here) and built by the real
pipeline (`build.generate`), analyses cached like any build. The evaluations of people and
comparisons read the resulting `Digest` beside the stories' hand labels.

Labels this project made (which entity strings name one person, an organisation or a
group) are in `labels/basil-entities.tsv`: names only, no article text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..build import Generated, generate
from ..progress import Progress
from ..settings import Settings
from . import DEFAULT_DATA

DEFAULT_BASIL = DEFAULT_DATA / "stories" / "basil-2010-2014"
LABELS = Path(__file__).parent / "labels" / "basil-entities.tsv"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


@dataclass(frozen=True)
class Story:
    """One BASIL story: its id, its articles (content slugs) and its hand labels."""

    uuid: str
    paths: tuple[str, ...]  # the content files written for it (relative to content/)
    entities: tuple[str, ...]  # `main-entities`, as the data set spells them
    event: str  # `main-event`


@dataclass(frozen=True)
class Entity:
    kind: str  # person, organisation, group, other
    name: str  # spelled as it should be


def labels(path: Path = LABELS) -> dict[str, Entity]:
    """The hand labels: entity string -> kind and corrected name."""
    found: dict[str, Entity] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        entity, kind, name = line.split("\t")
        found[entity] = Entity(kind, name)
    return found


def write_content(folder: Path, content: Path) -> list[Story]:
    """Write the stories under `folder` as content files into `content`; the stories."""
    content.mkdir(parents=True, exist_ok=True)
    by_story: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        article["_name"] = path.stem
        by_story.setdefault(article["triplet-uuid"], []).append(article)
    stories = []
    for uuid, articles in sorted(by_story.items()):
        for article in articles:
            meta = {
                "title": " ".join(article["title"].split()),
                "outlet": OUTLETS.get(article["source"], article["source"]),
                "published": article["date"],
                "url": article["url"],
                "story": uuid,
            }
            body = "\n\n".join(" ".join(p) for p in article["body-paragraphs"] if p)
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"
            target = content / f"{article['_name']}.md"
            new = text + body + "\n"
            if not target.is_file() or target.read_text(encoding="utf-8") != new:
                target.write_text(new, encoding="utf-8")
        first = articles[0]
        stories.append(
            Story(
                uuid,
                tuple(f"{a['_name']}.md" for a in articles),
                tuple(first["main-entities"]),
                first["main-event"],
            )
        )
    return stories


def build_digest(
    folder: Path, workdir: Path, settings: Settings, progress: Progress | None = None
) -> tuple[list[Story], Generated]:
    """The stories and the digest the pipeline makes of them (content under `workdir`)."""
    stories = write_content(folder, workdir / "content")
    options = settings.model_copy(update={"content_dir": workdir / "content"})
    return stories, generate(options, progress)


def slugs_of(generated: Generated, story: Story) -> tuple[str, ...]:
    """The slugs of a story's articles in the digest (those that were read)."""
    by_path = {item.article.path: item.article.slug for item in generated.digest.articles}
    return tuple(by_path[p] for p in story.paths if p in by_path)


def text_of(generated: Generated, slug: str) -> str:
    """An article's full text as a reader sees it: title and body."""
    article = generated.digest.article(slug).article
    return article.title + "\n" + article.body
