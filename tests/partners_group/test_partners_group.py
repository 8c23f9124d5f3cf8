"""The addresses the printed Compact gives work, and the Compact Partners' Group has its page.

The Compact prints "www.bristolcompact.org.uk/compact-partners-group" for the Group's
membership and record of work, and "www.bristolcompact.org.uk" for the complaints
procedure. Both states of the Group's page are tested: today's (no data: it says what will
be published, inventing nothing) and a clearly synthetic fixture with members and records
(``tests/fixtures/partners-group/``). That the build refuses a printed address it cannot serve,
and sends a reader on from one that is not its page's own, is proved on the small synthetic Compact.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from support import ROOT, build_site, check_data, copy_project, serving
from support.browsing import axe_violations, describe_violations
from support.pages import page_html, words_of
from support.shapes import small_project

from generator.model import load_compact
from generator.model.group import SITE_NAMES
from generator.pages.text import link_destination

FIXTURE = ROOT / "tests" / "fixtures" / "partners-group"
GROUP = "compact-partners-group"




def article(site: Path, path: str) -> str:
    """The page's own content (inside <article>)."""
    return page_html(site, path).split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]


def line_of(path: Path, needle: str) -> int:
    """The line a text is on in a data file, so that expected locations follow edits to its comments."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# -- today: no data from the Group -----------------------------------------------------------


def test_the_group_page_has_the_compacts_words_and_invents_nothing(site_dir: Path) -> None:
    page = article(site_dir, GROUP)
    words = words_of(page)
    assert words.startswith("Compact Partners' Group From the text of the Bristol Compact (2012)")
    assert "The Compact Partners' Group is the multi-agency group responsible for leading on" in words
    assert '<div class="compact-official">' in page
    for section in (
        "The Group's membership will be published on this page. It has not been published yet.",
        "A record of the Group's work (its meetings, reports and decisions) will be published on this page.",
        "Contact details for the Group will be published on this page. They have not been published yet.",
    ):
        assert section in words
    assert "@" not in words and "mailto:" not in page  # no invented contact


def test_printed_addresses_are_served_with_and_without_the_slash(served_site: str) -> None:
    host, port = urlsplit(served_site).hostname, urlsplit(served_site).port
    assert host is not None

    def get(path: str) -> tuple[int, str | None]:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location")
        finally:
            connection.close()

    status, location = get(f"/{GROUP}")
    assert status == 301 and location is not None and location.endswith(f"/{GROUP}/")
    assert get(f"/{GROUP}/") == (200, None)
    assert get("/")[0] == 200


def test_the_compacts_words_link_the_addresses_they_print(site_dir: Path) -> None:
    about = article(site_dir, "about")
    assert f'<a href="../{GROUP}/">www.bristolcompact.org.uk/compact-partners-group</a>' in about
    complaints = article(site_dir, "complaints")
    assert '<a href="..">www.bristolcompact.org.uk</a>' in complaints or \
        '<a href="../">www.bristolcompact.org.uk</a>' in complaints
    assert f'<a href="../{GROUP}/">www.bristolcompact.org.uk/compact-partners-group</a>' in complaints
    # The Group's own page does not link to itself.
    assert "www.bristolcompact.org.uk/compact-partners-group</a>" not in article(site_dir, GROUP)


def test_the_group_page_is_everywhere_it_belongs(site_dir: Path) -> None:
    nav = page_html(site_dir, "")
    assert f'href="{GROUP}/"' in nav  # the navigation, on every page
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"https://www.bristolcompact.org.uk/{GROUP}/</loc>" in sitemap
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert f"{GROUP}/" in {doc["location"] for doc in index["docs"]}
    assert f"/{GROUP}/" in (ROOT / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    statement = article(site_dir, "accessibility")
    assert f'href="../{GROUP}/#contact"' in statement
    data = json.loads((site_dir / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["partners_group"] is None  # the Group has published nothing yet


def test_the_check_knows_every_folder_of_the_site(site_dir: Path) -> None:
    """A printed address may not replace a page of the site: ``check`` refuses every address in a
    folder the build makes (its list is the model's; the built site is the proof)."""
    folders = {p.name for p in site_dir.iterdir() if p.is_dir()}
    printed = {a.path.strip("/") for a in load_compact(ROOT / "compact_data").printed_addresses}
    assert folders - printed - {GROUP} <= SITE_NAMES
    assert {"about", "commitments", "sectors", "themes", "editions", "downloads", "data", "assets"} <= folders


def test_the_whole_compact_pdf_links_the_printed_address(site_dir: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(site_dir / "downloads" / "bristol-compact-2012.pdf")
    uris = {annotation.get_object().get("/A", {}).get("/URI")
            for page in reader.pages for annotation in page.get("/Annots", []) or []}
    assert f"https://www.bristolcompact.org.uk/{GROUP}/" in uris


# -- with the Group's data (synthetic) ---------------------------------------------------


@pytest.fixture(scope="module")
def with_group(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("group") / "project")
    shutil.copy2(FIXTURE / "partners-group.yaml", project / "compact_data" / "partners-group.yaml")
    shutil.copytree(FIXTURE / "partners-group", project / "compact_data" / "partners-group")
    site = project.parent / "site"
    build_site(project, site)
    return site


def test_members_by_sector_and_records_newest_first(with_group: Path) -> None:
    page = article(with_group, GROUP)
    words = words_of(page)
    assert ("Membership Public sector Synthetic Council Department (test data) (Chair) "
            "Synthetic Health Trust (test data) VCS Synthetic Voluntary Network (test data)") in words
    titles = re.findall(r'<h3 id="record-\d+">(.*?)</h3>', page)
    assert [words_of(t) for t in titles] == [
        "Synthetic annual report (test data)", "Synthetic decision in June (test data)",
        "Synthetic meeting in March (test data)",
    ]
    assert "30 September 2031 · Report" in words and "2 March 2031 · Meeting" in words
    assert 'href="https://example.org/synthetic-report"' in page
    assert 'href="synthetic-minutes.txt"' in page
    assert 'href="mailto:synthetic-group@example.org"' in page
    assert "will be published on this page" not in words


def test_the_home_page_gives_the_groups_contact_route_once_published(with_group: Path) -> None:
    words = words_of(page_html(with_group, ""))
    assert "How to contact the Compact Partners' Group" in words
    assert f'href="{GROUP}/#contact"' in page_html(with_group, "")
    assert "will be published" not in words


def test_the_groups_documents_are_published_beside_its_page(with_group: Path) -> None:
    published = with_group / GROUP / "synthetic-minutes.txt"
    assert published.read_bytes() == (FIXTURE / "partners-group" / "synthetic-minutes.txt").read_bytes()


def test_the_groups_data_is_open_data(with_group: Path) -> None:
    data = json.loads((with_group / "data" / "compact.json").read_text(encoding="utf-8"))
    group = data["partners_group"]
    assert group["url"] == f"https://www.bristolcompact.org.uk/{GROUP}/"
    assert [m["sector"] for m in group["members"]] == ["public", "vcs", "public"]
    assert [r["date"] for r in group["records"]] == ["2031-09-30", "2031-06-15", "2031-03-02"]
    assert group["records"][2]["url"] == f"https://www.bristolcompact.org.uk/{GROUP}/synthetic-minutes.txt"
    assert group["email"] == "synthetic-group@example.org"


# -- mistakes --------------------------------------------------------------------------------



def test_bad_group_data_is_reported_on_its_line(project: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "compact_data" / "partners-group.yaml").write_text("""\
members:
  - organisation: Synthetic (test data)
    sector: helth
records:
  - date: 2031-01-01
    kind: meeting
    title: Both (test data)
    link: https://example.org/x
    document: x.pdf
  - date: 2031-01-02
    kind: report
    title: Missing (test data)
    document: missing.pdf
""", encoding="utf-8")
    code, output = check_data(project, capsys, monkeypatch)
    assert code == 1
    path = "compact_data/partners-group.yaml"
    assert f"{path}:3:13: unknown sector 'helth' (expected one of: shared, public, vcs)" in output
    assert f"{path}:9:15: give a link or a document, not both" in output
    assert f"{path}:13:15: document 'missing.pdf' not found in partners-group/" in output


def test_bad_printed_addresses_are_reported_on_their_line(project: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    compact = project / "compact_data" / "compact.yaml"
    text = compact.read_text(encoding="utf-8")
    start = text.index("printed_addresses:")
    end = text.index("introduction:")
    compact.write_text(text[:start] + """printed_addresses:
  - text: not an address
    page: home
  - text: www.example.org/somewhere
    page: nowhere
  - text: www.example.org/compact-partners-group
    page: partners-group
  - text: www.example.org/compact-partners-group/
    page: about
""" + text[end:], encoding="utf-8")
    code, output = check_data(project, capsys, monkeypatch)
    assert code == 1
    bad, nowhere = line_of(compact, "not an address"), line_of(compact, "page: nowhere")
    first = line_of(compact, "text: www.example.org/compact-partners-group")
    again = line_of(compact, "compact-partners-group/")
    assert f"compact_data/compact.yaml:{bad}:11: write the address as the Compact prints it" in output
    assert f"compact_data/compact.yaml:{nowhere}:11: unknown page 'nowhere' (expected one of: home, about," in output
    assert (f"compact_data/compact.yaml:{again}:11: the address path '/compact-partners-group/' is already given "
            f"at line {first}") in output


@pytest.mark.parametrize(
    ("href", "destination"),
    [
        ("group/a.pdf){: onclick=alert(1) }", "group/a.pdf%29%7B%3A%20onclick%3Dalert%281%29%20%7D"),
        ("x.pdf<img src=x onerror=alert(1)>", "x.pdf%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"),
        ("50%.pdf", "50%25.pdf"),
        ("../commitments/1.4.md#commitment-1.4", "../commitments/1.4.md#commitment-1.4"),
    ],
)
def test_a_link_cannot_leave_its_markdown_destination(href: str, destination: str) -> None:
    """Links the pages make (a document's among them) are percent-encoded for Markdown and URLs,
    whatever a name holds: the names check lets through need nothing, the others could not escape."""
    assert link_destination(href) == destination


def test_a_group_file_needs_the_compacts_passage(project: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    compact = project / "compact_data" / "compact.yaml"
    text = compact.read_text(encoding="utf-8")
    start, end = text.index("partners_group:\n"), text.index("values_preamble:")
    compact.write_text(text[:start] + text[end:], encoding="utf-8")
    shutil.copy2(FIXTURE / "partners-group.yaml", project / "compact_data" / "partners-group.yaml")
    code, output = check_data(project, capsys, monkeypatch)
    assert code == 1
    assert "there is no partners_group passage in compact.yaml, so there is no Group page for this address" in output
    assert ("compact_data/partners-group.yaml:3:1: partners-group.yaml describes the Compact's partners' group, "
            "but compact.yaml has no partners_group passage about it") in output


def test_a_printed_address_the_build_does_not_serve_fails_the_build(tmp_path: Path) -> None:
    """Whatever the Compact: the small synthetic one is given a printed address (it prints none)."""
    project = small_project(tmp_path / "project")
    compact = project / "compact_data" / "compact.yaml"
    text = compact.read_text(encoding="utf-8")
    assert "printed_addresses:" not in text
    compact.write_text(text + """printed_addresses:
  - text: www.synthshire.example/procedure
    page: procedure.md
""", encoding="utf-8")
    site = project.parent / "site"
    result = build_site(project, site, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    line = line_of(compact, "www.synthshire.example/procedure")
    assert (f"compact_data/compact.yaml:{line}:11: the Compact prints the address "
            "'www.synthshire.example/procedure', but this build does not serve it: there is no page 'procedure.md'"
            ) in output
    assert not site.exists()
    compact.write_text(compact.read_text(encoding="utf-8").replace(
        "www.synthshire.example/procedure\n    page: procedure.md",
        "www.synthshire.example/complaints-procedure\n    page: complaints"), encoding="utf-8")
    build_site(project, site)
    # A printed address that is not its page's own sends readers on to it.
    page = page_html(site, "complaints-procedure")
    assert '<meta http-equiv="refresh" content="0; url=../complaints/">' in page
    assert '<meta name="robots" content="noindex">' in page


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_group_page_with_data_has_no_axe_violations(browser: Any, with_group: Path, width: int,
                                                        scheme: str) -> None:
    with serving(with_group) as url:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            response = page.goto(url + f"{GROUP}/")
            assert response is not None and response.status == 200
            page.wait_for_load_state("load")
            violations = axe_violations(page)
            assert not violations, describe_violations(violations)
        finally:
            context.close()
