"""Which printable handouts exist, what each contains, and the facts about the built PDFs.

The plan (:func:`plan_handouts`) is pure data made from the model, so the PDF
templates, the site's links to handouts and the tests all read the same answer
to "which commitments are in this handout". Rendering is in
:mod:`generator.handouts.pdf`, imported only when PDFs are built, so a site
built with PDFs turned off never loads WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from generator import urls
from generator.model import Commitment, Compact, Passage, ProvisionList, Sector, Theme

DOWNLOADS_DIR = "downloads"

#: The kinds of handout, in the order the downloads page lists them.
HandoutKind = Literal["compact", "sector", "theme", "checklist"]



class PdfError(ValueError):
    """A problem with the PDF settings or fonts, reported in one sentence without a traceback
    (here, beside the plan, so that the plugin can catch it without loading WeasyPrint)."""


@dataclass(frozen=True)
class Group:
    """Commitments shown under one heading: one theme's, or one sector's within a theme."""

    heading: str
    running: str  # the running header ("Theme 1: …") on the pages that show the group
    commitments: tuple[Commitment, ...]
    anchor: str
    #: The document's own words that introduce the list ("The public sector undertakes to:").
    lead_in: str | None = None


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
class SummaryRow:
    """One row of a checklist's summary: a part of the document (or, in a document without parts,
    a list as the checklist shows it), with how many of the checklist's provisions it holds."""

    label: str
    count: int
    anchor: str  # where its first provision is in the handout (the summary prints its page)


@dataclass(frozen=True)
class Handout:
    """One printable PDF: its file name, title, web version and contents."""

    kind: HandoutKind
    slug: str
    title: str
    heading: str  # the cover's heading: the title without the Compact's name
    description: str
    running: str  # the short title in every page's running header
    web_page: str  # the page source (``sectors/vcs.md``) the cover's QR code points to
    sections: tuple[Section, ...]
    #: Keys of the themes the handout holds whole.
    themes: frozenset[str] = frozenset()
    #: Keys of the sectors whose commitments the handout holds whole.
    sectors: frozenset[str] = frozenset()
    #: Where its edition's files are: "" for the current edition's, "editions/<year>/" at an edition's address.
    prefix: str = ""
    #: A checklist's summary rows (other handouts have no summary).
    summary: tuple[SummaryRow, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.prefix}{DOWNLOADS_DIR}/{self.slug}.pdf"

    @property
    def commitments(self) -> list[Commitment]:
        return [c for section in self.sections for group in section.groups for c in group.commitments]

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.commitments]


def _list_groups(lists: Iterable[ProvisionList], compact: Compact, running: str, anchor: str) -> list[Group]:
    """Lists as the document prints them: under their own heading and lead-in where it gives them,
    else one group per sector (the sector's heading)."""
    groups: list[Group] = []
    for index, listed in enumerate(lists, start=1):
        if listed.heading is not None or listed.lead_in is not None:
            groups.append(Group(listed.heading or "", running, tuple(listed.commitments), f"{anchor}-list-{index}",
                                lead_in=listed.lead_in))
            continue
        for sector in compact.sectors:
            items = tuple(c for c in listed.commitments if c.sector.key == sector.key)
            if items:
                suffix = f"-{index}" if index > 1 else ""
                groups.append(Group(sector.heading, running, items, f"{anchor}-{sector.slug}{suffix}"))
    return groups


def _part_groups(part: Theme, compact: Compact, anchor: str) -> list[Group]:
    """A part's lists, then its nested parts' (each under the nested part's heading). Every heading
    in a nested part names it ("Chapter 1.1: Sharing plans — Pledges of local groups"): a group
    heading alone would read as a sibling of the nested part, not as within it."""
    groups = _list_groups(part.lists, compact, part.heading, anchor)
    for child in part.parts:
        for index, group in enumerate(_part_groups(child, compact, f"{anchor}-{child.slug}")):
            if index == 0 or group.heading:
                heading = f"{child.heading} — {group.heading}" if group.heading else child.heading
                group = Group(heading, group.running, group.commitments, group.anchor, group.lead_in)
            groups.append(group)
    return groups


def _theme_section(theme: Theme, compact: Compact, anchor: str) -> Section:
    """A theme with its commitments as the Compact prints them (see :func:`_list_groups`)."""
    label = theme.heading
    introduction = Passage(label, theme.introduction) if theme.introduction else None
    return Section(label, anchor, tuple(_part_groups(theme, compact, anchor)), label, introduction=introduction)


def _document_sections(compact: Compact) -> tuple[Section, ...]:
    """The whole document: its parts, or the lists of a document without parts."""
    if compact.themes:
        return tuple(_theme_section(t, compact, f"theme-{t.key}") for t in compact.themes)
    introduction = Passage(compact.words.Provisions, compact.lists_introduction) if compact.lists_introduction else None
    groups = tuple(_list_groups(compact.lists, compact, compact.cited_as, "provisions"))
    return (Section(compact.words.Provisions, "provisions", groups, compact.cited_as, introduction=introduction),)


def _sector_sections(sector: Sector, compact: Compact) -> tuple[Section, ...]:
    """A sector's own commitments by theme and, for the two sides, the shared ones too."""

    def section(heading: str, of: Sector, anchor: str, explanation: str) -> Section:  # one sector's, by theme
        groups = tuple(
            Group(t.heading, f"{heading} · {t.heading}", tuple(t.by_sector(of)), f"{anchor}-theme-{t.key}")
            for t in compact.themes
            if t.by_sector(of)
        ) if compact.themes else (Group("", heading, tuple(compact.in_sector(of)), f"{anchor}-all"),)
        return Section(heading, anchor, groups, heading, explanation=explanation)

    shared = compact.shared_sector
    if shared is None or sector.shared:
        return (section(sector.heading, sector, "own", sector.summary),)
    return (
        section(compact.own_heading(sector), sector, "own", sector.summary),
        section(shared.heading, shared, "shared", compact.shared_explanation(sector)),
    )


def _summary(sections: tuple[Section, ...], compact: Compact) -> tuple[SummaryRow, ...]:
    """One row per part the checklist holds, in the document's order; without parts, one per list."""
    groups = [(section, group) for section in sections for group in section.groups if group.commitments]
    if not compact.themes:
        return tuple(SummaryRow(group.heading or section.heading, len(group.commitments), group.anchor)
                     for section, group in groups)
    rows = []
    for theme in compact.themes:
        held = [(group.anchor, sum(c in theme.commitments for c in group.commitments)) for _, group in groups]
        held = [(anchor, count) for anchor, count in held if count]
        if held:
            rows.append(SummaryRow(theme.heading, sum(count for _, count in held), held[0][0]))
    return tuple(rows)


def plan_handouts(compact: Compact, pages: urls.Pages = urls.CURRENT) -> list[Handout]:
    """Every handout of an edition, in the order the downloads page lists them (``pages``: where
    the edition's pages and files are)."""
    name, words = compact.cited_as, compact.words
    handouts = [
        Handout(
            kind="compact",
            slug=f"{compact.slug}-{compact.edition_key}",
            title=name,
            heading=name,
            description=_whole_description(compact),
            running=name,
            web_page=pages.EDITION if pages.archived else pages.HOME,
            sections=_document_sections(compact),
            themes=frozenset(t.key for t in compact.themes),
            sectors=frozenset(s.key for s in compact.sectors),
            prefix=pages.prefix,
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
                web_page=pages.sector_page(sector),
                sections=_sector_sections(sector, compact),
                sectors=frozenset({sector.key}),
                prefix=pages.prefix,
            )
        )
    for theme in compact.themes:
        handouts.append(
            Handout(
                kind="theme",
                slug=f"theme-{theme.slug}",
                title=f"{theme.heading} — {name}",
                heading=theme.heading,
                description=(
                    f"The {words.part}'s introduction and its {words.count(len(theme.commitments))}."
                    if theme.introduction
                    else f"The {words.part}'s {words.count(len(theme.commitments))}."
                ),
                running=f"{name}: {theme.named}",
                web_page=pages.theme_page(theme),
                sections=(_theme_section(theme, compact, f"theme-{theme.key}"),),
                themes=frozenset({theme.key}),
                prefix=pages.prefix,
            )
        )
    by = words.part if compact.themes else "list"  # the checklist's summary has a row for each
    for sector in compact.sectors:
        sections = _sector_sections(sector, compact)
        handouts.append(
            Handout(
                kind="checklist",
                slug=f"checklist-{sector.slug}",
                title=f"Self-assessment checklist: {sector.heading} — {name}",
                heading=f"Self-assessment checklist: {sector.heading}",
                description=f"Each {words.provision} with boxes for met, partly or not yet, and room for notes, "
                f"for partners reviewing how they keep the Compact; then a summary by {by} and an action plan.",
                running=f"{name}: checklist, {sector.heading}",
                web_page=pages.sector_page(sector),
                sections=sections,
                sectors=frozenset({sector.key}),
                prefix=pages.prefix,
                summary=_summary(sections, compact),
            )
        )
    return handouts


def _whole_description(compact: Compact) -> str:
    """What the whole document's PDF holds, from the parts this Compact has."""
    parts = [p for p, present in (
        ("introduction", compact.introduction), ("values", compact.values),
    ) if present]
    if compact.outcomes:
        parts.append("its outcomes")
    parts.append(f"every {compact.words.part} with all its {compact.words.provisions}" if compact.themes
                 else f"all its {compact.words.provisions}")
    if compact.resolving_complaints:
        parts.append(compact.resolving_complaints.heading.lower())
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]
    return f"{compact.whole}: {listed}."


def _sector_description(sector: Sector, compact: Compact) -> str:
    shared = compact.shared_sector
    own, words = len(compact.in_sector(sector)), compact.words
    if sector.shared:
        return f"The {words.count(own)} that bind {compact.shared_binds}."
    if shared is None:
        return f"The sector's {words.count(own)}."
    return (
        f"The sector's {own} own {words.provisions} and, in a section of their own, "
        f"the {len(compact.in_sector(shared))} shared {words.provisions}."
    )


# -- facts about built PDFs, for the site's pages ----------------------------


class Status(StrEnum):
    """How far a handout of this build is made (a full build's are all ``READY``)."""

    #: Laid out for this build's data: linked, as in a full build.
    READY = "ready"
    #: ``mkdocs serve``: not laid out yet, and never served before: no bytes, no link.
    PENDING = "pending"
    #: ``mkdocs serve``: being laid out again after an edit; meanwhile the last PDF served stands
    #: in, so that the pages listing it need not change until the new one is ready.
    STALE = "stale"


@dataclass(frozen=True)
class HandoutFile:
    """A rendered handout: the PDF's bytes and what the downloads page says about it."""

    handout: Handout
    content: bytes
    pages: int
    status: Status = Status.READY

    @property
    def served(self) -> bool:
        """Whether the build has bytes to serve at its address (its own or, stale, the last ones)."""
        return self.status is not Status.PENDING

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
    #: ``(path, description)`` of the open data files, in the order they are listed.
    data_files: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_outputs(
        cls, handouts: Iterable[HandoutFile], outputs: Mapping[str, bytes], data_files: Iterable[tuple[str, str]] = ()
    ) -> Downloads:
        return cls(list(handouts), {path: len(content) for path, content in sorted(outputs.items())}, tuple(data_files))

    def of_kind(self, kind: HandoutKind) -> list[HandoutFile]:
        return [h for h in self.handouts if h.handout.kind == kind]

    def containing(self, item: Commitment | Theme | Sector) -> list[HandoutFile]:
        """The handouts that contain a commitment, or a whole theme or sector."""
        if isinstance(item, Commitment):
            return [h for h in self.handouts if item.id in h.handout.ids]
        if isinstance(item, Theme):
            return [h for h in self.handouts if item.key in h.handout.themes]
        return [h for h in self.handouts if item.key in h.handout.sectors]

    def size_label(self, path: str) -> str:
        return size_label(self.files[path])

    def open_data(self) -> list[tuple[str, str]]:
        """``(path, description)`` of the open data files in this build."""
        return [(path, what) for path, what in self.data_files if path in self.files]
