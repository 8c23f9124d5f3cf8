"""Another Compact's readers' words: the principles fixture's own search.yaml, in Material's search box.

The synthetic Testbury Local Compact (tests/fixtures/shapes/principles/: no parts, no numbers, ids
that are keys) says "fund", "listen to the people" and "volunteers"; its search.yaml lets readers
type "money", "ask residents" and "unpaid helpers". Each finds its principle first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support import serving
from support.search import COUNT_ANSWERS, search
from support.shapes import built_shape, read_shape

pytestmark = pytest.mark.browser

QUERIES = [("money", "fund-fairly"), ("ask residents", "listen-early"), ("unpaid helpers", "value-volunteers")]


@pytest.fixture(scope="module")
def search_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with serving(built_shape(tmp_path_factory, read_shape("principles")).site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(COUNT_ANSWERS)
        try:
            page = context.new_page()
            page.goto(url + "commitments/")
            page.wait_for_load_state("load")
            yield page
        finally:
            context.close()


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_readers_words_find_the_principle_first(search_page: Any, query: str, expected: str) -> None:
    results = search(search_page, query)
    assert results[:1] == [f"/commitments/{expected}/"], results
