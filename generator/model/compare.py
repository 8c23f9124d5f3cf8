"""A word-level comparison of two wordings of a commitment, for readers (not for machines).

Pure and engine-neutral: pages mark the pieces up (``<del>``/``<ins>``), the open
data could list them, and tests read them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

PieceKind = Literal["same", "deleted", "inserted"]


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    #: Exactly as its wording has it (the old one for deleted words, the new one otherwise).
    text: str
    #: Whether a space follows it in that wording.
    space_after: bool


#: A word (with its inner apostrophes, hyphens and slashes), or one punctuation mark.
TOKEN = re.compile(r"\w(?:[\w'’/-]*\w)?|[^\w\s]")


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Each token and whether whitespace follows it."""
    found = list(TOKEN.finditer(text))
    return [(m.group(), m.end() < len(text) and text[m.end()].isspace()) for m in found]


def compare_words(old: str, new: str) -> tuple[Piece, ...]:
    """The words of ``old`` and ``new`` as runs kept, deleted and inserted, in reading order.

    Words and punctuation marks are compared separately ("overhead," against
    "overhead" is one comma inserted), because a reader checks a citation word
    by word; a changed word shows as the old one deleted, then the new one inserted.
    """
    before, after = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [t for t, _ in before], [t for t, _ in after], autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(_piece("same", after[j1:j2]))
            continue
        if i2 > i1:
            pieces.append(_piece("deleted", before[i1:i2]))
        if j2 > j1:
            pieces.append(_piece("inserted", after[j1:j2]))
    return tuple(pieces)


def _piece(kind: PieceKind, tokens: list[tuple[str, bool]]) -> Piece:
    text = "".join(token + (" " if space else "") for token, space in tokens[:-1]) + tokens[-1][0]
    return Piece(kind, text, tokens[-1][1])
