"""The terms of reuse come from the data, and are never guessed.

With ``licence:`` in compact.yaml (the synthetic Riverford Compact, given one here, with a name,
an address and a statement holding ``&``, quotes and angle brackets), the licence is on
/downloads/, in every page's footer, in compact.json (valid against its schema), in the CSV's
metadata and on the handouts' covers, each escaped for its place. Without it (Bristol's data
states none), each of those places says plainly that no licence is stated, and names none.
The complaints procedure the data names is linked where it is published, and said to be
unpublished where it is not.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from support import ROOT, SITE, build_site, copy_project

from generator.handouts.pdf import PdfRenderer, build_handouts
from generator.handouts.plan import plan_handouts
from generator.model import load_compact
from generator.open_data import NO_LICENCE

FIXTURE = ROOT / "tests" / "fixtures" / "other-compact" / "compact_data"
NAME = 'Riverford Open Licence & "Terms" <b>1.0</b>'
URL = "https://licence.riverford.example/open/1.0/?lang=en&format=full"
STATEMENT = "Credit the Riverford Town Forum <forum> & say what you changed."
LICENCE = f"licence:\n  name: {json.dumps(NAME)}\n  url: {URL}\n  statement: {json.dumps(STATEMENT)}\n"
PROCEDURE_URL = "https://forum.riverford.example/complaints-procedure"
PROCEDURE = f"procedure:\n  name: Town Forum Complaints Procedure\n  url: {PROCEDURE_URL}\n"
#: The footer's words and the downloads page's, where the data states no licence.
NONE_IN_FOOTER = "No licence for reuse is stated: see the terms of reuse."
NONE_ON_DOWNLOADS = "No licence is stated."


@pytest.fixture(scope="module")
def stated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose data states a licence and where its complaints procedure is published."""
    project = copy_project(tmp_path_factory.mktemp("licence") / "project", FIXTURE)
    for name, added in (("compact.yaml", LICENCE), ("complaints.yaml", PROCEDURE)):
        path = project / "compact_data" / name
        path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(stated: Path) -> Path:
    build_site(stated, stated.parent / "site")
    return stated.parent / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def squash(text: str) -> str:
    return " ".join(text.split())


def terms_section(doc: BeautifulSoup) -> list[object]:
    """What follows the downloads page's "Terms of reuse" heading, up to the next heading."""
    heading = doc.find(id="terms-of-reuse")
    assert heading is not None and heading.name == "h2"
    section = []
    for element in heading.find_next_siblings():
        if element.name in ("h1", "h2"):
            break
        section.append(element)
    return section


def test_the_downloads_page_states_the_licence(site: Path) -> None:
    section = terms_section(page(site, "downloads/index.html"))
    links = [a for element in section for a in element.find_all("a")]
    assert [(a.get_text(), a["href"]) for a in links] == [(NAME, URL)]
    texts = [squash(element.get_text()) for element in section]
    assert texts[0].endswith(f"as their publisher states them: {NAME}.")
    assert STATEMENT in texts
    assert NONE_ON_DOWNLOADS not in " ".join(texts)


def test_every_page_links_the_licence_in_its_footer(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        footer = page(site, str(path.relative_to(site))).select(".md-copyright .compact-licence")
        assert len(footer) == 1, path
        assert squash(footer[0].get_text()) == f"Reuse: {NAME}", path
        assert [(a.get_text(), a["href"]) for a in footer[0].find_all("a")] == [(NAME, URL)], path


def test_the_open_data_carries_the_licence(site: Path) -> None:
    document = json.loads((site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert document["licence"] == {"name": NAME, "url": URL, "statement": STATEMENT}
    schema = json.loads((site / "data" / "compact.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    metadata = json.loads((site / "data" / "commitments.csv-metadata.json").read_text(encoding="utf-8"))
    assert metadata["dc:license"] == {"@id": URL, "dc:title": NAME}
    assert metadata["dc:rights"] == STATEMENT


def test_the_complaints_page_links_the_published_procedure(site: Path) -> None:
    intro = page(site, "complaints/index.html").select_one("article .compact-explanatory")
    assert f"The Town Forum Complaints Procedure is published at {PROCEDURE_URL}." in squash(intro.get_text())
    assert [a["href"] for a in intro.find_all("a")] == [PROCEDURE_URL]
    assert "not published" not in intro.get_text()


def _without_spaces(text: str) -> str:
    """A PDF's text with its spaces, line breaks and break opportunities taken out: wrapped words read whole."""
    return re.sub(r"[\s\u200b]+", "", text)


def _cover(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_handouts_covers_state_the_licence(stated: Path, tmp_path: Path) -> None:
    compact = load_compact(stated / "compact_data")
    handout = next(h for h in plan_handouts(compact) if h.kind == "sector")
    html = PdfRenderer(compact, SITE).html(handout)
    assert "Riverford Open Licence &amp; &#34;Terms&#34; &lt;b&gt;1.0&lt;/b&gt;" in html  # text, never markup
    (made,) = build_handouts(compact, SITE, handouts=[handout])
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(made.content)
    assert _without_spaces(f"Reuse: {NAME}, {URL}. {STATEMENT}") in _without_spaces(_cover(pdf))


# -- Bristol's data states no licence --------------------------------------------------------


def test_without_a_licence_the_downloads_page_says_none_is_stated(site_dir: Path) -> None:
    section = terms_section(page(site_dir, "downloads/index.html"))
    text = squash(" ".join(element.get_text() for element in section))
    assert text.startswith(NONE_ON_DOWNLOADS)
    assert "does not say on what terms" in text
    assert not [a for element in section for a in element.find_all("a")]
    assert "licen" not in text.replace("No licence is stated", "")  # no licence named


def test_without_a_licence_every_footer_says_so_and_links_the_downloads_page(site_dir: Path) -> None:
    for path in ("index.html", "downloads/index.html", "commitments/1.4/index.html", "404.html"):
        footer = page(site_dir, path).select(".md-copyright .compact-licence")
        assert [squash(f.get_text()) for f in footer] == [NONE_IN_FOOTER], path
    link = page(site_dir, "commitments/1.4/index.html").select_one(".compact-licence a")["href"]
    assert link == "../../downloads/#terms-of-reuse"


def test_without_a_licence_the_open_data_names_none(site_dir: Path) -> None:
    document = json.loads((site_dir / "data" / "compact.json").read_text(encoding="utf-8"))
    assert document["licence"] is None
    metadata = json.loads((site_dir / "data" / "commitments.csv-metadata.json").read_text(encoding="utf-8"))
    assert "dc:license" not in metadata
    assert metadata["dc:rights"] == NO_LICENCE


def test_without_a_licence_the_handouts_say_none_is_stated(site_dir: Path) -> None:
    for pdf in sorted((site_dir / "downloads").glob("*.pdf")):
        assert "Nolicenceforreuseisstated." in _without_spaces(_cover(pdf)), pdf.name


def test_an_unpublished_procedure_is_said_to_be_so(site_dir: Path) -> None:
    intro = page(site_dir, "complaints/index.html").select_one("article .compact-explanatory")
    text = squash(intro.get_text())
    assert "The Compact Complaints Procedure is not published." in text
    assert "neither this website nor the data it is made from gives an address where it can be read" in text
