"""Visiting the site tells no third party: every page, as the browser loads it.

Each HTML file of the build is opened in headless Chromium with every request
recorded; anything addressed outside the served origin is blocked and
reported. The same visit collects the links of the page as the browser has
rendered it (after its scripts ran), which the static link check in
tests/site/test_site.py (tests/support/linkcheck.py) cannot see, and checks them with that
module's resolver.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from support.browsing import html_files, url_for
from support.linkcheck import file_for, parse_site

pytestmark = pytest.mark.browser

THIRD_PARTY_MARKUP = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|googletagmanager|google-analytics|gtag\(|cdn\.jsdelivr|unpkg\.com"
    r"|cdnjs|plausible|matomo|hotjar|segment\.com",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def visits(browser: Any, served_site: str, site_dir: Path) -> dict[str, dict[str, Any]]:
    """Every page visited once: the requests it made, those blocked, its rendered links.

    Chromium resolves no host name but the server's (``CHROMIUM_ARGS``), so a request to another
    host is made, recorded here, and fails: it is blocked. (Not by intercepting every request,
    which turns off the browser's cache and makes each of the site's pages load its scripts anew.)"""
    origin = urlsplit(served_site).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    results: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] = {}

    def failed(request: Any) -> None:
        if urlsplit(request.url).netloc != origin and not request.url.startswith(("data:", "blob:")):
            current["blocked"].append(request.url)

    try:
        page = context.new_page()
        page.on("request", lambda request: current["requests"].append(request.url))
        page.on("requestfailed", failed)
        for file in html_files(site_dir):
            current = {"requests": [], "blocked": []}
            page.goto(served_site + url_for(file))
            page.wait_for_load_state("load")
            current["links"] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            results[file] = current
    finally:
        context.close()
    return results


def test_every_page_was_visited(visits: dict[str, dict[str, Any]], site_dir: Path) -> None:
    assert len(visits) == len(html_files(site_dir)) > 60
    assert all(v["requests"] for v in visits.values())


def test_no_page_requests_anything_from_another_origin(
    visits: dict[str, dict[str, Any]], served_site: str
) -> None:
    origin = urlsplit(served_site).netloc
    outside = {
        page: sorted({u for u in v["requests"] if urlsplit(u).netloc != origin and not u.startswith("data:")})
        for page, v in visits.items()
    }
    outside = {page: urls for page, urls in outside.items() if urls}
    blocked = {page: v["blocked"] for page, v in visits.items() if v["blocked"]}
    assert not outside and not blocked, f"requests outside the site: {outside or blocked}"


def test_the_search_index_and_assets_are_served_locally(visits: dict[str, dict[str, Any]]) -> None:
    """The visit really loads the site's own scripts, styles and search index (so the check means something)."""
    home = visits["index.html"]["requests"]
    assert any(u.endswith(".css") for u in home) and any(u.endswith(".js") for u in home)
    assert any(u.endswith("/search/search_index.json") for u in home)


def test_no_fonts_cdns_or_analytics_in_the_html(site_dir: Path) -> None:
    found = {}
    for file in html_files(site_dir):
        text = (site_dir / file).read_text(encoding="utf-8")
        matches = sorted(set(m.group(0) for m in THIRD_PARTY_MARKUP.finditer(text)))
        if matches:
            found[file] = matches
    assert not found, f"third-party references in the HTML: {found}"


def test_links_in_the_rendered_pages_resolve(
    visits: dict[str, dict[str, Any]], served_site: str, site_dir: Path
) -> None:
    """Links as the browser has them, including those scripts add or change."""
    pages = parse_site(site_dir)
    origin = urlsplit(served_site).netloc
    broken = []
    for page, visit in visits.items():
        for href in visit["links"]:
            parts = urlsplit(href)
            if parts.netloc != origin or parts.scheme not in ("http", "https"):
                continue
            target = file_for(site_dir, parts.path)
            if target is None:
                broken.append(f"{page}: {href}: no page at {parts.path}")
            elif parts.fragment and target.endswith(".html") and parts.fragment not in pages[target].anchors:
                broken.append(f"{page}: {href}: no id {parts.fragment!r} in {target}")
    assert not broken, "\n".join(broken)
