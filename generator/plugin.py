"""The MkDocs plugin: a thin layer over the engine-agnostic core.

Each hook hands over to a pure function: the data is loaded and checked in
``on_config`` (so bad data fails before MkDocs touches ``site/``), the
rendered pages are added in ``on_files``, and the data folder is watched by
``mkdocs serve``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import staging
from generator.handouts import Downloads, build_all
from generator.load import load_compact
from generator.open_data import open_data_files
from generator.problems import DataError
from generator.render import Renderer


class CompactConfig(base.Config):
    data_dir = c.Type(str, default="compact_data")
    """Folder of the Compact's YAML data, relative to ``mkdocs.yml``."""

    templates_dir = c.Type(str, default="overrides/compact")
    """Folder whose Jinja2 templates override the generator's own, file by file."""

    nav = c.Type(bool, default=True)
    """Build the site's navigation from the data unless ``mkdocs.yml`` sets ``nav:``."""

    pdf = c.Type(bool, default=True)
    """Build the printable PDF handouts (a few seconds); turn off for quick ``mkdocs serve`` work."""


class CompactPlugin(BasePlugin[CompactConfig]):
    def __init__(self) -> None:
        self.renderer: Renderer | None = None
        self.pages: dict[str, str] = {}
        #: Non-page outputs (handouts, open data), added as generated files so
        #: that links to them are checked like any other link.
        self.outputs: dict[str, bytes] = {}
        #: Whether builds go to a staging folder first (not for `mkdocs serve`).
        self.stage = False
        #: The real site folder while a staged build runs.
        self.site_dir: str | None = None
        self.mkdocs_config: MkDocsConfig | None = None
        #: The date every page reports (sitemap lastmod), so that builds are reproducible.
        self.page_date: str | None = None

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return Path(config.config_file_path).parent / option

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` rebuilds into its own temporary folder; a dirty build keeps old files.
        self.stage = command in ("build", "gh-deploy") and not dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            compact = load_compact(self._path(config, self.config.data_dir), display_root=root)
        except DataError as error:
            raise PluginError(error.report()) from None
        self.renderer = Renderer(
            compact,
            site_url=config.site_url or "https://www.bristolcompact.org.uk/",
            override_dirs=[self._path(config, self.config.templates_dir)],
        )
        self.outputs.update(open_data_files(compact, self.renderer.site_url))
        try:
            # Handouts before pages: the pages list them with their page counts and sizes.
            templates = [self._path(config, self.config.templates_dir)]
            handouts = build_all(self.renderer, override_dirs=templates) if self.config.pdf else []
            self.outputs.update({h.path: h.content for h in handouts})
            self.renderer.downloads = Downloads.from_outputs(handouts, self.outputs)
            self.pages = self.renderer.pages()
        except Exception as error:  # a template error: show where, not a traceback
            raise PluginError(f"cannot render the Compact's pages: {_describe(error)}") from None
        if self.config.nav and not config.nav:
            config.nav = self.renderer.navigation(_hand_written_nav(Path(config.docs_dir)))
        self.page_date = staging.pinned_date(compact.edition)
        if self.stage:  # last: from here on, MkDocs writes to the staging folder
            self.site_dir, self.mkdocs_config = config.site_dir, config
            config.site_dir = str(staging.start(Path(config.site_dir)))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        clashes = [path for path in self.pages if files.get_file_from_path(path) is not None]
        if clashes:
            raise PluginError(
                "these pages are generated from compact_data/ but also exist in "
                f"{config.docs_dir}: {', '.join(sorted(clashes))}; remove the hand-written copies"
            )
        for path, markdown in self.pages.items():
            files.append(File.generated(config, path, content=markdown))
        for path, content in self.outputs.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.page_date is not None:
            page.update_date = self.page_date
        return page

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        return markdown + "\n\n" + self.renderer.abbreviations(markdown)

    @event_priority(-100)  # after every other plugin's post-build work (the search index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site_dir is None:
            return
        if config.strict and _warnings_counted():
            return  # MkDocs aborts the build next; on_build_error throws the staging folder away
        staging.swap_in(Path(self.site_dir))
        config.site_dir, self.site_dir = self.site_dir, None

    def on_build_error(self, *, error: Exception) -> None:
        if self.site_dir is None:
            return
        staging.discard(Path(self.site_dir))
        if self.mkdocs_config is not None:
            self.mkdocs_config.site_dir = self.site_dir
        self.site_dir = None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for option in (self.config.data_dir, self.config.templates_dir):
            path = self._path(config, option)
            if path.exists():
                server.watch(str(path))
        server.watch(str(Path(__file__).parent / "templates"))
        return server


def _warnings_counted() -> bool:
    """Whether MkDocs has counted warnings that ``--strict`` turns into a failed build."""
    from mkdocs.utils import CountHandler

    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def _hand_written_nav(docs_dir: Path) -> list[tuple[str, str]]:
    """Hand-written pages that belong in the navigation, if they exist."""
    wanted = [
        ("Linking to the Compact", "linking.md"),
        ("Accessibility", "accessibility.md"),
    ]
    return [(title, path) for title, path in wanted if (docs_dir / path).is_file()]


def _describe(error: Exception) -> str:
    import jinja2

    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    import traceback

    # Jinja2 rewrites tracebacks so a runtime error (an undefined variable under
    # StrictUndefined) has a frame at the template's own file and line.
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{frames[-1].filename}:{frames[-1].lineno}: {type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"
