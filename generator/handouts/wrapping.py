"""Long words in a handout: places to break them, so that laying them out costs their length.

The stylesheet breaks a word longer than its line anywhere (``overflow-wrap: anywhere``: a
300-character address wraps instead of running off the page). WeasyPrint then lays out, for
each line of such a word, all the text that follows it, so a text that is one long word
(tens of thousands of characters without a space) took the square of its length. In the
text of the handout's HTML (never in its tags, its head or its QR code's SVG), a run of more
than :data:`LONG_RUN` characters with no break gets a zero-width space after every
:data:`BREAK_EVERY` characters: a place to break that prints nothing and is not in the PDF's
text (copying the address gives the address). Shorter runs, every word of the real data, are
left as they are.

WeasyPrint also encodes a whole text again for each line it breaks off it: a text longer than
:data:`LONG_TEXT` characters is laid out in pieces, one ``<span>`` each, cut where a line
may break (the longest text of the real data is shorter, and a piece reads as before).
"""

from __future__ import annotations

import re

#: Runs longer than this get break opportunities; no word or address of the Compact is as long.
LONG_RUN = 60
#: A break opportunity after every this many characters of a long run.
BREAK_EVERY = 20
ZERO_WIDTH_SPACE = "\u200b"
#: Text longer than this is laid out in pieces of at most this length.
LONG_TEXT = 1000

#: What is kept as it is: the head, inline SVG (the QR code and its title) and every tag.
_KEPT = re.compile(r"(<head\b.*?</head>|<svg\b.*?</svg>|<[^>]*>)", re.S | re.I)
#: One character of text: an entity (``&amp;``) counts as one, and is never cut.
_CHARACTER = r"(?:&#?\w+;|[^\s<&\u200b])"
_LONG = re.compile(_CHARACTER + f"{{{LONG_RUN + 1},}}")
_PIECE = re.compile(_CHARACTER + f"{{1,{BREAK_EVERY}}}")
#: Where a piece of a long text may end: after a space or a zero-width space.
_BREAK = re.compile(r"[\s\u200b]")


def breakable(html: str) -> str:
    """``html`` with a zero-width space every :data:`BREAK_EVERY` characters of each long run of its text."""
    parts = _KEPT.split(html)
    for index in range(0, len(parts), 2):  # the text between the kept parts
        parts[index] = _in_pieces(_LONG.sub(_with_breaks, parts[index]))
    return "".join(parts)


def _with_breaks(run: re.Match[str]) -> str:
    return ZERO_WIDTH_SPACE.join(_PIECE.findall(run.group(0)))


def _in_pieces(text: str) -> str:
    """``text``, if longer than :data:`LONG_TEXT`, as ``<span>`` pieces cut after a break."""
    if len(text) <= LONG_TEXT:
        return text
    pieces, start = [], 0
    while len(text) - start > LONG_TEXT:
        window = text[start : start + LONG_TEXT]
        cut = max((m.end() for m in _BREAK.finditer(window)), default=0)
        if cut == 0:  # no break (not after the breaks above): anywhere but inside an entity
            entity = window.rfind("&")
            cut = entity if entity > window.rfind(";") and entity > 0 else LONG_TEXT
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return "".join(f"<span>{piece}</span>" for piece in pieces)
