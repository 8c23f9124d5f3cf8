"""Nothing moves as pages load: cumulative layout shift (CLS) below 0.1, measured in Chromium.

What scripts drive (the filter on /commitments/, the copy buttons) is laid out from the first
paint: an inline script in the head marks the page as scripted before it is drawn, and on a page
whose script acts on its address (?sector=, ?commitment=) what the script changes waits unseen
until it has run. Issue 15, item 6.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from support.browsing import MEASURE

pytestmark = pytest.mark.browser

#: Every page type, and the addresses that scripts act on as the page opens.
PAGES = [
    "",
    "about/",
    "values/",
    "themes/",
    "themes/volunteering/",
    "sectors/vcs/",
    "commitments/",
    "commitments/?sector=vcs&theme=3",
    "commitments/?sector=xyz",
    "commitments/1.4/",
    "complaints/",
    "complaints/?commitment=1.4",
    "complaints/?commitment=9.9",
    "topics/change/",
    "self-assessment/",
    "glossary/",
    "downloads/",
    "linking/",
    "editions/",
    "editions/2012/commitments/1.4/",
]


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_do_not_shift_as_they_load(browser: Any, served_site: str, width: int) -> None:
    """Every page is opened in a tab of its own and all are measured after the same late wait (fonts,
    scripts that run after load): each tab is watched at least that long, and the wait is paid once."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(MEASURE)
    try:
        tabs = {}
        for path in PAGES:
            tabs[path] = context.new_page()
            tabs[path].goto(served_site + path)
        assert all(tab.evaluate("document.visibilityState") == "visible" for tab in tabs.values())
        tabs[PAGES[-1]].wait_for_timeout(500)
        shifts = {path: tab.evaluate("window.__cls") for path, tab in tabs.items()}
        assert all(value < 0.1 for value in shifts.values()), shifts
        # The measure is real: the filter is laid out from the first paint, not added later.
        assert tabs["commitments/"].locator("#compact-filter").is_visible()
    finally:
        context.close()


def test_what_waits_for_a_script_shows_even_if_the_script_never_runs(browser: Any, served_site: str) -> None:
    """The guide's steps wait unseen while its script fills in ?commitment=; a script that never
    arrives (blocked, or a network failure) leaves them hidden two seconds at most. (The head's own
    script, which hides them, arrives: without it nothing waits.)"""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.route(re.compile(r"/javascripts/(?!head\.js)[^/]*\.js$"), lambda route: route.abort())
        page.goto(served_site + "complaints/?commitment=1.4")
        steps = page.locator("#compact-steps")
        assert page.evaluate("document.documentElement.classList.contains('compact-pending')")
        assert steps.evaluate("el => getComputedStyle(el).visibility") == "hidden"
        page.wait_for_function("getComputedStyle(document.getElementById('compact-steps')).visibility === 'visible'",
                               timeout=4000)
    finally:
        context.close()
