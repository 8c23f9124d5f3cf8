"""Compressed copies kept between builds (issue 17): the same bytes as compressing afresh, and a
damaged kept copy is never served."""

from __future__ import annotations

import gzip
from pathlib import Path

from generator.deploy.compress import compress_site


def site(folder: Path) -> Path:
    (folder / "a").mkdir(parents=True)
    (folder / "index.html").write_text("<p>home</p>" * 100, encoding="utf-8")
    (folder / "a" / "index.html").write_text("<p>a page</p>" * 100, encoding="utf-8")
    (folder / "small.css").write_text("p{}", encoding="utf-8")  # too small to be worth it
    return folder


def gz(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.gz"))}


def test_kept_copies_give_the_bytes_of_fresh_ones_and_a_damaged_one_is_remade(tmp_path: Path) -> None:
    fresh = site(tmp_path / "fresh")
    compress_site(fresh)
    cache = tmp_path / "cache"
    first = site(tmp_path / "first")
    compress_site(first, cache)
    assert gz(first) == gz(fresh) and set(gz(fresh)) == {"index.html.gz", "a/index.html.gz"}
    assert len(list(cache.iterdir())) == 2
    for kept in cache.iterdir():  # damaged: cut short
        kept.write_bytes(kept.read_bytes()[:10])
    second = site(tmp_path / "second")
    compress_site(second, cache)
    assert gz(second) == gz(fresh)
    assert all(gzip.decompress(p.read_bytes()) for p in cache.iterdir())  # remade whole
