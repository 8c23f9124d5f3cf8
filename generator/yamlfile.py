"""Read one YAML file into plain Python data, remembering where each value came from.

PyYAML's node marks give every value a line and column, so a later check can
point an editor at the exact spot. Anchors and aliases are refused outright:
nobody needs them to edit the Compact, and they make "billion laughs" bombs
possible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import Problem

#: Larger files are refused before parsing: the whole Compact is ~30 KB.
MAX_FILE_BYTES = 1_000_000

Location = tuple[str | int, ...]


@dataclass
class YamlFile:
    """A parsed file: its data and the (line, column) of every value and key."""

    path: str
    data: Any
    values: dict[Location, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Location, tuple[int, int]] = field(default_factory=dict)

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


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that stops at the first anchor or alias."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (
            isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None
        ):
            raise _AliasRefused(event.start_mark)
        return super().compose_node(parent, index)


class _AliasRefused(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(path: Path, display_path: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse ``path``; on failure return ``None`` and the reasons, never raise."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display_path, 0, 0, f"cannot read file: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                display_path,
                0,
                0,
                f"file is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,})",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(display_path, line, column, "file is not valid UTF-8 text (save it as UTF-8)")
        ]
    loader = _NoAliasLoader(text)
    try:
        root = loader.get_single_node()
    except _AliasRefused as refused:
        mark = refused.mark
        return None, [
            Problem(
                display_path,
                mark.line + 1,
                mark.column + 1,
                "YAML anchors and aliases (& and *) are not allowed; write the value out in full",
            )
        ]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(display_path, line, column, f"YAML syntax error: {reason}")]
    except yaml.YAMLError as error:  # e.g. a reader error on control characters
        return None, [Problem(display_path, 0, 0, f"YAML error: {error}")]
    finally:
        loader.dispose()
    parsed = YamlFile(display_path, None)
    problems: list[Problem] = []
    if root is None:
        parsed.data = None
        return parsed, problems
    parsed.data = _convert(root, (), parsed, problems, loader)
    return parsed, problems


def _convert(
    node: Node,
    location: Location,
    parsed: YamlFile,
    problems: list[Problem],
    loader: yaml.SafeLoader,
) -> Any:
    parsed.values[location] = _position(node)
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(parsed.path, *_position(key_node), "a key must be plain text"))
                continue
            key = loader.construct_object(key_node)
            if not isinstance(key, (str, int)):
                key = str(key)
            if key in result:
                first = parsed.keys[(*location, key)]
                problems.append(
                    Problem(
                        parsed.path,
                        *_position(key_node),
                        f"duplicate key '{key}' (first given at line {first[0]})",
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
    try:
        return loader.construct_object(node)
    except yaml.YAMLError:
        problems.append(Problem(parsed.path, *_position(node), f"cannot read value {node.value!r}"))
        return node.value
