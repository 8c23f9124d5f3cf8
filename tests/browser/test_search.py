"""The site's own search box finds the commitment people are looking for.

Each query is typed into Material's search field in headless Chromium, as a
reader would, and the ranking is read from the results list on screen. A
query that fails is fixed in the site (search settings, page boosts), never by
weakening the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# (what people type, the commitment it must find, how high: 1 = first, 3 = top three).
# An expected value ending in "." means "any commitment of that theme".
QUERIES: list[tuple[str, str, int]] = [
    ("full cost recovery", "1.4", 1),
    ("1.4", "1.4", 1),
    ("5.5", "5.5", 1),
    ("3.10", "3.10", 1),
    ("1.13", "1.13", 1),
    ("three months notice", "5.5", 1),
    ("three months' notice in writing", "5.5", 1),
    ("volunteers expenses", "4.7", 1),
    ("12 weeks", "3.3", 1),
    ("consultation", "3.", 3),
    ("multi-year funding", "1.6", 1),
    ("three-year", "1.6", 1),
    ("payment in advance", "1.13", 1),
    ("discrimination", "2.3", 1),
    ("eliminate unlawful discrimination", "2.3", 1),
    ("reserves", "1.4", 1),
    ("overhead costs", "1.4", 3),
    ("capacity building", "1.11", 3),
    ("childcare", "3.5", 1),
    ("holiday periods", "3.3", 1),
    ("volunteering is a choice", "4.1", 1),
    ("volunteers", "4.", 3),
    ("paid employees", "4.6", 1),
    ("Consultation Finder", "3.6", 1),
    ("publicity materials", "1.20", 1),
    ("intelligent commissioning", "1.1", 1),
    ("bureaucratic burden", "1.15", 1),
    ("timetable of actions", "5.4", 1),
    ("under-represented groups", "2.", 1),
    ("end funding", "5.", 1),
    ("community asset transfer", "1.11", 3),
    ("lead funder", "1.9", 3),
    ("serious breach of funding conditions", "5.5", 3),
    ("out-of-pocket expenses", "4.7", 1),
    # The typed words in order rank first (phrase-search.js), each typed word as the start of a word.
    ("social value", "1.1", 1),
    ("Social Value Act", "1.1", 1),
    ("paying in advance", "1.13", 1),
    ("payment in advance of expenditure", "1.13", 1),
]

COMMITMENT_URL = re.compile(r"/commitments/(\d+\.\d+)/")

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


def commitment_ranks(paths: list[str]) -> list[str]:
    """Each result as a commitment number, or its path if it is another page."""
    return [m.group(1) if (m := COMMITMENT_URL.search(p)) else p for p in paths]


@pytest.mark.parametrize(("query", "expected", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_finds_the_commitment(search_page: Any, query: str, expected: str, within: int) -> None:
    results = commitment_ranks(search(search_page, query))
    top = results[:within]
    if expected.endswith("."):
        found = any(r.startswith(expected) and COMMITMENT_URL.search(f"/commitments/{r}/") for r in top)
    else:
        found = expected in top
    place = "first" if within == 1 else f"in the top {within}"
    assert found, f"{query!r} should show {expected} {place}; the results were {results[:8]}"


def test_at_least_twenty_realistic_queries() -> None:
    assert len(QUERIES) >= 20
    assert len({q for q, _, _ in QUERIES}) == len(QUERIES)
