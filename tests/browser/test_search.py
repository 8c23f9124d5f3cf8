"""The site's own search box finds the commitment people are looking for.

Each query (tests/support/search.py, shared with the Zensical build's tests) is
typed into Material's search field in headless Chromium, as a reader would, and
the ranking is read from the results list on screen. A query that fails is fixed
in the site (search settings, page boosts), never by weakening the query.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.search import QUERIES, Query, check_ranking

pytestmark = pytest.mark.browser

# Results are on screen and belong to the whole query: the highlight terms
# Material puts in each result's address are all words of what was typed.
RESULTS_READY = """q => {
  const meta = document.querySelector('.md-search-result__meta');
  if (meta && /no matching/i.test(meta.textContent)) { return true; }
  const links = Array.from(document.querySelectorAll('.md-search-result__list > li > a'));
  if (!links.length) { return false; }
  const words = q.toLowerCase().replace(/'/g, '').split(/[\\s\\-,:;!=\\[\\]()"\\/']+/);
  return links.every(a => (new URL(a.href).searchParams.get('h') || '').toLowerCase().replace(/'/g, '')
    .split(/\\s+/).filter(Boolean).every(w => words.includes(w)));
}"""


@pytest.fixture(scope="module")
def search_page(browser: Any, served_site: str) -> Iterator[Any]:
    """One page with the search index loaded, reused for every query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_site + "about/")
        page.wait_for_load_state("load")
        yield page
    finally:
        context.close()


def search(page: Any, query: str) -> list[str]:
    """Type a query into the real search box; the result pages in order, as URL paths."""
    field = page.locator(".md-search__input")
    field.click()
    field.press("Control+a")
    field.press("Delete")
    field.press_sequentially(query, delay=15)
    page.wait_for_function(RESULTS_READY, arg=query)
    # The list is redrawn as the search worker answers: read it once it is stable.
    previous = None
    for _ in range(20):
        current = page.eval_on_selector_all(
            ".md-search-result__list > li",
            "items => items.map(li => new URL(li.querySelector('a').href).pathname)",
        )
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(100)
    raise AssertionError(f"the results for {query!r} never settled")


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_the_commitment(search_page: Any, query: Query) -> None:
    check_ranking(query, "material", search(search_page, query.text))


def test_at_least_twenty_realistic_queries() -> None:
    assert len(QUERIES) >= 20
    assert len({q.text for q in QUERIES}) == len(QUERIES)
