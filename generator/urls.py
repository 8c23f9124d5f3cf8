"""The site's URL contract, in one place.

Partners put these URLs in contracts and minutes, so they never change; see
``published-urls.txt``. Pages are named by their Markdown source path
(``commitments/1.4.md``), which any engine with directory URLs serves at
``/commitments/1.4/``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from generator.model import (
    Commitment,
    Compact,
    PartName,
    PartnersGroup,
    PrintedAddress,
    ProvisionName,
    Redirect,
    Sector,
    Topic,
)

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
EDITIONS = "editions/index.md"
#: The self-assessment and action plan partners fill in, kept in their own browser (issue 27).
SELF_ASSESSMENT = "self-assessment.md"
#: The website's accessibility statement (generated if the data gives its facts: accessibility.yaml).
ACCESSIBILITY = "accessibility.md"
#: Where every edition also lives, at a permanent address of its own.
EDITIONS_DIR = "editions"
#: Where each topic has its page (``topics/<key>.md``).
TOPICS_DIR = "topics"
#: The site's pages by the names the data gives them (printed addresses).
SITE_PAGES = {
    "home": HOME, "about": ABOUT, "values": VALUES, "themes": THEMES, "sectors": SECTORS,
    "commitments": COMMITMENTS, "glossary": GLOSSARY, "complaints": COMPLAINTS, "downloads": DOWNLOADS,
    "linking": LINKING, "editions": EDITIONS, "accessibility": ACCESSIBILITY, "self-assessment": SELF_ASSESSMENT,
}


def theme_page(theme: PartName) -> str:
    return f"themes/{theme.slug}.md"


def topic_page(topic: Topic) -> str:
    """A topic's page: its provisions and what a reader can do (the current edition's; a folder of
    pages with no list page of its own, so ``check`` keeps printed addresses out of it)."""
    return f"{TOPICS_DIR}/{topic.key}.md"


def commitment_page(commitment: ProvisionName) -> str:
    return f"commitments/{commitment.id}.md"


def sector_page(sector: Sector) -> str:
    return f"sectors/{sector.slug}.md"


def group_page(group: PartnersGroup) -> str:
    """The partners' group's page: at the address the Compact prints for it."""
    return f"{group.slug}.md"


def printed_target(address: PrintedAddress, compact: Compact) -> str:
    """The page source holding what the Compact promises at a printed address."""
    if address.page.endswith(".md"):
        return address.page
    if address.page == "partners-group":
        assert compact.group is not None  # checked with the data
        return group_page(compact.group)
    return SITE_PAGES[address.page]


def printed_page(address: PrintedAddress) -> str:
    """The page source a printed address is served from (the target itself, or a page sending readers on)."""
    return address.path.rstrip("/") + ".md" if address.path else HOME


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
    """A relative link between two page sources, as MkDocs-style Markdown expects: what
    ``posixpath.relpath`` gives, worked out from the names alone (relpath asks the system for
    the working folder at every call, and pages make thousands of links)."""
    start = [part for part in posixpath.dirname(from_page).split("/") if part]
    target = [part for part in to_page.split("/") if part]
    if {".", ".."} & {*start, *target} or from_page.startswith("/") or to_page.startswith("/"):
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def old_page(redirect: Redirect) -> str:
    """The page source that keeps serving the old address ``/commitments/<old>/``."""
    return f"commitments/{redirect.old}.md"


@dataclass(frozen=True)
class Pages:
    """Where one edition's own pages are: the current edition's at the top of the site
    (``commitments/1.4.md``), and every edition's, the current one's too, under
    ``editions/<year>/`` (``editions/2030/commitments/1.4.md``). The site's other pages
    (home, about, glossary, complaints…) are the current edition's and have one place.

    Templates get one of these as ``urls``, so the same template renders either.
    """

    prefix: str = ""

    HOME = HOME
    ABOUT = ABOUT
    VALUES = VALUES
    GLOSSARY = GLOSSARY
    COMPLAINTS = COMPLAINTS
    DOWNLOADS = DOWNLOADS
    LINKING = LINKING
    EDITIONS = EDITIONS
    ACCESSIBILITY = ACCESSIBILITY
    SELF_ASSESSMENT = SELF_ASSESSMENT
    url_path = staticmethod(url_path)
    topic_page = staticmethod(topic_page)  # the current edition's alone
    anchor = staticmethod(anchor)
    old_page = staticmethod(old_page)

    @property
    def archived(self) -> bool:
        """Whether these are the pages at an edition's own address (``editions/<year>/``)."""
        return bool(self.prefix)

    @property
    def THEMES(self) -> str:  # noqa: N802 - read as the page constants beside it
        return THEMES if not self.prefix else self.prefix + "index.md"

    @property
    def SECTORS(self) -> str:  # noqa: N802
        return SECTORS if not self.prefix else self.prefix + "index.md"

    @property
    def COMMITMENTS(self) -> str:  # noqa: N802
        return self.prefix + COMMITMENTS

    @property
    def EDITION(self) -> str:  # noqa: N802
        """The edition's own home page (``editions/2030/``)."""
        return self.prefix + "index.md"

    @property
    def CHANGES(self) -> str:  # noqa: N802
        """The edition's "what changed" page."""
        return self.prefix + "changes.md"

    def commitment_page(self, commitment: ProvisionName) -> str:
        return self.prefix + commitment_page(commitment)

    def theme_page(self, theme: PartName) -> str:
        return self.prefix + theme_page(theme)

    def sector_page(self, sector: Sector) -> str:
        return self.prefix + sector_page(sector)

    def file(self, path: str) -> str:
        """A generated file of the edition: ``downloads/x.pdf`` → ``editions/2030/downloads/x.pdf``."""
        return self.prefix + path


#: The current edition's pages, at the top of the site.
CURRENT = Pages()


def edition_pages(compact: Compact) -> Pages:
    """The pages at an edition's permanent address, ``editions/<year>/``."""
    return Pages(f"{EDITIONS_DIR}/{compact.edition_key}/")


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
