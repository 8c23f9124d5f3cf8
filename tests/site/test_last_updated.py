"""Every page's "Last updated" line: true and deterministic (issue 28, item 7).

The date is ``SOURCE_DATE_EPOCH`` when set; else the day of the last git commit that changed the
data folder or a hand-written page (Markdown in the docs folder); with no git, no line at all
(never the day of the build). Proved on real git work trees committed at chosen moments, and on
real builds of the small synthetic Compact (``support.shapes.small_project``): the rule is the
build's, whatever the data.
"""

from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import build_site
from support.dates import commit_all, git
from support.shapes import small_project

from generator.environment import last_updated

MAY_2031 = calendar.timegm(datetime.date(2031, 5, 6).timetuple()) + 15 * 3600  # 6 May 2031, 15:00 UTC
LINE = re.compile(r'<p class="compact-updated">Last updated <time datetime="([^"]*)">([^<]*)</time></p>')


def epoch(day: datetime.date) -> int:
    return calendar.timegm(day.timetuple()) + 12 * 3600


def sources(folder: Path) -> tuple[Path, Path]:
    """A data folder, a docs folder with a page and a stylesheet, and a folder of something else."""
    for name, text in (("compact_data/compact.yaml", "title: A\n"), ("content/page.md", "# A page\n"),
                       ("content/assets/site.css", "p {}\n"), ("other/notes.txt", "notes\n")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder / "compact_data", folder / "content"


def change(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "more\n", encoding="utf-8")


# -- the rule ------------------------------------------------------------------------------


def test_the_date_is_the_last_commit_that_changed_the_data_or_a_page(tmp_path: Path) -> None:
    data, docs = sources(tmp_path)
    commit_all(tmp_path, epoch(datetime.date(2030, 1, 2)))
    assert last_updated(data, docs, {}) == datetime.date(2030, 1, 2)
    # Commits of anything else, a stylesheet included, leave the date alone.
    change(tmp_path / "other" / "notes.txt")
    commit_all(tmp_path, epoch(datetime.date(2030, 2, 3)))
    change(docs / "assets" / "site.css")
    commit_all(tmp_path, epoch(datetime.date(2030, 3, 4)))
    assert last_updated(data, docs, {}) == datetime.date(2030, 1, 2)
    # A hand-written page counts; then the data.
    change(docs / "page.md")
    commit_all(tmp_path, epoch(datetime.date(2030, 4, 5)))
    assert last_updated(data, docs, {}) == datetime.date(2030, 4, 5)
    change(data / "compact.yaml")
    commit_all(tmp_path, epoch(datetime.date(2030, 5, 6)))
    assert last_updated(data, docs, {}) == datetime.date(2030, 5, 6)
    # An edit not yet committed does not move it: the date is the committed sources'.
    change(data / "compact.yaml")
    assert last_updated(data, docs, {}) == datetime.date(2030, 5, 6)
    # The committer's date, in UTC, whatever the author's date or the commit's time zone.
    change(data / "compact.yaml")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "late", "--date=2001-01-01T00:00:00+00:00", epoch=None)
    late = int(git(tmp_path, "log", "-1", "--format=%ct").strip())
    assert last_updated(data, docs, {}) == datetime.datetime.fromtimestamp(late, tz=datetime.UTC).date()
    # Committed at 23:30 on 7 June in a zone five hours behind UTC: 8 June in UTC.
    change(data / "compact.yaml")
    git(tmp_path, "add", "--all")
    evening = datetime.datetime(2030, 6, 8, 4, 30, tzinfo=datetime.UTC).timestamp()
    git(tmp_path, "commit", "--quiet", "-m", "evening", epoch=None,
        environ={"GIT_COMMITTER_DATE": f"@{int(evening)} -0500"})
    assert git(tmp_path, "log", "-1", "--format=%ci").startswith("2030-06-07 23:30:00 -0500")
    assert last_updated(data, docs, {}) == datetime.date(2030, 6, 8)


def test_source_date_epoch_wins_and_without_git_there_is_no_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, docs = sources(tmp_path)
    assert last_updated(data, docs, {}) is None  # not a git work tree: no date, not today's
    assert last_updated(data, docs, {"SOURCE_DATE_EPOCH": str(MAY_2031)}) == datetime.date(2031, 5, 6)
    commit_all(tmp_path, epoch(datetime.date(2030, 1, 2)))
    assert last_updated(data, docs, {"SOURCE_DATE_EPOCH": str(MAY_2031)}) == datetime.date(2031, 5, 6)
    assert last_updated(data, docs, {"SOURCE_DATE_EPOCH": ""}) == datetime.date(2030, 1, 2)  # empty is unset
    # In a work tree but never committed: no date.
    (tmp_path / "new_data").mkdir()
    (tmp_path / "new_data" / "compact.yaml").write_text("title: B\n", encoding="utf-8")
    assert last_updated(tmp_path / "new_data", None, {}) is None
    # No git on the machine: no date.
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert last_updated(data, docs, {}) is None


def test_a_shallow_clone_or_a_callers_git_variables_give_no_wrong_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clone of depth 1 (a CI checkout's default) shows its one commit as adding every file: its
    date would be the last commit's of anything. A caller's GIT_DIR (a hook's) names another repository."""
    origin = tmp_path / "origin"
    data, docs = sources(origin)
    commit_all(origin, epoch(datetime.date(2030, 1, 2)))
    change(origin / "other" / "notes.txt")
    commit_all(origin, epoch(datetime.date(2030, 2, 3)))
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", origin.as_uri(), str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert last_updated(shallow / data.relative_to(origin), shallow / docs.relative_to(origin), {}) is None
    full = tmp_path / "full"
    git(tmp_path, "clone", "--quiet", origin.as_uri(), str(full))
    in_full = full / data.relative_to(origin), full / docs.relative_to(origin)
    assert last_updated(*in_full, {}) == datetime.date(2030, 1, 2)
    other = tmp_path / "other-repository"
    other.mkdir()
    git(other, "init", "--quiet")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    assert last_updated(data, docs, {}) == datetime.date(2030, 1, 2)


# -- the pages -----------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site's sources with the small synthetic Compact's data."""
    return small_project(tmp_path / "project")


def lines(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Each page's "Last updated" lines: (the datetime attribute, the words)."""
    return {p.relative_to(site).as_posix(): LINE.findall(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("index.html"))}


def test_every_page_says_when_its_sources_were_last_committed(project: Path, tmp_path: Path) -> None:
    commit_all(project, MAY_2031)
    build_site(project, tmp_path / "one")
    found = lines(tmp_path / "one")
    assert len(found) > 30
    assert {page: shown for page, shown in found.items() if shown != [("2031-05-06", "6 May 2031")]} == {}
    page = BeautifulSoup((tmp_path / "one" / "commitments" / "1.4" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    line = page.select_one("article .compact-updated")
    assert line is not None and line.get_text() == "Last updated 6 May 2031"
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2031-05-06"}
    # The same sources give the same bytes.
    build_site(project, tmp_path / "two")
    different = [p.relative_to(tmp_path / "one").as_posix() for p in sorted((tmp_path / "one").rglob("*"))
                 if p.is_file() and p.read_bytes() != (tmp_path / "two" / p.relative_to(tmp_path / "one")).read_bytes()]
    assert different == []


def test_source_date_epoch_dates_the_pages(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit_all(project, epoch(datetime.date(2030, 1, 2)))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(MAY_2031))
    build_site(project, tmp_path / "site")
    assert set(map(tuple, lines(tmp_path / "site").values())) == {(("2031-05-06", "6 May 2031"),)}


def test_without_git_no_page_has_a_date(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(project, tmp_path / "site")
    found = lines(tmp_path / "site")
    assert found and not any(found.values())
    assert "Last updated" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
