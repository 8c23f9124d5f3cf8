"""Every broken input in tests/data/broken/ fails with exactly the expected ``path:line:col`` messages.

Each case replaces one or more files in a copy of ``compact_data/`` (see
tests/data/broken/README.md) and is checked as an editor would check it:
``python -m generator check`` (its ``main``, in-process: a subprocess would prove
nothing more and cost a Python start-up per case), and ``mkdocs build`` for one of them.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, build_site, copy_project

from generator import cli
from generator.data.characters import refused_in
from generator.data.read import DATA_FOLDER_ENTRIES

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
PROBLEM_LINE = re.compile(r"^compact_data/[\w./-]+\.yaml(:\d+:\d+)?: \S.*$")
SUMMARY_LINE = re.compile(r"^\d+ problems? found in the Compact data\.$")
WARNING_LINE = re.compile(r"^compact_data/[\w./-]+\.yaml:\d+:\d+: warning: \S.*$")


def _overlay(case: str, data_dir: Path) -> list[Path]:
    """Copy the case's replacement files over ``data_dir``; return what was replaced."""
    replaced = []
    source = BROKEN / case / "data"
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        target = data_dir / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        replaced.append(path.relative_to(source))
    return replaced


@dataclass(frozen=True)
class Checked:
    returncode: int
    stdout: str
    stderr: str


def _check(cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Checked:
    """``python -m generator check --data compact_data`` in ``cwd``, in-process (as fast as loading)."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = cli.main(["check", "--data", "compact_data"])
    out, err = capsys.readouterr()
    return Checked(code, out, err)


def test_the_corpus_covers_the_required_mistakes() -> None:
    assert len(CASES) >= 18
    every_message = "\n".join((BROKEN / c / "expected.txt").read_text(encoding="utf-8") for c in CASES)
    for needle in (
        "indent 'sector' by 4 spaces, not 3, to line it up with 'id' on line 19",
        "this commitment does not start with '- '",
        "put a ':' after 'sector'",
        "indented with a tab",
        "must be put in quotes",
        "this quote is never closed",
        "this list is never closed",
        "is a key here, not a list item",
        "unknown sector 'Public sector': write its key 'public', not its name (expected one of: shared, public, vcs)",
        "did you mean 'shared'?",
        "is not a real date",
        "'two' is not a number as documents print them",
        "unknown key 'secotr'",
        "missing required key",
        "must not be empty",
        "must be a whole number",
        "duplicate commitment id",
        "does not belong to theme",
        "numbered in order without gaps",
        "unknown sector 'helth' (expected one of: shared, public, vcs)",
        "does not exist",
        "cannot be related to itself",
        "unknown reference",
        "unknown topic",
        "topic 'change' is used by 9 commitments but is not in topics.yaml: did you rename it to 'change-of-plan' "
        "here?",
        "topic 'consultaton' is used by 2 commitments but is not in topics.yaml (did you mean 'consultation'?)",
        "unknown glossary term",
        "duplicate theme slug",
        "duplicate sector slug",
        "is not a valid slug",
        "not valid UTF-8",
        "anchors and aliases",
        "duplicate key",
        "must be a year from 1990 to 2100",
        "without leading zeros",
        "U+001B (ESCAPE), a control character",
        "the key contains U+001B (ESCAPE)",
        "U+2028 (LINE SEPARATOR)",
        "U+0085 (NEXT LINE)",
        "U+2029 (PARAGRAPH SEPARATOR)",
        "a Unicode noncharacter",
        "U+007F (DELETE)",
        "U+009B (CONTROL SEQUENCE INTRODUCER)",
        "not only invisible characters",
        "would take it for a formula",
        "cannot be a slug: the page it would name",
        "is not a web address the site can link: write it whole, beginning with https://",
    ):
        assert needle in every_message, needle


def test_no_message_prints_a_character_a_terminal_would_act_on() -> None:
    """An ESC in a key (or any control character) is named in the message, never printed raw."""
    for case in CASES:
        expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
        assert refused_in(expected.replace("\n", " ")) == [], case


@pytest.mark.parametrize("case", CASES)
def test_each_replacement_really_changes_the_data(case: str) -> None:
    source = BROKEN / case / "data"
    files = [p for p in source.rglob("*") if p.is_file()]
    assert files, f"{case} replaces nothing"
    for path in files:
        real = ROOT / "compact_data" / path.relative_to(source)
        if not real.exists() and path.parent == source and path.name in DATA_FOLDER_ENTRIES:
            continue  # a file the data folder may hold and Bristol's has not (provisions.yaml)
        assert real.is_file(), f"{case}: {path.relative_to(source)} is not a data file"
        assert path.read_bytes() != real.read_bytes(), f"{case}: {path.name} is identical to the real file"


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exactly_the_expected_problems(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    _overlay(case, tmp_path / "compact_data")
    result = _check(tmp_path, capsys, monkeypatch)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr == expected
    *problems, summary = expected.splitlines()
    assert problems
    assert SUMMARY_LINE.match(summary)
    assert summary.startswith(f"{len(problems)} problem")
    for line in problems:
        assert PROBLEM_LINE.match(line), line


def test_the_real_data_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    result = _check(tmp_path, capsys, monkeypatch)
    assert result.returncode == 0, result.stderr
    # Only warnings (tests/data/test_warnings.py): what the editor should put right, though the site builds.
    *warnings, count = result.stderr.splitlines()
    assert all(WARNING_LINE.match(line) for line in warnings), result.stderr
    assert count.startswith(f"{len(warnings)} warnings in the Compact data")
    assert result.stdout.startswith("OK: the Bristol Compact (2012): 5 themes, 54 commitments (")
    assert result.stdout.rstrip().endswith("official text checked against its source")


def test_a_broken_build_stops_with_the_message_and_leaves_the_site_alone(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _overlay("several-problems", project / "compact_data")
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>the previous build</p>\n", encoding="utf-8")
    (site / "assets" / "old.css").write_bytes(b"p { color: red }\n")
    before = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    result = build_site(project, site, check=False)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    # MkDocs prefixes the first line with "ERROR   -  "; the report itself is verbatim.
    expected = (BROKEN / "several-problems" / "expected.txt").read_text(encoding="utf-8")
    assert "ERROR   -  " + expected.rstrip("\n") in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after == before
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == [
        Path("assets"),
        Path("assets/old.css"),
        Path("index.html"),
    ]
