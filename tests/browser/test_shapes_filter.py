"""The filter on /commitments/ of a Compact whose filter has fewer fields (issue 26).

The codes fixture (tests/fixtures/shapes/codes/) has no topics, so its filter has no topic field:
the script must filter by the fields there are, not stop at the one that is missing (it read all
three, and a Compact without parts or topics got a script error and no filter at all).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support import serving
from support.shapes import built_shape, read_shape

pytestmark = pytest.mark.browser


def shown(page: Any) -> list[str]:
    script = "items => items.filter(i => i.offsetParent !== null).map(i => i.dataset.id)"
    return page.eval_on_selector_all("#compact-all article.compact-item", script)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def codes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(built_shape(tmp_path_factory, read_shape("codes")).site) as url:
        yield url


def test_a_filter_without_a_topic_field_filters_by_the_others(browser: Any, codes: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(codes + "commitments/?sector=public")
        page.wait_for_load_state("load")
        assert page.locator("#filter-topic").count() == 0
        assert shown(page) == ["funding-1", "funding-2", "volunteering-2"]
        status = page.locator("#compact-filter-status").inner_text()
        assert status == "Showing 3 of 8 undertakings that bind public bodies."
        page.select_option("#filter-theme", "funding")
        assert shown(page) == ["funding-1", "funding-2"]
        assert not errors, errors
    finally:
        context.close()
