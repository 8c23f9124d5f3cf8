"""Where the glossary's tooltips do not belong: a Python-Markdown extension for both engines.

The pages get glossary terms as Python-Markdown ``abbr`` definitions
(:meth:`generator.pages.render.Renderer.abbreviations`), and ``abbr`` marks every
occurrence. A term is only worth marking where someone reads it in running text: never in
a heading, a link, a form label or a small label line, nor inside the glossary's own entry
for that term (its definition would explain itself). This runs after ``abbr`` and unwraps
those marks, leaving the words exactly as they were.

Templates say where: an element with the class ``compact-no-abbr`` (or one of the label
classes below), and a glossary entry with ``data-own-terms="CSO|Civil society organisation"``,
the forms of its own term; that attribute is removed from the page.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: Elements whose words are never marked.
UNMARKED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "label", "option", "button", "summary"})
#: Classes of the site's labels and small print: never marked either.
UNMARKED_CLASSES = frozenset({
    "compact-no-abbr", "compact-official__label", "compact-explanatory-label", "compact-item__meta",
    "compact-pager", "compact-breadcrumbs",
})
OWN_TERMS = "data-own-terms"


class AbbrScope(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root, unmarked=False, own=frozenset())

    def _walk(self, element: etree.Element, *, unmarked: bool, own: frozenset[str]) -> None:
        classes = set((element.get("class") or "").split())
        unmarked = unmarked or element.tag in UNMARKED_TAGS or bool(classes & UNMARKED_CLASSES)
        if OWN_TERMS in element.attrib:
            own = own | set(element.attrib.pop(OWN_TERMS).split("|"))
        for child in list(element):
            if child.tag == "abbr" and (unmarked or (child.text or "") in own):
                _unwrap(element, child)
            else:
                self._walk(child, unmarked=unmarked, own=own)


def _unwrap(parent: etree.Element, abbr: etree.Element) -> None:
    """Replace ``<abbr>`` by its words, joined to the text around it."""
    words = (abbr.text or "") + (abbr.tail or "")
    index = list(parent).index(abbr)
    if index == 0:
        parent.text = (parent.text or "") + words
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + words
    parent.remove(abbr)


class AbbrScopeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(AbbrScope(md), "compact_abbr_scope", 6)  # after abbr (7)


def makeExtension(**kwargs: object) -> AbbrScopeExtension:  # noqa: N802 - Python-Markdown's entry point
    return AbbrScopeExtension(**kwargs)
