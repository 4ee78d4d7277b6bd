"""Quality measurements on evaluation data: `python -m generator eval NAME ...`.

Each module named in EVALUATIONS provides:

    configure(parser: argparse.ArgumentParser) -> None   # its flags (paths to the data)
    run(args: argparse.Namespace) -> int                  # prints a table (or --json); exit code

The data lives outside the repository (../shared/eval by default); nothing here is used by
the unit tests except on small fixtures the tests write themselves.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

EVALUATIONS: tuple[str, ...] = ("summaries", "people", "dates", "stories")
DEFAULT_DATA = Path("../shared/eval")


def module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")
