"""``accessibility.yaml``: the facts of the generated accessibility statement, checked with the data.

The statement must give readers a way to contact the website's publisher: a ``contact`` of its own,
or else the Partners' Group's page. Each mistake is told at its place by ``generator check`` (in-process,
as tests/data/test_broken_inputs.py runs it); without the file no statement is generated, and a
hand-written one takes its place in the navigation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT, SITE, check_data

from generator import urls
from generator.build import build
from generator.model import load_compact

OTHER = ROOT / "tests" / "fixtures" / "other-compact" / "compact_data"
FILE = "compact_data/accessibility.yaml"


def project_with(tmp_path: Path, data: Path, accessibility: str | None) -> Path:
    """A folder holding a copy of ``data`` as ``compact_data/``, its accessibility.yaml replaced (None: removed)."""
    shutil.copytree(data, tmp_path / "compact_data")
    target = tmp_path / "compact_data" / "accessibility.yaml"
    if accessibility is None:
        target.unlink()
    else:
        target.write_text(accessibility, encoding="utf-8")
    return tmp_path


def test_a_compact_without_a_group_must_give_a_contact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_with(tmp_path, OTHER, "# no contact\nprepared: 2031-02-03\n")
    code, said = check_data(project, capsys, monkeypatch)
    assert code == 1
    assert said == (
        f"{FILE}:2:1: the accessibility statement must say how to contact the website's publisher, and "
        "compact.yaml has no partners_group passage (so no Group page to send readers to): add 'contact:' "
        "with an email or a url\n1 problem found in the Compact data.\n"
    )


def test_an_empty_contact_and_a_review_before_preparation_are_told_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_with(tmp_path, ROOT / "compact_data", "prepared: 2026-11-29\nreviewed: 2026-11-28\ncontact: {}\n")
    code, said = check_data(project, capsys, monkeypatch)
    assert code == 1
    assert said == (
        f"{FILE}:2:11: the statement cannot have been reviewed (2026-11-28) before it was prepared (2026-11-29)\n"
        f"{FILE}:3:1: give an email, a url or both (or remove 'contact:' to send readers to the Group's page)\n"
        "2 problems found in the Compact data.\n"
    )


def test_a_contact_of_its_own_is_given_instead_of_the_groups_page(tmp_path: Path) -> None:
    project = project_with(tmp_path, ROOT / "compact_data",
                           "prepared: 2026-11-29\ncontact:\n  email: access@example.org\n")
    statement = build(load_compact(project / "compact_data"), SITE, pdf=False).pages[urls.ACCESSIBILITY]
    assert "- Email: [access@example\\.org](mailto:access@example.org)" in statement
    assert "compact-partners-group" not in statement
    assert "This statement was prepared on 29 November 2026.\n" in statement
    assert "reviewed" not in statement.split("## Preparation")[1] and "last tested" not in statement


def test_without_the_file_no_statement_is_generated_and_a_hand_written_one_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_with(tmp_path, ROOT / "compact_data", None)
    assert check_data(project, capsys, monkeypatch)[0] == 0
    result = build(load_compact(project / "compact_data"), SITE, pdf=False)
    assert urls.ACCESSIBILITY not in result.pages
    docs = tmp_path / "content"
    docs.mkdir()
    assert {"Accessibility": urls.ACCESSIBILITY} not in result.navigation(docs)
    (docs / urls.ACCESSIBILITY).write_text("# Accessibility statement\n", encoding="utf-8")
    assert result.navigation(docs)[-1] == {"Accessibility": urls.ACCESSIBILITY}


def test_with_the_file_the_generated_statement_is_the_navigations_last_entry() -> None:
    result = build(load_compact(ROOT / "compact_data"), SITE, pdf=False)
    assert urls.ACCESSIBILITY in result.pages
    assert result.navigation(ROOT / "content")[-1] == {"Accessibility": urls.ACCESSIBILITY}


def test_a_printed_address_of_the_statement_needs_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_with(tmp_path, ROOT / "compact_data", None)
    config = project / "compact_data" / "compact.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("printed_addresses:\n", "printed_addresses:\n"
                                   "  - text: www.bristolcompact.org.uk/accessibility\n"
                                   "    page: accessibility\n", 1), encoding="utf-8")
    line = text.splitlines().index("printed_addresses:") + 3
    code, said = check_data(project, capsys, monkeypatch)
    assert code == 1
    assert said.startswith(
        f"compact_data/compact.yaml:{line}:11: there is no accessibility.yaml, so the site generates no "
        "accessibility statement for this address: add the file, or name a hand-written page's file such as "
        "'accessibility.md'\n"
    )
