"""The MkDocs plugin: MkDocs' hooks, each handing over to the core and to the object of its command.

- ``generator.mkdocs_plugin.core``: what every build does, as functions (the data loaded and
  checked and the whole site rendered in ``on_config``, so that bad data fails before MkDocs
  touches ``site/``; the generated files added and what the site serves checked in ``on_files``);
- ``generator.mkdocs_plugin.safe``: `mkdocs build` (not ``--dirty``) and `mkdocs gh-deploy`
  build into a staging folder under a lock and swap it in only once everything has succeeded;
- ``generator.mkdocs_plugin.session``: `mkdocs serve` keeps pages and handouts between
  rebuilds, makes handouts after the pages are served, and watches the data and templates.

The plugin holds the current build (``made``) and those two objects, each made only for its command.
ProperDocs, which continues MkDocs 1.x, runs it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.environment import cannot_write
from generator.mkdocs_plugin import core
from generator.mkdocs_plugin.config import CompactConfig
from generator.mkdocs_plugin.safe import SafeBuild
from generator.mkdocs_plugin.search_words import move_search_words
from generator.mkdocs_plugin.session import Preview

if TYPE_CHECKING:  # only for annotations: the live-reload server is imported by `mkdocs serve` alone
    from mkdocs.livereload import LiveReloadServer


class CompactPlugin(BasePlugin[CompactConfig]):
    def __init__(self) -> None:
        #: This build's outputs and what MkDocs is told of them (from ``on_config``).
        self.made: core.Made | None = None
        #: `mkdocs build` and `gh-deploy`: the lock and the staging folder.
        self.safe: SafeBuild | None = None
        #: `mkdocs serve`: what the session keeps between rebuilds.
        self.preview: Preview | None = None

    def _made(self) -> core.Made:
        assert self.made is not None, "on_config comes first"
        return self.made

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` rebuilds into its own temporary folder; a dirty build keeps old files.
        self.safe = SafeBuild() if command in ("build", "gh-deploy") and not dirty else None
        self.preview = Preview() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.safe is not None:  # first, even before the data is read: what a killed swap left is put right
            self.safe.begin(Path(config.site_dir))
        compact = core.load(config, self.config)
        stand_ins = None if self.preview is None else self.preview.begin()
        self.made = core.make(compact, config, self.config, stand_ins)
        if self.preview is not None:
            self.preview.built(self.made)
        if self.safe is not None:  # last: from here on, MkDocs writes to the staging folder
            self.safe.stage(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        made = self._made()
        core.add_files(files, config, made)
        pending = made.pending
        core.check_published(files, config, self.config, pending)
        core.check_printed(files, made.build.compact)
        if self.preview is not None:
            self.preview.files(files, made, pending)
        self.made = made.handed_over()
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.preview is not None:
            self.preview.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        made = self._made()
        if made.templates is not None:  # the theme's templates too: compiling them is much of a build
            env.bytecode_cache = made.templates
        if self.preview is not None:
            self.preview.env(env, config, files)
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        date = self._made().page_date
        if date is not None:
            page.update_date = date
        return page

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        made = self._made()
        if page.file.src_uri in made.generated:  # read: the page holds its Markdown, the file need not
            page.file.content_string = ""
        if self.preview is None:
            return made.build.page_markdown(markdown)
        return self.preview.memory.markdown(page, markdown, made.build.page_markdown)

    def _reuse_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return html if self.preview is None else self.preview.memory.content(page, html, files)

    @event_priority(-100)  # last: every plugin has seen the Markdown
    def _let_go_of_markdown(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A rendered generated page's Markdown is needed no more, though MkDocs keeps every page until
        the build ends: at 100x it is a fifth of the peak memory. (Empty, not None: the title stays.)"""
        if page.file.src_uri in self._made().generated:
            page.markdown = ""
        return html

    on_page_content = CombinedEvent(_reuse_content, _let_go_of_markdown)

    @event_priority(100)  # first: the page as the theme made it, before any plugin changes it
    def _remember_output(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.preview is not None:
            self.preview.memory.output(page, output)
        return output

    @event_priority(-100)  # last: every plugin has seen the page
    def _let_go_of_content(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A written generated page's HTML body is needed no more (the search index has its text)."""
        if page.file.src_uri in self._made().generated:
            page.content = ""
        return output

    on_post_page = CombinedEvent(_remember_output, _let_go_of_content)

    @event_priority(-100)  # after every other plugin's post-build work (the search index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        made = self._made()
        if self.preview is not None:  # the pages are served: now the PDFs
            self.preview.served_pages(made)
        move_search_words(Path(config.site_dir))  # Material's index is written: readers' words to their field
        if self.safe is not None:
            self.safe.finish(config, lambda site: core.host_files(made, site))

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.memory.finish(succeeded=False)
        site = None if self.safe is None else self.safe.fail()
        if isinstance(error, OSError):  # a full disk, a file-size limit: a sentence, not MkDocs' traceback
            kept = "" if site is None else f"; {site} is unchanged"
            raise PluginError(f"{cannot_write(error, site or '')}{kept}") from None

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.close()
        if self.safe is not None:
            self.safe.close()

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        from generator.mkdocs_plugin import watching  # the server's code: `mkdocs serve` only

        if self.config.watch_events:
            server = watching.sooner(server, builder)
        for path in core.watched(config, self.config):
            server.watch(str(path))
        if self.preview is not None:  # a stamp (handouts made, pages a build late) builds again
            self.preview.watch(server)
        return server
