"""The fourth stage: one function that runs the whole pipeline for any engine.

load → model → open data, handouts (their sizes and page counts are listed on
the pages) → pages. The MkDocs plugin, the command line and the benchmark all
call :func:`build`, so the order of the pipeline lives here, once.
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from generator import urls
from generator.handouts.cache import CacheUse
from generator.handouts.plan import Downloads, HandoutFile
from generator.model import Compact, capfirst
from generator.open_data import descriptions, open_data_files
from generator.pages.editions import long_date
from generator.pages.render import Renderer
from generator.pages.text import html_attribute

if TYPE_CHECKING:
    from generator.handouts.pdf import HandoutWriter

#: Hand-written pages (in the docs folder) listed at the end of the navigation, if they exist: a
#: site whose data has no accessibility.yaml (so no generated statement) may write its own.
HAND_WRITTEN_NAV = (("Accessibility", urls.ACCESSIBILITY),)


@dataclass(frozen=True)
class Build:
    """Everything a site engine needs to publish one Compact."""

    compact: Compact
    site: urls.Site
    #: ``{page source path: Markdown}``, in a fixed order.
    pages: dict[str, str]
    #: ``{site path: bytes}`` of the other generated files (PDFs, open data).
    outputs: dict[str, bytes]
    handouts: list[HandoutFile]
    renderer: Renderer

    def page_markdown(self, markdown: str) -> str:
        """A page's Markdown as an engine renders it (generated or hand-written): with the
        glossary's abbreviations that occur in it."""
        return markdown + "\n\n" + self.renderer.abbreviations(markdown)

    def navigation(self, docs_dir: Path) -> list[Any]:
        """The site's navigation: the generated pages', then the hand-written pages that exist."""
        return self.renderer.navigation([(t, p) for t, p in HAND_WRITTEN_NAV if (docs_dir / p).is_file()])

    def handed_over(self) -> Build:
        """This build once an engine holds the pages' Markdown (MkDocs' files and pages): the same
        without it (``pages`` empty), so that it is held once (a 100x Compact's is 100 MB)."""
        return replace(self, pages={})

    @property
    def edition_copies(self) -> frozenset[str]:
        """The pages at the current edition's own address (``editions/<year>/``): the current pages again."""
        prefix = urls.edition_pages(self.compact).prefix
        return frozenset(path for path in self.pages if path.startswith(prefix))

    def not_in_nav(self, nav: list[Any]) -> list[str]:
        """The generated pages a navigation leaves out (the commitment pages…), in page order."""
        listed = set(nav_paths(nav))
        return [path for path in self.pages if path not in listed]


@dataclass(frozen=True)
class ThemeValues:
    """What the theme's own templates show of the data: the site's name, description and footer line
    (``site_name``, ``site_description``, ``copyright``) and the 404 page's facts (``extra.compact``).

    The one rule for them: each is HTML-escaped here, once, where the generator hands it over.
    MkDocs' and Zensical's templates print these settings as they are, in text and in quoted
    attributes (a title of ``</title><script>…`` would otherwise be a script on every page). They
    are ``Markup`` (markupsafe), so that a template's own ``| e`` does not escape them again in
    MkDocs (Zensical, handed them as plain strings by the export, would: the one place the theme
    does, the logo's title, ``overrides/main.html`` leaves out). The pages' front matter and
    navigation titles follow the same rule (``generator.pages.text``).
    """

    site_name: Markup
    site_description: Markup
    copyright: Markup
    compact: dict[str, Markup]


def theme_values(compact: Compact, updated: datetime.date | None = None) -> ThemeValues:
    """The data the theme's templates show, escaped for them (see :class:`ThemeValues`); ``updated``:
    the pages' "Last updated" date (:func:`generator.environment.last_updated`), none if not known."""
    example = compact.numbering_example or ("", "", "")  # no sentence on how numbers are made if they are not so
    facts = {
        "name": compact.name_in_text,
        "name_capitalised": capfirst(compact.name_in_text),
        "label": compact.label,
        "example": example[0],
        "example_theme": example[1],
        "example_position": example[2],
        "provision": compact.words.provision,
        "provisions": compact.words.provisions,
        "Provisions": compact.words.Provisions,
        "part": compact.words.part,
        "has_parts": "yes" if compact.themes else "",
        # The footer's terms of reuse (overrides/partials/copyright.html): empty where no licence is stated.
        "licence_name": compact.licence.name if compact.licence else "",
        "licence_url": compact.licence.url if compact.licence else "",
        # Every page's "Last updated" line (overrides/main.html): empty where the date is not known.
        "updated": long_date(updated) if updated else "",
        "updated_iso": updated.isoformat() if updated else "",
    }
    return ThemeValues(
        site_name=html_attribute(compact.title),
        site_description=html_attribute(compact.description),
        copyright=html_attribute(compact.copyright),
        compact={key: html_attribute(value) for key, value in facts.items()},
    )


def build(
    compact: Compact,
    site: urls.Site,
    override_dirs: Sequence[Path] = (),
    *,
    pdf: bool = True,
    cache: CacheUse | None = None,
    templates: jinja2.BytecodeCache | None = None,
    open_data_cache: Path | None = None,
) -> Build:
    """Render every output of ``compact`` and its editions (PDFs only if ``pdf``, reusing those
    ``cache`` has; compiled templates from ``templates``; workbooks kept in ``open_data_cache``);
    template errors propagate as jinja2 errors."""
    outputs = open_data_files(compact, site, cache=open_data_cache)
    outputs.update(group_documents(compact))
    writer = _handout_writer(site, override_dirs, cache, templates) if pdf else None
    handouts = writer.write(compact) if writer is not None else []
    outputs.update({h.path: h.content for h in handouts if h.served})
    downloads = Downloads.from_outputs(handouts, outputs, descriptions(compact))
    editions: dict[int | str, Downloads] = {}
    for edition in compact.history.editions:  # each at its permanent address, the current one too
        pages = urls.edition_pages(edition)
        files = open_data_files(edition, site, pages, open_data_cache, compact.history)
        made: list[HandoutFile] = []
        if writer is not None and edition is compact:  # the same words and pages: the same PDFs, not laid out again
            made = [replace(h, handout=replace(h.handout, prefix=pages.prefix)) for h in handouts]
        elif writer is not None:
            made = writer.write(edition, pages, current=compact)
        files.update({h.path: h.content for h in made if h.served})
        outputs.update(files)
        editions[edition.edition] = Downloads.from_outputs(
            made, files, descriptions(edition, pages)
        )
    renderer = Renderer(compact, site, override_dirs, downloads, editions, templates)
    return Build(compact, site, renderer.pages(), outputs, handouts, renderer)


def group_documents(compact: Compact) -> dict[str, bytes]:
    """The documents the partners' group's record names, published beside its page."""
    group = compact.group
    if group is None or group.documents is None:
        return {}
    return {
        f"{group.slug}/{record.document}": (group.documents / record.document).read_bytes()
        for record in group.records
        if record.document is not None
    }


def _handout_writer(
    site: urls.Site, override_dirs: Sequence[Path], cache: CacheUse | None, templates: jinja2.BytecodeCache | None
) -> HandoutWriter:
    """One for the build's editions (its typesetter made once): WeasyPrint loads only when PDFs are made."""
    from generator.handouts.pdf import HandoutWriter

    return HandoutWriter(site, override_dirs, cache, templates)


def nav_paths(nav: list[Any]) -> Iterator[str]:
    """Every page path a navigation lists."""
    for item in nav:
        for value in item.values() if isinstance(item, dict) else [item]:
            if isinstance(value, list):
                yield from nav_paths(value)
            else:
                yield value


# -- what a build must serve: one rule each for the plugin and the export -----------------


def clashes(generated: Iterable[str], hand_written: Container[str], docs_dir: object) -> list[str]:
    """The generated files (source paths) that the docs folder also holds, as one sentence."""
    found = sorted(path for path in generated if path in hand_written)
    if not found:
        return []
    return [f"these files are generated from the data but also exist in {docs_dir}: {', '.join(found)}; "
            "remove the hand-written copies"]


def unserved_printed(compact: Compact, served: Container[str]) -> list[str]:
    """Each address the Compact prints about this site that the site (``served``: its source paths)
    would not serve by the page it names, as a sentence."""
    return [
        f"{address.where}: the Compact prints the address '{address.text}', but this build does not serve it: "
        f"there is no page '{target}' (add it to the docs folder, or name another page)"
        for address in compact.printed_addresses
        if (target := urls.printed_target(address, compact)) not in served or urls.printed_page(address) not in served
    ]


def published_missing(manifest: Path, served: Iterable[str], pdf: bool) -> list[str]:
    """The addresses ``manifest`` lists (if it exists) that none of ``served`` (the site's addresses) is."""
    if not manifest.is_file():
        return []
    return urls.unserved(urls.read_manifest(manifest.read_text(encoding="utf-8")), set(served), pdf=pdf)


def unserved_published(manifest: Path, served: Iterable[str], pdf: bool) -> list[str]:
    """:func:`published_missing` as one sentence."""
    missing = published_missing(manifest, served, pdf)
    if not missing:
        return []
    return [f"{len(missing)} published address(es) in {manifest.name} would no longer be served: " + ", ".join(missing)]
