"""Old commitment ids that must keep working: checking the map and what it renders.

Partners cite ``/commitments/1.20/`` in contracts. When a later edition
renumbers, merges or drops commitments, ``compact_data/redirects.yaml`` says
what became of each old id; the build then serves a page at every old URL
(sending readers on, or saying the commitment was withdrawn) and maps old
theme-page anchors to their new places. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from generator import urls
from generator.model import Commitment, Compact, Redirect
from generator.problems import Problem
from generator.schema import RedirectsFile
from generator.yamlfile import YamlFile

REDIRECTS_FILE = "redirects.yaml"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def check_redirects(
    parsed: YamlFile, data: RedirectsFile, by_id: dict[str, Commitment]
) -> tuple[tuple[Redirect, ...], list[Problem]]:
    """Check the map against the current data; every problem points at its line."""
    problems: list[Problem] = []
    redirects: list[Redirect] = []
    #: Numbers given to another commitment by a 'moved' entry may be reused.
    reused = {entry.to for entry in data.redirects if entry.action == "moved"}
    seen: dict[str, int] = {}
    for index, entry in enumerate(data.redirects):
        where = ("redirects", index)
        ok = True
        if entry.old in seen:
            first = parsed.where(("redirects", seen[entry.old], "old"))[0]
            problems.append(
                parsed.problem((*where, "old"), f"old id '{entry.old}' is listed twice (first at line {first})")
            )
            continue
        seen[entry.old] = index
        if entry.old in by_id and entry.old not in reused:
            problems.append(
                parsed.problem(
                    (*where, "old"),
                    f"commitment '{entry.old}' still exists, so its address cannot be redirected "
                    "(only ids that no longer exist, or whose number a 'moved' entry gives to "
                    "another commitment, can be listed)",
                )
            )
            ok = False
        target: Commitment | None = None
        if entry.action == "withdrawn":
            if entry.to is not None:
                problems.append(
                    parsed.problem((*where, "to"), "a withdrawn commitment has no 'to': remove it")
                )
                ok = False
        elif entry.to is None:
            problems.append(
                parsed.problem(
                    (*where, "action"),
                    f"'{entry.action}' needs 'to: \"<id>\"', the commitment it became part of",
                )
            )
            ok = False
        elif entry.to == entry.old:
            problems.append(parsed.problem((*where, "to"), f"'{entry.old}' cannot be redirected to itself"))
            ok = False
        elif entry.to not in by_id:
            problems.append(
                parsed.problem(
                    (*where, "to"),
                    f"unknown target commitment '{entry.to}' (it must be a commitment in the current data)",
                )
            )
            ok = False
        else:
            target = by_id[entry.to]
        if ok:
            redirects.append(Redirect(entry.old, entry.action, target, entry.date, entry.note, entry.text))
    return tuple(redirects), problems


def long_date(value: Any) -> str:
    """``1 April 2030``, the same on every machine (no locale involved)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def url_relative(from_page: str, to_page: str) -> str:
    """A relative URL between the published addresses of two page sources."""
    source = urls.url_path(from_page).rstrip("/") or "."
    target = urls.url_path(to_page).rstrip("/") or "."
    relative = posixpath.relpath(target, source)
    return "./" if relative == "." else relative + "/"


def old_page(redirect: Redirect) -> str:
    """The page source that keeps serving the old address ``/commitments/<old>/``."""
    return f"commitments/{redirect.old}.md"


def redirect_pages(compact: Compact) -> list[tuple[str, str, dict[str, Any]]]:
    """``(page, template, extra)`` for every old address no current commitment uses."""
    current = {c.id for c in compact.commitments}
    plan = []
    for redirect in compact.redirects:
        if redirect.old in current:  # the number was reused: its page is the new commitment's
            continue
        page = old_page(redirect)
        if redirect.target is None:
            plan.append((page, "withdrawn.md.j2", {"r": redirect}))
        else:
            refresh = url_relative(page, urls.commitment_page(redirect.target))
            plan.append((page, "redirect.md.j2", {"r": redirect, "refresh": refresh}))
    return plan


class RedirectView:
    """What templates ask about the map (exposed to them as ``redirects``)."""

    def __init__(self, compact: Compact) -> None:
        self.compact = compact
        self.current = {c.id for c in compact.commitments}

    long_date = staticmethod(long_date)

    def history(self, commitment: Commitment) -> list[Redirect]:
        """Old ids that now lead to ``commitment`` (renumbered to it, merged into it)."""
        return [r for r in self.compact.redirects if r.target is commitment]

    def reused(self, commitment: Commitment) -> Redirect | None:
        """The entry for an earlier, different commitment that had this number, if any."""
        return next((r for r in self.compact.redirects if r.old == commitment.id), None)

    def anchor_map(self, page: str) -> Markup:
        """JSON ``{old anchor: new URL}`` for a listing page; empty if it has none."""
        listed, candidates = self._listing(page)
        mapping: dict[str, str] = {}
        for redirect in candidates:
            if redirect.old in self.current:
                continue  # the anchor still exists on the page
            old_anchor = f"commitment-{redirect.old}"
            target = redirect.target
            if target is None:
                mapping[old_anchor] = url_relative(page, old_page(redirect))
            elif target in listed:
                mapping[old_anchor] = "#" + urls.anchor(target)
            else:
                mapping[old_anchor] = url_relative(page, self._home_of(page, target)) + "#" + urls.anchor(target)
        if not mapping:
            return Markup("")
        text = json.dumps(mapping, ensure_ascii=True, sort_keys=True)
        # Never let the JSON end the <script> element it sits in.
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))

    def _listing(self, page: str) -> tuple[Sequence[Commitment], Sequence[Redirect]]:
        compact = self.compact
        if page == urls.COMMITMENTS:
            return compact.commitments, compact.redirects
        for theme in compact.themes:
            if page == urls.theme_page(theme):
                return theme.commitments, [r for r in compact.redirects if r.theme_number == theme.number]
        for sector in compact.sectors:
            if page == urls.sector_page(sector):
                listed = compact.in_sector(sector)
                shared = compact.shared_sector
                if shared is not None and shared is not sector:  # listed there too
                    listed += compact.in_sector(shared)
                return listed, compact.redirects
        return (), ()

    def _home_of(self, page: str, target: Commitment) -> str:
        """Where ``target`` is listed in the same kind of listing as ``page``."""
        if page.startswith("sectors/"):
            return urls.sector_page(target.sector)
        return urls.theme_page(target.theme)
