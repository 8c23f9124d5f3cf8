"""Whatever an editor does to a data file, loading ends in the model or in clear problems.

Hypothesis mutates the real YAML text (deleting, duplicating and swapping
lines, re-indenting, inserting characters and keys) and checks that
``load_compact`` either succeeds or raises :class:`DataError` whose every
problem is one line, ``path:line:col: message`` or ``path: message``; any
other exception is a bug. Oversized, deeply nested and alias-bomb inputs are
refused quickly.
"""

from __future__ import annotations

import re
import shutil
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from generator.data.problems import DataError
from generator.data.yamlfile import read_fast, read_text, read_yaml
from generator.model import load_compact

FORMAT = re.compile(r"^(?P<path>[^\n:]+?)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<message>\S[^\n]*)$")
DATA_FILES = sorted(p.relative_to(ROOT / "compact_data") for p in (ROOT / "compact_data").rglob("*.yaml"))
SNIPPETS = [
    ":", ": ", "-", "- ", "  ", "\t", "'", '"', "#", "&a ", "*a", "!!str ", "!x ", "[", "]", "{", "}", ",",
    "?", "|", ">", "%", "@", "`", "---", "...", "\\", "\x00", "\x07", "é", "\u2028", "\ufeff", "1.10",
    "yes", "null", "~", "2012-13-45", "0x1F", "secotr: shared", "id: \"9.9\"", "related: [\"1.1\"]",
    "sector: helth", "text:", "key: x", "<<: {}", "? [a]\n: b", "\n", "\r\n", "\r",
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the data that each example changes one file of, and then restores."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "compact_data", root / "compact_data")
    yield root


def assert_clean_outcome(data_dir: Path, root: Path) -> None:
    """Loading either works or fails with problems in the promised format, nothing else."""
    try:
        load_compact(data_dir, display_root=root)
    except DataError as error:
        assert error.problems, "a DataError must say what is wrong"
        for problem in error.problems:
            text = str(problem)
            match = FORMAT.match(text)
            assert match, f"badly formatted problem: {text!r}"
            assert match["path"].startswith("compact_data"), text
            if match["line"]:
                assert int(match["line"]) >= 1 and int(match["column"]) >= 1, text
        report = error.report().splitlines()
        assert report[-1].endswith("found in the Compact data.")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, bytes]:
    """One data file with a few random edits of the kinds editors make."""
    relative = draw(st.sampled_from(DATA_FILES))
    lines = (ROOT / "compact_data" / relative).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert", "key", "cut"]))
        if not lines:
            lines = [""]
        if action == "delete":
            del lines[where]
        elif action == "duplicate":
            lines.insert(where, lines[where])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif action == "indent":
            lines[where] = " " * draw(st.integers(1, 4)) + lines[where]
        elif action == "dedent":
            lines[where] = lines[where][draw(st.integers(1, 4)) :]
        elif action == "insert":
            line = lines[where]
            at = draw(st.integers(0, len(line)))
            extra = draw(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=5)))
            lines[where] = line[:at] + extra + line[at:]
        elif action == "key":
            indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
            key = draw(st.from_regex(r"[a-z_]{1,8}", fullmatch=True))
            value = draw(st.sampled_from(["x", "", "[]", "{}", "[a, b]", "1", '"1.1"', "- a"]))
            lines.insert(where, f"{indent}{key}: {value}")
        else:  # cut the file short, as an interrupted save would
            lines = lines[:where]
    return relative, "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=mutated())
def test_mutated_yaml_loads_or_fails_cleanly(workspace: Path, change: tuple[Path, bytes]) -> None:
    relative, content = change
    target = workspace / "compact_data" / relative
    original = (ROOT / "compact_data" / relative).read_bytes()
    target.write_bytes(content)
    try:
        assert_clean_outcome(workspace / "compact_data", workspace)
    finally:
        target.write_bytes(original)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=4)), max_size=30).map("".join))
def test_any_text_reads_or_fails_cleanly(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """The YAML reader on its own, with arbitrary text: a value or problems, never an exception."""
    path = tmp_path_factory.getbasetemp() / "any.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    parsed, problems = read_yaml(path, "compact_data/any.yaml")
    for problem in problems:
        assert FORMAT.match(str(problem)), str(problem)
    assert parsed is not None or problems


def _same_reading(text: str) -> None:
    """What libyaml's parser accepts, PyYAML's accepts with no problem, with the same values and marks."""
    fast = read_fast(text, "compact_data/any.yaml")
    if fast is not None:
        parsed, problems = read_text(text, "compact_data/any.yaml")
        assert not problems, problems
        assert repr(fast) == repr(parsed)  # repr: a NaN is not equal to itself


@settings(max_examples=300, deadline=None, derandomize=True)
@given(change=mutated())
def test_libyaml_reads_a_mutated_file_as_pyyaml_does(change: tuple[Path, bytes]) -> None:
    _same_reading(change[1].decode("utf-8", "replace"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=4)), max_size=30).map("".join))
def test_libyaml_reads_any_text_as_pyyaml_does(text: str) -> None:
    _same_reading(text)


@pytest.mark.parametrize("path", sorted({*ROOT.glob("compact_data/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")}),
                         ids=lambda path: path.relative_to(ROOT).as_posix())
def test_libyaml_reads_every_data_file_as_pyyaml_does(path: Path) -> None:
    """The real data and every fixture; the themes, most of the data, are read by libyaml."""
    text = path.read_bytes().decode("utf-8", "replace")
    _same_reading(text)
    if path.is_relative_to(ROOT / "compact_data" / "themes"):
        assert read_fast(text, "compact_data/any.yaml") is not None


def _load_expecting(data_dir: Path, root: Path, needle: str) -> str:
    with pytest.raises(DataError) as caught:
        load_compact(data_dir, display_root=root)
    report = caught.value.report()
    assert needle in report, report
    return report


def test_a_ten_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    big = tmp_path / "compact_data" / "glossary.yaml"
    line = b"  - key: filler\n    term: Filler\n    source: explanatory\n    definition: " + b"x" * 60 + b"\n"
    with big.open("ab") as out:
        while big.stat().st_size < 10 * 1024 * 1024:
            out.write(line * 1000)
    tracemalloc.start()
    report = _load_expecting(tmp_path / "compact_data", tmp_path, "too large")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Refused without reading (no timing here: speed belongs in the benchmark, not a timed test).
    assert peak < 5 * 1024 * 1024, peak  # the 10 MB were never read into memory
    too_large = r"^compact_data/glossary\.yaml: file is too large \([\d,]+ bytes; the limit is [\d,]+\)$"
    assert re.search(too_large, report, re.M)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    target = tmp_path / "compact_data" / "topics.yaml"
    target.write_text("topics: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    report = _load_expecting(tmp_path / "compact_data", tmp_path, "nested too deeply")
    assert re.search(r"^compact_data/topics\.yaml:1:\d+: the data is nested too deeply", report, re.M)


def test_an_alias_bomb_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    target = tmp_path / "compact_data" / "topics.yaml"
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    target.write_text("\n".join(bomb) + "\n", encoding="utf-8")
    started = time.perf_counter()
    report = _load_expecting(tmp_path / "compact_data", tmp_path, "anchors and aliases")
    assert time.perf_counter() - started < 2
    assert "compact_data/topics.yaml:1:4: YAML anchors and aliases (& and *) are not allowed" in report
