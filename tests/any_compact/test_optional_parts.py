"""A Compact without values and without a subtitle builds, and the site invents neither.

Many Compacts state no values (the national Compact of 2010 has outcomes instead) and
some covers carry no subtitle. The synthetic Riverford fixture is built without its
``values.yaml`` and its ``subtitle``: there is no values page, no link or menu entry to
one, no empty heading in the handouts, and no empty line where a subtitle would be.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from support import ROOT, SITE, build_site, copy_project

from generator import cli
from generator.handouts.plan import plan_handouts
from generator.model import load_compact

FIXTURE = ROOT / "tests" / "fixtures" / "other-compact" / "compact_data"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("no-values") / "project", data=FIXTURE)
    data = project / "compact_data"
    (data / "values.yaml").unlink()
    compact = data / "compact.yaml"
    text, count = re.subn(r"(?m)^subtitle: .*\n", "", compact.read_text(encoding="utf-8"))
    assert count == 1
    compact.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    """Its site without handouts: the one PDF read below is laid out on its own, as the build lays it out."""
    build_site(project, project.parent / "site")
    return project.parent / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_there_is_no_values_page_and_nothing_links_to_one(site: Path) -> None:
    assert not (site / "values").exists()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.find_all("a", href=True)]
        assert not [h for h in links if re.search(r"(^|/)values/", h)], path
        nav = " ".join(a.get_text(" ", strip=True) for a in soup.select("nav.md-nav a"))
        assert "Values" not in nav, path


def test_no_subtitle_leaves_no_empty_lead(site: Path) -> None:
    home = page(site, "")
    leads = [p.get_text(strip=True) for p in home.select("article .compact-lead")]
    assert "" not in leads
    about = page(site, "about").select_one(".compact-lead")
    assert about is not None and about.get_text(" ", strip=True) == "Riverford Test Compact (2031)"


def test_the_whole_compacts_handout_has_no_values_section(project: Path) -> None:
    from generator.handouts.pdf import build_handouts  # WeasyPrint: only for this test

    compact = load_compact(project / "compact_data")
    [whole] = [h for h in plan_handouts(compact) if h.kind == "compact"]
    assert whole.path.startswith("downloads/riverford-test-compact-")
    [made] = build_handouts(compact, SITE, handouts=[whole])
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(made.content)).pages)
    assert "Values" not in text
    # The parts follow at once, under the document's own word for them; with no preamble of the
    # document's to them, no heading of ours ("Sections") stands alone on a page before them.
    assert "Section 1: Sharing information" in text and "Sections" not in text


def test_open_data_has_no_values_and_no_subtitle(site: Path) -> None:
    data = json.loads((site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["values"] == [] and data["subtitle"] is None


def check_with_printed_address(data: Path, text: str, page: str, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> str:
    """``generator check``'s messages for ``data`` with one more printed address (it must refuse it)."""
    compact = data / "compact.yaml"
    compact.write_text(compact.read_text(encoding="utf-8") + (
        f"printed_addresses:\n  - text: {text}\n    page: {page}\n"
    ), encoding="utf-8")
    monkeypatch.chdir(data.parent)
    capsys.readouterr()
    assert cli.main(["check", "--data", data.name]) == 1
    return capsys.readouterr().err


def test_a_printed_address_cannot_promise_a_values_page(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    data = shutil.copytree(FIXTURE, tmp_path / "compact_data")
    (data / "values.yaml").unlink()
    told = check_with_printed_address(data, "compact.riverford.example/what-we-value", "values", capsys, monkeypatch)
    assert re.search(r"^compact_data/compact\.yaml:\d+:\d+: there is no values\.yaml, so the site has no values "
                     r"page for this address: name another page$", told, re.M)


def test_a_printed_address_cannot_promise_a_page_of_parts_a_document_has_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A document without parts (provisions.yaml) has no page listing them to serve a printed address."""
    data = shutil.copytree(ROOT / "tests" / "fixtures" / "shapes" / "principles" / "compact_data",
                           tmp_path / "compact_data")
    told = check_with_printed_address(data, "compact.testbury.example/chapters", "themes", capsys, monkeypatch)
    assert re.search(r"^compact_data/compact\.yaml:\d+:\d+: the document has no parts \(provisions\.yaml\), so the "
                     r"site has no page of them for this address: name another page$", told, re.M)
