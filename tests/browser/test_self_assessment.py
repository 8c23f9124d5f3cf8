"""The self-assessment and action plan (/self-assessment/), used in headless Chromium (issue 27).

One build of the synthetic two-edition data (tests/support/editions.py: 2012, then a 2030
edition that rewords, merges, renumbers, splits, withdraws and adds) is served by the real
nginx with the configuration the generator writes, so the page runs under the site's own
Content-Security-Policy. Every test's browser records each request and each policy violation,
and fails if one leaves 127.0.0.1 or the policy blocks anything. Files from "another device" or
"last year" are written here to the published JSON Schema, from the model's own editions.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from pypdf import PdfReader
from support.browsing import MEASURE, axe_violations, describe_violations
from support.editions import NEW_1_4, YEAR, two_editions_build
from support.nginx import running_nginx

from generator.assessment import FORMAT, FORMAT_VERSION, MAX_FILE_BYTES
from generator.model import Compact, load_compact

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile);
});
"""
#: Answers typed in by the tests: commitment -> (status, evidence, action, owner, by when).
ANSWERS = {
    "1.4": ("met", "Our funding policy, page 4", "=HYPERLINK(\"http://evil.example\")", "Finance lead", "2031-03-31"),
    "3.11": ("partly", "Feedback forms, 2029", "Publish what we heard", "Comms team", "2030-12-01"),
    "4.8": ("not-yet", "", "Write an expenses policy", "Volunteer manager", "2030-09-30"),
    "5.9": ("not-applicable", "We are not a funder", "", "", ""),
}


@dataclass(frozen=True)
class Served:
    url: str
    site: Path
    compact: Compact


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The two-edition site (the run's build, read only) served by nginx with its generated policy."""
    built = two_editions_build(tmp_path_factory)
    compact = load_compact(built.project / "compact_data")
    with running_nginx(built.site, compact, tmp_path_factory.mktemp("self-assessment") / "nginx") as url:
        yield Served(url, built.site, compact)


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    """The page in a fresh browser (empty storage), every request and policy violation recorded."""
    yield from opened(browser, served, {"width": 1280, "height": 900})


def opened(browser: Any, served: Served, viewport: dict[str, int], **options: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=viewport, accept_downloads=True, **options)
    context.add_init_script(RECORD_VIOLATIONS)
    requests: list[str] = []
    problems: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    tab.goto(served.url + "self-assessment/")
    try:
        yield tab
        problems += tab.evaluate("window.__violations || []")
    finally:
        context.close()
    origin = urlsplit(served.url).netloc
    outside = [u for u in requests if urlsplit(u).netloc != origin and not u.startswith(("data:", "blob:"))]
    assert requests and not outside, f"requests that left the server: {outside}"
    assert not problems, problems


# -- helpers -----------------------------------------------------------------------------


def by_id(page: Any, kind: str, cid: str) -> Any:
    return page.locator(f'[id="{kind}-{cid}"]')


def status(page: Any, cid: str, value: str) -> Any:
    return page.locator(f'input[name="status-{cid}"][value="{value}"]')


def fill_in(page: Any, organisation: str = "Riverside Community Trust", sector: str = "vcs") -> None:
    page.fill("#assess-organisation", organisation)
    page.fill("#assess-date", "2030-06-15")
    page.select_option("#assess-sector", sector)
    for cid, (value, evidence, action, owner, due) in ANSWERS.items():
        status(page, cid, value).check()
        by_id(page, "evidence", cid).fill(evidence)
        by_id(page, "action", cid).fill(action)
        by_id(page, "owner", cid).fill(owner)
        by_id(page, "due", cid).fill(due)


def assert_filled_in(page: Any) -> None:
    assert page.input_value("#assess-organisation") == "Riverside Community Trust"
    assert page.input_value("#assess-date") == "2030-06-15"
    assert page.input_value("#assess-sector") == "vcs"
    for cid, (value, evidence, action, owner, due) in ANSWERS.items():
        assert status(page, cid, value).is_checked(), cid
        assert [by_id(page, k, cid).input_value() for k in ("evidence", "action", "owner", "due")] == [
            evidence, action, owner, due], cid


def download(page: Any, button: str, folder: Path) -> Path:
    with page.expect_download() as caught:
        page.click(button)
    target = folder / caught.value.suggested_filename
    caught.value.save_as(target)
    return target


#: Where the page answers a file chosen with each button (a file is read while the page goes on).
ANSWERED_IN = {"#assess-open": "#assess-message", "#assess-compare-open": "#assess-compare-summary",
               "#assess-combine-open": "#assess-combine-summary"}


def choose_files(page: Any, button: str, *files: Path) -> None:
    """Choose files with a button, as a reader does, and wait until the page has answered."""
    page.evaluate("() => ['assess-message', 'assess-compare-summary', 'assess-combine-summary']"
                  ".forEach(id => { document.getElementById(id).textContent = ''; })")
    with page.expect_file_chooser() as chooser:
        page.click(button)
    chooser.value.set_files([str(f) for f in files])
    page.wait_for_function("where => where.some(id => document.getElementById(id).textContent)",
                           arg=[ANSWERED_IN[button][1:], "assess-message"])


def published_schema(served: Served) -> dict[str, Any]:
    return json.loads((served.site / "data" / "self-assessment.schema.json").read_text(encoding="utf-8"))


def assessment_file(served: Served, folder: Path, name: str, answers: dict[str, tuple[str | None, str]],
                    of: Compact | None = None, organisation: str = "Last year", spoil: dict[str, Any] | None = None,
                    ) -> Path:
    """A file as the page saves it (checked against the published schema), for the commitments of the
    edition ``of`` (the current one if none); ``spoil`` then changes some of its fields."""
    words = of or served.compact
    document: dict[str, Any] = {
        "$schema": published_schema(served)["$id"], "format": FORMAT, "version": FORMAT_VERSION,
        "compact": words.title, "edition": words.edition, "organisation": organisation, "date": "2029-06-01",
        "sector": None, "saved": "2029-06-01T10:00:00Z",
        "answers": [
            {"id": cid, "text": words.commitment(cid).text, "status": value, "evidence": evidence, "action": "",
             "owner": "", "due": "", "review": False, "note": ""}
            for cid, (value, evidence) in answers.items()
        ],
        "withdrawn": [],
    }
    jsonschema.validate(document, published_schema(served))
    document.update(spoil or {})
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def saved_message(page: Any) -> str:
    return str(page.locator("#assess-saved").inner_text())


def settled_axe(page: Any) -> list[dict[str, Any]]:
    """axe's violations once nothing moves (a button's hover colour fading out is not its colour)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return axe_violations(page)


def pdf_text(page: Any) -> tuple[str, Any]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages), reader


# -- keeping the work --------------------------------------------------------------------


def test_answers_are_saved_at_once_and_found_after_a_reload(page: Any) -> None:
    fill_in(page)
    assert saved_message(page).startswith("Saved on this device at")
    assert page.locator("#assess-saved").get_attribute("aria-live") == "polite"
    status(page, "3.11", "met").check()
    assert saved_message(page).startswith("Commitment 3.11: Met. Saved on this device")
    status(page, "3.11", "partly").check()
    page.reload()
    assert_filled_in(page)
    progress = page.locator('#assess-progress tr[data-part="all"]')
    assert progress.locator('[data-count="met"]').inner_text() == "1"
    assert progress.locator('[data-count="not-applicable"]').inner_text() == "1"
    assert page.locator('[data-part-progress="3"]').inner_text().startswith("1 of ")


def test_reopening_a_kept_assessment_moves_nothing(page: Any, served: Served) -> None:
    """The kept answers and the party's commitments are drawn before the first paint (no layout shift)."""
    fill_in(page)
    page.context.add_init_script(MEASURE)
    for height in (900, 3000):
        page.set_viewport_size({"width": 390, "height": height})
        page.reload()
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__cls") < 0.1
    assert_filled_in(page)


def test_a_party_sees_what_binds_it_and_every_commitment_otherwise(page: Any, served: Served) -> None:
    shown = "els => els.filter(e => !e.hidden).map(e => e.dataset.id)"
    page.select_option("#assess-sector", "vcs")
    vcs = served.compact.sector("vcs")
    assert page.eval_on_selector_all(".compact-assess__item", shown) == [c.id for c in served.compact.binding(vcs)]
    page.select_option("#assess-sector", "")
    assert page.eval_on_selector_all(".compact-assess__item", shown) == [c.id for c in served.compact.commitments]


def test_several_assessments_are_kept_renamed_and_deleted_only_when_confirmed(page: Any) -> None:
    page.fill("#assess-organisation", "First organisation")
    status(page, "1.1", "met").check()
    page.click("#assess-new")
    page.fill("#assess-organisation", "Second")
    page.fill("#assess-organisation", "Second organisation")  # renamed: the list follows
    options = page.eval_on_selector_all("#assess-which option", "os => os.map(o => o.textContent)")
    assert len(options) == 2 and any(o.startswith("Second organisation,") for o in options)
    assert not status(page, "1.1", "met").is_checked()
    page.select_option("#assess-which", label=next(o for o in options if o.startswith("First")))
    assert status(page, "1.1", "met").is_checked()
    page.click("#assess-delete")
    assert "First organisation" in page.inner_text("#assess-confirm-text")
    page.click("#assess-confirm-no")
    page.reload()
    assert page.locator("#assess-which option").count() == 2
    page.click("#assess-delete")
    page.click("#assess-confirm-yes")
    assert saved_message(page).startswith("Deleted “First organisation")
    page.reload()
    assert page.locator("#assess-which option").count() == 1
    assert page.input_value("#assess-organisation") == "Second organisation"


def test_a_saved_file_opens_on_a_clean_device_with_every_answer(page: Any, served: Served, tmp_path: Path) -> None:
    fill_in(page)
    saved = download(page, "#assess-save", tmp_path)
    document = json.loads(saved.read_text(encoding="utf-8"))
    jsonschema.validate(document, published_schema(served))
    assert (document["format"], document["version"], document["edition"]) == (FORMAT, FORMAT_VERSION, YEAR)
    assert document["compact"] == served.compact.title
    assert {a["id"]: a["text"] for a in document["answers"]}["1.4"] == NEW_1_4
    page.evaluate("localStorage.clear()")  # another device, or this one cleared
    page.reload()
    assert page.input_value("#assess-organisation") == ""
    page.context.set_offline(True)  # once loaded, the page needs no connection
    choose_files(page, "#assess-open", saved)
    assert page.inner_text("#assess-message").startswith("Opened “Riverside Community Trust, 2030-06-15”")
    assert_filled_in(page)
    page.context.set_offline(False)
    page.reload()
    assert_filled_in(page)


def test_the_csv_keeps_ids_as_text_and_runs_no_formula(page: Any, tmp_path: Path) -> None:
    fill_in(page)
    raw = download(page, "#assess-csv", tmp_path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so that spreadsheets read UTF-8
    table = raw.decode("utf-8-sig")
    lines = table.split("\r\n")
    assert lines[0] == '"id","theme","commitment","status","evidence","action","owner","by_when","look_again"'
    row = next(line for line in lines if line.startswith('"1.4",'))
    assert '"Met","Our funding policy, page 4","\'=HYPERLINK(""http://evil.example"")"' in row
    assert all(line.startswith('"') for line in lines if line)


# -- editions ----------------------------------------------------------------------------


def test_an_older_editions_file_follows_the_new_numbers(page: Any, served: Served, tmp_path: Path) -> None:
    earlier = served.compact.history.editions[0]
    old = assessment_file(served, tmp_path, "2012.json", {
        "1.1": ("met", "unchanged words"), "1.4": ("partly", "answered in 2012"),
        "1.19": ("met", "feedback answer"), "1.20": ("partly", "acknowledging funders"),
        "2.6": ("not-yet", "equality duties"), "4.7": ("met", "volunteer policy"),
        "3.11": ("not-yet", "its own answer"),
    }, of=earlier)
    page.select_option("#assess-sector", "")
    choose_files(page, "#assess-open", old)
    message = page.inner_text("#assess-message")
    assert "brought from the 2012 edition" in message and "1 withdrawn" in message, message

    def flag(cid: str) -> str:
        box = page.locator(f'[id="assess-{cid}"] [data-flag]')
        return str(box.inner_text()) if box.is_visible() else ""

    assert status(page, "1.1", "met").is_checked() and flag("1.1") == ""
    assert status(page, "1.4", "partly").is_checked() and "Reworded since the 2012 edition" in flag("1.4")
    assert "Look at your answer again" in flag("1.4")
    assert by_id(page, "evidence", "1.19").input_value() == "acknowledging funders"  # 1.20 is now 1.19
    assert "This was commitment 1.20 of the 2012 edition" in flag("1.19")
    merged = by_id(page, "evidence", "3.11").input_value()
    assert "its own answer" in merged and "feedback answer" in merged and "merged into this one" in flag("3.11")
    for part in ("4.7", "4.8"):
        assert by_id(page, "evidence", part).input_value() == "volunteer policy"
        assert "split into 4.7 and 4.8" in flag(part)
    withdrawn = page.locator("#assess-withdrawn")
    assert withdrawn.is_visible() and "Commitment 2.6 of the 2012 edition" in withdrawn.inner_text()
    page.locator('[id="assess-1.4"] [data-reviewed]').click()
    assert flag("1.4") == ""
    page.reload()
    assert flag("1.4") == "" and "merged" in flag("3.11") and page.locator("#assess-withdrawn").is_visible()


# -- comparing and combining ---------------------------------------------------------------


def test_comparing_with_last_years_file(page: Any, served: Served, tmp_path: Path) -> None:
    last_year = assessment_file(served, tmp_path, "last-year.json",
                                {"1.4": ("partly", ""), "3.11": ("met", ""), "4.8": ("not-yet", "")})
    fill_in(page)
    choose_files(page, "#assess-compare-open", last_year)
    summary = page.inner_text("#assess-compare-summary")
    assert "1 improved" in summary and "1 slipped" in summary and "1 new" in summary and "1 same" in summary, summary
    rows = page.eval_on_selector_all("#assess-compare-rows tr", "rs => rs.map(r => r.innerText.split('\\t').join('|'))")
    assert "Commitment 1.4|Partly met|Met|improved" in rows and "Commitment 3.11|Met|Partly met|slipped" in rows


def test_combining_three_organisations_files(page: Any, served: Served, tmp_path: Path) -> None:
    files = [
        assessment_file(served, tmp_path, f"{name}.json", {"1.4": (value, f"Private note of {name}")},
                        organisation=name)
        for name, value in [("Alpha", "met"), ("Beta", "met"), ("Gamma", "partly")]
    ]
    assert not page.locator("#assess-print-combined").is_visible()
    choose_files(page, "#assess-combine-open", *files)
    assert page.locator("#assess-print-combined").is_visible()
    assert page.inner_text("#assess-combine-summary").startswith("Combined 3 files: Alpha, 2029-06-01; Beta")
    row = page.locator("#assess-combine-rows tr", has_text="Commitment 1.4").first
    assert row.inner_text().split("\t")[1:] == ["2", "1", "0", "0", "0"]
    assert "Private note" not in page.inner_text("#compact-assess")
    page.check("#assess-combine-notes")
    assert "Gamma, 2029-06-01: evidence: Private note of Gamma" in page.inner_text("#assess-combine-rows")
    page.check('input[name="assess-print"][value="combined"]')
    text, _ = pdf_text(page)
    assert "Combined summary of 3 self-assessments" in text and "Alpha" in text and "Private note of Beta" in text


# -- printing ---------------------------------------------------------------------------


def test_the_report_and_the_action_plan_print_on_a4(page: Any, served: Served) -> None:
    fill_in(page)
    text, reader = pdf_text(page)
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)  # A4 in points
    for expected in ("Self-assessment: Riverside Community Trust", "2030-06-15", served.compact.label,
                     "Commitment 1.4", " ".join(NEW_1_4.split()[:6]), "Our funding policy, page 4",
                     "Not applicable", "We are not a funder", "Volunteer manager"):
        assert expected in text, expected
    assert "Your assessment" not in text and "Start a new assessment" not in text  # the form stays on screen
    page.check('input[name="assess-print"][value="plan"]')
    plan, _ = pdf_text(page)
    assert "Action plan: Riverside Community Trust" in plan and "Write an expenses policy" in plan
    assert "We are not a funder" not in plan and "Our funding policy" not in plan


# -- bad files ----------------------------------------------------------------------------


def bad_files(served: Served, folder: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of bad file, and what the page must say about it."""
    answers = {"1.4": ("met", "")}
    not_json = folder / "notes.json"
    not_json.write_text("Meeting notes, not JSON {", encoding="utf-8")
    large = folder / "large.json"
    large.write_text(json.dumps({"format": FORMAT, "padding": " " * MAX_FILE_BYTES}), encoding="utf-8")
    return {
        "not JSON": (not_json, "it is not JSON"),
        "too large": (large, "too large to be a self-assessment file"),
        "not an assessment": (assessment_file(served, folder, "x.json", answers, spoil={"format": "something-else"}),
                              "is not a self-assessment file saved by this page"),
        "another Compact": (assessment_file(served, folder, "other.json", answers,
                                            spoil={"compact": "Riverford Test Compact"}),
                            "is an assessment against “Riverford Test Compact”, not the Bristol Compact"),
        "unknown version": (assessment_file(served, folder, "v9.json", answers, spoil={"version": 9}),
                            "is in format version 9, which this page cannot read"),
        "unknown edition": (assessment_file(served, folder, "1999.json", answers, spoil={"edition": 1999}),
                            "is of the 1999 edition, which this site does not have"),
        "damaged": (assessment_file(served, folder, "damaged.json", answers, spoil={"answers": [{"status": "met"}]}),
                    "is damaged: its answer number 1 has no commitment number"),
    }


def test_a_bad_file_is_told_and_changes_nothing(page: Any, served: Served, tmp_path: Path) -> None:
    """Each kind of bad file, one after another in the same page: each is told with every button, and
    after each the kept assessment is as it was (a reload finds it, and no other)."""
    fill_in(page)
    kinds = bad_files(served, tmp_path)
    assert len(kinds) == 7
    for kind, (path, says) in kinds.items():
        for button in ("#assess-open", "#assess-compare-open"):
            choose_files(page, button, path)
            message = page.inner_text("#assess-message")
            assert says in message and path.name in message, (kind, button, message)
        choose_files(page, "#assess-combine-open", path)
        assert says in page.inner_text("#assess-message"), kind
        page.reload()
        assert page.locator("#assess-which option").count() == 1, kind
        assert_filled_in(page)


def test_markup_in_a_files_notes_is_shown_as_text_never_run(page: Any, served: Served, tmp_path: Path) -> None:
    fill_in(page)
    attack = '<img src="x" onerror="window.__ran = 1"><script>window.__ran = 2</script><b>bold</b>'
    fields = {"evidence": attack, "action": attack, "owner": attack, "note": attack, "review": True}
    path = assessment_file(served, tmp_path, "markup.json", {"1.4": ("met", attack)}, organisation=attack)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["answers"][0].update(fields)
    document["withdrawn"] = [{**document["answers"][0], "id": "9.9", "edition": YEAR}]
    jsonschema.validate(document, published_schema(served))
    path.write_text(json.dumps(document), encoding="utf-8")
    choose_files(page, "#assess-open", path)
    assert "hold markup" in page.inner_text("#assess-message")
    assert by_id(page, "evidence", "1.4").input_value() == attack
    assert attack in page.locator('[id="assess-1.4"] [data-flag]').inner_text()
    assert attack in page.inner_text("#assess-withdrawn") and attack in page.inner_text("#assess-which")
    choose_files(page, "#assess-compare-open", path)
    assert attack in page.inner_text("#assess-compare-summary")
    choose_files(page, "#assess-combine-open", path, path)
    page.check("#assess-combine-notes")
    assert attack in page.inner_text("#assess-combine-rows")
    for view in ("report", "plan", "combined"):
        page.check(f'input[name="assess-print"][value="{view}"]')
        assert attack in page.locator("#assess-report").text_content(), view
    assert page.locator("#compact-assess :is(img, b, script)").count() == 0
    assert page.evaluate("window.__ran") is None
    assert page.locator("#assess-which option").count() == 2  # the first assessment is still there


# -- keyboard and accessibility ------------------------------------------------------------


def test_keyboard_alone_fills_in_a_status_and_saves_a_file(page: Any, tmp_path: Path) -> None:
    page.focus("#assess-organisation")
    page.keyboard.type("Keyboard Trust")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "status-1.1":
            break
    assert page.evaluate("document.activeElement.value") == "met"
    page.keyboard.press("Space")
    assert status(page, "1.1", "met").is_checked()
    assert saved_message(page).startswith("Commitment 1.1: Met.")
    page.keyboard.press("ArrowRight")
    assert status(page, "1.1", "partly").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Typed with the keyboard")
    assert by_id(page, "evidence", "1.1").input_value() == "Typed with the keyboard"
    page.focus("#assess-delete")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "assess-confirm-no"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "assess-delete"
    page.focus("#assess-save")
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    saved = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    assert next(a for a in saved["answers"] if a["id"] == "1.1")["evidence"] == "Typed with the keyboard"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_any_state(browser: Any, served: Served, tmp_path: Path, width: int, scheme: str) -> None:
    # The page as it opens, empty (nothing moves then), is checked in these four views by
    # tests/browser/test_accessibility.py (PAGES["self-assessment"]): the same markup, styles and
    # script, with the real data's commitments; here the states that reading and filling in make.
    for page in opened(browser, served, {"width": width, "height": 900}, color_scheme=scheme):
        found: dict[str, list[dict[str, Any]]] = {}
        fill_in(page)
        choose_files(page, "#assess-open", bad_files(served, tmp_path)["not JSON"][0])
        found["filled, with an error"] = settled_axe(page)
        earlier = assessment_file(served, tmp_path, "2012.json", {"1.4": ("partly", "x"), "2.6": ("met", "y")},
                                  of=served.compact.history.editions[0])
        choose_files(page, "#assess-compare-open", earlier)
        found["comparing"] = settled_axe(page)
        choose_files(page, "#assess-open", earlier)
        found["opened from an older edition"] = settled_axe(page)
        page.click("#assess-delete")
        found["confirming a deletion"] = settled_axe(page)
        page.click("#assess-confirm-no")
        files = [assessment_file(served, tmp_path, f"{n}.json", {"1.4": ("met", "n")}, organisation=n) for n in "ABC"]
        choose_files(page, "#assess-combine-open", *files)
        page.check("#assess-combine-notes")
        found["combining"] = settled_axe(page)
        failures = {state: describe_violations(v) for state, v in found.items() if v}
        assert not failures, "\n".join(f"{state}:\n{text}" for state, text in failures.items())
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_without_javascript_the_page_says_what_it_needs(browser: Any, served: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served.url + "self-assessment/")
        note = page.locator(".compact-assess-nojs")
        assert note.is_visible() and "needs JavaScript" in note.inner_text()
        assert note.locator("a").count() >= 1
        assert not page.locator("#compact-assess").is_visible()
    finally:
        context.close()
