"""Issue 4: the complaints guide, the 404 page, and the accessibility and linking pages.

Expectations come from the YAML data (through the generator's loader), never
from the rendered output. Browser tests drive Debian Chromium against the
real build served on 127.0.0.1 and record every request the page makes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader
from support import ROOT, SITE, build_site
from support.pages import article, read_page
from support.printed import page_fills
from support.shapes import small_project

from generator.data.editor_schemas import SCHEMA_DIR, schema_texts
from generator.data.problems import DataError
from generator.model import Compact, load_compact
from generator.pages.text import script_json, squash

COMPLAINTS = "complaints/"


def text_of(element: Tag) -> str:
    """The element's text as a reader gets it (inline markup such as <abbr> adds no spaces)."""
    return squash(element.get_text())


def step_headings(page: BeautifulSoup) -> list[Tag]:
    return article(page).select("ol.compact-steps > li.compact-step > h2")


# -- the guide, built from complaints.yaml ------------------------------------------


def test_steps_render_in_order_from_the_data(site_dir: Path, compact: Compact) -> None:
    page = read_page(site_dir, COMPLAINTS)
    headings = step_headings(page)
    steps = compact.complaints.steps
    assert len(steps) >= 5
    assert [h["id"] for h in headings] == [s.key for s in steps]
    for number, (heading, step) in enumerate(zip(headings, steps, strict=True), start=1):
        assert text_of(heading) == f"Step {number}: {squash(step.title)}"
        item = heading.find_parent("li")
        body = text_of(item)
        for paragraph in step.paragraphs:
            assert squash(paragraph) in body
        assert [text_of(li) for li in item.select(":scope > ul > li")] == [squash(c) for c in step.checklist]
        for passage in step.quotes:
            boxes = [text_of(box) for box in item.select(".compact-official")]
            assert any(squash(" ".join(passage.paragraphs)) in box for box in boxes), passage.heading


def test_the_guide_quotes_the_compact_verbatim_and_marks_its_own_text(site_dir: Path, compact: Compact) -> None:
    content = article(read_page(site_dir, COMPLAINTS))
    official = [text_of(box) for box in content.select(".compact-official")]
    for passage in (compact.resolving_complaints, compact.compact_and_you):
        words = squash(" ".join(passage.paragraphs))
        assert any(words in box and "From the text of the Bristol Compact (2012)" in box for box in official)
    intro = text_of(content.select_one(".compact-explanatory"))
    assert "explanatory" in intro and "not part of the Compact" in intro
    assert "www.bristolcompact.org.uk" in intro  # where the authoritative procedure is published
    # Nothing the Compact does not give: no invented email addresses or phone numbers.
    visible = text_of(content)
    assert "@" not in visible
    assert not re.search(r"\b0\d{3,4}[ -]?\d{3}[ -]?\d{3,4}\b", visible)


def test_changing_the_data_changes_the_guide(tmp_path: Path) -> None:
    """The guide is made from complaints.yaml, whatever the Compact: the small synthetic one is edited."""
    project = small_project(tmp_path / "project")
    data_file = project / "compact_data" / "complaints.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["steps"].reverse()
    data["steps"][0]["title"] = "A step written for this test"
    data["summary_fields"] = ["Field added by the test"]
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_site(project, tmp_path / "site")

    page = read_page(tmp_path / "site", COMPLAINTS)
    headings = step_headings(page)
    assert [h["id"] for h in headings] == [s["key"] for s in data["steps"]]
    assert text_of(headings[0]) == "Step 1: A step written for this test"
    assert embedded_data(page)["fields"] == ["Field added by the test"]


def embedded_data(page: BeautifulSoup) -> dict:
    script = page.select_one('script#compact-complaints-data[type="application/json"]')
    assert script is not None
    return json.loads(script.string)


def test_the_page_carries_every_commitment_as_json(site_dir: Path, compact: Compact) -> None:
    data = embedded_data(read_page(site_dir, COMPLAINTS))
    assert data["source"] == "the Bristol Compact (2012)"
    assert data["fields"] == list(compact.complaints.summary_fields)
    assert [r["id"] for r in data["commitments"]] == [c.id for c in compact.commitments]
    for record, c in zip(data["commitments"], compact.commitments, strict=True):
        assert record["text"] == c.text
        assert record["sector"] == c.sector.name
        assert record["theme"] == f"{c.theme.number}. {c.theme.title}"
        assert record["url"] == f"{SITE.url}commitments/{c.id}/"
        assert urljoin("/complaints/", record["page"]) == f"/commitments/{c.id}/"
        assert record["topics"] == [t.key for t in c.topics]
        assert record["related"] == [other.id for other in c.related]


NOT_PUBLISHED = ("The Compact Complaints Procedure is not published. The Compact names it, but neither this website "
                 "nor the data it is made from gives an address where it can be read.")
NO_CONTACT = ("The Compact Partners' Group's contact details will be published on its page; they have not been "
              "published yet.")


def test_what_a_reader_can_ask_for_is_made_from_the_data(site_dir: Path, compact: Compact) -> None:
    """Issue 28: for the chosen provision, the guide lists what the reader can ask for: its words (the
    marked box), its related provisions (filled in by the script, under the official-text label), its
    topics' questions and summaries (ours, marked apart), where the Compact's words on complaints are,
    and plainly that the procedure and the Group's contact details are not published."""
    panel = article(read_page(site_dir, COMPLAINTS)).select_one("#compact-complaint")
    assert panel is not None
    assert text_of(panel.select_one("#compact-asks-heading")) == "What you can ask for"
    related = panel.select_one("#compact-related")
    assert related is not None and related.has_attr("hidden") and not related.select("li")
    assert text_of(related.select_one(".compact-official__label")) == (
        "Each commitment's words below are the official text of the Bristol Compact (2012).")
    topics = panel.select_one("#compact-topics")
    assert topics is not None and topics.has_attr("hidden") and "compact-explanatory" in topics["class"]
    assert "This website's summaries, not the Compact's words" in text_of(topics)
    blocks = topics.select("[data-topic]")
    assert [b["data-topic"] for b in blocks] == [t.key for t in compact.topics]
    assert any(t.summary for t in compact.topics) and any(t.question for t in compact.topics)
    for block, topic in zip(blocks, compact.topics, strict=True):
        assert block.has_attr("hidden") and block.select_one(".compact-official") is None
        link = block.select_one(".compact-asks__topic-name a")
        assert link is not None and text_of(link) == squash(topic.question or topic.name)
        assert urljoin("/complaints/", link["href"]) == f"/topics/{topic.key}/"
        if topic.summary:
            assert squash(topic.summary) in text_of(block)
    ahead = panel.select_one(".compact-asks__next")
    assert ahead is not None
    quoting = [n for n, s in enumerate(compact.complaints.steps, start=1) if compact.resolving_complaints in s.quotes]
    step = compact.complaints.steps[quoting[0] - 1]
    link = ahead.select_one(f'a[href="#{step.key}"]')
    assert link is not None and text_of(link) == f"step {quoting[0]}, “{squash(step.title)}”"
    words = text_of(ahead)
    assert NOT_PUBLISHED in words and NO_CONTACT in words
    # Nothing invented: no email address the data does not give.
    assert "@" not in text_of(panel)


def test_without_javascript_a_commitments_page_leads_to_the_same_facts(site_dir: Path, compact: Compact) -> None:
    """The guide's list is made in the browser; without it, a provision's page links its related provisions
    and its topics' pages, which hold the summaries, the Compact's words on complaints and the plain
    sentence about the procedure."""
    for c in compact.commitments:
        where = f"/commitments/{c.id}/"
        page = article(read_page(site_dir, where[1:]))
        section = page.select_one(".compact-complain").find_parent("div")
        topics = [urljoin(where, a["href"]) for a in section.select("ul a")]
        assert topics == [f"/topics/{t.key}/" for t in c.topics], c.id
        heading = page.find("h2", id="related-commitments")
        related = [] if heading is None else [urljoin(where, a["href"]) for a in heading.find_next("ul").select("a")]
        assert related == [f"/commitments/{other.id}/" for other in c.related], c.id
    for topic in compact.topics:
        words = text_of(article(read_page(site_dir, f"topics/{topic.key}/")))
        assert squash(topic.question or topic.name) in words
        assert not topic.summary or squash(topic.summary) in words
        assert NOT_PUBLISHED in words
        assert squash(" ".join(compact.resolving_complaints.paragraphs)) in words


def test_script_json_cannot_close_the_script_element() -> None:
    value = {"text": "</script><script>alert(1)</script><!-- & \u2028"}
    out = str(script_json(value))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == value


def test_every_commitment_page_links_to_the_guide_with_its_number(site_dir: Path, compact: Compact) -> None:
    for c in compact.commitments:
        page = read_page(site_dir, f"commitments/{c.id}/")
        links = article(page).select(".compact-complain a")
        assert len(links) == 1, c.id
        target = urljoin(f"/commitments/{c.id}/", links[0]["href"])
        assert target == f"/complaints/?commitment={c.id}"
        assert c.id in text_of(links[0])


def test_the_editor_schema_is_current_and_named_by_the_file() -> None:
    assert (SCHEMA_DIR / "complaints.schema.json").read_text(encoding="utf-8") == schema_texts()[
        "complaints.schema.json"
    ]
    first_line = (ROOT / "compact_data" / "complaints.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../generator/data/schemas/complaints.schema.json"


BROKEN_COMPLAINTS = """\
title: If a commitment is not met
introduction:
  - Some words.
steps:
  - key: first
    title: First
    paragraphs: [One.]
    quotes: [resolving_complaint]
  - key: second
    title: Second
    paragraphs: [Two.]
    links:
      - text: Somewhere
        page: nowhere
  - key: first
    title: Third
    paragraphs: [Three.]
  - key: fourth
    paragraphs: [Four.]
    colour: red
summary_fields: []
"""


def test_complaints_yaml_errors_are_reported_with_path_line_and_column(project: Path) -> None:
    (project / "compact_data" / "complaints.yaml").write_text(BROKEN_COMPLAINTS, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_compact(project / "compact_data", display_root=project)
    report = caught.value.report().splitlines()
    where = "compact_data/complaints.yaml"
    expected = [
        f"{where}:8:14: 'quotes' must be one of:",  # the typo'd passage name
        f"{where}:14:15: 'page' must be one of:",
        f"{where}:18:5: missing required key 'title'",
        f"{where}:20:5: unknown key 'colour'",
        f"{where}:21:17: 'summary_fields' must not be empty",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in report), (start, report)


def test_duplicate_step_keys_are_reported_where_they_are(project: Path) -> None:
    path = project / "compact_data" / "complaints.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    second = next(i for i, line in enumerate(lines) if line.strip() == "- key: raise-it-early")
    lines[second] = lines[second].replace("raise-it-early", "find-the-commitment")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = next(i for i, line in enumerate(lines) if "key: find-the-commitment" in line) + 1
    with pytest.raises(DataError) as caught:
        load_compact(project / "compact_data", display_root=project)
    assert str(caught.value.problems[0]) == (
        f"compact_data/complaints.yaml:{second + 1}:{lines[second].index('find') + 1}: duplicate complaints step "
        f"'find-the-commitment' (first given at line {first})"
    )


def test_a_bad_complaints_file_stops_the_build_with_a_clear_message(project: Path, tmp_path: Path) -> None:
    (project / "compact_data" / "complaints.yaml").write_text(BROKEN_COMPLAINTS, encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert "compact_data/complaints.yaml:8:14: 'quotes' must be one of:" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "complaints").exists()


# -- the accessibility statement, the linking page and the 404 page -------------------


def test_accessibility_and_linking_pages_are_built_and_in_the_navigation(site_dir: Path) -> None:
    statement = text_of(article(read_page(site_dir, "accessibility/")))
    for words in (
        "Web Content Accessibility Guidelines version 2.2",
        "AA standard",
        "axe-core",
        "keyboard",
        "W3C Nu HTML Checker",
        "contact the Compact Partners' Group: its contact details are on the Group's page",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support Service",
        "This statement was prepared on",
    ):
        assert words in statement, words
    assert "@" not in statement
    linking = read_page(site_dir, "linking/")
    text = text_of(article(linking))
    for words in ("/commitments/<number>/", "/themes/allocating-resources/#commitment-1.1", "/sectors/public-sector/",
                  "/commitments/?sector=vcs&theme=5", "Bristol Compact (2012), commitment 1.1 (Shared commitment)",
                  "/data/compact.json", "/data/commitments.csv", "/data/compact.schema.json", "permanent"):
        assert words in text, words
    nav = [text_of(a) for a in read_page(site_dir, "").select("nav.md-nav--primary a")]
    assert "Linking to the Compact" in nav and "Accessibility" in nav


def test_the_404_page_links_to_the_commitments_list_and_home(site_dir: Path) -> None:
    page = BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title is not None and page.title.string.startswith("Page not found")
    content = article(page)
    assert text_of(content.select_one("h1")) == "Page not found"
    hrefs = {a["href"] for a in content.select("a[href]")}  # (Zensical adds a skip target, an <a> with no href)
    assert "/commitments/" in hrefs
    form = content.select_one('form[role="search"]')
    assert form is not None and form.select_one('input[name="q"]') is not None
    label = content.select_one(f'label[for="{form.select_one("input")["id"]}"]')
    assert label is not None and text_of(label)


# -- in the browser ----------------------------------------------------------------------


@pytest.fixture
def requests_made(page: object) -> Iterator[list[str]]:
    """Every URL the page requests; checked to stay on 127.0.0.1 after the test."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))  # type: ignore[attr-defined]
    yield seen
    assert seen, "the page made no requests at all"
    outside = [url for url in seen if urlsplit(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    assert not outside, f"requests left the site: {outside}"


@pytest.mark.browser
def test_a_commitment_is_shown_with_a_summary(
    page: object, served_site: str, compact: Compact, requests_made: list[str]
) -> None:
    c = compact.commitment("5.5")
    page.goto(served_site + COMPLAINTS + "?commitment=5.5")  # type: ignore[attr-defined]
    panel = page.locator("#compact-complaint")  # type: ignore[attr-defined]
    panel.wait_for(state="visible")
    assert panel.locator(":scope > .compact-official .compact-text").inner_text() == c.text
    assert "Public sector commitment" in panel.inner_text()
    assert f"{c.theme.number}. {c.theme.title}" in panel.inner_text()
    summary = panel.locator("textarea").input_value()
    assert summary.startswith(
        f"Commitment 5.5 of the Bristol Compact (2012) (Public sector commitment): {c.text} — "
        f"{SITE.url}commitments/5.5/\n"
    )
    for field in compact.complaints.summary_fields:
        assert f"\n{field}: \n" in summary
    # Issue 28: lines for who is complaining, first and blank (nothing filled in for the reader).
    sender = summary.index("Your name: \n\nYour organisation: \n\nHow to contact you (email, phone or address): \n")
    assert sender < summary.index(f"{compact.complaints.summary_fields[0]}: ")
    assert not page.locator("#compact-complaint-unknown").is_visible()  # type: ignore[attr-defined]
    assert not page.locator("#compact-complaint-nojs").is_visible()  # type: ignore[attr-defined]
    # The link to the commitment's own page works.
    panel.get_by_role("link", name="Commitment 5.5 on its own page").click()
    page.wait_for_url(served_site + "commitments/5.5/")  # type: ignore[attr-defined]


@pytest.mark.browser
def test_two_clicks_from_a_commitment_page_to_a_copied_summary(
    browser: object, served_site: str, compact: Compact
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        seen: list[str] = []
        tab.on("request", lambda request: seen.append(request.url))
        tab.goto(served_site + "commitments/1.4/")
        tab.get_by_role("link", name="What to do if commitment 1.4 is not met").click()  # click 1
        tab.wait_for_url("**/complaints/?commitment=1.4")
        tab.get_by_role("button", name="Copy summary").click()  # click 2
        status = tab.locator("#compact-summary-status")
        status.wait_for(state="visible")
        tab.wait_for_function("document.getElementById('compact-summary-status').textContent.length > 0")
        assert status.inner_text() == "Copied the summary to the clipboard."
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied == tab.locator("#compact-summary").input_value()
        assert copied.startswith(f"Commitment 1.4 of the Bristol Compact (2012) (Shared commitment): "
                                 f"{compact.commitment('1.4').text} — ")
        assert all(urlsplit(url).hostname == "127.0.0.1" for url in seen), seen
    finally:
        context.close()


@pytest.mark.browser
def test_the_summary_can_be_edited_reached_by_keyboard_and_printed(page: object, served_site: str) -> None:
    page.goto(served_site + COMPLAINTS + "?commitment=3.3")  # type: ignore[attr-defined]
    box = page.locator("#compact-summary")  # type: ignore[attr-defined]
    box.wait_for(state="visible")
    box.press("Control+End")
    box.type("Bristol Example Trust")
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    focused = page.evaluate("document.activeElement.textContent")  # type: ignore[attr-defined]
    assert focused == "Copy summary"
    # Printed, the page is a form (not the box): heading, date, the commitment, and each field with
    # what was typed and room to write, in the page's own type, on one A4 page.
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    printout = page.locator("#compact-summary-printout")  # type: ignore[attr-defined]
    assert printout.is_visible()
    assert not box.is_visible()
    text = squash(printout.inner_text())
    assert text.startswith("Complaint summary: commitment 3.3 Printed on ")
    today = page.evaluate(  # type: ignore[attr-defined]
        "new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    assert f"Printed on {today}" in text
    assert "commitment 3.3 — official text of the bristol compact (2012)" in text.lower()  # label in capitals
    answers = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#compact-summary-fields dt", "dts => dts.map(dt => [dt.textContent, dt.nextElementSibling.textContent])")
    assert [field for field, _ in answers] == ["Your name", "Your organisation",
                                               "How to contact you (email, phone or address)",
                                               "Organisation concerned", "Date or dates", "What happened",
                                               "Effect on service users", "Who I have contacted so far"]
    assert answers[-1][1] == "Bristol Example Trust" and all(not a for _, a in answers[:-1])
    room = page.eval_on_selector(
        "#compact-summary-fields dd:not(.compact-printout__line)", "dd => dd.getBoundingClientRect().height")  # type: ignore[attr-defined]
    assert room > 60, "room to write"
    font = printout.evaluate("e => getComputedStyle(e.querySelector('dd')).fontFamily")
    assert "mono" not in font.lower() and "courier" not in font.lower(), font
    page.evaluate("document.documentElement.classList.add('compact-print-summary')")  # type: ignore[attr-defined]
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))  # type: ignore[attr-defined]
    assert len(pdf.pages) == 1
    printed = squash(pdf.pages[0].extract_text())
    assert printed.startswith("Complaint summary: commitment 3.3")
    assert "Your name Your organisation How to contact you (email, phone or address) Organisation concerned" in printed


@pytest.mark.browser
@pytest.mark.parametrize("query", ["", "?commitment=5.5"])
def test_the_whole_guide_prints_with_a_full_first_page(
    page: object, served_site: str, query: str, tmp_path: Path
) -> None:
    """Issue 28: printing the whole guide (not only the summary) left page 1 half blank. Chromium's
    print of the page, read as images: page 1 is filled, and so is every page but the last."""
    page.goto(served_site + COMPLAINTS + query)  # type: ignore[attr-defined]
    page.wait_for_function("!document.documentElement.classList.contains('compact-pending')")  # type: ignore[attr-defined]
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))  # type: ignore[attr-defined]
    fills = page_fills(pdf, margins=(16, 16))  # print.css's @page margins
    assert len(fills) > 1 and min(fills[:-1]) > 0.75, fills
    first = squash(PdfReader(pdf).pages[0].extract_text())
    assert "Find the commitment concerned" in first or "Your complaint about commitment 5.5" in first


@pytest.mark.browser
def test_an_unknown_commitment_gets_a_helpful_message(
    page: object, served_site: str, requests_made: list[str]
) -> None:
    page.goto(served_site + COMPLAINTS + "?commitment=9.9")  # type: ignore[attr-defined]
    message = page.locator("#compact-complaint-unknown")  # type: ignore[attr-defined]
    message.wait_for(state="visible")
    assert "There is no commitment 9.9" in message.inner_text()
    assert not page.locator("#compact-complaint").is_visible()  # type: ignore[attr-defined]
    message.get_by_role("link", name="Find the commitment in the list of all commitments").click()
    page.wait_for_url(served_site + "commitments/")  # type: ignore[attr-defined]


@pytest.mark.browser
def test_the_table_of_contents_lists_a_panel_only_while_it_is_shown(browser: object, served_site: str) -> None:
    """The panels' headings are in the page's table of contents; each entry shows only with its
    panel, so no entry leads to a hidden, empty heading."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()

        def shown(anchor: str) -> bool:
            return bool(page.locator(f'.md-sidebar--secondary a[href="#{anchor}"]').is_visible())

        for query, panel, complaint, unknown in (("", None, False, False),
                                                 ("?commitment=1.4", "#compact-complaint", True, False),
                                                 ("?commitment=9.9", "#compact-complaint-unknown", False, True)):
            page.goto(served_site + COMPLAINTS + query)
            if panel:
                page.locator(panel).wait_for(state="visible")
            assert shown("find-the-commitment"), query
            assert (shown("compact-complaint-heading"), shown("compact-unknown-heading")) == (complaint, unknown), query
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_guide_is_complete(browser: object, served_site: str, compact: Compact) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(served_site + COMPLAINTS + "?commitment=5.5")
        headings = tab.locator("ol.compact-steps > li > h2")
        titles = [squash(t) for t in headings.evaluate_all("els => els.map(e => e.textContent)")]
        assert titles == [f"Step {n}: {squash(s.title)}" for n, s in enumerate(compact.complaints.steps, start=1)]
        for index in range(headings.count()):
            assert headings.nth(index).is_visible()
        assert tab.get_by_text("step 1 says how to find the commitment").is_visible()
        assert tab.locator("#compact-steps").get_by_role("link", name="All commitments").is_visible()
        assert not tab.locator("#compact-complaint").is_visible()
        assert not tab.locator("#compact-complaint-unknown").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_the_404_page_names_a_missing_commitment_and_links_to_the_list(
    page: object, served_site: str, requests_made: list[str]
) -> None:
    response = page.goto(served_site + "commitments/1.40/")  # type: ignore[attr-defined]
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"  # type: ignore[attr-defined]
    box = page.locator("#compact-notfound-commitment")  # type: ignore[attr-defined]
    assert box.is_visible()
    assert "There is no commitment 1.40" in box.inner_text()
    box.get_by_role("link", name="Find the commitment in the list of all commitments").click()
    page.wait_for_url(served_site + "commitments/")  # type: ignore[attr-defined]
    assert page.locator("article.compact-item").count() == 54  # type: ignore[attr-defined]


@pytest.mark.browser
def test_the_404_page_elsewhere_offers_search_and_links(page: object, served_site: str) -> None:
    response = page.goto(served_site + "no/such/page/")  # type: ignore[attr-defined]
    assert response.status == 404
    assert not page.locator("#compact-notfound-commitment").is_visible()  # type: ignore[attr-defined]
    assert page.get_by_role("link", name="All commitments").first.is_visible()  # type: ignore[attr-defined]
    search = page.get_by_role("searchbox", name="Search the Bristol Compact")  # type: ignore[attr-defined]
    search.fill("notice")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/\.?\?q=notice$"))  # type: ignore[attr-defined]
    assert page.locator("input.md-search__input").input_value() == "notice"  # type: ignore[attr-defined]
