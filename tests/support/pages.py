"""Reading built pages, for tests that assert on the HTML."""

from __future__ import annotations

import re
from html import unescape
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


def page_html(site: Path, url_path: str) -> str:
    """The built HTML of the page at ``url_path`` (``commitments/1.4``), as text."""
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def words_of(markup: str) -> str:
    """An HTML fragment's text, tags replaced by spaces (line-break hints, ``<wbr>``, by nothing)
    and whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup.replace("<wbr>", ""))).split())



def text_of(tag: Tag | BeautifulSoup | None) -> str:
    """An element's text, whitespace collapsed (it must be there)."""
    assert tag is not None
    return " ".join(tag.get_text(" ").split())
