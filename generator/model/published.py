"""What the data says is published elsewhere, and where: the terms of reuse, the complaints procedure.

Kept apart from :mod:`generator.model.types` so that the model's core stays as it is; both
are plain facts from the data, never guessed: where the data has none, the pages say so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """The terms on which the site's text, handouts and open data may be reused (``licence:`` in compact.yaml)."""

    name: str
    #: An http(s) address (checked with the data).
    url: str
    statement: str | None = None


@dataclass(frozen=True)
class ComplaintsProcedure:
    """The complaints procedure the document names (``procedure:`` in complaints.yaml)."""

    name: str
    #: Where it is published, an http(s) address; ``None`` while it is not published.
    url: str | None = None
