"""One policy for the characters of every text: controls, separators and noncharacters are refused by name.

Issue 14: ``"\\x7f"``, ``"\\x80"``–``"\\x9f"`` and ``"\\uFFFE"`` passed ``check`` and broke a page's
front matter; ``\\0``, ``\\e`` and ``\\a`` reached ``<title>`` raw; ``\\x02``/``\\x03`` were dropped
silently; ``"\\u2029"`` passed ``check`` and then failed the build with no file or line; a raw
U+2028 or U+0085 shifted every later line number by one.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from support import ROOT

from generator.data.characters import (
    INVISIBLE_CATEGORIES,
    SHOWS_NOTHING,
    name,
    refusal,
    refused_in,
    shown,
    shows_nothing,
    shows_something,
)
from generator.data.problems import DataError
from generator.model import load_compact


def refused_by_definition(code: int) -> bool:
    """The policy as the issue states it, written out independently of the code under test."""
    control = (code < 0x20 and code not in (0x09, 0x0A)) or code == 0x7F or 0x80 <= code <= 0x9F
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code % 0x10000 in (0xFFFE, 0xFFFF)
    return control or noncharacter or code in (0x2028, 0x2029) or 0xD800 <= code <= 0xDFFF


def test_the_policy_refuses_exactly_the_stated_characters() -> None:
    for code in range(0x110000):
        character = chr(code)
        assert (refusal(character) is not None) == refused_by_definition(code), hex(code)
        assert bool(refused_in(character)) == refused_by_definition(code), hex(code)


def test_every_refused_character_is_named() -> None:
    assert name("\x1b") == "U+001B (ESCAPE)"
    assert name("\x00") == "U+0000 (NULL)"
    assert name("\x7f") == "U+007F (DELETE)"
    assert name("\x85") == "U+0085 (NEXT LINE)"
    assert name("\u2028") == "U+2028 (LINE SEPARATOR)"
    assert name("\ufffe") == "U+FFFE"
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        assert name(chr(code)).startswith(f"U+{code:04X} ("), hex(code)


def test_text_that_does_not_print_is_escaped_in_messages() -> None:
    assert shown("na\x1b[31mme") == "na\\x1b[31mme"
    assert shown("a\u202eb") == "a\\u202eb"
    assert shown("Équité – fair") == "Équité – fair"
    assert all(c.isprintable() for c in shown("".join(map(chr, range(0x200)))))


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("characters")
    shutil.copytree(ROOT / "compact_data", root / "compact_data")
    return root


@pytest.mark.parametrize(
    "escape", [r"\x7f", r"\x80", r"\x8d", r"\x9f", r"\uFFFE", r"\uFDD0", r"\U0001FFFF", r"\0", r"\e", r"\a",
               r"\x02", r"\x03", r"\b", r"\v", r"\f", r"\r", r"\u2029", r"\L", r"\N", r"\ud800"]
)
def test_a_refused_character_written_as_an_escape_is_reported_by_name(data_copy: Path, escape: str) -> None:
    topics = data_copy / "compact_data" / "topics.yaml"
    original = topics.read_text(encoding="utf-8")
    topics.write_text(original.replace("name: Funding and commissioning", f'name: "Funding{escape} and"'),
                      encoding="utf-8")
    try:
        with pytest.raises(DataError) as caught:
            load_compact(data_copy / "compact_data", display_root=data_copy)
    finally:
        topics.write_text(original, encoding="utf-8")
    yaml_only = {r"\e": "\x1b", r"\L": "\u2028", r"\N": "\x85"}  # escapes YAML has and Python has not
    character = yaml_only.get(escape) or escape.encode("ascii").decode("unicode_escape")
    (problem,) = caught.value.problems
    line = original[:original.index("name: Funding and commissioning")].count("\n") + 1
    assert str(problem) == f"compact_data/topics.yaml:{line}:11: the text contains {refusal(character)}"
    assert f"U+{ord(character):04X}" in problem.message


def test_a_raw_separator_does_not_shift_the_line_numbers_after_it(data_copy: Path) -> None:
    """YAML counts U+2028 and U+0085 as line breaks; editors do not. The lines reported are the editor's."""
    glossary = data_copy / "compact_data" / "glossary.yaml"
    original = glossary.read_text(encoding="utf-8")
    lines = original.split("\n")
    lines[5] += "\u2028"
    lines[9] += "\x85"
    lines[30] += "\u2028"
    glossary.write_text("\n".join(lines), encoding="utf-8")
    try:
        with pytest.raises(DataError) as caught:
            load_compact(data_copy / "compact_data", display_root=data_copy)
    finally:
        glossary.write_text(original, encoding="utf-8")
    where = [(p.line, p.column) for p in caught.value.problems]
    assert where == [(6, len(lines[5])), (10, len(lines[9])), (31, len(lines[30]))]


@pytest.mark.parametrize(
    "text",
    ["\u3164", "\u2800\u2800", "\u115f\u1160", "\uffa0", "\u200b\u2060\ufeff\u00ad", "\u00a0\u3000",
     "\U0001d159", "\u034f\ufe0f", "\U000e0020\U000e0041", "\ue000"],
)
def test_a_text_of_characters_that_show_nothing_is_invisible(text: str) -> None:
    assert not shows_something(text)
    assert all(map(shows_nothing, text))


@pytest.mark.parametrize("text", ["a", "1", ".", "€", "\u3164a", "\u2800\u2801", "한", "ㄱ", "\u200bx"])
def test_one_character_that_shows_is_enough(text: str) -> None:
    assert shows_something(text)


def test_the_list_of_fillers_is_letters_and_symbols_unicode_files_as_visible() -> None:
    """Each entry of the list is there because its category alone would call it visible."""
    for code in SHOWS_NOTHING:
        assert unicodedata.category(chr(code))[0] in "LS", hex(code)
        assert unicodedata.category(chr(code)) not in INVISIBLE_CATEGORIES
