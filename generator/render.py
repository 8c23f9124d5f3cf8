"""Render the model into Markdown pages: ``{source path: markdown}``.

Templates are Jinja2 files (``generator/templates/``), any of which a site can
override by putting a file of the same name in its own template folder
(``overrides/compact/``). Output is Markdown for Python-Markdown with
``attr_list`` and ``md_in_html``; every value from the data is escaped so it
shows as literal text (see :mod:`generator.text`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import urls
from generator.model import Commitment, Compact, Sector
from generator.text import html_attribute, markdown_text, shorten, squash

TEMPLATE_DIR = Path(__file__).parent / "templates"
DEFAULT_SITE_URL = "https://www.bristolcompact.org.uk/"


def make_environment(override_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """A strict environment: a missing variable is an error, never an empty string."""
    search_path = [str(d) for d in override_dirs if d.is_dir()] + [str(TEMPLATE_DIR)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=markdown_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["html"] = html_attribute
    env.filters["short"] = shorten
    env.filters["json"] = lambda value: Markup(json.dumps(squash(str(value)), ensure_ascii=False))
    return env


class Renderer:
    """Renders every generated page of the site from one loaded Compact."""

    def __init__(
        self,
        compact: Compact,
        site_url: str = DEFAULT_SITE_URL,
        override_dirs: Sequence[Path] = (),
    ) -> None:
        self.compact = compact
        self.site_url = site_url.rstrip("/") + "/"
        self.env = make_environment(override_dirs)

    # -- what other outputs need too ---------------------------------------

    def permalink(self, page: str) -> str:
        return self.site_url + urls.url_path(page)

    def short_permalink(self, page: str) -> str:
        """The permalink without scheme or ``www.``, for print."""
        link = self.permalink(page).split("://", 1)[-1]
        return link.removeprefix("www.")

    def citation(self, commitment: Commitment) -> str:
        return (
            f"{self.compact.title} ({self.compact.edition}), commitment {commitment.id} "
            f"({commitment.sector.name} commitment) — {self.permalink(urls.commitment_page(commitment))}"
        )

    def abbreviations(self) -> str:
        """Python-Markdown ``abbr`` definitions so glossary terms get tooltips."""
        lines = []
        seen: set[str] = set()
        for term in self.compact.glossary:
            forms = ([term.abbr] if term.abbr else []) + list(term.matches)
            title = term.term if term.abbr else shorten(term.definition, 120)
            for form in forms:
                if form in seen:
                    continue
                seen.add(form)
                lines.append(f"*[{form}]: {squash(title)}")
        return "\n".join(lines) + "\n"

    # -- pages -------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every generated page, in a fixed order, keyed by its source path."""
        compact = self.compact
        plan: list[tuple[str, str, dict[str, Any]]] = [
            (urls.HOME, "home.md.j2", {}),
            (urls.ABOUT, "about.md.j2", {}),
            (urls.VALUES, "values.md.j2", {}),
            (urls.THEMES, "themes.md.j2", {}),
        ]
        plan += [(urls.theme_page(t), "theme.md.j2", {"theme": t}) for t in compact.themes]
        plan.append((urls.COMMITMENTS, "commitments.md.j2", {}))
        for theme in compact.themes:
            for index, commitment in enumerate(theme.commitments):
                neighbours = {
                    "previous": theme.commitments[index - 1] if index else None,
                    "next": theme.commitments[index + 1] if index + 1 < len(theme.commitments) else None,
                }
                plan.append(
                    (urls.commitment_page(commitment), "commitment.md.j2", {"c": commitment, **neighbours})
                )
        plan.append((urls.SECTORS, "sectors.md.j2", {}))
        plan += [(urls.sector_page(s), "sector.md.j2", {"sector": s}) for s in compact.sectors]
        plan.append((urls.GLOSSARY, "glossary.md.j2", {}))
        plan.append((urls.COMPLAINTS, "complaints.md.j2", {}))
        return {path: self.render(path, template, extra) for path, template, extra in plan}

    def render(self, page: str, template: str, extra: dict[str, Any]) -> str:
        def link(target: str, fragment: str = "") -> Markup:
            href = urls.relative(page, target)
            return Markup(href + (f"#{fragment}" if fragment else ""))

        context = {
            "compact": self.compact,
            "page": page,
            "urls": urls,
            "link": link,
            "anchor": lambda c: Markup(urls.anchor(c)),
            "permalink": lambda p: Markup(self.permalink(p)),
            "short_permalink": lambda p: Markup(self.short_permalink(p)),
            "citation": self.citation,
            "shared": self.shared_sector,
            "used_in": self.used_in,
            **extra,
        }
        return self.env.get_template(template).render(context)

    @property
    def shared_sector(self) -> Sector | None:
        return next((s for s in self.compact.sectors if s.key == "shared"), None)

    def used_in(self, term_key: str) -> list[Commitment]:
        return [c for c in self.compact.commitments if any(t.key == term_key for t in c.terms)]

    def navigation(self, extra_pages: Sequence[tuple[str, str]] = ()) -> list[Any]:
        """A small navigation: the commitment pages stay out of it (see the README)."""
        compact = self.compact
        nav: list[Any] = [
            {"Home": urls.HOME},
            {"About the Compact": urls.ABOUT},
            {"Values": urls.VALUES},
            {"Themes": [{"All themes": urls.THEMES}]
             + [{f"{t.number}. {t.title}": urls.theme_page(t)} for t in compact.themes]},
            {"Sectors": [{"All sectors": urls.SECTORS}]
             + [{s.name: urls.sector_page(s)} for s in compact.sectors]},
            {"All commitments": urls.COMMITMENTS},
            {"Complaints": urls.COMPLAINTS},
            {"Glossary": urls.GLOSSARY},
        ]
        nav += [{title: path} for title, path in extra_pages]
        return nav
