"""axe-core finds nothing on the page types of the five synthetic shapes of issue 26.

Each fixture of ``tests/fixtures/shapes/`` (built once per run, the same build that
tests/any_compact/test_shapes.py reads) is served on 127.0.0.1 and its home page, a part page
(where it has parts), a provision page, the list of all provisions and a party page are opened
in headless Chromium at 390 and 1280 px: a Compact of another shape (unnumbered provisions, list
lead-ins, nested parts, one party) must be as accessible as Bristol's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support import serving
from support.browsing import axe_violations, describe_violations
from support.shapes import NAMES, Shape, built_shape, read_shape

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


def pages_of(shape: Shape) -> dict[str, str]:
    """The page types to check, by name: each fixture's own addresses."""
    last = shape.items[-1]  # the last: in the codes fixture, the one binding a named party only
    party = next((p for p in shape.parties if not p.shared), shape.parties[0])
    pages = {"home": "", "list": "commitments/", "provision": f"commitments/{last.id}/",
             "party": f"sectors/{party.slug}/"}
    part = shape.first_part_page()
    if part is not None:
        pages["part"] = part
    return pages


@pytest.fixture(scope="module", params=NAMES)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Shape, str]]:
    shape = read_shape(request.param)
    with serving(built_shape(tmp_path_factory, shape).site) as url:
        yield shape, url


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_on_any_page_type(browser: Any, served: tuple[Shape, str], width: int) -> None:
    shape, url = served
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        found = []
        for name, path in pages_of(shape).items():
            response = page.goto(url + path)
            assert response is not None and response.status == 200, f"/{path} of {shape.name} was not served"
            page.wait_for_load_state("load")
            violations = axe_violations(page)
            if violations:
                found.append(f"{shape.name} {name} /{path} at {width} px:\n{describe_violations(violations)}")
        assert not found, "\n".join(found)
    finally:
        context.close()
