"""Read one YAML file into plain Python data, remembering where each value came from.

PyYAML's node marks give every value a line and column, so a later check can
point an editor at the exact spot. Anchors, aliases and explicit tags are
refused outright: nobody needs them to edit the Compact, aliases make
"billion laughs" bombs possible and tags run constructors that can fail in
surprising ways. Oversized files and deep nesting are refused too, so that no
input can exhaust memory or Python's recursion limit: every failure is a
:class:`Problem`, never an exception.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, Event, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.data.characters import name, refusal, refused_in, shown
from generator.data.problems import Problem
from generator.data.syntax import explain_syntax, no_dash, not_a_date

#: Larger files are refused before reading: the largest data file is ~12 KB,
#: and PyYAML's pure-Python parser needs about a second per 100 KB.
MAX_FILE_BYTES = 250_000

#: Deeper nesting is refused: the data files nest at most five levels.
MAX_DEPTH = 20

Location = tuple[str | int, ...]

#: What libyaml reads otherwise than PyYAML (found by tests/data/test_loader_fuzz.py): a tab or a byte
#: order mark, a comment straight after a block scalar's '|' or '>', an empty value before a flow
#: collection's ',', ']' or '}' (and, in :func:`read_fast`, a '?' in a file with flow collections).
UNLIKE_IN_LIBYAML = re.compile(r"[\t\ufeff]|[|>][-+0-9]*#|:[ ]*[],}]")


@dataclass
class YamlFile:
    """A parsed file: its data and the (line, column) of every value and key."""

    path: str
    data: Any
    values: dict[Location, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Location, tuple[int, int]] = field(default_factory=dict)
    #: The text of each plain scalar as written, e.g. ``1.10`` (which YAML reads as 1.1).
    scalars: dict[Location, str] = field(default_factory=dict)

    def where(self, location: Location, *, key: bool = False) -> tuple[int, int]:
        """The position of ``location``, or of its nearest known parent."""
        if key and location in self.keys:
            return self.keys[location]
        while location:
            if location in self.values:
                return self.values[location]
            location = location[:-1]
        return self.values.get((), (1, 1))

    def problem(self, location: Location, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(location, key=key)
        return Problem(self.path, line, column, message)


class _Refusals(Composer):
    """A composer that stops at the first anchor, alias or tag, or at deep nesting (either parser's events)."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Event = self.peek_event()  # type: ignore[attr-defined]  # the parser's, beside this class
        if isinstance(event, AliasEvent) or (
            isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None
        ):
            raise _Refused(
                event.start_mark,
                "YAML anchors and aliases (& and *) are not allowed; write the value out in full",
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag is not None:
            raise _Refused(
                event.start_mark,
                f"YAML tags such as '{event.tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed; "
                "write the plain value "
                "(put text in quotes if needed)",
            )
        if self.depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"the data is nested too deeply (more than {MAX_DEPTH} levels)")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _NoAliasLoader(_Refusals, yaml.SafeLoader):
    """PyYAML's own parser: its errors and marks are the ones every message is worded and tested for."""


if yaml.__with_libyaml__:

    class _FastLoader(_Refusals, yaml.CSafeLoader):
        """libyaml's parser (when PyYAML has it) under the same composer: the same nodes and marks, ten
        times as fast. Its errors are worded otherwise: a file it finds any problem in is read again by
        :class:`_NoAliasLoader`, so every message is the same whichever parser read the file."""

        def __init__(self, text: str) -> None:
            yaml.CSafeLoader.__init__(self, text)
            _Refusals.__init__(self)


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:  # a yaml.Mark, or libyaml's own kind of mark
        self.mark = mark
        self.message = message


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class Unreadable(Exception):
    """A file that is not read: not a regular file, too large, or the system refused."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`Unreadable` otherwise.

    Opened without blocking (a FIFO would wait for a writer for ever) and checked on the
    open file itself, so what is read is what was checked. The limit holds for the bytes
    actually read: a file that grows, or a device that reports size 0 and never ends
    (``/dev/zero``), stops at ``limit + 1``.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise Unreadable(f"cannot read file: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(f"is not a regular file but {_kind(status.st_mode)}; only regular files are read")
        if status.st_size > limit:  # checked before reading, so a huge file costs nothing
            raise Unreadable(f"file is too large ({status.st_size:,} bytes; the limit is {limit:,})")
        chunks: list[bytes] = []
        length = 0
        while length <= limit:
            chunk = os.read(descriptor, limit + 1 - length)
            if not chunk:
                break
            chunks.append(chunk)
            length += len(chunk)
        raw = b"".join(chunks)
    except OSError as error:
        raise Unreadable(f"cannot read file: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise Unreadable(f"file is too large (more than {limit:,} bytes; the limit is {limit:,})")
    return raw


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def read_yaml(path: Path, display_path: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse ``path``; on failure return ``None`` and the reasons, never raise."""
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except Unreadable as error:
        return None, [Problem(display_path, 0, 0, str(error))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        # The column in characters, as an editor counts them, not in bytes.
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, [
            Problem(display_path, line, column, "file is not valid UTF-8 text (save it as UTF-8)")
        ]
    characters = _refused_characters(display_path, text)
    if characters:  # before YAML reads it: it would count a raw U+2028 as a line break, editors do not
        return None, characters
    if yaml.__with_libyaml__:
        fast = read_fast(text, display_path)
        if fast is not None:
            return fast, []
    return read_text(text, display_path)


def read_fast(text: str, display_path: str) -> YamlFile | None:
    """The file read by libyaml's parser, if it has no problem at all; None for any other, and for
    the kinds of file libyaml reads otherwise than PyYAML: :data:`UNLIKE_IN_LIBYAML`, and one whose
    last line has no line break (libyaml marks the end a line further on)."""
    if UNLIKE_IN_LIBYAML.search(text) or not text.endswith(("\n", "\r")):
        return None
    if "?" in text and ("[" in text or "{" in text):  # PyYAML ends a flow scalar at '?', libyaml does not
        return None
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
    except (_Refused, yaml.YAMLError):
        return None
    finally:
        loader.dispose()
    parsed = YamlFile(display_path, None)
    problems: list[Problem] = []
    if root is not None:
        parsed.data = _convert(root, (), parsed, problems, loader)
    return None if problems else parsed


def read_text(text: str, display_path: str) -> tuple[YamlFile | None, list[Problem]]:
    """The file read by PyYAML's own parser, with every problem at its line and column."""
    try:
        loader = _NoAliasLoader(text)
    except yaml.reader.ReaderError as error:
        return None, [_unprintable(display_path, text, error)]
    try:
        root = loader.get_single_node()
    except _Refused as refused:
        mark = refused.mark
        return None, [Problem(display_path, mark.line + 1, mark.column + 1, refused.message)]
    except yaml.reader.ReaderError as error:
        return None, [_unprintable(display_path, text, error)]
    except yaml.MarkedYAMLError as error:
        return None, [explain_syntax(display_path, text, error)]
    except yaml.YAMLError as error:  # not expected: every PyYAML parse error is marked
        return None, [Problem(display_path, 0, 0, "YAML error: " + " ".join(str(error).split()))]
    finally:
        loader.dispose()
    parsed = YamlFile(display_path, None)
    problems: list[Problem] = []
    if root is None:
        parsed.data = None
        return parsed, problems
    parsed.data = _convert(root, (), parsed, problems, loader)
    return parsed, problems


#: At most this many refused characters are listed for one file.
MAX_CHARACTER_PROBLEMS = 10


def _refused_characters(display_path: str, text: str) -> list[Problem]:
    """Every character of the file the character policy refuses, at its own line and column."""
    problems = []
    for index, reason in refused_in(text, raw_file=True)[:MAX_CHARACTER_PROBLEMS]:
        line_start = text.rfind("\n", 0, index) + 1
        line = text.count("\n", 0, index) + 1
        problems.append(Problem(display_path, line, index - line_start + 1, f"the file contains {reason}"))
    return problems


def _check_text(value: Any, node: Node, what: str, parsed: YamlFile, problems: list[Problem]) -> bool:
    """Whether a text (from an escape such as ``"\\e"``) keeps to the character policy; if not, why."""
    if not isinstance(value, str):
        return True
    refused = refused_in(value)
    if refused:
        problems.append(Problem(parsed.path, *_position(node), f"{what} contains {refused[0][1]}"))
    return not refused


def _unprintable(display_path: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A control character YAML refuses, located by line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return Problem(display_path, line, column, f"the file contains {refusal(character) or name(character)}")


def _construct(node: ScalarNode, loader: SafeConstructor) -> Any:
    """A scalar's value; ValueError if YAML takes it for a date or number it cannot build."""
    try:
        return loader.construct_object(node)
    except Exception as error:  # e.g. 2031-13-45 looks like a date but is not one
        raise ValueError(node.value) from error


def _convert(
    node: Node,
    location: Location,
    parsed: YamlFile,
    problems: list[Problem],
    loader: SafeConstructor,
) -> Any:
    parsed.values[location] = _position(node)
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        first_key = None
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(parsed.path, *_position(key_node), "a key must be plain text"))
                continue
            try:
                key = _construct(key_node, loader)
            except ValueError:
                key = key_node.value
            if not isinstance(key, (str, int)):
                key = str(key)
            if not _check_text(key, key_node, "the key", parsed, problems):
                continue
            if first_key is None:
                first_key = key
            elif key == first_key and location and isinstance(location[-1], int):
                # A list entry that repeats the entry's first key is the next entry, written without its "- ".
                list_name = location[-2] if len(location) > 1 and isinstance(location[-2], str) else None
                dash_line = _position(node)[0]  # the entry before starts on the line of its "- "
                problems.append(Problem(parsed.path, *_position(key_node), no_dash(list_name, str(key), dash_line)))
                return result
            if key in result:
                first = parsed.keys[(*location, key)]
                problems.append(
                    Problem(
                        parsed.path,
                        *_position(key_node),
                        f"duplicate key '{shown(str(key))}' (first given at line {first[0]})",
                    )
                )
                continue
            parsed.keys[(*location, key)] = _position(key_node)
            result[key] = _convert(value_node, (*location, key), parsed, problems, loader)
        return result
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*location, index), parsed, problems, loader)
            for index, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)  # the composer makes only these three kinds of node
    if not node.style:  # plain: PyYAML's style None, libyaml's ""
        parsed.scalars[location] = node.value
    try:
        value = _construct(node, loader)
        _check_text(value, node, "the text", parsed, problems)
        return value
    except ValueError:
        name = str(location[-1]) if location and isinstance(location[-1], str) else "the value"
        message = not_a_date(name, node.value) or f"cannot read value {node.value!r} (put it in quotes if it is text)"
        problems.append(Problem(parsed.path, *_position(node), message))
        return node.value
