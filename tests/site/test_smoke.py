"""The real site builds and its core pages exist."""

from __future__ import annotations

from pathlib import Path


def test_every_commitment_has_a_page(site_dir: Path) -> None:
    pages = sorted(p.parent.name for p in (site_dir / "commitments").glob("*/index.html"))
    assert len(pages) == 54
    assert "1.4" in pages and "5.8" in pages


def test_commitment_page_shows_official_text(site_dir: Path) -> None:
    html = (site_dir / "commitments" / "5.5" / "index.html").read_text(encoding="utf-8")
    assert "Give a minimum of three months&#39; notice in writing" in html or (
        "Give a minimum of three months' notice in writing" in html
    )
    assert "official text of the Bristol Compact (2012)" in html
