"""Zensical's own search on the Zensical site, in headless Chromium.

Search is the engine's own: a dialog in a shadow root, and its own ranking, which ignores the
index's ``fields`` boosts and the pages' ``search.boost``. The queries are the Material
build's, each with the rank this engine must give it (tests/support/search.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.browsing import axe_violations, describe_violations
from support.search import QUERIES, Query, check_ranking

pytestmark = pytest.mark.browser

#: Zensical's search: a button in the header opens a dialog (in a shadow root, which Playwright's
#: CSS selectors enter) with a combobox and a list box of results.
SEARCH_BUTTON = ".md-search__button"
SEARCH_FIELD = "dialog input[role=combobox]"
RESULT_LINKS = "ol[role=listbox] > li > a[href]"
# The results belong to the whole query once every result's highlight (`?h=`) is what was typed,
# or the dialog says there are none.
RESULTS_READY = """q => {
  const root = [...document.querySelectorAll('div')].map(d => d.shadowRoot)
    .find(r => r && r.querySelector('ol[role=listbox]'));
  if (!root) { return false; }
  const links = Array.from(root.querySelectorAll('ol[role=listbox] > li > a[href]'));
  if (!links.length) { return /no /i.test(root.querySelector('[role=status]').textContent); }
  return links.every(a => new URL(a.href).searchParams.get('h') === q);
}"""



@pytest.fixture(scope="module")
def search_page(browser: Any, served_zensical: str) -> Iterator[Any]:
    """One page with Zensical's search dialog open, reused for every query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_zensical + "about/")
        page.wait_for_load_state("load")
        page.locator(SEARCH_BUTTON).click()
        page.locator(SEARCH_FIELD).wait_for(state="visible")
        yield page
    finally:
        context.close()


def search(page: Any, query: str) -> list[str]:
    """Put a query into Zensical's search field; the result pages in order, as URL paths.

    The query goes in as one edit: typed a key at a time on a busy machine, Zensical 0.0.73 now
    and then keeps the results of a few letters while the field holds the whole query (an answer
    lost in its worker), and the ranking asked about here is the whole query's.
    """
    field = page.locator(SEARCH_FIELD)
    field.fill(query)
    page.wait_for_function(RESULTS_READY, arg=query)
    previous = None
    for _ in range(20):
        current = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        if current == previous:
            return list(current)
        previous = current
        page.wait_for_timeout(100)
    raise AssertionError(f"the results for {query!r} never settled")


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_the_commitment(search_page: Any, query: Query) -> None:
    check_ranking(query, "zensical", search(search_page, query.text))


#: What axe finds in Zensical 0.0.73's search dialog with results open, all of it in the
#: engine's own interface (a shadow root the site cannot style or change): each result's
#: path line is drawn at 45 % of the text colour (3.3:1), and the results list scrolls but
#: takes no focus (its options are reached with the arrow keys from the field). The Material
#: build's search has no violation (tests/browser/test_accessibility.py).
ZENSICAL_SEARCH_VIOLATIONS = {"color-contrast", "scrollable-region-focusable"}


def test_search_results_fail_only_zensicals_own_known_axe_rules(search_page: Any) -> None:
    search(search_page, "funding")
    violations = axe_violations(search_page)
    found = {v["id"] for v in violations}
    assert found <= ZENSICAL_SEARCH_VIOLATIONS, f"new problems, results open:\n{describe_violations(violations)}"
    in_dialog = search_page.evaluate(
        """targets => targets.every(t => { const host = document.querySelector(t[0]);
             return host && host.shadowRoot && host.shadowRoot.querySelector('dialog') !== null; })""",
        [node["target"] for v in violations for node in v["nodes"]],
    )
    assert in_dialog, f"a violation outside Zensical's search dialog:\n{describe_violations(violations)}"
