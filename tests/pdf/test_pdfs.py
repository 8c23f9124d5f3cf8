"""The printable handouts (issue 5): real PDFs from a real build, opened and read with pypdf.

Expectations come from the YAML data (loaded by the generator), never from the
handout plan the PDFs were made from, so a handout that lost or gained a
commitment fails here. The browser tests print real pages from headless
Chromium with the site's print stylesheet.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from support import ROOT, SITE, build_site, without_source
from support.printed import mostly_blank

from generator.handouts.pdf import FONT_FAMILY, PdfError, PdfRenderer, build_handouts, document_date
from generator.handouts.plan import Downloads, plan_handouts, size_label
from generator.model import Compact, load_compact
from generator.pages.text import squash

#: The site's host as printed in the handouts (no scheme, no "www.").
HOST = SITE.short_permalink("index.md").rstrip("/")
PERMALINK = re.compile(re.escape(HOST) + r"/commitments/(\d+\.\d+)/")
SECTOR_SLUGS = {"shared": "shared", "public": "public-sector", "vcs": "vcs"}
THEME_SLUGS = (
    "allocating-resources", "promoting-equality", "consulting-and-involving", "volunteering", "managing-change"
)


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def expected_ids(compact: Compact, sector_key: str) -> list[str]:
    """A sector's handout: its own commitments, then (for a side) the shared ones (the model's rule)."""
    binding = compact.binding(compact.sector(sector_key))
    return [c.id for c in binding if c.sector.key == sector_key] + [
        c.id for c in binding if c.sector.key != sector_key
    ]


def all_handouts(site_dir: Path) -> list[Path]:
    return sorted((site_dir / "downloads").glob("*.pdf"))


# -- which files exist ---------------------------------------------------------------


def test_the_build_writes_every_handout(site_dir: Path, compact: Compact) -> None:
    names = {p.name for p in all_handouts(site_dir)}
    wanted = {f"bristol-compact-{compact.edition}.pdf"}
    wanted |= {f"sector-{slug}.pdf" for slug in SECTOR_SLUGS.values()}
    wanted |= {f"checklist-{slug}.pdf" for slug in SECTOR_SLUGS.values()}
    wanted |= {f"theme-{slug}.pdf" for slug in THEME_SLUGS}
    assert names == wanted
    for path in all_handouts(site_dir):
        assert path.read_bytes().startswith(b"%PDF-1.7"), path.name


# -- what is in them -----------------------------------------------------------------


def test_full_compact_has_every_commitment_verbatim_and_in_order(site_dir: Path, compact: Compact) -> None:
    text = pdf_text(site_dir / "downloads" / f"{compact.slug}-{compact.edition}.pdf")
    position = 0
    for c in compact.commitments:
        found = text.find(squash(c.text), position)
        assert found >= 0, f"commitment {c.id}'s exact text is missing or out of order"
        position = found + len(squash(c.text))
    assert len(compact.commitments) == 54
    assert PERMALINK.findall(text) == [c.id for c in compact.commitments]
    # The rest of the document: its passages, in its own words.
    for passage in (compact.introduction, compact.our_commitments, compact.resolving_complaints):
        for paragraph in passage.paragraphs:
            assert squash(paragraph) in text
    for value in compact.values:
        assert squash(value.text) in text


def test_the_whole_compact_keeps_lists_and_themes_together(site_dir: Path, compact: Compact) -> None:
    """The values are on one page, not split over a break, and no page holds a lone commitment
    that its theme pushed over from the page before."""
    pages = [squash(p.extract_text()) for p in PdfReader(site_dir / "downloads" / "bristol-compact-2012.pdf").pages]
    holding = [i for i, text in enumerate(pages) if all(squash(v.text) in text for v in compact.values)]
    assert len(holding) == 1, "every value on one page"
    for number, text in enumerate(pages, start=1):
        ids = re.findall(r"Commitment (\d+\.\d+) ", text)
        if len(ids) == 1:
            theme = compact.commitment(ids[0]).theme
            assert len(theme.commitments) == 1, f"page {number} holds only commitment {ids[0]}"


@pytest.mark.parametrize("sector_key", sorted(SECTOR_SLUGS))
def test_each_sector_handout_holds_exactly_its_commitments(
    site_dir: Path, compact: Compact, sector_key: str
) -> None:
    wanted = expected_ids(compact, sector_key)
    for kind in ("sector", "checklist"):
        path = site_dir / "downloads" / f"{kind}-{SECTOR_SLUGS[sector_key]}.pdf"
        text = pdf_text(path)
        assert PERMALINK.findall(text) == wanted, path.name
        for c in compact.commitments:
            assert (squash(c.text) in text) == (c.id in wanted), f"{path.name}: {c.id}"
        if sector_key != "shared":
            assert "Shared commitments" in text  # the shared ones have their own section


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_each_theme_handout_holds_its_theme(site_dir: Path, compact: Compact, number: int) -> None:
    theme = compact.themes[number - 1]
    text = pdf_text(site_dir / "downloads" / f"theme-{theme.slug}.pdf")
    assert PERMALINK.findall(text) == [c.id for c in theme.commitments]
    assert f"Theme {number}: {squash(theme.title)}" in text
    for paragraph in theme.introduction:
        assert squash(paragraph) in text


def test_checklists_have_boxes_and_room_for_notes(site_dir: Path, compact: Compact) -> None:
    text = pdf_text(site_dir / "downloads" / "checklist-vcs.pdf")
    count = len(expected_ids(compact, "vcs"))
    assert text.count("Met Partly Not yet") == count + 1  # and the summary's columns
    assert text.count("Notes and evidence") == count
    for field in ("Organisation", "Reviewed by", "Date of review"):
        assert field in text


@pytest.mark.parametrize("sector_key", sorted(SECTOR_SLUGS))
def test_checklists_end_with_a_summary_page_and_an_action_plan_page(
    site_dir: Path, compact: Compact, sector_key: str
) -> None:
    """Issue 28: a row per theme the checklist holds (its count, and the page its first commitment
    is on) with boxes to tick, then rows to write actions on; ours, each a page of its own."""
    path = site_dir / "downloads" / f"checklist-{SECTOR_SLUGS[sector_key]}.pdf"
    pages = [squash(page.extract_text()) for page in PdfReader(path).pages]
    summary, plan = pages[-2], pages[-1]
    assert "Summary of this review" in summary[:200] and "Action plan" in plan[:200]
    assert "not part of the Compact" in summary and "not part of the Compact" in plan
    assert "Theme Commitments Met Partly Not yet" in summary
    wanted = expected_ids(compact, sector_key)
    position = 0
    for theme in compact.themes:
        ids = [i for i in wanted if compact.commitment(i) in theme.commitments]
        first = next(n for n, text in enumerate(pages, start=1) if f"Commitment {ids[0]} " in text)
        row = f"Theme {theme.number}: {squash(theme.title)} {len(ids)}, from page {first}"
        found = summary.find(row, position)
        assert found > position, row
        position = found
    assert f"Overall {len(wanted)}" in summary
    assert "Commitment Action Who By when" in plan
    for page in (summary, plan):
        assert not PERMALINK.findall(page), "no commitment's words in the forms: ours only"


def test_no_handout_page_is_left_mostly_blank(site_dir: Path) -> None:
    """Issue 28: the public-sector handout's last page held one paragraph; checklists left a third of
    several pages blank (a list moved whole to the next page). Read as images, page by page."""
    found = [problem for path in all_handouts(site_dir) for problem in mostly_blank(path)]
    assert found == []


def test_every_permalink_is_printed_and_clickable(site_dir: Path, compact: Compact) -> None:
    reader = PdfReader(site_dir / "downloads" / f"{compact.slug}-{compact.edition}.pdf")
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    uris = set()
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    for c in compact.commitments:
        assert f"{HOST}/commitments/{c.id}/" in text
        assert f"{SITE.url}commitments/{c.id}/" in uris


def test_the_cover_has_a_qr_code_with_alt_text(site_dir: Path) -> None:
    reader = PdfReader(site_dir / "downloads" / "sector-vcs.pdf")
    cover = squash(reader.pages[0].extract_text())
    assert f"{HOST}/sectors/vcs/" in cover
    figures = [
        node for node in _struct_elements(reader) if node.get("/S") == "/Figure"
    ]
    assert any(f"{SITE.url}sectors/vcs/" in str(f.get("/Alt", "")) for f in figures)


# -- accessible, honest documents ----------------------------------------------------


def _struct_elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every element of the tagged structure tree."""
    found: list[DictionaryObject] = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if node.get("/Type") == "/StructElem":
                found.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            stack.extend(node)
    return found


def test_every_handout_is_tagged_titled_and_in_british_english(site_dir: Path, compact: Compact) -> None:
    titles = {h.path.split("/")[-1]: h.title for h in plan_handouts(compact)}
    for path in all_handouts(site_dir):
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog, path.name
        assert catalog["/Lang"] == "en-GB", path.name
        assert catalog["/MarkInfo"]["/Marked"], path.name
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], path.name
        assert reader.metadata.title == titles[path.name]
        assert titles[path.name] in reader.xmp_metadata.dc_title["x-default"]
        assert b"pdfuaid:part=\"1\"" in catalog["/Metadata"].get_object().get_data()
        tags = {node["/S"] for node in _struct_elements(reader)}
        assert {"/H1", "/H2", "/H4", "/P", "/Figure"} <= tags, path.name


def test_bookmarks_follow_the_structure(site_dir: Path, compact: Compact) -> None:
    reader = PdfReader(site_dir / "downloads" / f"{compact.slug}-{compact.edition}.pdf")

    def titles(outline: list) -> list[str]:
        out: list[str] = []
        for item in outline:
            out += titles(item) if isinstance(item, list) else [item.title]
        return out

    found = titles(reader.outline)
    for theme in compact.themes:
        assert f"Theme {theme.number}: {squash(theme.title)}" in found
    assert [t.removeprefix("Commitment ") for t in found if t.startswith("Commitment ")] == [
        c.id for c in compact.commitments
    ]


def test_fonts_are_embedded(site_dir: Path) -> None:
    for path in all_handouts(site_dir):
        reader = PdfReader(path)
        seen = 0
        for page in reader.pages:
            fonts = page["/Resources"].get("/Font", {})
            for ref in fonts.values():
                font = ref.get_object()
                descendants = font.get("/DescendantFonts")
                described = descendants[0].get_object() if descendants else font
                descriptor = described["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (path.name, font["/BaseFont"])
                # The family the @font-face rules give the DejaVu Sans files, and no other font.
                assert descriptor["/FontFamily"] == FONT_FAMILY, (path.name, font["/BaseFont"])
                assert str(font["/BaseFont"]).split("+")[-1].startswith("Handout-DejaVu-Sans"), font["/BaseFont"]
                seen += 1
        assert seen, path.name


# -- reproducible bytes ----------------------------------------------------------------


# That a second build lays out the very bytes of the first, every handout included, is
# tests/site/test_build_safety.py::test_two_builds_give_byte_identical_trees (its second build
# lays out all the handouts again, with no cache, and its third reads them from the cache).


def test_dates_come_from_source_date_epoch_or_the_edition(compact: Compact, monkeypatch: pytest.MonkeyPatch) -> None:
    assert document_date(compact, {}) == f"{compact.edition}-01-01T00:00:00Z"
    assert document_date(compact, {"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14T22:13:20Z"
    with pytest.raises(PdfError, match="SOURCE_DATE_EPOCH must be a whole number"):
        document_date(compact, {"SOURCE_DATE_EPOCH": "yesterday"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    theme_4 = [h for h in plan_handouts(compact) if h.slug == "theme-volunteering"]
    (built,) = build_handouts(compact, SITE, handouts=theme_4)
    assert PdfReader(io.BytesIO(built.content)).metadata["/CreationDate"] == "D:20231114221320Z"


def test_weasyprint_reports_no_problems(compact: Compact, caplog: pytest.LogCaptureFixture) -> None:
    """No missing alt text, unsupported CSS or missing fonts in any kind of handout."""
    one_of_each = {}
    for handout in plan_handouts(compact):
        one_of_each.setdefault(handout.kind, handout)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        built = build_handouts(compact, SITE, handouts=one_of_each.values())
    assert len(built) == 4
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_data_is_text_in_the_handouts_never_markup(tmp_path: Path) -> None:
    data = shutil.copytree(ROOT / "compact_data", tmp_path / "data")
    without_source(data)  # markup is not the Compact's words
    theme_file = next((data / "themes").glob("4-*.yaml"))
    original = "Recognise that volunteering is a choice freely made by each individual."
    text = theme_file.read_text(encoding="utf-8")
    assert original in text
    theme_file.write_text(text.replace(original, '"Choose <em>x</em> & {{ y }} <script>z</script>"'), encoding="utf-8")
    compact = load_compact(data)
    handout = next(h for h in plan_handouts(compact) if h.slug == "theme-volunteering")
    html = PdfRenderer(compact, SITE).html(handout)
    assert "Choose &lt;em&gt;x&lt;/em&gt; &amp; {{ y }} &lt;script&gt;z&lt;/script&gt;" in html
    assert "<em>x" not in html and "<script>" not in html


# -- the site's pages link to them ------------------------------------------------------


def _links(site_dir: Path, url_path: str) -> tuple[BeautifulSoup, set[str]]:
    page = BeautifulSoup((site_dir / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article.md-content__inner")
    assert article is not None
    return page, {a["href"].rsplit("/", 1)[-1] for a in article.select('a[href$=".pdf"]')}


def test_pages_link_to_the_handouts_that_contain_them(site_dir: Path, compact: Compact) -> None:
    full = f"{compact.slug}-{compact.edition}.pdf"
    for c in compact.commitments:
        # The two that matter for one commitment: the whole Compact and its theme; the rest are one link away.
        page, linked = _links(site_dir, f"commitments/{c.id}")
        assert linked == {full, f"theme-{c.theme.slug}.pdf"}, c.id
        assert page.select_one('a[href="../../downloads/"]') is not None, c.id
    for theme in compact.themes:
        assert _links(site_dir, f"themes/{theme.slug}")[1] == {full, f"theme-{theme.slug}.pdf"}
    for key, slug in SECTOR_SLUGS.items():
        assert _links(site_dir, f"sectors/{slug}")[1] == {full, f"sector-{slug}.pdf", f"checklist-{slug}.pdf"}, key


def test_the_downloads_page_lists_every_pdf_with_pages_and_size(site_dir: Path) -> None:
    page, linked = _links(site_dir, "downloads")
    assert linked == {p.name for p in all_handouts(site_dir)}
    rows = page.select("article.md-content__inner table tr")
    by_file = {}
    for row in rows:
        link = row.select_one("a[href]")
        if link is not None:
            cells = [squash(td.get_text()) for td in row.select("td")]
            cells[0] = squash(link.get_text())  # the handout's name (what it holds is below it)
            by_file[link["href"].rsplit("/", 1)[-1]] = cells
    for path in all_handouts(site_dir):
        cells = by_file[path.name]
        assert cells[-2] == str(len(PdfReader(path).pages)), path.name
        assert cells[-1] == size_label(path.stat().st_size), path.name
        assert squash(PdfReader(path).metadata.title).startswith(cells[0].removesuffix(" (PDF)"))
    # The open data files, each linked and present.
    for name in ("compact.json", "commitments.csv", "compact.schema.json"):
        assert name in by_file and (site_dir / "data" / name).is_file()
    nav = [squash(a.get_text(" ")) for a in page.select("nav.md-nav--primary a")]
    assert "Downloads" in nav


def test_size_label_reads_like_a_file_size() -> None:
    assert size_label(500) == "1 KB"
    assert size_label(78468) == "77 KB"
    assert size_label(3 * 1024 * 1024) == "3.0 MB"
    assert Downloads().containing(load_compact(ROOT / "compact_data").themes[0]) == []


def test_with_pdfs_off_the_site_still_builds_strictly(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make serve`` turns PDFs off through mkdocs.yml's ``pdf: !ENV [COMPACT_PDF, true]``."""
    assert "pdf: !ENV [COMPACT_PDF, true]" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    monkeypatch.setenv("COMPACT_PDF", "false")
    site = tmp_path / "site"
    build_site(project, site)
    assert not list(site.rglob("*.pdf"))
    for html in site.rglob("*.html"):
        assert ".pdf" not in html.read_text(encoding="utf-8"), html
    downloads = squash(BeautifulSoup((site / "downloads" / "index.html").read_text(), "html.parser").get_text(" "))
    assert "Printable handouts are not part of this build" in downloads
    assert "compact.json" in downloads  # the open data is still listed


# -- what the pages look like ------------------------------------------------------------


def test_no_page_is_blank_and_nothing_runs_into_the_margins(site_dir: Path, tmp_path: Path) -> None:
    """Every page rendered to an image: some ink, and none in the outer 12 mm (the margins are 18 mm)."""
    for path in all_handouts(site_dir):
        prefix = tmp_path / path.stem
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", "40", str(path), str(prefix)], check=True)
        images = sorted(tmp_path.glob(f"{path.stem}-*.png"))
        assert len(images) == len(PdfReader(path).pages)
        for image_path in images:
            image = Image.open(image_path).convert("L")
            width, height = image.size
            margin = round(12 / 25.4 * 40)
            assert image.getextrema()[0] < 128, f"{image_path.name} is blank"
            for box in ((0, 0, margin, height), (width - margin, 0, width, height)):
                assert image.crop(box).getextrema()[0] > 200, f"{image_path.name}: ink in the side margin"


# -- printing the site's pages from a browser ------------------------------------------------


def _printed_text(page: object) -> str:
    """What Chromium prints of the current page (print media, A4), as text."""
    pdf = page.pdf(format="A4", print_background=True)  # type: ignore[attr-defined]
    return squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _screen_only_texts(html: str) -> set[str]:
    """Labels of the navigation that do not also occur in the page's own content."""
    page = BeautifulSoup(html, "html.parser")
    article = page.select_one("article.md-content__inner")
    assert article is not None
    content = squash(article.get_text(" "))
    labels = {squash(a.get_text(" ")) for a in page.select("nav.md-nav--primary a")}
    return {label for label in labels if label and label not in content}


@pytest.mark.browser
def test_printing_a_commitment_page_keeps_only_the_content(page: object, served_site: str, compact: Compact) -> None:
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    page.goto(served_site + "commitments/5.5/")  # type: ignore[attr-defined]
    html = page.content()  # type: ignore[attr-defined]
    printed = _printed_text(page)
    c = compact.commitment("5.5")
    assert squash(c.text) in printed
    assert "commitment 5.5 — official text of the bristol compact (2012)" in printed.lower()
    assert printed.startswith("Commitment 5.5 "), "the page's own heading, with the number, comes first"
    screen_only = _screen_only_texts(html)
    assert screen_only, "the test needs navigation labels that are not in the content"
    for label in screen_only:
        assert label not in printed, f"navigation {label!r} was printed"
    for furniture in ("Copy link", "Copy citation", "Search", "Previous:", "Next:", "Back to top"):
        assert furniture not in printed
    # The official text keeps its marking: the blue rule is printed.
    border = page.eval_on_selector(  # type: ignore[attr-defined]
        ".compact-official", "e => getComputedStyle(e).borderLeftStyle + ' ' + getComputedStyle(e).borderLeftWidth"
    )
    assert border.startswith("solid") and not border.endswith(" 0px")


@pytest.mark.browser
def test_a_printed_commitment_fits_one_page(page: object, served_site: str, compact: Compact) -> None:
    """Number, words, sector, theme, permanent link and citation on one A4 sheet, for the longest
    commitment and the one with the most footnotes; what is for the screen stays off it."""
    longest = max(compact.commitments, key=lambda c: len(c.text))
    footnoted = max(compact.commitments, key=lambda c: len([r for r in c.references if r.footnote]))
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    for c in (longest, footnoted):
        page.goto(served_site + f"commitments/{c.id}/")  # type: ignore[attr-defined]
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))  # type: ignore[attr-defined]
        assert len(pdf.pages) == 1, c.id
        printed = squash(pdf.pages[0].extract_text())
        assert printed.startswith(f"Commitment {c.id} "), c.id
        for expected in (squash(c.text), f"{c.sector.name} commitment", c.theme.title,
                         f"Permanent link, always to the latest words: https://www.bristolcompact.org.uk/commitments/{c.id}/",
                         f"Citation: Bristol Compact (2012), commitment {c.id}"):
            assert expected in printed.replace("/ ", "/"), (c.id, expected)
        for screen in ("Terms used", "Printable handouts", "If this commitment is not met", "Related commitments",
                       "This commitment in each edition", "Home › Themes"):
            assert screen not in printed, (c.id, screen)


@pytest.mark.browser
def test_printing_the_filtered_list_prints_only_what_is_shown(
    page: object, served_site: str, compact: Compact
) -> None:
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    page.goto(served_site + "commitments/?sector=vcs")  # type: ignore[attr-defined]
    vcs = compact.binding(compact.sector("vcs"))  # its own commitments and the shared ones
    page.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelectorAll('#compact-all .compact-item:not([hidden])').length === n", arg=len(vcs)
    )
    printed = _printed_text(page)
    # Each printed commitment is followed by its address: exactly the VCS ones, in order.
    assert PERMALINK.findall(printed) == [c.id for c in vcs]
    for c in compact.commitments:
        assert (squash(c.text) in printed) == (c in vcs), c.id
    assert "Filter the commitments" not in printed and "Show all" not in printed
    assert f"Showing {len(vcs)} of 54 commitments that bind the VCS" in printed


def test_handouts_laid_out_in_parallel_are_the_same_bytes_as_one_by_one() -> None:
    """Run in a fresh single-threaded process, where ``render_all`` forks its workers."""
    script = """
import sys, threading
from pathlib import Path
from generator import urls
from generator.handouts.plan import plan_handouts
from generator.model import load_compact
from generator.handouts.pdf import PdfRenderer

assert threading.active_count() == 1, "the parallel path needs a single-threaded process"
pdf = PdfRenderer(load_compact(Path(sys.argv[1])), urls.Site(sys.argv[2]))
plan = plan_handouts(pdf.compact)[:4]
together = pdf.render_all(plan, workers=2)
alone = pdf.render_all(plan, workers=1)
assert [f.path for f in together] == [h.path for h in plan]
assert [(f.content, f.pages) for f in together] == [(f.content, f.pages) for f in alone]
print("same", len(together))
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "compact_data"), SITE.url], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "same 4"
