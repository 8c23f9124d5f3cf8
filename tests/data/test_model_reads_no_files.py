"""The data stage reads every file; the model reads none.

``generator.data.read.read_editions`` returns every edition's files, the source texts the official
words are checked against and the names of the Group's documents; from then on, building the model
touches no disk. This test makes every way of reading a file fail the moment the data stage has
returned, and the load still succeeds, with the same model and warnings as an ordinary load.
"""

from __future__ import annotations

import builtins
import io
import os
import pathlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import ROOT
from support.editions import two_editions_with_group

from generator.data import read
from generator.model import load, load_checked

#: Every way the model could reach the disk: pathlib's readers and tests, and the functions beneath them.
PATH_METHODS = ("read_text", "read_bytes", "open", "iterdir", "glob", "rglob", "exists", "is_file", "is_dir",
                "is_symlink", "resolve", "stat", "lstat", "walk")
OS_FUNCTIONS = ("stat", "lstat", "listdir", "scandir", "open", "walk")


class DiskTouched(AssertionError):
    pass


def refuse(name: str) -> Callable[..., Any]:
    def refused(*args: object, **kwargs: object) -> Any:
        raise DiskTouched(f"{name} called after the data stage: {args!r}")

    return refused


def load_without_disk(data: Path, monkeypatch: pytest.MonkeyPatch) -> load.Checked:
    """``load_checked``, with every file read refused once the data stage has returned (and allowed again after)."""
    real = read.read_editions
    with monkeypatch.context() as patched:

        def data_stage(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            for name in PATH_METHODS:
                if hasattr(pathlib.Path, name):
                    patched.setattr(pathlib.Path, name, refuse(f"Path.{name}"))
            for name in OS_FUNCTIONS:
                patched.setattr(os, name, refuse(f"os.{name}"))
            patched.setattr(builtins, "open", refuse("open"))
            patched.setattr(io, "open", refuse("io.open"))
            return result

        patched.setattr(load, "read_editions", data_stage)
        return load_checked(data, display_root=data.parent)


def test_refusing_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal itself bites: reading after the data stage fails."""
    with monkeypatch.context() as patched:
        patched.setattr(pathlib.Path, "read_text", refuse("Path.read_text"))
        with pytest.raises(DiskTouched):
            (ROOT / "compact_data" / "compact.yaml").read_text(encoding="utf-8")


def test_two_editions_load_without_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = two_editions_with_group(tmp_path)
    expected = load_checked(data, display_root=data.parent)
    checked = load_without_disk(data, monkeypatch)
    assert [e.edition for e in checked.compact.history.editions] == [2012, 2030]
    assert checked.compact.group is not None and checked.compact.group.records
    assert checked.compact.history.editions[0].source is not None  # 2012's words were checked against it
    assert checked.warnings == expected.warnings
    assert [c.text for c in checked.compact.commitments] == [c.text for c in expected.compact.commitments]


@pytest.mark.parametrize("data", [ROOT / "compact_data", ROOT / "tests" / "fixtures" / "shapes" / "three-level" /
                                  "compact_data"], ids=["bristol", "three-level"])
def test_one_edition_loads_without_the_disk(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = load_without_disk(data, monkeypatch)
    assert checked.compact.commitments and checked.compact.is_current
