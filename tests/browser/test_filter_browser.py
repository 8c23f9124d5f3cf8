"""The filter on /commitments/ in headless Chromium: it filters, shares and degrades."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from generator.model import Compact

pytestmark = pytest.mark.browser

ITEMS = "#compact-all article.compact-item"
VCS_THEME_3 = [f"3.{n}" for n in range(1, 9)] + ["3.11", "3.12", "3.13"]


def visible_ids(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        ITEMS, "items => items.filter(i => i.offsetParent !== null).map(i => i.dataset.id)"
    )


def test_choosing_sector_and_theme_filters_and_updates_the_address(page: object, served_site: str) -> None:
    page.goto(served_site + "commitments/")  # type: ignore[attr-defined]
    form = page.locator("#compact-filter")  # type: ignore[attr-defined]
    assert form.is_visible()
    assert len(visible_ids(page)) == 54
    page.select_option("#filter-sector", "vcs")  # type: ignore[attr-defined]
    page.select_option("#filter-theme", "3")  # type: ignore[attr-defined]
    # What binds the VCS in theme 3: the shared commitments and its own, as the sector page lists them.
    assert visible_ids(page) == VCS_THEME_3
    query = parse_qs(urlsplit(page.url).query)  # type: ignore[attr-defined]
    assert query == {"theme": ["3"], "sector": ["vcs"]}
    assert page.locator("#compact-filter-status").inner_text() == (  # type: ignore[attr-defined]
        f"Showing {len(VCS_THEME_3)} of 54 commitments that bind the VCS: its own and the shared commitments."
    )
    # Only theme 3's group heading is left on screen.
    headings = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#compact-all h2", "hs => hs.filter(h => h.offsetParent !== null).map(h => h.id)"
    )
    assert headings == ["theme-3"]
    page.click("#compact-filter button[type=reset]")  # type: ignore[attr-defined]
    page.wait_for_function("() => !location.search")  # type: ignore[attr-defined]
    assert len(visible_ids(page)) == 54


def test_opening_a_filtered_address_restores_the_filter(page: object, served_site: str) -> None:
    page.goto(served_site + "commitments/?theme=3&sector=vcs")  # type: ignore[attr-defined]
    assert visible_ids(page) == VCS_THEME_3
    assert page.input_value("#filter-theme") == "3"  # type: ignore[attr-defined]
    assert page.input_value("#filter-sector") == "vcs"  # type: ignore[attr-defined]
    assert page.input_value("#filter-topic") == ""  # type: ignore[attr-defined]


def test_an_unknown_value_in_the_address_says_so(page: object, served_site: str) -> None:
    page.goto(served_site + "commitments/?sector=nobody&theme=2")  # type: ignore[attr-defined]
    assert page.input_value("#filter-sector") == ""  # type: ignore[attr-defined]
    assert all(i.startswith("2.") for i in visible_ids(page)) and visible_ids(page)
    assert page.locator("#compact-filter-status").inner_text().startswith(  # type: ignore[attr-defined]
        "There is no sector \u201cnobody\u201d, so every sector is shown. Showing 6 of 54 commitments"
    )


@pytest.mark.parametrize("sector", ["shared", "public", "vcs"])
def test_each_sector_and_theme_shows_what_binds_that_sector(page: object, served_site: str, compact: Compact,
                                                             sector: str) -> None:
    """The filter and the sector pages agree: both come from Compact.binding()."""
    chosen = compact.sector(sector)
    page.goto(served_site + "commitments/")  # type: ignore[attr-defined]
    page.select_option("#filter-sector", sector)  # type: ignore[attr-defined]
    assert visible_ids(page) == [c.id for c in compact.binding(chosen)]
    for theme in compact.themes:
        page.select_option("#filter-theme", str(theme.number))  # type: ignore[attr-defined]
        expected = [c.id for c in compact.binding(chosen) if c in theme.commitments]
        assert visible_ids(page) == expected, (sector, theme.number)
        assert page.locator("#compact-filter-empty").is_visible() == (not expected)  # type: ignore[attr-defined]
    # Theme 4 + public sector: the shared volunteering commitments bind the council too.
    if sector == "public":
        page.select_option("#filter-theme", "4")  # type: ignore[attr-defined]
        assert visible_ids(page) == [c.id for c in compact.themes[3].commitments if c.sector.shared]


def test_an_empty_result_explains_itself_and_the_contents_follow(page: object, served_site: str,
                                                                 compact: Compact) -> None:
    theme, topic = next(
        (t, topic) for t in compact.themes for topic in compact.topics
        if not any(topic in c.topics for c in t.commitments)
    )
    page.goto(served_site + f"commitments/?theme={theme.number}&topic={topic.key}")  # type: ignore[attr-defined]
    assert visible_ids(page) == []
    assert page.locator("#compact-filter-empty").is_visible()  # type: ignore[attr-defined]
    assert "Showing 0 of 54 commitments." in page.locator("#compact-filter-status").inner_text()  # type: ignore[attr-defined]
    page.goto(served_site + "commitments/?theme=2")  # type: ignore[attr-defined]
    toc = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-nav--secondary a", "links => links.filter(a => a.offsetParent !== null).map(a => a.hash)"
    )
    assert toc == ["#theme-2"]


def test_without_javascript_every_commitment_shows(browser: object, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(served_site + "commitments/?theme=3&sector=vcs")
        assert len(visible_ids_without_js(page)) == 54
        assert not page.locator("#compact-filter").is_visible(), "a form that cannot work stays hidden"
    finally:
        context.close()


def visible_ids_without_js(page: object) -> list[str]:
    """Playwright evaluates in its own world even when the page's scripts are off."""
    return [
        item.get_attribute("data-id")
        for item in page.locator(ITEMS).all()  # type: ignore[attr-defined]
        if item.is_visible()
    ]
