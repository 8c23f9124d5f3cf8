"""The site's URL contract, in one place.

Partners put these URLs in contracts and minutes, so they never change; see
``published-urls.txt``. Pages are named by their Markdown source path
(``commitments/1.4.md``), which any engine with directory URLs serves at
``/commitments/1.4/``.
"""

from __future__ import annotations

import posixpath

from generator.model import Commitment, Redirect, Sector, Theme

HOME = "index.md"
ABOUT = "about.md"
VALUES = "values.md"
THEMES = "themes/index.md"
COMMITMENTS = "commitments/index.md"
SECTORS = "sectors/index.md"
GLOSSARY = "glossary.md"
COMPLAINTS = "complaints.md"
DOWNLOADS = "downloads.md"
LINKING = "linking.md"


def theme_page(theme: Theme) -> str:
    return f"themes/{theme.slug}.md"


def commitment_page(commitment: Commitment) -> str:
    return f"commitments/{commitment.id}.md"


def sector_page(sector: Sector) -> str:
    return f"sectors/{sector.slug}.md"


def anchor(commitment: Commitment) -> str:
    """The one anchor a commitment has in every listing that shows it."""
    return f"commitment-{commitment.id}"


def url_path(page: str) -> str:
    """The public path of a page source: ``commitments/1.4.md`` → ``commitments/1.4/``."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_page: str, to_page: str) -> str:
    """A relative link between two page sources, as MkDocs-style Markdown expects."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def old_page(redirect: Redirect) -> str:
    """The page source that keeps serving the old address ``/commitments/<old>/``."""
    return f"commitments/{redirect.old}.md"


def url_relative(from_page: str, to_page: str) -> str:
    """A relative URL between the published addresses of two page sources."""
    source = url_path(from_page).rstrip("/") or "."
    target = url_path(to_page).rstrip("/") or "."
    relative = posixpath.relpath(target, source)
    return "./" if relative == "." else relative + "/"


class Site:
    """The site's own address, from ``site_url`` (in one place: the engine's configuration)."""

    def __init__(self, site_url: str) -> None:
        if not site_url or "://" not in site_url:
            raise ValueError(f"the site's address must be a full URL such as https://example.org/, not {site_url!r}")
        self.url = site_url.rstrip("/") + "/"

    def permalink(self, page: str, fragment: str = "") -> str:
        return self.url + url_path(page) + (f"#{fragment}" if fragment else "")

    def short_permalink(self, page: str) -> str:
        """The permalink without scheme or ``www.``, for print."""
        return self.permalink(page).split("://", 1)[-1].removeprefix("www.")


def read_manifest(text: str) -> list[str]:
    """The addresses a site's published-URL list holds: one per line, ``#`` comments and blank lines skipped."""
    entries = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def unserved(entries: list[str], served: set[str], *, pdf: bool = True) -> list[str]:
    """The listed addresses (anchors aside) that no file of the build serves.

    ``served`` holds the build's URL paths without the leading ``/`` (``""`` for
    the home page). Handouts are not expected in a build without PDFs.
    """
    missing = []
    for entry in entries:
        path = entry.partition("#")[0].removeprefix("/")
        if not pdf and path.endswith(".pdf"):
            continue
        if path not in served:
            missing.append(entry)
    return list(dict.fromkeys(missing))
