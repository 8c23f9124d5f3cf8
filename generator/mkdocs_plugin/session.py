"""`mkdocs serve`: the preview session, from its first build to its last.

The plugin makes one :class:`Preview` for `mkdocs serve` (``on_startup``); builds of other
commands have none. Across the session's builds it keeps

- the pages of the last successful build (:class:`~generator.mkdocs_plugin.reuse.PageMemory`),
  so that a rebuild renders again only the pages an edit changed;
- the handouts the last build served, by address: while a handout is made again after an edit,
  the last one stands in (its status ``STALE``; one never served is ``PENDING``; see
  :class:`~generator.handouts.plan.Status`);
- the worker process that lays out, after the pages are served, what the build left
  (:mod:`generator.handouts.preview`);
- the one folder whose stamp asks the server for the next build (``rebuild/`` in the cache
  folder), written one way (:func:`generator.handouts.preview.ask_for_rebuild`): by the worker
  once the handouts are made, and by the session when pages were served a build late.

The states, and what moves a preview between them, are drawn in docs/developing.md.
"""

from __future__ import annotations

import subprocess
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator import cachefiles
from generator.handouts import preview
from generator.handouts.cache import Laid
from generator.mkdocs_plugin.core import LOG, Made, handout_files
from generator.mkdocs_plugin.reuse import PageMemory

if TYPE_CHECKING:  # only for annotations: the live-reload server is imported by `mkdocs serve` alone
    from mkdocs.livereload import LiveReloadServer

#: The folder, in the cache folder, in which a file changes to ask `mkdocs serve` for the next build.
REBUILD = "rebuild"


class Preview:
    """What `mkdocs serve` keeps from one build to the next."""

    def __init__(self) -> None:
        self.memory = PageMemory()
        #: By address, the handouts the last build served: they stand in while they are made again.
        self.served: dict[str, Laid] = {}
        self.worker: subprocess.Popen[bytes] | None = None
        #: This build's navigation (``on_nav``): every page's HTML shows it, so reuse depends on it.
        self.nav: Navigation | None = None
        #: Where a stamp asks for the next build (in the cache folder: none without one).
        self.rebuild: Path | None = None

    def begin(self) -> dict[str, Laid]:
        """A build with data starts: the worker's handouts may be out of date (this build says which
        are wanted), so it stops; the handouts that stand in meanwhile."""
        preview.stop(self.worker)
        self.worker = None
        return self.served

    def built(self, made: Made) -> None:
        """The build has rendered everything: remember the handouts it serves."""
        self.served = {h.path: Laid(h.content, h.pages) for h in handout_files(made.build) if h.served}
        self.rebuild = None if made.cache_folder is None else made.cache_folder / REBUILD

    def files(self, files: Files, made: Made, pending: Collection[str]) -> None:
        """MkDocs has every file (``on_files``): the pages that may be reused are this build's
        generated ones; ``pending``, the handouts still being made, which no page links yet."""
        build = made.build
        late = build.edition_copies if self.rebuild is not None else ()  # (no folder: no asking again)
        self.memory.start(files, build.pages, build.outputs.keys() | pending, build.renderer.abbreviations(), late)

    def env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        """Every page's title is known (``on_env``): which pages keep the HTML they had."""
        if self.nav is not None:
            self.memory.shared(config, self.nav, files)
            self.memory.loader(env)

    def served_pages(self, made: Made) -> None:
        """The pages are written (``on_post_build``): keep them, then make the handouts the build lacks."""
        self.memory.finish(succeeded=True)
        LOG.info("Pages: %d rendered, %d unchanged since the last build", *self.memory.last_counts)
        if self.memory.last_late and self.rebuild is not None:
            LOG.info("Pages: %d at the edition's address follow in the next build", len(self.memory.last_late))
            preview.ask_for_rebuild(self.rebuild, "pages a build late")
        handouts = made.handouts
        if handouts is not None and handouts.pending and self.rebuild is not None:
            self.worker = preview.start(handouts.store, handouts.pending, self.rebuild)

    def watch(self, server: LiveReloadServer) -> None:
        """Let a stamp in the rebuild folder start the next build."""
        if self.rebuild is None:
            return
        try:
            self.rebuild.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # the page reloads at the next save instead
            cachefiles.unusable(self.rebuild.parent, error)
            return
        server.watch(str(self.rebuild))

    def close(self) -> None:
        preview.stop(self.worker)
        self.worker = None
