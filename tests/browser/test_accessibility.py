"""axe-core finds no WCAG 2.2 AA (or best-practice) failure on any kind of page.

Every page type is opened in headless Chromium at a desktop and a mobile
width, in the light and the dark colour scheme (Material follows
``prefers-color-scheme``), after the site's scripts have run, and axe-core
(bundled locally by axe-playwright-python) checks the rendered page. The
interactive states that change what is on screen — search results, the
mobile navigation drawer — are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.browsing import NOT_FOUND, PAGES, axe_violations, describe_violations
from support.search import COUNT_ANSWERS, type_query

pytestmark = pytest.mark.browser

# Nothing moves or fades any more: the drawer's slide-in (a transform transition) has finished,
# and the search's results have faded in.
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"
WIDTHS = {"desktop": 1280, "mobile": 390}
SCHEMES = {"light": "default", "dark": "slate"}  # Playwright colour scheme -> Material's scheme


@pytest.fixture(
    scope="module", params=[(w, s) for w in WIDTHS for s in SCHEMES], ids=lambda p: f"{p[0]}-{p[1]}"
)
def view_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[Any, str]]:
    """One page per width and colour scheme, shared by the module's tests at that view (pytest
    runs them together), with the scheme Material should show: it navigates page to page, its
    search's answers counted (support.search.COUNT_ANSWERS: a script of the test's, not the page's)."""
    width_name, scheme = request.param
    context = browser.new_context(
        viewport={"width": WIDTHS[width_name], "height": 900}, color_scheme=scheme
    )
    context.add_init_script(COUNT_ANSWERS)
    try:
        yield context.new_page(), SCHEMES[scheme]
    finally:
        context.close()


@pytest.fixture
def view(view_page: tuple[Any, str]) -> tuple[Any, str]:
    """The view's page, with nothing kept from the test before: no stored state (Material keeps
    the colour scheme in localStorage), and a blank page with no focus or open search."""
    page, scheme = view_page
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.context.clear_cookies()
    page.goto("about:blank")
    return page, scheme


def open_page(page: Any, url: str, name: str, material_scheme: str) -> None:
    """Open a page, check it is the page we meant (not a stray 404) and in the scheme we meant."""
    response = page.goto(url)
    expected = 404 if name in NOT_FOUND else 200
    assert response is not None and response.status == expected, (
        f"{url} answered {response.status if response else 'nothing'}, expected {expected}: "
        "the page this test checks does not exist (yet)"
    )
    page.wait_for_load_state("load")
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == material_scheme, f"expected Material's {material_scheme!r} scheme, got {shown!r}"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(view: tuple[Any, str], served_site: str, name: str) -> None:
    page, scheme = view
    open_page(page, served_site + PAGES[name], name, scheme)
    if name == "all-commitments-filtered":
        # The filter really is applied: the VCS commitments of theme 3 only.
        page.wait_for_function("() => document.querySelectorAll('#compact-all .compact-item[hidden]').length")
        assert page.locator("#compact-filter").is_visible()
        assert page.locator("#filter-sector").input_value() == "vcs"
    if name == "complaints-for-1.4":
        # The guide shows the chosen commitment (added by the page's script).
        assert page.locator("#compact-complaint").is_visible()
    if name == "404-unknown-commitment":
        assert page.locator("#compact-notfound-commitment").is_visible()
    violations = axe_violations(page)
    assert not violations, f"axe found problems on /{PAGES[name]}:\n{describe_violations(violations)}"


def test_search_results_have_no_axe_violations(view: tuple[Any, str], served_site: str) -> None:
    """The search box open with results (their colours, marks and focus) in both schemes."""
    page, scheme = view
    open_page(page, served_site + "commitments/1.4/", "commitment", scheme)
    page.keyboard.press("/")  # Material's shortcut: opens and focuses the search box
    search = page.locator(".md-search__input")
    search.wait_for(state="visible")
    type_query(search, "funding")  # its results drawn, not a shorter query's
    page.locator(".md-search-result__list > li").first.wait_for(state="visible")
    page.wait_for_function(SETTLED)
    violations = axe_violations(page)
    assert not violations, f"axe found problems with search results open:\n{describe_violations(violations)}"


def test_mobile_navigation_drawer_has_no_axe_violations(browser: Any, served_site: str) -> None:
    for scheme, material_scheme in SCHEMES.items():
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        try:
            page = context.new_page()
            open_page(page, served_site + "themes/allocating-resources/", "theme", material_scheme)
            page.get_by_role("button", name="Navigation menu").click()
            page.locator(".md-nav--primary").first.wait_for(state="visible")
            page.wait_for_function(SETTLED)  # the drawer has slid in
            violations = axe_violations(page)
            assert not violations, (
                f"axe found problems with the navigation open ({scheme}):\n{describe_violations(violations)}"
            )
        finally:
            context.close()
