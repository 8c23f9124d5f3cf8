"""The site works with the keyboard alone: tested by pressing keys in Chromium.

Nothing here reads markup to decide what is accessible: the tests press Tab,
Enter, Space, arrow keys and "/" as a keyboard user would, and look at where
focus went, what is visible and what happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from support import SITE

pytestmark = pytest.mark.browser

# What the focused element looks like: its focus indicator and where it is. A
# zero-size control (Material's colour-scheme radio button) shows its focus on
# the <label> drawn after it, so that is what is measured for it.
FOCUS_STATE = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) { return null; }
  let shown = active;
  const box = active.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) {
    const next = active.nextElementSibling;
    shown = next && next.tagName === "LABEL" ? next : (active.labels && active.labels[0]) || active;
  }
  const rect = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  active.setAttribute("data-keyboard-reached", "");
  return {
    what: active.tagName.toLowerCase() + (active.id ? "#" + active.id : "") +
      (typeof active.className === "string" && active.className.trim()
        ? "." + active.className.trim().split(/\\s+/).join(".") : "") +
      " " + JSON.stringify(
        (active.textContent || active.getAttribute("aria-label") || "").trim().slice(0, 40)),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none" && style.boxShadow !== "",
    width: rect.width, height: rect.height,
    top: Math.round(rect.top), left: Math.round(rect.left), scrollY: Math.round(scrollY),
    onScreen: rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight,
    visible: style.visibility === "visible" && parseFloat(style.opacity) > 0,
  };
}"""

# Nothing on the page is still moving or fading. Colour-only transitions (Material
# fades link colours over 125 ms) are not waited for: FOCUS_STATE reads no colour,
# only outline, shadow, geometry, visibility and opacity, which they do not change.
SETTLED = """() => document.getAnimations().every(a => a.playState !== 'running'
  || (a instanceof CSSTransition && /(^|-)color$/.test(a.transitionProperty)))"""

# The focused element (or, for a zero-size one, what FOCUS_STATE measures for it) is on screen.
FOCUS_ON_SCREEN = f"() => {{ const state = ({FOCUS_STATE})(); return !state || state.onScreen; }}"

# Controls in the page's content that a keyboard user must be able to reach.
UNREACHED_CONTROLS = """() => Array.from(document.querySelectorAll(
    ".md-content a[href], .md-content button, .md-content select, .md-content textarea, .md-content input"))
  .filter(e => e.offsetParent !== null && !e.disabled && !e.hasAttribute("data-keyboard-reached"))
  .map(e => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module", params=[1280, 390], ids=["desktop", "mobile"])
def keyboard_view(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """One page per width, shared by the module's tests at that width (pytest runs them together)."""
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def keyboard_page(keyboard_view: Any) -> Any:
    """The width's page with nothing kept from the test before: no stored state, an empty
    clipboard (the browser's one, shared by every context), and a blank page without focus."""
    page = keyboard_view
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.context.clear_cookies()
    page.goto("about:blank")
    return page


def focus_states_while_tabbing(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves the page; what each stop looked like."""
    states: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        # Let focus styles finish their transitions (the skip link fades in).
        page.wait_for_function(SETTLED)
        state = page.evaluate(FOCUS_STATE)
        if state is not None and not state["onScreen"]:
            # Give the page the time a person would see: it may scroll focus into view
            # once a closing panel (the search on narrow screens) has gone.
            try:
                page.wait_for_function(FOCUS_ON_SCREEN, timeout=500)
            except PlaywrightTimeoutError:
                pass  # still off screen after half a second: measured (and reported) as it is
            page.wait_for_function(SETTLED)
            state = page.evaluate(FOCUS_STATE)
        if state is None:  # focus went past the last control, back to the browser
            return states
        if states and state["what"] == states[0]["what"]:
            return states
        states.append(state)
    raise AssertionError(f"Tab did not leave the page after {limit} presses: a keyboard trap?")


@pytest.mark.parametrize(
    "path", ["commitments/1.4/", "commitments/", "complaints/?commitment=1.4", "glossary/", ""]
)
def test_every_tab_stop_shows_focus_and_every_control_is_reached(
    keyboard_page: Any, served_site: str, path: str
) -> None:
    page = keyboard_page
    page.goto(served_site + path)
    page.wait_for_load_state("load")
    states = focus_states_while_tabbing(page)
    assert len(states) > 5
    invisible = [
        s["what"] for s in states if not (s["outline"] or s["shadow"])
    ]
    assert not invisible, f"no visible focus indicator on: {invisible}"
    hidden = [
        s for s in states
        if not (s["visible"] and s["onScreen"] and s["width"] > 0 and s["height"] > 0)
    ]
    assert not hidden, f"focus went to something that cannot be seen: {hidden}"
    unreached = page.evaluate(UNREACHED_CONTROLS)
    assert not unreached, f"controls Tab never reaches: {unreached}"


@pytest.mark.parametrize("path", ["", "commitments/1.4/", "commitments/"])
def test_skip_link_comes_first_and_moves_focus_to_the_content(
    keyboard_page: Any, served_site: str, path: str
) -> None:
    page = keyboard_page
    page.goto(served_site + path)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    first = page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert first, "Tab did not reach the skip link first"
    assert skip.inner_text().strip() == "Skip to content"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    box = skip.bounding_box()
    assert box and box["width"] > 0 and box["y"] >= 0, "the skip link is not on screen when focused"
    target = skip.get_attribute("href").split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_function("t => location.hash === '#' + t", arg=target)
    assert page.evaluate("t => document.getElementById(t).tagName", target) == "H1"
    # The next Tab continues from the start of the content, not from the header.
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('.md-content')")
    assert inside, "after the skip link, Tab did not land in the main content"


def test_search_with_the_keyboard_alone(keyboard_page: Any, served_site: str) -> None:
    page = keyboard_page
    page.goto(served_site)
    page.wait_for_load_state("load")
    page.keyboard.press("/")  # Material's search shortcut
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("three months notice", delay=20)
    first = page.locator(".md-search-result__list > li a").first
    first.wait_for(state="visible")
    page.wait_for_function(
        "() => /5\\.5/.test(document.querySelector('.md-search-result__list > li a').href)"
    )
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.href || ''")
    assert "/commitments/5.5/" in focused, f"ArrowDown focused {focused!r}, not the first result"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/commitments/5\.5/"))
    assert page.locator("h1").inner_text() == "Commitment 5.5"


def test_search_reached_by_tab_at_desktop_width(page: Any, served_site: str) -> None:
    """Without knowing the shortcut: Tab to the search field, type, arrow to a result, Enter."""
    page.goto(served_site + "about/")
    page.wait_for_load_state("load")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    else:
        raise AssertionError("Tab never reached the search field")
    page.keyboard.type("volunteers expenses", delay=20)
    page.wait_for_function(
        "() => { const a = document.querySelector('.md-search-result__list > li a');"
        " return a && /4\\.7/.test(a.href); }"
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/commitments/4\.7/"))


def test_navigation_drawer_opens_with_the_keyboard_on_a_narrow_screen(browser: Any, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site + "about/")
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # skip link
        page.keyboard.press("Tab")
        menu = page.get_by_role("button", name="Navigation menu")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigation menu"
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        # Tab now walks the open menu, visibly, and a link there can be followed.
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Glossary":
                break
        else:
            raise AssertionError("Tab never reached 'Glossary' in the open navigation menu")
        page.wait_for_function(SETTLED)  # the drawer's slide-in has finished
        state = page.evaluate(FOCUS_STATE)
        assert state["onScreen"] and state["visible"], state
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/glossary/$"))
    finally:
        context.close()


def test_filters_change_with_the_keyboard(page: Any, served_site: str) -> None:
    page.goto(served_site + "commitments/")
    page.wait_for_load_state("load")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-theme":
            break
    else:
        raise AssertionError("Tab never reached the theme filter")
    status = page.locator("#compact-filter-status")
    page.keyboard.press("ArrowDown")  # "All themes" -> theme 1
    page.wait_for_function("() => new URLSearchParams(location.search).get('theme') === '1'")
    shown = status.inner_text()
    assert re.fullmatch(r"Showing \d+ of 54 commitments\.", shown) and shown != "Showing 54 of 54 commitments."
    page.keyboard.press("Tab")  # the sector filter
    assert page.evaluate("document.activeElement.id") == "filter-sector"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the third sector
    sector = page.locator("#filter-sector").input_value()
    assert sector, "arrow keys did not choose a sector"
    page.wait_for_function("s => new URLSearchParams(location.search).get('sector') === s", arg=sector)
    visible = page.eval_on_selector_all(
        "#compact-all .compact-item", "items => items.filter(i => i.offsetParent !== null).map(i => i.dataset.id)"
    )
    assert visible and all(i.startswith("1.") for i in visible)
    assert status.inner_text().startswith(f"Showing {len(visible)} of 54 commitments that ")
    page.keyboard.press("Tab")  # topic filter
    page.keyboard.press("Tab")  # "Show all"
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Space")
    page.wait_for_function("() => !location.search")
    assert status.inner_text() == "Showing 54 of 54 commitments."


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_copy_buttons_work_from_the_keyboard_and_announce_it(keyboard_page: Any, served_site: str, key: str) -> None:
    page = keyboard_page
    page.goto(served_site + "commitments/5.5/")
    page.wait_for_load_state("load")
    # The clipboard is the browser's, shared by all contexts: empty it, so that what is read
    # below was copied by this test's key press and not left by an earlier test.
    page.evaluate("navigator.clipboard.writeText('')")
    status = page.locator(".compact-share__status")
    assert status.get_attribute("role") == "status"
    copied = {}
    for _ in range(80):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.tagName === 'BUTTON' ? document.activeElement.textContent.trim() : ''"
        )
        if label in ("Copy link", "Copy citation") and label not in copied:
            page.keyboard.press(key)
            page.wait_for_function(
                "l => document.querySelector('.compact-share__status').textContent.includes(l)",
                arg=label.removeprefix("Copy "),
            )
            copied[label] = (status.inner_text(), page.evaluate("navigator.clipboard.readText()"))
            if len(copied) == 2:
                break
    assert set(copied) == {"Copy link", "Copy citation"}, f"reached only {list(copied)}"
    assert copied["Copy link"] == (
        "Copied the link to the clipboard.", f"{SITE.url}commitments/5.5/"
    )
    message, citation = copied["Copy citation"]
    assert message == "Copied the citation to the clipboard."
    assert citation.startswith("Bristol Compact (2012), commitment 5.5 ")
