"""No key from the data gives an element the id the site's own templates give another (issue 29).

A complaints step keyed ``compact-summary`` made the complaints page hold two elements of that
id (the step's heading and the summary box), and the page's script then filled in the wrong one.
``check`` refuses such keys; its list of the templates' own ids is read here from the templates
themselves, so a new template id cannot slip past it.
"""

from __future__ import annotations

import re

from support import ROOT

from generator.model.assemble import SITE_ELEMENT_IDS

#: Where the site's own elements are written: the pages', the handouts' and the theme's templates.
TEMPLATE_DIRS = ("generator/pages/templates", "generator/handouts/templates", "overrides", "compact_templates")
#: A literal id in HTML (``id="…"``) or in a Markdown attribute list (``{ #… }``), not one made from data.
LITERAL_ID = re.compile(r'\bid="([a-z0-9_-]+)"|\{ #([a-z0-9_-]+)[ }]')


def test_the_list_is_every_id_the_templates_write() -> None:
    found = set()
    for folder in TEMPLATE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".j2", ".html"):
                text = path.read_text(encoding="utf-8")
                found.update(a or b for a, b in LITERAL_ID.findall(text))
    assert found == SITE_ELEMENT_IDS
