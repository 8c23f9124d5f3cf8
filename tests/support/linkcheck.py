"""A link checker for a built site, reusable by any test.

It reads every HTML file of a site folder with the standard library's HTML
parser and checks every internal reference (``a``/``link`` ``href``,
``script``/``img``/``source``/``iframe`` ``src``): the file it points to
must exist and, when there is a ``#fragment``, that page must have an element
with that ``id`` (or an ``<a name>``). Absolute links to the site's own URL
(permalinks, the canonical link) are checked too, against the same folder.

Usage::

    from support.linkcheck import check_site
    assert not check_site(site_dir), "\\n".join(map(str, check_site(site_dir)))

``parse_site`` / ``parse_page`` give the ids and links of each page for other
checks (duplicate ids, anchors listed in ``published-urls.txt`` …).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from support import SITE_URL

DEFAULT_SITE_URL = SITE_URL

# (tag, attribute) pairs that reference another file.
REFERENCE_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
}


@dataclass(frozen=True)
class Link:
    """One reference found in a page."""

    tag: str
    attribute: str
    value: str
    line: int


@dataclass
class HtmlPage:
    """What the checker needs from one HTML file."""

    path: str  #: relative to the site folder, e.g. ``commitments/1.4/index.html``
    ids: list[str] = field(default_factory=list)  #: every id, in order, duplicates kept
    names: list[str] = field(default_factory=list)  #: ``<a name>`` targets
    links: list[Link] = field(default_factory=list)

    @property
    def anchors(self) -> set[str]:
        return set(self.ids) | set(self.names)


@dataclass(frozen=True)
class BrokenLink:
    page: str
    line: int
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.href!r}: {self.reason}"


class _Collector(HTMLParser):
    def __init__(self, page: HtmlPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.page.ids.append(value)
            elif name == "name" and tag == "a":
                self.page.names.append(value)
            elif (tag, name) in REFERENCE_ATTRIBUTES:
                self.page.links.append(Link(tag, name, value, line))

    handle_startendtag = handle_starttag


def parse_page(site_dir: Path, relative: str) -> HtmlPage:
    page = HtmlPage(relative)
    collector = _Collector(page)
    collector.feed((site_dir / relative).read_text(encoding="utf-8"))
    collector.close()
    return page


def parse_site(site_dir: Path) -> dict[str, HtmlPage]:
    """Every HTML file of the site, keyed by its path relative to ``site_dir``."""
    return {
        path.relative_to(site_dir).as_posix(): parse_page(site_dir, path.relative_to(site_dir).as_posix())
        for path in sorted(site_dir.rglob("*.html"))
    }


def page_url(relative: str) -> str:
    """The URL path a file is served at: ``commitments/1.4/index.html`` → ``/commitments/1.4/``."""
    url = "/" + relative
    return url.removesuffix("index.html")


def file_for(site_dir: Path, url_path: str) -> str | None:
    """The file (relative to ``site_dir``) a static host serves for a URL path, if any."""
    path = unquote(url_path).lstrip("/")
    if path == "" or path.endswith("/"):
        candidate = path + "index.html"
    elif (site_dir / path).is_dir():
        candidate = path + "/index.html"
    else:
        candidate = path
    normalised = posixpath.normpath(candidate)
    if normalised.startswith(".."):
        return None
    return normalised if (site_dir / normalised).is_file() else None


def resolve(page: str, href: str, site_url: str = DEFAULT_SITE_URL) -> tuple[str, str] | None:
    """The site URL path and fragment a reference points to, or None if it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        own = urlsplit(site_url)
        if parts.scheme not in ("http", "https", "") or parts.netloc != own.netloc:
            return None
        path = parts.path or "/"
        if not path.startswith(own.path):
            return None
        return "/" + path[len(own.path):], parts.fragment
    base = page_url(page)
    if not parts.path:
        return base, parts.fragment
    if parts.path.startswith("/"):
        target = parts.path
    else:
        # Normalise without the leading "/" so a link above the root shows as "/../…".
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base).lstrip("/"), parts.path))
        trailing = parts.path.endswith("/") or parts.path in (".", "..")
        target = "/" + ("" if joined == "." else joined + ("/" if trailing else ""))
    return target, parts.fragment


def check_site(
    site_dir: Path,
    site_url: str = DEFAULT_SITE_URL,
    pages: dict[str, HtmlPage] | None = None,
) -> list[BrokenLink]:
    """Every broken internal reference in the site, in page order."""
    pages = pages if pages is not None else parse_site(site_dir)
    broken: list[BrokenLink] = []
    for page in pages.values():
        for link in page.links:
            resolved = resolve(page.path, link.value, site_url)
            if resolved is None:
                continue
            url_path, fragment = resolved
            if url_path.startswith("/.."):
                broken.append(BrokenLink(page.path, link.line, link.value, "points above the site root"))
                continue
            target = file_for(site_dir, url_path)
            if target is None:
                broken.append(BrokenLink(page.path, link.line, link.value, f"no file for {url_path}"))
                continue
            if fragment and link.tag in ("a", "area"):
                if not target.endswith(".html"):
                    continue
                target_page = pages.get(target) or parse_page(site_dir, target)
                if unquote(fragment) not in target_page.anchors:
                    broken.append(
                        BrokenLink(page.path, link.line, link.value, f"no id {fragment!r} in {target}")
                    )
    return broken
