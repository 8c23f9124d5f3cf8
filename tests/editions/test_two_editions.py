"""Two editions: every citation keeps its words, and every page says which edition it shows.

A copy of the project gets a synthetic 2030 edition beside Bristol 2012 (see
``support/editions.py``): 1.4 reworded, 1.19 merged into 3.11, 1.20 renumbered
1.19, 2.6 withdrawn, 4.7 split into 4.7 and 4.8, 5.9 new. One real build of it (the run's,
shared with the nginx and self-assessment tests) is read as HTML, as data and in headless Chromium.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pypdf import PdfReader
from support import SITE, serving
from support.browsing import axe_violations, describe_violations
from support.editions import (
    ADOPTED,
    NEW_1_4,
    NEW_5_9,
    OLD_1_4,
    OLD_1_19,
    OLD_1_20_START,
    OLD_2_6,
    OLD_4_7,
    SUBTITLE,
    two_editions_build,
)
from support.pages import page_html, words_of

from generator import urls
from generator.build import build
from generator.handouts.plan import plan_handouts
from generator.model import Compact, load_compact

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]*)">')
NOINDEX = '<meta name="robots" content="noindex">'
OLD_ANCHORS = re.compile(r'<script type="application/json" id="compact-old-anchors">(.*?)</script>', re.S)
COMPARE = re.compile(r'<p class="compact-compare__words">(.*?)</p>', re.S)
HIDDEN = re.compile(r'<span class="compact-visually-hidden">[^<]*</span>')


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's shared two-edition project (read only)."""
    return two_editions_build(tmp_path_factory).project


@pytest.fixture(scope="module")
def compact(project: Path) -> Compact:
    return load_compact(project / "compact_data", display_root=project)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Its build, shared by the run (read only)."""
    return two_editions_build(tmp_path_factory).site




def article(site: Path, path: str) -> str:
    """The page's own content, as words."""
    return words_of(page_html(site, path).split("<article", 1)[1].split("</article>", 1)[0])


def official_words(page: str) -> list[str]:
    """The Compact's words on a page, with the glossary's inline markup taken out."""
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", m)).split())
            for m in re.findall(r'<p class="compact-text">(.*?)</p>', page, re.S)]


# -- the model ---------------------------------------------------------------------------


def test_both_editions_load_with_the_2030_edition_current(compact: Compact) -> None:
    assert [e.edition for e in compact.history.editions] == [2012, 2030]
    assert compact.edition == 2030 and compact.is_current and compact.subtitle == SUBTITLE
    earlier = compact.history.editions[0]
    assert not earlier.is_current and earlier.commitment("1.4").text == OLD_1_4
    assert str(compact.adopted) == ADOPTED and earlier.adopted is None
    step = compact.history.steps[0]
    assert sorted((link.kind, link.before.id, link.after.id) for link in step.changed) == [
        ("merged", "1.19", "3.11"), ("renumbered", "1.20", "1.19"), ("reworded", "1.4", "1.4"),
        ("split", "4.7", "4.7"), ("split", "4.7", "4.8"),
    ]
    assert [n.commitment.id for n in step.new] == ["5.9"]
    assert [w.commitment.id for w in step.withdrawn] == ["2.6"]
    # An earlier edition without topics of its own takes the current ones where the words are the same.
    assert [t.key for t in earlier.commitment("1.5").topics] == [t.key for t in compact.commitment("1.5").topics]


def test_old_addresses_are_made_from_the_editions(compact: Compact) -> None:
    assert [(r.old, r.action, [t.id for t in r.targets], r.changed_in.edition) for r in compact.redirects] == [
        ("1.20", "moved", ["1.19"], 2030),
        ("2.6", "withdrawn", [], 2030),
    ]


# -- every 2012 citation still means its 2012 words ---------------------------------------


def test_every_2012_commitment_keeps_its_words_at_its_edition_address(site: Path, compact: Compact) -> None:
    earlier = compact.history.editions[0]
    assert len(earlier.commitments) == 54
    for commitment in earlier.commitments:
        page = page_html(site, f"editions/2012/commitments/{commitment.id}")
        assert official_words(page) == [commitment.text], commitment.id
        assert f"Commitment {commitment.id} — official text of the Bristol Compact (2012)" in words_of(page)
        assert NOINDEX in page, commitment.id
        assert "The Bristol Compact (2012), an earlier edition." in words_of(page)


def test_an_earlier_commitment_says_what_it_became(site: Path) -> None:
    def banner(path: str) -> str:
        earlier = r'<div class="compact-edition compact-edition--earlier">(.*?)</div>'
        found = re.search(earlier, page_html(site, path), re.S)
        assert found, path
        return words_of(found.group(1))

    assert "In the current edition it is commitment 1.4 , and its words have changed." in banner(
        "editions/2012/commitments/1.4")
    assert "In the current edition it is commitment 1.19 , with the same words." in banner(
        "editions/2012/commitments/1.20")
    assert "In the 2030 edition it became part of commitment 3.11 of the current edition." in banner(
        "editions/2012/commitments/1.19")
    assert "It was withdrawn in the 2030 edition, and is not in the current one." in banner(
        "editions/2012/commitments/2.6")
    assert "In the 2030 edition it was split into commitment 4.7 and commitment 4.8 of the current edition." in banner(
        "editions/2012/commitments/4.7")
    assert "In the current edition it is commitment 3.5 , with the same words." in banner(
        "editions/2012/commitments/3.5")
    page = page_html(site, "editions/2012/commitments/1.20")
    assert 'href="../../../../commitments/1.19/"' in page
    assert 'href="../../../2030/"' in page  # the current edition's own page


# -- the current pages: the 2030 words, with their history ---------------------------------


def test_reworded_commitment_shows_the_new_words_and_the_comparison_word_for_word(site: Path) -> None:
    page = page_html(site, "commitments/1.4")
    assert official_words(page) == [NEW_1_4]
    words = words_of(page)
    assert "Reworded in the 2030 edition. Commitment 1.4 of the Bristol Compact (2012) read differently:" in words
    found = COMPARE.findall(page)
    assert len(found) == 1
    comparison = found[0]
    deleted = [words_of(HIDDEN.sub("", m)) for m in re.findall(r"<del>(.*?)</del>", comparison)]
    inserted = [words_of(HIDDEN.sub("", m)) for m in re.findall(r"<ins>(.*?)</ins>", comparison)]
    assert deleted == ["which means", "management"]
    assert inserted == ["so", ", management", "volunteer"]
    # Read without the insertions it is the 2012 text; without the deletions, the 2030 text.
    old = unescape(re.sub(r"<[^>]+>", "", HIDDEN.sub("", re.sub(r"<ins>.*?</ins>", "", comparison))))
    new = unescape(re.sub(r"<[^>]+>", "", HIDDEN.sub("", re.sub(r"<del>.*?</del>", "", comparison))))
    assert " ".join(old.split()) == OLD_1_4
    assert " ".join(new.split()) == NEW_1_4
    # Screen readers hear what changed; the key says it in words, not colours.
    assert '<del><span class="compact-visually-hidden">[removed: </span>which means' in comparison
    assert "struck through were removed in the 2030 edition; underlined words were added" in words
    # Its earlier words are one link away, at their permanent address.
    assert 'href="../../editions/2012/commitments/1.4/"' in page
    assert ("Link to these exact words (the 2030 edition): "
            "https://www.bristolcompact.org.uk/editions/2030/commitments/1.4/") in words


def test_renumbered_commitment_and_its_reused_number(site: Path) -> None:
    page = page_html(site, "commitments/1.19")
    assert official_words(page)[0].startswith(OLD_1_20_START)
    words = words_of(page)
    assert ("Renumbered in the 2030 edition: this commitment was commitment 1.20 of the Bristol Compact (2012) . "
            "Renumbered when 1.19 was merged into 3.11.") in words
    assert ("The number 1.19 meant a different commitment in the 2012 edition: commitment 1.19 of the Bristol "
            "Compact (2012) became commitment 3.11 of the 2030 edition.") in words
    assert REFRESH.findall(page) == []
    old = page_html(site, "commitments/1.20")
    assert REFRESH.findall(old) == ["../1.19/"] and NOINDEX in old
    assert "In the 2030 edition, commitment 1.20 was renumbered: it is now commitment 1.19." in words_of(old)
    assert 'href="../../editions/2012/commitments/1.20/"' in old  # its 2012 words stay at their address


def test_merged_split_new_and_withdrawn(site: Path) -> None:
    merged = article(site, "commitments/3.11")
    assert "Merged in the 2030 edition: commitment 1.19 of the Bristol Compact (2012) became part of this commitment." \
        in merged
    assert "Unchanged from the 2012 edition: commitment 3.11 of the Bristol Compact (2012) has the same words." \
        in merged
    split = article(site, "commitments/4.8")
    assert "Split in the 2030 edition: commitment 4.7 of the Bristol Compact (2012) became 4.7 and 4.8;" in split
    assert "Split in the 2030 edition" in article(site, "commitments/4.7")
    new = page_html(site, "commitments/5.9")
    assert official_words(new) == [NEW_5_9]
    assert "New in the 2030 edition: this commitment has no earlier form." in words_of(new)
    withdrawn = page_html(site, "commitments/2.6")
    assert REFRESH.findall(withdrawn) == []  # nowhere to send the reader: the page itself is the answer
    assert "Commitment 2.6 was withdrawn in the 2030 edition. Withdrawn in this synthetic edition." \
        in words_of(withdrawn)
    assert official_words(withdrawn) == [OLD_2_6]
    assert "Commitment 2.6 — official text of the Bristol Compact (2012)" in words_of(withdrawn)
    assert official_words(page_html(site, "editions/2012/commitments/4.7")) == [OLD_4_7]
    assert official_words(page_html(site, "editions/2012/commitments/1.19")) == [OLD_1_19]


def test_the_editions_come_after_what_a_reader_wants_first(site: Path) -> None:
    """Words, who it binds, related provisions, terms, the citation and what to do if it is not met
    come first; the words in each edition last, before the pager (issue 28, item 7)."""
    for path in ("commitments/1.4", "commitments/1.19", "commitments/5.5"):
        words = article(site, path)
        order = [words.index(heading) for heading in (
            "official text of", "Who it binds:", "Link to or cite this commitment",
            "If this commitment is not met", "This commitment in each edition")]
        assert order == sorted(order), (path, order)
    for path, heading in (("commitments/1.4", "Terms used"), ("commitments/5.5", "Related commitments")):
        words = article(site, path)
        assert -1 < words.index(heading) < words.index("This commitment in each edition"), path
    # At an edition's own address (no complaints section): after the citation.
    earlier = article(site, "editions/2012/commitments/1.20")
    assert earlier.index("Link to or cite this commitment") < earlier.index("This commitment in each edition")
    assert "the earliest edition published on this site" in earlier


def test_unchanged_commitment_says_so(site: Path) -> None:
    words = article(site, "commitments/2.1")
    assert "Unchanged from the 2012 edition: commitment 2.1 of the Bristol Compact (2012) has the same words." in words


# -- the edition pages -------------------------------------------------------------------


def test_editions_page_lists_both_with_dates(site: Path) -> None:
    words = article(site, "editions")
    assert words.index("The Bristol Compact (2030)") < words.index("The Bristol Compact (2012)")
    assert "Status: the current edition Adopted: 1 April 2030 Contents: 54 commitments in 5 themes" in words
    assert "Status: an earlier edition Adopted: the date is not recorded on this site" in words
    assert NOINDEX not in page_html(site, "editions")  # the list itself is for everyone, search engines too


def test_what_changed_pages(site: Path) -> None:
    words = article(site, "editions/2030/changes")
    for line in ("1 reworded", "1 renumbered", "1 merged into another", "1 split", "1 new", "1 withdrawn",
                 "49 unchanged"):
        assert line in words, line
    assert "Commitment 1.20 of the 2012 edition is now commitment 1.19 . Renumbered when 1.19 was merged into 3.11." \
        in words
    assert "Commitment 4.7 of the 2012 edition became commitment 4.7 and commitment 4.8 ." in words
    assert "Commitment 5.9 is new in this edition." in words
    assert "Commitment 2.6 of the 2012 edition was withdrawn. Withdrawn in this synthetic edition." in words
    assert len(COMPARE.findall(page_html(site, "editions/2030/changes"))) == 1  # 1.4, the one reworded
    assert "the earliest edition of the Bristol Compact published on this site" in article(
        site, "editions/2012/changes")


def test_edition_list_theme_and_sector_pages(site: Path) -> None:
    listing = page_html(site, "editions/2012/commitments")
    assert len(re.findall(r'<article class="compact-item', listing)) == 54
    assert NOINDEX in listing
    theme = page_html(site, "editions/2012/themes/promoting-equality")
    assert 'id="commitment-2.6"' in theme  # the 2012 theme still lists what 2012 had
    assert "The current edition's page for this theme is theme 2" in words_of(theme)
    sector = page_html(site, "editions/2012/sectors/vcs")
    assert 'id="commitment-1.20"' in sector and NOINDEX in sector
    home = article(site, "editions/2012")
    assert "The Bristol Compact (2012), an earlier edition." in home
    assert "All 54 commitments of the 2012 edition" in home


# -- search, sitemap, open data -----------------------------------------------------------


def test_search_indexes_the_current_edition_only(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [loc for loc in locations if re.match(r"editions/\d{4}/", loc)]
    assert "editions/" in locations  # the list of editions is an ordinary page
    assert {"commitments/1.4/", "commitments/5.9/"} <= locations
    assert "commitments/1.20/" not in locations  # only sends the reader on
    assert not any(NEW_1_4[:40] in doc["text"] or OLD_1_4[:60] in doc["text"]
                   for doc in index["docs"] if not doc["location"].startswith("commitments/1.4/"))


def test_sitemap_lists_current_and_edition_pages_not_redirects(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>https://www\.bristolcompact\.org\.uk/([^<]*)</loc>", sitemap))
    assert {"commitments/1.19/", "commitments/2.6/", "editions/", "editions/2012/commitments/1.20/",
            "editions/2030/commitments/1.4/", "editions/2030/changes/"} <= listed
    assert "commitments/1.20/" not in listed


def test_open_data_has_editions_and_each_edition_its_own_files(site: Path) -> None:
    schema = json.loads((site / "data" / "compact.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    current = json.loads((site / "data" / "compact.json").read_text(encoding="utf-8"))
    validator.validate(current)
    assert [(e["edition"], e["current"], e["adopted"]) for e in current["editions"]] == [
        (2012, False, None), (2030, True, ADOPTED)]
    changes = {(c["change"], c["old"], c["to"])
               for c in current["editions"][1]["changes"] if c["change"] != "unchanged"}
    assert changes == {("reworded", "1.4", "1.4"), ("merged", "1.19", "3.11"), ("renumbered", "1.20", "1.19"),
                       ("split", "4.7", "4.7"), ("split", "4.7", "4.8"), ("new", None, "5.9"),
                       ("withdrawn", "2.6", None)}
    assert [(r["old"], r["action"], r["to"], r["edition"]) for r in current["redirects"]] == [
        ("1.20", "moved", ["1.19"], 2030), ("2.6", "withdrawn", [], 2030)]
    old = json.loads((site / "editions" / "2012" / "data" / "compact.json").read_text(encoding="utf-8"))
    validator.validate(old)
    assert old["edition"] == 2012 and old["current"] is False
    one_four = next(c for c in old["commitments"] if c["id"] == "1.4")
    assert one_four["text"] == OLD_1_4
    assert one_four["url"] == SITE.url + "editions/2012/commitments/1.4/"
    csv = (site / "editions" / "2030" / "data" / "commitments.csv").read_text(encoding="utf-8")
    assert NEW_1_4 in csv and "/editions/2030/commitments/1.4/" in csv


def test_old_anchors_are_mapped_on_listing_pages(site: Path) -> None:
    def mapping(path: str) -> dict[str, str]:
        found = OLD_ANCHORS.findall(page_html(site, path))
        assert len(found) == 1, path
        return json.loads(found[0])

    assert mapping("themes/allocating-resources") == {"commitment-1.20": "#commitment-1.19"}
    assert mapping("themes/promoting-equality") == {"commitment-2.6": "../../commitments/2.6/"}
    assert mapping("commitments") == {"commitment-1.20": "#commitment-1.19", "commitment-2.6": "2.6/"}
    assert OLD_ANCHORS.findall(page_html(site, "themes/volunteering")) == []


def test_builds_of_two_editions_are_byte_identical(compact: Compact, project: Path) -> None:
    again = load_compact(project / "compact_data", display_root=project)
    first, second = build(compact, SITE, pdf=False), build(again, SITE, pdf=False)
    assert first.pages == second.pages
    assert first.outputs == second.outputs


def test_an_earlier_edition_has_its_own_handouts(compact: Compact) -> None:
    """The 2012 edition's whole-Compact PDF, laid out from its own words, links to its edition's pages."""
    from generator.handouts.pdf import build_handouts  # WeasyPrint: only for this test

    earlier = compact.history.editions[0]
    pages = urls.edition_pages(earlier)
    plan = plan_handouts(earlier, pages)
    assert plan[0].path == "editions/2012/downloads/bristol-compact-2012.pdf"
    [made] = build_handouts(earlier, SITE, handouts=plan[:1], pages=pages)
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(made.content)).pages).split())
    assert "Bristol Compact (2012)" in text
    assert "bristolcompact.org.uk/editions/2012/commitments/1.4/" in text
    assert "Apply full cost recovery, which means" in text


# -- in a browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


@pytest.mark.browser
def test_old_address_ends_at_the_new_page(page: Any, served: str) -> None:
    page.goto(served + "commitments/1.20/")
    page.wait_for_url(served + "commitments/1.19/", timeout=10_000)
    assert page.locator(".compact-text").first.inner_text().startswith(OLD_1_20_START)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("themes/allocating-resources/#commitment-1.20", "themes/allocating-resources/#commitment-1.19"),
        ("themes/promoting-equality/#commitment-2.6", "commitments/2.6/"),
        ("commitments/#commitment-1.20", "commitments/#commitment-1.19"),
    ],
)
def test_old_anchor_ends_at_the_new_place(page: Any, served: str, old: str, new: str) -> None:
    page.goto(served + old)
    page.wait_for_url(served + new, timeout=10_000)
    if "#" in new:
        target = page.locator("#" + new.split("#")[1].replace(".", "\\."))
        assert target.count() == 1
        assert target.is_visible()


#: Every navigation the page asks for (the Navigation API's navigate event, fired as it is asked,
#: for location.replace too), recorded before the page's scripts run.
RECORD_NAVIGATIONS = """
window.__navigations = [];
navigation.addEventListener('navigate', e => window.__navigations.push(e.destination.url));
"""


@pytest.mark.browser
def test_existing_anchor_is_left_alone(page: Any, served: str) -> None:
    """old-anchors.js runs as the page is read (a script at the end of the body), before "load":
    by then it has asked for any navigation it will, and none is asked for."""
    here = served + "themes/allocating-resources/#commitment-1.19"
    page.add_init_script(RECORD_NAVIGATIONS)
    page.goto(here)
    page.wait_for_load_state("load")
    assert page.evaluate("window.__navigations") == []
    assert page.url == here  # had a navigation already ended elsewhere, this page's record would be another's


NEW_PAGE_TYPES = {
    "history-with-comparison": "commitments/1.4/",
    "editions": "editions/",
    "edition-home": "editions/2012/",
    "earlier-commitment": "editions/2012/commitments/4.7/",
    "earlier-theme": "editions/2012/themes/promoting-equality/",
    "what-changed": "editions/2030/changes/",
    "withdrawn": "commitments/2.6/",
}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_page_types_have_no_axe_violations(browser: Any, served: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        for name, path in NEW_PAGE_TYPES.items():
            response = page.goto(served + path)
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("load")
            violations = axe_violations(page)
            assert not violations, f"axe found problems on /{path} ({name}):\n{describe_violations(violations)}"
    finally:
        context.close()


@pytest.mark.browser
def test_copy_citation_names_the_edition(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served + "editions/2012/commitments/1.20/")
        button = page.get_by_role("button", name="Copy citation")
        button.wait_for(state="visible")
        assert button.get_attribute("data-copy") == (
            "Bristol Compact (2012), commitment 1.20 (VCS commitment) — "
            "https://www.bristolcompact.org.uk/editions/2012/commitments/1.20/"
        )
    finally:
        context.close()
