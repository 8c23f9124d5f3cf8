"""Which printable handouts exist, what each contains, and the facts about the built PDFs.

The plan (:func:`plan_handouts`) is pure data made from the model, so the PDF
templates, the site's links to handouts and the tests all read the same answer
to "which commitments are in this handout". Rendering is in
:mod:`generator.pdf`, imported only when PDFs are built, so a site built with
PDFs turned off never loads WeasyPrint.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import urls
from generator.model import Commitment, Compact, Passage, Sector, Theme

if TYPE_CHECKING:
    from generator.render import Renderer

DOWNLOADS_DIR = "downloads"

#: Open data files (written by :mod:`generator.open_data`) that the downloads
#: page lists when, and only when, the build contains them.
OPEN_DATA = (
    ("data/compact.json", "The whole Compact in the document's order, as JSON"),
    ("data/commitments.csv", "Every commitment, one a row, as CSV for spreadsheets"),
    ("data/compact.schema.json", "The JSON Schema that describes compact.json"),
)


@dataclass(frozen=True)
class Group:
    """Commitments shown under one heading: one theme's, or one sector's within a theme."""

    heading: str
    running: str  # the running header ("Theme 1: …") on the pages that show the group
    commitments: tuple[Commitment, ...]
    anchor: str


@dataclass(frozen=True)
class Section:
    """A top-level part of a handout (a theme, a sector's own commitments, the shared ones)."""

    heading: str
    anchor: str
    groups: tuple[Group, ...]
    running: str  # the running header on pages before its first group
    introduction: Passage | None = None  # the Compact's own words that open the section
    explanation: str | None = None  # our explanatory text, marked as such


@dataclass(frozen=True)
class Handout:
    """One printable PDF: its file name, title, web version and contents."""

    kind: str
    slug: str
    title: str
    heading: str  # the cover's heading: the title without the Compact's name
    description: str
    running: str  # the short title in every page's running header
    web_page: str  # the page source (``sectors/vcs.md``) the cover's QR code points to
    sections: tuple[Section, ...]
    #: Keys of what the handout covers whole: ``theme:1``, ``sector:vcs``, ``compact``.
    covers: frozenset[str] = field(default_factory=frozenset)

    @property
    def path(self) -> str:
        return f"{DOWNLOADS_DIR}/{self.slug}.pdf"

    @property
    def commitments(self) -> list[Commitment]:
        return [c for section in self.sections for group in section.groups for c in group.commitments]

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.commitments]


def _theme_label(theme: Theme) -> str:
    return f"Theme {theme.number}: {theme.title}"


def _theme_section(theme: Theme, compact: Compact, anchor: str) -> Section:
    """A theme with its commitments grouped by sector, as the Compact prints it."""
    groups = tuple(
        Group(sector.heading, _theme_label(theme), tuple(theme.by_sector(sector)), f"{anchor}-{sector.slug}")
        for sector in compact.sectors
        if theme.by_sector(sector)
    )
    introduction = Passage(_theme_label(theme), theme.introduction) if theme.introduction else None
    return Section(_theme_label(theme), anchor, groups, _theme_label(theme), introduction=introduction)


def _sector_sections(sector: Sector, compact: Compact) -> tuple[Section, ...]:
    """A sector's own commitments by theme and, for the two sides, the shared ones too."""

    def section(heading: str, of: Sector, anchor: str, explanation: str) -> Section:
        groups = tuple(
            Group(
                _theme_label(t), f"{heading} · {_theme_label(t)}", tuple(t.by_sector(of)), f"{anchor}-theme-{t.number}"
            )
            for t in compact.themes
            if t.by_sector(of)
        )
        return Section(heading, anchor, groups, heading, explanation=explanation)

    shared = compact.shared_sector
    if shared is None or sector.key == shared.key:
        return (section(sector.heading, sector, "own", sector.summary),)
    count = len(compact.in_sector(shared))
    return (
        section(f"The {sector.name}'s own commitments", sector, "own", sector.summary),
        section(
            shared.heading,
            shared,
            "shared",
            f"These {count} commitments bind both the public sector and the VCS, "
            f"so they apply to the {sector.name} too.",
        ),
    )


def plan_handouts(compact: Compact) -> list[Handout]:
    """Every handout, in the order the downloads page lists them."""
    name = f"{compact.title} ({compact.edition})"
    handouts = [
        Handout(
            kind="compact",
            slug=f"bristol-compact-{compact.edition}",
            title=name,
            heading=name,
            description="The whole Compact: introduction, values, every theme with all its "
            "commitments, and resolving complaints.",
            running=name,
            web_page=urls.HOME,
            sections=tuple(_theme_section(t, compact, f"theme-{t.number}") for t in compact.themes),
            covers=frozenset({"compact"} | {f"theme:{t.number}" for t in compact.themes}
                             | {f"sector:{s.key}" for s in compact.sectors}),
        )
    ]
    for sector in compact.sectors:
        handouts.append(
            Handout(
                kind="sector",
                slug=f"sector-{sector.slug}",
                title=f"{sector.heading} — {name}",
                heading=sector.heading,
                description=_sector_description(sector, compact),
                running=f"{name}: {sector.heading}",
                web_page=urls.sector_page(sector),
                sections=_sector_sections(sector, compact),
                covers=frozenset({f"sector:{sector.key}"}),
            )
        )
    for theme in compact.themes:
        handouts.append(
            Handout(
                kind="theme",
                slug=f"theme-{theme.slug}",
                title=f"{_theme_label(theme)} — {name}",
                heading=_theme_label(theme),
                description=(
                    f"The theme's introduction and its {len(theme.commitments)} commitments."
                    if theme.introduction
                    else f"The theme's {len(theme.commitments)} commitments."
                ),
                running=f"{name}: theme {theme.number}",
                web_page=urls.theme_page(theme),
                sections=(_theme_section(theme, compact, f"theme-{theme.number}"),),
                covers=frozenset({f"theme:{theme.number}"}),
            )
        )
    for sector in compact.sectors:
        handouts.append(
            Handout(
                kind="checklist",
                slug=f"checklist-{sector.slug}",
                title=f"Self-assessment checklist: {sector.heading} — {name}",
                heading=f"Self-assessment checklist: {sector.heading}",
                description="Each commitment with boxes for met, partly or not yet, and room for notes, "
                "for partners reviewing how they keep the Compact.",
                running=f"{name}: checklist, {sector.heading}",
                web_page=urls.sector_page(sector),
                sections=_sector_sections(sector, compact),
                covers=frozenset({f"sector:{sector.key}"}),
            )
        )
    return handouts


def _sector_description(sector: Sector, compact: Compact) -> str:
    shared = compact.shared_sector
    own = len(compact.in_sector(sector))
    if shared is None or sector.key == shared.key:
        return f"The {own} commitments that bind both the public sector and the VCS."
    return (
        f"The sector's {own} own commitments and, in a section of their own, "
        f"the {len(compact.in_sector(shared))} shared commitments."
    )


# -- facts about built PDFs, for the site's pages ----------------------------


@dataclass(frozen=True)
class HandoutFile:
    """A rendered handout: the PDF's bytes and what the downloads page says about it."""

    handout: Handout
    content: bytes
    pages: int

    @property
    def path(self) -> str:
        return self.handout.path

    @property
    def title(self) -> str:
        return self.handout.title

    @property
    def size(self) -> int:
        return len(self.content)


def size_label(size: int) -> str:
    """A file size as people read it: ``180 KB``, ``1.2 MB``."""
    if size < 1000 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass
class Downloads:
    """What the site's pages may link to: the built handouts and other generated files.

    Empty when PDFs are turned off, so that no page links to a file that is
    not in the build.
    """

    handouts: list[HandoutFile] = field(default_factory=list)
    #: Every generated non-page output in the build (path → size in bytes).
    files: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_outputs(cls, handouts: Iterable[HandoutFile], outputs: Mapping[str, bytes]) -> Downloads:
        return cls(list(handouts), {path: len(content) for path, content in sorted(outputs.items())})

    def of_kind(self, kind: str) -> list[HandoutFile]:
        return [h for h in self.handouts if h.handout.kind == kind]

    def containing(self, item: Commitment | Theme | Sector) -> list[HandoutFile]:
        """The handouts that contain a commitment, or a whole theme or sector."""
        if isinstance(item, Commitment):
            return [h for h in self.handouts if item.id in h.handout.ids]
        key = f"theme:{item.number}" if isinstance(item, Theme) else f"sector:{item.key}"
        return [h for h in self.handouts if key in h.handout.covers]

    def size_label(self, path: str) -> str:
        return size_label(self.files[path])

    def open_data(self) -> list[tuple[str, str]]:
        """``(path, description)`` of the open data files in this build."""
        return [(path, what) for path, what in OPEN_DATA if path in self.files]


def build_all(
    renderer: Renderer, handouts: Iterable[Handout] | None = None, override_dirs: Sequence[Path] = ()
) -> list[HandoutFile]:
    """Render every handout (or the given ones) to PDF bytes; the function benchmarks time."""
    from generator.pdf import PdfRenderer

    pdf = PdfRenderer(renderer, override_dirs)
    plan = plan_handouts(renderer.compact) if handouts is None else list(handouts)
    return pdf.render_all(plan)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the layout workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speed_figure(renderer: Renderer) -> str:
    """Build every handout once and say how fast: ``all handouts in N s, P pages/s``."""
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    files = build_all(renderer)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    pages = sum(f.pages for f in files)
    # CPU time too: on a shared machine the wall-clock figure says more about the neighbours.
    return (
        f"all handouts ({len(files)} PDFs, {pages} pages) in {seconds:.1f} s, "
        f"{pages / seconds:.1f} pages/s ({cpu:.1f} s of CPU, {pages / cpu:.1f} pages per CPU-second)"
    )


def main() -> None:
    """``python -m generator.handouts [DATA_DIR]``: print the speed figure."""
    import sys

    from generator.load import load_compact
    from generator.render import Renderer

    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("compact_data")
    print(speed_figure(Renderer(load_compact(data))))


if __name__ == "__main__":
    main()
