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

#: The lines about the person complaining, first in every summary (ours, for any Compact): blank,
#: for the reader to fill in; a field of complaints.yaml's of the same name is not repeated.
SENDER_FIELDS = ("Your name", "Your organisation", "How to contact you (email, phone or address)")


def summary_data(compact: Compact, permalink: Callable[[str], str]) -> dict[str, Any]:
    """What the guide's script needs: each commitment (with its topics and related provisions) and the
    summary's blank fields (the sender's, then the data's)."""
    # The guide is served at /complaints/: links from it climb to the site root.
    to_root = "../" * urls.url_path(urls.COMPLAINTS).count("/")
    given = {field.casefold() for field in compact.complaints.summary_fields}
    return {
        "source": compact.label,
        "words": {"provision": compact.words.provision, "Provision": compact.words.Provision},
        "sender": [f for f in SENDER_FIELDS if f.casefold() not in given],
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
