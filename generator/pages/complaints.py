"""Data for the complaints guide's in-browser summary (``/complaints/?commitment=1.4``).

The page carries every commitment as JSON in a ``<script type="application/json">``
element, so the browser can show the chosen commitment without fetching
anything and without sending anything anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator import urls
from generator.model import Compact


def summary_data(compact: Compact, permalink: Callable[[str], str]) -> dict[str, Any]:
    """What the guide's script needs: each commitment (with its topics and related provisions) and the
    summary's blank fields."""
    # The guide is served at /complaints/: links from it climb to the site root.
    to_root = "../" * urls.url_path(urls.COMPLAINTS).count("/")
    return {
        "source": compact.label,
        "words": {"provision": compact.words.provision, "Provision": compact.words.Provision},
        "fields": list(compact.complaints.summary_fields),
        "commitments": [
            {
                "id": c.id,
                "name": c.name,
                "Name": c.Name,
                "text": c.text,
                "sector": c.sector.name,
                "theme": c.theme.short if c.theme is not None else "",
                "url": permalink(urls.commitment_page(c)),
                "page": to_root + urls.url_path(urls.commitment_page(c)),
                # What the reader can ask for besides: its topics' blocks (rendered on the page, shown by
                # key) and its related provisions (records of this list, by id).
                "topics": [t.key for t in c.topics],
                "related": [other.id for other in c.related],
            }
            for c in compact.commitments
        ],
    }
