"""Open data: ``/data/compact.json``, its JSON Schema and ``/data/commitments.csv``.

Read from a real build and compared with the model loaded from ``compact_data/``:
every commitment, its exact words and the document's order survive the round trip.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
from support import ROOT, SITE
from support.shapes import SHAPES

from generator.model import Compact

SITE_URL = SITE.url


@pytest.fixture(scope="module")
def document(site_dir: Path) -> dict:
    return json.loads((site_dir / "data" / "compact.json").read_text(encoding="utf-8"))


def test_json_round_trips_to_the_model(document: dict, compact: Compact) -> None:
    commitments = document["commitments"]
    assert len(commitments) == 54
    assert [c["id"] for c in commitments] == [c.id for c in compact.commitments]  # the document's order
    for out, c in zip(commitments, compact.commitments, strict=True):
        assert out["text"] == c.text  # exact words, not escaped for Markdown or HTML
        assert out["sector"] == c.sector.key
        assert out["theme"] == int(c.theme.number)
        assert out["topics"] == [t.key for t in c.topics]
        assert out["related"] == [r.id for r in c.related]
        assert out["references"] == [r.key for r in c.references]
        assert out["url"] == f"{SITE_URL}commitments/{c.id}/"
        assert out["theme_url"] == f"{SITE_URL}themes/{c.theme.slug}/#commitment-{c.id}"
    assert [t["commitments"] for t in document["themes"]] == [
        [c.id for c in t.commitments] for t in compact.themes
    ]
    assert [v["text"] for v in document["values"]] == [v.text for v in compact.values]
    assert [s["key"] for s in document["sectors"]] == [s.key for s in compact.sectors]
    assert {r["key"]: r["text"] for r in document["references"]} == {r.key: r.text for r in compact.references}
    assert document["passages"]["introduction"]["paragraphs"] == list(compact.introduction.paragraphs)
    assert document["national_compact"]["outcomes"] == list(compact.national_compact.outcomes)
    assert [g["source"] for g in document["glossary"]] == [g.source for g in compact.glossary]
    assert document["title"] == compact.title and document["edition"] == compact.edition
    assert document["redirects"] == []  # the real data has no redirect map yet


def test_json_validates_against_its_published_schema(site_dir: Path, document: dict) -> None:
    schema = json.loads((site_dir / "data" / "compact.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["$schema"] == schema["$id"] == f"{SITE_URL}data/compact.schema.json"
    # The schema is strict: a misspelt field is an error, so it documents the shape exactly.
    broken = json.loads(json.dumps(document))
    broken["commitments"][0]["secotr"] = "shared"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)
    del broken["commitments"][0]["secotr"]
    del broken["commitments"][0]["text"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_csv_round_trips_to_the_model(site_dir: Path, compact: Compact) -> None:
    raw = (site_dir / "data" / "commitments.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte-order mark
    text = raw.decode("utf-8")
    # RFC 4180: every record ends with CRLF, and no bare LF anywhere.
    assert text.endswith("\r\n") and text.count("\n") == text.count("\r\n") == 55
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["id", "theme_number", "theme_title", "sector", "sector_name", "text", "url"]
    body = rows[1:]
    assert len(body) == 54
    for row, c in zip(body, compact.commitments, strict=True):
        assert row == [
            c.id, str(c.theme.number), c.theme.title, c.sector.key, c.sector.name, c.text,
            f"{SITE_URL}commitments/{c.id}/",
        ]
    # Texts with commas are quoted, as RFC 4180 requires.
    with_comma = next(c for c in compact.commitments if "," in c.text)
    assert f'"{with_comma.text}"' in text


def test_open_data_links_resolve_in_the_site(site_dir: Path, document: dict) -> None:
    """Every URL the data gives is served by the same build."""
    for c in document["commitments"]:
        path, _, fragment = c["theme_url"].removeprefix(SITE_URL).partition("#")
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{fragment}"' in html
        assert (site_dir / c["url"].removeprefix(SITE_URL) / "index.html").is_file()


def test_core_modules_do_not_import_mkdocs() -> None:
    code = (
        "import sys, generator.build, generator.cli, generator.handouts.pdf, generator.staging;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


# -- spreadsheets (issue 14): ids 1.10, 1.20 and 3.10 were read as the numbers 1.1, 1.2 and 3.1 ---------


def test_the_csv_metadata_declares_the_ids_text(site_dir: Path) -> None:
    """CSV on the Web metadata, where CSVW tools look for it (the CSV's address + -metadata.json)."""
    metadata = json.loads((site_dir / "data" / "commitments.csv-metadata.json").read_text(encoding="utf-8"))
    assert metadata["@context"] == "http://www.w3.org/ns/csvw"
    assert metadata["url"] == f"{SITE_URL}data/commitments.csv"
    columns = metadata["tableSchema"]["columns"]
    header = next(csv.reader(io.StringIO((site_dir / "data" / "commitments.csv").read_text(encoding="utf-8"))))
    assert [c["name"] for c in columns] == [c["titles"] for c in columns] == header
    types = {c["name"]: c["datatype"] for c in columns}
    assert types["id"] == "string"
    assert types["theme_number"] == "integer"
    assert metadata["tableSchema"]["primaryKey"] == "id"
    assert metadata["dialect"] == {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]}


def test_the_workbook_keeps_every_id_as_text(site_dir: Path, compact: Compact) -> None:
    from openpyxl import load_workbook

    book = load_workbook(site_dir / "data" / "commitments.xlsx")
    sheet = book["Commitments"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("id", "theme_number", "theme_title", "sector", "sector_name", "text", "url")
    assert [row[0] for row in rows[1:]] == [c.id for c in compact.commitments]
    assert {"1.10", "1.20", "3.10"} <= {row[0] for row in rows[1:]}
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        assert cell.data_type == "s" and cell.number_format == "@", cell.coordinate
    for row, c in zip(rows[1:], compact.commitments, strict=True):
        assert row[1] == int(c.theme.number) and row[5] == c.text
    assert all(not str(value).startswith(("=", "+", "-", "@")) for row in rows for value in row)
    assert book.properties.created == book.properties.modified == datetime.datetime(2012, 1, 1)


@pytest.mark.parametrize("data", [ROOT / "compact_data", SHAPES / "principles" / "compact_data"],
                         ids=["bristol", "principles"])
def test_the_workbook_reads_as_opened(data: Path) -> None:
    """Issue 28: the header bold and frozen, every column wide enough for what it holds (the text
    column 13 characters wide was unreadable) and the words wrapped, read back with openpyxl."""
    from openpyxl import load_workbook

    from generator import open_data
    from generator.model import load_compact

    compact = load_compact(data)
    sheet = load_workbook(io.BytesIO(open_data.commitments_xlsx(compact, SITE))).active
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.b for cell in sheet[1]), "the header row is bold"
    widths = {name: sheet.column_dimensions[cell.column_letter].width
              for name, cell in zip(header, sheet[1], strict=True)}
    assert widths["text"] >= 60 and widths["url"] >= 40, widths
    for name, cell in zip(header, sheet[1], strict=True):
        column = next(sheet.iter_cols(min_col=cell.column, max_col=cell.column, min_row=2))
        longest = max(len(str(c.value or "")) for c in column)
        # A column is as wide as its longest entry, or wraps it: the long ones (text, titles) wrap.
        assert widths[name] >= min(longest, 30), (name, widths[name], longest)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate


def test_the_workbook_has_the_same_bytes_whenever_it_is_made(compact: Compact, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dated by the edition, not by the clock: made now and 'a year later', the same bytes."""
    from generator import open_data

    first = open_data.commitments_xlsx(compact, SITE)
    later = time.time() + 366 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda seconds=None: real_localtime(later))
    assert open_data.commitments_xlsx(compact, SITE) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2012, 1, 1, 0, 0, 0)}


real_localtime = time.localtime


def test_the_downloads_page_lists_the_new_data_files(site_dir: Path) -> None:
    page = (site_dir / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in ("commitments.csv-metadata.json", "commitments.xlsx", "commitments.csv", "compact.json"):
        assert f'href="../data/{name}"' in page, name


def test_no_text_of_the_workbook_becomes_a_formula() -> None:
    """Data is text in a spreadsheet too: words that start with "=" (or "+", "-", "@") stay words."""
    from openpyxl import load_workbook

    from generator import open_data

    hostile = ("=HYPERLINK(\"https://example.org\")", "+1", "-2", "@SUM(1)", "=1+1", "=A1", "=B2")
    book = open_data._workbook("Title", "Sheet", "Creator", 2030, [("1.1", 1, *hostile[:5])])
    sheet = load_workbook(io.BytesIO(book)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert cells and all(cell.data_type == "s" for cell in cells), [(c.coordinate, c.data_type) for c in cells]
    assert [cell.value for cell in cells][1:] == list(hostile[:5])
