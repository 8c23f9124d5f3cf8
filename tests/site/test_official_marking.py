"""The Compact's words are marked the same way everywhere: listings and footnotes too (issue 15, item 2)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.model import Compact

LABEL = "Each commitment's words below are the official text of the Bristol Compact (2012)."


@pytest.mark.parametrize("path", ["commitments", "themes/volunteering", "themes/allocating-resources",
                                  "sectors/public-sector", "sectors/shared"])
def test_every_listing_labels_the_compacts_words(site_dir: Path, path: str) -> None:
    """Each list of a list or sector page is labelled; a part page, one listing of several lists (one
    per sector), is labelled once, over its first list (tests/any_compact/test_shapes_reading.py)."""
    page = (site_dir / path / "index.html").read_text(encoding="utf-8")
    end = r'</div>\s*(?=<div class="compact-list[ "]|<h2|<script|</article>|$)'
    lists = re.findall(r'<div class="compact-list[ "][^>]*>(.*?)' + end, page, re.S)
    assert lists, path
    label = f'<p class="compact-official__label compact-list__label">{LABEL}</p>'
    labelled = [label in listing.replace("&#39;", "'") for listing in lists]
    assert labelled == ([True] + [False] * (len(lists) - 1) if path.startswith("themes/") else [True] * len(lists))
    for listing in lists:
        assert 'class="compact-text"' in listing


def test_the_compacts_footnotes_are_in_an_official_box(site_dir: Path, compact: Compact) -> None:
    with_footnotes = [c for c in compact.commitments if any(r.footnote for r in c.references)]
    assert with_footnotes
    for commitment in with_footnotes:
        page = (site_dir / "commitments" / commitment.id / "index.html").read_text(encoding="utf-8")
        box = page.split("Footnotes — official text of the Bristol Compact (2012)", 1)
        assert len(box) == 2, commitment.id
        assert page.rfind('<div class="compact-official">', 0, len(box[0])) > page.rfind("</div>", 0, len(box[0]))
        inside = unescape(re.sub(r"<[^>]+>", "", box[1].split("</div>", 1)[0]))
        for reference in commitment.references:
            if reference.footnote:
                assert reference.text in " ".join(inside.split()), (commitment.id, reference.key)
