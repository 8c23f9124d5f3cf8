"""Readers' words in the built site (issue 28, item 2): in the search index, never on the page.

Each commitment's search words (compact_data/search.yaml, tests/data/test_search_words.py) are in
its page as one hidden paragraph, outside the Compact's marked words, under a label saying what they
are; Material's index holds them in a field of their own (``keywords``), so that a result shows the
commitment's words, not ours. Zensical's index keeps the paragraph (tests/zensical/).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from support.pages import article, read_page

from generator.model import Compact
from generator.model.search import LABEL

PARAGRAPH = "p.compact-search-words"


def test_each_commitment_page_holds_its_words_hidden_and_apart_from_the_compacts(
    site_dir: Path, compact: Compact
) -> None:
    with_words = [c for c in compact.commitments if c.search_words]
    assert len(with_words) >= 30
    for commitment in compact.commitments:
        content = article(read_page(site_dir, f"commitments/{commitment.id}/"))
        found = content.select(PARAGRAPH)
        if not commitment.search_words:
            assert not found, commitment.id
            continue
        assert len(found) == 1, commitment.id
        paragraph = found[0]
        assert paragraph.has_attr("hidden"), commitment.id
        assert paragraph.get_text() == f"{LABEL} {', '.join(commitment.search_words)}"
        assert paragraph.find_parent(class_="compact-official") is None, commitment.id
        assert paragraph.find_parent(attrs={"data-search-exclude": True}) is None, commitment.id


def test_no_other_page_holds_search_words(site_dir: Path) -> None:
    """Not the lists, the theme pages, nor an edition's own copy of a commitment (out of search)."""
    holding = sorted(str(p.parent.relative_to(site_dir)) for p in site_dir.rglob("index.html")
                     if "compact-search-words" in p.read_text(encoding="utf-8"))
    assert holding and all(p.startswith("commitments/") for p in holding), holding
    assert (site_dir / "editions" / "2012" / "commitments" / "5.5" / "index.html").is_file()


def test_materials_index_holds_the_words_in_a_field_of_their_own(site_dir: Path, compact: Compact) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["keywords"] == {"boost": 1}
    by_place = {doc["location"]: doc for doc in index["docs"]}
    for commitment in compact.commitments:
        doc = by_place[f"commitments/{commitment.id}/"]
        assert doc.get("keywords", "").split() == " ".join(commitment.search_words).split(), commitment.id
        assert escape(commitment.text[:40], quote=False) in doc["text"], commitment.id
    assert not [doc["location"] for doc in index["docs"] if LABEL in doc["text"]], "the label left in a text"
