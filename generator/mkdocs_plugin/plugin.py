"""The MkDocs plugin: a thin layer over the engine-agnostic core.

Each hook hands over to a pure function: the data is loaded and checked in
``on_config`` (so bad data fails before MkDocs touches ``site/``), the
rendered pages are added in ``on_files``, and the data folder is watched by
``mkdocs serve``.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import cachefiles, staging, urls
from generator.build import Build, build, theme_values
from generator.cachefiles import TemplateCache
from generator.data.problems import DataError
from generator.deploy.nginx import write_host_files
from generator.deploy.rules import UnknownScript, fingerprint
from generator.environment import EnvironmentProblem, cannot_write, pinned_date, settle_source_date
from generator.handouts import preview
from generator.handouts.cache import HandoutCache, Laid
from generator.handouts.plan import HandoutFile, PdfError
from generator.mkdocs_plugin.config import CompactConfig
from generator.mkdocs_plugin.reuse import PageMemory
from generator.mkdocs_plugin.search_words import move_search_words
from generator.model import load_checked

#: The folder, in the cache folder, that asks `mkdocs serve` for the next build (pages a build late).
FOLLOW_UP = "pages.late"

if TYPE_CHECKING:  # only for annotations: the live-reload server is imported by `mkdocs serve` alone
    from mkdocs.livereload import LiveReloadServer


class CompactPlugin(BasePlugin[CompactConfig]):
    def __init__(self) -> None:
        #: The rendered pages and the non-page outputs (handouts, open data), added
        #: as generated files so that links to them are checked like any other link.
        self.build: Build | None = None
        #: Generated pages the navigation does not list (commitment pages, and theme
        #: pages beyond the navigation's limit): MkDocs must not warn about them.
        self.not_in_nav: set[str] = set()
        #: Whether builds go to a staging folder first (not for `mkdocs serve`).
        self.stage = False
        #: The real site folder while a staged build runs.
        self.site_dir: str | None = None
        self.mkdocs_config: MkDocsConfig | None = None
        #: The date every page reports (sitemap lastmod), so that builds are reproducible.
        self.page_date: str | None = None
        #: The site's own CSS and JS under names that change with their content: {path: bytes}.
        self.fingerprinted: dict[str, bytes] = {}
        #: Held from staging to swap: one build of a site at a time.
        self.lock: staging.BuildLock | None = None
        #: `mkdocs serve`: handouts are laid out after the pages are served, by ``worker``.
        self.serving = False
        self.cache: HandoutCache | None = None
        #: Compiled templates kept between builds: ours and the theme's.
        self.templates: jinja2.BytecodeCache | None = None
        #: The folder of everything kept between builds (the plugin's cache_dir), if any.
        self.cache_folder: Path | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        #: `mkdocs serve`: the last rebuild's pages, so that the next renders only those its edit changed.
        self.memory: PageMemory | None = None
        #: `mkdocs serve`: the handouts the last build served, by path, to stand in while they are made again.
        self.served: dict[str, Laid] = {}
        #: This build's navigation (``on_nav``): every page's HTML shows it, so reuse depends on it.
        self.nav: Navigation | None = None
        #: The generated pages' paths (once MkDocs holds their Markdown, the build does not).
        self.generated_pages: frozenset[str] = frozenset()

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return Path(config.config_file_path).parent / option

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` rebuilds into its own temporary folder; a dirty build keeps old files.
        self.stage = command in ("build", "gh-deploy") and not dirty
        self.serving = command == "serve"
        self.memory = PageMemory() if self.serving else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        if self.stage:  # first, even before the data is read: what a killed swap left is put right
            self._take_site(Path(config.site_dir))
        try:
            settle_source_date()
        except EnvironmentProblem as problem:
            raise PluginError(str(problem)) from None
        if not config.site_url:
            raise PluginError("mkdocs.yml must set site_url, the site's public address (it is in every permalink)")
        try:
            checked = load_checked(self._path(config, self.config.data_dir), display_root=root)
        except DataError as error:
            raise PluginError(error.report()) from None
        compact = checked.compact
        # INFO, not WARNING: a warning about the data is the editor's to put right, and must not fail
        # `mkdocs build --strict` (which counts MkDocs' warnings); `generator check` shows them too.
        for warning in checked.warnings:
            logging.getLogger("mkdocs.plugins.compact").info("%s", warning)
        if compact.source is None:
            logging.getLogger("mkdocs.plugins.compact").info(
                "%s has no source text in compact.yaml: its official text is unchecked", compact.label
            )
        templates = [self._path(config, self.config.templates_dir)]
        preview.stop(self.worker)  # its handouts may be out of date: this build says which are wanted
        self.worker = None
        cache, self.templates, self.cache_folder = None, None, None
        if self.config.cache_dir:
            folder = self.cache_folder = self._path(config, self.config.cache_dir)
            cache = HandoutCache(folder / "handouts", defer=self.serving, earlier=self.served)
            self.templates = TemplateCache(folder / "templates")
            cachefiles.tell_once(logging.getLogger("mkdocs.plugins.compact").info)  # INFO: --strict still passes
        self.cache = cache
        try:
            self.build = build(compact, urls.Site(config.site_url), templates, pdf=self.config.pdf, cache=cache,
                               templates=self.templates,
                               open_data_cache=None if self.cache_folder is None else self.cache_folder / "open-data")
        except jinja2.TemplateError as error:  # a template's mistake: say where, not a traceback
            raise PluginError(f"cannot render the Compact's pages: {_describe(error)}") from None
        except PdfError as error:  # the PDF settings or fonts
            raise PluginError(f"cannot make the PDF handouts: {error}") from None
        if self.serving:
            self.served = {h.path: Laid(h.content, h.pages) for h in self._handout_files() if not h.pending}
        if cache is not None and self.config.pdf:
            logging.getLogger("mkdocs.plugins.compact").info(
                "Handouts: %d laid out, %d reused from %s", len(cache.laid_out), len(cache.reused), cache.directory
            )
            if cache.pending:
                logging.getLogger("mkdocs.plugins.compact").info(
                    "Handouts: %d being made after the pages are served", len(cache.pending)
                )
        # The document's facts for the theme's own templates (the page head, the footer, the 404 page).
        shown = theme_values(compact)
        config.site_name = config.site_name or shown.site_name
        config.site_description = config.site_description or shown.site_description
        config.copyright = config.copyright or shown.copyright
        config.extra["compact"] = shown.compact
        if self.config.nav and not config.nav:
            config.nav = self.build.navigation(Path(config.docs_dir))
            self.not_in_nav = set(self.build.not_in_nav(config.nav))
        self.page_date = pinned_date(compact.year)
        self._fingerprint_assets(config)
        if self.stage:  # last: from here on, MkDocs writes to the staging folder
            self.site_dir, self.mkdocs_config = config.site_dir, config
            config.site_dir = str(staging.staging_dir(Path(config.site_dir)))
        return config

    def _take_site(self, site: Path) -> None:
        """The lock on ``site`` (held until the swap), a killed swap undone or finished, the checks."""
        self.lock = staging.BuildLock(site)
        try:
            self.lock.acquire(say=logging.getLogger("mkdocs.plugins.compact").info)
            staging.start(site)
        except (staging.StagingError, OSError) as error:
            self._release()
            raise PluginError(_sentence(error, site)) from None

    def _fingerprint_assets(self, config: MkDocsConfig) -> None:
        """Point the pages at copies of the site's own CSS and JS named by their content."""
        docs = Path(config.docs_dir)
        self.fingerprinted = {}

        def renamed(path: str) -> str:
            source = docs / path
            if "://" in path or not source.is_file():
                return path
            content = source.read_bytes()
            name = fingerprint(path, content)
            self.fingerprinted[name] = content
            return name

        config.extra_css = [renamed(path) for path in config.extra_css]
        scripts: list[ExtraScriptValue | str] = []
        for script in config.extra_javascript:
            if isinstance(script, str):
                scripts.append(renamed(script))
            else:
                script.path = renamed(script.path)
                scripts.append(script)
        config.extra_javascript = scripts

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.build is not None
        clashes = [path for path in self.build.pages if files.get_file_from_path(path) is not None]
        if clashes:
            raise PluginError(
                "these pages are generated from compact_data/ but also exist in "
                f"{config.docs_dir}: {', '.join(sorted(clashes))}; remove the hand-written copies"
            )
        for path, markdown in self.build.pages.items():
            inclusion = InclusionLevel.NOT_IN_NAV if path in self.not_in_nav else InclusionLevel.UNDEFINED
            files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
        for path, content in self.build.outputs.items():
            files.append(File.generated(config, path, content=content))
        for path, content in self.fingerprinted.items():
            files.append(File.generated(config, path, content=content))
        self._check_published(files, config)
        self._check_printed(files)
        if self.memory is not None:
            late = self.build.edition_copies if self.cache_folder is not None else ()  # (no folder: no asking again)
            self.memory.start(files, self.build.pages, self.build.outputs.keys() | self._pending_paths(),
                              self.build.renderer.abbreviations(), late)
        self.generated_pages = frozenset(self.build.pages)
        self.build = self.build.handed_over()
        return files

    def _check_printed(self, files: Files) -> None:
        """Every address the Compact prints about this site is served, by the page it names."""
        assert self.build is not None
        compact = self.build.compact
        problems = []
        for address in compact.printed_addresses:
            target = urls.printed_target(address, compact)
            if files.get_file_from_path(target) is None or files.get_file_from_path(urls.printed_page(address)) is None:
                problems.append(
                    f"{address.where}: the Compact prints the address '{address.text}', but this build does not "
                    f"serve it: there is no page '{target}' (add it to the docs folder, or name another page)"
                )
        if problems:
            raise PluginError("\n".join(problems))

    def _check_published(self, files: Files, config: MkDocsConfig) -> None:
        """Every address the site has published is still served (the 404 page aside, pages and files)."""
        manifest = self._path(config, self.config.published_urls)
        if not manifest.is_file():
            return
        served = {"" if f.url in ("", "./") else f.url for f in files} | self._pending_paths()
        missing = urls.unserved(urls.read_manifest(manifest.read_text(encoding="utf-8")), served, pdf=self.config.pdf)
        if missing:
            raise PluginError(
                f"{len(missing)} published address(es) in {self.config.published_urls} would no longer be served: "
                + ", ".join(missing)
            )

    def _pending_paths(self) -> set[str]:
        """Handouts a preview is still making: served once made (the build after it reloads)."""
        return {h.path for h in self._handout_files() if h.pending}

    def _handout_files(self) -> list[HandoutFile]:
        """Every handout of this build, at the current and the edition addresses."""
        if self.build is None:
            return []
        renderer = self.build.renderer
        every = [renderer.downloads, *(scope.downloads for scope in renderer.editions)]
        return [h for downloads in every for h in downloads.handouts]

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.templates is not None:  # the theme's templates too: compiling them is much of a build
            env.bytecode_cache = self.templates
        if self.memory is not None and self.nav is not None:
            self.memory.shared(config, self.nav, files)
            self.memory.loader(env)
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.page_date is not None:
            page.update_date = self.page_date
        return page

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        if page.file.src_uri in self.generated_pages:  # read: the page holds its Markdown, the file need not
            page.file.content_string = ""
        if self.memory is None:
            return self.build.page_markdown(markdown)
        return self.memory.markdown(page, markdown, self.build.page_markdown)

    def _reuse_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return html if self.memory is None else self.memory.content(page, html, files)

    @event_priority(-100)  # last: every plugin has seen the Markdown
    def _let_go_of_markdown(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A rendered generated page's Markdown is needed no more, though MkDocs keeps every page until
        the build ends: at 100x it is a fifth of the peak memory. (Empty, not None: the title stays.)"""
        if page.file.src_uri in self.generated_pages:
            page.markdown = ""
        return html

    on_page_content = CombinedEvent(_reuse_content, _let_go_of_markdown)

    @event_priority(100)  # first: the page as the theme made it, before any plugin changes it
    def _remember_output(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.memory is not None:
            self.memory.output(page, output)
        return output

    @event_priority(-100)  # last: every plugin has seen the page
    def _let_go_of_content(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A written generated page's HTML body is needed no more (the search index has its text)."""
        if page.file.src_uri in self.generated_pages:
            page.content = ""
        return output

    on_post_page = CombinedEvent(_remember_output, _let_go_of_content)

    @event_priority(-100)  # after every other plugin's post-build work (the search index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.memory is not None:
            self.memory.finish(succeeded=True)
            logging.getLogger("mkdocs.plugins.compact").info(
                "Pages: %d rendered, %d unchanged since the last build", *self.memory.last_counts)
            if self.memory.last_late and self.cache_folder is not None:
                logging.getLogger("mkdocs.plugins.compact").info(
                    "Pages: %d at the edition's address follow in the next build", len(self.memory.last_late))
                _ask_again(self.cache_folder / FOLLOW_UP)
        if self.serving and self.cache is not None and self.cache.pending:  # the pages are served: now the PDFs
            self.worker = preview.start(self.cache, self.cache.pending)
        move_search_words(Path(config.site_dir))  # Material's index is written: readers' words to their field
        if self.site_dir is None:
            return
        if config.strict and _warnings_counted():
            return  # MkDocs aborts the build next; on_build_error throws the staging folder away
        self._write_host_files(Path(config.site_dir))
        site = Path(self.site_dir)
        try:
            staging.swap_in(site)
        except OSError as error:
            raise PluginError(f"cannot put the new site in place: {_sentence(error, site)} "
                              "(the next build completes the swap)") from None
        config.site_dir, self.site_dir = self.site_dir, None
        self._release()

    def _write_host_files(self, site: Path) -> None:
        """What a server needs beside the pages: static-host rules and compressed copies."""
        assert self.build is not None
        gzip_cache = None if self.cache_folder is None else self.cache_folder / "gzip"
        try:
            write_host_files(self.build.compact, site, gzip_cache)
        except UnknownScript as error:  # the policy would allow it: no site rather than that one
            raise PluginError(str(error)) from None

    def on_build_error(self, *, error: Exception) -> None:
        if self.memory is not None:
            self.memory.finish(succeeded=False)
        if self.site_dir is not None:
            staging.discard(Path(self.site_dir))
            if self.mkdocs_config is not None:
                self.mkdocs_config.site_dir = self.site_dir
        site, self.site_dir = self.site_dir, None
        self._release()
        if isinstance(error, OSError):  # a full disk, a file-size limit: a sentence, not MkDocs' traceback
            kept = "" if site is None else f"; {site} is unchanged"
            raise PluginError(f"{cannot_write(error, site or '')}{kept}") from None

    def on_shutdown(self) -> None:
        preview.stop(self.worker)
        self.worker = None
        self._release()

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        from generator.mkdocs_plugin import watching  # the server's code: `mkdocs serve` only

        if self.config.watch_events:
            server = watching.sooner(server, builder)
        for option in (self.config.data_dir, self.config.templates_dir):
            path = self._path(config, option)
            if path.exists():
                server.watch(str(path))
        package = Path(__file__).parent.parent
        for templates in (package / "pages" / "templates", package / "handouts" / "templates"):
            server.watch(str(templates))
        stamps = [] if self.cache is None else [preview.stamp_dir(self.cache)]  # handouts made: list them
        if self.cache_folder is not None:  # pages were a build late: build again to render them
            stamps.append(self.cache_folder / FOLLOW_UP)
        for folder in stamps:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:  # the page reloads at the next save instead
                cachefiles.unusable(folder.parent, error)
                continue
            server.watch(str(folder))
        return server


def _ask_again(folder: Path) -> None:
    """Start another `mkdocs serve` build: a file changes in a folder the server watches."""
    stamp = folder / "next"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        count = int(stamp.read_text(encoding="utf-8")) if stamp.is_file() else 0
        stamp.write_text(f"{count + 1}\n", encoding="utf-8")
    except (OSError, ValueError):  # the late pages then wait for the next save
        pass


def _sentence(error: Exception, site: Path) -> str:
    """A staging or file system error as the one sentence the user sees."""
    if isinstance(error, OSError):
        where = error.filename or site
        return f"cannot build into {site}: {error.strerror or error} ({where})"
    return str(error)


def _warnings_counted() -> bool:
    """Whether MkDocs has counted warnings that ``--strict`` turns into a failed build.

    The counter is on the engine's own logger: ``mkdocs``, or ``properdocs`` under ProperDocs,
    whose package stands in for ``mkdocs`` (``import mkdocs`` gives it).
    """
    import mkdocs
    from mkdocs.utils import CountHandler

    handlers = logging.getLogger(mkdocs.__name__).handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def _describe(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    import traceback

    # Jinja2 rewrites tracebacks so a runtime error (an undefined variable under
    # StrictUndefined) has a frame at the template's own file and line.
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{frames[-1].filename}:{frames[-1].lineno}: {type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"
