"""Progress and problem reporting on stderr, so stdout stays clean for --json."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Prints 'label: n/total' at most every `every` seconds (and at the end)."""

    def __init__(self, mode: str = "auto", stream: TextIO | None = None, every: float = 2.0):
        self.stream = stream or sys.stderr
        self.enabled = mode == "always" or (mode == "auto" and self.stream.isatty())
        self.every = every
        self._last = 0.0

    def step(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < self.every and done < total):
            return
        self._last = now
        print(f"{label}: {done}/{total}", file=self.stream, flush=True)

    def say(self, message: str) -> None:
        print(message, file=self.stream, flush=True)
