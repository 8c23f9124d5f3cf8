"""Nothing moves as pages load: cumulative layout shift (CLS) below 0.1, measured in Chromium.

What scripts drive (the filter on /commitments/, the copy buttons) is laid out from the first
paint: an inline script in the head marks the page as scripted before it is drawn. Issue 15,
item 6; the complaints page is still to do.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

MEASURE = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__cls += entry.value; } }
}).observe({type: "layout-shift", buffered: true});
"""
#: Not yet here (issue 15 stays open for them): an address that opens the list already filtered
#: (0.15 at 1280 px: the list is drawn whole, then filtered) and the complaints page.
PAGES = ["commitments/", "commitments/1.4/", "themes/volunteering/", "sectors/vcs/"]


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_do_not_shift_as_they_load(browser: Any, served_site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(MEASURE)
    try:
        page = context.new_page()
        shifts = {}
        for path in PAGES:
            page.goto(served_site + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)  # late shifts: fonts, scripts that run after load
            shifts[path] = page.evaluate("window.__cls")
        assert all(value < 0.1 for value in shifts.values()), shifts
        # The measure is real: the filter is laid out from the first paint, not added later.
        page.goto(served_site + "commitments/")
        assert page.locator("#compact-filter").is_visible()
    finally:
        context.close()
