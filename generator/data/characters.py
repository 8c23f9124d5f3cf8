"""The one policy for characters in the data: what no text (and no key) may contain.

Refused, whether typed raw into a file or written as a YAML escape (``"\\e"``, ``"\\x85"``,
``"\\uFFFE"``): C0 controls other than tab and line feed, DEL, C1 controls, the line and
paragraph separators (U+2028, U+2029; with U+0085 NEXT LINE, YAML counts them as line
breaks that editors do not, so every later line number would be off by one), Unicode
noncharacters and lone surrogates (which UTF-8 cannot even write). Each comes with its
code point and name, so the editor can find a character that does not show.

A text must also show something: one list (:data:`SHOWS_NOTHING`, with the categories in
:data:`INVISIBLE_CATEGORIES`) says which characters show nothing, and a text made only of
them (a sector named U+3164 HANGUL FILLER, a commitment of U+2800 BRAILLE PATTERN BLANK)
is refused.
"""

from __future__ import annotations

import re
import unicodedata

#: Names of the control characters, which ``unicodedata.name`` does not know (Unicode's aliases).
CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
C1_NAMES = {
    0x80: "PADDING CHARACTER", 0x81: "HIGH OCTET PRESET", 0x82: "BREAK PERMITTED HERE", 0x83: "NO BREAK HERE",
    0x84: "INDEX", 0x85: "NEXT LINE", 0x86: "START OF SELECTED AREA", 0x87: "END OF SELECTED AREA",
    0x88: "CHARACTER TABULATION SET", 0x89: "CHARACTER TABULATION WITH JUSTIFICATION",
    0x8A: "LINE TABULATION SET", 0x8B: "PARTIAL LINE FORWARD", 0x8C: "PARTIAL LINE BACKWARD",
    0x8D: "REVERSE LINE FEED", 0x8E: "SINGLE SHIFT TWO", 0x8F: "SINGLE SHIFT THREE", 0x90: "DEVICE CONTROL STRING",
    0x91: "PRIVATE USE ONE", 0x92: "PRIVATE USE TWO", 0x93: "SET TRANSMIT STATE", 0x94: "CANCEL CHARACTER",
    0x95: "MESSAGE WAITING", 0x96: "START OF GUARDED AREA", 0x97: "END OF GUARDED AREA", 0x98: "START OF STRING",
    0x99: "SINGLE GRAPHIC CHARACTER INTRODUCER", 0x9A: "SINGLE CHARACTER INTRODUCER",
    0x9B: "CONTROL SEQUENCE INTRODUCER", 0x9C: "STRING TERMINATOR", 0x9D: "OPERATING SYSTEM COMMAND",
    0x9E: "PRIVACY MESSAGE", 0x9F: "APPLICATION PROGRAM COMMAND",
}
#: Line breaks YAML counts and editors do not.
SEPARATORS = {0x85, 0x2028, 0x2029}
#: Controls a text may hold (a raw file may also hold CR, in its CRLF line ends).
ALLOWED_CONTROLS = {0x09, 0x0A}


#: Characters Unicode files as letters or symbols that nonetheless show nothing: the Hangul
#: fillers, the blank braille pattern, the null notehead. Spaces, format characters and the
#: rest of what shows nothing are known by their category (:data:`INVISIBLE_CATEGORIES`).
SHOWS_NOTHING = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x1D159})
#: Categories of characters that show nothing by themselves: controls, format characters
#: (zero-width spaces and joiners, bidi controls, the soft hyphen, tags), surrogates, private
#: use, unassigned code points, blanks and separators, and marks (which only change the
#: character before them; variation selectors and fillers such as U+16FE4 among them).
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})


def shows_nothing(character: str) -> bool:
    """Whether ``character`` by itself leaves the page blank."""
    return ord(character) in SHOWS_NOTHING or unicodedata.category(character) in INVISIBLE_CATEGORIES


def shows_something(text: str) -> bool:
    """Whether ``text`` has one character at least that shows (a letter, digit, mark of punctuation or symbol)."""
    return not all(map(shows_nothing, text))


def name(character: str) -> str:
    """``U+001B (ESCAPE)``: the code point and, where it has one, its name."""
    code = ord(character)
    if code < 0x20:
        label: str | None = CONTROL_NAMES[code]
    elif code == 0x7F:
        label = "DELETE"
    else:
        label = C1_NAMES.get(code) or unicodedata.name(character, None)
    return f"U+{code:04X}" + (f" ({label})" if label else "")


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def refusal(character: str) -> str | None:
    """Why ``character`` may not be in a text, or None if it may."""
    code = ord(character)
    if code in SEPARATORS:
        return (f"{name(character)}, a line break that editors and browsers do not all see; "
                "use a new line or a space")
    if (code < 0x20 and code not in ALLOWED_CONTROLS) or 0x7F <= code <= 0x9F:
        return f"{name(character)}, a control character; delete it"
    if 0xD800 <= code <= 0xDFFF:
        return f"{name(character)}, half of a surrogate pair and no character; delete it"
    if _is_noncharacter(code):
        return f"{name(character)}, a Unicode noncharacter; delete it"
    return None


def _pattern(*allowed: int) -> re.Pattern[str]:
    ranges = [(0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF)]
    ranges += [(plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)]
    excluded = "".join(re.escape(chr(code)) for code in allowed)
    return re.compile("(?![" + excluded + "])[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


#: Every refused character of a text; of a file as written (which may end its lines with CR LF).
REFUSED = _pattern(*ALLOWED_CONTROLS)
REFUSED_IN_FILE = _pattern(*ALLOWED_CONTROLS, 0x0D)


def refused_in(text: str, *, raw_file: bool = False) -> list[tuple[int, str]]:
    """The index of every character of ``text`` the policy refuses, and why."""
    pattern = REFUSED_IN_FILE if raw_file else REFUSED
    return [(match.start(), refusal(match.group()) or "") for match in pattern.finditer(text)]


def shown(text: str) -> str:
    """``text`` safe to print in a message: what does not print (an ESC, a bidi override) escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def cut(text: str, limit: int = 60) -> str:
    """A long value's start, so that a message stays one readable line."""
    return text if len(text) <= limit else text[:limit] + "…"
