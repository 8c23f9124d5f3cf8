"""The complaints guide, in Chromium: for the chosen provision, what the reader can ask for (issue 28).

A reader chooses 5.5 (the notice, the reasons and the appeal route when funding is cut) and reads the
list the guide makes from the Compact's words and the data: 5.5's words, its related provisions with
their words, its topics' questions and summaries (this website's words), where the Compact's own
words on complaints are, and that the procedure and the Group's contact details are not published.
The same for a provision of another shape (the promises fixture: unnumbered, no procedure, no Group).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support import serving
from support.browsing import axe_violations, describe_violations
from support.shapes import built_shape, read_shape

from generator.model import Compact
from generator.pages.text import squash

pytestmark = pytest.mark.browser


def visible_topics(page: Any) -> list[str]:
    script = "blocks => blocks.filter(b => b.offsetParent !== null).map(b => b.dataset.topic)"
    return page.eval_on_selector_all("#compact-topics [data-topic]", script)  # type: ignore[no-any-return]


def related_items(page: Any) -> list[tuple[str, str, str]]:
    """Each related provision shown: (link text, its address, the whole item's text)."""
    script = "items => items.map(i => [i.querySelector('a').textContent, i.querySelector('a').href, i.innerText])"
    return [tuple(r) for r in page.eval_on_selector_all("#compact-related-list > li", script)]


@pytest.mark.parametrize("width", [390, 1280])
def test_choosing_5_5_lists_what_the_reader_can_ask_for(
    browser: Any, served_site: str, compact: Compact, width: int
) -> None:
    c = compact.commitment("5.5")
    assert c.related and c.topics  # what this test reads must be in the data
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served_site + "commitments/5.5/")
        page.get_by_role("link", name="What to do if commitment 5.5 is not met").click()
        page.wait_for_url("**/complaints/?commitment=5.5")
        panel = page.locator("#compact-complaint")
        panel.wait_for(state="visible")
        asks = page.get_by_role("heading", name="What you can ask for")
        assert asks.is_visible()
        assert "What commitment 5.5 says, in the marked box above, is what you can ask the organisation " \
               "concerned to do." in squash(asks.locator("xpath=following-sibling::p[1]").inner_text())
        # Its related provisions, with their words (the Compact's, under the official-text label).
        assert page.locator("#compact-related").is_visible()
        shown = related_items(page)
        assert [(name, href) for name, href, _ in shown] == [
            (other.Name, f"{served_site}commitments/{other.id}/") for other in c.related]
        for (_, _, item), other in zip(shown, c.related, strict=True):
            assert squash(other.text) in squash(item) and f"({other.sector.name} commitment)" in item
        # Its topics: their questions (ours), each leading to its page, with their summaries; no others.
        assert visible_topics(page) == [t.key for t in c.topics]
        for topic in c.topics:
            block = page.locator(f'#compact-topics [data-topic="{topic.key}"]')
            assert squash(block.inner_text()).startswith(squash(topic.question or topic.name))
            assert not topic.summary or squash(topic.summary) in squash(block.inner_text())
        # What the Compact says about complaints, and plainly what is not published.
        ahead = squash(page.locator(".compact-asks__next").inner_text())
        assert "The Compact's own words on resolving complaints are in step 4" in ahead
        assert "The Compact Complaints Procedure is not published." in ahead
        assert "contact details will be published on its page; they have not been published yet" in ahead
        page.locator(".compact-asks__next").get_by_role("link", name="step 4", exact=False).click()
        page.wait_for_url("**/complaints/?commitment=5.5#use-the-complaints-procedure")
        assert page.locator("#use-the-complaints-procedure").is_visible()
        # The topic's question leads to its page.
        first = c.topics[0]
        page.locator(f'#compact-topics [data-topic="{first.key}"] a').click()
        page.wait_for_url(f"{served_site}topics/{first.key}/")
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_list_has_no_axe_violations(browser: Any, served_site: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site + "complaints/?commitment=5.5")
        page.locator("#compact-related-list > li").first.wait_for(state="visible")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


def test_a_provision_without_related_ones_shows_no_empty_list(page: Any, served_site: str, compact: Compact) -> None:
    lone = next(c for c in compact.commitments if not c.related)
    page.goto(served_site + f"complaints/?commitment={lone.id}")
    page.locator("#compact-complaint").wait_for(state="visible")
    assert not page.locator("#compact-related").is_visible()
    assert visible_topics(page) == [t.key for t in lone.topics]
    assert page.locator("#compact-topics").is_visible() == bool(lone.topics)


@pytest.fixture(scope="module")
def promises(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(built_shape(tmp_path_factory, read_shape("promises")).site) as url:
        yield url


def test_another_shape_lists_its_related_promise_and_topic(page: Any, promises: str) -> None:
    """Unnumbered promises, topics without questions, no procedure, passage on complaints or Group."""
    shape = read_shape("promises")
    item = next(i for i in shape.items if i.related)
    related = [i for i in shape.items if i.id in item.related or item.id in i.related]  # both ways
    page.goto(promises + f"complaints/?commitment={item.id}")
    page.locator("#compact-complaint").wait_for(state="visible")
    shown = related_items(page)
    assert [name.startswith("Promise") for name, _, _ in shown] == [True for _ in related]  # unnumbered
    assert [href for _, href, _ in shown] == [f"{promises}commitments/{i.id}/" for i in related]
    assert [squash(i.text) in squash(text) for (_, _, text), i in zip(shown, related, strict=True)] == [True]
    assert visible_topics(page) == list(item.topics)
    names = {t["key"]: t["name"] for t in shape.topics}
    assert [squash(page.locator(f'#compact-topics [data-topic="{k}"]').inner_text()) for k in item.topics] == [
        names[k] for k in item.topics]
    assert page.locator(".compact-asks__next").count() == 0
