"""YAML syntax errors as plain sentences for editors, from a table by kind of mistake.

PyYAML says what its parser expected ("expected <block end>, but found
'<block mapping start>'"); an editor needs to know which line to change, and how.
Each rule below recognises one common mistake from where the error is marked and
the text around that place, not from the parser's state: libyaml's C loader words
its errors differently but marks the same places, so either loader gets the same
sentence. The first rule that recognises the error says where the change is
needed; :data:`SENTENCES` words it. An error no rule knows keeps PyYAML's words.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.tokens import FlowSequenceEndToken, FlowSequenceStartToken, ScalarToken, Token

from generator.data.characters import shown
from generator.data.problems import Problem

#: Kind of mistake → the sentence for it (``{…}`` filled in by the rule that found it).
SENTENCES = {
    "another-document": "a file holds one YAML document: remove this '---' line",
    "unclosed-quote": "this quote is never closed: end the text with the same quote mark ({quote})",
    "text-after-quote": "the text goes on after its closing quote: put the quotes around the whole text "
    "(and write {inner} for a quote mark inside it)",
    "bad-escape": "'\\{letter}' is not allowed in a text in double quotes: write '\\\\' for a backslash, "
    "or put the text in single quotes",
    "tab-indent": "this line is indented with a tab: indent it with spaces",
    "tab": "a tab is not allowed here: use spaces",
    "special-start": "a text that begins with '{char}' must be put in quotes",
    "no-colon": "this line needs a ':' after its key, as in 'key: value' "
    "(if it goes on with the text above, indent it further)",
    "no-colon-after": "put a ':' after '{key}', as in '{key}: value'",
    "no-space-after-colon": "put a space after the ':' in '{written}'",
    "colon-in-text": "a text with ': ' in it must be put in quotes: write a \" before it and another at its end",
    "colon-at-end": "a text with ':' at the end of a line must be put in quotes: "
    "write a \" before it and another at its end",
    "indent": "indent '{key}' by {wanted}, not {given}, to line it up with '{above}' on line {line}",
    "unindent": "remove the spaces before '{key}', to line it up with '{above}' on line {line}",
    "dash-indent": "indent this '- ' by {wanted}, not {given}, to line it up with the '- ' on line {line}",
    "text-indent": "indent this line by {wanted}, not {given}, like the line of text above it",
    "dash-unindent": "remove the spaces before this '- ', to line it up with the '- ' on line {line}",
    "dash-no-space": "put a space after this '-'",
    "dash-for-key": "'{key}' is a key here, not a list item: remove the '- ' before it",
    "no-dash": "this {noun} does not start with '- ': write '- ' before '{key}', in line with the '- ' on line {line}",
    "unclosed-list": "this list is never closed: end it with ']' on the same line",
    "extra-bracket": "remove this ']': the list is already closed",
    "no-such-month": "'{name}' is not a real date: a year has no month {month} (write YYYY-MM-DD, such as {example})",
    "no-such-day": "'{name}' is not a real date: {month} {year} has {days} days, not {day} "
    "(write YYYY-MM-DD, such as {example})",
    "other": "YAML syntax error: {reason} (check the indentation, quotes and colons)",
}


@dataclass(frozen=True)
class Failure:
    """One YAML error as the rules see it: PyYAML's words, its two marks (0-based) and the text."""

    problem: str
    context: str
    at: tuple[int, int] | None
    context_at: tuple[int, int] | None
    text: str
    lines: list[str] = field(default_factory=list)

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def char(self, place: tuple[int, int] | None) -> str:
        if place is None:
            return ""
        line = self.line(place[0])
        return line[place[1]] if 0 <= place[1] < len(line) else ""


@dataclass(frozen=True)
class Found:
    """What a rule recognised: the kind of mistake, where to change the file (0-based) and the details."""

    kind: str
    line: int
    column: int
    details: dict[str, Any] = field(default_factory=dict)


def explain_syntax(display_path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """The sentence for ``error`` at the line and column the editor must change."""
    failure = Failure(
        " ".join((error.problem or "").split()),
        " ".join((error.context or "").split()),
        _place(error.problem_mark),
        _place(error.context_mark),
        text,
        text.splitlines(),
    )
    found = next((f for rule in RULES if (f := rule(failure)) is not None), None)
    if found is None:
        place = failure.at or failure.context_at or (-1, -1)
        found = Found("other", *place, {"reason": failure.problem or failure.context or "invalid YAML"})
    return Problem(display_path, found.line + 1, found.column + 1, SENTENCES[found.kind].format(**found.details))


def no_dash(list_name: str | None, key: str, dash_line: int) -> str:
    """The sentence for an entry of the list ``list_name`` written without its ``- ``."""
    noun = singular(list_name) if list_name else "list entry"
    return SENTENCES["no-dash"].format(noun=noun, key=shown(key), line=dash_line)


def singular(list_name: str) -> str:
    """What one entry of a list is called: ``commitments`` → ``commitment``."""
    words = list_name.replace("_", " ")
    for plural, one in (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("s", "")):
        if words.endswith(plural) and len(words) > len(plural):
            return words[: -len(plural)] + one
    return f"entry of '{words}'"


#: A text that YAML (and pydantic) reads as a date: ``2030-04-01``, or ``2030-4-1``.
DATE_LIKE = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})$")
#: The example every date message gives.
EXAMPLE_DATE = "2030-04-01"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def not_a_date(name: str, written: str) -> str | None:
    """Why ``written``, which looks like a date, is none (``2030-13-01``, ``2030-02-30``), or None."""
    parts = DATE_LIKE.match(written.strip())
    if parts is None:
        return None
    year, month, day = (int(parts[k]) for k in ("year", "month", "day"))
    if not 1 <= month <= 12:
        return SENTENCES["no-such-month"].format(name=name, month=parts["month"], example=EXAMPLE_DATE)
    days = (31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= days:
        return SENTENCES["no-such-day"].format(name=name, month=MONTHS[month - 1], year=year, days=days, day=day,
                                               example=EXAMPLE_DATE)
    return None


def _place(mark: Any) -> tuple[int, int] | None:
    return None if mark is None else (mark.line, mark.column)


# -- reading the lines around the error ------------------------------------------------

#: A line that starts a key (``  sector: public``), perhaps after list dashes (``  - id: "1.1"``).
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[A-Za-z0-9_][\w.-]*) *:(?: |$)")
#: A line that starts a list item (``  - ...`` or a lone ``  -``).
DASH_LINE = re.compile(r"^(?P<indent> *)-(?: |$)")
#: A key written without the space after its colon: ``sector:public``.
TIGHT_COLON = re.compile(r"^[A-Za-z0-9_][\w.-]*:[^\s:]+")
#: A list dash written without the space after it: ``-id: "1.1"``.
TIGHT_DASH = re.compile(r"^ *-[^\s-]")


@dataclass(frozen=True)
class Level:
    """A column that a line may start at, and the line (0-based) and key that set it."""

    column: int
    line: int
    key: str


def _levels(failure: Failure, below: int) -> tuple[list[Level], list[Level]]:
    """The columns a key and a list dash may start at on line ``below``: those of the lines that enclose it."""
    keys: list[Level] = []
    dashes: list[Level] = []
    limit = 1 << 30
    for number in range(below - 1, -1, -1):
        line = failure.line(number)
        key, dash = KEY_LINE.match(line), DASH_LINE.match(line)
        if key is None and dash is None:
            continue  # a blank line, a comment, or text going on from the line above
        column = len(line) - len(line.lstrip(" "))
        if column >= limit:
            continue
        if dash is not None:  # with the entry's first key, if it has one
            dashes.append(Level(column, number, key["key"] if key is not None else ""))
        if key is not None:
            key_column = len(key["indent"]) + len(key["dashes"])
            if key_column < limit:
                keys.append(Level(key_column, number, key["key"]))
        limit = column
        if limit == 0:
            break
    return keys, dashes


def _nearest(levels: list[Level], column: int) -> Level | None:
    """The level closest to ``column`` (the deeper of two as close: a line is most often one space out)."""
    return min(levels, key=lambda level: (abs(level.column - column), -level.column), default=None)


def _content_start(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _at_line_start(failure: Failure) -> bool:
    if failure.at is None:
        return False
    line, column = failure.at
    return failure.line(line)[:column].strip(" ") == "" and failure.line(line)[column:].strip() != ""


def _token_before(failure: Failure) -> tuple[Token | None, list[Token]]:
    """The last token that ends at or before the error, and the tokens before it (scanned afresh)."""
    if failure.at is None:
        return None, []
    tokens: list[Token] = []
    try:
        for token in yaml.scan(failure.text, Loader=yaml.SafeLoader):
            if (token.end_mark.line, token.end_mark.column) > failure.at:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return (tokens[-1] if tokens else None), tokens


# -- the rules, in the order they are tried ---------------------------------------------


def _indented_start(failure: Failure) -> Found | None:
    """The file's first key indented: every other key at the top then stops YAML."""
    if "document start" not in failure.problem or failure.at is None:
        return None
    first = next((n for n in range(failure.at[0]) if failure.line(n).strip()
                  and not failure.line(n).lstrip().startswith("#")), None)
    key = KEY_LINE.match(failure.line(first)) if first is not None else None
    below = KEY_LINE.match(failure.line(failure.at[0]))
    if first is None or key is None or below is None or not key["indent"] or key["dashes"]:
        return None
    details = {"key": shown(key["key"]), "above": shown(below["key"]), "line": failure.at[0] + 1}
    return Found("unindent", first, len(key["indent"]), details)


def _another_document(failure: Failure) -> Found | None:
    if failure.problem.startswith("but found another document") and failure.at:
        return Found("another-document", *failure.at)
    return None


def _unclosed_quote(failure: Failure) -> Found | None:
    quote = failure.char(failure.context_at)
    if "quoted scalar" in failure.context and "end of stream" in failure.problem and quote in "'\"" and quote:
        assert failure.context_at is not None
        return Found("unclosed-quote", *failure.context_at, {"quote": quote})
    return None


def _bad_escape(failure: Failure) -> Found | None:
    if "unknown escape character" not in failure.problem or failure.at is None:
        return None
    line, column = failure.at
    if failure.char((line, column)) != "\\":  # PyYAML marks the letter, libyaml the backslash
        column -= 1
    if failure.char((line, column)) != "\\":
        return None
    return Found("bad-escape", line, column, {"letter": shown(failure.char((line, column + 1)))})


def _cannot_start(failure: Failure) -> Found | None:
    """A character YAML reserves, where a text begins (``@``, a backquote, ``%``), or a tab."""
    if failure.at is None:
        return None
    char = failure.char(failure.at)
    if "cannot start any token" not in failure.problem and not (char == "\t" and "tab" in failure.problem):
        return None
    if char == "\t":
        before = failure.line(failure.at[0])[: failure.at[1]]
        return Found("tab-indent" if before.strip(" \t") == "" else "tab", *failure.at)
    if char and char.isprintable():
        return Found("special-start", *failure.at, {"char": char})
    return None


def _indicator_start(failure: Failure) -> Found | None:
    """A text that begins with a sign YAML reads as its own (``|``, ``>``, ``?``, ``{``, ``-``, ``*``, ``&``, ``!``)."""
    scanning = ("a block scalar", "an alias", "an anchor", "a tag")
    if any(f"while scanning {what}" in failure.context for what in scanning) and failure.context_at is not None:
        place = failure.context_at
    elif failure.problem.startswith(("mapping keys are not allowed", "sequence entries are not allowed",
                                     "block sequence entries are not allowed")) and failure.at is not None:
        place = failure.at
    elif "','" in failure.problem and "'}'" in failure.problem and failure.context_at is not None:
        place = failure.context_at
    else:
        return None
    char = failure.char(place)
    return Found("special-start", *place, {"char": char}) if char in "|>?{-*&!" and char else None


def _no_colon(failure: Failure) -> Found | None:
    if "could not find expected ':'" not in failure.problem or failure.context_at is None:
        return None
    line, column = failure.context_at
    tight = TIGHT_COLON.match(failure.line(line)[column:])
    if tight:
        return Found("no-space-after-colon", line, column, {"written": shown(tight.group(0))})
    return _missing_colon(failure, line, column)


def _missing_colon(failure: Failure, line: int, column: int) -> Found:
    """A line without the colon after its key: named, if it is in line with the keys around it."""
    word = re.match(r"[A-Za-z0-9_][\w-]*", failure.line(line)[column:])
    keys, _ = _levels(failure, line)
    if word is not None and any(level.column == column for level in keys):
        return Found("no-colon-after", line, column, {"key": shown(word.group(0))})
    return Found("no-colon", line, column)


def _colon(failure: Failure) -> Found | None:
    """A ``:`` that YAML cannot take: in a text, or after a key whose line is out of place."""
    if not failure.problem.startswith("mapping values are not allowed") or failure.at is None:
        return None
    line, column = failure.at
    text = failure.line(line)
    key = KEY_LINE.match(text)
    if key is not None and text.index(":", len(key["indent"]) + len(key["dashes"])) == column:
        # The colon of a key that starts its line: the trouble is the line above it.
        above = next((n for n in range(line - 1, -1, -1) if failure.line(n).strip()
                      and not failure.line(n).lstrip().startswith("#")), None)
        if above is not None and KEY_LINE.match(failure.line(above)) is None:
            start = _content_start(failure.line(above))
            dash = DASH_LINE.match(failure.line(above))
            if dash is not None:
                start = len(failure.line(above)) - len(failure.line(above)[start + 1 :].lstrip(" "))
            return _missing_colon(failure, above, start)
        return _indentation(failure, line, len(key["indent"]) + len(key["dashes"]), key["key"])
    start = key.end() if key is not None else _content_start(text)
    start += len(text[start:]) - len(text[start:].lstrip(" "))
    return Found("colon-at-end" if text[column + 1 :].strip() == "" else "colon-in-text", line, start)


def _after_a_value(failure: Failure) -> Found | None:
    """Something left over after a complete value: the text goes on after a quote or a list."""
    if failure.at is None or "expected" not in failure.problem or _at_line_start(failure):
        return None
    before, tokens = _token_before(failure)
    if isinstance(before, ScalarToken) and before.style in ("'", '"'):
        start = (before.start_mark.line, before.start_mark.column)
        if start[0] < failure.at[0]:
            return Found("unclosed-quote", *start, {"quote": before.style})
        return Found("text-after-quote", *start, {"inner": '\\"' if before.style == '"' else "''"})
    if isinstance(before, FlowSequenceEndToken) and before.end_mark.line == failure.at[0]:
        if failure.char(failure.at) == "]":
            return Found("extra-bracket", *failure.at)
        opening = next((t for t in reversed(tokens) if isinstance(t, FlowSequenceStartToken)), None)
        if opening is not None:
            return Found("special-start", opening.start_mark.line, opening.start_mark.column, {"char": "["})
    return None


def _unclosed_list(failure: Failure) -> Found | None:
    if "','" in failure.problem and "']'" in failure.problem and failure.context_at is not None:
        if failure.char(failure.context_at) == "[":
            return Found("unclosed-list", *failure.context_at)
    return None


def _out_of_line(failure: Failure) -> Found | None:
    """A line that starts at a column where nothing may start: indentation, or a missing or extra ``- ``."""
    if failure.at is None or not _at_line_start(failure) or "expected" not in failure.problem:
        return None
    line, column = failure.at
    text = failure.line(line)
    if DASH_LINE.match(text):
        keys, dashes = _levels(failure, line)
        key = KEY_LINE.match(text)
        dash = _nearest(dashes, column)
        # An entry that starts as the entries of a list above do is one of them, out of line.
        sibling = key is not None and dash is not None and dash.key == key["key"]
        if key is not None and not sibling and any(level.column == column for level in keys):
            return Found("dash-for-key", line, column, {"key": shown(key["key"])})
        if dash is None:
            return _first_without_dash(failure, keys, line, column)
        kind = "dash-indent" if dash.column else "dash-unindent"
        return Found(kind, line, column, {"wanted": _spaces(dash.column), "given": column, "line": dash.line + 1})
    if TIGHT_DASH.match(text):
        return Found("dash-no-space", line, column)
    key = KEY_LINE.match(text)
    if key is None:
        return _text_out_of_line(failure, line, column)
    return _indentation(failure, line, column, key["key"])


def _first_without_dash(failure: Failure, keys: list[Level], line: int, column: int) -> Found | None:
    """A list entry on ``line`` whose list has no dash above it: the first entry lacks its ``- ``."""
    owner = next((level for level in keys if level.column < column), None)
    if owner is None:
        return None
    for number in range(owner.line + 1, line):
        first = KEY_LINE.match(failure.line(number))
        if first is not None and not first["dashes"] and len(first["indent"]) > owner.column:
            details = {"noun": singular(owner.key), "key": shown(first["key"]), "line": line + 1}
            return Found("no-dash", number, len(first["indent"]), details)
    return None


def _text_out_of_line(failure: Failure, line: int, column: int) -> Found | None:
    """A line of a text written over several lines, indented less than the text's other lines."""
    above = next((n for n in range(line - 1, -1, -1) if failure.line(n).strip()), None)
    if above is None:
        return None
    previous = failure.line(above)
    wanted = _content_start(previous)
    if KEY_LINE.match(previous) or DASH_LINE.match(previous) or previous.lstrip().startswith("#") or wanted <= column:
        return None
    return Found("text-indent", line, column, {"wanted": _spaces(wanted), "given": column})


def _indentation(failure: Failure, line: int, column: int, key: str | None) -> Found | None:
    """A key out of line with the keys above; or at a list's dashes, an entry without its ``- ``."""
    if key is None:
        return None
    keys, dashes = _levels(failure, line)
    sibling = next((dash for dash in dashes if dash.column == column and dash.key == key), None)
    if sibling is not None:
        # In line with the dashes of a list whose entries start with this key: the next entry, without "- ".
        owner = next((level for level in keys if level.column < column), None)
        noun = singular(owner.key) if owner is not None else "list entry"
        return Found("no-dash", line, column, {"noun": noun, "key": shown(key), "line": sibling.line + 1})
    nearest = _nearest([level for level in keys if level.column != column], column)
    if nearest is None:
        return None
    details = {"key": shown(key), "wanted": _spaces(nearest.column), "given": column, "above": shown(nearest.key),
               "line": nearest.line + 1}
    return Found("indent" if nearest.column else "unindent", line, column, details)


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


#: Tried in this order; the first that recognises the error words it.
RULES: tuple[Callable[[Failure], Found | None], ...] = (
    _indented_start,
    _another_document,
    _unclosed_quote,
    _bad_escape,
    _cannot_start,
    _indicator_start,
    _no_colon,
    _colon,
    _unclosed_list,
    _after_a_value,
    _out_of_line,
)
