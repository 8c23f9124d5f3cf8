"""The home page says in ten seconds what the Compact is, whom it binds and what it asks, and
finds a commitment by its number (issue 15, item 3).

Its summary is our explanatory text, drawn from the data (the sectors, what binds each one, the
themes); the Compact's own introduction follows, marked as official text. Who publishes the
site and how to contact them come from the data alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.pages import article, read_page

from generator.model import Compact
from generator.pages.text import squash


def test_the_summary_comes_first_and_is_made_from_the_data(site_dir: Path, compact: Compact) -> None:
    home = article(read_page(site_dir, ""))
    summary = home.select_one(".compact-explanatory.compact-home-summary")
    official = home.select_one(".compact-official:not(.compact-subtitle)")  # the introduction (the subtitle is over it)
    assert summary is not None and official is not None
    assert summary.sourceline < official.sourceline, "the plain-English summary before the Compact's words"
    assert "compact-official" not in str(summary), "the summary is ours, not the Compact's words"
    words = squash(summary.get_text())
    assert words.startswith(f"What it is. {compact.description}")
    assert ("Who it binds. Its 54 commitments are each made by the public sector or the VCS, "
            "or by both together") in words
    for side in compact.sides:
        own, shared = len(compact.in_sector(side)), len(compact.in_sector(compact.shared_sector))  # type: ignore[arg-type]
        assert own + shared == len(compact.binding(side))
        assert f"{side.name}: {own + shared} commitments ({own} of its own and {shared} shared)" in words
    assert f"under {len(compact.themes)} themes: {compact.themes[0].title}," in words
    assert summary.select_one('a[href="complaints/"]') is not None


def test_the_number_field_is_labelled_and_works_without_javascript(site_dir: Path) -> None:
    home = article(read_page(site_dir, ""))
    form = home.select_one("form#compact-goto")
    assert form is not None and form["action"] == "commitments/" and form["method"] == "get"
    field = form.select_one("input#compact-goto-number")
    assert field is not None and form.select_one('label[for="compact-goto-number"]') is not None
    assert "compact-goto-hint" in field["aria-describedby"]
    assert "For example 1.1" in form.get_text()


def test_the_site_says_who_publishes_it_and_where_contact_details_will_be(site_dir: Path) -> None:
    words = squash(article(read_page(site_dir, "")).get_text())
    assert "This website publishes the Bristol Compact (2012) for the Compact Partners' Group." in words
    # Bristol's data has no contact details yet: the page says where they will appear, inventing none.
    assert "The Compact Partners' Group's contact details will be published on its page" in words
    assert "@" not in words


@pytest.mark.browser
def test_a_number_opens_its_commitment(page: Any, served_site: str) -> None:
    page.goto(served_site)
    field = page.get_by_label("Commitment number")
    field.fill(" 1.4 ")
    field.press("Enter")
    page.wait_for_url(served_site + "commitments/1.4/")
    assert page.locator("h1").inner_text() == "Commitment 1.4"


@pytest.mark.browser
def test_a_mistyped_number_is_explained_where_it_was_typed(page: Any, served_site: str) -> None:
    page.goto(served_site)
    field = page.get_by_label("Commitment number")
    field.fill("one point four")
    page.get_by_role("button", name="Show the commitment").click()
    alert = page.get_by_role("alert")
    assert alert.inner_text() == (
        "“one point four” is not a commitment number. Type the number the Compact gives it, such as 1.1.")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.url == served_site
    assert page.evaluate("document.activeElement.id") == "compact-goto-number"


@pytest.mark.browser
def test_a_number_that_does_not_exist_is_said_beside_the_box(page: Any, served_site: str) -> None:
    """Issue 28, item 7: 9.9 is a number, but no commitment's: said where it was typed, not on a 404 page."""
    page.goto(served_site)
    field = page.get_by_label("Commitment number")
    field.fill("9.9")
    field.press("Enter")
    alert = page.get_by_role("alert")
    assert alert.inner_text() == (
        "There is no commitment numbered “9.9” in the Bristol Compact: its commitments are numbered 1.1 to 5.8.")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.url == served_site
    field.fill("5.8")  # typing again clears the message, and the last number exists
    assert page.locator("#compact-goto-error").text_content() == ""
    field.press("Enter")
    page.wait_for_url(served_site + "commitments/5.8/")


@pytest.mark.browser
@pytest.mark.parametrize(("typed", "opened"), [("1,13", "1.13"), (" 1 , 4 ", "1.4"), ("commitment 5,5", "5.5"),
                                               ("1.04", "1.4")])
def test_a_phone_keypads_comma_is_a_point(page: Any, served_site: str, typed: str, opened: str) -> None:
    """Issue 28, item 7: a phone's decimal keypad may offer a comma; a leading zero changes nothing."""
    page.goto(served_site)
    field = page.get_by_label("Commitment number")
    field.fill(typed)
    field.press("Enter")
    page.wait_for_url(served_site + f"commitments/{opened}/")
    assert page.locator("h1").inner_text() == f"Commitment {opened}"
