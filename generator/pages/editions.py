"""What templates ask about the editions (exposed to them as ``history``).

The relation itself lives in :mod:`generator.model.history`; this is a thin
view over it with the few things wording needs (dates as people write them,
the words compared), so that templates hold no logic of their own.
"""

from __future__ import annotations

import datetime

from generator import urls
from generator.model import Commitment, Compact, History, Link, Step
from generator.model.compare import Piece, compare_words
from generator.model.history import Event, Outcome, Withdrawn

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def long_date(value: datetime.date) -> str:
    """``1 April 2030``, the same on every machine (no locale involved)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


class HistoryView:
    def __init__(self, history: History) -> None:
        self.model = history

    long_date = staticmethod(long_date)

    @property
    def editions(self) -> tuple[Compact, ...]:
        return self.model.editions

    @property
    def newest_first(self) -> list[Compact]:
        return list(reversed(self.model.editions))

    @property
    def current(self) -> Compact:
        return self.model.current

    @property
    def several(self) -> bool:
        return len(self.model.editions) > 1

    def pages(self, edition: Compact) -> urls.Pages:
        """Where an edition's own pages are."""
        return urls.edition_pages(edition)

    def page_of(self, commitment: Commitment) -> str:
        """A commitment's own page: a current one's at the top of the site, an earlier one's at its edition's."""
        edition = self.model.edition_of(commitment)
        return (urls.CURRENT if edition.is_current else urls.edition_pages(edition)).commitment_page(commitment)

    def events(self, commitment: Commitment) -> list[Event]:
        return self.model.events(commitment)

    def fate(self, commitment: Commitment) -> tuple[list[Link], Withdrawn | None]:
        return self.model.fate(commitment)

    def outcome(self, commitment: Commitment) -> Outcome:
        return self.model.outcome(commitment)

    def edition_of(self, commitment: Commitment) -> Compact:
        return self.model.edition_of(commitment)

    def step_into(self, edition: Compact) -> Step | None:
        return self.model.step_into(edition)

    @staticmethod
    def compare(old: str, new: str) -> tuple[Piece, ...]:
        """The words of two wordings, kept, deleted and inserted."""
        return compare_words(old, new)
