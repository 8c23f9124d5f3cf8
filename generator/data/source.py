"""Guarding the official text: every word marked as the Compact's is a whole piece of its source.

``compact.yaml`` names the plain-text document the data was transcribed from
(``source: {file: …}``). The source is read as the document is laid out: blocks
(paragraphs, list items, headings, footnotes — a blank line or a list marker
starts one) made of sentences. Each text the site marks as official must be a
*whole unit* of it: one or more whole sentences of one block, in order, with
the block's own markers (``- 1.4.``, ``>``, ``^{*1}``) left aside. A text cut
short, missing its start, running into the next item, or holding another
provision's words is refused with a sentence that says what is missing, extra
or borrowed. Only quotations of the document (the Compact's own glossary
definitions, a document it names in passing) may be *excerpts*: whole words,
ending where the source ends a clause or sentence.

Texts of one sequence (the provisions, the values, one passage's paragraphs…)
must also take the source's words in the document's order and each its own:
that is what catches a provision holding another's words, or two swapped.

The comparison is after the normalisation the fidelity tests use: whitespace
collapsed, footnote markers glued to words (``CSOs*``, ``commissioning*¹``)
dropped, and the source's listed garbled places read as the printed document
reads them. A title or heading the source prints in capitals may be given in
sentence case ("YOUR VOICE" as "Your voice"): it is compared regardless of letter
case, and only it.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.data.messages import OFFICIAL_TEXT
from generator.data.problems import Problem

#: A footnote marker glued to the word it annotates: CSOs*, Plan*., commissioning*¹, arrangements*3.
FOOTNOTE_MARKER = re.compile(r"(?<=\w)\*([¹²³⁴⁵⁶⁷⁸⁹]|\d+)?")
#: At most this many differences are listed for one text.
MAX_DIFFERENCES = 3
#: At most this many words of the source are quoted in a message.
QUOTED_WORDS = 8

#: A quotation's nearest passage shares a run of at least this many words with it, in order…
NEAR_RUN = 3
#: … and at least this share of all its words (difflib's ratio), or no passage is near it.
NEAR_LIKENESS = 0.5
#: The words of the source quoted on each side of where a quotation first parts from it.
STRETCH_AROUND = 5

#: What starts a new block on a line of its own: a list or heading marker, a footnote, a number.
_BLOCK_START = re.compile(r"\s*(?:[-*•>]\s|\^\{|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)]\s)")
#: The markers at a block's start that are layout, not words: bullets, "> ", "^{*1}", "1.4.", "(c)".
_BLOCK_MARKERS = re.compile(
    r"(?:[-*•<>]+\s+|\^\{[^}\s]*\}\s*|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)]\s+)*"
)
#: Where a sentence ends inside a block: ., ! or ? (and closing quotes or brackets), then a new sentence.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?= [\"'“‘(\[]?[A-Z0-9])")
#: Where an excerpt may end besides a sentence's end: before a clause's punctuation.
_CLAUSE_END = re.compile(r"(?=[,;:] )")
#: Between two blocks in the joined source: no text (squashed to one line) can span it.
_BLOCK_BREAK = "\n"
#: How a block break shows among the source's words when differences are listed.
_BREAK_WORD = "\u00b6"

#: How much of the source an official text must be.
Extent = Literal["whole", "excerpt"]


def squash(text: str) -> str:
    return " ".join(text.split())


def normalise(text: str, corrections: Iterable[tuple[str, str]] = ()) -> str:
    """The source as the check reads it: corrections applied, markers dropped, whitespace collapsed."""
    for garbled, reads in corrections:
        text = text.replace(garbled, reads)
    return squash(FOOTNOTE_MARKER.sub("", text))


@dataclass(frozen=True)
class Block:
    """A paragraph, item, heading or footnote of the source, normalised, without its layout markers."""

    text: str
    #: Whether a list, heading or footnote marker started it (a plain paragraph has none).
    marked: bool

    def ends_sentence(self) -> bool:
        return self.text.rstrip("\"'”’)]").endswith((".", "!", "?", ":"))


def blocks(text: str, corrections: Iterable[tuple[str, str]] = ()) -> list[Block]:
    """The source's blocks: a blank line or a marker at a line's start begins one."""
    for garbled, reads in corrections:
        text = text.replace(garbled, reads)
    found: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            current = None
            continue
        if current is None or _BLOCK_START.match(line):
            current = []
            found.append(current)
        current.append(line)
    result = []
    for lines in found:
        block = squash(FOOTNOTE_MARKER.sub("", " ".join(lines)))
        markers = _BLOCK_MARKERS.match(block)
        words = block[markers.end():] if markers else block
        if words:
            result.append(Block(words, bool(_BLOCK_START.match(lines[0]))))
    return result


def crosses(earlier: Block, later: Block) -> bool:
    """Whether a sentence runs on from one block into the next.

    A page's layout can break a sentence ("… can be seen at" / "www.example.org"): a plain
    paragraph ending mid-sentence goes on into a plain paragraph that follows. List items,
    marked headings and footnotes never do, so no text can run from one provision into the next.
    """
    return not earlier.marked and not later.marked and not earlier.ends_sentence()


@dataclass(frozen=True)
class OfficialText:
    """One text the site marks as the Compact's words, and where the data gives it."""

    what: str  # "commitment 1.4", "value 'diversity'"
    text: str
    place: Problem  # the file, line and column (the message is replaced)
    #: Glossary definitions may start a sentence that is lower-case in the source.
    any_first_case: bool = False
    #: "whole" sentences of one block, or an "excerpt" (a quotation: whole words, ending at a clause).
    extent: Extent = "whole"
    #: Texts of one sequence take the source's words in order, each its own ("" for none).
    sequence: str = ""
    #: A title or heading: where the source prints it in capitals, it may be given in any case.
    heading: bool = False
    #: How the editor marks the text as our own words instead, where the data can ("source: explanatory").
    own_words: str = ""


@dataclass(frozen=True)
class Near:
    """The source's words nearest a quotation that is not in it: a short stretch, and how they first differ."""

    stretch: str
    differs: str


@dataclass(frozen=True)
class Span:
    """Where an official text stands in the joined source."""

    start: int
    end: int


class Source:
    """A normalised source text, in blocks and sentences, that official texts are aligned to."""

    def __init__(self, text: str, corrections: Iterable[tuple[str, str]] = ()) -> None:
        parts = blocks(text, corrections)
        breaks = [" " if crosses(a, b) else _BLOCK_BREAK for a, b in zip(parts, parts[1:], strict=False)]
        self.text = "".join(block.text + brk for block, brk in zip(parts, [*breaks, ""], strict=True))
        self._unit_starts: set[int] = set()
        self._unit_ends: set[int] = set()
        self._clause_ends: set[int] = set()
        self._block_starts: list[int] = []
        offset = 0
        for block in parts:
            self._block_starts.append(offset)
            self._unit_starts.add(offset)
            self._unit_ends.add(offset + len(block.text))
            for match in _SENTENCE_END.finditer(block.text):
                self._unit_ends.add(offset + match.end())
                self._unit_starts.add(offset + match.end() + 1)
            self._clause_ends.update(offset + m.start() for m in _CLAUSE_END.finditer(block.text))
            offset += len(block.text) + 1
        self._words: list[str] | None = None
        self._lower = lowered(self.text)
        #: Every unit start by the unit's first two words (letter case aside): where a whole text may
        #: stand is looked up, not searched for, so checking stays linear in the data and the source.
        self._by_lead: dict[str, list[int]] = {}
        for start in sorted(self._unit_starts):
            self._by_lead.setdefault(lead(self._lower, start), []).append(start)

    # -- where a text stands ----------------------------------------------------------

    def occurrences(self, item: OfficialText) -> Iterator[Span]:
        """Every place the text's words stand in the source, aligned or not."""
        text = squash(item.text)
        if not text:
            return
        forms = {text}
        if item.any_first_case:
            forms.add(text[0].swapcase() + text[1:])
        for form in forms:
            yield from self._find(self.text, form)
        if item.heading:
            for span in self._find(self._lower, lowered(text)):
                if self.in_capitals(span) and self.text[span.start : span.end] != text:
                    yield span

    @staticmethod
    def _find(haystack: str, needle: str) -> Iterator[Span]:
        at = haystack.find(needle)
        while at != -1:
            yield Span(at, at + len(needle))
            at = haystack.find(needle, at + 1)

    def in_capitals(self, span: Span) -> bool:
        """Whether the source prints these words in capitals (a heading set in capitals)."""
        words = self.text[span.start : span.end]
        return words == words.upper() and any(c.isalpha() for c in words)

    def _excerpt_at(self, span: Span) -> bool:
        """Whether a place is an excerpt's: whole words, ending where a clause or sentence ends."""
        starts_word = span.start == 0 or not self.text[span.start - 1].isalnum()
        return starts_word and (span.end in self._unit_ends or span.end in self._clause_ends)

    def place(self, item: OfficialText, after: int = 0) -> Span | None:
        """Where a text stands as a whole unit: its first such place from ``after`` on, else its
        first anywhere (a sequence's text takes the next place; one before is out of order)."""
        if item.extent == "excerpt":  # may start at any word: searched (quotations are few and short)
            found = sorted((s for s in self.occurrences(item) if self._excerpt_at(s)), key=lambda s: s.start)
            return next((s for s in found if s.start >= after), found[0] if found else None)
        text = squash(item.text)
        if not text:
            return None
        starts = self._by_lead.get(lead(lowered(text), 0), [])
        at = bisect.bisect_left(starts, after)
        for start in [*starts[at:], *starts[:at]]:
            span = Span(start, start + len(text))
            if span.end in self._unit_ends and self._reads(item, text, span):
                return span
        return None

    def _reads(self, item: OfficialText, text: str, span: Span) -> bool:
        """Whether the source at ``span`` reads ``text`` (or a form the item allows)."""
        if self.text.startswith(text, span.start):
            return True
        if item.any_first_case and self.text.startswith(text[0].swapcase() + text[1:], span.start):
            return True
        return item.heading and self._lower.startswith(lowered(text), span.start) and self.in_capitals(span)

    # -- what is wrong with a text that has no aligned place ------------------------------

    def printed_in_another_case(self, item: OfficialText) -> str | None:
        """How the source prints a heading that differs from it in letter case only."""
        if not item.heading:
            return None
        span = next(self._find(self._lower, lowered(squash(item.text))), None)
        return None if span is None else self.text[span.start : span.end]

    def shortfall(self, item: OfficialText) -> str | None:
        """For a text that stands in the source only as part of a unit: what the unit has besides."""
        for span in self.occurrences(item):
            before = self.text[self._unit_start_before(span.start) : span.start].strip()
            after = self.text[span.end : self._unit_end_after(span.end)].strip()
            said = []
            if before:
                said.append(f"the source has {quote_end(before)} before it")
            if after:
                said.append(f"the source goes on {quote_start(after)}")
            if said:
                return " and ".join(said)
        return None

    def _unit_start_before(self, at: int) -> int:
        block = self._block_starts[bisect.bisect_right(self._block_starts, at) - 1]
        return max((s for s in self._unit_starts if block <= s <= at), default=block)

    def _unit_end_after(self, at: int) -> int:
        end = self.text.find(_BLOCK_BREAK, at)
        end = len(self.text) if end == -1 else end
        return min((e for e in self._unit_ends if at < e <= end), default=end)

    def nearest(self, text: str, any_first_case: bool = False) -> Near | None:
        """The stretch of the source nearest a quotation, around where the two first part, if one is near:
        a run of its words and at least half of them in the source's order (else none is)."""
        source, words = self._source_words(), squash(text).split()
        matcher = difflib.SequenceMatcher(None, source, words, autojunk=False)
        start, offset, size = matcher.find_longest_match(0, len(source), 0, len(words))
        begin = max(0, start - offset - MAX_DIFFERENCES)
        window = source[begin : start - offset + len(words) + MAX_DIFFERENCES * 4]
        if any_first_case and words:  # the first letter may be in either case
            words[0] = next((w for w in window if w.lower() == words[0].lower()), words[0])
        opcodes = difflib.SequenceMatcher(None, window, words, autojunk=False).get_opcodes()
        while opcodes and opcodes[0][0] == "delete":  # the source's words before the quotation
            opcodes.pop(0)
        while opcodes and opcodes[-1][0] == "delete":  # and after it
            opcodes.pop()
        opcodes = _trimmed(opcodes)
        parted = [op for op in opcodes if op[0] != "equal"]
        if size < NEAR_RUN or not parted or _likeness(opcodes) < NEAR_LIKENESS:
            return None
        tag, i1, i2, j1, j2 = parted[0]
        theirs, ours = " ".join(window[i1:i2]), " ".join(words[j1:j2])
        if tag == "replace":
            differs = f"'{clipped(ours)}' where the source has '{clipped(theirs)}'"
        elif tag == "insert":
            differs = f"'{clipped(ours)}', which the source does not have"
        elif theirs == _BREAK_WORD:
            differs = "the end of an item or paragraph, which this text runs on past"
        else:
            differs = f"'{clipped(theirs)}', which the source has and this text leaves out"
        first, last = max(0, i1 - STRETCH_AROUND), min(len(window), max(i2, i1 + 1) + STRETCH_AROUND)
        breaks = [i for i in range(first, last) if window[i] == _BREAK_WORD]  # the stretch keeps to its block
        first = max([first, *(i + 1 for i in breaks if i < i1)])
        last = min([last, *(i for i in breaks if i >= max(i2, i1 + 1))])
        cut_before = begin + first > 0 and source[begin + first - 1] != _BREAK_WORD  # mid-block: marked "…"
        cut_after = begin + last < len(source) and source[begin + last] != _BREAK_WORD
        stretch = ("… " if cut_before else "") + " ".join(window[first:last]) + (" …" if cut_after else "")
        return Near(stretch.replace(_BREAK_WORD, "/"), differs.replace(_BREAK_WORD, "/"))

    def _source_words(self) -> list[str]:
        if self._words is None:
            self._words = self.text.replace(_BLOCK_BREAK, f" {_BREAK_WORD} ").split()
        return self._words

    def differences(self, text: str) -> list[str]:
        """What differs between ``text`` and the closest place in the source, in words."""
        source, words = self._source_words(), squash(text).split()
        matcher = difflib.SequenceMatcher(None, source, words, autojunk=False)
        start, offset, size = matcher.find_longest_match(0, len(source), 0, len(words))
        if size == 0:
            return []
        begin = max(0, start - offset)
        window = source[begin : begin + len(words) + MAX_DIFFERENCES * 4]
        matched_end = start + size - begin
        if _BREAK_WORD in window[matched_end:]:  # compare within the item, unless the text runs on past it
            cut = window.index(_BREAK_WORD, matched_end)
            runs_on = offset + size < len(words) and cut + 1 < len(window) and window[cut + 1] == words[offset + size]
            if not runs_on:
                window = window[:cut]
        opcodes = difflib.SequenceMatcher(None, window, words, autojunk=False).get_opcodes()
        while opcodes and opcodes[-1][0] == "delete":  # the source simply goes on
            opcodes.pop()
        found = []
        for tag, i1, i2, j1, j2 in opcodes:
            ours, theirs = " ".join(words[j1:j2]), " ".join(window[i1:i2])
            if theirs == _BREAK_WORD and tag == "delete":
                found.append(f"it runs on past the end of an item or paragraph, after '{window[i1 - 1]}'")
            elif tag == "replace":
                found.append(f"'{ours}' where the source has '{theirs.replace(_BREAK_WORD, '/')}'")
            elif tag == "insert":
                found.append(f"'{ours}' is not in the source")
            elif tag == "delete":
                found.append(f"the source has '{theirs.replace(_BREAK_WORD, '/')}' here")
        return found


def lead(text: str, start: int) -> str:
    """The first two words from ``start`` (or one, if that is all there is): an index key."""
    words = text[start : start + 80].split(" ", 2)
    return " ".join(words[:2]).split("\n", 1)[0]


def lowered(text: str) -> str:
    """Lower case, letter for letter: the same length, so a place found in it is a place in ``text``."""
    low = text.lower()
    if len(low) == len(text):  # nearly always: then no letter changed its length
        return low
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


#: One step of difflib's alignment: what it does, and the two stretches it spans.
Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


def _trimmed(opcodes: list[Opcode]) -> list[Opcode]:
    """A quotation's alignment without the source's words around it: a first or last replacement
    that takes in more of the source than the quotation has keeps only as many ("asks" for "asks, and to")."""
    if opcodes and opcodes[0][0] == "replace" and opcodes[0][2] - opcodes[0][1] > opcodes[0][4] - opcodes[0][3]:
        _, i1, i2, j1, j2 = opcodes[0]
        opcodes[0] = ("replace", i2 - (j2 - j1), i2, j1, j2)
    if opcodes and opcodes[-1][0] == "replace" and opcodes[-1][2] - opcodes[-1][1] > opcodes[-1][4] - opcodes[-1][3]:
        _, i1, i2, j1, j2 = opcodes[-1]
        opcodes[-1] = ("replace", i1, i1 + (j2 - j1), j1, j2)
    return opcodes


def _likeness(opcodes: Sequence[Opcode]) -> float:
    """How much of two aligned wordings is the same (as difflib's ratio, over the aligned part alone)."""
    same = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    total = sum(i2 - i1 + j2 - j1 for _, i1, i2, j1, j2 in opcodes)
    return 2 * same / total if total else 0.0


def clipped(words: str) -> str:
    """At most :data:`QUOTED_WORDS` words of a quotation, the rest marked as left out."""
    split = words.split()
    return " ".join(split[:QUOTED_WORDS]) + (" …" if len(split) > QUOTED_WORDS else "")


def quote_start(text: str) -> str:
    words = text.split()
    return "'" + " ".join(words[:QUOTED_WORDS]) + (" …'" if len(words) > QUOTED_WORDS else "'")


def quote_end(text: str) -> str:
    words = text.split()
    return ("'… " if len(words) > QUOTED_WORDS else "'") + " ".join(words[-QUOTED_WORDS:]) + "'"


# -- the check ------------------------------------------------------------------------


def check_official_texts(source: Source, texts: Iterable[OfficialText], label: str) -> list[Problem]:
    """A problem for each official text that is not a whole unit of the source, or not its own."""
    problems: list[Problem] = []
    placed: dict[str, list[tuple[OfficialText, Span]]] = {}
    for item in texts:
        earlier = placed.setdefault(item.sequence, []) if item.sequence else []
        # The first place after the sequence's last: a sentence the document repeats is not borrowed.
        span = source.place(item, after=earlier[-1][1].end if earlier else 0)
        if span is not None:
            if item.sequence:
                earlier.append((item, span))
            continue
        problems.append(_problem(item, f"{item.what} {_what_differs(source, item, label)}"))
    for sequence in placed.values():
        problems += check_sequence(sequence)
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    return problems


def _what_differs(source: Source, item: OfficialText, label: str) -> str:
    printed = source.printed_in_another_case(item)
    if printed is not None:
        return (f"differs from the source text of {label} in letter case only: the source prints "
                f"'{printed}' (only a heading the source prints in capitals may be given in another case)")
    shortfall = source.shortfall(item)
    if shortfall is not None:
        kind = "whole sentences" if item.extent == "whole" else "whole words to the end of a clause"
        return f"is only part of the text of {label}: {shortfall} (official texts are {kind} of the source)"
    if item.extent == "excerpt":
        return _quotation_not_found(source, item, label)
    differences = source.differences(item.text)
    if not differences:
        return f"differs from the source text of {label}: its words are not in the source at all"
    shown = "; ".join(differences[:MAX_DIFFERENCES])
    more = len(differences) - MAX_DIFFERENCES
    return f"differs from the source text of {label}: {shown}" + (f" (and {more} more)" if more > 0 else "")


def _quotation_not_found(source: Source, item: OfficialText, label: str) -> str:
    """A quotation in no place of the source: the short stretch nearest it and where they part, or, where
    nothing is near, how to mark it as our own words (a quotation can be anything: never the whole page)."""
    near = source.nearest(item.text, item.any_first_case)
    own = OFFICIAL_TEXT["own words"].format(how=item.own_words) if item.own_words else ""
    if near is None:
        return OFFICIAL_TEXT["nothing near"].format(label=label) + own
    return OFFICIAL_TEXT["near"].format(label=label, stretch=near.stretch, differs=near.differs)


def check_sequence(placed: Sequence[tuple[OfficialText, Span]]) -> list[Problem]:
    """Texts of one sequence take the source's words in order, each its own.

    The texts kept are the longest run in the source's order (so one borrowed or moved text is
    reported once, not every text after it); each other text is told whose words it holds, or that
    it is out of the document's order.
    """
    kept = set(longest_in_order([span.start for _, span in placed]))
    problems = []
    for index, (item, span) in enumerate(placed):
        if index in kept:
            continue
        owner = next((other for i, (other, s) in enumerate(placed)
                      if i != index and s.start < span.end and span.start < s.end), None)
        if owner is not None:
            message = f"{item.what} holds the words of {owner.what}: each official text is its own part of the source"
        else:
            after = next((placed[i][0] for i in sorted(kept, reverse=True) if i < index), None)
            where = f"before those of {after.what}" if after is not None else "later in the source"
            message = (f"{item.what} is out of the document's order: its words stand {where}; "
                       "keep the texts in the order the source gives them")
        problems.append(_problem(item, message))
    return problems


def longest_in_order(starts: Sequence[int]) -> list[int]:
    """The indices of a longest strictly increasing run of ``starts`` (patience sorting, n log n)."""
    tails: list[int] = []  # tails[k]: the index ending the best run of length k + 1
    previous = [-1] * len(starts)
    for index, start in enumerate(starts):
        k = _bisect(tails, starts, start)
        if k > 0:
            previous[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    run, at = [], tails[-1] if tails else -1
    while at != -1:
        run.append(at)
        at = previous[at]
    return run[::-1]


def _bisect(tails: list[int], starts: Sequence[int], start: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if starts[tails[middle]] < start:
            low = middle + 1
        else:
            high = middle
    return low


def _problem(item: OfficialText, message: str) -> Problem:
    return Problem(item.place.path, item.place.line, item.place.column, message)
