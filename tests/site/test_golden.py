"""Golden files: the Markdown the renderer produces for a few representative pages.

A change to a template or to the data shows up here as a readable diff of
Markdown. When the change is intended, rewrite the files and review them in
the diff before committing::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/site/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from support import ROOT, SITE, copy_project
from support.editions import add_synthetic_edition

from generator.build import build
from generator.model import load_compact

GOLDEN = Path(__file__).parent / "golden"
#: The same for the synthetic two-edition data (support/editions.py): histories, comparisons,
#: the pages at an edition's own address and at old addresses.
GOLDEN_EDITIONS = Path(__file__).parent / "golden-editions"

#: One page of each kind: home, a theme, a commitment (with related commitments,
#: footnotes and terms), a sector view with the shared section, the glossary, the accessibility statement,
#: the self-assessment, a topic's page with its question.
PAGES = [
    "index.md",
    "themes/allocating-resources.md",
    "commitments/1.1.md",
    "commitments/1.4.md",
    "commitments/1.19.md",
    "sectors/vcs.md",
    "glossary.md",
    "accessibility.md",
    "self-assessment.md",
    "topics/change.md",
]
EDITION_PAGES = [
    "commitments/1.4.md",
    "commitments/1.19.md",
    "commitments/1.20.md",
    "commitments/2.6.md",
    "editions/index.md",
    "editions/2030/changes.md",
    "editions/2012/commitments/1.20.md",
    "editions/2012/themes/promoting-equality.md",
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return build(load_compact(ROOT / "compact_data"), SITE, pdf=False).pages


@pytest.fixture(scope="module")
def rendered_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = copy_project(tmp_path_factory.mktemp("golden-editions") / "project")
    add_synthetic_edition(project)
    return build(load_compact(project / "compact_data"), SITE, pdf=False).pages


@pytest.mark.parametrize("page", PAGES)
def test_rendered_markdown_matches_the_golden_file(page: str, rendered: dict[str, str]) -> None:
    compare_with_golden(GOLDEN, page, rendered[page])


@pytest.mark.parametrize("page", EDITION_PAGES)
def test_two_editions_render_as_the_golden_files(page: str, rendered_editions: dict[str, str]) -> None:
    compare_with_golden(GOLDEN_EDITIONS, page, rendered_editions[page])


def compare_with_golden(folder: Path, page: str, actual: str) -> None:
    golden = folder / page
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/site/{folder.name}/{page}",
            tofile=f"rendered {page}",
        )
        pytest.fail(
            "rendered Markdown differs from the golden file "
            "(if intended: UPDATE_GOLDEN=1 .venv/bin/pytest tests/site/test_golden.py):\n" + "".join(diff),
            pytrace=False,
        )


def test_golden_files_are_all_in_use() -> None:
    """A golden file for a page that is no longer checked would silently rot."""
    for folder, pages in ((GOLDEN, PAGES), (GOLDEN_EDITIONS, EDITION_PAGES)):
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
        assert files == sorted(pages)
