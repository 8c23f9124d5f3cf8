"""The editor's path (issue 28, item 6): one mistake, one sentence, at the place that explains it.

A topic key renamed in ``topics.yaml`` but not in the provisions that name it is one sentence at
the renamed key, listing every place to change, in every shape of Compact (not one "did you
mean" per provision); a single provision's slip keeps its own "did you mean". A glossary
definition marked as the Compact's words that is not in the source is told in a short sentence:
the nearest short stretch of the source and where the two first differ, or, with nothing near,
how to mark it as our own words (never a comparison with a page of the source). ``check``'s summary
says what it read of the Partners' Group's data, and nothing of a Group where the data has none.
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
from support import ROOT, check_data, copy_project
from support.editions import add_synthetic_edition
from support.shapes import NAMES, read_shape

from generator import cli
from generator.data.source import Source

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


# -- glossary definitions marked as the Compact's words -------------------------------------

#: Longer than any message about a glossary definition may be: a line or so of the source at most.
MESSAGE_BOUND = 400


def glossary(data: Path, terms: list[dict[str, str]]) -> None:
    (data / "glossary.yaml").write_text(yaml.safe_dump({"terms": terms}, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")


def test_bristols_own_definitions_marked_compact_are_told_briefly_how_to_mark_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "compact_data"
    shutil.copytree(ROOT / "compact_data", data)
    terms = yaml.safe_load((data / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    ours = [t for t in terms if t["source"] == "explanatory"]
    assert len(ours) >= 5
    for term in ours:
        term["source"] = "compact"
    glossary(data, terms)
    source_start = " ".join((data / "source" / "bristol-compact-2012.txt").read_text(encoding="utf-8").split()[:4])

    code, output = check_data(tmp_path, capsys, monkeypatch)

    assert code == 1
    found = problems(output)
    assert [p["path"] for p in found] == ["compact_data/glossary.yaml"] * len(ours)
    for problem, term in zip(found, ours, strict=True):
        assert problem["message"] == (
            f"the Compact's definition of '{term['term']}' is not in the source text of the Bristol Compact (2012), "
            "nor is anything near it: if these are our own words, not the Compact's, write 'source: explanatory'")
        assert source_start not in problem["message"]


@pytest.fixture(params=NAMES)
def shape_glossary(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, str]:
    """A shape's data with two terms marked as its words: one its longest provision with a word changed,
    one our own words; the word changed and the word of the source it replaced."""
    shape = read_shape(request.param)
    data = tmp_path / "compact_data"
    shutil.copytree(shape.data, data)
    longest = max((item.text for item in shape.items), key=len).split()
    assert len(longest) >= 8, "the shape has no provision long enough to misquote"
    middle = len(longest) // 2
    replaced, longest[middle] = longest[middle], "zzxq"
    glossary(data, [
        {"key": "misquoted", "term": "Misquoted", "source": "compact", "definition": " ".join(longest)},
        {"key": "ours", "term": "Ours", "source": "compact",
         "definition": "A sentence we wrote ourselves to explain a word, which the document never prints."},
    ])
    return data, "zzxq", replaced


def test_a_definition_not_in_the_source_is_told_in_a_line_in_every_shape(
    shape_glossary: tuple[Path, str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, changed, replaced = shape_glossary

    code, output = check_data(data.parent, capsys, monkeypatch)

    assert code == 1
    misquoted, ours = (p["message"] for p in problems(output))
    assert misquoted.startswith("the Compact's definition of 'Misquoted' is not in the source text of ")
    assert "word for word: the nearest passage reads '" in misquoted
    assert misquoted.endswith(f"and the two first differ at '{changed}' where the source has '{replaced}'")
    stretch = misquoted.split("reads '", 1)[1].split("', and the two", 1)[0]
    assert len(stretch.split()) <= 13  # five words each side of the word that differs, and the ellipses
    assert ours.startswith("the Compact's definition of 'Ours' is not in the source text of ")
    assert ours.endswith("nor is anything near it: if these are our own words, not the Compact's, "
                         "write 'source: explanatory'")
    assert max(len(misquoted), len(ours)) < MESSAGE_BOUND


# -- the summary: the Partners' Group's data ------------------------------------------------

GROUP_FIXTURE = ROOT / "tests" / "fixtures" / "partners-group"


def summary(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert cli.main(["check", "--data", "compact_data"]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_summary_says_what_it_read_of_the_groups_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    shutil.copy2(GROUP_FIXTURE / "partners-group.yaml", tmp_path / "compact_data" / "partners-group.yaml")
    shutil.copytree(GROUP_FIXTURE / "partners-group", tmp_path / "compact_data" / "partners-group")
    given = yaml.safe_load((GROUP_FIXTURE / "partners-group.yaml").read_text(encoding="utf-8"))
    kinds = sorted(r["kind"] for r in given["records"])
    assert len(given["members"]) == 3 and kinds == ["decision", "meeting", "report"]
    assert sum(1 for r in given["records"] if "document" in r) == 1 and given["contact"]

    lines = summary(tmp_path, capsys, monkeypatch)

    assert lines[0].startswith("OK: the Bristol Compact (2012): 5 themes, 54 commitments")
    assert lines[1:] == ["   and the Compact Partners' Group (partners-group.yaml): 3 members, "
                         "3 records (1 decision, 1 meeting, 1 report), 1 document, a contact"]


def test_the_summary_says_nothing_of_a_group_without_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bristol's Group has published nothing yet (its file holds only comments); a shape has no Group."""
    shutil.copytree(ROOT / "compact_data", tmp_path / "bristol" / "compact_data")
    assert "Group" not in "\n".join(summary(tmp_path / "bristol", capsys, monkeypatch))
    for name in NAMES:
        shutil.copytree(read_shape(name).data, tmp_path / name / "compact_data")
        lines = summary(tmp_path / name, capsys, monkeypatch)
        assert lines[0].startswith("OK: ") and not any("Group" in line for line in lines), lines


# -- the editors' guide ----------------------------------------------------------------------


def test_every_message_the_editors_guide_shows_whole_is_one_check_prints() -> None:
    """The guide's examples (a renamed topic, a definition not in the source…) are tests/data/broken/'s
    expected lines, so they change when the messages do; an example cut short ('…') is left aside."""
    guide = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    shown = [line for line in guide.splitlines() if PROBLEM.match(line) and "…" not in line]
    printed = {line for path in (ROOT / "tests" / "data" / "broken").glob("*/expected.txt")
               for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(shown) >= 4
    assert [line for line in shown if line not in printed] == []
    for needle in ("is used by 9 commitments", "nor is anything near it"):
        assert any(needle in line for line in shown), needle


def test_a_renamed_topic_is_told_once_for_every_edition_that_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editions share topics.yaml: the provisions of each that name the old key are in the one sentence."""
    project = copy_project(tmp_path / "project")
    add_synthetic_edition(project)
    rename_key(project / "compact_data" / "topics.yaml", "change", "change-of-plan")

    code, output = check_data(project, capsys, monkeypatch)

    assert code == 1
    [problem] = problems(output)
    assert problem["path"] == "compact_data/topics.yaml"
    assert "did you rename it to 'change-of-plan' here?" in problem["message"]
    for folder in ("compact_data/editions/2012/themes", "compact_data/themes"):
        assert f"in {folder}/5-managing-change.yaml at lines 9, 13, 17, 22, 27, 32, 36 and 40" in problem["message"]


SOURCE = """\
The Zephyr Accord

- 1.1. The gardeners agree to share their tools with every neighbour who asks, and to return them clean.

- 1.2. Nobody brings a ladder without asking the keeper of the shed first.
"""


@pytest.mark.parametrize(
    ("quoted", "stretch", "differs"),
    [
        ("share their shovels with every neighbour who asks",
         "… gardeners agree to share their tools with every neighbour who asks, …",
         "'shovels' where the source has 'tools'"),
        ("share their tools with each and every neighbour who asks,",
         "… to share their tools with every neighbour who asks, and to …",
         "'each and', which the source does not have"),
        ("share their tools with neighbour who asks,",
         "… to share their tools with every neighbour who asks, and to …",
         "'every', which the source has and this text leaves out"),
        ("Agree to share their tools with every neighbour",
         "The gardeners agree to share their tools with …", "'Agree' where the source has 'agree'"),
        ("share their tools with every neighbour who asks, and to return them clean. Nobody brings",
         "… and to return them clean. / Nobody brings a ladder without …",
         "the end of an item or paragraph, which this text runs on past"),
    ],
    ids=["replaced", "added", "left-out", "at-the-start", "runs-on"],
)
def test_the_nearest_stretch_keeps_to_a_line_of_its_item(quoted: str, stretch: str, differs: str) -> None:
    near = Source(SOURCE).nearest(quoted)
    assert near is not None
    assert (near.stretch, near.differs) == (stretch, differs)


def test_no_stretch_is_near_words_the_source_does_not_have() -> None:
    assert Source(SOURCE).nearest("A sentence we wrote ourselves to explain a word.") is None
