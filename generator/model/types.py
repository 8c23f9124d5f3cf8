"""The Compact as a typed, cross-linked model: what every output is rendered from.

Built by :func:`generator.model.load_compact` after every check has passed, so
code that uses the model can trust it: every key resolves, ids are unique
and in order, and related links run both ways. Every fact about the document
(its name, edition, sectors and passages) is here, from the data; rules that
outputs share, such as which commitments bind a sector, are methods here, once.

Every object is frozen and made whole, from parts made before it: a provision names its part
by a :class:`PartName` (the :class:`Theme` holds the provisions) and its related ones by their
:class:`ProvisionName`, and an edition holds the one before it (:mod:`generator.model.history`),
never a later one. What is worked out from them (an edition's history, its old addresses) is a
cached property.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.model.history import Changes, History, Redirect
from generator.model.published import ComplaintsProcedure, Licence

#: Who wrote a glossary definition: the Compact itself, or this site.
DefinitionSource = Literal["compact", "explanatory"]
#: What the list of all provisions can be narrowed by (the filter's fields, in its order).
Filter = Literal["theme", "sector", "topic"]
#: Whether the document prints a number for its provisions: for every one, for some, or for none.
Numbering = Literal["all", "some", "none"]
#: The document's passages outside the themes (attributes of :class:`Compact`), in its order.
PASSAGES = (
    "introduction", "our_commitments", "partners_group", "values_preamble",
    "themes_preamble", "resolving_complaints", "compact_and_you",
)


@dataclass(frozen=True)
class Words:
    """What the document calls its provisions and its parts ("commitment", "theme"), as a sentence
    writes them; the capitalised forms start a sentence or a title."""

    provision: str
    provisions: str
    part: str
    parts: str

    @property
    def Provision(self) -> str:  # noqa: N802 - read in templates as the capitalised word
        return capfirst(self.provision)

    @property
    def Provisions(self) -> str:  # noqa: N802
        return capfirst(self.provisions)

    @property
    def Part(self) -> str:  # noqa: N802
        return capfirst(self.part)

    @property
    def Parts(self) -> str:  # noqa: N802
        return capfirst(self.parts)

    @property
    def a_provision(self) -> str:
        """"a commitment", "an undertaking"."""
        return with_article(self.provision)

    @property
    def a_part(self) -> str:
        return with_article(self.part)

    def count(self, number: int) -> str:
        """A number of provisions: "1 commitment", "54 commitments"."""
        return f"{number} {self.provision if number == 1 else self.provisions}"


def with_article(word: str) -> str:
    """The indefinite article by the word's first letter: right for the words documents use."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


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
    #: False for a document the Compact cites in its running text, not in a footnote.
    footnote: bool = True


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
    #: How a sentence names it: "the public sector".
    in_text: str
    #: Its commitments bind every other sector too.
    shared: bool = False



@dataclass(frozen=True)
class Topic:
    """Our own grouping of the provisions; ``question`` and ``summary`` are our explanatory words too."""

    key: str
    name: str
    #: A common situation in the reader's words: the home page offers it first.
    question: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class GlossaryTerm:
    key: str
    term: str
    abbr: str | None
    matches: tuple[str, ...]
    source: DefinitionSource
    where: str | None
    definition: str


@dataclass(frozen=True, eq=False)
class ProvisionName:
    """A provision as another's list of related provisions shows it: its id, number, name, words and sector.

    Related links run both ways, so a provision holds its related ones' names, not the provisions,
    each of which would hold the other: the names are made first, then the provisions (a
    :class:`Commitment` is a name with the rest).
    """

    #: Its permanent key (its address).
    id: str
    sector: Sector
    text: str
    #: The number the document prints for it, if it prints one.
    number: str | None = None
    #: Its number as a short reference gives it: "1.4", or "3 (Funding)" where the document prints
    #: that number for more than one provision (numbers that restart in each part); None if it has none.
    short_number: str | None = None
    #: How a sentence names it: "commitment 1.4", "undertaking 3 (Funding code)", 'principle “Share…”'.
    name: str = ""

    @property
    def Name(self) -> str:  # noqa: N802 - read in templates as the name that starts a sentence
        return capfirst(self.name)

    @property
    def ref(self) -> str:
        """How a short reference gives it: its number ("1.4"), or its name where it has none."""
        return self.short_number if self.short_number is not None else self.name


@dataclass(frozen=True, eq=False, kw_only=True)
class Commitment(ProvisionName):
    """A provision, whatever the document calls it. ``id`` is its permanent key (its address);
    ``number`` what the document prints, if anything."""

    #: The name of the top-level part it is in (None in a document without parts).
    theme: PartName | None = field(repr=False)
    references: tuple[Reference, ...] = ()
    topics: tuple[Topic, ...] = ()
    terms: tuple[GlossaryTerm, ...] = ()
    #: Its related provisions in its edition, by name, in the document's order (links run both ways).
    related: tuple[ProvisionName, ...] = field(default=(), repr=False)
    #: The name of the innermost part it is in (its theme, or a part nested in it).
    part: PartName | None = field(default=None, repr=False)
    #: Readers' words that search finds it by (``search.yaml``): ours, never shown as its text.
    search_words: tuple[str, ...] = ()
    #: The lead-in of the list it is in, which its words continue ("The public sector undertakes to:"):
    #: official text, shown before its words where it stands alone.
    lead_in: str | None = None


@dataclass(frozen=True, eq=False)
class ProvisionList:
    """A list of provisions as the document prints it, with its own heading and lead-in (official)."""

    heading: str | None
    lead_in: str | None
    commitments: tuple[Commitment, ...] = field(default=(), repr=False)


@dataclass(frozen=True, eq=False)
class PartName:
    """A part as what is in it names it: its number, title and headings, and the name of the part it is in.

    A provision holds its part's name, not the part, which holds the provision: the name is made first,
    then the provisions, then the part (a :class:`Theme` is a name with its contents).
    """

    #: What the document prints for it ("1", "1.2"), if anything.
    number: str | None
    title: str
    slug: str
    #: "Theme 1: Allocating resources", or the title alone where the document prints no number.
    heading: str
    #: How a sentence names it: "theme 1", or its title where the document prints no number.
    named: str
    #: The part it is nested in, if any.
    parent: PartName | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        """What names it in filters and anchors: its printed number, else its slug."""
        return self.number if self.number is not None else self.slug

    @property
    def heading_in_text(self) -> str:
        """Its heading in the middle of a sentence: "theme 1: Allocating resources", or the title alone."""
        return f"{self.named}: {self.title}" if self.number is not None else self.title

    @property
    def short(self) -> str:
        """Its title in a list: "1. Allocating resources", or the title alone."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


@dataclass(frozen=True, eq=False, kw_only=True)
class Theme(PartName):
    """A part of the document (a theme, section, area, code…); parts nest as the document's do."""

    introduction: tuple[str, ...]
    #: Every provision in it, its nested parts' too, in the document's order.
    commitments: tuple[Commitment, ...] = field(default=(), repr=False)
    lists: tuple[ProvisionList, ...] = field(default=(), repr=False)
    parts: tuple[Theme, ...] = field(default=(), repr=False)

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
    #: The procedure the document names, if the data gives it (``url`` None: not published).
    procedure: ComplaintsProcedure | None = None


@dataclass(frozen=True)
class PrintedAddress:
    """An address on this site that the Compact's words print (``compact.yaml``): served, and linked."""

    text: str
    #: Its path on the site, as a page source would be served: "" (home), "compact-partners-group/".
    path: str
    #: What is served there: a site page's name ("home", "partners-group") or a hand-written page's file.
    page: str
    #: Where the data gives it (``file:line:col``), for the build's message if it is not served.
    where: str


@dataclass(frozen=True)
class GroupMember:
    organisation: str
    sector: Sector
    role: str | None = None


@dataclass(frozen=True)
class GroupRecord:
    date: datetime.date
    kind: Literal["meeting", "report", "decision"]
    title: str
    summary: str | None = None
    link: str | None = None
    #: A file in the data folder's ``partners-group/``: published beside the Group's page.
    document: str | None = None


@dataclass(frozen=True)
class PartnersGroup:
    """The body the Compact says oversees it, and what it publishes (``partners-group.yaml``).

    With no data file the page says that its membership and record will be published there.
    """

    #: Its page is ``/<slug>/``: the address the Compact prints for it, if it prints one.
    slug: str
    members: tuple[GroupMember, ...] = ()
    #: Newest first.
    records: tuple[GroupRecord, ...] = ()
    email: str | None = None
    url: str | None = None
    #: Whether the Group has published any data (the file exists).
    published: bool = False
    #: The folder its documents are in.
    documents: Path | None = None

    @property
    def contact(self) -> bool:
        return bool(self.email or self.url)


@dataclass(frozen=True)
class AccessibilityStatement:
    """The facts of the website's accessibility statement (``accessibility.yaml``); its words are the template's.

    With no contact of its own, the statement sends readers to the Partners' Group's page
    (checked with the data: a Compact without a Group must give a contact).
    """

    prepared: datetime.date
    reviewed: datetime.date | None = None
    tested: datetime.date | None = None
    email: str | None = None
    url: str | None = None

    @property
    def contact(self) -> bool:
        return bool(self.email or self.url)


@dataclass(frozen=True)
class Outcomes:
    """The outcomes the document itself sets out (official text)."""

    heading: str | None
    lead_in: str | None
    items: tuple[str, ...]
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class NationalCompact:
    lead_in: str
    outcomes: tuple[str, ...]
    references: tuple[Reference, ...]


def as_data(number: str | None) -> int | str | None:
    """A printed number as data files give it: a whole number as a number, anything else as text."""
    return int(number) if number is not None and number.isdigit() else number


def edition_key(edition: int | str) -> str:
    """An edition as addresses and file names give it: anything but digits made a hyphen ("2019/22" → "2019-22")."""
    return "-".join(part for part in re.split(r"[^0-9]+", str(edition)) if part)


def capfirst(text: str) -> str:
    """A phrase from the data at the start of a sentence: "the council" → "The council"."""
    return text[:1].upper() + text[1:]


def join_names(items: Iterable[str], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B and C``: a list as a sentence gives it (or ``A, B or C``)."""
    names = list(items)
    if len(names) <= 2:
        return f" {conjunction} ".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


@dataclass(frozen=True, eq=False)
class Compact:
    title: str
    #: How a sentence names it: "the Riverford Compact".
    name_in_text: str
    #: How running text refers to it: "the Compact".
    short_name: str
    #: What the document calls its provisions and parts.
    words: Words
    #: The edition as the document prints it: a year (2012) or a label ("2019/22").
    edition: int | str
    #: The line under the title on the cover, if the document has one.
    subtitle: str | None
    #: The whole document's PDF is ``<slug>-<edition>.pdf``.
    slug: str
    #: The site's one-sentence description and footer line.
    description: str
    copyright: str
    values: tuple[Value, ...]
    sectors: tuple[Sector, ...]
    themes: tuple[Theme, ...]
    references: tuple[Reference, ...]
    topics: tuple[Topic, ...]
    glossary: tuple[GlossaryTerm, ...]
    complaints: ComplaintsGuide
    #: The body that keeps the Compact, if the data names one.
    keeper: str | None = None
    #: The source text the official words were checked against, if any.
    source: Path | None = None
    # The document's passages outside the themes; a Compact may lack any of them.
    introduction: Passage | None = None
    #: The outcomes the document sets out itself, if any.
    outcomes: Outcomes | None = None
    national_compact: NationalCompact | None = None
    our_commitments: Passage | None = None
    partners_group: Passage | None = None
    values_preamble: Passage | None = None
    themes_preamble: Passage | None = None
    resolving_complaints: Passage | None = None
    compact_and_you: Passage | None = None
    #: When this edition was adopted, if the data says.
    adopted: datetime.date | None = None
    #: Addresses on this site that the document prints.
    printed_addresses: tuple[PrintedAddress, ...] = ()
    #: The body that oversees the Compact, if the document has a passage about it.
    group: PartnersGroup | None = None
    #: The website's accessibility statement, if the data gives its facts (``accessibility.yaml``).
    accessibility: AccessibilityStatement | None = None
    #: The lists of a document without parts (its provisions are in no theme).
    lists: tuple[ProvisionList, ...] = ()
    #: The introduction of a document without parts, before its lists.
    lists_introduction: tuple[str, ...] = ()
    #: The terms of reuse, if the data states them (``licence:``): never guessed.
    licence: Licence | None = None
    #: False for an earlier edition (``editions/<year>/``): the current one is the data folder's own.
    is_current: bool = True
    #: How it follows from the edition before it, which that holds (None for the first edition).
    changes: Changes | None = field(default=None, repr=False)

    @property
    def edition_key(self) -> str:
        """The edition in addresses and file names: "2012", "2019-22"."""
        return edition_key(self.edition)

    @property
    def year(self) -> int:
        """The year it was adopted (dates in files), from its date or the year its label starts with."""
        return self.adopted.year if self.adopted is not None else int(str(self.edition)[:4])

    @property
    def whole(self) -> str:
        """How a heading names all of it, as running text names it: "The whole Compact", "The whole Local Compact"."""
        name = self.short_name
        return f"The whole {name[4:] if name[:4].lower() == 'the ' else name}"

    @property
    def label(self) -> str:
        """The name and edition, as official-text labels give them: "the Riverford Compact (2031)"."""
        return f"{self.name_in_text} ({self.edition})"

    @property
    def cited_as(self) -> str:
        """The name and edition as a citation starts: "Riverford Compact (2031)"."""
        return f"{self.title} ({self.edition})"

    @functools.cached_property
    def history(self) -> History:
        """This edition and every one before it, and the steps between them (the current edition's: all)."""
        return History.of(self)

    @functools.cached_property
    def redirects(self) -> tuple[Redirect, ...]:
        """Old commitment addresses and what became of them, by id: the current edition's (made from the
        editions); an earlier edition's pages are at its own address and have none."""
        return self.history.redirects if self.is_current else ()

    @functools.cached_property
    def commitments(self) -> tuple[Commitment, ...]:
        """All commitments in the document's order."""
        return tuple(c for lst in self.lists for c in lst.commitments) + tuple(c for t in self.themes
                                                                                for c in t.commitments)

    @functools.cached_property
    def all_parts(self) -> tuple[Theme, ...]:
        """Every part, nested ones too, in the document's order."""

        def walk(parts: Iterable[Theme]) -> Iterator[Theme]:
            for part in parts:
                yield part
                yield from walk(part.parts)

        return tuple(walk(self.themes))

    @functools.cached_property
    def _by_id(self) -> dict[str, Commitment]:
        return {c.id: c for c in self.commitments}

    def commitment(self, commitment_id: str) -> Commitment:
        return self._by_id[commitment_id]

    def find(self, commitment_id: str) -> Commitment | None:
        """The commitment with this id in this edition, if it has one."""
        return self._by_id.get(commitment_id)

    @property
    def filters(self) -> list[Filter]:
        """The filter's fields that would narrow the list: a field with one choice, or none, would
        only show every provision again (a single party; no topics; no parts)."""
        found: list[Filter] = ["theme"] if self.themes else []
        return found + (["sector"] if len(self.sectors) > 1 else []) + (["topic"] if self.topics else [])

    @property
    def numbering(self) -> Numbering:
        """Whether its provisions carry printed numbers, so that the pages never promise a number
        a provision does not have ("each principle carries its number")."""
        numbered = sum(c.number is not None for c in self.commitments)
        return "all" if numbered == len(self.commitments) else "none" if numbered == 0 else "some"

    @property
    def goto_numbers(self) -> bool:
        """Whether a reader can go to a provision by its number: every one has a number, and it is its address."""
        return bool(self.commitments) and all(c.number == c.id for c in self.commitments)

    @property
    def numbering_example(self) -> tuple[str, str, str] | None:
        """How numbers are made, shown by the first provision, when it is numbered within its part:
        ("1.4", "1", "4"); None for any other numbering."""
        first = self.commitments[0] if self.commitments else None
        if first is None or first.number is None or first.part is None or first.part.number is None:
            return None
        part_number, _, position = first.number.rpartition(".")
        return (first.number, part_number, position) if part_number == first.part.number else None

    def sector(self, key: str) -> Sector:
        return next(s for s in self.sectors if s.key == key)

    @property
    def situations(self) -> tuple[Topic, ...]:
        """The topics that give a question: the common situations the home page offers first."""
        return tuple(t for t in self.topics if t.question)

    def on_topic(self, topic: Topic) -> list[Commitment]:
        """The provisions a topic groups, in the document's order."""
        return [c for c in self.commitments if topic in c.topics]

    @property
    def shared_sector(self) -> Sector | None:
        """The sector whose commitments bind every other sector too, if the Compact has one."""
        return next((s for s in self.sectors if s.shared), None)

    @property
    def sides(self) -> list[Sector]:
        """The sectors that are not the shared one: the parties to the Compact."""
        return [s for s in self.sectors if not s.shared]

    @property
    def shared_binds(self) -> str:
        """Whom a shared commitment binds, in words: "both the council and the charities"."""
        names = [s.in_text for s in self.sides]
        if len(names) == 2:
            return "both " + join_names(names)
        if len(names) > 2:
            return "all of " + join_names(names)
        return join_names(names)

    @property
    def together(self) -> str:
        """The word for all the sides at once: "both" for two, "all" for more."""
        return "both" if len(self.sides) == 2 else "all"

    def shared_explanation(self, sector: Sector) -> str:
        """Why a side's view also lists the shared commitments (explanatory text, not the Compact's)."""
        assert self.shared_sector is not None
        count = len(self.in_sector(self.shared_sector))
        return f"These {count} {self.words.provisions} bind {self.shared_binds}, so they apply to {sector.in_text} too."

    def own_heading(self, sector: Sector) -> str:
        """The heading of a side's own provisions beside the shared ones: "The public sector's own commitments"."""
        return f"{capfirst(sector.in_text)}'s own {self.words.provisions}"

    def in_sector(self, sector: Sector) -> list[Commitment]:
        """The commitments a sector makes itself."""
        return [c for c in self.commitments if c.sector.key == sector.key]

    def binds(self, commitment: Commitment) -> list[Sector]:
        """The sectors a commitment binds: its own and, if it is a shared commitment, every side.

        The one home of the rule that a sector's view holds its own commitments and the shared ones.
        """
        own, shared = commitment.sector, commitment.sector.shared
        return [s for s in self.sectors if s.key == own.key or (shared and not s.shared)]

    def binding(self, sector: Sector) -> list[Commitment]:
        """What binds a sector (see :meth:`binds`), in the document's order."""
        return [c for c in self.commitments if any(s.key == sector.key for s in self.binds(c))]
