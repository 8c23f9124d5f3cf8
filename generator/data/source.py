"""Guarding the official text: every word marked as the Compact's is checked against its source.

``compact.yaml`` names the plain-text document the data was transcribed from
(``source: {file: …}``). Each text the site marks as official — commitments,
values, outcomes, passages, footnotes, the Compact's own glossary
definitions — must appear in that source word for word, after the same
normalisation the fidelity tests use: whitespace collapsed, footnote markers
glued to words (``CSOs*``, ``commissioning*¹``) dropped, and the source's
listed garbled places read as the printed document reads them. An editor who
changes a word is told which words differ, so nothing new is ever labelled as
the Compact's text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.data.problems import Problem

#: A footnote marker glued to the word it annotates: CSOs*, Plan*., commissioning*¹, arrangements*3.
FOOTNOTE_MARKER = re.compile(r"(?<=\w)\*([¹²³⁴⁵⁶⁷⁸⁹]|\d+)?")
#: At most this many differences are listed for one text.
MAX_DIFFERENCES = 3


def squash(text: str) -> str:
    return " ".join(text.split())


def normalise(text: str, corrections: Iterable[tuple[str, str]] = ()) -> str:
    """The source as the check reads it: corrections applied, markers dropped, whitespace collapsed."""
    for garbled, reads in corrections:
        text = text.replace(garbled, reads)
    return squash(FOOTNOTE_MARKER.sub("", text))


@dataclass(frozen=True)
class OfficialText:
    """One text the site marks as the Compact's words, and where the data gives it."""

    what: str  # "commitment 1.4", "value 'diversity'"
    text: str
    place: Problem  # the file, line and column (the message is replaced)
    #: Glossary definitions may start a sentence that is lower-case in the source.
    any_first_case: bool = False


class Source:
    """A normalised source text that official texts are looked up in."""

    def __init__(self, text: str, corrections: Iterable[tuple[str, str]] = ()) -> None:
        self.text = normalise(text, corrections)
        self._words: list[str] | None = None

    def contains(self, item: OfficialText) -> bool:
        text = squash(item.text)
        if text in self.text:
            return True
        return item.any_first_case and bool(text) and (text[0].swapcase() + text[1:]) in self.text

    def differences(self, text: str) -> list[str]:
        """What differs between ``text`` and the closest place in the source, in words."""
        if self._words is None:
            self._words = self.text.split()
        source, words = self._words, squash(text).split()
        matcher = difflib.SequenceMatcher(None, source, words, autojunk=False)
        start, offset, size = matcher.find_longest_match(0, len(source), 0, len(words))
        if size == 0:
            return []
        begin = max(0, start - offset)
        window = source[begin : begin + len(words) + MAX_DIFFERENCES * 4]
        opcodes = difflib.SequenceMatcher(None, window, words, autojunk=False).get_opcodes()
        while opcodes and opcodes[-1][0] == "delete":  # the source simply goes on
            opcodes.pop()
        found = []
        for tag, i1, i2, j1, j2 in opcodes:
            ours, theirs = " ".join(words[j1:j2]), " ".join(window[i1:i2])
            if tag == "replace":
                found.append(f"'{ours}' where the source has '{theirs}'")
            elif tag == "insert":
                found.append(f"'{ours}' is not in the source")
            elif tag == "delete":
                found.append(f"the source has '{theirs}' here")
        return found


def check_official_texts(source: Source, texts: Iterable[OfficialText], label: str) -> list[Problem]:
    """A problem for each official text that is not the source's, naming the words that differ."""
    problems = []
    for item in texts:
        if source.contains(item):
            continue
        differences = source.differences(item.text)
        if differences:
            shown = "; ".join(differences[:MAX_DIFFERENCES])
            more = len(differences) - MAX_DIFFERENCES
            detail = shown + (f" (and {more} more)" if more > 0 else "")
        else:
            detail = "its words are not in the source at all"
        message = f"{item.what} differs from the source text of {label}: {detail}"
        problems.append(Problem(item.place.path, item.place.line, item.place.column, message))
    return problems
