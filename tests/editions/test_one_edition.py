"""Bristol today: one edition, 2012, at the top of the site and at its own permanent address.

Read from the session's real build of the real data (PDFs included).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from support import SITE
from support.pages import page_html, words_of

from generator.model import Compact

NOINDEX = '<meta name="robots" content="noindex">'




def test_the_2012_words_have_their_edition_address(site_dir: Path, compact: Compact) -> None:
    page = page_html(site_dir, "editions/2012/commitments/1.4")
    words = [" ".join(unescape(re.sub(r"<[^>]+>", "", m)).split())
             for m in re.findall(r'<p class="compact-text">(.*?)</p>', page, re.S)]
    assert words == [compact.commitment("1.4").text]
    text = words_of(page)
    assert "The Bristol Compact (2012), the current edition." in text
    assert "Its main page is commitment 1.4 ." in text
    assert 'href="../../../../commitments/1.4/"' in page
    assert NOINDEX in page
    assert "Citation: Bristol Compact (2012), commitment 1.4 (Shared commitment) — " \
           "https://www.bristolcompact.org.uk/editions/2012/commitments/1.4/" in text
    # No complaints route of its own: the guide is the current edition's, from the current page.
    assert "If this commitment is not met" not in text


def test_every_commitment_page_offers_the_address_of_its_words(site_dir: Path, compact: Compact) -> None:
    for commitment in compact.commitments:
        page = page_html(site_dir, f"commitments/{commitment.id}")
        text = words_of(page)
        assert (f"Link to these exact words (the 2012 edition): "
                f"https://www.bristolcompact.org.uk/editions/2012/commitments/{commitment.id}/") in text
        # One edition: nothing to compare, so no section on the editions (issue 28, item 7).
        assert "in each edition" not in text and 'id="editions"' not in page, commitment.id


def test_the_editions_page_and_the_edition_home(site_dir: Path) -> None:
    editions = words_of(page_html(site_dir, "editions"))
    assert "The Bristol Compact (2012) Status: the current edition" in editions
    assert "Adopted: the date is not recorded on this site" in editions  # the data gives no date: none invented
    home = page_html(site_dir, "editions/2012")
    assert NOINDEX in home
    assert words_of(home).count("Theme ") >= 5
    assert "This is the earliest edition of the Bristol Compact published on this site" in words_of(
        page_html(site_dir, "editions/2012/changes"))


def test_the_edition_has_its_own_files(site_dir: Path) -> None:
    """The current edition's PDFs at its edition address are the very same files; its data names its own pages."""
    for pdf in sorted((site_dir / "downloads").glob("*.pdf")):
        copy = site_dir / "editions" / "2012" / "downloads" / pdf.name
        assert copy.read_bytes() == pdf.read_bytes(), pdf.name
    data = json.loads((site_dir / "editions" / "2012" / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["current"] is True and data["edition"] == 2012
    assert data["commitments"][3]["url"] == SITE.url + "editions/2012/commitments/1.4/"
    main = json.loads((site_dir / "data" / "compact.json").read_text(encoding="utf-8"))
    assert [(e["edition"], e["current"]) for e in main["editions"]] == [(2012, True)]
    assert main["editions"][0]["changes"] == [] and main["redirects"] == []
    edition_home = words_of(page_html(site_dir, "editions/2012"))
    assert "Files of the 2012 edition" in edition_home and "(PDF, " in edition_home


def test_edition_pages_are_left_out_of_search(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert not [loc for loc in locations if loc.startswith("editions/2012/")]
    assert "editions/" in locations
