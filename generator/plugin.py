"""The MkDocs plugin: a thin layer over the engine-agnostic core.

Each hook hands over to a pure function: the data is loaded and checked in
``on_config`` (so bad data fails before MkDocs touches ``site/``), the
rendered pages are added in ``on_files``, and the data folder is watched by
``mkdocs serve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.load import load_compact
from generator.problems import DataError
from generator.render import Renderer


class CompactConfig(base.Config):
    data_dir = c.Type(str, default="compact_data")
    """Folder of the Compact's YAML data, relative to ``mkdocs.yml``."""

    templates_dir = c.Type(str, default="overrides/compact")
    """Folder whose Jinja2 templates override the generator's own, file by file."""

    nav = c.Type(bool, default=True)
    """Build the site's navigation from the data unless ``mkdocs.yml`` sets ``nav:``."""


class CompactPlugin(BasePlugin[CompactConfig]):
    def __init__(self) -> None:
        self.renderer: Renderer | None = None
        self.pages: dict[str, str] = {}
        #: Non-page outputs (handouts, open data), added as generated files so
        #: that links to them are checked like any other link.
        self.outputs: dict[str, bytes] = {}

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return Path(config.config_file_path).parent / option

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
        try:
            self.pages = self.renderer.pages()
        except Exception as error:  # a template error: show where, not a traceback
            raise PluginError(f"cannot render the Compact's pages: {_describe(error)}") from None
        if self.config.nav and not config.nav:
            config.nav = self.renderer.navigation(_hand_written_nav(Path(config.docs_dir)))
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

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        return markdown + "\n\n" + self.renderer.abbreviations()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for option in (self.config.data_dir, self.config.templates_dir):
            path = self._path(config, option)
            if path.exists():
                server.watch(str(path))
        server.watch(str(Path(__file__).parent / "templates"))
        return server


def _hand_written_nav(docs_dir: Path) -> list[tuple[str, str]]:
    """Hand-written pages that belong in the navigation, if they exist."""
    wanted = [
        ("Downloads", "downloads.md"),
        ("Linking to the Compact", "linking.md"),
        ("Accessibility", "accessibility.md"),
    ]
    return [(title, path) for title, path in wanted if (docs_dir / path).is_file()]


def _describe(error: Exception) -> str:
    import jinja2

    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    return f"{type(error).__name__}: {error}"
