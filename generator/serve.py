"""`mkdocs serve` regenerates docs/ as articles land in content/ (`make serve`).

MkDocs loads this plugin by name (`plugins: [search, digest]` in mkdocs.yml; the name is
registered in pyproject.toml). Under `mkdocs serve` it starts a thread that looks at
content/ every second and, once a change has settled, runs `python -m generator build` in
this process: only the changed articles are analysed, and the spaCy model and the libraries
stay loaded from one change to the next, so an article added to a running site costs its
analysis and the relinking, not the start-up. MkDocs sees the pages written to docs/ and
rebuilds the site once. Under `mkdocs build` and `gh-deploy` the plugin does nothing:
`make site` and CI run the generator first.

The thread belongs to the first MkDocs configuration only. `mkdocs serve` loads the
configuration again for every rebuild, with new plugin objects, but calls `serve` and
`shutdown` once, on the first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin

from .read import content_files
from .settings import SettingsError, load_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.digest")

# How often content/ is looked at, in seconds; a change is built once it has stayed the
# same for one more look (an article copied in several writes is built once, whole).
POLL_SECONDS = 1.0

# How long stopping the server waits for a build under way.
STOP_WAIT_SECONDS = 10.0

Signature = frozenset[tuple[str, int, int]]


def signature(content: Path) -> Signature:
    """What a build reads from content/: every article file's path, size and mtime."""
    found = set()
    for path in content_files(content):
        try:
            stat = path.stat()
        except OSError:  # removed while we looked, or a broken link: the build will say
            found.add((path.as_posix(), -1, -1))
            continue
        found.add((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return frozenset(found)


def generate(root: Path) -> int:
    """One `build` in this process, as the command line runs it; its exit code."""
    from .__main__ import run

    return run(["build", "--progress", "never"], root=root)


class Watcher:
    """A thread that builds whenever content/ changes.

    Not when it starts: `make serve` has just built, and any build touches docs/ (its lock
    file at least), which would make MkDocs rebuild the whole site for nothing.
    """

    def __init__(
        self,
        root: Path,
        content: Path,
        build: Callable[[Path], int] = generate,
        interval: float = POLL_SECONDS,
    ) -> None:
        self.root, self.content, self.build, self.interval = root, content, build, interval
        self.builds = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Watcher:
        built = signature(self.content)  # docs/ was built from this (make serve)
        self._thread = threading.Thread(
            target=self._loop, args=(built,), name="digest-watcher", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, wait: float | None = None) -> None:
        """Stop looking; a build under way finishes within `wait` seconds or is dropped
        with the process (the writer's journal completes or undoes it on the next build)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)

    def _loop(self, built: Signature) -> None:
        seen = built
        while not self._stop.wait(self.interval):
            now = signature(self.content)
            if now != seen:  # still changing: look again before building
                seen = now
            elif seen != built:
                self._build()
                built = seen

    def _build(self) -> None:
        log.info("Generating docs/ from content/ ...")
        try:
            code = self.build(self.root)
        except Exception:  # a bug must not stop the server: say so and keep watching
            log.exception("digest: the build failed")
            code = -1
        self.builds += 1
        if code != 0:
            log.warning("digest: build exited with %s; docs/ keeps its last complete version", code)


class DigestPlugin(BasePlugin):
    """Regenerates docs/ from content/ under `mkdocs serve`; nothing otherwise."""

    def __init__(self) -> None:
        self.serving = False
        self.watcher: Watcher | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable
    ) -> LiveReloadServer:
        if self.serving and self.watcher is None:
            root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
            try:
                content = load_settings(root).under(root).content_dir
            except SettingsError as exc:
                log.error("digest: %s; content/ is not watched", exc)
                return server
            self.watcher = Watcher(root, content).start()
            log.info("digest: watching %s/ for articles", content)
        return server

    def on_shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop(wait=STOP_WAIT_SECONDS)
            self.watcher = None
