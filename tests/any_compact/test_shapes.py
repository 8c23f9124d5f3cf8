"""Real Compacts, as they are written (issue 26): five synthetic shapes, each built and read back.

``tests/fixtures/shapes/`` holds one clearly synthetic Compact per shape that Bristol's is not:

* ``undertakings``: undertakings 1.1, 1.2 … in numbered sections, under the lists "Undertakings for
  the Government:" and "Undertakings for CSOs:"; outcomes of its own; no values; two parties.
* ``principles``: no parts at all (``provisions.yaml``), one lead-in and six unnumbered principles
  binding a single party; the edition printed "2019/22".
* ``promises``: named areas, unnumbered, printed in capitals in the source; a quoted promise, then
  lists of unnumbered promises under lead-ins such as "Jointly we undertake to:" (a joint party).
* ``codes``: codes of practice, unnumbered, each numbering its undertakings from 1; one code binds
  one named party (Synthshire County Council) only.
* ``three-level``: chapters 1 and 2 with nested chapters 1.1, 1.2 … and pledges 1.1.1, 1.1.2 …

Each is built once, as a user builds it (``mkdocs build --strict``, PDFs and open data on, its
official text checked against its source text), and every provision is looked for where a reader
(or a program) looks: its own page, the list, the per-party pages, the handouts and checklists,
the open data and the search index, labelled in the document's own words and with no number the
document does not print. What each fixture says is read from its files (tests/support/shapes.py).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader
from support.leaks import forbidden_in, leaks, pdf_text, squash, visible_text, vocabulary_in
from support.pages import article, read_page, text_of
from support.printed import mostly_blank
from support.shapes import NAMES, Of, Provision, Shape, ShapeBuild, read_shape

SHAPES = {name: read_shape(name) for name in NAMES}


def labelled(shape: Shape, item: Provision, heading: str) -> bool:
    """Whether a heading names a provision in the document's words: "Undertaking 1.4"; where numbers
    restart in each part, with its part named ("Undertaking 3 … Funding"); one without a number,
    "Principle", alone or quoting the start of its words ("Principle “Share information…”")."""
    label = shape.label_of(item)
    if shape.numbers_restart:
        return heading.startswith(label) and item.part_title is not None and item.part_title in heading
    if heading == label:
        return True
    quoted = re.fullmatch(rf"{re.escape(label)} “(.+?)…?”", heading)
    return item.number is None and quoted is not None and squash(item.text).startswith(quoted.group(1))


def expected_label(shape: Shape, item: Provision) -> str:
    label = repr(shape.label_of(item))
    return f"{label} with its {shape.part} named" if shape.numbers_restart else label


def heading(site: Path, url_path: str) -> str:
    return text_of(article(read_page(site, url_path)).h1)


def official(tag: Tag) -> bool:
    """Whether the site marks this element as the document's own words (it or a container of it)."""
    for node in [tag, *tag.parents]:
        if any(c.startswith("compact-official") for c in (node.get("class") or [])):  # type: ignore[union-attr]
            return True
    return False


def shown_as_official(site: Path, url_path: str, words: str) -> list[str]:
    """How the page shows ``words``: the markup of each element whose own text they are, and
    whether it is marked official (an empty list if the page does not show them at all)."""
    page = article(read_page(site, url_path))
    found = []
    for node in page.find_all(string=lambda s: bool(s) and squash(words) in squash(str(s))):
        element = node.parent
        found.append(("official" if official(element) else "NOT official") + f": <{element.name}> {squash(str(node))}")
    return found


# -- the build ---------------------------------------------------------------------------


def test_it_builds_strict_with_its_official_text_checked(shape: Shape, built: ShapeBuild) -> None:
    """The build passed ``--strict`` (the fixture would fail) and checked every official word
    against the fixture's source text, list headings and lead-ins included."""
    assert (built.site / "index.html").is_file()
    assert "unchecked" not in built.log, built.log
    assert (built.site / shape.whole_pdf).is_file(), f"{shape.whole_pdf} was not built"


# -- each provision, everywhere -------------------------------------------------------


def test_every_provision_has_its_own_page_showing_its_words_and_its_label(shape: Shape, built: ShapeBuild) -> None:
    wrong = []
    for item in shape.items:
        page_file = built.site / "commitments" / item.id / "index.html"
        if not page_file.is_file():
            wrong.append(f"{item.id}: no page at /commitments/{item.id}/")
            continue
        page = article(read_page(built.site, f"commitments/{item.id}/"))
        words = [text_of(t) for t in page.select(".compact-official .compact-text")]
        if squash(item.text) not in words:
            wrong.append(f"{item.id}: its words are not shown as official text (found {words})")
        if not labelled(shape, item, text_of(page.h1)):
            wrong.append(f"{item.id}: heading {text_of(page.h1)!r}, expected {expected_label(shape, item)}")
    assert not wrong, "\n".join(wrong)


def test_the_list_of_all_provisions_holds_each_in_the_documents_order(shape: Shape, built: ShapeBuild) -> None:
    page = article(read_page(built.site, "commitments/"))
    assert [a["data-id"] for a in page.select("article.compact-item")] == [i.id for i in shape.items]
    texts = [text_of(a.select_one(".compact-text")) for a in page.select("article.compact-item")]
    assert texts == [squash(i.text) for i in shape.items]
    assert text_of(page.h1) == f"All {shape.provisions}"


def test_each_party_page_lists_what_binds_that_party(shape: Shape, built: ShapeBuild) -> None:
    for party in shape.parties:
        page = article(read_page(built.site, f"sectors/{party.slug}/"))
        listed = [a["data-id"] for a in page.select("article.compact-item")]
        assert sorted(listed) == sorted(i.id for i in shape.bound(party)), party.key
        assert len(listed) == len(set(listed)), f"{party.key}: a provision listed twice"


def test_the_handouts_and_checklists_hold_every_provision(shape: Shape, built: ShapeBuild) -> None:
    whole = squash(pdf_text(built.site / shape.whole_pdf))
    missing = [f"{shape.whole_pdf}: {i.id}" for i in shape.items if squash(i.text) not in whole]
    for party in shape.parties:
        for kind in ("sector", "checklist"):
            name = f"downloads/{kind}-{party.slug}.pdf"
            assert (built.site / name).is_file(), f"{name} was not built"
            text = squash(pdf_text(built.site / name))
            missing += [f"{name}: {i.id}" for i in shape.bound(party) if squash(i.text) not in text]
    for part in shape.parts:
        name = f"downloads/theme-{part.slug}.pdf"
        assert (built.site / name).is_file(), f"{name} was not built"
        text = squash(pdf_text(built.site / name))
        missing += [f"{name}: {i.id}" for i in shape.items if i.part == part.slug and squash(i.text) not in text]
    assert not missing, "provisions missing from handouts:\n" + "\n".join(missing)


def test_no_handout_page_is_left_mostly_blank(shape: Shape, built: ShapeBuild) -> None:
    """Issue 28: every handout flows (no part pushed to a page of its own, no lone last lines)."""
    found = [p for pdf in sorted((built.site / "downloads").glob("*.pdf")) for p in mostly_blank(pdf)]
    assert found == []


def test_each_checklist_ends_with_a_summary_by_part_and_an_action_plan(shape: Shape, built: ShapeBuild) -> None:
    """A row per part holding the party's provisions (one per list without parts), in the document's
    words, with the count; then the action plan, headed by the document's word for a provision."""
    for party in shape.parties:
        path = built.site / "downloads" / f"checklist-{party.slug}.pdf"
        pages = [squash(page.extract_text()) for page in PdfReader(path).pages]
        summary, plan = pages[-2], pages[-1]
        assert "Summary of this review" in summary[:200] and "Action plan" in plan[:200], path.name
        bound = shape.bound(party)
        column = shape.part.capitalize() if shape.parts else "List"
        assert f"{column} {shape.provisions.capitalize()} Met Partly Not yet" in summary, path.name
        for part in shape.parts:
            count = sum(item.part == part.slug for item in bound)
            row = f"{squash(part.title)} {count}, from page "
            assert (row in summary) if count else (squash(part.title) not in summary), (path.name, row)
        assert f"Overall {len(bound)}" in summary
        assert f"{shape.provision.capitalize()} Action Who By when" in plan


def test_the_open_data_holds_every_provision(shape: Shape, built: ShapeBuild) -> None:
    data = json.loads((built.site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["text"]) for c in data["commitments"]] == [(i.id, i.text) for i in shape.items]
    assert [c["sector"] for c in data["commitments"]] == [i.sector for i in shape.items]
    assert data["title"] == shape.title and str(data["edition"]) == shape.edition
    with (built.site / "data" / "commitments.csv").open(encoding="utf-8", newline="") as rows:
        table = list(csv.DictReader(rows))
    assert [(r["id"], r["text"]) for r in table] == [(i.id, i.text) for i in shape.items]
    assert {r["url"] for r in table} == {f"{shape.site_url}commitments/{i.id}/" for i in shape.items}


def test_search_finds_every_provision_under_its_label(shape: Shape, built: ShapeBuild) -> None:
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_place = {d["location"]: d for d in docs}
    wrong = []
    for item in shape.items:
        entry = by_place.get(f"commitments/{item.id}/")
        if entry is None:
            wrong.append(f"{item.id}: no search entry")
            continue
        if not labelled(shape, item, entry["title"]):
            wrong.append(f"{item.id}: search title {entry['title']!r}, expected {expected_label(shape, item)}")
        if squash(item.text) not in squash(BeautifulSoup(entry["text"], "html.parser").get_text(" ")):
            wrong.append(f"{item.id}: its words are not in its search entry")
    assert not wrong, "\n".join(wrong)


def test_each_topic_has_its_page_and_no_question_means_no_situations(shape: Shape, built: ShapeBuild) -> None:
    """Issue 28: a topic's page lists its provisions, each with its way into the complaints guide; the home
    page offers situations only where topics give questions (none of these fixtures' topics do)."""
    assert not [t for t in shape.topics if "question" in t], "a fixture of shapes now asks a question: test it"
    assert article(read_page(built.site, "")).select_one(".compact-situations") is None
    assert (built.site / "topics").is_dir() == bool(shape.topics)
    for topic in shape.topics:
        page = article(read_page(built.site, f"topics/{topic['key']}/"))
        assert text_of(page.h1) == topic["name"]
        expected = [i for i in shape.items if topic["key"] in i.topics]
        assert [a["data-id"] for a in page.select("article.compact-item")] == [i.id for i in expected]
        for item, link in zip(expected, page.select(".compact-item__complain a"), strict=True):
            assert link["href"] == f"../../complaints/?commitment={item.id}"
        assert f"the {len(expected)} {shape.provisions if len(expected) != 1 else shape.provision} on this topic" in (
            text_of(page))


def test_the_complaints_guide_knows_each_provisions_topics_and_related_ones(shape: Shape, built: ShapeBuild) -> None:
    """Issue 28: for any provision the guide lists its related provisions and its topics (a block per topic,
    its name linked to its page); where the data names no procedure, group or passage on complaints, it
    says nothing of them."""
    page = read_page(built.site, "complaints/")
    script = page.select_one("script#compact-complaints-data")
    assert script is not None and script.string is not None
    records = json.loads(script.string)["commitments"]
    def related(item: Provision) -> list[str]:  # both ways, in the document's order
        return [i.id for i in shape.items if i.id in item.related or item.id in i.related]

    assert [(r["id"], r["topics"], r["related"]) for r in records] == [
        (i.id, list(i.topics), related(i)) for i in shape.items]
    assert any(r["related"] for r in records) == any(i.related for i in shape.items)
    panel = article(page).select_one("#compact-complaint")
    assert panel is not None and panel.select_one("#compact-related-list") is not None
    blocks = panel.select("#compact-topics [data-topic]")
    assert [b["data-topic"] for b in blocks] == [t["key"] for t in shape.topics]
    for block, topic in zip(blocks, shape.topics, strict=True):
        assert block.has_attr("hidden")
        link = block.select_one(".compact-asks__topic-name a")
        assert link is not None and text_of(link) == topic["name"] and link["href"] == f"../topics/{topic['key']}/"
    assert (panel.select_one("#compact-topics") is None) == (not shape.topics)
    assert panel.select_one(".compact-asks__next") is None  # no procedure, keeper or passage on complaints
    assert panel.select_one(".compact-asks .compact-official") is None  # no passage on complaints to quote


# -- the document's own words and numbers --------------------------------------------------


def test_no_word_of_bristols_compact_in_any_built_file(shape: Shape, built: ShapeBuild) -> None:
    checked, found = leaks(built.site)
    for expected in ("index.html", "404.html", "sitemap.xml", "search/search_index.json", "data/compact.json",
                     "data/commitments.csv", shape.whole_pdf):
        assert expected in checked, f"{expected} was not built or not checked"
    assert not found, "Bristol's words in the fixture's site:\n" + "\n".join(found[:20])


def test_no_page_or_handout_uses_bristols_vocabulary(shape: Shape, built: ShapeBuild) -> None:
    """Not "commitment" or "theme" (outside addresses): the document's own words only."""
    found = vocabulary_in(built.site)
    assert not found, f"Bristol's vocabulary in the {shape.name} site:\n" + "\n".join(found[:20])


def numbers_shown(shape: Shape, built: ShapeBuild) -> dict[str, set[str]]:
    """Every number the pages and handouts put after the document's word for a provision or a part
    ("Undertaking 1.4", "section 2", "Principles 3"), by file."""
    words = "|".join(re.escape(w) for w in (shape.provision, shape.part))
    pattern = re.compile(rf"\b(?:{words})s? ([0-9]+(?:\.[0-9]+)*)\b", re.IGNORECASE)
    shown: dict[str, set[str]] = {}
    for path in [*sorted(built.site.rglob("*.html")), *sorted(built.site.rglob("*.pdf"))]:
        text = visible_text(path) if path.suffix == ".html" else squash(pdf_text(path))
        found = {m.group(1) for m in pattern.finditer(text)}
        if found:
            shown[path.relative_to(built.site).as_posix()] = found
    return shown


def test_no_number_the_document_does_not_print(shape: Shape, built: ShapeBuild) -> None:
    """A provision or part is called by the number the document prints, or by none."""
    printed = {i.number for i in shape.items if i.number} | {p.number for p in shape.parts if p.number}
    printed |= {n for p in shape.parts for n, _ in p.nested if n}
    invented = {f: sorted(n - printed) for f, n in numbers_shown(shape, built).items() if n - printed}
    assert not invented, f"numbers the {shape.name} document does not print: {invented}"


@pytest.mark.parametrize("name", ["principles", "promises"])
def test_an_unnumbered_document_shows_no_dotted_number(one: Of, name: str) -> None:
    """Its lists, party pages, provision pages and handouts show no "1.1" (nor a "1." before a title)."""
    shape, built = one(name)
    pages = ["commitments/", *(f"sectors/{p.slug}/" for p in shape.parties)]
    pages += [f"commitments/{i.id}/" for i in shape.items] + [f"themes/{p.slug}/" for p in shape.parts]
    numbered = re.compile(r"(?<![\w./:-])[0-9]+\.(?:[0-9]+|\s+[A-Z])")
    found = []
    for url in pages:
        page = article(read_page(built.site, url))
        for hidden in page.select(".compact-permalink, .compact-citation, .compact-share"):
            hidden.decompose()  # addresses: the edition's label may be a number there
        found += [f"{url}: {m.group(0)!r}" for m in numbered.finditer(text_of(page))]
    for pdf in sorted((built.site / "downloads").glob("*.pdf")):
        found += [f"{pdf.name}: {m.group(0)!r}" for m in numbered.finditer(squash(pdf_text(pdf)))]
    assert not found, "\n".join(found[:20])


#: Where the document's own words outside the parts may stand: its outcomes on the home or about
#: page; the lead-in of a Compact without parts there or on the list of all its provisions.
WHERE = {"outcomes": ["", "about/"], "commitments/": ["", "about/", "commitments/"]}


def test_list_headings_lead_ins_and_introductions_are_shown_as_official_text(
    shape: Shape, built: ShapeBuild
) -> None:
    wrong = []
    for words, url in shape.official:
        pages = WHERE.get(url, [url])
        shown = [f"/{page}: {how}" for page in pages for how in shown_as_official(built.site, page, words)]
        if not any(": official:" in how for how in shown):
            wrong.append(f"{words!r} is not shown as official text on {' or '.join('/' + p for p in pages)}"
                         + (f" (shown as {shown})" if shown else ""))
    assert not wrong, "\n".join(wrong)
    whole = squash(pdf_text(built.site / shape.whole_pdf))
    assert not [w for w, _ in shape.official if squash(w) not in whole], "missing from the whole handout"


def test_the_edition_is_named_as_printed(shape: Shape, built: ShapeBuild) -> None:
    home = article(read_page(built.site, ""))
    assert text_of(home.h1) == shape.label
    first = shape.items[0]
    label = text_of(article(read_page(built.site, f"commitments/{first.id}/")).select_one(".compact-official__label"))
    assert f"official text of the {shape.label}" in label
    assert (built.site / "editions" / shape.edition_slug / "commitments" / first.id / "index.html").is_file()


# -- one shape each ---------------------------------------------------------------------------


def test_undertakings_have_outcomes_of_their_own_and_no_values(one: Of) -> None:
    shape, built = one("undertakings")
    data = json.loads((built.site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["national_compact"] is None and data["values"] == []
    assert not (built.site / "values").exists()
    for path in sorted(built.site.rglob("*.html")):
        assert "national Compact" not in visible_text(path), f"{path}: its own outcomes called another's"
    assert heading(built.site, "themes/working-together/") == "Section 1: Working together"
    assert heading(built.site, "commitments/1.4/") == "Undertaking 1.4"
    lists = [text_of(h) for h in article(read_page(built.site, "themes/working-together/")).find_all(["h2", "h3"])]
    assert "Undertakings for the Government:" in lists and "Undertakings for CSOs:" in lists


def test_principles_only_has_no_parts_and_its_edition_as_printed(one: Of) -> None:
    shape, built = one("principles")
    assert not shape.parts and not (built.site / "themes").exists()
    for path in sorted(built.site.rglob("*.html")):
        links = [a["href"] for a in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("a[href]")]
        assert not [h for h in links if re.search(r"(^|/)themes/", str(h))], f"{path} links a part page"
    home = visible_text(built.site / "index.html")
    assert "Testbury Local Compact (2019/22)" in home
    assert (built.site / "downloads" / "testbury-local-compact-2019-22.pdf").is_file()
    assert "Testbury Local Compact (2019/22)" in squash(pdf_text(built.site / shape.whole_pdf))
    [h1] = [text_of(h) for h in article(read_page(built.site, "commitments/share-information/")).select("h1")]
    assert h1.startswith("Principle") and not re.search("[0-9]", h1), h1


def test_a_compact_without_parts_never_names_a_part(one: Of) -> None:
    """The principles fixture has no parts: no page, filter or handout speaks of its "sections"."""
    shape, built = one("principles")
    part = re.compile(rf"\b{shape.part}s?\b", re.IGNORECASE)
    found = []
    for path in [*sorted(built.site.rglob("*.html")), *sorted(built.site.rglob("*.pdf"))]:
        text = visible_text(path) if path.suffix == ".html" else squash(pdf_text(path))
        found += [f"{path.relative_to(built.site)}: …{text[max(0, m.start() - 50):m.end() + 30]}…"
                  for m in part.finditer(text)]
    assert not found, "\n".join(found[:20])


def test_promises_areas_are_unnumbered_and_in_sentence_case(one: Of) -> None:
    shape, built = one("promises")
    for part in shape.parts:
        title = heading(built.site, f"themes/{part.slug}/")
        assert part.title in title and not re.search(r"[0-9]", title), title
    everything = [visible_text(p) for p in sorted(built.site.rglob("*.html"))]
    everything += [squash(pdf_text(p)) for p in sorted(built.site.rglob("*.pdf"))]
    assert not [t for t in everything if "YOUR VOICE" in t or "FUNDING FAIRLY" in t]
    quoted = "“We will hear every voice in Mockford before we decide.”"
    assert any(how.startswith("official") for how in shown_as_official(built.site, "themes/your-voice/", quoted))


def test_codes_cite_each_undertaking_with_its_code_and_one_binds_a_named_party_only(one: Of) -> None:
    shape, built = one("codes")
    h1 = heading(built.site, "commitments/funding-3/")
    assert h1.startswith("Undertaking 3") and "Funding" in h1, h1
    council = article(read_page(built.site, "sectors/synthshire-county-council/"))
    assert [a["data-id"] for a in council.select("article.compact-item")] == ["consultation-1", "consultation-2"]
    page = text_of(article(read_page(built.site, "commitments/consultation-1/")))
    assert "Synthshire County Council" in page
    for party in ("public-bodies", "community-groups"):
        listed = article(read_page(built.site, f"sectors/{party}/")).select("article.compact-item")
        assert not [a for a in listed if str(a["data-id"]).startswith("consultation-")]


def test_three_level_numbering_nests_its_parts_on_the_top_level_page(one: Of) -> None:
    shape, built = one("three-level")
    assert heading(built.site, "commitments/1.2.1/") == "Pledge 1.2.1"
    page = article(read_page(built.site, "themes/working-together/"))
    headings = [text_of(h) for h in page.find_all(["h2", "h3"])]
    for number, title in shape.parts[0].nested:
        assert any(title in h and str(number) in h for h in headings), (number, title, headings)
    assert {a["data-id"] for a in page.select("article.compact-item")} == {"1.1.1", "1.1.2", "1.2.1", "1.2.2"}


def test_the_fixtures_are_clearly_synthetic() -> None:
    """Not one word of Bristol's Compact in the fixtures themselves."""
    for shape in SHAPES.values():
        for path in sorted(shape.data.rglob("*")):
            if path.is_file():
                assert not forbidden_in(path.read_text(encoding="utf-8")), path


def test_the_open_data_keeps_the_documents_lists_and_nesting(one: Of) -> None:
    """compact.json holds each part's lists with the document's own heading and lead-in, parts nested
    as the document nests them, and a document without parts its lists and their introduction."""
    _, undertakings = one("undertakings")
    data = json.loads((undertakings.site / "data" / "compact.json").read_text(encoding="utf-8"))
    headings = [lst["heading"] for lst in data["themes"][0]["lists"]]
    assert headings == ["Undertakings for the Government:", "Undertakings for CSOs:"]
    assert [c for lst in data["themes"][0]["lists"] for c in lst["commitments"]] == data["themes"][0]["commitments"]
    assert data["outcomes"]["items"] and data["lists"] == []
    _, nested = one("three-level")
    data = json.loads((nested.site / "data" / "compact.json").read_text(encoding="utf-8"))
    inner = data["themes"][0]["parts"]
    assert [p["number"] for p in inner] == ["1.1", "1.2"]
    assert inner[0]["url"].endswith(f"#{inner[0]['slug']}") and inner[0]["lists"][0]["commitments"][0] == "1.1.1"
    _, principles = one("principles")
    data = json.loads((principles.site / "data" / "compact.json").read_text(encoding="utf-8"))
    assert data["themes"] == [] and data["lists"][0]["lead_in"].startswith("Organisations who have signed up")
    assert [c for lst in data["lists"] for c in lst["commitments"]] == [c["id"] for c in data["commitments"]]
    assert all(c["number"] is None and c["theme"] is None for c in data["commitments"])
