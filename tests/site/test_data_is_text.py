"""Data is text, never markup: hostile texts render as their literal characters.

A project copy gets commitments that start with ``#``, ``*``, ``_`` and ``|``
and contain ``<script>``, a ``javascript:`` link, Jinja syntax, an HTML tag and
quotes that would end an attribute or a ``<title>``. Every place that shows
them (the commitment page, its title and description, listings, navigation,
search, open data, PDFs) must show exactly those characters and run nothing.

Then every free-text field of every data file, found from the files' JSON Schemas
(tests/support/hostile.py), gets a text of script tags, ``</title>``, quotes that end
attributes, ``{{ }}``, a ``javascript:`` link, ``<img onerror>`` and attribute lists; what
``generator check`` refuses is put back, and one site is built, by MkDocs and by Zensical,
whose every file is read as what it is: no element, attribute or script of the data's
anywhere, and each text shown as written wherever it is shown.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from support import build_site, copy_project, hostile, without_source

PAYLOAD = (
    ' <script>alert(1)</script> [x](javascript:alert(1)) {{ jinja }} {% raw %} <b>bold</b> &amp; '
    '"></title><script>alert(2)</script> \' end'
)
LEADS = {"1.1": "#", "1.2": "*", "1.3": "_", "1.4": "|"}
TEXTS = {cid: lead + PAYLOAD for cid, lead in LEADS.items()}
THEME_TITLE = 'Allocating <script>alert(3)</script> & "resources"'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    without_source(project / "compact_data")  # markup is not the Compact's words
    theme = project / "compact_data" / "themes" / "1-allocating-resources.yaml"
    yaml_text = theme.read_text(encoding="utf-8")
    for cid, text in TEXTS.items():
        yaml_text, count = re.subn(
            rf'(  - id: "{re.escape(cid)}"\n    sector: \w+\n    text: ).*\n',
            lambda m, text=text: m.group(1) + json.dumps(text) + "\n",
            yaml_text,
        )
        assert count == 1
    yaml_text, count = re.subn(r"(?m)^title: .*$", "title: " + json.dumps(THEME_TITLE), yaml_text)
    assert count == 1
    theme.write_text(yaml_text, encoding="utf-8")
    build_site(project, project.parent / "site", pdf=True)  # test_pdfs_hold_the_literal_text reads them
    return project.parent / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def squash(text: str) -> str:
    return " ".join(text.split())


def test_no_script_or_link_from_data_anywhere_in_the_html(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        doc = BeautifulSoup(raw, "html.parser")
        for script in doc.find_all("script"):
            content = script.string or ""
            if script.get("type") == "application/json":  # data for our scripts: inert, and
                assert "<" not in content, page  # escaped so it cannot end its element
                json.loads(content)
            else:
                assert "alert(" not in content, page
        assert not doc.find_all("b", string="bold"), page
        assert not [a for a in doc.find_all("a") if "javascript:" in (a.get("href") or "")], page
        assert "<script>alert" not in raw, page


@pytest.mark.parametrize("cid", sorted(LEADS))
def test_commitment_page_shows_the_literal_text(site: Path, cid: str) -> None:
    doc = soup(site, f"commitments/{cid}")
    text = TEXTS[cid]
    assert doc.select_one("p.compact-text").get_text() == text
    description = doc.find("meta", attrs={"name": "description"})["content"]
    assert description == f"Commitment {cid} of the Bristol Compact (2012): {text}"
    assert doc.title.get_text() == f"Commitment {cid} - Bristol Compact"
    assert doc.find("h1").get_text() == f"Commitment {cid}"
    # The breadcrumb shows the theme's title as text.
    assert doc.select("nav.compact-breadcrumbs a")[-1].get_text() == f"Theme 1: {THEME_TITLE}"


@pytest.mark.parametrize("path", ["themes/allocating-resources", "commitments", "sectors/shared"])
def test_listings_show_the_literal_text(site: Path, path: str) -> None:
    doc = soup(site, path)
    shown = 0
    for cid, text in TEXTS.items():
        item = doc.find(id=f"commitment-{cid}")
        if item is None:  # a sector page lists only its own commitments
            continue
        article = item.find_parent("article")
        assert article.select_one(".compact-text").get_text() == text
        shown += 1
    assert shown >= 1


def test_theme_title_is_text_in_navigation_and_headings(site: Path) -> None:
    doc = soup(site, "themes/allocating-resources")
    assert doc.find("h1").get_text() == f"Theme 1: {THEME_TITLE}"
    assert doc.title.get_text().startswith(f"Theme 1: {THEME_TITLE}")
    nav_texts = [squash(a.get_text()) for a in doc.select("nav a")]
    assert f"1. {THEME_TITLE}" in nav_texts


def test_search_index_holds_the_literal_text(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"] == "commitments/1.1/"]
    assert docs
    # Material's index holds HTML, which the search dialog displays as HTML.
    body = " ".join(d["text"] for d in docs)
    assert "<script" not in body and "<b>" not in body
    assert squash(TEXTS["1.1"]) in squash(unescape(re.sub(r"<[^>]+>", "", body)))
    assert "<script" not in docs[0]["title"]
    assert docs[0]["title"] == "Commitment 1.1"


def test_open_data_holds_the_literal_text(site: Path) -> None:
    document = json.loads((site / "data" / "compact.json").read_text(encoding="utf-8"))
    by_id = {c["id"]: c["text"] for c in document["commitments"]}
    assert {cid: by_id[cid] for cid in TEXTS} == TEXTS
    assert document["themes"][0]["title"] == THEME_TITLE
    csv_text = (site / "data" / "commitments.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
    assert {r["id"]: r["text"] for r in rows if r["id"] in TEXTS} == TEXTS


def test_pdfs_hold_the_literal_text(site: Path) -> None:
    pdfs = sorted(site.rglob("*.pdf"))
    assert pdfs, "the build makes PDF handouts"
    found = 0
    for pdf in pdfs:
        text = squash(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
        if "{{ jinja }}" in text:
            found += 1
            for piece in ("<script>alert(1)</script>", "[x](javascript:alert(1))", "{{ jinja }}", "{% raw %}",
                          "<b>bold</b>", '"></title><script>alert(2)</script>'):
                assert piece in text, (pdf.name, piece)
    assert found >= 1


# -- every free-text field of every data file -------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> hostile.HostileBuild:
    """Hostile text in every free-text field, built once for the run (nginx serves the same build)."""
    return hostile.hostile_build(tmp_path_factory)


@pytest.fixture(scope="module")
def zensical_hostile_site(hostile_site: hostile.HostileBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same data built as ``make site-zensical`` builds it: the export, Zensical, the host files."""
    export = tmp_path_factory.mktemp("hostile-zensical") / "export"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    bin_dir = Path(sys.executable).parent
    for command in ([sys.executable, "-m", "generator", "export", "--no-pdf", str(export)],
                    [str(bin_dir / "zensical"), "build", "--strict", "-f", str(export / "mkdocs.yml")],
                    [sys.executable, "-m", "generator", "host-files", "--site-dir", str(export / "site")]):
        result = subprocess.run(command, cwd=hostile_site.project, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return export / "site"


def test_every_free_text_field_of_every_schema_is_fed_hostile_text(
    hostile_site: hostile.HostileBuild, tmp_path: Path
) -> None:
    """Every place a schema allows free text holds hostile text in the built data, or (the source's
    fields, which that data leaves out so that the official texts can be hostile) is refused by
    ``generator check`` in a copy that keeps them."""
    everywhere = set().union(*(hostile.text_paths(name, schema) for name, schema in hostile.schemas().items()
                               if name != "provisions"))  # the lists of a part, fed there (hostile.with_every_shape)
    assert {p.removeprefix("provisions: ") for p in hostile.text_paths("provisions", hostile.schemas()["provisions"])
            } <= {p.removeprefix("theme: ") for p in everywhere}
    fed = {field.schema_path for field in hostile_site.fields}
    _, _, refused_with_source = hostile.hostile_project(tmp_path, source=True)
    refused_elsewhere = {field.schema_path for field in refused_with_source}
    assert everywhere - fed <= refused_elsewhere, sorted(everywhere - fed - refused_elsewhere)
    assert everywhere - fed, "the source's fields are fed in the copy that keeps it"
    # Every data file with a text builds with hostile text in it (accessibility.yaml holds dates and
    # addresses only); check refuses only what it must (printed addresses, document names…).
    built = {field.file for field in hostile_site.fields if field not in hostile_site.refused}
    assert built == {field.file for field in hostile_site.fields}
    assert {"changes.yaml", "partners-group.yaml", "complaints.yaml", "editions/2012/values.yaml"} <= built
    assert len(hostile_site.refused) < len(hostile_site.fields) / 20, hostile_site.refused


def test_no_element_attribute_or_script_of_the_data_in_any_built_file(hostile_site: hostile.HostileBuild) -> None:
    problems, kinds = hostile.site_problems(hostile_site.site)
    assert not problems, "\n".join(problems[:40])
    for kind in (".html", ".json", ".xml", ".csv", ".xlsx", ".js", "_headers", "_redirects"):
        assert kinds.get(kind), f"no {kind} file was read"


def test_the_zensical_site_shows_the_same_text_escaped_once(zensical_hostile_site: Path) -> None:
    """Zensical's templates print the theme's settings as they are and escape the logo's title again
    (``| e``), as Material's do: the export hands them over escaped once, and no text shows twice-escaped."""
    problems, kinds = hostile.site_problems(zensical_hostile_site)
    assert not problems, "\n".join(problems[:40])
    assert kinds.get(".html") and kinds.get("_headers") and (zensical_hostile_site / "search.json").is_file()


def test_every_text_that_builds_is_shown_or_published(hostile_site: hostile.HostileBuild) -> None:
    """The reading above sees the fields: nearly every accepted text is somewhere in the built site
    (not a glossary form no text holds, nor the earlier edition's description of the site)."""
    shown: set[str] = set()
    for file in hostile_site.site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".csv", ".xml"):
            shown |= set(hostile.MARKER.findall(file.read_text(encoding="utf-8")))
    accepted = [f for f in hostile_site.fields if f not in hostile_site.refused]
    unseen = [f for f in accepted if str(f.number) not in shown]
    assert len(unseen) < len(accepted) / 10, unseen
    page = (hostile_site.site / "commitments" / "1.1" / "index.html").read_text(encoding="utf-8")
    abbreviations = BeautifulSoup(page, "html.parser").find_all("abbr")
    assert any(hostile.MARKER.search(a.get("title", "")) for a in abbreviations)
