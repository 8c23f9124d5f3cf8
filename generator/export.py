"""The whole site as an engine-neutral source folder, for engines that run no plugin (Zensical).

The MkDocs plugin hands MkDocs the generated pages, their abbreviations, the navigation
and the generated files while it builds. An engine without plugins reads the same things
from the folder it is exported to, ``DIR``, instead: ``DIR/docs/`` (every page, hand-written or
generated, with the glossary's abbreviations it uses; the assets; the open data, the PDFs and every
other generated file), ``DIR/overrides/`` (the theme's templates) and ``DIR/mkdocs.yml``, holding
the navigation and the document's facts that the plugin would have set. Both come from one call of
:func:`generator.build.build`, so the two sites cannot drift apart. Nothing here imports
MkDocs: the folder builds with Zensical, or with plain MkDocs and no plugin.
"""

from __future__ import annotations

import datetime
import os
import posixpath
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag  # type: ignore[import-untyped]  # MkDocs' own !ENV rule

from generator import staging, urls
from generator.build import Build, build, clashes, published_missing, theme_values, unserved_printed, unserved_published
from generator.data.problems import Problem
from generator.deploy.rules import Fingerprinter
from generator.environment import cannot_write, last_updated
from generator.handouts.plan import plan_handouts
from generator.model import Compact, load_checked

#: The plugin's name in ``mkdocs.yml``, and the defaults of the options the export reads
#: (the plugin's own options, generator.mkdocs_plugin.config, use the same).
PLUGIN = "compact"
DATA_DIR = "compact_data"
TEMPLATES_DIR = "compact_templates"
PUBLISHED_URLS = "published-urls.txt"
#: The export's own layout.
DOCS = "docs"
THEME = "overrides"
CONFIG = "mkdocs.yml"
#: The first line of an exported configuration: a folder holding it may be replaced by the next export.
MARK = "# Written by `python -m generator export`: edit the project and export again, not this file."


class ExportError(Exception):
    """The export cannot be written: one sentence for the user, never a traceback."""


@dataclass(frozen=True)
class Export:
    """What an export wrote: its folder, how many pages and other files, and the warnings about the data."""

    out: Path
    pages: int
    files: int
    warnings: tuple[Problem, ...] = ()


# -- reading the project's configuration --------------------------------------------


class _Loader(yaml.SafeLoader):
    """``mkdocs.yml`` as MkDocs reads it: ``!ENV NAME`` and ``!ENV [NAME, …, default]`` resolved by
    MkDocs' own rule (``pyyaml_env_tag``, which MkDocs installs and uses)."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)


def read_config(path: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml``, its environment variables resolved: the one reader of it outside
    MkDocs (the export, ``generator check``, the tests)."""
    try:
        settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except OSError as error:
        raise ExportError(f"cannot read {path}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise ExportError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(settings, dict):
        raise ExportError(f"{path}: expected the settings of a site, found {type(settings).__name__}")
    return settings


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The ``compact`` plugin's options as ``mkdocs.yml`` sets them (``{}`` if it is listed bare)."""
    for entry in config.get("plugins") or []:
        if entry == PLUGIN:
            return {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return {}


def _without_plugin(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


# -- what the export holds ---------------------------------------------------------------


def hand_written(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """The docs folder's own files (``path``, file), as MkDocs reads them: hidden ones left out."""
    for folder, subfolders, names in os.walk(docs_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                file = Path(folder, name)
                yield file.relative_to(docs_dir).as_posix(), file


def site_files(result: Build, docs_dir: Path) -> dict[str, bytes]:
    """Every file of the exported docs folder: the hand-written ones (their pages with the
    abbreviations they use), the generated pages (likewise) and the generated files."""
    files: dict[str, bytes] = {}
    for path, file in hand_written(docs_dir):
        content = file.read_bytes()
        files[path] = result.page_markdown(content.decode("utf-8")).encode("utf-8") if path.endswith(".md") else content
    problems = clashes([*result.pages, *result.outputs], files, docs_dir)
    if problems:
        raise ExportError("\n".join(problems))
    for path, markdown in result.pages.items():
        files[path] = result.page_markdown(markdown).encode("utf-8")
    files.update(result.outputs)
    return files


def fingerprinted(paths: list[Any], files: dict[str, bytes]) -> tuple[list[Any], dict[str, bytes]]:
    """The site's own CSS or JS (``extra_css``, ``extra_javascript``) under names that change with
    their content, as the plugin serves them, and the copies to add."""
    renamed = Fingerprinter(files.get)
    listed: list[Any] = []
    for entry in paths:
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            listed.append({**entry, "path": renamed(entry["path"])})
        else:
            listed.append(renamed(entry) if isinstance(entry, str) else entry)
    return listed, renamed.copies


def export_config(config: Mapping[str, Any], result: Build, nav: list[Any] | None, theme: bool,
                  updated: datetime.date | None = None) -> dict[str, Any]:
    """The engine-neutral ``mkdocs.yml``: the project's settings without the plugin, with what the
    plugin sets while MkDocs runs (the document's facts, the navigation) written out."""
    shown = theme_values(result.compact, updated)  # escaped for the theme, as the plugin hands them over
    settings = {key: value for key, value in config.items() if key != "nav"}  # (keeps the project's order)
    settings["site_name"] = config.get("site_name") or str(shown.site_name)
    settings["site_description"] = config.get("site_description") or str(shown.site_description)
    settings["copyright"] = config.get("copyright") or str(shown.copyright)
    settings["docs_dir"] = DOCS
    settings["site_dir"] = "site"
    theme_settings = dict(config.get("theme") or {})
    theme_settings.pop("custom_dir", None)
    if theme:
        theme_settings["custom_dir"] = THEME
    # Zensical's look by default is its own ("modern"); "classic" is Material's. MkDocs ignores it.
    theme_settings.setdefault("variant", "classic")
    settings["theme"] = theme_settings
    settings["plugins"] = _without_plugin(list(config.get("plugins") or []))
    settings["extra"] = {**(config.get("extra") or {}), "compact": {k: str(v) for k, v in shown.compact.items()}}
    if nav is not None:
        settings["nav"] = nav
        left_out = sorted(set(result.not_in_nav(nav)))
        if left_out:  # reached from the pages, not from the navigation (gitignore patterns)
            settings["not_in_nav"] = "".join(f"/{path}\n" for path in left_out)
    return settings


def _check_served(result: Build, files: Mapping[str, bytes], manifest: Path, pdf: bool) -> None:
    """Every address the Compact prints and every address the site has published is in the export
    (the plugin's rules: :mod:`generator.build`)."""
    served = {urls.url_path(path) if path.endswith(".md") else path for path in files}
    problems = [*unserved_printed(result.compact, files), *unserved_published(manifest, served, pdf)]
    if problems:
        raise ExportError("\n".join(problems))


def published_losses(config_file: Path, data_dir: Path, compact: Compact) -> list[str]:
    """For ``generator check``: the published addresses the project's site would stop serving with
    this data (the pages and files it plans, the docs folder's, and every handout it would lay
    out; nothing is laid out). Nothing to say for a data folder that is not the project's."""
    if not config_file.is_file():
        return []
    config = read_config(config_file)
    root, options = config_file.parent, plugin_options(config)
    if data_dir.resolve() != (root / str(options.get("data_dir", DATA_DIR))).resolve():
        return []
    site_url, docs_dir = config.get("site_url"), root / str(config.get("docs_dir") or "docs")
    if not isinstance(site_url, str) or not site_url or not docs_dir.is_dir():
        return []  # the build says what is wrong with the configuration
    result = build(compact, urls.Site(site_url), [root / str(options.get("templates_dir", TEMPLATES_DIR))], pdf=False)
    plans = [(compact, urls.CURRENT), *((e, urls.edition_pages(e)) for e in compact.history.editions)]
    handouts = [h.path for edition, pages in plans for h in plan_handouts(edition, pages)]
    files = [*site_files(result, docs_dir), *handouts]
    served = [urls.url_path(path) if path.endswith(".md") else path for path in files]
    return published_missing(root / str(options.get("published_urls", PUBLISHED_URLS)), served, pdf=True)


# -- writing ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (``not_in_nav``) as YAML blocks, one pattern a line."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _string)


def _is_replaceable(out: Path) -> bool:
    """An empty folder or an earlier export: nothing of the user's would be lost."""
    if not out.exists():
        return True
    if not out.is_dir():
        return False
    if not any(out.iterdir()):
        return True
    config = out / CONFIG
    try:
        return config.is_file() and config.read_text(encoding="utf-8").startswith(MARK)
    except (OSError, UnicodeDecodeError):
        return False


def write(work: Path, files: Mapping[str, bytes], config: Mapping[str, Any], theme_dir: Path | None) -> None:
    """Write the export into ``work`` (the staging folder of :func:`generator.staging.staged`)."""
    for path, content in files.items():
        target = work / DOCS / posixpath.normpath(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if theme_dir is not None:
        shutil.copytree(theme_dir, work / THEME, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    text = yaml.dump(dict(config), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    (work / CONFIG).write_text(f"{MARK}\n{text}", encoding="utf-8")


def export(config_file: Path, out: Path, *, data_dir: Path | None = None, site_url: str | None = None,
           pdf: bool | None = None) -> Export:
    """Build the site described by ``config_file`` (``mkdocs.yml``) and write it to ``out`` as an
    engine-neutral source folder, swapped in as the plugin swaps in a site (the lock and the
    recovery of a killed export come first). Bad data raises :class:`generator.data.problems.DataError`,
    a template's mistake a jinja2 error, the rest :class:`ExportError`."""
    try:
        with staging.staged(out) as work:
            if not _is_replaceable(out):
                raise ExportError(f"{out} exists and is not an export: give an empty or new folder")
            return _export(config_file, work, out, data_dir, site_url, pdf)
    except staging.StagingError as error:
        raise ExportError(str(error)) from None
    except OSError as error:
        raise ExportError(f"{cannot_write(error, str(out))}; {out} is unchanged") from None


def not_a_switch(value: object) -> str:
    """What is wrong with an on/off option that is neither (``COMPACT_PDF=maybe`` through ``!ENV``):
    the plugin's options and the export's reading of them say it alike."""
    return (f"must be true or false, not {value!r} (set in mkdocs.yml, or through !ENV "
            "by an environment variable such as COMPACT_PDF)")


def switch(options: Mapping[str, Any], name: str, config_file: Path) -> bool:
    """An on/off option of the plugin as MkDocs reads it: absent or null (``!ENV`` of an empty
    variable) is its default, on; anything but true or false is a sentence."""
    value = options.get(name)
    if value is None:
        return True
    if not isinstance(value, bool):
        raise ExportError(f"{config_file}: the compact plugin's '{name}' {not_a_switch(value)}")
    return value


def _export(config_file: Path, work: Path, out: Path, data_dir: Path | None, site_url: str | None,
            pdf: bool | None) -> Export:
    config = read_config(config_file)
    root = config_file.parent
    options = plugin_options(config)
    site_url = site_url or config.get("site_url")
    if not isinstance(site_url, str) or not site_url:
        raise ExportError(f"no site address: give --site-url, or set site_url in {config_file}")
    try:
        site = urls.Site(site_url)
    except ValueError as error:
        raise ExportError(str(error)) from None
    docs_dir = root / str(config.get("docs_dir") or "docs")
    if not docs_dir.is_dir():
        raise ExportError(f"{config_file}: there is no docs folder {docs_dir}")
    theme: dict[str, Any] = config["theme"] if isinstance(config.get("theme"), dict) else {}
    theme_dir = root / theme["custom_dir"] if theme.get("custom_dir") else None
    data_dir = data_dir or root / str(options.get("data_dir", DATA_DIR))
    checked = load_checked(data_dir, display_root=root)
    compact = checked.compact
    templates = [root / str(options.get("templates_dir", TEMPLATES_DIR))]
    pdf = switch(options, "pdf", config_file) if pdf is None else pdf
    result = build(compact, site, templates, pdf=pdf)
    files = site_files(result, docs_dir)
    _check_served(result, files, root / str(options.get("published_urls", PUBLISHED_URLS)), pdf)
    nav: list[Any] | None = None
    if config.get("nav"):
        nav = config["nav"]
    elif switch(options, "nav", config_file):
        nav = result.navigation(docs_dir)
    settings = export_config(config, result, nav, theme_dir is not None, last_updated(data_dir, docs_dir))
    for key in ("extra_css", "extra_javascript"):
        settings[key], copies = fingerprinted(list(config.get(key) or []), files)
        files.update(copies)
    write(work, dict(sorted(files.items())), settings, theme_dir)
    return Export(out, len(result.pages), len(files) - len(result.pages), checked.warnings)
