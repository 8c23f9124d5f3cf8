"""Long words and addresses wrap within the page: none runs off the paper, none loses a character,
and a text that is one long word costs its length to lay out.

A word longer than a line (a 300-character address in a commitment and in a footnote, a theme
title that is one long word) used to run off the right edge: 87 characters of a 300-character
address were visible. Every handout of such data is laid out, then read back with
``pdftotext``: every character of each long word is there, and ``pdftotext -bbox`` puts no
word beyond the right margin (nor before the left one).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import ROOT, SITE, without_source

from generator.handouts.pdf import PdfRenderer, build_handouts
from generator.handouts.plan import plan_handouts
from generator.handouts.wrapping import BREAK_EVERY, LONG_RUN, LONG_TEXT, ZERO_WIDTH_SPACE, breakable
from generator.model import load_compact

MM = 72 / 25.4
#: The handouts' side margins (handout.css: ``@page { margin: 22mm 18mm 20mm 18mm }``).
SIDE_MARGIN = 18 * MM
ADDRESS = "www.example.org/" + "".join("abcdefghijklmnopqrstuvwxyz0123"[i % 30] for i in range(284))
TITLE_WORD = "Volunteering" + "Andgiving" * 12
COMMITMENT = "Recognise that volunteering is a choice freely made by each individual."
FOOTNOTE = "Bristol's 20:20 Plan: www.bristolpartnership.org/vision-for-bristol"


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every handout of the real data with a long address in commitment 4.1 and in a footnote,
    and a one-word theme title longer than a line."""
    folder = tmp_path_factory.mktemp("long-words")
    data = shutil.copytree(ROOT / "compact_data", folder / "data")
    without_source(data)  # these are not the Compact's words
    _replace(next((data / "themes").glob("4-*.yaml")), COMMITMENT, f"Recognise {ADDRESS} as a choice.")
    theme = next((data / "themes").glob("4-*.yaml"))
    theme.write_text(re.sub(r"(?m)^title: .*$", f"title: {TITLE_WORD}", theme.read_text(encoding="utf-8"), count=1),
                     encoding="utf-8")
    _replace(data / "references.yaml", FOOTNOTE, f"Bristol's 20:20 Plan: {ADDRESS}")
    paths = {}
    for made in build_handouts(load_compact(data), SITE):
        paths[made.handout.slug] = folder / f"{made.handout.slug}.pdf"
        paths[made.handout.slug].write_bytes(made.content)
    return paths


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _text(pdf: Path) -> str:
    """The PDF's text with every space and line break taken out: a wrapped word reads whole again."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_every_character_of_a_long_word_is_printed(handouts: dict[str, Path]) -> None:
    holding = {slug: _text(path) for slug, path in handouts.items()}
    with_address = [slug for slug, text in holding.items() if "Recognise" + ADDRESS[:40] in text]
    assert {"bristol-compact", "theme-volunteering", "checklist-shared", "sector-shared"} <= {
        re.sub(r"-\d{4}$", "", slug) for slug in with_address}
    for slug in with_address:
        assert "Recognise" + ADDRESS + "asachoice." in holding[slug], slug
    whole = next(slug for slug in holding if slug.startswith("bristol-compact"))
    assert "Bristol's20:20Plan:" + ADDRESS in holding[whole]  # a value's footnote
    assert TITLE_WORD in holding["theme-volunteering"]


def test_no_word_lies_beyond_the_side_margins(handouts: dict[str, Path]) -> None:
    for slug, path in handouts.items():
        boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
        pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S)
        assert pages, slug
        for number, (width, words) in enumerate(pages, start=1):
            for x_min, x_max, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                                                  r'yMax="[\d.]+">([^<]*)</word>', words):
                assert float(x_max) <= float(width) - SIDE_MARGIN + 0.5, (slug, number, word[:40], x_max)
                assert float(x_min) >= SIDE_MARGIN - 0.5, (slug, number, word[:40], x_min)


def test_long_runs_of_text_get_places_to_break_and_nothing_else_changes() -> None:
    """In the text only, never in tags, the head or the QR code's SVG; an entity is never cut; taking the
    zero-width spaces out gives the HTML back."""
    long = "x" * 50 + "&amp;" + "y" * 100
    html = (f'<html><head><title>{long}</title></head><body><p title="{long}">{long} short</p>'
            f"<svg><title>{long}</title></svg><p>{'z' * LONG_RUN}</p></body></html>")
    broken = breakable(html)
    assert broken.replace(ZERO_WIDTH_SPACE, "") == html
    assert f"<head><title>{long}</title></head>" in broken and f'title="{long}"' in broken
    assert f"<svg><title>{long}</title></svg>" in broken and f"<p>{'z' * LONG_RUN}</p>" in broken  # not long
    text = broken.split('">', 1)[1].split(" short")[0]
    assert ZERO_WIDTH_SPACE in text and "&amp;" in text.replace(ZERO_WIDTH_SPACE, "|").split("|")[2]
    assert max(len(piece.replace("&amp;", "&")) for piece in text.split(ZERO_WIDTH_SPACE)) == BREAK_EVERY


def test_a_text_that_is_one_long_word_is_laid_out_with_places_to_break(tmp_path: Path) -> None:
    """What keeps a one-word text of any length linear to lay out (WeasyPrint lays out all that follows a
    line of a word it must break): in the handout's HTML, no run of text without a break is longer than
    LONG_RUN. The real data's handouts have no long run, so they are unchanged (no zero-width space)."""
    compact = load_compact(ROOT / "compact_data")
    renderer = PdfRenderer(compact, SITE)
    assert not any(ZERO_WIDTH_SPACE in renderer.html(handout) for handout in plan_handouts(compact))

    data = shutil.copytree(ROOT / "compact_data", tmp_path / "data")
    without_source(data)
    _replace(next((data / "themes").glob("4-*.yaml")), COMMITMENT, "a*b_c/" * 4000)
    compact = load_compact(data)
    handout = next(h for h in plan_handouts(compact) if h.slug == "theme-volunteering")
    html = PdfRenderer(compact, SITE).html(handout)
    body = html.split("<body", 1)[1]
    runs = re.findall(r"[^\s<>\u200b]+", re.sub(r"<svg\b.*?</svg>|<[^>]*>", " ", body, flags=re.S))
    assert "a*b_c/a*b_c/" in body
    assert max(len(run) for run in runs) <= LONG_RUN


def test_a_long_text_is_laid_out_in_pieces_cut_where_a_line_may_break() -> None:
    """WeasyPrint encodes a whole text again for each line it breaks off: a long text goes in pieces."""
    prose = "Work together to design funding. " * 300
    broken = breakable(f"<p>{prose}</p><p>{'ab&amp;' * 400}</p>")
    pieces = re.findall(r"<span>(.*?)</span>", broken)
    assert len(pieces) > 10 and max(len(piece) for piece in pieces) <= LONG_TEXT
    assert "".join(pieces).replace(ZERO_WIDTH_SPACE, "") == prose + "ab&amp;" * 400
    assert all(piece.endswith((" ", ZERO_WIDTH_SPACE)) for piece in pieces[:-1])
    assert breakable(f"<p>{'x ' * (LONG_TEXT // 2)}</p>") == f"<p>{'x ' * (LONG_TEXT // 2)}</p>"  # not longer
