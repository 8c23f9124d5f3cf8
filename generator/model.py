"""The Compact as a typed, cross-linked model: what every output is rendered from.

Built by :func:`generator.load.load_compact` after every check has passed, so
code that uses the model can trust it: every key resolves, ids are unique
and in order, and related links run both ways.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

#: The key (in sectors.yaml) of the commitments that bind both the public sector and the VCS.
SHARED = "shared"


@dataclass(frozen=True)
class Passage:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """A footnote or a document the Compact cites."""

    key: str
    label: str
    text: str
    note: str | None = None


@dataclass(frozen=True)
class Value:
    key: str
    text: str
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Sector:
    key: str
    name: str
    heading: str
    slug: str
    summary: str


@dataclass(frozen=True)
class Topic:
    key: str
    name: str


@dataclass(frozen=True)
class GlossaryTerm:
    key: str
    term: str
    abbr: str | None
    matches: tuple[str, ...]
    source: str  # "compact" (the Compact's own words) or "explanatory" (ours)
    where: str | None
    definition: str


@dataclass(eq=False)
class Commitment:
    id: str
    sector: Sector
    text: str
    theme: Theme = field(repr=False)
    references: tuple[Reference, ...] = ()
    topics: tuple[Topic, ...] = ()
    terms: tuple[GlossaryTerm, ...] = ()
    #: Filled in both directions once every theme is loaded.
    related: tuple[Commitment, ...] = field(default=(), repr=False)

    @property
    def number(self) -> tuple[int, int]:
        theme, position = self.id.split(".")
        return int(theme), int(position)


@dataclass(eq=False)
class Theme:
    number: int
    title: str
    slug: str
    introduction: tuple[str, ...]
    commitments: list[Commitment] = field(default_factory=list, repr=False)

    def by_sector(self, sector: Sector) -> list[Commitment]:
        return [c for c in self.commitments if c.sector.key == sector.key]


@dataclass(frozen=True)
class ComplaintLink:
    text: str
    page: str  # a name such as "commitments": ``generator.urls`` has it in upper case


@dataclass(frozen=True)
class ComplaintStep:
    """One numbered step of the complaints guide: our explanatory words, plus quotes."""

    key: str
    title: str
    paragraphs: tuple[str, ...]
    checklist: tuple[str, ...] = ()
    links: tuple[ComplaintLink, ...] = ()
    #: The Compact's own passages, shown verbatim and marked as official text.
    quotes: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class ComplaintsGuide:
    """The step-by-step guide on /complaints/ (``complaints.yaml``)."""

    title: str
    introduction: tuple[str, ...]
    steps: tuple[ComplaintStep, ...]
    summary_fields: tuple[str, ...]


@dataclass(eq=False)
class Redirect:
    """What became of an old commitment id (``redirects.yaml``): its URL must keep working."""

    old: str
    action: str  # "moved", "merged" or "withdrawn"
    target: Commitment | None  # the current commitment, unless withdrawn
    date: datetime.date
    note: str
    text: str | None = None  # the old commitment's words, if given

    @property
    def theme_number(self) -> int:
        return int(self.old.split(".")[0])


@dataclass(frozen=True)
class NationalCompact:
    lead_in: str
    outcomes: tuple[str, ...]
    references: tuple[Reference, ...]


@dataclass(eq=False)
class Compact:
    title: str
    edition: int
    subtitle: str
    introduction: Passage
    national_compact: NationalCompact
    our_commitments: Passage
    partners_group: Passage
    values_preamble: Passage
    themes_preamble: Passage
    resolving_complaints: Passage
    compact_and_you: Passage
    values: tuple[Value, ...]
    sectors: tuple[Sector, ...]
    themes: tuple[Theme, ...]
    references: tuple[Reference, ...]
    topics: tuple[Topic, ...]
    glossary: tuple[GlossaryTerm, ...]
    complaints: ComplaintsGuide
    #: Old commitment ids and what became of them, in the file's order.
    redirects: tuple[Redirect, ...] = ()

    @property
    def commitments(self) -> list[Commitment]:
        """All commitments in the document's order."""
        return [c for theme in self.themes for c in theme.commitments]

    def commitment(self, commitment_id: str) -> Commitment:
        for commitment in self.commitments:
            if commitment.id == commitment_id:
                return commitment
        raise KeyError(commitment_id)

    def sector(self, key: str) -> Sector:
        return next(s for s in self.sectors if s.key == key)

    @property
    def shared_sector(self) -> Sector | None:
        """The sector whose commitments bind both sides, listed on the other sectors' views too."""
        return next((s for s in self.sectors if s.key == SHARED), None)

    def in_sector(self, sector: Sector) -> list[Commitment]:
        return [c for c in self.commitments if c.sector.key == sector.key]
