"""Escaped text in one piece: a Python-Markdown extension for both engines, so that a page
costs time in proportion to its text.

The data reaches Markdown escaped (:func:`generator.pages.text.markdown_text`): ``\\*`` for
each Markdown character and ``&amp;``, ``&lt;``, ``&gt;`` for HTML's. Python-Markdown takes
each escape and each entity as one inline match, and every match copies the rest of the
paragraph, so a text made of punctuation cost the square of its length (a 64 K commitment
took 50 s, a 240 K one more than 15 minutes). This takes a whole run of escapes, entities and
the plain characters between them as one match and gives exactly what the ``escape`` and
``entity`` patterns would have given, one character after another: an escaped character as
Python-Markdown's own placeholder (restored after ``attr_list`` and ``toc`` have run, as
theirs is), an entity as the same placeholder of its character (the HTML writer escapes it
again).

A run never holds a character that could start or end another inline pattern (a bracket,
an emphasis mark, a backtick, ``<``, a new line, another pattern's placeholder) and never
starts inside an HTML tag (raw HTML keeps its text as written), so links, emphasis, code
spans and raw HTML in the templates read as before; the abbreviations are marked later, in
the tree, as before. Without this extension the pages are the same, only slower
(``tests/site/test_literal_runs.py`` compares the two).
"""

from __future__ import annotations

import re

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

#: Where a run starts: an escape or one of the entities the escaping writes.
START = r"\\[^\n]|&(?:amp|lt|gt);"
#: The entities the escaping writes, kept as raw HTML as Python-Markdown's ``entity`` pattern keeps them.
ENTITIES = ("&amp;", "&lt;", "&gt;")
#: Characters a run never holds: each may start or end another inline pattern.
STOPS = r"\\&<>`*_{}\[\]()!|\n" + util.STX + util.ETX
#: Within a link's destination, ``](…)``, a quote starts the link's title: a stop there too.
LINK_STOPS = STOPS + "\"'"


class LiteralRuns(InlineProcessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(START, md)
        self._runs: dict[tuple[str, bool], re.Pattern[str]] = {}

    def _run(self, in_link: bool) -> re.Pattern[str]:
        """A whole run: escapes of the characters Python-Markdown escapes (other extensions add
        theirs while it is set up, so this is made at first use), entities, plain characters."""
        escapable = "".join(self.md.ESCAPED_CHARS)
        key = (escapable, in_link)
        if key not in self._runs:
            stops = LINK_STOPS if in_link else STOPS
            piece = rf"(?:\\[{re.escape(escapable)}]|&(?:amp|lt|gt);)"
            # From an escape to an escape: the characters around a run are the text's own, as
            # around Python-Markdown's own escape (a "_" after a letter starts no emphasis).
            self._runs[key] = re.compile(rf"{piece}(?:[^{stops}]*{piece})*")
        return self._runs[key]

    def handleMatch(  # type: ignore[override]  # (as InlineProcessor itself overrides Pattern)
        self, m: re.Match[str], data: str
    ) -> tuple[str | None, int | None, int | None]:
        start = m.start(0)
        if data.rfind("<", 0, start) > data.rfind(">", 0, start):
            return None, None, None  # inside an HTML tag (or an autolink): raw text, Python-Markdown's own
        in_link = data.rfind("](", 0, start) > data.rfind(")", 0, start)
        run = self._run(in_link).match(data, start)
        if run is None:
            return None, start, m.end(0)  # a backslash Python-Markdown keeps, as its escape pattern does
        # In a run every backslash starts an escape: escaped backslashes first, then the others.
        text = run.group(0).replace("\\\\", _placeholder("\\"))
        for char in self.md.ESCAPED_CHARS:
            if char != "\\":
                text = text.replace("\\" + char, _placeholder(char))
        for entity in ENTITIES:
            if entity in text:
                text = text.replace(entity, self.md.htmlStash.store(entity))
        return text, start, run.end(0)


def _placeholder(char: str) -> str:
    """What Python-Markdown's ``escape`` pattern makes of an escaped character."""
    return f"{util.STX}{ord(char)}{util.ETX}"


class LiteralRunsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.inlinePatterns.register(LiteralRuns(md), "compact_literal_runs", 185)  # before escape (180)


def makeExtension(**kwargs: object) -> LiteralRunsExtension:  # noqa: N802 - Python-Markdown's entry point
    return LiteralRunsExtension(**kwargs)
