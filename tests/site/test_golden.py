"""Golden files: the Markdown the renderer produces for a few representative pages.

A change to a template or to the data shows up here as a readable diff of
Markdown. When the change is intended, rewrite the files and review them in
the diff before committing::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from support import ROOT, SITE

from generator.build import build
from generator.model import load_compact

GOLDEN = Path(__file__).parent / "golden"

#: One page of each kind: home, a theme, a commitment (with related commitments,
#: footnotes and terms), a sector view with the shared section, the glossary.
PAGES = [
    "index.md",
    "themes/allocating-resources.md",
    "commitments/1.1.md",
    "commitments/1.4.md",
    "commitments/1.19.md",
    "sectors/vcs.md",
    "glossary.md",
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return build(load_compact(ROOT / "compact_data"), SITE, pdf=False).pages


@pytest.mark.parametrize("page", PAGES)
def test_rendered_markdown_matches_the_golden_file(page: str, rendered: dict[str, str]) -> None:
    golden = GOLDEN / page
    actual = rendered[page]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/golden/{page}",
            tofile=f"rendered {page}",
        )
        pytest.fail(
            "rendered Markdown differs from the golden file "
            "(if intended: UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py):\n" + "".join(diff),
            pytrace=False,
        )


def test_golden_files_are_all_in_use() -> None:
    """A golden file for a page that is no longer checked would silently rot."""
    files = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert files == sorted(PAGES)
