"""Builds are deterministic and atomic: same input, same bytes; a failed build changes nothing.

The real site's bytes are compared with the session's build of it; what the other tests prove (the
date honoured, a failed build changing nothing, a build replacing the site) does not depend on the
data, so they build the small synthetic Compact (``support.shapes.SMALL``).
"""

from __future__ import annotations

import calendar
import datetime
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import build_site, without_source
from support.dates import ROOT_COMMITTED, as_committed_in_the_repository
from support.shapes import SMALL_REWORDED, reword_small, small_project


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too) and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build_loud(project: Path, site: Path | None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` without ``-q``: with ``-q`` MkDocs drops warnings before
    ``--strict`` counts them, so a warning would not fail the build. Without handouts, as the
    builds these tests compare with (``build_site``'s default): no test here reads a PDF."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"] + (["-d", str(site)] if site else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "false"}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".staging" in p.name or ".previous" in p.name)


def test_two_builds_give_byte_identical_trees(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_dir: Path
) -> None:
    """The session's build and another, in another folder, later: the same bytes, PDFs included;
    and a third, whose handouts all come from the cache the second filled."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("COMPACT_CACHE", raising=False)  # the project's own, .cache
    as_committed_in_the_repository(project)  # the pages' "Last updated" date is the last commit's
    second = build_site(project, tmp_path / "two", pdf=True)
    third = build_site(project, tmp_path / "three", pdf=True)
    cache = project / ".cache" / "handouts"
    assert f"Handouts: 12 laid out, 0 reused from {cache}" in second.stdout + second.stderr
    assert f"Handouts: 0 laid out, 12 reused from {cache}" in third.stdout + third.stderr
    one, two, three = snapshot(site_dir), snapshot(tmp_path / "two"), snapshot(tmp_path / "three")
    assert one.keys() == two.keys() == three.keys()
    different = [name for name in one if not one[name] == two[name] == three[name]]
    assert different == []
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "data/compact.json",
                 "data/commitments.csv", "data/commitments.xlsx", "data/commitments.csv-metadata.json",
                 "commitments/1.4/index.html"):
        assert name in one
    assert any(name.endswith(".pdf") for name in one), "the PDF handouts are compared too"
    # Not just equal today: no date of the build day is in them. Pages are dated by the last
    # commit of their sources (or, outside git, by the edition, as the PDFs are), and the gzip
    # header carries that date too.
    day = (datetime.datetime.fromtimestamp(ROOT_COMMITTED, tz=datetime.UTC).date() if ROOT_COMMITTED is not None
           else datetime.date(2012, 1, 1))
    sitemap = one["sitemap.xml"].decode("utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {day.isoformat()}
    gz = one["sitemap.xml.gz"]
    assert int.from_bytes(gz[4:8], "little") == calendar.timegm(day.timetuple())
    assert gzip.decompress(gz) == one["sitemap.xml"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the site's sources with the small Compact's data."""
    return small_project(tmp_path / "project")


def test_source_date_epoch_is_honoured(small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    epoch = calendar.timegm(datetime.date(2031, 5, 6).timetuple())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    build_site(small, tmp_path / "site")
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2031-05-06"}


def _break_template(project: Path) -> str:
    (project / "compact_templates" / "commitment.md.j2").write_text(
        "# {{ c.id }} {{ no_such_variable }}\n", encoding="utf-8"
    )
    return "commitment.md.j2"


def _break_data(project: Path) -> str:
    theme = project / "compact_data" / "themes" / "1-working-together.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("sector: csos", "sector: helth", 1), encoding="utf-8")
    return "unknown sector 'helth'"


def _break_a_later_hook(project: Path) -> str:
    """A theme template that fails while pages are written, long after MkDocs cleaned site_dir."""
    (project / "overrides" / "broken.html").write_text(
        '{% extends "main.html" %}{% block content %}{{ page.meta.missing.deeper }}{% endblock %}\n',
        encoding="utf-8",
    )
    (project / "content" / "broken.md").write_text("---\ntemplate: broken.html\n---\n\n# Broken\n", encoding="utf-8")
    return "missing"


def _add_a_strict_warning(project: Path) -> str:
    """A broken link: only a warning, which --strict turns into a failure after on_post_build."""
    (project / "content" / "linking-broken.md").write_text("# Broken link\n\n[x](nowhere.md)\n", encoding="utf-8")
    return "nowhere.md"


@pytest.mark.parametrize(
    ("breakage", "own_dir"),
    [(_break_template, False), (_break_data, True), (_break_a_later_hook, False), (_add_a_strict_warning, True)],
    ids=["template", "data", "later-hook", "strict-warning"],
)
def test_a_failed_build_leaves_the_previous_site_untouched(
    small: Path, tmp_path: Path, site_dir: Path, breakage, own_dir: bool  # type: ignore[no-untyped-def]
) -> None:
    # Both `mkdocs build` (site_dir from mkdocs.yml) and `mkdocs build -d X`.
    site = tmp_path / "out" / "site" if own_dir else small / "site"
    site.parent.mkdir(exist_ok=True)
    # The previous site: the session's real build (any whole site), copied where this build would write.
    shutil.copytree(site_dir, site)
    before = snapshot(site)
    assert "commitments/1.4/index.html" in before and "data/compact.json" in before
    expected = breakage(small)
    result = build_loud(small, site if own_dir else None)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expected in output
    assert snapshot(site) == before
    assert leftovers(site.parent) == []


def test_a_successful_build_replaces_the_site_but_keeps_hidden_entries(small: Path, tmp_path: Path) -> None:
    without_source(small / "compact_data")  # the second build changes the Compact's words
    site = tmp_path / "site"
    build_site(small, site)
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / "stale.html").write_text("from an old build", encoding="utf-8")
    reword_small(small / "compact_data")
    build_site(small, site)
    assert SMALL_REWORDED in (site / "commitments" / "1.4" / "index.html").read_text(encoding="utf-8")
    assert not (site / "stale.html").exists()  # a clean build, as MkDocs does it
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert leftovers(tmp_path) == []
