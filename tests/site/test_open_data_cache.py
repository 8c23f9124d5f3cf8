"""Workbooks kept between builds (issue 17): a kept one has the bytes of one made afresh, an edit
makes a new one, and a damaged entry is never served."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT, SITE, without_source

from generator import open_data, urls
from generator.model import Compact, load_compact


def test_a_kept_workbook_has_the_bytes_of_a_fresh_one(
    compact: Compact, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = open_data.commitments_xlsx(compact, SITE)
    cache = tmp_path / "cache"
    assert open_data.commitments_xlsx(compact, SITE, cache=cache) == fresh  # cold: made, then kept
    (entry,) = cache.iterdir()

    def no_writing(*args: object) -> bytes:
        raise AssertionError("a kept workbook was made again")

    monkeypatch.setattr(open_data, "_workbook", no_writing)
    assert open_data.commitments_xlsx(compact, SITE, cache=cache) == fresh  # warm: read, not written
    edition = urls.edition_pages(compact)  # another page address, other rows: not the same entry
    with pytest.raises(AssertionError, match="made again"):
        open_data.commitments_xlsx(compact, SITE, edition, cache=cache)
    assert list(cache.iterdir()) == [entry]


def test_an_edit_makes_a_new_workbook(compact: Compact, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    open_data.commitments_xlsx(compact, SITE, cache=cache)
    data = shutil.copytree(ROOT / "compact_data", tmp_path / "data")
    without_source(data)  # the words change
    theme = next((data / "themes").glob("1-*.yaml"))
    text = theme.read_text(encoding="utf-8")
    word = compact.commitments[0].text.split()[-1]
    theme.write_text(text.replace(word, word + " (edited)", 1), encoding="utf-8")
    edited = load_compact(data)
    assert edited.commitments[0].text != compact.commitments[0].text
    made = open_data.commitments_xlsx(edited, SITE, cache=cache)
    assert made == open_data.commitments_xlsx(edited, SITE)
    assert made != open_data.commitments_xlsx(compact, SITE)
    assert len(list(cache.iterdir())) == 2


@pytest.mark.parametrize("damage", ["cut short", "one byte changed", "empty"])
def test_a_damaged_entry_is_made_again(compact: Compact, tmp_path: Path, damage: str) -> None:
    fresh = open_data.commitments_xlsx(compact, SITE)
    cache = tmp_path / "cache"
    open_data.commitments_xlsx(compact, SITE, cache=cache)
    (entry,) = cache.iterdir()
    kept = entry.read_bytes()
    middle = len(kept) // 2
    entry.write_bytes({"cut short": kept[:middle], "one byte changed": kept[:middle] + bytes([kept[middle] ^ 1])
                       + kept[middle + 1:], "empty": b""}[damage])
    assert open_data.commitments_xlsx(compact, SITE, cache=cache) == fresh
    assert entry.read_bytes() == kept  # replaced by a whole entry


def test_the_built_site_serves_the_bytes_of_an_uncached_workbook(site_dir: Path, compact: Compact) -> None:
    """The shared real build keeps its workbooks in its own cache folder."""
    kept = list((site_dir.parent / "cache" / "open-data").glob("*.xlsx"))
    assert len(kept) == 2  # the current pages' and the edition copy's
    assert (site_dir / "data" / "commitments.xlsx").read_bytes() == open_data.commitments_xlsx(compact, SITE)
    edition = urls.edition_pages(compact)
    assert (site_dir / edition.file(open_data.XLSX_PATH)).read_bytes() == open_data.commitments_xlsx(
        compact, SITE, edition
    )
