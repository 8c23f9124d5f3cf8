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
from support.search import COUNT_ANSWERS, QUERIES, Query, check_ranking, search

from generator.model.search import LABEL

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser: Any, served_site: str) -> Iterator[Any]:
    """One page with the search index loaded, reused for every query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_ANSWERS)
    try:
        page = context.new_page()
        page.goto(served_site + "about/")
        page.wait_for_load_state("load")
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_the_commitment(search_page: Any, query: Query) -> None:
    check_ranking(query, "material", search(search_page, query.text))


def test_at_least_twenty_realistic_queries() -> None:
    assert len(QUERIES) >= 20
    assert len({q.text for q in QUERIES}) == len(QUERIES)


def test_readers_words_are_never_on_the_page(browser: Any, served_site: str) -> None:
    """The page shows the Compact's words and ours as before: the search words are hidden."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site + "commitments/5.5/")
        shown = page.locator("body").inner_text()
        assert "three months' notice in writing" in shown
        assert LABEL not in shown and "grant" not in shown.lower()
    finally:
        context.close()


def test_a_result_found_by_readers_words_shows_the_commitments_words(search_page: Any) -> None:
    """Material's result for "grant cut" shows 5.5's own words, not the search words that found it."""
    assert search(search_page, "grant cut")[0] == "/commitments/5.5/"
    teaser = search_page.locator(".md-search-result__list > li").first.inner_text()
    assert "three months' notice in writing" in teaser
    assert LABEL not in teaser and "grant" not in teaser.lower()
