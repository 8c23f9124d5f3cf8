"""Escaping data for Markdown and HTML: the Compact's data is text, never markup.

A commitment containing ``<script>``, ``[x](javascript:…)``, ``{{ }}`` or a
leading ``#`` must appear as exactly those characters wherever it is shown.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# Python-Markdown's backslash-escapable characters, plus "|" (tables).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_WHITESPACE = re.compile(r"\s+")
# Characters that could end a <script> element or start an HTML comment or
# entity, plus the line separators that older JavaScript parsers reject.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


#: Distinct texts a :class:`Remembered` keeps of each escape: the same names, titles and ids fill every page.
REMEMBERED = 1 << 16


def squash(text: str) -> str:
    """Collapse runs of whitespace, as HTML would, so the output is one line."""
    return _WHITESPACE.sub(" ", text).strip()


def markdown_text(value: object) -> str:
    """Escape a value so Python-Markdown renders it as the literal characters.

    ``Markup`` values are trusted (they come from our own templates and
    helpers) and pass through unchanged.
    """
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return _markdown_escaped(str(value))


def _markdown_escaped(text: str) -> str:
    text = squash(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def html_attribute(value: object) -> Markup:
    """Escape a value for an HTML attribute inside a raw HTML tag."""
    return Markup(escape(squash(str(value))))


def tooltip(value: object) -> Markup:
    """A ``title`` attribute the theme makes a tooltip of (a glossary term's ``abbr``).

    Material's and Zensical's tooltips (the ``content.tooltips`` feature) put the attribute's text
    into the page as HTML, so a definition holding ``<img onerror=…>`` would run: the text is escaped
    for that HTML first (``&``, ``<`` and ``>``: quotes are text there, and so the browser's own
    tooltip, without scripts, shows them as written), then for the attribute.
    """
    text = squash(str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return html_attribute(text)


def shorten(text: str, limit: int = 60) -> str:
    """The start of a text, cut at a word boundary, for titles and tabs."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:.(–-")
    return cut + "…"


def front_matter(value: object) -> Markup:
    """A page title or description for the YAML front matter, as a one-line JSON string.

    Material writes ``page.meta.title`` and ``page.meta.description`` into the HTML
    unescaped (``<title>``, the header, ``<meta content="…">``), so they are
    HTML-escaped here: a text containing ``</title><script>`` stays text.
    """
    return Markup(json.dumps(str(escape(squash(str(value)))), ensure_ascii=False))


def script_json(value: Any, *, compact: bool = True) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>`` can appear in it."""
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:  # as the anchor maps have always been written: ASCII, sorted keys
        text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    for character, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escaped)
    return Markup(text)


def link_destination(href: str) -> Markup:
    """A relative URL as a Markdown link's destination: every character but letters, digits and
    ``/ # . - _ ~`` percent-encoded, so that none ends the link, starts an attribute list or a tag."""
    return Markup(quote(href, safe="/#.-_~"))


def code_span(value: object) -> Markup:
    """A value as a Markdown code span: shown exactly, with no escapes (which code spans would show)."""
    return Markup("`" + squash(str(value)).replace("`", "'") + "`")


class Remembered:
    """The escapes of one rendering of the pages, each distinct text worked out once (the same names,
    titles and ids fill every page). It lives as long as that rendering and no longer: nothing one
    build remembers can reach another (``mkdocs serve``'s rebuilds), and a 100x Compact's, tens of MB,
    is let go of with its pages."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self._escaped = functools.lru_cache(maxsize=size)(_markdown_escaped)
        self.link_destination = functools.lru_cache(maxsize=size)(link_destination)
        self.html_attribute = functools.lru_cache(maxsize=size, typed=True)(html_attribute)

    def markdown_text(self, value: object) -> str:
        """:func:`markdown_text`, remembered."""
        if isinstance(value, Markup):
            return str(value)
        if value is None:
            return ""
        return self._escaped(str(value))
