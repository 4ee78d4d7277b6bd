"""`eval people --corpus DIR`: one page per real person, on real multi-outlet stories.

On the BASIL stories (`basil.py`) built by the real pipeline:

- **main people on exactly one page**: for each story and each of its `main-entities`
  that names one person (hand labels), the person pages that appear in the story's
  articles and are that person: a page whose name has the person's surname and no other
  given name (the same first initial, or none), or has the person's full name among its
  forms. Exactly one such page is a success; none is a miss, more than one a split.
- **pages that are organisations**: person pages whose name is, by the hand labels, an
  organisation, a group or a topic of some story ("Walmart", "Tea Party").
- **labelled pages**: 150 person pages of an earlier build of these stories, labelled by
  hand (`labels/basil-person-pages.tsv`: person, not-person, two-people, fragment). Of
  those whose name is still a page, the share that is not one real person. (A page whose
  name is gone is counted apart: the build no longer makes it.)
- **false absence claims**: what the comparison pages say an outlet does not name (a
  coverage gap of a person; a "—" in the who-quoted-whom table), checked against that
  outlet's text: the claim is false when any form of the person's name the corpus knows,
  or its surname, occurs in the outlet's title or body (a capitalised whole word).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..analyze.text import name_key, surname_key
from ..build import Generated
from ..link.compare import verify
from ..model import Person
from . import basil


def _given(name: str) -> list[str]:
    return name_key(name).split()[:-1]


def is_person(page: Person, name: str) -> bool:
    """Is this page the person `name` (a full name)? See the module docstring."""
    full = name_key(name)
    if any(name_key(form) == full for form in (page.name, *page.aliases)):
        return True
    if surname_key(page.name) != surname_key(name):
        return False
    given, wanted = _given(page.name), _given(name)
    return not given or not wanted or given[0][0] == wanted[0][0]


def named_in(text: str, forms: Iterable[str]) -> bool:
    """Does the text name someone by one of these forms, or by the surname of one? The
    comparison's own check (`link/compare/verify`), applied to the forms the whole corpus
    knows for the person, not only those of the story."""
    return verify.names_in([text], verify.name_forms(forms, person=True))


def evaluate(stories: Sequence[basil.Story], generated: Generated) -> dict[str, object]:
    labels = basil.labels()
    digest = generated.digest
    people = {person.slug: person for person in digest.people}
    rows = []
    for story in stories:
        slugs = set(basil.slugs_of(generated, story))
        done: set[str] = set()
        for entity in story.entities:
            label = labels.get(entity)
            if label is None or label.kind != "person" or label.name in done:
                continue
            done.add(label.name)
            pages = [
                p.name
                for p in digest.people
                if slugs & set(p.articles) and is_person(p, label.name)
            ]
            rows.append({"story": story.uuid, "person": label.name, "pages": sorted(pages)})
    not_people = {name_key(e.name) for e in labels.values() if e.kind != "person"}
    organisation_pages = sorted(p.name for p in digest.people if name_key(p.name) in not_people)
    claims, false_claims = _absence_claims(generated, people)
    verdicts = page_labels()
    names = {p.name for p in digest.people}
    present = {name: v for name, v in verdicts.items() if name in names}
    wrong = sorted(name for name, v in present.items() if v != "person")
    single = sum(1 for row in rows if len(row["pages"]) == 1)
    return {
        "stories": len(stories),
        "main_people": len(rows),
        "on_one_page": single,
        "on_one_page_share": round(single / len(rows), 3) if rows else None,
        "missing": [r for r in rows if not r["pages"]],
        "split": [r for r in rows if len(r["pages"]) > 1],
        "person_pages": len(digest.people),
        "organisation_pages": organisation_pages,
        "labelled_pages": len(verdicts),
        "labelled_pages_present": len(present),
        "labelled_pages_not_one_person": len(wrong),
        "labelled_not_one_person_share": round(len(wrong) / len(present), 3) if present else None,
        "labelled_not_one_person": wrong,
        "absence_claims": claims,
        "false_absence_claims": len(false_claims),
        "false_absence_share": round(len(false_claims) / claims, 3) if claims else None,
        "false_absence_examples": false_claims[:40],
    }


PAGE_LABELS = basil.LABELS.parent / "basil-person-pages.tsv"


def page_labels() -> dict[str, str]:
    """Hand verdicts on sampled person pages: name -> person, not-person, two-people, ..."""
    verdicts: dict[str, str] = {}
    for line in PAGE_LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, verdict, *_ = line.split("\t")
        verdicts[name] = verdict
    return verdicts


def _absence_claims(
    generated: Generated, people: dict[str, Person]
) -> tuple[int, list[dict[str, str]]]:
    """Every "X does not name P" a comparison page states, and those the texts refute."""
    digest = generated.digest
    claims = 0
    false: list[dict[str, str]] = []

    def check(slug: str, name: str, person: str | None, where: str) -> None:
        nonlocal claims
        claims += 1
        forms = [name]
        if person in people:
            forms += [people[person].name, *people[person].aliases]
        if named_in(basil.text_of(generated, slug), forms):
            outlet = digest.article(slug).article.outlet
            false.append({"person": name, "outlet": outlet, "article": slug, "where": where})

    for story in digest.stories:
        comparison = story.comparison
        if comparison is None:
            continue
        for gap in comparison.gaps:
            if gap.kind == "person":
                for slug in gap.missing:
                    check(slug, gap.name, gap.target, "coverage gap")
        sides = [side.article for side in comparison.sides]
        for use in comparison.people:
            for slug, named, quoted in zip(sides, use.named, use.quoted, strict=True):
                if not named and not quoted:
                    check(slug, use.name, use.person, "who quoted whom")
    return claims, false
