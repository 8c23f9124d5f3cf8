"""The generator builds ANY Compact, not just Bristol's.

``tests/fixtures/other-compact/`` is a small, clearly synthetic Compact (the
"Riverford Test Compact", 2031, of a fictional town): two sectors, neither
shared, thirteen parts it calls "sections" holding provisions it calls
"undertakings", no source text, no keeper and none of the optional
passages. It is built once, as a user would (``mkdocs build --strict``, PDFs
on), and every output is checked for the real Compact's words and for what a
Compact without those passages should (and should not) show.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from support import ROOT, build_site, copy_project
from support.leaks import forbidden_in, leaks, pdf_text, squash, visible_text, vocabulary_in

FIXTURE = ROOT / "tests" / "fixtures" / "other-compact"
TITLE = "Riverford Test Compact"
EDITION = 2031
LABEL = f"the {TITLE} ({EDITION})"
SITE_URL = "https://compact.riverford.example/"

#: The headings of the real Compact's passages, which this Compact does not have.
BRISTOL_HEADINGS = (
    "Introduction: What is the Compact?",
    "The national Compact",
    "Our commitments",
    "Compact Partners' Group",
    "Compact values",
    "Compact themes",
    "Resolving Complaints",
    "The Bristol Compact and you",
)


@dataclass(frozen=True)
class Built:
    site: Path
    log: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture Compact, built once into a copy of the project."""
    tmp = tmp_path_factory.mktemp("other-compact")
    project = copy_project(tmp / "project")
    shutil.rmtree(project / "compact_data")
    shutil.copytree(FIXTURE / "compact_data", project / "compact_data")
    assert not list((project / "content").rglob("*.md")), "the build must need no hand-written page"
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    replaced = {"site_url:": f"site_url: {SITE_URL}\n"}
    for index, line in enumerate(lines):
        for start, replacement in replaced.items():
            if line.startswith(start):
                lines[index] = replacement
    config.write_text("".join(lines), encoding="utf-8")
    assert f"site_url: {SITE_URL}" in config.read_text(encoding="utf-8")
    site = tmp / "site"
    result = build_site(project, site, pdf=True)
    return Built(site, result.stdout + result.stderr)


def read(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def content(page: BeautifulSoup) -> BeautifulSoup:
    found = page.select_one("article.md-content__inner")
    assert found is not None, "the page has no article.md-content__inner"
    return found


# -- the build -------------------------------------------------------------------


def test_build_notes_that_the_official_text_is_unchecked(built: Built) -> None:
    assert f"{LABEL} has no source text in compact.yaml: its official text is unchecked" in built.log


def test_no_word_of_the_real_compact_in_any_built_file(built: Built) -> None:
    checked, found = leaks(built.site)
    # The check must have read every kind of file, or it proves nothing.
    for expected in (
        "index.html",
        "404.html",
        "sitemap.xml",
        "search/search_index.json",
        "data/compact.json",
        "data/commitments.csv",
        f"downloads/riverford-test-compact-{EDITION}.pdf",
    ):
        assert expected in checked, f"{expected} was not built or not checked"
    assert len([n for n in checked if n.endswith(".pdf")]) > 1
    assert not found, "the real Compact's words in the fixture's site:\n" + "\n".join(found)


# -- the document's own words ----------------------------------------------------------


def test_every_page_and_handout_uses_the_documents_own_words(built: Built) -> None:
    """The fixture calls its provisions "undertakings" and its parts "sections": no page, handout or
    data description may call them commitments or themes (Bristol's words)."""
    assert len(list(built.site.rglob("*.html"))) > 60 and len(list(built.site.rglob("*.pdf"))) > 10
    found = vocabulary_in(built.site)
    assert not found, "Bristol's vocabulary in the fixture's site:\n" + "\n".join(found[:20])
    home = visible_text(built.site / "index.html")
    assert "browse all 23 undertakings" in home and "Undertaking number" in home


# -- labels name this Compact ------------------------------------------------------


def test_commitment_page_labels_its_own_title_and_edition(built: Built) -> None:
    text = squash(content(read(built.site, "commitments/1.1")).get_text(" "))
    assert f"Undertaking 1.1 — official text of {LABEL}" in text
    assert "Tell the charities about new plans as early as possible." in text


def test_values_page_labels_its_own_title_and_edition(built: Built) -> None:
    page = content(read(built.site, "values"))
    label = page.select_one(".compact-official .compact-official__label")
    assert label is not None
    assert squash(label.get_text(" ")) == f"From the text of {LABEL}"
    assert page.h1 is not None and squash(page.h1.get_text()) == "Values"  # no values_preamble heading
    assert [li["id"] for li in page.select("ol.compact-values li")] == [
        "good-of-riverford",
        "plain-speaking",
        "fair-shares",
    ]


def test_whole_compact_pdf_is_named_by_its_slug_and_edition(built: Built) -> None:
    pdf = built.site / "downloads" / f"riverford-test-compact-{EDITION}.pdf"
    assert pdf.is_file()
    assert TITLE in squash(pdf_text(pdf))
    assert not list((built.site / "downloads").glob("bristol*"))


# -- navigation with more themes than the navigation lists ------------------------


def test_navigation_lists_only_all_themes_but_every_theme_page_exists(built: Built) -> None:
    data = json.loads((built.site / "data" / "compact.json").read_text(encoding="utf-8"))
    slugs = [theme["slug"] for theme in data["themes"]]
    assert len(slugs) == 13
    home = read(built.site, "")
    navs = home.select("nav.md-nav")
    assert navs, "the home page has no nav.md-nav"
    links = [squash(a.get_text(" ")) for nav in navs for a in nav.select("a.md-nav__link")]
    hrefs = [a.get("href", "") for nav in navs for a in nav.select("a[href]")]
    assert "All sections" in links
    theme_links = [h for h in hrefs if any(f"themes/{slug}" in h for slug in slugs)]
    assert not theme_links, f"theme pages in the navigation: {theme_links}"
    for slug in slugs:
        page = built.site / "themes" / slug / "index.html"
        assert page.is_file(), f"themes/{slug}/ was not built"
    assert (built.site / "themes" / "index.html").is_file()


# -- sectors with none shared ---------------------------------------------------------


def test_council_page_lists_only_council_commitments(built: Built) -> None:
    data = json.loads((built.site / "data" / "compact.json").read_text(encoding="utf-8"))
    council_ids = [c["id"] for c in data["commitments"] if c["sector"] == "council"]
    page = content(read(built.site, "sectors/council"))
    items = page.select("article.compact-item")
    assert items, "the council page lists no commitments"
    assert {item["data-sector"] for item in items} == {"council"}
    assert [item["data-id"] for item in items] == council_ids
    # No shared sector: no "own commitments" heading beside shared ones.
    headings = [squash(h.get_text(" ")) for h in page.select("h2")]
    assert not any("own undertakings" in h for h in headings), headings


def test_charities_page_lists_only_charities_commitments(built: Built) -> None:
    page = content(read(built.site, "sectors/charities"))
    items = page.select("article.compact-item")
    assert items and {item["data-sector"] for item in items} == {"charities"}


# -- absent passages ---------------------------------------------------------------------


def test_about_page_has_none_of_the_real_compacts_passages(built: Built) -> None:
    page = content(read(built.site, "about"))
    text = squash(page.get_text(" "))
    headings = [squash(h.get_text(" ")) for h in page.select("h1, h2, h3")]
    assert headings == ["About the Compact"]
    for heading in BRISTOL_HEADINGS:
        assert heading not in text
    # With no passages at all, about.md.j2 shows the title, edition and subtitle instead.
    lead = page.select_one(".compact-lead")
    assert lead is not None
    assert squash(lead.get_text(" ")).startswith(f"{TITLE} ({EDITION}):")
    assert not page.select(".compact-official")
    assert "From the text of" not in text


def test_the_site_is_named_by_the_compacts_title_from_the_data(built: Built) -> None:
    """mkdocs.yml leaves ``site_name`` empty: the name in every page's title and header is the data's."""
    home, commitment = read(built.site, ""), read(built.site, "commitments/1.1/")
    assert home.title is not None and home.title.string == TITLE
    assert commitment.title is not None and commitment.title.string == f"Undertaking 1.1 - {TITLE}"
    header = home.select_one(".md-header__topic")
    assert header is not None and squash(header.get_text(" ")) == TITLE


def test_home_page_has_no_official_text_box_but_its_subtitle(built: Built) -> None:
    page = content(read(built.site, ""))
    assert page.h1 is not None and squash(page.h1.get_text(" ")) == f"{TITLE} ({EDITION})"
    boxes = page.select(".compact-official")
    assert [box["class"] for box in boxes] == [["compact-official", "compact-subtitle"]], (
        "an official-text box without an introduction passage")
    assert squash(boxes[0].get_text(" ")) == (
        f"Subtitle — official text of {LABEL} A made-up agreement between the council and the charities of the "
        "fictional town of Riverford")
    assert "From the text of" not in page.get_text(" ")
    # No shared sector: each commitment is one side's; no keeper: no word on who publishes the site.
    summary = squash(page.select_one(".compact-home-summary").get_text(" "))
    assert "or by" not in summary and "shared)" not in summary
    assert "In the Compact's words" not in page.get_text(" ")
    assert "About this website" not in page.get_text(" ") and "publishes" not in page.get_text(" ")


# -- open data -------------------------------------------------------------------------------


def test_open_data_names_this_compact_and_its_unshared_sectors(built: Built) -> None:
    data = json.loads((built.site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["official_text"] == LABEL
    assert data["title"] == TITLE and data["edition"] == EDITION
    assert data["keeper"] is None
    assert data["passages"] == {} and data["national_compact"] is None
    assert data["url"] == SITE_URL
    assert [(s["key"], s["shared"]) for s in data["sectors"]] == [("council", False), ("charities", False)]


def test_a_compact_without_a_partners_group_has_no_group_page(built: Built) -> None:
    assert not (built.site / "partners-group").exists()
    assert not (built.site / "compact-partners-group").exists()
    data = json.loads((built.site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["partners_group"] is None


# -- the accessibility statement: generated from this Compact's data alone ---------------------


def test_the_accessibility_statement_is_this_compacts_with_its_own_contact(built: Built) -> None:
    """accessibility.yaml gives the dates and a contact (this Compact has no Group page to send readers to)."""
    page = content(read(built.site, "accessibility"))
    words = squash(page.get_text(" "))
    assert words.startswith("Accessibility statement for the Riverford Test Compact website")
    assert f"which publishes {LABEL}." in words  # no keeper: published for no one named
    contact = "https://council.riverford.example/accessibility-contact"  # another host: no page of this site
    assert f"contact us: Website: {contact}" in words
    assert [a["href"] for a in page.select("a[href*='riverford.example']")] == [contact]
    assert "This statement was prepared on 3 February 2031." in words and "reviewed" not in words.split(
        "Preparation of this accessibility statement")[1]
    assert "This website was last tested on 4 February 2031" in words
    assert "We are committed to making this website accessible" in words
    assert "Group" not in words and "partners-group" not in str(page)
    assert forbidden_in(str(page)) == []
    nav = [squash(a.get_text(" ")) for a in read(built.site, "").select("nav.md-nav--primary a.md-nav__link")]
    assert nav[-1] == "Accessibility"


def test_a_count_of_one_is_said_in_the_singular(built: Built) -> None:
    """Section 4 of the fixture holds one undertaking: its page and handout say "1 undertaking"."""
    page = squash(content(read(built.site, "themes/buildings")).get_text(" "))
    assert "This section has 1 undertaking." in page
    handout = squash(pdf_text(built.site / "downloads" / "theme-buildings.pdf"))
    assert "The section's 1 undertaking." in handout and "1 undertakings" not in handout


# -- the common situations: the topics' questions (issue 28) ------------------------------------


def test_the_one_topic_with_a_question_is_offered_first(built: Built) -> None:
    page = content(read(built.site, ""))
    block = page.select_one(".compact-situations")
    assert block is not None
    offered = [(a.get_text(), a["href"]) for a in block.select("li a")]
    assert offered == [("Your made-up grant is late", "topics/money/")]
    assert "each leads to the undertakings that apply" in squash(block.get_text(" "))
    assert block.sourceline < page.select_one(".compact-home-summary").sourceline  # type: ignore[union-attr]


def test_every_topic_has_its_page_with_its_undertakings_and_the_guides_steps(built: Built) -> None:
    themes = sorted((FIXTURE / "compact_data" / "themes").glob("*.yaml"), key=lambda p: int(p.name.split("-")[0]))
    entries = [e for path in themes for e in yaml.safe_load(path.read_text(encoding="utf-8"))["commitments"]]
    for key, heading in (("money", "Your made-up grant is late"), ("talking", "Talking and listening"),
                         ("places", "Places and buildings")):
        page = content(read(built.site, f"topics/{key}"))
        assert squash(page.h1.get_text(" ")) == heading  # type: ignore[union-attr]
        listed = [item["data-id"] for item in page.select(".compact-item")]
        assert listed and listed == [e["id"] for e in entries if key in e.get("topics", [])], (key, listed)
        links = [a["href"] for a in page.select(".compact-item__complain a")]
        assert links == [f"../../complaints/?commitment={i}" for i in listed]
        steps = page.select_one(".compact-next-steps")
        assert steps is not None
        # No passage on resolving complaints, no procedure named: none shown, nothing invented.
        assert steps.select_one(".compact-official") is None and "procedure" not in steps.get_text().lower()
        assert [(a.get_text(), a["href"]) for a in steps.select("ol a")] == [
            ("Find the undertaking", "../../complaints/#find-the-commitment"),
            ("Talk to them first", "../../complaints/#talk-first"),
            ("Take it to the Town Forum", "../../complaints/#take-it-further")]
        words = squash(page.get_text(" "))
        assert f"the {len(listed)} undertakings on this topic" in words or "the 1 undertaking on" in words
        assert "commitment" not in words.lower()
