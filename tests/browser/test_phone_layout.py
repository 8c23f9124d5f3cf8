"""On a 320 px phone no page scrolls sideways, and no address breaks inside a commitment's number.

Issue 15, item 7. Every page type is opened in headless Chromium at 320 px.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "", "about/", "values/", "themes/", "themes/allocating-resources/", "commitments/", "commitments/1.4/",
    "commitments/1.20/", "sectors/", "sectors/vcs/", "glossary/", "complaints/?commitment=1.4", "downloads/",
    "topics/change/", "linking/", "accessibility/", "editions/", "editions/2012/", "editions/2012/commitments/1.4/",
    "compact-partners-group/", "no-such-page/",
]
#: Elements of the page's content wider than the screen (a table's own scroll box counts as too wide).
TOO_WIDE = """() => [...document.querySelectorAll('article *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
#: How many line boxes the last "<number>/" of each permanent link and citation takes (1: it does not break).
NUMBER_LINES = """() => [...document.querySelectorAll('.compact-permalink a, .compact-citation')].map(a => {
  const text = a.textContent, at = text.search(/[0-9]+\\.[0-9]+\\/$/);
  const range = document.createRange();
  let node = null, offset = 0, seen = 0;
  const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
  const rects = [];
  while ((node = walker.nextNode())) {
    const start = Math.max(at - seen, 0), end = node.length;
    if (seen + node.length > at && start < end) {
      range.setStart(node, start); range.setEnd(node, end);
      for (const r of range.getClientRects()) { rects.push(Math.round(r.top)); }
    }
    seen += node.length;
  }
  return new Set(rects).size;
})"""


def test_no_page_scrolls_sideways_at_320_px(browser: Any, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()
        problems = {}
        for path in PAGES:
            page.goto(served_site + path)
            page.wait_for_load_state("load")
            scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            wide = page.evaluate(TOO_WIDE)
            if scroll > 0 or wide:
                problems[path] = (scroll, wide)
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("path", ["commitments/1.4/", "commitments/3.13/", "editions/2012/commitments/1.20/"])
def test_a_permanent_link_never_breaks_inside_the_number(browser: Any, served_site: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()
        page.goto(served_site + path)
        lines = page.evaluate(NUMBER_LINES)
        assert lines and all(n == 1 for n in lines), lines
        # The link's address is whole, whatever its text's line breaks.
        href = page.locator(".compact-permalink a").first.get_attribute("href")
        assert href is not None and href.endswith("/" + path.rsplit("/", 2)[-2] + "/")
    finally:
        context.close()
