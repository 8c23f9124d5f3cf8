"""A resident whose grant is being cut, on a phone: from the home page to commitment 5.5 and a summary to
start a complaint about it in at most three taps (issue 28, item 1), in headless Chromium at 390 px.

Each tap is a real tap on what a reader sees (Playwright's ``tap`` on a touch-screen context): the
common situation on the home page, then the way into the complaints guide under 5.5 on the topic's page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_grant_cut_reaches_5_5_and_its_complaint_summary_in_three_taps(phone: Any, served_site: str) -> None:
    page, taps = phone, 0
    page.goto(served_site)
    situation = page.get_by_role("link", name="Your funding is being cut or changed")
    # It is offered first: on the first screen, without scrolling.
    box = situation.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    situation.tap()
    taps += 1
    page.wait_for_url(served_site + "topics/change/")
    item = page.locator("article.compact-item[data-id='5.5']")
    assert "Give a minimum of three months' notice in writing" in item.inner_text()
    item.get_by_role("link", name="What to do if commitment 5.5 is not met").tap()
    taps += 1
    page.wait_for_url(served_site + "complaints/?commitment=5.5")
    panel = page.locator("#compact-complaint")
    panel.wait_for(state="visible")
    assert page.locator("#compact-complaint-heading").inner_text() == "Your complaint about commitment 5.5"
    summary = page.locator("#compact-summary").input_value()
    assert "5.5" in summary and "three months' notice in writing" in summary
    assert taps <= 3


def test_the_topic_page_leads_on_to_every_next_step(phone: Any, served_site: str) -> None:
    """The jump to "What you can do", and from there into the guide's steps, by tapping."""
    page = phone
    page.goto(served_site + "topics/change/")
    page.get_by_role("link", name="what you can do").tap()
    page.wait_for_url(served_site + "topics/change/#next-steps")
    steps = page.locator(".compact-next-steps")
    assert steps.locator(".compact-official").is_visible()  # the Compact's own words on resolving complaints
    steps.get_by_role("link", name="Raise it early and informally with the organisation").tap()
    page.wait_for_url(served_site + "complaints/#raise-it-early")
    assert page.locator("#raise-it-early").is_visible()
