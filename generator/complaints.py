"""Data for the complaints guide's in-browser summary (``/complaints/?commitment=1.4``).

The page carries every commitment as JSON in a ``<script type="application/json">``
element, so the browser can show the chosen commitment without fetching
anything and without sending anything anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator import urls
from generator.model import Compact

# Characters that could end the <script> element or start an HTML comment or
# entity, plus the line separators that older JavaScript parsers reject.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>`` can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escaped)
    return Markup(text)


def summary_data(compact: Compact, permalink: Callable[[str], str]) -> dict[str, Any]:
    """What the guide's script needs: each commitment and the summary's blank fields."""
    # The guide is served at /complaints/: links from it climb to the site root.
    to_root = "../" * urls.url_path(urls.COMPLAINTS).count("/")
    return {
        "source": f"{compact.title} ({compact.edition})",
        "list": to_root + urls.url_path(urls.COMMITMENTS),
        "fields": list(compact.complaints.summary_fields),
        "commitments": [
            {
                "id": c.id,
                "text": c.text,
                "sector": c.sector.name,
                "theme": f"{c.theme.number}. {c.theme.title}",
                "url": permalink(urls.commitment_page(c)),
                "page": to_root + urls.url_path(urls.commitment_page(c)),
            }
            for c in compact.commitments
        ],
    }
