"""The Zensical site in headless Chromium: axe on the main page types, and the site's scripts.

The page types are the Material build's own (tests/support/browsing.py), each opened once,
after the site's scripts ran: in turn at a desktop width in the light scheme and at a phone
width in the dark one (the Material build checks every type in all four; the articles are the
same, tests/zensical/test_same_site.py, so here it is Zensical's theme around them that is read).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.browsing import NOT_FOUND, PAGES, axe_violations, describe_violations

pytestmark = pytest.mark.browser

#: View -> (width, the browser's colour scheme, the theme's scheme it must show).
VIEWS = {"desktop-light": (1280, "light", "default"), "phone-dark": (390, "dark", "slate")}
#: Each page type in one view, the views in turn.
PAGE_VIEWS = [(name, list(VIEWS)[index % len(VIEWS)]) for index, name in enumerate(PAGES)]


@pytest.fixture(scope="module")
def views(browser: Any) -> Iterator[dict[str, tuple[Any, str]]]:
    """A page per view, shared by the module's tests."""
    contexts = {
        name: browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        for name, (width, scheme, _) in VIEWS.items()
    }
    try:
        yield {name: (context.new_page(), VIEWS[name][2]) for name, context in contexts.items()}
    finally:
        for context in contexts.values():
            context.close()


def open_page(page: Any, url: str, name: str, scheme: str) -> None:
    response = page.goto(url)
    expected = 404 if name in NOT_FOUND else 200
    assert response is not None and response.status == expected, f"{url} answered {response and response.status}"
    page.wait_for_load_state("load")
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == scheme, f"expected the {scheme!r} scheme, got {shown!r}"


@pytest.mark.parametrize(("name", "view"), PAGE_VIEWS, ids=[f"{n}-{v}" for n, v in PAGE_VIEWS])
def test_no_axe_violations(views: dict[str, tuple[Any, str]], served_zensical: str, name: str, view: str) -> None:
    page, scheme = views[view]
    open_page(page, served_zensical + PAGES[name], name, scheme)
    # The site's scripts run as in the Material build: the filter, the complaint panel, the 404 page.
    if name == "all-commitments-filtered":
        page.wait_for_function("() => document.querySelectorAll('#compact-all .compact-item[hidden]').length")
        assert page.locator("#filter-sector").input_value() == "vcs"
    if name == "complaints-for-1.4":
        assert page.locator("#compact-complaint").is_visible()
        assert page.locator('#compact-complaint a[data-field="page"]').get_attribute("href") == "../commitments/1.4/"
    if name == "self-assessment":  # the script runs: a status is saved, kept and counted
        page.locator('input[name="status-1.4"][value="met"]').check()
        page.reload()
        assert page.locator('input[name="status-1.4"][value="met"]').is_checked()
        assert page.locator('#assess-progress tr[data-part="all"] [data-count="met"]').inner_text() == "1"
    if name == "404-unknown-commitment":
        assert page.locator("#compact-notfound-commitment").is_visible()
    violations = axe_violations(page)
    assert not violations, f"axe found problems on /{PAGES[name]}:\n{describe_violations(violations)}"


def test_an_unknown_commitment_links_to_the_list(page: Any, served_zensical: str) -> None:
    """The complaint panel for a number that does not exist: its link (Markdown, so both engines
    resolve it) reaches the list of all commitments."""
    page.goto(served_zensical + "complaints/?commitment=9.9")
    panel = page.locator("#compact-complaint-unknown")
    panel.wait_for(state="visible")
    panel.get_by_role("link").click()
    page.wait_for_load_state("load")
    assert page.url == served_zensical + "commitments/"
