"""What a reader of the five synthetic shapes sees (issue 26): the faults found by looking at their
pages at 390 and 1280 px and at their handouts as images, each held here so it does not come back.

A list's lead-in opens the list it introduces (not an official box of its own before a label); the
list of a Compact without parts is labelled once per list, not twice; a filter offers only fields
that narrow the list; no page or handout promises a number a provision does not have; a citation
names a provision as its page does (never by its key); a number printed in more than one code is
given with its code wherever it stands alone; the whole handout has no page holding only a heading
of ours, and a group of a nested part names that part. Each fixture is the same build as
tests/any_compact/test_shapes.py reads (tests/support/shapes.py).
"""

from __future__ import annotations

import re

import pytest
import yaml
from support.leaks import pdf_text, squash, visible_text
from support.pages import article, read_page, text_of
from support.shapes import SHAPES, Of, Shape, ShapeBuild

LABEL = re.compile(r"^Each \w[\w' -]*'s words below are the official text of ")


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# -- every shape ------------------------------------------------------------------------------


def test_the_link_to_every_handout_reads_as_words(shape: Shape, built: ShapeBuild) -> None:
    """"Every handout, by sector and code, …": the space before "and" was lost ("sectorand code")."""
    page = article(read_page(built.site, f"commitments/{shape.items[0].id}/"))
    [link] = [text_of(a) for a in page.select("a") if text_of(a).startswith("Every handout")]
    expected = f"by sector and {shape.part}," if shape.parts else "by sector,"
    assert f"Every handout, {expected} and the checklists" == link


def test_a_citation_names_the_provision_as_its_page_does(shape: Shape, built: ShapeBuild) -> None:
    """"…(2019/22), principle “Share information…” (…)": never its key ("principle share-information")."""
    wrong = []
    for item in shape.items:
        page = article(read_page(built.site, f"commitments/{item.id}/"))
        citation = text_of(page.select_one(".compact-citation"))
        name = lower_first(text_of(page.h1))
        # Its party in the name's own brackets where it has some: "…3 (Funding code; VCS undertaking)".
        named = f"{shape.label}, {name[:-1]}; " if name.endswith(")") else f"{shape.label}, {name} ("
        if named not in citation or ") (" in citation:
            wrong.append(f"{item.id}: {citation!r} does not start {named!r} with one pair of brackets")
    assert not wrong, "\n".join(wrong)


def test_no_page_or_handout_promises_a_number_a_provision_lacks(shape: Shape, built: ShapeBuild) -> None:
    """The downloads page and each handout's cover say every provision "carries its number" only when
    the document prints one for each."""
    promise = re.compile(rf"(every|Each) {shape.provision} carries its number and")
    numbered = all(item.number is not None for item in shape.items)
    texts = {"downloads/": visible_text(built.site / "downloads" / "index.html")}
    texts.update({pdf.name: squash(pdf_text(pdf)) for pdf in sorted((built.site / "downloads").glob("*.pdf"))})
    promised = sorted(where for where, text in texts.items() if promise.search(text))
    assert promised == (sorted(texts) if numbered else []), promised
    assert all("address of its own page" in text for text in texts.values())


def test_the_whole_handout_has_no_page_with_only_a_heading(shape: Shape, built: ShapeBuild) -> None:
    """Without the document's own preamble to its parts, no page of ours holds the word "Sections"
    alone before the first part's page."""
    pages = pdf_text(built.site / shape.whole_pdf).split("\f")
    bare = []
    for number, page in enumerate(pages, start=1):
        lines = [line for line in (squash(x) for x in page.splitlines()) if line]
        body = lines[1:-2]  # the running head first; the footer's name and page number last
        if number > 1 and lines and len(body) <= 1:
            bare.append(f"page {number}: {lines}")
    assert not bare, "\n".join(bare)


def test_a_list_of_provisions_is_labelled_once(shape: Shape, built: ShapeBuild) -> None:
    """One label for each listing: the list of a Compact without parts said it twice over its
    one list ("Each principle's words below…", its introduction, its lead-in, the label again), and a
    part page said it again over each of its lists ("The public sector undertakes to:", "Jointly we
    undertake to:"…). Once, over the page's first list, before its first provision."""
    wrong = []
    for url in [f"themes/{p.slug}/" for p in shape.parts] + ["commitments/"]:
        page = article(read_page(built.site, url))
        labels = [p for p in page.find_all("p") if LABEL.match(text_of(p))]
        first = page.select_one(".compact-list article.compact-item")
        if len(labels) != 1:
            wrong.append(f"/{url}: {len(labels)} labels")
        elif first is None or labels[0] not in first.find_all_previous("p"):
            wrong.append(f"/{url}: the label is not over the first list")
    assert not wrong, "\n".join(wrong)


#: Words after which a phrase goes on ("…of every community", "…openly and for"): a name made of a
#: text's first words does not end on one (the test's own list, not the generator's).
GOES_ON = {"a", "an", "the", "and", "or", "of", "to", "in", "for", "with", "by", "at", "on", "as", "that",
           "every", "each", "any", "its", "their", "our", "what"}


def test_a_name_made_of_first_words_ends_where_a_phrase_does(shape: Shape, built: ShapeBuild) -> None:
    """'Principle “Fund work fairly, openly and for…”' cut a phrase short: a provision the document
    prints no number for is named by the start of its words, ending where a phrase ends (before a
    word such as "and", "of" or "that", or at a comma), never on such a word, with an ellipsis."""
    quoted = re.compile(rf"^{re.escape(shape.provision.capitalize())} “(?P<start>.+)”$")
    wrong, named = [], 0
    for item in (i for i in shape.items if i.number is None):
        heading = text_of(article(read_page(built.site, f"commitments/{item.id}/")).h1)
        found = quoted.match(heading)
        assert found, heading
        start = found["start"]
        if start == item.text:
            continue  # a text of a few words is its own name
        named += 1
        words, text = start.removesuffix("…").split(), item.text.split()
        after = text[len(words)] if len(words) < len(text) else ""
        cut = text[len(words) - 1]
        if not start.endswith("…") or text[: len(words) - 1] != words[:-1] or not cut.startswith(words[-1]):
            wrong.append(f"{item.id}: {start!r} is not the start of its words and an ellipsis")
        elif words[-1].lower() in GOES_ON or words[-1][-1] in ",;:":
            wrong.append(f"{item.id}: {start!r} ends on {words[-1]!r}")
        elif not (text[len(words) - 1][-1] in ",;:" or after.lower() in GOES_ON | {"before", "who", "which"}):
            wrong.append(f"{item.id}: {start!r} cuts a phrase ({after!r} goes on from it)")
    assert not wrong, "\n".join(wrong)
    if shape.name in ("principles", "promises"):
        assert named, "no name made of first words"


def test_the_downloads_page_gives_the_documents_own_name_and_numbers(shape: Shape, built: ShapeBuild) -> None:
    """"The whole Compact" and "ids as text (1.10 stays 1.10)" were Bristol's: the whole handout's
    heading names the document as it names itself ("The whole Local Compact"), and the example is a
    number it prints where a spreadsheet would misread one (a nought after the point), with none where
    it prints no such number."""
    page = article(read_page(built.site, "downloads/"))
    short_name = yaml.safe_load((shape.data / "compact.yaml").read_text(encoding="utf-8"))["short_name"]
    whole = [h for h in page.find_all("h2") if h.find_next("a", href=re.compile(r"\.pdf$")) is not None]
    assert text_of(whole[0]) == f"The whole {short_name.removeprefix('the ')}"
    text = visible_text(built.site / "downloads" / "index.html")
    if short_name != "the Compact":
        assert "the compact " not in text.lower(), text
    misread = [i.id for i in shape.items if re.fullmatch(r"[0-9]+\.[0-9]*0", i.id)]
    examples = re.findall(r"ids as text \((\S+) stays (\S+)\)", text)
    assert examples == ([(misread[0], misread[0])] if misread else []), examples
    assert "ids as text" in text


def test_one_party_is_no_choice_of_party(shape: Shape, built: ShapeBuild) -> None:
    """With one party ("Signatories"), the menu had "Sectors" › "All sectors" and a page of one
    sector, and the self-assessment asked which party the reader's organisation is in: no menu
    group, home card or question where there is one party; each where there are more."""
    home = read_page(built.site, "")
    menu = [text_of(a) for a in home.select("nav.md-nav--primary a")]
    several = len(shape.parties) > 1
    assert ("All sectors" in menu) is several, menu
    cards = [text_of(a) for a in article(home).select(".grid.cards a")]
    assert ("By sector" in cards) is several, cards
    assessment = read_page(built.site, "self-assessment/")
    assert (assessment.select_one("select#assess-sector") is not None) is several
    overview = visible_text(built.site / "sectors" / "index.html")
    assert "one of its 1 " not in overview


def test_a_provision_page_gives_its_lists_lead_in_before_its_words(shape: Shape, built: ShapeBuild) -> None:
    """"fund work fairly" alone does not say who promises it: a provision's page gives the lead-in its
    words continue ("The public sector undertakes to:"), inside the same official box, before them."""
    wrong = []
    for item in shape.items:
        box = article(read_page(built.site, f"commitments/{item.id}/")).select_one(".compact-official")
        assert box is not None, item.id
        lead = box.select_one(".compact-official-lead-in")
        words = box.select_one(".compact-text")
        if item.lead_in is None:
            if lead is not None:
                wrong.append(f"{item.id}: a lead-in {text_of(lead)!r} its list does not have")
        elif lead is None or squash(text_of(lead)) != squash(item.lead_in) or words not in lead.find_all_next():
            wrong.append(f"{item.id}: {item.lead_in!r} is not given before its words")
    assert not wrong, "\n".join(wrong)
    assert any(item.lead_in for item in shape.items) is (shape.name in {"promises", "codes", "principles"})


def test_a_lead_in_opens_the_list_it_introduces(shape: Shape, built: ShapeBuild) -> None:
    """"The public sector undertakes to:" stands at the head of its own list, marked as the document's
    words as its provisions' are, not in an official box of its own apart from the list."""
    lead_ins = [(words, url) for words, url in shape.official if words.endswith(":") and url != "outcomes"]
    checked = 0
    for words, url in lead_ins:
        page = article(read_page(built.site, url))
        for found in page.find_all(string=lambda s, w=words: squash(str(s)) == squash(w)):
            element = found.parent
            if element.name != "p":
                continue  # a list heading, not a lead-in
            listing = element.find_parent(class_="compact-list")
            assert listing is not None, f"/{url}: {words!r} stands outside its list"
            assert "compact-official-lead-in" in (element.get("class") or []), f"/{url}: {words!r} is not marked"
            assert element.find_parent(class_="compact-official") is None, f"/{url}: {words!r} is boxed apart"
            first = listing.select_one("article.compact-item")
            assert first is not None and element in first.find_all_previous("p"), f"/{url}: {words!r} after its list"
            checked += 1
    if shape.name in ("principles", "promises"):
        assert checked, "no lead-in found"


def test_the_filter_offers_only_fields_that_narrow_the_list(shape: Shape, built: ShapeBuild) -> None:
    """A party alone, or no topics, is no choice: no field for it, and no sentence offering it."""
    page = article(read_page(built.site, "commitments/"))
    fields = [s["name"] for s in page.select("#compact-filter select")]
    topics = (shape.data / "topics.yaml").read_text(encoding="utf-8")
    expected = (["theme"] if shape.parts else []) + (["sector"] if len(shape.parties) > 1 else [])
    expected += ["topic"] if re.search(r"(?m)^\s*- key:", topics) else []
    assert fields == expected
    sentences = [text_of(p) for p in page.select(".compact-explanatory")]
    home = visible_text(built.site / "index.html")
    if "topic" not in fields:
        assert not [s for s in sentences if "topic" in s] and "or topic" not in home
    if not fields:
        assert page.select_one("#compact-filter") is None
        assert not [s for s in sentences if "narrow" in s] and "filtered by" not in home


# -- one shape each ---------------------------------------------------------------------------


def test_a_single_party_is_named_where_a_side_would_be(one: Of) -> None:
    """"Each principle says what the signatories will do", not "what that side will do"."""
    shape, built = one("principles")
    home = visible_text(built.site / "index.html")
    assert "that side" not in home
    assert "Each principle says what the signatories will do" in home


def test_a_number_printed_in_more_than_one_code_is_given_with_its_code(one: Of) -> None:
    """Related undertakings of the codes fixture: "1 (Funding) Publish…", not a bare "1"."""
    shape, built = one("codes")
    page = article(read_page(built.site, "commitments/funding-3/"))
    related = [text_of(a) for a in page.select("h2 + ul a")]
    assert "1 (Funding) Publish all funding rules in plain words." in related, related


def test_a_group_in_a_nested_part_names_that_part_in_the_handout(one: Of) -> None:
    """In print, "Pledges of local groups" in chapter 1.1 read as a sibling of chapter 1.1: every
    group heading of a nested part now starts with that part's heading."""
    shape, built = one("three-level")
    lines = [squash(line) for line in pdf_text(built.site / shape.whole_pdf).splitlines()]
    groups = [line for line in lines if line.startswith("Pledges of") or " — Pledges of" in line]
    assert groups, lines
    assert not [g for g in groups if not re.match(r"Chapter [0-9]+\.[0-9]+: .+ — Pledges of ", g)], groups


@pytest.mark.parametrize(("short_name", "whole"), [("the Compact", "The whole Compact"),
                                                   ("The Local Compact", "The whole Local Compact"),
                                                   ("Compact", "The whole Compact")])
def test_the_whole_document_is_named_from_its_short_name_as_written(short_name: str, whole: str) -> None:
    """"The whole The Local Compact" was the heading of a short name written with a capital."""
    import dataclasses

    from generator.model import load_compact

    compact = load_compact(SHAPES / "principles" / "compact_data")
    assert dataclasses.replace(compact, short_name=short_name).whole == whole
