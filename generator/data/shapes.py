"""The shape of each data file, as pydantic models.

These models check shapes and types only (and give editors a JSON Schema);
how the files fit together is checked when the model is assembled
(:mod:`generator.model.assemble`).
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.data.characters import shows_something

#: The years an edition (and a dated change) may carry: the build writes them into
#: dates, gzip headers and file names, which need a real, four-digit, post-1970 year.
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: Keys and slugs become file names and URL parts: long enough for any name, short of
#: every file system's limit on a name.
MAX_KEY_LENGTH = 80


#: A spreadsheet takes a cell that begins with one of these for a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def _plain_text(text: str) -> str:
    """A text must show something (one letter, digit, mark of punctuation or symbol at least)
    and must not begin as a spreadsheet formula does: it goes into the CSV and the workbook."""
    if not shows_something(text):
        raise PydanticCustomError("text_invisible", "the text has no visible character")
    if text.startswith(FORMULA_STARTS):
        raise PydanticCustomError("text_formula", "the text begins as a spreadsheet formula",
                                  {"first": text[0]})
    return text


def _date_not_number(value: Any) -> Any:
    """YAML reads ``date: 0`` as a number, which pydantic would take for seconds since 1970."""
    if isinstance(value, (bool, int, float)):
        raise PydanticCustomError("date_type", "a date written YYYY-MM-DD")
    return value


def _plausible_date(value: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError("date_range", "a date from {first} to {last}",
                                  {"first": f"{FIRST_YEAR}-01-01", "last": f"{LAST_YEAR}-12-31"})
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain_text)]
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=MAX_KEY_LENGTH)]
#: A key of another file (a commitment's ``sector``, ``topics``, ``references``): what it may be is
#: what that file defines, checked when the files are put together, which can list the keys it
#: knows. A pattern here would answer ``sector: Public sector`` with a lesson on slugs instead.
#: Editors' schemas still get the pattern, which is all they can know.
KeyRef = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_KEY_LENGTH),
    WithJsonSchema({"maxLength": MAX_KEY_LENGTH, "pattern": KEY_PATTERN, "type": "string"}),
]
#: Page names a theme's or a sector's slug would take over (``themes/index.md`` is the list of themes).
RESERVED_SLUGS = frozenset({"index"})


#: The one rule for a name that becomes a file or a part of an address, in a sentence.
NAME_RULE = (f"a name that becomes a file or part of an address is lower-case letters, digits and single hyphens, "
             f"at most {MAX_KEY_LENGTH} characters, and not 'index'")


def breaks_name_rule(name: str) -> bool:
    """Whether ``name`` breaks the rule for names that become files and address parts (:data:`NAME_RULE`)."""
    return not re.fullmatch(KEY_PATTERN, name) or len(name) > MAX_KEY_LENGTH or name in RESERVED_SLUGS


def _not_reserved(slug: str) -> str:
    if slug in RESERVED_SLUGS:
        raise PydanticCustomError("slug_reserved", "a page of the site has this name", {"slug": slug})
    return slug


#: Kinds of document the Group's record may keep beside its page: files a browser shows or
#: downloads as they are, never a page or anything that runs (``.md``, ``.html``, ``.svg``, ``.js``).
DOCUMENT_KINDS = (
    "pdf", "txt", "csv", "rtf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "png", "jpg",
    "jpeg",
)
#: The one rule for a name that becomes a published file: a key (lower-case letters, digits and single
#: hyphens, not a reserved page name), a dot and a document kind, at most MAX_KEY_LENGTH characters in
#: all. So no name is hidden, a page, a path, or needs escaping in a link.
FILE_NAME_PATTERN = KEY_PATTERN.removesuffix("$") + r"\.(" + "|".join(DOCUMENT_KINDS) + ")$"


def _file_name(name: str) -> str:
    stem = name.rpartition(".")[0]
    if not re.fullmatch(FILE_NAME_PATTERN, name) or stem in RESERVED_SLUGS or len(name) > MAX_KEY_LENGTH:
        raise PydanticCustomError("file_name", "not a name for a published file", {"name": name})
    return name


#: The name of a document published beside a page (``minutes-2026-05.pdf``).
FileName = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_file_name),
    WithJsonSchema({"type": "string", "maxLength": MAX_KEY_LENGTH, "pattern": FILE_NAME_PATTERN}),
]
#: A slug that names a page of its own: ``/themes/<slug>/``, ``/sectors/<slug>/``.
PageSlug = Annotated[Key, AfterValidator(_not_reserved)]
#: A provision's permanent key, its address ``/commitments/<id>/``: lower-case letters and digits in
#: groups joined by single dots or hyphens, as printed numbers (``1.4``, ``1.2.1``, ``3``) and
#: keys (``funding-3``, ``share-information``) are; a number never starts with a 0 (``1.02``).
COMMITMENT_ID = r"^[a-z0-9]+([.-][a-z0-9]+)*$"


def _canonical_number(value: str) -> str:
    if any(re.fullmatch(r"0[0-9]+", group) for group in re.split(r"[.-]", value)):
        raise PydanticCustomError("string_pattern_mismatch", "a number in an id never starts with 0")
    return value


CommitmentId = Annotated[
    str, StringConstraints(pattern=COMMITMENT_ID, max_length=MAX_KEY_LENGTH), AfterValidator(_canonical_number),
    WithJsonSchema({"type": "string", "pattern": COMMITMENT_ID, "maxLength": MAX_KEY_LENGTH}),
]
#: A number as the document prints it: ``1.4``, ``1.2.1``, ``3``, ``c``, ``A2``.
#: Each part is digits, one letter, or a roman numeral.
PRINTED_NUMBER = r"^([1-9][0-9]{0,3}|0|[A-Za-z]|[ivxlIVXL]{1,6})(\.([1-9][0-9]{0,3}|0|[A-Za-z]|[ivxlIVXL]{1,6})){0,5}$"
PrintedNumber = Annotated[
    str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    StringConstraints(pattern=PRINTED_NUMBER),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": PRINTED_NUMBER}, {"type": "integer", "minimum": 0}]}),
]
#: A number a provision's id is taken for when it gives no ``number``: digits and dots.
NUMERIC_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")
#: A whole number written as one: not ``yes`` (true) and not ``1.0``.
Number = Annotated[int, Field(strict=True)]
#: ``true`` or ``false``, not 1, 0 or a text.
Flag = Annotated[bool, Field(strict=True)]
Year = Annotated[int, Field(strict=True, ge=FIRST_YEAR, le=LAST_YEAR)]
#: An edition as the document prints it when that is more than a year: "2019/22", "2019-2022".
EDITION_LABEL = r"^(199[0-9]|20[0-9][0-9]|2100)[/-][0-9]{2,4}$"
EditionLabel = Annotated[str, StringConstraints(pattern=EDITION_LABEL)]
Date = Annotated[datetime.date, BeforeValidator(_date_not_number), AfterValidator(_plausible_date)]


class _Strict(BaseModel):
    """Unknown keys are errors: a typo such as ``secotr:`` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Passage(_Strict):
    """A headed passage of the Compact, copied verbatim."""

    heading: Text
    paragraphs: list[Text] = Field(min_length=1)


class NationalCompact(_Strict):
    lead_in: Text = Field(description="The sentence introducing the national Compact's outcomes.")
    outcomes: list[Text] = Field(min_length=1)
    references: list[KeyRef] = []


class Outcomes(_Strict):
    """The document's own outcomes: a list with the document's heading and lead-in, both optional."""

    heading: Text | None = None
    lead_in: Text | None = Field(default=None, description="The sentence introducing the outcomes.")
    items: list[Text] = Field(min_length=1)
    references: list[KeyRef] = []


class SourceCorrection(_Strict):
    """A place where the source file's text is garbled and the printed document reads otherwise."""

    source: Text = Field(description="The garbled words, exactly as the source file has them.")
    reads: Text = Field(description="What the printed document reads there.")


class SourceText(_Strict):
    """The document the official text was transcribed from, to check every word against."""

    file: Text = Field(description="Path of the plain-text source, relative to the data folder.")
    corrections: list[SourceCorrection] = Field(
        default=[], description="Garbled places in the source file and what the document reads there."
    )


#: Pages a printed address may lead to, by name (a hand-written page is named by its file, e.g. 'privacy.md').
PrintedPageName = Literal[
    "home", "about", "values", "themes", "sectors", "commitments", "glossary", "complaints", "downloads",
    "linking", "editions", "partners-group", "accessibility", "self-assessment",
]
PageRef = Annotated[str, StringConstraints(pattern=r"^([a-z]+(-[a-z]+)*|[a-z0-9_-]+(/[a-z0-9_-]+)*\.md)$")]


class PrintedAddress(_Strict):
    """An address on this site that the Compact's own words print: it must be served, and is linked."""

    text: Text = Field(
        description="The address exactly as the Compact prints it, e.g. 'www.example.org/partners-group'."
    )
    page: PageRef = Field(
        description="What the Compact promises there: a site page (home, about, values, themes, sectors, "
        "commitments, glossary, complaints, downloads, linking, editions, partners-group, accessibility) "
        "or a hand-written page's file, e.g. 'privacy.md'."
    )


#: A word or two as a sentence writes them: letters, with spaces, hyphens or apostrophes between.
WORD_PATTERN = r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$"
Word = Annotated[str, StringConstraints(strip_whitespace=True, pattern=WORD_PATTERN, max_length=40)]


class Words(_Strict):
    """What the document calls its provisions and its parts, written as in the middle of a sentence.

    Every page title, heading, label, citation, handout and data description uses them: an
    undertakings Compact reads "Undertaking 1.4" and "All undertakings", never "Commitment 1.4".
    """

    provision: Word = Field(description="One provision, e.g. 'commitment', 'undertaking', 'principle'.")
    provisions: Word = Field(description="More than one, e.g. 'commitments'.")
    part: Word = Field(description="One of the parts that group them, e.g. 'theme', 'section', 'code'.")
    parts: Word = Field(description="More than one, e.g. 'themes'.")


#: Words for a document that does not name its provisions and parts.
GENERIC_WORDS = Words(provision="provision", provisions="provisions", part="part", parts="parts")


class CompactFile(_Strict):
    """``compact.yaml``: the document's metadata and its passages outside the themes.

    Every passage is optional: a Compact that lacks one simply has no such
    section on its pages.
    """

    title: Text = Field(description="The document's name as its cover gives it, e.g. 'Riverford Compact'.")
    title_in_text: Text | None = Field(
        default=None,
        description="How a sentence names it, e.g. 'the Riverford Compact' (the default: 'the' + title, "
        "or the title with a lower-case 'the' if it starts with 'The').",
    )
    short_name: Text = Field(description="How running text refers to it, e.g. 'the Compact'.")
    words: Words = Field(
        default=GENERIC_WORDS,
        description="What the document calls its provisions and parts (default: 'provision', 'part').",
    )
    edition: Year | EditionLabel = Field(
        union_mode="left_to_right",
        description=f"The edition as the document prints it: its year ({FIRST_YEAR} to {LAST_YEAR}), or a label "
        "that starts with one, such as \"2019/22\" (its address and file names read 2019-22)."
    )
    adopted: Date | None = Field(
        default=None, description="When this edition was adopted, as YYYY-MM-DD (optional; shown on /editions/, "
        "and orders editions whose labels share a year)."
    )
    subtitle: Text | None = Field(default=None, description="The line under the title on the cover, if it has one.")
    slug: Key = Field(
        description="File name of the whole document's PDF, before the edition: "
        "'riverford-compact' gives downloads/riverford-compact-2031.pdf. Never change it."
    )
    keeper: Text | None = Field(
        default=None, description="The body that keeps the Compact, e.g. 'Compact Partnership Board' (optional)."
    )
    description: Text = Field(description="One sentence saying what the document is: the site's description.")
    copyright: Text | None = Field(
        default=None, description="The site's footer line (default: says the official text is marked)."
    )
    source: SourceText | None = Field(
        default=None, description="The source text every official word is checked against (optional)."
    )
    printed_addresses: list[PrintedAddress] = Field(
        default=[], description="Addresses on this site that the document prints; each must be served (optional)."
    )
    licence: Licence | None = Field(
        default=None,
        description="The terms on which the site's text, handouts and open data may be reused, as their publisher "
        "states them (optional: without it the site says that no licence is stated, and check warns).",
    )
    introduction: Passage | None = None
    outcomes: Outcomes | None = Field(
        default=None, description="The outcomes the document itself sets out (official text; optional)."
    )
    national_compact: NationalCompact | None = None
    our_commitments: Passage | None = None
    partners_group: Passage | None = None
    values_preamble: Passage | None = None
    themes_preamble: Passage | None = None
    resolving_complaints: Passage | None = None
    compact_and_you: Passage | None = None


class ValueEntry(_Strict):
    key: Key = Field(description="Stable identifier; becomes the anchor /values/#<key>.")
    text: Text
    references: list[KeyRef] = []


class ValuesFile(_Strict):
    values: list[ValueEntry] = Field(min_length=1)


class SectorEntry(_Strict):
    key: Key = Field(description="What a commitment's `sector:` names.")
    name: Text = Field(description="Its label, e.g. 'Public sector' ('Public sector commitment').")
    in_text: Text | None = Field(
        default=None, description="How a sentence names it, e.g. 'the public sector' (default: the name)."
    )
    heading: Text
    slug: PageSlug = Field(description="URL part: /sectors/<slug>/. Never change it.")
    summary: Text
    shared: Flag = Field(
        default=False,
        description="Its commitments bind every other sector too (at most one sector is shared).",
    )


class SectorsFile(_Strict):
    sectors: list[SectorEntry] = Field(min_length=1, max_length=6)


class ReferenceEntry(_Strict):
    key: Key
    label: Text
    text: Text = Field(description="The Compact's own footnote, verbatim.")
    note: Text | None = Field(default=None, description="Our explanatory addition, if any.")
    footnote: Flag = Field(
        default=True,
        description="false for a document the Compact cites in its running text rather than in a footnote.",
    )


class ReferencesFile(_Strict):
    references: list[ReferenceEntry]


class TopicEntry(_Strict):
    key: PageSlug = Field(description="Its permanent key: commitments name it in `topics:`, and its page is "
                          "/topics/<key>/.")
    name: Text = Field(description="The topic's name, as the list's filter and its page give it.")
    question: Text | None = Field(
        default=None, description="A common situation in the reader's plain words, such as 'Your funding is being "
        "cut or changed' (our explanatory text): the home page offers it first, leading to this topic's page.")
    summary: Text | None = Field(
        default=None, description="A sentence or two under the question on the topic's page (our explanatory "
        "text): say only what the Compact's words and the data say.")


class TopicsFile(_Strict):
    topics: list[TopicEntry]


#: A word or phrase readers type, or the document's words it stands for: letters and digits, its words
#: parted by single spaces, hyphens or apostrophes ("grant", "notice period", "out-of-pocket").
SEARCH_PHRASE = r"^[^\W_]+([ '’-][^\W_]+)*$"
#: Longer than any phrase a reader types, short enough to stay a phrase.
MAX_SEARCH_PHRASE = 60
SearchPhrase = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SEARCH_PHRASE, pattern=SEARCH_PHRASE)
]


class Synonym(_Strict):
    """Words readers search with, and the document's own words for the same thing (ours, not the document's)."""

    words: list[SearchPhrase] = Field(
        min_length=1, description="What readers type, e.g. [grant, grants]: each a word or a phrase.",
    )
    means: list[SearchPhrase] = Field(
        min_length=1, description="The document's own words for it, e.g. [funding]: search finds each provision "
        "whose words hold one of these (as written, or with an ending such as -s, -ed or -ing) by the words above too.",
    )


class SearchFile(_Strict):
    """``search.yaml`` (optional): readers' words for the document's, so that search finds a provision by
    either. Ours, not the document's: the words are never shown as its text."""

    synonyms: list[Synonym] = []


class GlossaryEntry(_Strict):
    key: Key
    term: Text
    abbr: Text | None = Field(default=None, description="Abbreviation shown with a tooltip.")
    matches: list[Text] = Field(default=[], description="Forms of the term to find in texts.")
    source: Literal["compact", "explanatory"]
    where: Text | None = Field(default=None, description="Where the Compact defines it.")
    definition: Text


class GlossaryFile(_Strict):
    terms: list[GlossaryEntry]


class CommitmentEntry(_Strict):
    id: CommitmentId = Field(
        description="Its permanent key, the address /commitments/<id>/: the number the document prints "
        "(1.4, 1.2.1) or, where it prints none or numbers restart, a key such as 'funding-3'. Never reuse one."
    )
    number: PrintedNumber | None = Field(
        default=None, description="The number the document prints, if the id is not it (e.g. '3' for "
        "'funding-3'). Default: the id, when the id is digits and dots; otherwise no number is shown."
    )
    sector: KeyRef | None = Field(
        default=None, description="A sector's key from sectors.yaml (optional in a list that gives one)."
    )
    text: Text = Field(description="The Compact's exact words.")
    references: list[KeyRef] = []
    related: list[CommitmentId] = []
    topics: list[KeyRef] = []
    terms: list[KeyRef] = Field(default=[], description="Glossary terms not found by `matches`.")


class ListEntry(_Strict):
    """A list of provisions as the document prints it: its heading and lead-in are official text."""

    heading: Text | None = Field(default=None, description="The list's heading as printed, e.g. "
                                 "'Undertakings for CSOs:' (optional).")
    lead_in: Text | None = Field(default=None, description="The words that introduce the list, e.g. "
                                 "'The public sector undertakes to:' (optional).")
    sector: KeyRef | None = Field(default=None, description="Whom its provisions bind, unless one says otherwise.")
    commitments: list[CommitmentEntry] = Field(min_length=1)


class _Holder(_Strict):
    """What holds provisions: paragraphs, then either one list (``commitments``) or several (``lists``)."""

    introduction: list[Text] = []
    commitments: list[CommitmentEntry] = []
    lists: list[ListEntry] = []


class PartEntry(_Holder):
    """A part of the document (a theme, section, area, code…), nested as the document nests them."""

    number: PrintedNumber | None = Field(default=None, description="What the document prints for it "
                                         "(1, '1.2', 'A'); omit if it prints none.")
    title: Text
    slug: PageSlug
    parts: list[PartEntry] = []


class ThemeFile(PartEntry):
    """``themes/<position>-<slug>.yaml``: one top-level part, its provisions and parts in the document's order."""


class ProvisionsFile(_Holder):
    """``provisions.yaml``: the provisions of a document that has no parts."""


#: Passages of ``compact.yaml`` that the complaints guide may quote verbatim.
CompactPassageName = Literal[
    "introduction", "our_commitments", "partners_group", "resolving_complaints", "compact_and_you"
]
#: Site pages a complaints step may link to (names of constants in ``generator.urls``).
SitePageName = Literal["home", "about", "values", "themes", "sectors", "commitments", "glossary"]


class ComplaintLink(_Strict):
    text: Text = Field(description="The link's words, saying where it goes.")
    page: SitePageName = Field(description="The site page it links to.")


class ComplaintStep(_Strict):
    key: Key = Field(description="Stable identifier; becomes the anchor /complaints/#<key>.")
    title: Text
    paragraphs: list[Text] = Field(min_length=1, description="Our explanatory text (not the Compact's).")
    checklist: list[Text] = Field(default=[], description="Optional bullet points.")
    links: list[ComplaintLink] = []
    quotes: list[CompactPassageName] = Field(
        default=[], description="Passages of compact.yaml shown verbatim as the Compact's own words."
    )


class ComplaintsFile(_Strict):
    """``complaints.yaml``: the step-by-step guide on /complaints/ (explanatory, ours)."""

    title: Text
    introduction: list[Text] = Field(min_length=1)
    steps: list[ComplaintStep] = Field(min_length=1)
    summary_fields: list[Text] = Field(
        min_length=1, description="Blank lines in the copyable complaint summary, e.g. 'Organisation concerned'."
    )
    procedure: ComplaintsProcedure | None = Field(
        default=None, description="The complaints procedure the document names, and its address once published."
    )


#: Web and email addresses as the pages can link them: no spaces, brackets or quotes.
#: Only http:// and https://: never a ``javascript:`` or ``data:`` address.
URL_PATTERN = r"^https?://[^\s/()<>\[\]\"']+(/[^\s()<>\[\]\"']*)?$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=URL_PATTERN)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL_PATTERN)]


class Licence(_Strict):
    """``licence:`` in ``compact.yaml``: the terms of reuse of what the site publishes, never guessed."""

    name: Text = Field(description="The licence's name, e.g. 'Open Government Licence v3.0'.")
    url: Url = Field(description="Where its terms are published: an http:// or https:// address.")
    statement: Text | None = Field(
        default=None, description="A sentence on what it covers or whom to credit, shown beside it (optional)."
    )


class ComplaintsProcedure(_Strict):
    """The complaints procedure the document names, and where it is published, if it is."""

    name: Text = Field(description="Its name as the document gives it, e.g. 'Compact Complaints Procedure'.")
    url: Url | None = Field(
        default=None, description="Where its full text is published (http:// or https://); leave it out while it "
        "is not published: the complaints page then says so, and check warns.",
    )


class GroupMember(_Strict):
    organisation: Text
    sector: KeyRef = Field(description="A sector's key from sectors.yaml.")
    role: Text | None = Field(default=None, description="Its role in the Group, e.g. 'Chair' (optional).")


class GroupRecord(_Strict):
    """One item of the Group's record of work."""

    date: Date = Field(description="As YYYY-MM-DD.")
    kind: Literal["meeting", "report", "decision"]
    title: Text
    summary: Text | None = None
    link: Url | None = Field(default=None, description="A web address where it is published (optional).")
    document: FileName | None = Field(
        default=None, description="Or a file kept in compact_data/partners-group/, e.g. 'minutes-2026-05.pdf'."
    )


class Contact(_Strict):
    """How readers reach someone (the Group, the statement's publisher): an email address, a web page, or both."""

    email: Email | None = None
    url: Url | None = None


class AccessibilityFile(_Strict):
    """``accessibility.yaml`` (optional): the facts of the website's accessibility statement, as its
    publisher gives them. Without it the site generates no statement (a hand-written
    ``accessibility.md`` in the docs folder may stand in)."""

    prepared: Date = Field(description="When the statement was prepared, as YYYY-MM-DD.")
    reviewed: Date | None = Field(default=None, description="When it was last reviewed, as YYYY-MM-DD (optional).")
    tested: Date | None = Field(default=None, description="When the website was last tested, as YYYY-MM-DD (optional).")
    contact: Contact | None = Field(
        default=None,
        description="Whom to contact about the website's accessibility: an email, a url or both (optional if "
        "the Compact has a partners' group: then the statement sends readers to its page's contact section).",
    )


class PartnersGroupFile(_Strict):
    """``partners-group.yaml`` (optional): the Group's membership and record of work, as the Group publishes them."""

    members: list[GroupMember] = []
    records: list[GroupRecord] = []
    contact: Contact | None = Field(default=None, description="How to contact the Group (optional).")


def _one_or_many(value: object) -> object:
    """``to: "1.4"`` and ``to: ["1.4", "1.5"]`` both mean a list of ids."""
    return [value] if isinstance(value, str) else value


#: One id, or a list of ids (only a split has more than one).
CommitmentIds = Annotated[
    list[CommitmentId],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": COMMITMENT_ID},
        {"type": "array", "items": {"type": "string", "pattern": COMMITMENT_ID}, "minItems": 1},
    ]}),
]
#: What became of a commitment of the edition before, where the ids alone cannot say.
ChangeKind = Literal["renumbered", "merged", "split", "withdrawn", "new"]


class ChangeEntry(_Strict):
    """One commitment that does not simply keep its id from the edition before (see docs/editors.md, "Editions")."""

    change: ChangeKind = Field(
        description="renumbered: `old` is now `to`; merged: `old` became part of `to`; split: `old` became "
        "the commitments `to`; withdrawn: `old` was dropped; new: `to` has no earlier form."
    )
    old: CommitmentId | None = Field(default=None, description="Its id in the edition before (not for 'new').")
    to: CommitmentIds | None = Field(
        default=None, description="Its id in this edition; a list for 'split' (not for 'withdrawn')."
    )
    note: Text | None = Field(default=None, description="Why, in a sentence readers will see (optional).")


class ChangesFile(_Strict):
    """``changes.yaml``: what became of the commitments of the edition before this one.

    A commitment that keeps its id needs no entry: with the same words it is
    unchanged, with other words reworded.
    """

    changes: list[ChangeEntry] = []


#: Each data file (or glob) and the model its content must satisfy.
FILE_MODELS: dict[str, type[_Strict]] = {
    "compact.yaml": CompactFile,
    "values.yaml": ValuesFile,
    "sectors.yaml": SectorsFile,
    "references.yaml": ReferencesFile,
    "topics.yaml": TopicsFile,
    "glossary.yaml": GlossaryFile,
    "complaints.yaml": ComplaintsFile,
}

#: Schema file names published for editors, by model.
SCHEMA_NAMES: dict[str, type[_Strict]] = {
    "compact": CompactFile,
    "values": ValuesFile,
    "sectors": SectorsFile,
    "references": ReferencesFile,
    "topics": TopicsFile,
    "glossary": GlossaryFile,
    "theme": ThemeFile,
    "provisions": ProvisionsFile,
    "complaints": ComplaintsFile,
    "changes": ChangesFile,
    "partners-group": PartnersGroupFile,
    "accessibility": AccessibilityFile,
    "search": SearchFile,
}
