"""Old commitment ids that must keep working: the pages and anchor maps they need.

Partners cite ``/commitments/1.20/`` in contracts. When a later edition
renumbers, merges, splits or drops commitments, the editions say what became of
each old id (:attr:`generator.model.history.History.redirects`); the build then serves a
page at every old URL (sending readers on, or saying what became of it) and maps
old theme-page anchors to their new places. Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from generator import urls
from generator.model import Commitment, Compact, Redirect
from generator.pages.text import script_json


def redirect_pages(compact: Compact) -> list[tuple[str, str, dict[str, Any]]]:
    """``(page, template, extra)`` for every old address (no current commitment has one: see
    :attr:`generator.model.history.History.redirects`)."""
    plan: list[tuple[str, str, dict[str, Any]]] = []
    for redirect in compact.redirects:
        page = urls.old_page(redirect)
        if redirect.target is None:  # withdrawn, or split: the page itself is the answer
            plan.append((page, "withdrawn.md.j2", {"r": redirect}))
        else:
            refresh = urls.url_relative(page, urls.commitment_page(redirect.target))
            plan.append((page, "redirect.md.j2", {"r": redirect, "refresh": refresh}))
    return plan


class RedirectView:
    """What templates ask about the map (exposed to them as ``redirects``)."""

    def __init__(self, compact: Compact) -> None:
        self.compact = compact

    def anchor_map(self, page: str) -> Markup:
        """JSON ``{old anchor: new URL}`` for a listing page; empty if it has none."""
        listed, candidates = self._listing(page)
        mapping: dict[str, str] = {}
        for redirect in candidates:  # old ids only: every current anchor still exists on its page
            old_anchor = f"commitment-{redirect.old}"
            target = redirect.target
            if target is None:
                mapping[old_anchor] = urls.url_relative(page, urls.old_page(redirect))
            elif target in listed:
                mapping[old_anchor] = "#" + urls.anchor(target)
            else:
                mapping[old_anchor] = urls.url_relative(page, self._home_of(page, target)) + "#" + urls.anchor(target)
        if not mapping:
            return Markup("")
        return script_json(mapping, compact=False)

    def _listing(self, page: str) -> tuple[Sequence[Commitment], Sequence[Redirect]]:
        compact = self.compact
        if page == urls.COMMITMENTS:
            return compact.commitments, compact.redirects
        for theme in compact.themes:
            if page == urls.theme_page(theme):
                return theme.commitments, [r for r in compact.redirects if r.theme_slug == theme.slug]
        for sector in compact.sectors:
            if page == urls.sector_page(sector):
                return compact.binding(sector), compact.redirects
        return (), ()

    def _home_of(self, page: str, target: Commitment) -> str:
        """Where ``target`` is listed in the same kind of listing as ``page``."""
        if page.startswith("sectors/"):
            return urls.sector_page(target.sector)
        return urls.theme_page(target.theme) if target.theme is not None else urls.COMMITMENTS
