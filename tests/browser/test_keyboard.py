"""The site works with the keyboard alone: tested by pressing keys in Chromium.

Nothing here reads markup to decide what is accessible: the tests press Tab,
Shift+Tab, Enter, Space, Escape, arrow keys and "/" as a keyboard user would, and look
at where focus went, whether it can be seen there (not hidden, transparent or
covered) and what happened; the navigation drawer also in a desktop window zoomed
to 400 %.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from support import SITE
from support.search import ANSWERED, COUNT_ANSWERS

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
# Nor is a box shadow fading on an element other than the focused one or the label
# FOCUS_STATE may measure for it (the 250 ms shadow of a card around a focused link):
# a shadow moves nothing, covers nothing (FOCUS_SEEN) and is read on those alone.
SETTLED = """() => {
  const active = document.activeElement;
  const read = new Set([active, active && active.nextElementSibling, ...((active && active.labels) || [])]);
  return document.getAnimations().every(a => a.playState !== 'running' || (a instanceof CSSTransition
    && (/(^|-)color$/.test(a.transitionProperty)
        || (a.transitionProperty === 'box-shadow' && !read.has(a.effect.target)))));
}"""

# The focused element (or, for a zero-size one, what FOCUS_STATE measures for it) is on screen.
FOCUS_ON_SCREEN = f"() => {{ const state = ({FOCUS_STATE})(); return !state || state.onScreen; }}"

# Controls in the page's content that a keyboard user must be able to reach.
UNREACHED_CONTROLS = """() => Array.from(document.querySelectorAll(
    ".md-content a[href], .md-content button, .md-content select, .md-content textarea, .md-content input"))
  .filter(e => e.offsetParent !== null && !e.disabled && !e.hasAttribute("data-keyboard-reached"))
  .map(e => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module", params=[1280, 390], ids=["desktop", "mobile"])
def keyboard_view(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """One page per width, shared by the module's tests at that width (pytest runs them together),
    its search's answers counted (support.search.COUNT_ANSWERS)."""
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(COUNT_ANSWERS)
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
    page.keyboard.type("three months notice")
    page.wait_for_function(ANSWERED, arg="three months notice")  # the whole query's results are drawn
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
    page.add_init_script(COUNT_ANSWERS)
    page.goto(served_site + "about/")
    page.wait_for_load_state("load")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    else:
        raise AssertionError("Tab never reached the search field")
    page.keyboard.type("volunteers expenses")
    page.wait_for_function(ANSWERED, arg="volunteers expenses")
    page.wait_for_function(
        "() => { const a = document.querySelector('.md-search-result__list > li a');"
        " return a && /4\\.7/.test(a.href); }"
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/commitments/4\.7/"))


def tab_to_the_menu_button(page: Any, served_site: str) -> Any:
    """Open a page on a narrow screen and Tab past the skip link to the menu button; the button."""
    page.goto(served_site + "about/")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigation menu"
    return page.get_by_role("button", name="Navigation menu")


def test_navigation_drawer_opens_with_the_keyboard_on_a_narrow_screen(browser: Any, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        menu = tab_to_the_menu_button(page, served_site)
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


# Whether the focused element can be seen where it is: drawn, neither it nor anything around it
# hidden or transparent, on screen, and not covered (the element at the middle of a box of it on
# screen, such as a line of a link that wraps, is it or inside it). A link in a closed panel of
# the navigation drawer fails the first (the panel is transparent), one under an open panel the last.
FOCUS_SEEN = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) { return false; }
  if (!active.checkVisibility({ opacityProperty: true, visibilityProperty: true })) { return false; }
  return Array.from(active.getClientRects()).some(r => {
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) { return false; }
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    return !!hit && (hit === active || active.contains(hit));
  });
}"""

# The focused element: a number of its own (to tell when Tab has come round), its text or name,
# and whether it is inside the element `within` selects.
FOCUS_WHO = """within => {
  const active = document.activeElement;
  if (!active || active === document.body) { return null; }
  if (!active.dataset.keyboardStop) {
    active.dataset.keyboardStop = String(document.querySelectorAll("[data-keyboard-stop]").length);
  }
  return {
    stop: active.dataset.keyboardStop,
    name: (active.textContent || "").replace(/\\s+/g, " ").trim() || active.getAttribute("aria-label") || "",
    inside: !!active.closest(within),
  };
}"""

# A 1280-pixel desktop window zoomed to 400 %: a quarter of its size in CSS pixels, drawn four
# times as densely. There, as on a phone, the navigation is a drawer over the page.
NARROW_VIEWS = {
    "phone": {"viewport": {"width": 390, "height": 800}},
    "desktop-zoomed-400": {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4},
}


def press(page: Any, key: str, within: str = "body") -> dict[str, Any] | None:
    """Press `key`; once nothing moves, who has focus and whether it can be seen."""
    page.keyboard.press(key)
    page.wait_for_function(SETTLED)
    who = page.evaluate(FOCUS_WHO, within)
    if who is not None:
        who["seen"] = page.evaluate(FOCUS_SEEN)
    return who


def tab_round(page: Any, within: str, limit: int = 40) -> list[dict[str, Any]]:
    """Press Tab until focus comes back to where it was, and say where it went at each press."""
    start = page.evaluate(FOCUS_WHO, within)
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        who = press(page, "Tab", within)
        if who is None:
            raise AssertionError(f"focus left the page after {[s['name'] for s in stops]}")
        stops.append(who)
        if start is not None and who["stop"] == start["stop"]:
            return stops
        if start is None:
            start = who
    raise AssertionError(f"Tab did not come round in {limit} presses: {[s['name'] for s in stops]}")


@pytest.fixture(params=list(NARROW_VIEWS))
def narrow_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(**NARROW_VIEWS[request.param])
    try:
        yield context.new_page()
    finally:
        context.close()


def test_drawer_shows_each_tab_stop_opens_its_panels_and_closes_with_escape(
    narrow_page: Any, served_site: str
) -> None:
    page = narrow_page
    menu = tab_to_the_menu_button(page, served_site)
    drawer = ".md-sidebar--primary"
    opened = press(page, "Enter", drawer)
    assert menu.get_attribute("aria-expanded") == "true"
    # Focus is in the drawer, which covers the menu button; Tab goes round what it shows.
    assert opened and opened["inside"] and opened["seen"], opened
    stops = tab_round(page, drawer)
    lost = [s["name"] for s in stops if not (s["inside"] and s["seen"])]
    assert not lost, f"Tab went where it cannot be seen in the open drawer: {lost}"
    names = [s["name"] for s in stops]
    assert {"Home", "About the Compact", "Themes", "Sectors", "Glossary", "Accessibility"} <= set(names), names
    assert "All themes" not in names and "All sectors" not in names, f"stops in a closed sub-menu: {names}"

    # Open the Themes sub-menu: focus goes to its title, which goes back; Tab goes round the panel.
    for _ in range(len(stops)):
        if page.evaluate(FOCUS_WHO, drawer)["name"] == "Themes":
            break
        page.keyboard.press("Tab")
    panel_title = press(page, "Enter", drawer)
    assert panel_title and panel_title["seen"] and panel_title["name"] == "Back from Themes", panel_title
    panel = tab_round(page, drawer)
    lost = [s["name"] for s in panel if not (s["inside"] and s["seen"])]
    assert not lost, f"Tab went where it cannot be seen in the Themes sub-menu: {lost}"
    names = [s["name"] for s in panel]
    assert names[0] == "All themes" and names[-1] == "Back from Themes" and "Sectors" not in names, names
    back = press(page, "Space", drawer)
    assert back and back["seen"] and back["name"] == "Themes", back

    # Escape closes the drawer, back to the menu button.
    closed = press(page, "Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigation menu"
    assert closed and closed["seen"], closed


def test_sidebar_sections_open_and_close_with_space_and_enter(page: Any, served_site: str) -> None:
    """At desktop width the navigation is a sidebar whose sections open in place, as buttons do."""
    page.goto(served_site + "about/")
    page.wait_for_load_state("load")
    sidebar = ".md-sidebar--primary"
    for _ in range(40):
        who = press(page, "Tab", sidebar)
        assert who, "Tab left the page before the Themes section"
        assert who["seen"] or not who["inside"], f"Tab went where it cannot be seen in the sidebar: {who}"
        if who["inside"] and who["name"] == "Themes":
            break
    else:
        raise AssertionError("Tab never reached the Themes section")
    for key in ("Space", "Enter"):
        opened = press(page, key, sidebar)
        assert opened and opened["name"] == "Themes" and opened["seen"], opened
        first = press(page, "Tab", sidebar)
        assert first and first["name"] == "All themes" and first["seen"], f"{key} did not open Themes: {first}"
        press(page, "Shift+Tab", sidebar)
        press(page, key, sidebar)  # closes it
        after = press(page, "Tab", sidebar)
        assert after and after["name"] == "Sectors" and after["seen"], f"{key} did not close Themes: {after}"
        press(page, "Shift+Tab", sidebar)


def relative_luminance(css_colour: str) -> float:
    """WCAG 2.2's relative luminance of an `rgb(r, g, b)` colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The focused element's outline and the header's background, which the outline is drawn on.
OUTLINE_ON_HEADER = """() => {
  const style = getComputedStyle(document.activeElement);
  return {
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
    header: getComputedStyle(document.querySelector(".md-header")).backgroundColor,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_colour_scheme_switch_says_what_it_does_shows_focus_and_answers_space_and_enter(
    browser: Any, served_site: str, width: int, scheme: str
) -> None:
    does = {"default": "Switch to dark mode", "slate": "Switch to light mode"}
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site + "about/")
        page.wait_for_load_state("load")
        for _ in range(10):
            page.keyboard.press("Tab")
            if re.fullmatch(r"Switch to (dark|light) mode", page.evaluate(FOCUS_WHO, "body")["name"]):
                break
        else:
            raise AssertionError("Tab never reached the colour-scheme switch")
        shown = {"light": "default", "dark": "slate"}[scheme]
        for key in ("Space", "Enter", None):
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == shown
            control = page.locator(":focus").aria_snapshot().splitlines()[0]
            assert control.startswith(f'- button "{does[shown]}"'), f"in the {shown} scheme the switch is {control}"
            page.wait_for_function(SETTLED)
            assert page.evaluate(FOCUS_SEEN), f"the focused switch cannot be seen in the {shown} scheme"
            outline = page.evaluate(OUTLINE_ON_HEADER)
            assert outline["style"] != "none" and outline["width"] >= 2, outline
            assert contrast(outline["colour"], outline["header"]) >= 3, outline
            if key is None:
                break
            page.keyboard.press(key)
            shown = "slate" if shown == "default" else "default"
            try:
                page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=shown,
                                       timeout=2000)
            except PlaywrightTimeoutError:
                raise AssertionError(f"{key} did not switch to the {shown} scheme") from None
    finally:
        context.close()


def test_tab_stays_in_the_open_search_and_escape_closes_it(keyboard_page: Any, served_site: str) -> None:
    page = keyboard_page
    page.goto(served_site + "about/")
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    page.keyboard.type("volunteers")
    page.wait_for_function(ANSWERED, arg="volunteers")
    results = page.locator(".md-search-result__list > li > a")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li > a').length >= 3")
    search = ".md-search"
    first = press(page, "ArrowDown", search)  # the first result, as Material does
    assert first and first["inside"], first
    stops = tab_round(page, search)
    lost = [s["name"] for s in stops if not (s["inside"] and s["seen"])]
    assert not lost, f"Tab left the open search for: {lost}"
    names = [s["name"] for s in stops]
    titles = [t.strip() for t in results.evaluate_all("links => links.map(a => a.textContent.replace(/\\s+/g, ' '))")]
    assert set(titles) <= set(names) and "Search" in names, names
    # Back from the first result: the clear button, the search field, round to the last result.
    backwards = [press(page, "Shift+Tab", search) for _ in range(3)]
    assert [b and b["inside"] and b["seen"] and b["name"] for b in backwards] == ["Clear", "Search", titles[-1]]
    assert page.evaluate("document.getElementById('__search').checked"), "Shift+Tab closed the search"
    press(page, "Escape")
    assert not page.evaluate("document.getElementById('__search').checked"), "Escape did not close the search"
    assert not page.evaluate("!!document.activeElement.closest('.md-search .md-search__output')")
    after = press(page, "Tab")
    assert after and after["seen"], f"after the search closed, Tab went where it cannot be seen: {after}"
