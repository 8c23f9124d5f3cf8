"""The redirect map: old commitment addresses keep working after a renumbering.

A copy of the project gets a renumbered edition (see ``renumbered.py``): 1.19
merged into 3.11, 1.20 moved to 1.19, 2.6 withdrawn. The real build then has to
serve every old address and old theme-page anchor, and bad maps must fail with
``path:line:col`` messages.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import jsonschema
import pytest
from support import ROOT, build_site, copy_project, serving
from support.renumbered import DATE, OLD_1_19, OLD_2_6, renumber

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]*)">')
OLD_ANCHORS = re.compile(r'<script type="application/json" id="compact-old-anchors">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def renumbered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build of the renumbered copy."""
    project = copy_project(tmp_path_factory.mktemp("renumbered") / "project")
    renumber(project)
    site = project.parent / "site"
    build_site(project, site)
    return site


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_moved_commitment_old_address_sends_reader_on(renumbered: Path) -> None:
    page = html(renumbered, "commitments/1.20")
    assert REFRESH.findall(page) == ["../1.19/"]
    assert '<meta name="robots" content="noindex">' in page
    body = text_of(page.split('<article', 1)[1])
    assert "Commitment 1.20 is now 1.19" in body
    assert "On 1 April 2030, commitment 1.20 was renumbered: it is now commitment 1.19." in body
    assert "Renumbered when 1.19 was merged into 3.11." in body  # the map's note
    # A visible link, for browsers that do not follow the refresh.
    assert re.search(r'<a class="md-button[^"]*" href="\.\./1\.19/">Go to commitment 1\.19', page)
    # The page that is now 1.19 is the old 1.20, and it says so.
    now = text_of(html(renumbered, "commitments/1.19"))
    assert "Recognise that public funders can reasonably expect VCS organisations" in now
    assert "Until 1 April 2030, this commitment was numbered 1.20." in now
    assert REFRESH.findall(html(renumbered, "commitments/1.19")) == []


def test_reused_number_explains_its_earlier_meaning(renumbered: Path) -> None:
    now = text_of(html(renumbered, "commitments/1.19"))
    assert "the number 1.19 belonged to a different commitment, which was merged into commitment 3.11" in now
    assert f"It read: “{OLD_1_19}”" in now
    merged = text_of(html(renumbered, "commitments/3.11"))
    assert "On 1 April 2030, commitment 1.19 was merged into this commitment." in merged


def test_withdrawn_commitment_page_stays(renumbered: Path) -> None:
    page = html(renumbered, "commitments/2.6")
    assert REFRESH.findall(page) == []  # nowhere to send the reader: the page itself is the answer
    body = text_of(page)
    assert "Commitment 2.6 (withdrawn)" in body
    assert "Commitment 2.6 was withdrawn on 1 April 2030." in body
    assert "Withdrawn in this test edition." in body
    assert f"Commitment 2.6 as it read before it was withdrawn {OLD_2_6}" in body
    assert not (renumbered / "commitments" / "2.7").exists()
    # It is no longer listed as a current commitment.
    theme = html(renumbered, "themes/promoting-equality")
    assert 'id="commitment-2.6"' not in theme and 'id="commitment-2.5"' in theme


def test_old_anchors_are_mapped_on_listing_pages(renumbered: Path) -> None:
    def mapping(path: str) -> dict[str, str]:
        found = OLD_ANCHORS.findall(html(renumbered, path))
        assert len(found) == 1, path
        return json.loads(found[0])

    assert mapping("themes/allocating-resources") == {"commitment-1.20": "#commitment-1.19"}
    assert mapping("themes/promoting-equality") == {"commitment-2.6": "../../commitments/2.6/"}
    assert mapping("commitments") == {"commitment-1.20": "#commitment-1.19", "commitment-2.6": "2.6/"}
    assert OLD_ANCHORS.findall(html(renumbered, "themes/volunteering")) == []  # nothing changed there
    # The script that follows the map is on the page.
    assert "assets/javascripts/old-anchors.js" in html(renumbered, "themes/allocating-resources")


def test_redirect_pages_are_not_searchable_and_data_records_the_map(renumbered: Path) -> None:
    index = json.loads((renumbered / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "commitments/1.20/" not in locations
    assert "commitments/2.6/" in locations  # the withdrawn page is real content
    document = json.loads((renumbered / "data" / "compact.json").read_text(encoding="utf-8"))
    schema = json.loads((renumbered / "data" / "compact.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert [(r["old"], r["action"], r["to"], r["date"]) for r in document["redirects"]] == [
        ("1.19", "merged", "3.11", DATE),
        ("1.20", "moved", "1.19", DATE),
        ("2.6", "withdrawn", None, DATE),
    ]
    assert len(document["commitments"]) == 52


def test_sitemap_lists_new_addresses_not_redirects(renumbered: Path, site_dir: Path) -> None:
    sitemap = (renumbered / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    listed = set(re.findall(r"<loc>https://www\.bristolcompact\.org\.uk/([^<]*)</loc>", sitemap))
    assert "commitments/1.20/" not in listed  # only sends the reader to 1.19
    assert {"commitments/1.19/", "commitments/2.6/", "commitments/3.11/"} <= listed
    real = set(re.findall(r"<loc>https://www\.bristolcompact\.org\.uk/([^<]*)</loc>",
                          (site_dir / "sitemap.xml").read_text(encoding="utf-8")))
    assert len(real) == len(list(site_dir.rglob("index.html")))  # every page of the real site


# -- bad maps -----------------------------------------------------------------


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(project / "compact_data"), "check"],
        cwd=project, capture_output=True, text=True,
    )


def test_bad_redirect_maps_fail_with_locations(project: Path) -> None:
    bad = """\
redirects:
  - old: "1.20"
    action: moved
    to: "9.9"
    date: 2030-04-01
    note: Target does not exist.
  - old: "1.4"
    action: withdrawn
    date: 2030-04-01
    note: Still exists.
  - old: "2.6"
    action: merged
    date: 2030-04-01
    note: No target.
  - old: "1.19"
    action: withdrawn
    to: "3.11"
    date: 2030-04-01
    note: A target.
  - old: "1.20"
    action: withdrawn
    date: 2030-04-01
    note: Listed twice.
"""
    renumber(project, redirects=bad)
    result = check(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    path = "compact_data/redirects.yaml"
    assert f"{path}:4:9: unknown target commitment '9.9'" in output
    assert f"{path}:7:10: commitment '1.4' still exists" in output
    assert f"{path}:12:13: 'merged' needs 'to:" in output
    assert f"{path}:17:9: a withdrawn commitment has no 'to': remove it" in output
    assert f"{path}:20:10: old id '1.20' is listed twice (first at line 2)" in output


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2030-13-45", "cannot read value '2030-13-45'"),
        ('"2030-02-30"', "'date' must be a date written YYYY-MM-DD, such as 2030-04-01; got '2030-02-30'"),
        ("next week", "'date' must be a date written YYYY-MM-DD"),
        ("", "'date' must not be empty"),
    ],
)
def test_bad_dates_are_refused(project: Path, date: str, message: str) -> None:
    column = 11 if date else 10
    renumber(project, redirects=f"""\
redirects:
  - old: "2.6"
    action: withdrawn
    date: {date}
    note: Withdrawn.
""")
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"compact_data/redirects.yaml:4:{column}: {message}" in result.stderr, result.stderr


@pytest.mark.parametrize("content", ["", "# No redirects yet.\n", "redirects: []\n"])
def test_an_empty_map_is_no_map(project: Path, content: str) -> None:
    (project / "compact_data" / "redirects.yaml").write_text(content, encoding="utf-8")
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "54 commitments" in result.stdout


def test_real_data_redirect_map_if_any_is_valid() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- in a browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def renumbered_url(renumbered: Path) -> Iterator[str]:
    with serving(renumbered) as url:
        yield url


@pytest.mark.browser
def test_old_address_ends_at_the_new_page(page, renumbered_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(renumbered_url + "commitments/1.20/")
    page.wait_for_url(renumbered_url + "commitments/1.19/", timeout=10_000)
    assert "Recognise that public funders" in page.locator(".compact-text").first.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("themes/allocating-resources/#commitment-1.20", "themes/allocating-resources/#commitment-1.19"),
        ("themes/promoting-equality/#commitment-2.6", "commitments/2.6/"),
        ("commitments/#commitment-1.20", "commitments/#commitment-1.19"),
    ],
)
def test_old_anchor_ends_at_the_new_place(page, renumbered_url: str, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(renumbered_url + old)
    page.wait_for_url(renumbered_url + new, timeout=10_000)
    if "#" in new:
        target = page.locator("#" + new.split("#")[1].replace(".", "\\."))
        assert target.count() == 1
        assert target.is_visible()


@pytest.mark.browser
def test_existing_anchor_is_left_alone(page, renumbered_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(renumbered_url + "themes/allocating-resources/#commitment-1.19")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.url == renumbered_url + "themes/allocating-resources/#commitment-1.19"
