"""What the plugin's hooks do, as functions of what MkDocs hands them.

Each hook of :class:`~generator.mkdocs_plugin.plugin.CompactPlugin` calls these (and, under
``mkdocs build`` or ``mkdocs serve``, the object for that command) and nothing else. They load
and check the data and run the engine-agnostic pipeline (:func:`generator.build.build`) in
``on_config``, so that bad data fails before MkDocs touches ``site/``; they tell MkDocs of the
generated files and check what the site serves in ``on_files``; and they write the host files
beside a finished site. A problem is one sentence, as MkDocs' ``PluginError``.
"""

from __future__ import annotations

import datetime
import logging
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from generator import cachefiles, urls
from generator.build import Build, build, clashes, theme_values, unserved_printed, unserved_published
from generator.cachefiles import TemplateCache
from generator.data.problems import DataError
from generator.deploy.nginx import write_host_files
from generator.deploy.rules import Fingerprinter, UnknownScript
from generator.environment import EnvironmentProblem, last_updated, pinned_date, settle_source_date
from generator.handouts.cache import CacheUse, HandoutCache, Laid
from generator.handouts.plan import HandoutFile, PdfError
from generator.mkdocs_plugin.config import CompactConfig
from generator.model import Compact, load_checked

#: INFO, not WARNING: what the plugin says must not fail `mkdocs build --strict` (which counts warnings).
LOG = logging.getLogger("mkdocs.plugins.compact")


@dataclass(frozen=True)
class Made:
    """One build's outputs and what MkDocs is told of them."""

    #: The rendered pages and the other outputs (handouts, open data), added as generated files
    #: so that links to them are checked like any other link.
    build: Build
    #: The generated pages' paths (once MkDocs holds their Markdown, the build does not).
    generated: frozenset[str]
    #: Generated pages the navigation does not list: MkDocs must not warn about them.
    not_in_nav: frozenset[str]
    #: The site's own CSS and JS under names that change with their content: {path: bytes}.
    assets: dict[str, bytes]
    #: The date every page reports (sitemap lastmod), so that builds are reproducible.
    page_date: str | None
    #: The folder of everything kept between builds (the plugin's ``cache_dir``), if any.
    cache_folder: Path | None
    #: Compiled templates kept between builds: ours and the theme's.
    templates: TemplateCache | None
    #: This build's use of the handout cache (what it reused, laid out, left to a worker).
    handouts: CacheUse | None

    def handed_over(self) -> Made:
        """Once MkDocs holds the pages' Markdown: the same without it (see ``Build.handed_over``)."""
        return replace(self, build=self.build.handed_over())

    @property
    def pending(self) -> set[str]:
        """Handouts a preview is still making: served once made (the build after it reloads)."""
        return {h.path for h in handout_files(self.build) if not h.served}


def make(compact: Compact, config: MkDocsConfig, options: CompactConfig, stand_ins: dict[str, Laid] | None) -> Made:
    """Render everything and tell ``config`` what the theme shows of it (``stand_ins``: a
    preview's build, which leaves the handouts to a worker)."""
    folder = option_path(config, options.cache_dir) if options.cache_dir else None
    if folder is not None:
        cachefiles.tell_once(LOG.info)
    handouts = None if folder is None else CacheUse(HandoutCache(folder / "handouts"), stand_ins)
    templates = None if folder is None else TemplateCache(folder / "templates")
    made = render(compact, config, options, handouts, templates,
                  None if folder is None else folder / "open-data")
    report(handouts, pdf=options.pdf)
    updated = last_updated(option_path(config, options.data_dir), Path(config.docs_dir))
    return Made(made, frozenset(made.pages), configure(config, made, options, updated), fingerprint_assets(config),
                pinned_date(compact.year, updated=updated), folder, templates, handouts)


def option_path(config: MkDocsConfig, option: str) -> Path:
    """An option's folder or file, relative to ``mkdocs.yml``."""
    return Path(config.config_file_path).parent / option


def public_site(config: MkDocsConfig) -> urls.Site:
    """The site's public address, which is in every permalink."""
    if not config.site_url:
        raise PluginError("mkdocs.yml must set site_url, the site's public address (it is in every permalink)")
    return urls.Site(config.site_url)


def load(config: MkDocsConfig, options: CompactConfig) -> Compact:
    """The checked data, its warnings said (INFO: they are the editor's, and ``generator check`` shows them)."""
    try:
        settle_source_date()
    except EnvironmentProblem as problem:
        raise PluginError(str(problem)) from None
    public_site(config)
    try:
        checked = load_checked(option_path(config, options.data_dir),
                               display_root=Path(config.config_file_path).parent)
    except DataError as error:
        raise PluginError(error.report()) from None
    for warning in checked.warnings:
        LOG.info("%s", warning)
    if checked.compact.source is None:
        LOG.info("%s has no source text in compact.yaml: its official text is unchecked", checked.compact.label)
    return checked.compact


def render(
    compact: Compact, config: MkDocsConfig, options: CompactConfig, handouts: CacheUse | None,
    templates: TemplateCache | None, open_data: Path | None,
) -> Build:
    """Every output of the pipeline; a template's or the PDFs' mistake as one sentence."""
    try:
        return build(compact, public_site(config), [option_path(config, options.templates_dir)],
                     pdf=options.pdf, cache=handouts, templates=templates, open_data_cache=open_data)
    except jinja2.TemplateError as error:  # a template's mistake: say where, not a traceback
        raise PluginError(f"cannot render the Compact's pages: {_describe(error)}") from None
    except PdfError as error:  # the PDF settings or fonts
        raise PluginError(f"cannot make the PDF handouts: {error}") from None


def report(handouts: CacheUse | None, *, pdf: bool) -> None:
    """Say what the build did with the handout cache."""
    if handouts is None or not pdf:
        return
    LOG.info("Handouts: %d laid out, %d reused from %s", len(handouts.laid_out), len(handouts.reused),
             handouts.store.directory)
    if handouts.pending:
        LOG.info("Handouts: %d being made after the pages are served", len(handouts.pending))


def configure(
    config: MkDocsConfig, made: Build, options: CompactConfig, updated: datetime.date | None
) -> frozenset[str]:
    """The document's facts for the theme's own templates (the page head, the footer, the 404 page,
    the date the pages last changed) and, unless ``mkdocs.yml`` has one, the navigation; the generated
    pages it does not list."""
    shown = theme_values(made.compact, updated)
    config.site_name = config.site_name or shown.site_name
    config.site_description = config.site_description or shown.site_description
    config.copyright = config.copyright or shown.copyright
    config.extra["compact"] = shown.compact
    if not (options.nav and not config.nav):
        return frozenset()
    config.nav = made.navigation(Path(config.docs_dir))
    return frozenset(made.not_in_nav(config.nav))


def fingerprint_assets(config: MkDocsConfig) -> dict[str, bytes]:
    """Point the pages at copies of the site's own CSS and JS named by their content: the copies."""
    docs = Path(config.docs_dir)
    renamed = Fingerprinter(lambda path: (docs / path).read_bytes() if (docs / path).is_file() else None)
    config.extra_css = [renamed(path) for path in config.extra_css]
    scripts: list[ExtraScriptValue | str] = []
    for script in config.extra_javascript:
        if isinstance(script, str):
            scripts.append(renamed(script))
        else:
            script.path = renamed(script.path)
            scripts.append(script)
    config.extra_javascript = scripts
    return renamed.copies


def add_files(files: Files, config: MkDocsConfig, made: Made) -> None:
    """The generated pages, outputs and fingerprinted assets, as MkDocs' files."""
    problems = clashes([*made.build.pages, *made.build.outputs], {f.src_uri for f in files}, config.docs_dir)
    if problems:
        raise PluginError("\n".join(problems))
    for path, markdown in made.build.pages.items():
        inclusion = InclusionLevel.NOT_IN_NAV if path in made.not_in_nav else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
    for path, content in [*made.build.outputs.items(), *made.assets.items()]:
        files.append(File.generated(config, path, content=content))


def check_printed(files: Files, compact: Compact) -> None:
    """Every address the Compact prints about this site is served, by the page it names."""
    problems = unserved_printed(compact, {f.src_uri for f in files})
    if problems:
        raise PluginError("\n".join(problems))


def check_published(files: Files, config: MkDocsConfig, options: CompactConfig, pending: set[str]) -> None:
    """Every address the site has published is still served (the 404 page aside, pages and files;
    ``pending``: handouts a preview is still making)."""
    served = {"" if f.url in ("", "./") else f.url for f in files} | pending
    problems = unserved_published(option_path(config, options.published_urls), served, options.pdf)
    if problems:
        raise PluginError("\n".join(problems))


def handout_files(made: Build) -> list[HandoutFile]:
    """Every handout of this build, at the current and the edition addresses."""
    renderer = made.renderer
    every = [renderer.downloads, *(scope.downloads for scope in renderer.editions)]
    return [h for downloads in every for h in downloads.handouts]


def host_files(made: Made, site: Path) -> None:
    """What a server needs beside the pages: static-host rules and compressed copies."""
    try:
        write_host_files(made.build.compact, site, None if made.cache_folder is None else made.cache_folder / "gzip")
    except UnknownScript as error:  # the policy would allow it: no site rather than that one
        raise PluginError(str(error)) from None


def watched(config: MkDocsConfig, options: CompactConfig) -> list[Path]:
    """What `mkdocs serve` watches besides the docs folder and ``mkdocs.yml``: the data, the
    templates that override ours, and ours."""
    package = Path(__file__).parent.parent
    own = [package / "pages" / "templates", package / "handouts" / "templates"]
    return [path for path in (option_path(config, options.data_dir), option_path(config, options.templates_dir))
            if path.exists()] + own


def _describe(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    # Jinja2 rewrites tracebacks so a runtime error (an undefined variable under
    # StrictUndefined) has a frame at the template's own file and line.
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{frames[-1].filename}:{frames[-1].lineno}: {type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"
