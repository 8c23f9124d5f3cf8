"""Warnings: what the editor should put right, though the site builds.

``generator check`` prints them as ``file:line:col: warning: sentence`` on stderr and still exits 0;
the MkDocs build logs them at INFO (so ``--strict`` passes) and the export prints them. Bristol's
data has three today: no licence is stated, the accessibility statement has no contact of its own
(and the Group's page it falls back to has none either), and the Compact Complaints Procedure is
named but not published. Each goes when the data says what it lacks; errors come without them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import ROOT, RealBuild, copy_project

from generator import cli
from generator.data.messages import WARNINGS
from generator.data.problems import Problem, warnings_report

WARNING = re.compile(
    r"^(?P<path>compact_data/[\w./-]+\.yaml):(?P<line>\d+):(?P<column>\d+): warning: (?P<message>\S.*)$"
)
LICENCE = """\
licence:
  name: Example Open Licence
  url: https://example.org/licence
"""
CONTACT = """\
contact:
  email: access@example.org
"""
GROUP_CONTACT = """\
contact:
  url: https://example.org/group
"""


def line_of(path: Path, start: str) -> int:
    """The line that starts with ``start`` in a data file, so that expected places follow edits to its comments."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def first_key_line(path: Path) -> int:
    """The first line that is neither a comment nor blank: where a file's top level begins."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip() and not line.startswith("#"))


def check(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(project)
    capsys.readouterr()
    code = cli.main(["check", "--data", "compact_data"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def add(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_bristols_check_passes_with_three_warnings_at_their_places(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = check(project, capsys, monkeypatch)
    assert code == 0
    assert out.startswith("OK: the Bristol Compact (2012)")
    data = project / "compact_data"
    statement = (f"compact_data/accessibility.yaml:{first_key_line(data / 'accessibility.yaml')}:1: warning: "
                 + WARNINGS["statement without contact, group without"].format(group="Compact Partners' Group"))
    licence = f"compact_data/compact.yaml:{first_key_line(data / 'compact.yaml')}:1: warning: " + WARNINGS["no licence"]
    procedure = (f"compact_data/complaints.yaml:{line_of(data / 'complaints.yaml', 'procedure:')}:1: warning: "
                 + WARNINGS["procedure not published"].format(name="Compact Complaints Procedure"))
    assert err.splitlines() == [
        statement, licence, procedure,
        "3 warnings in the Compact data (the site still builds: put them right when you can).",
    ]
    for line in err.splitlines()[:-1]:
        assert WARNING.match(line), line
    assert "Public Sector Bodies Accessibility Regulations 2018" in statement
    assert "no licence" in licence and "never guess one" in licence


def test_each_warning_goes_when_the_data_gives_what_it_lacks(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = project / "compact_data"
    add(data / "compact.yaml", LICENCE)
    _, _, err = check(project, capsys, monkeypatch)
    assert "states no licence" not in err and err.count(": warning: ") == 2
    add(data / "accessibility.yaml", CONTACT)
    _, _, err = check(project, capsys, monkeypatch)
    assert "accessibility statement" not in err and err.count(": warning: ") == 1
    complaints = data / "complaints.yaml"
    complaints.write_text(complaints.read_text(encoding="utf-8").replace(
        "  name: Compact Complaints Procedure\n",
        "  name: Compact Complaints Procedure\n  url: https://example.org/complaints-procedure\n"), encoding="utf-8")
    code, out, err = check(project, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out.startswith("OK: ")


def test_a_statement_sent_to_a_group_with_a_contact_is_told_so(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add(project / "compact_data" / "partners-group.yaml", GROUP_CONTACT)
    code, _, err = check(project, capsys, monkeypatch)
    assert code == 0
    expected = WARNINGS["statement without contact"].format(group="Compact Partners' Group")
    assert f": warning: {expected}\n" in err
    assert "gives no contact either" not in err


def test_a_data_folder_without_the_optional_parts_has_no_warnings_about_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No accessibility.yaml and no procedure: nothing to warn of but the licence."""
    project = copy_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "other-compact" / "compact_data")
    (project / "compact_data" / "accessibility.yaml").unlink()
    code, _, err = check(project, capsys, monkeypatch)
    assert code == 0
    assert [m["message"] for m in map(WARNING.match, err.splitlines()[:-1]) if m] == [WARNINGS["no licence"]]
    assert err.splitlines()[-1].startswith("1 warning in the Compact data (")


def test_errors_are_shown_alone(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
                                ) -> None:
    """A failing check shows what stops the build, and nothing else: the warnings come once it passes."""
    sectors = project / "compact_data" / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("key: vcs", "key: VCS", 1), encoding="utf-8")
    code, out, err = check(project, capsys, monkeypatch)
    assert code == 1 and out == ""
    assert "warning:" not in err
    assert err.rstrip().endswith("found in the Compact data.")


def test_a_warning_reads_as_file_line_column_warning_sentence() -> None:
    warning = Problem("compact_data/compact.yaml", 6, 1, "a sentence").as_warning()
    assert str(warning) == "compact_data/compact.yaml:6:1: warning: a sentence"
    assert str(Problem("compact_data/compact.yaml", 0, 0, "a sentence").as_warning()) == (
        "compact_data/compact.yaml: warning: a sentence")
    assert str(Problem("compact_data/compact.yaml", 6, 1, "a sentence")) == "compact_data/compact.yaml:6:1: a sentence"
    assert warnings_report([warning, warning]) == (
        "compact_data/compact.yaml:6:1: warning: a sentence\n"
        "1 warning in the Compact data (the site still builds: put them right when you can).")
    assert warnings_report([]) == ""


def test_the_build_logs_the_warnings_at_info_and_passes_strict(real_build: RealBuild) -> None:
    """MkDocs' --strict fails on its warnings: the data's are the editor's, logged as INFO."""
    assert real_build.returncode == 0, real_build.output
    logged = [line for line in real_build.output.splitlines() if ": warning: " in line]
    assert len(logged) == 3, real_build.output
    for line in logged:
        assert line.startswith("INFO    -  compact_data/"), line
        assert WARNING.match(line.removeprefix("INFO    -  ")), line
    assert "WARNING" not in real_build.output


def test_the_export_prints_the_warnings(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    capsys.readouterr()
    code = cli.main(["export", str(tmp_path / "export"), "--no-pdf"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("wrote ")
    assert [m["path"] for m in map(WARNING.match, err.splitlines()) if m] == [
        "compact_data/accessibility.yaml", "compact_data/compact.yaml", "compact_data/complaints.yaml"]
    assert err.splitlines()[-1].startswith("3 warnings in the Compact data (")

