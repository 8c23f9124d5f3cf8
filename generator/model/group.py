"""The addresses the Compact prints about this site, and the Partners' Group it says oversees it.

A printed Compact may send its readers to pages of this site (the partners' group's
membership and record, say): such addresses are data (``printed_addresses`` in
``compact.yaml``), so the site serves each and links it wherever the Compact's words
show it. The Group's own page is made from the Compact's passage about it and, if
the Group publishes them, its membership and record of work (``partners-group.yaml``).
Checks return problems, as elsewhere.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass

from generator.data import shapes
from generator.data.characters import cut
from generator.data.problems import Problem
from generator.data.read import (
    ACCESSIBILITY_FILE,
    PARTNERS_GROUP_DOCUMENTS,
    PARTNERS_GROUP_FILE,
    PROVISIONS_FILE,
    VALUES_FILE,
    DataFiles,
    Documents,
    Loaded,
)
from generator.model import types as m

#: What a printed address looks like: a host, then the path (if any) in URL-safe words.
PRINTED = re.compile(r"^(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?P<path>(?:/[a-z0-9-]+)*)/?$")
#: The Group's page when the Compact prints no address for it.
DEFAULT_GROUP_SLUG = "partners-group"
SITE_PAGE_NAMES = typing.get_args(shapes.PrintedPageName)
#: The first part of every address the site serves of its own: its pages by name (``/about/``,
#: ``/commitments/…``, ``/editions/…``) and the folders of its files. A printed address that is not
#: its page's own must lead elsewhere, or it would replace one of them.
#: (``topics`` is generator.urls.TOPICS_DIR, the topics' pages.)
SITE_NAMES = frozenset({*SITE_PAGE_NAMES, "assets", "data", "search", "topics"} - {"home", "partners-group"})
#: Those of them that are pages (``/about/``), not only folders (``/assets/…``).
SITE_PAGES = SITE_NAMES.intersection(SITE_PAGE_NAMES)
MESSAGES = {
    "shape": "write the address as the Compact prints it, such as 'www.example.org/some-page' "
             "(lower-case words and hyphens after the host)",
    "page": "unknown page '{page}' (expected one of: {names}, "
            "or a hand-written page's file such as 'privacy.md')",
    "twice": "the address path '/{path}' is already given at line {line}",
    "part": "'{part}' cannot be part of an address the site serves: " + shapes.NAME_RULE,
    "own page": "'/{path}' is the address of the site's own page '{name}': a printed address there must name "
                "it ('page: {name}'), or it would replace that page; print another address, or name that page",
    "own folder": "'/{path}' is among the addresses where the site serves its own pages and files "
                  "('/{folder}/…'): a printed address there could replace one of them; print an address outside "
                  "them",
    "taken": "'/{path}' is where the page '{page}' (line {line}) is served: a printed address there must name "
             "it, or it would replace that page",
    "no group": "there is no partners_group passage in compact.yaml, so there is no Group page for this address",
    "no values": "there is no {file}, so the site has no values page for this address: name another page",
    "no parts": "the document has no parts ({file}), so the site has no page of them for this address: "
                "name another page",
    "no statement": "there is no {file}, so the site generates no accessibility statement for this address: "
                    "add the file, or name a hand-written page's file such as 'accessibility.md'",
    "group file": "{file} describes the Compact's partners' group, but compact.yaml has no partners_group passage "
                  "about it: add the passage, or remove the file",
    "sector": "unknown sector '{key}' (expected one of: {keys})",
    "both": "give a link or a document, not both",
    "document": "document '{name}' not found in {folder}/",
}


def absent_pages(files: DataFiles) -> dict[str, str]:
    """The site pages this data gives no page for, by name, with why (for a printed address that names one)."""
    compact = files.compact.data if files.compact is not None else None
    absent = {
        "partners-group": MESSAGES["no group"] if compact is not None and compact.partners_group is None else "",
        "values": MESSAGES["no values"].format(file=VALUES_FILE) if files.values is None else "",
        "accessibility": (MESSAGES["no statement"].format(file=ACCESSIBILITY_FILE)
                          if files.accessibility is None else ""),
        "themes": MESSAGES["no parts"].format(file=PROVISIONS_FILE) if not files.themes and files.provisions else "",
    }
    return {page: why for page, why in absent.items() if why}


def printed_addresses(
    loaded: Loaded[shapes.CompactFile], absent: Mapping[str, str] | None = None
) -> tuple[tuple[m.PrintedAddress, ...], list[Problem]]:
    """Each printed address with its path on the site; problems for any that cannot be served
    (``absent``: the site pages this data has none of, with why: :func:`absent_pages`)."""
    absent = absent or {}
    found: list[m.PrintedAddress] = []
    problems: list[Problem] = []
    paths: dict[str, int] = {}
    for index, entry in enumerate(loaded.data.printed_addresses):
        where = ("printed_addresses", index)
        shape = PRINTED.match(entry.text)
        if shape is None:
            problems.append(loaded.file.problem((*where, "text"), MESSAGES["shape"]))
            continue
        path = shape.group("path").strip("/")
        bad_part = next((part for part in path.split("/") if path and shapes.breaks_name_rule(part)), None)
        if bad_part is not None:
            problems.append(loaded.file.problem((*where, "text"), MESSAGES["part"].format(part=cut(bad_part))))
            continue
        path = path + "/" if path else ""
        if not entry.page.endswith(".md") and entry.page not in SITE_PAGE_NAMES:
            problems.append(loaded.file.problem((*where, "page"), MESSAGES["page"].format(
                page=entry.page, names=", ".join(SITE_PAGE_NAMES))))
            continue
        if entry.page in absent:
            problems.append(loaded.file.problem((*where, "page"), absent[entry.page]))
            continue
        if path in paths:
            line = loaded.file.where(("printed_addresses", paths[path], "text"))[0]
            problems.append(loaded.file.problem((*where, "text"), MESSAGES["twice"].format(path=path, line=line)))
            continue
        paths[path] = index
        place = loaded.file.problem((*where, "text"), "")
        found.append(m.PrintedAddress(entry.text, path, entry.page, f"{place.path}:{place.line}:{place.column}"))
    return tuple(found), problems + check_clashes(loaded, found, paths)


def own_path(page: str, group: str) -> str:
    """The path a page named in ``page:`` is served at (``about`` → ``about/``; ``privacy.md`` →
    ``privacy/``), given the Group's page's path."""
    if page == "home":
        return ""
    if page == "partners-group":
        return group
    stem = page.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return stem + "/" if stem else ""


def check_clashes(
    loaded: Loaded[shapes.CompactFile], addresses: list[m.PrintedAddress], index_of: dict[str, int]
) -> list[Problem]:
    """No printed address replaces a page of the site: each is its page's own address, or one the
    site does not otherwise serve (not a site page, not in one of its folders, not another's page)."""
    group = group_slug(tuple(addresses)) + "/"
    targets = {own_path(a.page, group): a for a in addresses}
    problems = []
    for address in addresses:
        where = ("printed_addresses", index_of[address.path], "text")
        if address.path == own_path(address.page, group):
            continue
        first = address.path.split("/")[0]
        if not address.path or address.path == group or address.path == first + "/" and first in SITE_PAGES:
            name = "home" if not address.path else "partners-group" if address.path == group else first
            message = MESSAGES["own page"].format(path=address.path, name=name)
        elif first in SITE_NAMES or address.path.startswith(group):
            message = MESSAGES["own folder"].format(path=address.path, folder=first)
        elif address.path in targets:
            other = targets[address.path]
            line = loaded.file.where(("printed_addresses", index_of[other.path], "page"))[0]
            message = MESSAGES["taken"].format(path=address.path, page=other.page, line=line)
        else:
            continue
        problems.append(loaded.file.problem(where, message))
    return problems


def group_slug(addresses: tuple[m.PrintedAddress, ...]) -> str:
    """The Group's page is where the Compact says it is, if it says; otherwise ``/partners-group/``."""
    printed = next((a.path.strip("/") for a in addresses if a.page == "partners-group" and a.path), None)
    return printed or DEFAULT_GROUP_SLUG


def partners_group(
    loaded: Loaded[shapes.PartnersGroupFile] | None,
    has_passage: bool,
    sectors: dict[str, m.Sector] | None,
    slug: str,
    documents: Documents | None,
) -> tuple[m.PartnersGroup | None, list[Problem]]:
    """The Group, if the Compact has a passage about it, with what its own file publishes."""
    if not has_passage:
        if loaded is None:
            return None, []
        return None, [loaded.file.problem((), MESSAGES["group file"].format(file=PARTNERS_GROUP_FILE), key=True)]
    if loaded is None:
        return m.PartnersGroup(slug), []
    problems: list[Problem] = []
    members = []
    for index, member in enumerate(loaded.data.members):
        sector = (sectors or {}).get(member.sector)
        if sector is None:
            if sectors is not None:
                problems.append(loaded.file.problem(("members", index, "sector"), MESSAGES["sector"].format(
                    key=member.sector, keys=", ".join(sectors))))
            continue
        members.append(m.GroupMember(member.organisation, sector, member.role))
    records = []
    for index, record in enumerate(loaded.data.records):
        if record.link and record.document:
            problems.append(loaded.file.problem(("records", index, "document"), MESSAGES["both"]))
            continue
        if record.document is not None and not _is_document(documents, record.document):
            problems.append(loaded.file.problem(("records", index, "document"), MESSAGES["document"].format(
                name=record.document, folder=PARTNERS_GROUP_DOCUMENTS)))
            continue
        records.append(m.GroupRecord(record.date, record.kind, record.title, record.summary, record.link,
                                     record.document))
    records.sort(key=lambda r: (r.date, r.title), reverse=True)
    contact = loaded.data.contact
    group = m.PartnersGroup(
        slug, tuple(members), tuple(records),
        email=contact.email if contact else None, url=contact.url if contact else None,
        published=True, documents=documents.folder if documents is not None else None,
    )
    return group, problems


def _is_document(documents: Documents | None, name: str) -> bool:
    """A regular file directly in the documents folder (no paths out of it), as the data stage found it."""
    if "/" in name or "\\" in name or name.startswith("."):
        return False
    return documents is not None and name in documents.names


@dataclass(frozen=True)
class TextPart:
    """A run of a text: plain words, or a printed address to link."""

    text: str
    address: m.PrintedAddress | None
    #: Whether a space follows it in the text.
    space_after: bool


def split_printed(text: str, addresses: tuple[m.PrintedAddress, ...]) -> list[TextPart]:
    """``text`` cut where it shows a printed address (the longest first, whole addresses only)."""
    if not addresses:
        return [TextPart(text, None, False)]
    ordered = sorted(addresses, key=lambda a: -len(a.text))
    by_text = {a.text: a for a in ordered}
    pattern = re.compile(r"(?<![\w/.-])(?:" + "|".join(re.escape(a.text) for a in ordered) + r")(?![\w/-]|\.\w)")
    bounds: list[tuple[int, int, m.PrintedAddress | None]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            bounds.append((position, match.start(), None))
        bounds.append((match.start(), match.end(), by_text[match.group()]))
        position = match.end()
    if position < len(text):
        bounds.append((position, len(text), None))
    parts = []
    for start, end, address in bounds:
        words = text[start:end].strip()
        if words:
            space = text[end - 1].isspace() or (end < len(text) and text[end].isspace())
            parts.append(TextPart(words, address, space))
    return parts
