"""`mkdocs serve`: a rebuild reuses what the last one made of the pages an edit did not change.

MkDocs renders every page again on every change, yet an edit to one commitment changes only the
handful of pages that show it: most of a rebuild (the Markdown, then the theme's templates) would
make the same HTML again. What a generated page becomes depends only on

- its own Markdown and front matter, which hold every fact the generator put in it (the handouts
  it links, or says are still being made, included), and the pages and static files its links
  are resolved against: its *content* key;
- that content and what every page shares (the navigation with its titles, the configuration,
  the theme's templates): its *page* key.

A page whose keys are the last successful build's takes its HTML, table of contents and anchors
from that build. A page that may be *late* (the copies of the current pages at the current
edition's own address) keeps its last content for one build even if its Markdown changed, so that
the edited page is served sooner; the preview then asks for the next build at once, which renders
it (a page is never late two builds running): rendering the eight or so copies with the rest took
the edit from about 0.8 s to about 1.0 s in the benchmark (benchmarks/RESULTS.md). Hand-written
pages are always rendered (their links may name any generated file), and nothing is kept from a
build that logged a warning, so a warning shows again until it is mended. The reused bytes are the
bytes a full rebuild writes (tests/site/test_serve_reuse.py).

The hooks call it in MkDocs' order: ``start`` (``on_files``), then for every page ``markdown``
(``on_page_markdown``) and ``content`` (``on_page_content``), then ``shared`` and ``loader``
(``on_env``, once every page's title is known), ``output`` for every page (``on_post_page``), and
``finish`` (``on_post_build`` or ``on_build_error``). A reused page is "rendered" with
``REUSED_TEMPLATE``, its HTML carried in its front matter (``REUSED_HTML``); MkDocs' own
``present_anchor_ids`` and ``links_to_anchors`` on the page are restored, so that its anchors and
links are checked as in a full build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

#: The template a reused page is "rendered" with: the HTML it had, as it was.
REUSED_TEMPLATE = "compact-reused-page.html"
TEMPLATES = Path(__file__).parent / "templates"
#: The front matter entry that carries a reused page's HTML to that template.
REUSED_HTML = "compact_reused_html"


@dataclass(frozen=True)
class Rendered:
    """What one build made of one page, under the keys of what it was made from."""

    content_key: str
    content: str
    toc: TableOfContents
    anchors: frozenset[str]
    #: Links to anchors on other pages (MkDocs checks them once all pages are rendered), by page.
    links: dict[str, dict[str, str]]
    page_key: str = ""
    html: str = ""


class _Warnings(logging.Handler):
    """Counts what MkDocs and its plugins warn about during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageMemory:
    """The pages of the last successful serve build, and which of them this build reuses."""

    def __init__(self) -> None:
        #: By page source path: the last successful build's pages.
        self.kept: dict[str, Rendered] = {}
        #: This build's pages, kept once it ends without a warning.
        self.made: dict[str, Rendered] = {}
        self.generated: frozenset[str] = frozenset()
        self.files_key = ""
        self.site_key = ""
        self.content_keys: dict[str, str] = {}
        self.reused_content: set[str] = set()
        self.reused_html: set[str] = set()
        #: Pages this build may serve as they were (``start``'s ``late``), and those it did.
        self.may_be_late: frozenset[str] = frozenset()
        self.late: set[str] = set()
        #: The pages the last build served as they were: the next build renders them.
        self.last_late: frozenset[str] = frozenset()
        self._warnings: _Warnings | None = None
        #: The generated pages the last build rendered (the others it reused).
        self.last_rendered: frozenset[str] = frozenset()

    @property
    def last_counts(self) -> tuple[int, int]:
        """Of the generated pages, how many the last build rendered, and how many it reused."""
        return len(self.last_rendered), len(self.generated) - len(self.last_rendered)

    def start(
        self, files: Files, generated: Iterable[str], outputs: Collection[str], additions: str,
        late: Collection[str] = (),
    ) -> None:
        """A new build (``on_files``): ``generated`` are the pages that may be reused; ``outputs``
        the generated files (handouts, open data), which a page's Markdown links only if they exist;
        ``additions``, what a page's Markdown may have added before it is rendered (the glossary);
        ``late``, the pages that may keep their last content for this one build."""
        self.finish(succeeded=False)
        self.generated = frozenset(generated)
        self.may_be_late = frozenset() if self.last_late else frozenset(late)
        pages = sorted((f.src_uri, f.dest_uri) for f in files if f.src_uri not in outputs)
        self.files_key = _digest([pages, additions])
        self._warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self._warnings)

    def markdown(self, page: Page, markdown: str, complete: Callable[[str], str]) -> str:
        """The Markdown to render (``on_page_markdown``): none if the page's content is reused, else
        ``complete(markdown)`` (what ``start``'s ``additions`` may add to it)."""
        source = page.file.src_uri
        if source not in self.generated or "title" not in page.meta:  # a title from its heading: render it
            return complete(markdown)
        key = self.content_keys[source] = _digest([self.files_key, markdown, _canonical(page.meta)])
        kept = self.kept.get(source)
        if kept is not None and kept.content_key != key and source in self.may_be_late:
            key = self.content_keys[source] = kept.content_key  # its last content: the next build renders it
            self.late.add(source)
        if kept is not None and kept.content_key == key:
            self.reused_content.add(source)
            return ""
        return complete(markdown)

    def content(self, page: Page, html: str, files: Files) -> str:
        """The page's HTML (``on_page_content``): its kept content and anchors, if reused."""
        source = page.file.src_uri
        key = self.content_keys.get(source)
        if key is None:
            return html
        if source in self.reused_content:
            kept = self.kept[source]
            html, page.toc = kept.content, kept.toc
            page.present_anchor_ids = set(kept.anchors)
            page.links_to_anchors = {
                target: dict(links) for uri, links in kept.links.items() if (target := files.get_file_from_path(uri))
            }
        links = {target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()}
        self.made[source] = Rendered(key, html, page.toc, frozenset(page.present_anchor_ids or ()), links)
        return html

    def shared(self, config: MkDocsConfig, nav: Navigation, files: Files) -> None:
        """What every page's HTML depends on (``on_env``: every title is known by now); then which
        pages keep the HTML they had."""
        self.site_key = _digest([_outline(nav.items), _canonical(_config_outline(config)), _templates(config)])
        for file in files.documentation_pages():
            page = file.page
            source = file.src_uri
            kept = self.kept.get(source)
            if page is None or source not in self.reused_content or kept is None:
                continue
            if kept.page_key == self._page_key(page, self.content_keys[source]):
                page.meta.update({"template": REUSED_TEMPLATE, REUSED_HTML: kept.html})
                self.reused_html.add(source)

    def loader(self, env: jinja2.Environment) -> None:
        """Let the theme's templates find the one a reused page is "rendered" with."""
        if env.loader is not None:
            env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), env.loader])

    def output(self, page: Page, html: str) -> None:
        """The page's HTML before any plugin's ``on_post_page`` changes it (so, reused, they run again alike)."""
        source = page.file.src_uri
        made = self.made.get(source)
        if made is not None:
            self.made[source] = replace(made, page_key=self._page_key(page, made.content_key), html=html)

    def finish(self, *, succeeded: bool) -> None:
        """The build is over: keep its pages if it succeeded without a warning."""
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            if succeeded and self._warnings.count == 0:
                self.kept = {source: made for source, made in self.made.items() if made.page_key}
            self.last_rendered = self.generated - self.reused_html
            self.last_late = frozenset(self.late)
        self._warnings = None
        self.made, self.content_keys = {}, {}
        self.reused_content, self.reused_html, self.late = set(), set(), set()

    def _page_key(self, page: Page, content_key: str) -> str:
        return _digest([self.site_key, content_key, page.title or "", page.url, page.update_date])


def _digest(parts: object) -> str:
    return hashlib.sha256(_canonical(parts).encode("utf-8")).hexdigest()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def _outline(items: Iterable[StructureItem]) -> list[Any]:
    """The navigation as every page's menu shows it: titles, addresses and nesting."""
    outline: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            outline.append(["section", item.title, _outline(item.children)])
        elif isinstance(item, Page):
            outline.append(["page", item.title, item.url])
        elif isinstance(item, Link):
            outline.append(["link", item.title, item.url])
    return outline


#: The settings the theme's templates read (the rest only steer the build).
_SETTINGS = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
    "edit_uri", "edit_uri_template", "extra", "extra_css", "extra_javascript", "use_directory_urls",
    "markdown_extensions", "mdx_configs",
)


def _config_outline(config: MkDocsConfig) -> dict[str, Any]:
    theme = config.theme
    return {
        **{name: config.get(name) for name in _SETTINGS},
        "theme": {"name": theme.name, "dirs": theme.dirs, "locale": str(theme.locale),
                  **{key: theme[key] for key in theme}},
    }


def _templates(config: MkDocsConfig) -> list[Any]:
    """The theme's own version and the project's template overrides as they are on disk now."""
    found: list[Any] = [version("mkdocs-material"), version("mkdocs")]
    if config.theme.custom_dir:
        overrides = Path(config.theme.custom_dir)
        for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
            status = path.stat()
            found.append([path.relative_to(overrides).as_posix(), status.st_mtime_ns, status.st_size])
    return found

