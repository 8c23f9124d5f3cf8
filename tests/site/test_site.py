"""The built site, read as HTML: the pages of issue 3 hold what they promise.

Every test reads the real build of the real data (``site_dir``) with an HTML
parser; expectations come from the YAML data (loaded by the generator or read
raw), never from the rendered Markdown.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from support import ROOT, SITE, RealBuild
from support.linkcheck import check_site, parse_site
from support.pages import article, read_page

from generator.model import Commitment, Compact
from generator.pages.text import squash

SITE_URL = SITE.url


def text_of(element: Tag) -> str:
    """The words a reader sees: line-break hints (``<wbr>``) join what they split."""
    for hint in element.find_all("wbr"):
        hint.decompose()
    element.smooth()
    return squash(element.get_text(" "))


def ids_in(element: Tag) -> list[str]:
    return [item["data-id"] for item in element.select("article.compact-item")]


# -- commitment pages ---------------------------------------------------------


def test_every_commitment_text_is_on_its_own_page_as_official_text(site_dir: Path, compact: Compact) -> None:
    assert len(compact.commitments) == 54
    for c in compact.commitments:
        page = article(read_page(site_dir, f"commitments/{c.id}/"))
        blocks = [b for b in page.select("div.compact-official") if b.select_one(".compact-text")]
        assert len(blocks) == 1, c.id
        official = blocks[0]
        assert "official text of the Bristol Compact (2012)" in text_of(official.select_one(".compact-official__label"))
        # get_text() without a separator keeps the words exactly as written (abbr tags add nothing).
        assert squash(official.select_one(".compact-text").get_text()) == squash(c.text), c.id


def test_commitment_pages_have_a_clean_heading_and_a_breadcrumb(site_dir: Path, compact: Compact) -> None:
    """The heading names the commitment; its words are the official text below, never cut off with "…";
    a breadcrumb above the heading leads back to its theme."""
    for c in compact.commitments:
        doc = read_page(site_dir, f"commitments/{c.id}/")
        assert doc.title is not None and doc.title.string == f"Commitment {c.id} - Bristol Compact", c.id
        content = article(doc)
        assert text_of(content.select_one("h1")) == f"Commitment {c.id}", c.id
        crumbs = content.select_one("nav.compact-breadcrumbs[aria-label=Breadcrumb]")
        assert crumbs is not None and crumbs.find_next("h1") is content.select_one("h1"), c.id
        trail = [(text_of(a), a["href"]) for a in crumbs.select("ol > li > a")]
        assert trail == [
            ("Home", "../.."),
            ("Themes", "../../themes/"),
            (f"Theme {c.theme.number}: {c.theme.title}", f"../../themes/{c.theme.slug}/"),
        ], c.id
        assert "…" not in text_of(content.select_one("h1")) + doc.title.string


def test_commitment_page_links_sector_theme_neighbours_and_complaints(site_dir: Path, compact: Compact) -> None:
    for theme in compact.themes:
        for index, c in enumerate(theme.commitments):
            page = article(read_page(site_dir, f"commitments/{c.id}/"))
            hrefs = [a["href"] for a in page.find_all("a", href=True)]
            assert f"../../sectors/{c.sector.slug}/" in hrefs, c.id
            assert f"../../themes/{theme.slug}/#commitment-{c.id}" in hrefs, c.id
            assert f"../../complaints/?commitment={c.id}" in hrefs, c.id
            pager = page.select_one("nav.compact-pager")
            assert pager is not None and pager.get("aria-label"), c.id
            pager_links = [a["href"] for a in pager.find_all("a")]
            expected = []
            if index:
                expected.append(f"../{theme.commitments[index - 1].id}/")
            if index + 1 < len(theme.commitments):
                expected.append(f"../{theme.commitments[index + 1].id}/")
            assert pager_links == expected, c.id


def related_ids(site_dir: Path, c: Commitment) -> list[str]:
    page = article(read_page(site_dir, f"commitments/{c.id}/"))
    heading = page.find("h2", string="Related commitments")
    if heading is None:
        return []
    listing = heading.find_next_sibling("ul")
    return [re.fullmatch(r"\.\./([\d.]+)/", a["href"]).group(1) for a in listing.find_all("a")]


def test_related_links_appear_both_ways(site_dir: Path, compact: Compact) -> None:
    # The data declares each relation once, on one side (read raw, not through the model).
    declared = set()
    for path in sorted((ROOT / "compact_data" / "themes").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["commitments"]:
            declared |= {(item["id"], other) for other in item.get("related", [])}
    assert ("1.19", "3.11") in declared or ("3.11", "1.19") in declared
    shown = {(c.id, other) for c in compact.commitments for other in related_ids(site_dir, c)}
    for a, b in declared:
        assert (a, b) in shown and (b, a) in shown, f"{a} <-> {b}"
    assert shown == {(b, a) for a, b in shown}, "every related link has its way back"


def test_glossary_terms_are_linked_from_commitment_pages(site_dir: Path, compact: Compact) -> None:
    with_terms = [c for c in compact.commitments if c.terms]
    assert len(with_terms) > 20
    for c in with_terms:
        page = article(read_page(site_dir, f"commitments/{c.id}/"))
        links = {a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("../../glossary/")}
        assert links == {f"../../glossary/#term-{t.key}" for t in c.terms}, c.id
    glossary = read_page(site_dir, "glossary/")
    assert glossary.find(id="term-full-cost-recovery") is not None
    page14 = article(read_page(site_dir, "commitments/1.4/"))
    assert page14.find("a", href="../../glossary/#term-full-cost-recovery").get_text() == "Full cost recovery"


def test_copy_buttons_carry_the_link_and_citation_and_the_url_shows_without_js(site_dir: Path) -> None:
    page = article(read_page(site_dir, "commitments/1.4/"))
    url = f"{SITE.url}commitments/1.4/"
    # The citation links the edition's own address: it keeps meaning these words after a new edition.
    citation = f"Bristol Compact (2012), commitment 1.4 (Shared commitment) — {SITE.url}editions/2012/commitments/1.4/"
    share = page.select_one(".compact-share")
    # The buttons need JavaScript: hidden without it (CSS), laid out from the first paint with it.
    assert "compact-needs-js" in share["class"] and not share.has_attr("hidden")
    buttons = {squash(b.get_text()): b["data-copy"] for b in share.find_all("button")}
    assert buttons == {"Copy link": url, "Copy citation": citation}
    permalink = page.select_one(".compact-permalink a")
    assert permalink["href"] == url and permalink.get_text() == url
    assert citation in text_of(page.select_one(".compact-citation"))
    for shown in (permalink, page.select_one(".compact-citation")):
        assert not any(parent.has_attr("hidden") for parent in shown.parents), "visible without JavaScript"


# -- listings -----------------------------------------------------------------


def test_sector_views_hold_exactly_the_right_commitments(site_dir: Path, compact: Compact) -> None:
    shared = compact.sector("shared")
    shared_ids = [c.id for c in compact.commitments if c.sector.key == "shared"]
    for sector in compact.sectors:
        page = article(read_page(site_dir, f"sectors/{sector.slug}/"))
        lists = page.select("div.compact-list")
        own = [c.id for c in compact.commitments if c.sector.key == sector.key]
        assert own, sector.key
        assert ids_in(lists[0]) == own, sector.key
        if sector.key == shared.key:
            assert len(lists) == 1
            continue
        assert len(lists) == 2, sector.key
        assert ids_in(lists[1]) == shared_ids, sector.key
        heading = lists[1].find_previous_sibling("h2")
        assert heading is not None and text_of(heading) == "Shared commitments"
        assert "bind both the public sector and the VCS" in text_of(heading.find_next_sibling("p"))
        # One canonical anchor per commitment, also when a page lists the shared ones.
        anchors = [h["id"] for h in page.select("article.compact-item :is(h2,h3,h4,h5)")]
        assert anchors == [f"commitment-{i}" for i in own + shared_ids]


def test_theme_pages_group_by_sector_in_document_order(site_dir: Path, compact: Compact) -> None:
    for theme in compact.themes:
        page = article(read_page(site_dir, f"themes/{theme.slug}/"))
        sections = [
            (listing.find_previous_sibling("h2")["id"], ids_in(listing)) for listing in page.select("div.compact-list")
        ]
        expected = [
            (sector.slug, [c.id for c in theme.commitments if c.sector.key == sector.key])
            for sector in compact.sectors
            if any(c.sector.key == sector.key for c in theme.commitments)
        ]
        assert sections == expected, theme.slug
        # Shared, then public sector, then VCS; within each, the Compact's own order.
        order = ["shared", "public-sector", "vcs"]
        assert [slug for slug, _ in sections] == [s for s in order if s in dict(sections)]
        flat = [i for _, ids in sections for i in ids]
        assert sorted(flat) == sorted(c.id for c in theme.commitments)
        for c in theme.commitments:
            item = page.find(id=f"commitment-{c.id}")
            assert item.find("a")["href"] == f"../../commitments/{c.id}/"
            assert squash(item.find_next_sibling("p", class_="compact-text").get_text()) == squash(c.text)


def test_all_commitments_list_has_the_filter_and_every_item(site_dir: Path, compact: Compact) -> None:
    page = article(read_page(site_dir, "commitments/"))
    form = page.select_one("form#compact-filter")
    # The form needs JavaScript: hidden without it (CSS), laid out from the first paint with it.
    assert form is not None and "compact-needs-js" in form["class"] and not form.has_attr("hidden")
    selects = {s["name"]: [o["value"] for o in s.find_all("option")] for s in form.find_all("select")}
    assert selects["theme"] == ["", "1", "2", "3", "4", "5"]
    assert selects["sector"] == ["", "shared", "public", "vcs"]
    assert selects["topic"] == [""] + [t.key for t in compact.topics]
    for select in form.find_all("select"):
        assert form.find("label", attrs={"for": select["id"]}) is not None
    items = page.select("#compact-all article.compact-item")
    assert [i["data-id"] for i in items] == [c.id for c in compact.commitments]
    assert len(items) == 54
    for item, c in zip(items, compact.commitments, strict=True):
        assert (item["data-theme"], item["data-sector"]) == (str(c.theme.number), c.sector.key)
        assert item["data-topics"].split() == [t.key for t in c.topics]
        assert not item.has_attr("hidden")


# -- every page ---------------------------------------------------------------


def all_pages(site_dir: Path) -> list[Path]:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 60
    return pages


@pytest.fixture(scope="module")
def parsed(site_dir: Path) -> dict[Path, BeautifulSoup]:
    """Every page of the session's build, parsed once for the tests that read them all (parsing is
    most of their time): they read the trees and never change them (copy a part first)."""
    return {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in all_pages(site_dir)}


def test_no_duplicate_ids_on_any_page(site_dir: Path) -> None:
    problems = []
    for path, page in parse_site(site_dir).items():
        seen: set[str] = set()
        duplicates = sorted({i for i in page.ids if i in seen or seen.add(i)})
        if duplicates:
            problems.append(f"{path}: {duplicates}")
    assert not problems, "\n".join(problems)


def test_one_h1_and_no_skipped_heading_levels(site_dir: Path, parsed: dict[Path, BeautifulSoup]) -> None:
    problems = []
    for path, page in parsed.items():
        levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
        name = path.relative_to(site_dir).as_posix()
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{name}: headings {levels} (want exactly one h1, first)")
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"{name}: h{before} followed by h{after}")
    assert not problems, "\n".join(problems)


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    pages = parse_site(site_dir)
    checked = sum(len(p.links) for p in pages.values())
    assert checked > 2000
    broken = check_site(site_dir, SITE_URL, pages)
    assert not broken, "\n".join(map(str, broken))


def test_the_link_checker_finds_broken_links_and_anchors(site_dir: Path, tmp_path: Path) -> None:
    """The checker itself can fail: plant a missing page, a missing anchor and a bad permalink."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = site / "commitments" / "1.4" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("../../sectors/shared/", "../../sectors/nowhere/", 1)
    html = html.replace("#commitment-1.4", "#commitment-9.9", 1)
    html = html.replace(f"{SITE_URL}commitments/1.4/", f"{SITE_URL}commitments/1.40/", 1)
    page.write_text(html, encoding="utf-8")
    broken = check_site(site, SITE_URL)
    reasons = sorted(b.reason for b in broken)
    assert [b.page for b in broken] == ["commitments/1.4/index.html"] * 3, broken
    assert reasons == [
        "no file for /commitments/1.40/",
        "no file for /sectors/nowhere/",
        "no id 'commitment-9.9' in themes/allocating-resources/index.html",
    ]


def test_abbreviation_tooltips(site_dir: Path, compact: Compact) -> None:
    home = read_page(site_dir, "")
    config = json.loads(home.find("script", id="__config").string)
    assert "content.tooltips" in config["features"]
    page = article(read_page(site_dir, "commitments/1.4/"))
    titles = {a.get_text(): a["title"] for a in page.find_all("abbr")}
    assert titles["VCS"] == "Voluntary and Community Sector"
    assert "full cost recovery" in titles
    vcs_term = next(t for t in compact.glossary if t.key == "vcs")
    for path in ("", "about/", "themes/allocating-resources/", "sectors/vcs/"):
        abbrs = article(read_page(site_dir, path)).find_all("abbr", title=vcs_term.term)
        assert abbrs, f"no VCS tooltip on /{path}"


# -- search and build ---------------------------------------------------------


def test_search_has_one_entry_per_commitment_and_keeps_numbers_whole(site_dir: Path, compact: Compact) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    for c in compact.commitments:
        entry = docs[f"commitments/{c.id}/"]
        assert entry["title"] == f"Commitment {c.id}", c.id
        assert squash(c.text).split()[0] in entry["text"], c.id
    # The listings are excluded, so a search for a commitment finds its own page first.
    assert not any(c.id in d["title"] for d in index["docs"] if d["location"].startswith("themes/"))
    separator = re.compile(index["config"]["separator"])
    tokens = [t for t in separator.split("Commitments 1.4, 3.11 and 5.8. See commitment 1.4.") if t]
    assert tokens == ["Commitments", "1.4", "3.11", "and", "5.8", "See", "commitment", "1.4"]
    # The index holds HTML: an escaped character is one separator, never a word and a stray ";".
    escaped = [t for t in separator.split("/commitments/&lt;number&gt;/ Tom &amp; Jerry &quot;x&quot;") if t]
    assert escaped == ["commitments", "number", "Tom", "Jerry", "x"]


def test_search_leaves_out_what_only_the_browser_fills_in(site_dir: Path) -> None:
    """The complaints guide's panels are empty until its script fills them: no empty results."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    complaints = [d for d in index["docs"] if d["location"].startswith("complaints/")]
    assert len(complaints) > 3
    for doc in complaints:
        assert "#compact-" not in doc["location"], doc["location"]
        assert "“”" not in doc["text"] and "Commitment  —" not in doc["text"], doc["location"]


def test_strict_build_is_clean(real_build: RealBuild) -> None:
    """The session's own build (``support.build_real_site``: ``mkdocs build --strict`` in the
    repository, bare environment, PDFs on) printed no warning or error."""
    output = real_build.output
    assert real_build.returncode == 0, output
    assert "WARNING" not in output and "ERROR" not in output, output
    assert (real_build.site / "commitments" / "1.4" / "index.html").is_file()


def test_no_markdown_syntax_leaks_into_any_page(site_dir: Path, parsed: dict[Path, BeautifulSoup]) -> None:
    """An attribute list that lost its line (``{: .class }``) shows up as literal text."""
    problems = []
    for path, page in parsed.items():
        article = page.select_one("article.md-content__inner")
        if article is None:
            continue
        article = copy.copy(article)  # (a copy of the shared tree: scripts are taken out below)
        for script in article.find_all(["script", "style", "template"]):
            script.decompose()
        text = text_of(article)
        for leak in re.findall(r".{0,40}(?:\{:|\{ ?#|\]\(|\*\*).{0,20}", text):
            problems.append(f"{path.relative_to(site_dir)}: {leak!r}")
    assert not problems, "\n".join(problems)


def test_glossary_lists_where_each_term_is_used(site_dir: Path, compact: Compact) -> None:
    page = article(read_page(site_dir, "glossary/"))
    for term in compact.glossary:
        heading = page.find(id=f"term-{term.key}")
        assert heading is not None and heading.name == "h2", term.key
        uses = [c.id for c in compact.commitments if term in c.terms]
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling)
        used_in = [p for p in section if p.name == "p" and p.get_text().startswith("Used in commitments:")]
        if not uses:
            assert not used_in, term.key
            continue
        assert len(used_in) == 1, term.key
        assert squash(used_in[0].get_text()) == "Used in commitments: " + ", ".join(uses), term.key
        assert [a["href"] for a in used_in[0].find_all("a")] == [f"../commitments/{i}/" for i in uses]


def test_the_home_page_title_names_the_site_once(site_dir: Path) -> None:
    title = read_page(site_dir, "").title
    assert title is not None and title.string == "Bristol Compact"


def test_terms_are_marked_only_in_running_text(site_dir: Path, compact: Compact,
                                                parsed: dict[Path, BeautifulSoup]) -> None:
    """A glossary tooltip never marks a heading, a link, a label, a topic name, a form that is its own
    title, or a term inside its own glossary entry; running text keeps them."""
    unmarked = "h1, h2, h3, h4, h5, h6, a, label, .compact-official__label, .compact-item__meta, .compact-no-abbr"
    marked = 0
    for html, doc in parsed.items():
        where = html.relative_to(site_dir)
        for element in doc.select(unmarked):
            assert element.find("abbr") is None, (where, str(element)[:200])
        for abbr in doc.select("abbr[title]"):
            assert abbr.get_text().lower() != abbr["title"].lower(), (where, abbr)
            marked += 1
    assert marked > 100, "running text still has its tooltips"
    glossary = read_page(site_dir, "glossary/")
    for term in compact.glossary:
        entry = glossary.find(id=f"term-{term.key}").find_parent(class_="compact-term")
        forms = {term.term, *term.matches, *([term.abbr] if term.abbr else [])}
        assert not [a for a in entry.find_all("abbr") if a.get_text() in forms], term.key
        assert "data-own-terms" not in str(entry)
    topics = article(read_page(site_dir, "commitments/1.1/")).find("strong", string="Topics:").parent
    assert "Funding and commissioning" in topics.get_text() and not topics.find("abbr")


def test_landmarks_have_distinct_names_and_labels_name_a_control(site_dir: Path,
                                                                 parsed: dict[Path, BeautifulSoup]) -> None:
    """Material draws the table of contents twice on a page in the navigation (in the menu, for
    phones, and beside the page): the two landmarks are told apart. A form label always names a
    control on its page (the table of contents' title names the "__toc" toggle only where it exists)."""
    for html, doc in parsed.items():
        where = html.relative_to(site_dir)
        names = [nav.get("aria-label") or squash(doc.find(id=nav["aria-labelledby"]).get_text())
                 for nav in doc.find_all("nav")]
        assert len(names) == len(set(names)), (where, names)
        for label in doc.select("label[for]"):
            assert doc.find(id=label["for"]) is not None, (where, label["for"])
    about = read_page(site_dir, "about/")
    assert {"Table of contents", "Table of contents (menu)"} <= {n.get("aria-label") for n in about.find_all("nav")}


def test_the_table_of_contents_toggle_is_named_on_every_page(site_dir: Path,
                                                             parsed: dict[Path, BeautifulSoup]) -> None:
    """Material's "__toc" checkbox (the menu's way to the page's contents) has a <label> only on a page
    with a table of contents; on /values/ it had no name at all (pa11y: H91, F68). Named on every page
    that has it, in the page's language, as the table of contents' title is."""
    pages = 0
    for html, doc in parsed.items():
        toggle = doc.find("input", id="__toc")
        if toggle is None:
            continue
        pages += 1
        where = html.relative_to(site_dir)
        assert toggle.get("aria-label") == "Table of contents", where
        assert doc.html is not None and doc.html.get("lang") == "en-GB", where
        titles = {squash(label.get_text()) for label in doc.select('label.md-nav__title[for="__toc"]')}
        assert titles <= {"Table of contents"}, (where, titles)
    assert pages >= 20
    values = read_page(site_dir, "values/")
    assert values.find("input", id="__toc") is not None and not values.select('label[for="__toc"]')


def test_the_glossary_is_in_alphabetical_order(site_dir: Path, compact: Compact) -> None:
    page = article(read_page(site_dir, "glossary/"))
    shown = [h["id"].removeprefix("term-") for h in page.select("h2[id^=term-]")]
    expected = [t.key for t in sorted(compact.glossary, key=lambda t: t.term.casefold())]
    assert shown == expected
    assert expected != [t.key for t in compact.glossary]  # the data's own order is not alphabetical


def test_the_accessibility_statement_says_what_was_tested_and_claims_no_more(site_dir: Path) -> None:
    """Automated tests alone do not make a site fully compliant: the statement says partially,
    names the tools at the versions the suite really runs, and says what was not tested."""
    from importlib.resources import files

    words = squash(article(read_page(site_dir, "accessibility/")).get_text())
    assert "fully compliant" not in words and "partially compliant" in words
    axe = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    axe_version = re.match(r"/\*! axe v([\d.]+)", axe).group(1)  # type: ignore[union-attr]
    assert f"axe-core accessibility engine, version {axe_version}" in words
    vnu_version = re.search(r"^VNU_VERSION := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert vnu_version is not None and f"W3C Nu HTML Checker, version {vnu_version.group(1)}" in words
    assert "Not yet tested: a manual audit" in words
