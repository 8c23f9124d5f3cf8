"""Reading built pages, for tests that assert on the HTML."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag


def read_page(site: Path, url_path: str) -> BeautifulSoup:
    """The parsed page served at ``url_path`` (for example ``commitments/1.4/``)."""
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(page: BeautifulSoup) -> Tag:
    """The page's own content, without Material's header, navigation and footer."""
    found = page.select_one("article.md-content__inner")
    assert found is not None
    return found
