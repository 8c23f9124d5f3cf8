"""Material's search index: each provision's search words in a field of their own, not in its text.

A provision page holds its readers' words (``search.yaml``) in a hidden paragraph, which both engines'
indexes take in as text (generator/pages/templates/commitment.md.j2). Material's search result would
then show that paragraph instead of the provision's words whenever a reader's word is what matched.
Material's search indexes every field its index's ``config.fields`` names, and shows only the title
and the text: so, once the search plugin has written the index, the paragraph moves from each
entry's text into a field of its own, weighted as the text is unless ``mkdocs.yml`` weights it
(``plugins: search: fields: keywords: boost:``). Zensical's index has fixed fields: its results show
the paragraph, under its label.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from generator.model.search import LABEL

#: The index's field for the words, and where Material's search plugin writes the index.
FIELD = "keywords"
INDEX = Path("search") / "search_index.json"
#: The paragraph as Material's index holds it (the plugin keeps ``<p>``, drops attributes, escapes text).
PARAGRAPH = re.compile(r"\s*<p>" + re.escape(escape(LABEL, quote=False)) + r" ([^<]*)</p>")


def move_search_words(site_dir: Path) -> int:
    """Move the words out of each entry's text into :data:`FIELD`; how many entries had them
    (none if the site has no Material index)."""
    path = site_dir / INDEX
    if not path.is_file():
        return 0
    raw = path.read_text(encoding="utf-8")
    if escape(LABEL, quote=False) not in raw:  # no search words (no search.yaml): nothing to rewrite
        return 0
    index = json.loads(raw)
    moved = 0
    for doc in index.get("docs", []):
        text = doc.get("text", "")
        found = PARAGRAPH.search(text)
        if found is None:
            continue
        doc["text"] = text[: found.start()] + text[found.end():]
        doc[FIELD] = found.group(1).replace(",", "")
        moved += 1
    if moved:
        index["config"].setdefault("fields", {}).setdefault(FIELD, {"boost": 1})
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return moved
