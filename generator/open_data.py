"""The Compact as open data: ``data/compact.json``, its JSON Schema, and the commitments as a table.

Partners and researchers reuse the Compact without scraping pages: the JSON
holds the whole document in its order, the CSV one row per commitment for
spreadsheets. The JSON's shape is defined once, by the pydantic models below,
which also produce its published schema. Output is byte-for-byte deterministic.
Nothing here imports MkDocs.

Spreadsheets guess a CSV cell's type, and guess ids such as 1.10 and 1.20 to be the
numbers 1.1 and 1.2. So the CSV comes with a CSV on the Web metadata file
(``commitments.csv-metadata.json``, W3C CSVW, found by tools from the CSV's own
address) that declares ``id`` a string, and the same table as ``commitments.xlsx``,
whose id cells are text. No cell can be taken for a formula: ``check`` refuses any
text that begins with ``=``, ``+``, ``-`` or ``@``.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import importlib.metadata
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from generator import assessment, urls
from generator.cachefiles import kept_or_made
from generator.data import shapes
from generator.model import Compact, History, PartName, Passage, ProvisionList, Reference, Step, Theme
from generator.model.types import PASSAGES, as_data

DATA_DIR = "data"
JSON_PATH = f"{DATA_DIR}/compact.json"
SCHEMA_PATH = f"{DATA_DIR}/compact.schema.json"
CSV_PATH = f"{DATA_DIR}/commitments.csv"
#: Where CSVW tools look for a CSV's metadata: the CSV's address + ``-metadata.json``.
CSV_METADATA_PATH = f"{CSV_PATH}-metadata.json"
XLSX_PATH = f"{DATA_DIR}/commitments.xlsx"
#: The open data files and what each holds, as the downloads page lists them (see :func:`descriptions`).
DESCRIPTIONS = (
    (JSON_PATH, "{whole} in the document's order, as JSON"),
    (CSV_PATH, "Every {provision}, one a row, as CSV"),
    (XLSX_PATH, "The same table as an Excel workbook, ids as text{example}"),
    (CSV_METADATA_PATH, "The CSV's column types (CSV on the Web metadata: ids are text)"),
    (SCHEMA_PATH, "The JSON Schema that describes compact.json"),
    (assessment.SCHEMA_PATH, "The JSON Schema of the files the self-assessment page saves"),
)
CSV_COLUMNS = ("id", "theme_number", "theme_title", "sector", "sector_name", "text", "url")
#: Each column's CSVW datatype and description, in the document's own words ({provision}, {part}).
CSV_COLUMN_TYPES = {
    "id": ("string", "The {provision}'s permanent key, its number where the document prints one: text{so_that}."),
    "theme_number": ("integer", "Number (else the address name) of the {part} the {provision} belongs to."),
    "theme_title": ("string", "The {part}'s title."),
    "sector": ("string", "Key of the sector the {provision} binds."),
    "sector_name": ("string", "The sector's name."),
    "text": ("string", "The Compact's exact words."),
    "url": ("anyURI", "The {provision}'s permanent address."),
}
#: The widest each column of the workbook is made (characters): as wide as its longest entry up to
#: this, the rest wrapped, so that it reads as opened.
XLSX_WIDTHS = {"id": 24, "theme_number": 14, "theme_title": 40, "sector": 16, "sector_name": 30, "text": 80,
               "url": 60}
#: The bound on the folder of kept workbooks (one is some 10 KB; one of 100 times the data, about 1 MB).
XLSX_CACHE_MAX_BYTES = 20 * 1024 * 1024


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PassageOut(_Out):
    heading: str
    paragraphs: list[str]


class ReferenceOut(_Out):
    """A footnote of the Compact (``text``, verbatim) and our explanatory ``note``, if any."""

    key: str
    label: str
    text: str
    note: str | None
    footnote: bool = Field(description="false for a document cited in the running text rather than a footnote.")


class NationalCompactOut(_Out):
    lead_in: str
    outcomes: list[str]
    references: list[str] = Field(description="Keys into `references`.")


class OutcomesOut(_Out):
    """The outcomes the document sets out itself (official text)."""

    heading: str | None
    lead_in: str | None
    items: list[str]
    references: list[str] = Field(description="Keys into `references`.")


class ValueOut(_Out):
    key: str
    text: str
    references: list[str] = Field(description="Keys into `references`.")
    url: str


class SectorOut(_Out):
    key: str
    name: str
    in_text: str = Field(description="How a sentence names the sector.")
    heading: str
    slug: str
    summary: str = Field(description="Explanatory text written for this site, not the Compact's words.")
    shared: bool = Field(description="Its commitments bind every other sector too.")
    url: str


class ListOut(_Out):
    """A list of commitments as the document prints it: its heading and lead-in are official text."""

    heading: str | None
    lead_in: str | None
    commitments: list[str] = Field(description="Ids of its commitments, in the document's order.")


class ThemeOut(_Out):
    number: int | str | None = Field(description="What the document prints for it (a whole number where it is "
                                     "one), or null if it prints none.")
    title: str
    slug: str
    introduction: list[str]
    commitments: list[str] = Field(description="Ids of the theme's commitments (its nested parts' too), in the "
                                   "document's order.")
    lists: list[ListOut] = Field(description="Its own commitments as the document lists them.")
    parts: list[ThemeOut] = Field(description="The parts nested in it, as the document nests them.")
    url: str


class CommitmentOut(_Out):
    id: str = Field(pattern=shapes.COMMITMENT_ID, description="Its permanent key: the number the document "
                    "prints, or a key where it prints none or numbers restart in each part.")
    number: str | None = Field(description="The number the document prints for it, or null if it prints none.")
    theme: int | str | None = Field(description="The number (else the slug) of the theme it belongs to, or null "
                                    "in a document without themes.")
    sector: str = Field(description="Key into `sectors`: who the commitment binds.")
    text: str = Field(description="The Compact's exact words.")
    topics: list[str] = Field(description="Keys into `topics` (an editorial grouping, not the Compact's).")
    related: list[str] = Field(description="Ids of related commitments.")
    references: list[str] = Field(description="Keys into `references`: the Compact's footnotes.")
    terms: list[str] = Field(description="Keys into `glossary`.")
    url: str = Field(description="The commitment's permanent address.")
    theme_url: str | None = Field(description="Where the commitment is listed on its theme's page, if it has one.")


class TopicOut(_Out):
    key: str
    name: str


class GlossaryTermOut(_Out):
    key: str
    term: str
    abbr: str | None
    source: Literal["compact", "explanatory"] = Field(
        description="compact: the Compact's own definition; explanatory: written for this site."
    )
    where: str | None = Field(description="Where the Compact defines the term, if it does.")
    definition: str


class RedirectOut(_Out):
    """An old commitment address no current commitment has, and what became of it (it keeps working)."""

    old: str
    action: Literal["moved", "merged", "split", "withdrawn"]
    to: list[str] = Field(description="The current ids it became (none if withdrawn).")
    edition: int | str = Field(description="The edition in which it changed.")
    note: str | None
    text: str = Field(description="Its words in the last edition that had the number.")
    url: str = Field(description="The old address.")


class ChangeOut(_Out):
    """How one commitment of the edition before relates to one of this edition (or none)."""

    change: Literal["unchanged", "reworded", "renumbered", "merged", "split", "new", "withdrawn"]
    old: str | None = Field(description="Its id in the edition before (none if new).")
    to: str | None = Field(description="Its id in this edition (none if withdrawn).")
    reworded: bool = Field(description="Whether the words differ.")
    note: str | None


class EditionOut(_Out):
    edition: int | str
    adopted: str | None = Field(description="YYYY-MM-DD, if known.")
    current: bool
    url: str = Field(description="The edition's permanent address.")
    data: str = Field(description="The edition's own compact.json.")
    changes: list[ChangeOut] = Field(description="From the edition before (empty for the first).")


class GroupMemberOut(_Out):
    organisation: str
    sector: str = Field(description="A key into `sectors`.")
    role: str | None


class GroupRecordOut(_Out):
    date: str = Field(description="YYYY-MM-DD.")
    kind: Literal["meeting", "report", "decision"]
    title: str
    summary: str | None
    url: str | None = Field(description="Where it is published, or its document on this site.")


class PartnersGroupOut(_Out):
    """The body that oversees the Compact, as it publishes itself (explanatory data, not the Compact's words)."""

    url: str = Field(description="Its page on this site.")
    members: list[GroupMemberOut]
    records: list[GroupRecordOut] = Field(description="Newest first.")
    email: str | None
    contact_url: str | None


class LicenceOut(_Out):
    """The terms on which the Compact's text as published here, and this data, may be reused."""

    name: str
    url: str = Field(description="Where the licence's terms are published.")
    statement: str | None = Field(description="What it covers or whom to credit, as the publisher says, if given.")


class CompactOut(_Out):
    """A Compact as open data, in the document's order."""

    title: str
    edition: int | str = Field(description="The edition as the document prints it: a year, or a label such as 2019/22.")
    adopted: str | None = Field(description="When this edition was adopted, YYYY-MM-DD, if known.")
    current: bool = Field(description="Whether this is the current edition.")
    subtitle: str | None
    official_text: str = Field(description="What the texts given here are the words of: name and edition.")
    keeper: str | None = Field(description="The body that keeps the Compact, if known.")
    url: str = Field(description="The website's address.")
    licence: LicenceOut | None = Field(
        description="The terms of reuse, as the publisher states them; null: no licence is stated (none is guessed)."
    )
    passages: dict[str, PassageOut] = Field(description="The Compact's passages outside the themes, by name.")
    outcomes: OutcomesOut | None = Field(description="The outcomes the document itself sets out, if any.")
    national_compact: NationalCompactOut | None
    values: list[ValueOut]
    sectors: list[SectorOut]
    lists_introduction: list[str] = Field(description="The words before the lists of a document without themes.")
    lists: list[ListOut] = Field(description="The lists of a document without themes (empty where it has themes).")
    themes: list[ThemeOut]
    commitments: list[CommitmentOut] = Field(description="All commitments, in the document's order.")
    topics: list[TopicOut]
    references: list[ReferenceOut]
    glossary: list[GlossaryTermOut]
    redirects: list[RedirectOut] = Field(description="Old commitment ids and what became of them.")
    editions: list[EditionOut] = Field(description="Every edition on the site, oldest first.")
    partners_group: PartnersGroupOut | None = Field(
        description="The partners' group's membership and record, if it has published them."
    )


def changes(step: Step | None) -> list[ChangeOut]:
    """An edition's changes from the one before, as the "what changed" page lists them."""
    if step is None:
        return []
    out = [
        ChangeOut(change=link.kind, old=link.before.id, to=link.after.id, reworded=link.reworded, note=link.note)
        for link in step.links
    ]
    out += [ChangeOut(change="new", old=None, to=n.commitment.id, reworded=False, note=n.note) for n in step.new]
    out += [ChangeOut(change="withdrawn", old=w.commitment.id, to=None, reworded=False, note=w.note)
            for w in step.withdrawn]
    return out


def editions(history: History, site: urls.Site) -> list[EditionOut]:
    return [
        EditionOut(
            edition=e.edition,
            adopted=e.adopted.isoformat() if e.adopted else None,
            current=e.is_current,
            url=site.permalink(urls.edition_pages(e).EDITION),
            data=site.url + urls.edition_pages(e).file(JSON_PATH),
            changes=changes(history.step_into(e)),
        )
        for e in history.editions
    ]


def compact_document(
    compact: Compact, site: urls.Site, pages: urls.Pages = urls.CURRENT, history: History | None = None
) -> CompactOut:
    """The whole Compact as the published JSON document (``pages``: where the edition's pages are;
    ``history``: every edition, which an earlier edition does not hold: by default the edition's own)."""
    url = site.permalink
    national = compact.national_compact
    values_page = pages.EDITION if pages.archived else pages.VALUES  # an edition's home lists its values

    def keys(items: tuple[Reference, ...]) -> list[str]:
        return [item.key for item in items]

    def list_out(listed: ProvisionList) -> ListOut:
        return ListOut(heading=listed.heading, lead_in=listed.lead_in, commitments=[c.id for c in listed.commitments])

    def theme_out(t: Theme) -> ThemeOut:
        top: PartName = t
        while top.parent is not None:
            top = top.parent
        return ThemeOut(
            number=as_data(t.number), title=t.title, slug=t.slug, introduction=list(t.introduction),
            commitments=[c.id for c in t.commitments], lists=[list_out(lst) for lst in t.lists],
            parts=[theme_out(p) for p in t.parts],
            url=url(pages.theme_page(top), t.slug if t is not top else ""),
        )

    def passage(item: Passage) -> PassageOut:
        return PassageOut(heading=item.heading, paragraphs=list(item.paragraphs))

    return CompactOut(
        title=compact.title,
        edition=compact.edition,
        adopted=compact.adopted.isoformat() if compact.adopted else None,
        current=compact.is_current,
        subtitle=compact.subtitle,
        official_text=compact.label,
        keeper=compact.keeper,
        url=site.url,
        licence=licence_out(compact),
        passages={name: passage(p) for name in PASSAGES if (p := getattr(compact, name)) is not None},
        outcomes=None if compact.outcomes is None else OutcomesOut(
            heading=compact.outcomes.heading, lead_in=compact.outcomes.lead_in, items=list(compact.outcomes.items),
            references=keys(compact.outcomes.references),
        ),
        national_compact=None if national is None else NationalCompactOut(
            lead_in=national.lead_in, outcomes=list(national.outcomes), references=keys(national.references),
        ),
        values=[
            ValueOut(key=v.key, text=v.text, references=keys(v.references), url=url(values_page, v.key))
            for v in compact.values
        ],
        sectors=[
            SectorOut(
                key=s.key, name=s.name, in_text=s.in_text, heading=s.heading, slug=s.slug, summary=s.summary,
                shared=s.shared, url=url(pages.sector_page(s)),
            )
            for s in compact.sectors
        ],
        lists_introduction=list(compact.lists_introduction),
        lists=[list_out(lst) for lst in compact.lists],
        themes=[theme_out(t) for t in compact.themes],
        commitments=[
            CommitmentOut(
                id=c.id,
                number=c.number,
                theme=as_data(c.theme.key) if c.theme is not None else None,
                sector=c.sector.key,
                text=c.text,
                topics=[t.key for t in c.topics],
                related=[r.id for r in c.related],
                references=keys(c.references),
                terms=[t.key for t in c.terms],
                url=url(pages.commitment_page(c)),
                theme_url=url(pages.theme_page(c.theme), urls.anchor(c)) if c.theme is not None else None,
            )
            for c in compact.commitments
        ],
        topics=[TopicOut(key=t.key, name=t.name) for t in compact.topics],
        references=[
            ReferenceOut(key=r.key, label=r.label, text=r.text, note=r.note, footnote=r.footnote)
            for r in compact.references
        ],
        glossary=[
            GlossaryTermOut(
                key=g.key, term=g.term, abbr=g.abbr, source=g.source,
                where=g.where, definition=g.definition,
            )
            for g in compact.glossary
        ],
        redirects=[
            RedirectOut(
                old=r.old,
                action=r.action,
                to=[t.id for t in r.targets],
                edition=r.changed_in.edition,
                note=r.note,
                text=r.text,
                url=url(urls.old_page(r)),
            )
            for r in compact.redirects
        ],
        editions=editions(history or compact.history, site),
        partners_group=partners_group(compact, site) if compact.is_current else None,
    )


def licence_out(compact: Compact) -> LicenceOut | None:
    licence = compact.licence
    return None if licence is None else LicenceOut(name=licence.name, url=licence.url, statement=licence.statement)


def partners_group(compact: Compact, site: urls.Site) -> PartnersGroupOut | None:
    group = compact.group
    if group is None or not group.published:
        return None
    page = urls.group_page(group)
    return PartnersGroupOut(
        url=site.permalink(page),
        members=[GroupMemberOut(organisation=m.organisation, sector=m.sector.key, role=m.role) for m in group.members],
        records=[
            GroupRecordOut(
                date=r.date.isoformat(), kind=r.kind, title=r.title, summary=r.summary,
                url=r.link or (site.url + quote(f"{group.slug}/{r.document}") if r.document else None),
            )
            for r in group.records
        ],
        email=group.email,
        contact_url=group.url,
    )


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def schema(site: urls.Site) -> dict[str, object]:
    """The JSON Schema of ``compact.json``, generated from the models above."""
    document = CompactOut.model_json_schema()
    # The document names its own schema, as JSON documents conventionally do.
    document["properties"] = {"$schema": {"type": "string", "format": "uri"}, **document["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site.url + SCHEMA_PATH,
        **document,
    }


def compact_json(
    compact: Compact, site: urls.Site, pages: urls.Pages = urls.CURRENT, history: History | None = None
) -> bytes:
    document = compact_document(compact, site, pages, history).model_dump(mode="json")
    return _json_bytes({"$schema": site.url + SCHEMA_PATH, **document})


def _rows(
    compact: Compact, site: urls.Site, pages: urls.Pages
) -> list[tuple[str, int | str | None, str, str, str, str, str]]:
    return [
        (c.id, as_data(c.theme.key) if c.theme else None, c.theme.title if c.theme else "", c.sector.key,
         c.sector.name, c.text,
         site.permalink(pages.commitment_page(c)))
        for c in compact.commitments
    ]


def commitments_csv(compact: Compact, site: urls.Site, pages: urls.Pages = urls.CURRENT) -> bytes:
    """One row per commitment, RFC 4180: CRLF line ends, fields quoted only when needed."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_rows(compact, site, pages))
    return out.getvalue().encode("utf-8")


def descriptions(compact: Compact, pages: urls.Pages = urls.CURRENT) -> list[tuple[str, str]]:
    """Each open data file of an edition and what it holds, in the document's own words and numbers."""
    number = misread_number(compact)
    example = f" ({number} stays {number})" if number else ""
    return [(pages.file(path), what.format(provision=compact.words.provision, whole=compact.whole,
                                           example=example)) for path, what in DESCRIPTIONS]


#: A printed number a spreadsheet reads as another: a decimal whose last digit is a nought ("1.10", read 1.1).
MISREAD = re.compile(r"[0-9]+\.[0-9]*0")


def misread_number(compact: Compact) -> str | None:
    """The document's first id a spreadsheet would change if it were not text, to show why ids are
    text ("1.10 stays 1.10"); None where it has none (unnumbered, or no such number)."""
    return next((c.id for c in compact.commitments if MISREAD.fullmatch(c.id)), None)


def csv_metadata(compact: Compact, site: urls.Site, pages: urls.Pages = urls.CURRENT) -> dict[str, Any]:
    """The CSV's CSV on the Web (https://www.w3.org/TR/tabular-metadata/) description: its columns' types."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": site.url + pages.file(CSV_PATH),
        "dc:title": f"The {compact.words.provisions} of {compact.label}",
        **csv_licence(compact),
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": [
                {"name": name, "titles": name, "datatype": _datatype(compact, name, datatype),
                 "dc:description": description.format(provision=compact.words.provision, part=compact.words.part,
                                                      so_that=_so_that(compact)),
                 "required": True}
                for name, (datatype, description) in CSV_COLUMN_TYPES.items()
            ],
            "primaryKey": "id",
        },
    }


def _so_that(compact: Compact) -> str:
    """Why the id column is text, with the document's own number where one would be misread."""
    number = misread_number(compact)
    return f", so that {number} is not the number {float(number):g}" if number else ""


def _datatype(compact: Compact, column: str, datatype: str) -> str:
    """A column's type: the parts' numbers are whole numbers only where the document prints them so."""
    if column == "theme_number" and not all(t.key.isdigit() for t in compact.themes):
        return "string"
    return datatype


#: What the CSV's metadata says where the data states no licence (``dc:rights``): no licence is guessed.
NO_LICENCE = "No licence is stated: the data this file is made from does not say on what terms it may be reused."


def csv_licence(compact: Compact) -> dict[str, Any]:
    """The terms of reuse as CSVW common properties (Dublin Core): the licence, or that none is stated."""
    licence = compact.licence
    if licence is None:
        return {"dc:rights": NO_LICENCE}
    terms: dict[str, Any] = {"dc:license": {"@id": licence.url, "dc:title": licence.name}}
    if licence.statement:
        terms["dc:rights"] = licence.statement
    return terms


class _FixedDateZip(zipfile.ZipFile):
    """A zip whose every entry carries one date, not the time of writing (so the bytes repeat)."""

    def __init__(self, file: io.BytesIO, date: datetime.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.date = date

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.date.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """openpyxl writes each worksheet from a temporary file: its entry gets the one date too."""
        with open(filename, "rb") as written:
            self.writestr(str(arcname or filename), written.read())


def commitments_xlsx(
    compact: Compact, site: urls.Site, pages: urls.Pages = urls.CURRENT, cache: Path | None = None
) -> bytes:
    """The CSV's table as an Excel workbook whose id cells are text, dated by the edition.

    The same input gives the same bytes: the document's created and modified dates and
    every zip entry's date are the first day of the edition year. Writing one (and importing
    openpyxl) is a good part of a build's own time, so a build may keep them in ``cache``,
    named by a SHA-256 of everything that decides their bytes.
    """
    title = f"The {compact.words.provisions} of {compact.label}"
    recipe = (title, compact.words.Provisions, compact.keeper or compact.title, compact.year,
              _rows(compact, site, pages))
    if cache is None:
        return _workbook(*recipe)
    return kept_or_made(cache / f"{_workbook_key(recipe)}.xlsx", lambda: _workbook(*recipe), XLSX_CACHE_MAX_BYTES)


def _workbook_key(recipe: object) -> str:
    """The recipe, the code that writes it (this module) and openpyxl's version, hashed."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"openpyxl {importlib.metadata.version('openpyxl')}\n{CSV_COLUMNS!r}\n{recipe!r}".encode())
    return digest.hexdigest()


def _workbook(
    title: str, sheet_title: str, creator: str, year: int,
    rows: list[tuple[str, int | str | None, str, str, str, str, str]],
) -> bytes:
    from openpyxl import Workbook  # imported only to write one: a build whose workbooks are kept needs none
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    date = datetime.datetime(year, 1, 1)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = sheet_title[:31]  # Excel's limit
    sheet.append(CSV_COLUMNS)
    for row in rows:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        cell.number_format = "@"  # the id column is text, whatever it looks like ("1.10")
    for data_row in sheet.iter_rows(min_row=2):
        for cell in data_row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # data is text: "=…" never becomes a formula
    # Readable as opened: the header bold and kept in view, the words wrapped in columns wide enough.
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = wrapped
    for index, column in enumerate(CSV_COLUMNS, start=1):
        longest = max([len(column), *(len(str(row[index - 1] or "")) for row in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest, XLSX_WIDTHS[column]) + 2
    sheet.freeze_panes = "A2"
    book.properties.title = title
    book.properties.creator = creator
    book.properties.created = book.properties.modified = date
    out = io.BytesIO()
    ExcelWriter(book, _FixedDateZip(out, date)).save()
    return out.getvalue()


def open_data_files(
    compact: Compact, site: urls.Site, pages: urls.Pages = urls.CURRENT, cache: Path | None = None,
    history: History | None = None,
) -> dict[str, bytes]:
    """``{site path: bytes}`` of every open data file of one edition's pages (one schema serves them
    all; workbooks kept in ``cache``, if given; ``history``: every edition, as :func:`compact_document`)."""
    files = {
        pages.file(JSON_PATH): compact_json(compact, site, pages, history),
        pages.file(CSV_PATH): commitments_csv(compact, site, pages),
        pages.file(CSV_METADATA_PATH): _json_bytes(csv_metadata(compact, site, pages)),
        pages.file(XLSX_PATH): commitments_xlsx(compact, site, pages, cache),
    }
    if not pages.archived:
        files[SCHEMA_PATH] = _json_bytes(schema(site))
        files[assessment.SCHEMA_PATH] = _json_bytes(assessment.schema(site))
    return files
