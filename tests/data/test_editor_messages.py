"""The editor's path (issue 28, item 6): one mistake, one sentence, at the place that explains it.

A topic key renamed in ``topics.yaml`` but not in the provisions that name it is one sentence at
the renamed key, listing every place to change, in every shape of Compact (not one "did you
mean" per provision); a single provision's slip keeps its own "did you mean".
Each test edits a copy of the data as an editor would and runs ``generator check`` in-process.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import check_data
from support.shapes import NAMES, read_shape

PROBLEM = re.compile(r"^(?P<path>compact_data/[\w./-]+\.yaml):(?P<line>\d+):(?P<column>\d+): (?P<message>\S.*)$")


def problems(output: str) -> list[re.Match[str]]:
    return [m for m in map(PROBLEM.match, output.splitlines()) if m is not None]


def provisions_in(holder: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A part's provisions in the document's order (its list or lists, then its nested parts')."""
    yield from holder.get("commitments", [])
    for listed in holder.get("lists", []):
        yield from listed.get("commitments", [])
    for part in holder.get("parts", []):
        yield from provisions_in(part)


TOPICS = """\
topics:
  - key: money
    name: Money matters
  - key: talking
    name: Talking and listening
"""


def name_topic(data: Path, key: str, count: int) -> list[Path]:
    """Give the first ``count`` provisions of the document the topic ``key``, and the others none; the
    files that name it."""
    files = [data / "provisions.yaml"] if (data / "provisions.yaml").exists() else sorted((data / "themes").glob("*"))
    changed = []
    for path in files:
        holder = yaml.safe_load(path.read_text(encoding="utf-8"))
        for provision in provisions_in(holder):
            provision.pop("topics", None)
            if count:
                provision["topics"] = [key]
                count -= 1
                if path not in changed:
                    changed.append(path)
        path.write_text(yaml.safe_dump(holder, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    assert count == 0, "the document has too few provisions"
    return changed


def rename_key(path: Path, old: str, new: str) -> None:
    text, count = re.subn(rf"(?m)^(\s*- key: ){re.escape(old)}$", rf"\g<1>{new}", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")


@pytest.fixture(params=NAMES)
def shape_data(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """A copy of a synthetic shape's data with two topics of its own, and the shape's word for its provisions."""
    shape = read_shape(request.param)
    data = tmp_path / "compact_data"
    shutil.copytree(shape.data, data)
    (data / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    return shape.provisions, data


def test_a_renamed_topic_is_told_once_at_its_new_key_in_every_shape(
    shape_data: tuple[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    provisions, data = shape_data
    changed = name_topic(data, "money", 3)
    rename_key(data / "topics.yaml", "money", "renamed-topic")

    code, output = check_data(data.parent, capsys, monkeypatch)

    assert code == 1
    [problem] = problems(output)
    assert problem["path"] == "compact_data/topics.yaml"
    key_line = (data / "topics.yaml").read_text(encoding="utf-8").splitlines().index("  - key: renamed-topic") + 1
    assert int(problem["line"]) == key_line
    message = problem["message"]
    assert message.startswith(f"topic 'money' is used by 3 {provisions} but is not in topics.yaml: "
                              "did you rename it to 'renamed-topic' here? Then rename it in those")
    for path in changed:
        assert f"in compact_data/{path.relative_to(data)} at line" in message
    assert output.endswith("1 problem found in the Compact data.\n")


def test_one_provisions_slip_keeps_its_did_you_mean_beside_a_rename(
    shape_data: tuple[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, data = shape_data
    name_topic(data, "talkng", 1)  # one provision's typo
    rename_key(data / "topics.yaml", "money", "renamed-topic")  # and a key no provision names

    code, output = check_data(data.parent, capsys, monkeypatch)

    assert code == 1
    [problem] = problems(output)
    assert problem["path"] != "compact_data/topics.yaml"
    assert problem["message"].startswith("unknown topic 'talkng': did you mean 'talking'? (expected one of: ")
