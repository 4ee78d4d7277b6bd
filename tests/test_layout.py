"""The package layout is the pipeline: each stage imports only what comes before it, and
the analysis cache key covers everything an analysis can reach."""

from __future__ import annotations

import ast
from pathlib import Path

from generator import cache

PACKAGE = Path(cache.__file__).parent


def imports_of(path: Path) -> set[str]:
    """Modules of the package a file imports, as dotted paths under `generator`."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[: len(here) - node.level])
            if node.module:
                found.add(".".join([*base, node.module]))
                base = [*base, *node.module.split(".")]
            for alias in node.names:
                found.add(".".join([*base, alias.name]))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = (
                [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            )
            found |= {
                n.removeprefix("generator.") for n in names if n and n.startswith("generator.")
            }
    return found


def stage_files(stage: str) -> list[Path]:
    return sorted((PACKAGE / stage).rglob("*.py"))


def test_analyze_imports_nothing_from_link_render_or_the_pipeline():
    allowed_tops = {"model", "settings"}
    for path in stage_files("analyze"):
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top == "analyze" or top in allowed_tops, (path.name, name)


def test_link_never_imports_render_write_or_the_pipeline():
    for path in stage_files("link"):
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top in {"analyze", "link", "model", "settings", "cache"}, (path.name, name)


def test_render_imports_only_the_model_and_its_own_helpers():
    for path in stage_files("render"):
        for name in imports_of(path):
            assert name.split(".")[0] in {"render", "model"}, (path.name, name)


def test_the_analysis_key_covers_everything_an_analysis_reaches():
    """Follow the imports from the analysis entry point: every module reached is in the
    key's files (a change to it re-analyses), and no corpus-step module is."""

    def module_file(name: str) -> Path | None:
        parts = name.split(".")
        for candidate in (
            PACKAGE.joinpath(*parts).with_suffix(".py"),
            PACKAGE.joinpath(*parts, "__init__.py"),
        ):
            if candidate.is_file():
                return candidate
        return None

    reached: set[Path] = set()
    todo = [PACKAGE / "analyze" / "__init__.py", PACKAGE / "parallel.py"]
    while todo:
        path = todo.pop()
        if path in reached:
            continue
        reached.add(path)
        todo.extend(f for f in map(module_file, imports_of(path)) if f is not None)
    reached.discard(PACKAGE / "parallel.py")  # runs analyses, does not decide them
    covered = {PACKAGE / part for part in cache.ANALYSIS_CODE}
    for path in reached:
        assert any(path == c or c in path.parents for c in covered), path
    assert not any((PACKAGE / "link") in p.parents for p in reached)


def test_a_word_list_of_the_analysis_stage_is_part_of_its_key(tmp_path, monkeypatch):
    """Data files count like code: a changed lexicon re-analyses."""
    copy = tmp_path / "generator"
    for part in cache.ANALYSIS_CODE:
        source = PACKAGE / part
        target = copy / part
        if source.is_dir():
            for file in source.rglob("*"):
                if file.is_file() and "__pycache__" not in file.parts:
                    (target / file.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
                    (target / file.relative_to(source)).write_bytes(file.read_bytes())
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    before = cache._fingerprint(cache.ANALYSIS_CODE)
    (copy / "analyze" / "data").mkdir(exist_ok=True)
    (copy / "analyze" / "data" / "extra.txt").write_text("# a list\nword\n")
    assert cache._fingerprint(cache.ANALYSIS_CODE) != before


def test_ls_generator_tells_the_pipeline():
    names = {p.name for p in PACKAGE.iterdir() if not p.name.startswith("__py")}
    assert {"read.py", "analyze", "link", "render", "write.py", "build.py"} <= names
    for stage in ("analyze", "link", "render", "evaluation"):
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and len(doc.split()) > 20, stage
