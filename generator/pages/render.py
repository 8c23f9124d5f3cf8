"""Render the model into Markdown pages: ``{source path: markdown}``.

Templates are Jinja2 files (``generator/pages/templates/``), any of which a site can
override by putting a file of the same name in its own template folder
(``compact_templates/``). Output is Markdown for Python-Markdown with
``attr_list`` and ``md_in_html``; every value from the data is escaped so it
shows as literal text (see :mod:`generator.pages.text`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import urls
from generator.assessment import page_data
from generator.handouts.plan import Downloads
from generator.model import Commitment, Compact, capfirst, join_names
from generator.model.group import split_printed
from generator.model.search import LABEL as SEARCH_WORDS_LABEL
from generator.pages.complaints import summary_data
from generator.pages.editions import HistoryView
from generator.pages.redirects import RedirectView, redirect_pages
from generator.pages.text import (
    Remembered,
    code_span,
    front_matter,
    html_attribute,
    script_json,
    shorten,
    squash,
    tooltip,
)

TEMPLATE_DIR = Path(__file__).parent / "templates"
#: More themes than this and the navigation lists only "All themes" (it is in every page).
MAX_NAV_THEMES = 12


def make_environment(
    override_dirs: Sequence[Path] = (),
    bytecode_cache: jinja2.BytecodeCache | None = None,
    remembered: Remembered | None = None,
) -> jinja2.Environment:
    """A strict environment: a missing variable is an error, never an empty string (``bytecode_cache``:
    compiled templates kept between builds, since compiling them is a good part of a build's time;
    ``remembered``: the escapes of the rendering it is made for)."""
    remembered = remembered or Remembered()
    search_path = [str(d) for d in override_dirs if d.is_dir()] + [str(TEMPLATE_DIR)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=remembered.markdown_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["html"] = remembered.html_attribute
    env.filters["short"] = shorten
    env.filters["json"] = front_matter  # HTML-escaped: Material outputs these raw
    env.filters["script_json"] = script_json
    env.filters["capfirst"] = capfirst
    env.filters["join_names"] = join_names
    env.filters["code"] = code_span
    return env


@dataclass(frozen=True)
class Scope:
    """The pages of one edition: its model, where its pages are, and the files they may link to."""

    compact: Compact
    urls: urls.Pages = urls.CURRENT
    #: The handouts and data files in this build, so that pages link only to files that exist
    #: (no handouts: PDFs turned off).
    downloads: Downloads = field(default_factory=Downloads)


@dataclass(frozen=True)
class Rendering:
    """One rendering of the pages: the templates and the escapes they remember, made for it and let go
    of with it (:class:`~generator.pages.text.Remembered`)."""

    env: jinja2.Environment
    remembered: Remembered

    @classmethod
    def make(cls, override_dirs: Sequence[Path], bytecode_cache: jinja2.BytecodeCache | None) -> Rendering:
        remembered = Remembered()
        return cls(make_environment(override_dirs, bytecode_cache, remembered), remembered)


class Renderer:
    """Renders every generated page of the site from one loaded Compact and its editions."""

    def __init__(
        self,
        compact: Compact,
        site: urls.Site,
        override_dirs: Sequence[Path] = (),
        downloads: Downloads | None = None,
        edition_downloads: Mapping[int | str, Downloads] | None = None,
        bytecode_cache: jinja2.BytecodeCache | None = None,
    ) -> None:
        self.compact = compact
        self.site = site
        self.override_dirs = override_dirs
        self.bytecode_cache = bytecode_cache
        self.downloads = downloads or Downloads()
        self.current = Scope(compact, urls.CURRENT, self.downloads)
        #: Each edition's pages at its permanent address, ``editions/<year>/``.
        self.editions = [
            Scope(e, urls.edition_pages(e), (edition_downloads or {}).get(e.edition) or Downloads())
            for e in compact.history.editions
        ]
        self.history = HistoryView(compact.history)

    def citation(self, commitment: Commitment, scope: Scope | None = None) -> str:
        """How to cite a commitment: the edition's name and year, and the address of *those* words
        (the edition's own address: the current address shows a later edition's words once there is one)."""
        scope = scope or self.current
        address = self.site.permalink(urls.edition_pages(scope.compact).commitment_page(commitment))
        word = scope.compact.words.provision  # its name, not its id: "principle “Share…”", "undertaking 3 (Funding)"
        party = f"{commitment.sector.name} {word}"
        # One pair of brackets: "undertaking 3 (Funding code; VCS undertaking)", not "(…) (…)".
        name = f"{commitment.name[:-1]}; {party})" if commitment.name.endswith(")") else f"{commitment.name} ({party})"
        return f"{scope.compact.cited_as}, {name} — {address}"

    def abbreviations(self, markdown: str | None = None) -> str:
        """Python-Markdown ``abbr`` definitions so glossary terms get tooltips.

        Given a page's ``markdown``, only the forms that occur in it (abbr matching is
        case-sensitive, so a plain substring test is safe): definitions a page does not
        use change nothing in its HTML but cost Markdown time on every page.
        """
        text = None if markdown is None else markdown.replace("\\", "")  # Markdown escapes
        lines = [line for form, line in self._definitions if text is None or form in text]
        return "\n".join(lines) + "\n"

    @functools.cached_property
    def _definitions(self) -> list[tuple[str, str]]:
        """Each glossary form and its ``abbr`` line, worked out once for every page."""
        definitions = []
        seen: set[str] = set()
        for term in self.compact.glossary:
            forms = ([term.abbr] if term.abbr else []) + list(term.matches)
            title = term.term if term.abbr else shorten(term.definition, 120)
            for form in forms:
                if form in seen or form.lower() == squash(title).lower():  # a form that is its own title says nothing
                    continue
                seen.add(form)
                definitions.append((form, f"*[{form}]: {tooltip(title)}"))
        return definitions

    # -- pages -------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every generated page, in a fixed order, keyed by its source path (one :class:`Rendering` for them all)."""
        compact, current = self.compact, self.current
        plan: list[tuple[str, str, dict[str, Any], Scope]] = [
            (urls.HOME, "home.md.j2", {}, current),
            (urls.ABOUT, "about.md.j2", {}, current),
            *([(urls.VALUES, "values.md.j2", {}, current)] if compact.values else []),
            *([(urls.THEMES, "themes.md.j2", {}, current)] if compact.themes else []),
        ]
        plan += self.edition_plan(current)
        plan += [(page, template, extra, current) for page, template, extra in redirect_pages(compact)]
        plan.append((urls.SECTORS, "sectors.md.j2", {}, current))
        plan.append((urls.GLOSSARY, "glossary.md.j2", {}, current))
        summary = summary_data(compact, self.site.permalink)
        plan.append((urls.COMPLAINTS, "complaints.md.j2", {"summary_data": summary}, current))
        plan += [(urls.topic_page(t), "topic.md.j2", {"topic": t}, current) for t in compact.topics]
        assessment = page_data(compact, self.site)
        plan.append((urls.SELF_ASSESSMENT, "self-assessment.md.j2", {"assessment_data": assessment}, current))
        plan.append((urls.DOWNLOADS, "downloads.md.j2", {}, current))
        plan.append((urls.LINKING, "linking.md.j2", {}, current))
        plan.append((urls.EDITIONS, "editions.md.j2", {}, current))
        if compact.accessibility is not None:
            plan.append((urls.ACCESSIBILITY, "accessibility.md.j2", {"statement": compact.accessibility}, current))
        if compact.group is not None:
            plan.append((urls.group_page(compact.group), "partners-group.md.j2", {"group": compact.group}, current))
        for address in compact.printed_addresses:  # a printed address that is not its page's own sends readers on
            served, target = urls.printed_page(address), urls.printed_target(address, compact)
            if served != target:
                refresh = urls.url_relative(served, target)
                plan.append((served, "printed.md.j2", {"address": address, "target": target, "refresh": refresh},
                             current))
        for scope in self.editions:
            plan.append((scope.urls.EDITION, "edition.md.j2", {}, scope))
            plan.append((scope.urls.CHANGES, "changes.md.j2", {"step": compact.history.step_into(scope.compact)},
                         scope))
            plan += self.edition_plan(scope)
        rendering = Rendering.make(self.override_dirs, self.bytecode_cache)
        return {path: self.render(path, template, extra, scope, rendering) for path, template, extra, scope in plan}

    def edition_plan(self, scope: Scope) -> list[tuple[str, str, dict[str, Any], Scope]]:
        """An edition's own pages: its themes, the list of its commitments, each commitment, its sectors."""
        pages, edition = scope.urls, scope.compact
        plan: list[tuple[str, str, dict[str, Any], Scope]] = [
            (pages.theme_page(t), "theme.md.j2", {"theme": t}, scope) for t in edition.themes
        ]
        plan.append((pages.COMMITMENTS, "commitments.md.j2", {}, scope))
        runs = [t.commitments for t in edition.themes] or [edition.commitments]  # a pager runs through one part
        for run in runs:
            for index, commitment in enumerate(run):
                neighbours = {
                    "previous": run[index - 1] if index else None,
                    "next": run[index + 1] if index + 1 < len(run) else None,
                }
                plan.append((pages.commitment_page(commitment), "commitment.md.j2", {"c": commitment, **neighbours},
                             scope))
        plan += [(pages.sector_page(s), "sector.md.j2", {"sector": s}, scope) for s in edition.sectors]
        return plan

    def render(
        self, page: str, template: str, extra: dict[str, Any], scope: Scope | None = None,
        rendering: Rendering | None = None,
    ) -> str:
        scope = scope or self.current
        rendering = rendering or Rendering.make(self.override_dirs, self.bytecode_cache)
        destination = rendering.remembered.link_destination

        def link(target: str, fragment: str = "") -> Markup:
            return destination(urls.relative(page, target) + (f"#{fragment}" if fragment else ""))

        context = {
            "compact": scope.compact,
            "words": scope.compact.words,
            "page": page,
            "urls": scope.urls,
            "current_urls": urls.CURRENT,
            "edition_urls": urls.edition_pages,
            "url_path": urls.url_path,
            "group_page": urls.group_page,
            "link": link,
            "anchor": lambda c: Markup(urls.anchor(c)),
            "permalink": lambda p, fragment="": Markup(self.site.permalink(p, fragment)),
            "short_permalink": lambda p: Markup(self.site.short_permalink(p)),
            "site_url": Markup(self.site.url),
            "citation": lambda c: self.citation(c, scope),
            "shared": scope.compact.shared_sector,
            "used_in": self.used_in,
            "redirects": self.redirect_view,
            "history": self.history,
            "printed": lambda text: split_printed(text, self.compact.printed_addresses),
            "printed_target": lambda address: urls.printed_target(address, self.compact),
            "downloads": scope.downloads,
            "search_words_label": SEARCH_WORDS_LABEL,
            **extra,
        }
        return rendering.env.get_template(template).render(context)

    @functools.cached_property
    def redirect_view(self) -> RedirectView:
        """One view for every page: building it indexes all commitments (O(n) per page otherwise)."""
        return RedirectView(self.compact)

    def used_in(self, term_key: str) -> list[Commitment]:
        return [c for c in self.compact.commitments if any(t.key == term_key for t in c.terms)]

    def navigation(self, extra_pages: Sequence[tuple[str, str]] = ()) -> list[Any]:
        """A small navigation: the commitment pages stay out of it (see docs/site-features.md#pages).

        Every page renders the whole navigation, so its size must not grow with
        the data: beyond ``MAX_NAV_THEMES`` parts only "All <parts>" is listed.
        """
        compact = self.compact
        words = compact.words
        nav_themes = compact.themes if len(compact.themes) <= MAX_NAV_THEMES else ()
        nav: list[Any] = [
            {"Home": urls.HOME},
            {_nav_title(f"About {compact.short_name}"): urls.ABOUT},
            *([{_nav_title(compact.partners_group.heading): urls.group_page(compact.group)}]
              if compact.group is not None and compact.partners_group is not None else []),
            *([{"Values": urls.VALUES}] if compact.values else []),
            *([{_nav_title(words.Parts): [{_nav_title(f"All {words.parts}"): urls.THEMES}]
               + [{_nav_title(t.short): urls.theme_page(t)} for t in nav_themes]}] if compact.themes else []),
            # One party is no choice: its provisions are all of them ("All <provisions>" below).
            *([{"Sectors": [{"All sectors": urls.SECTORS}]
                + [{_nav_title(s.name): urls.sector_page(s)} for s in compact.sectors]}]
              if len(compact.sectors) > 1 else []),
            {_nav_title(f"All {words.provisions}"): urls.COMMITMENTS},
            {"Complaints": urls.COMPLAINTS},
            {"Self-assessment": urls.SELF_ASSESSMENT},
            {"Glossary": urls.GLOSSARY},
            {"Downloads": urls.DOWNLOADS},
            {_nav_title(f"Linking to {compact.short_name}"): urls.LINKING},
            {"Editions": urls.EDITIONS},
            *([{"Accessibility": urls.ACCESSIBILITY}] if compact.accessibility is not None else []),
        ]
        nav += [{title: path} for title, path in extra_pages]
        return nav


def _nav_title(text: str) -> str:
    """A navigation title from the data: Material writes nav titles into the HTML unescaped."""
    return str(html_attribute(text))
