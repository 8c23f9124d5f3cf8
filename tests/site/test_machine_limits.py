"""The machine's limits and the environment in sentences: a non-zero exit, never a traceback or a truncated site.

Issue 29: a full disk, a file-size limit and an empty ``SOURCE_DATE_EPOCH`` ended in
tracebacks; two parsers of ``SOURCE_DATE_EPOCH`` disagreed; ``generator nginx`` took a
``;`` in ``--site-dir`` or an unwritable ``--out`` to a traceback and accepted port 99999.
Here real builds meet a 2 MB tmpfs as their site's disk and a file-size limit set in the
child (``RLIMIT_FSIZE``: Python ignores SIGXFSZ, so a write past it fails with EFBIG), and
every environment variable the build reads is given empty and garbage values.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support import copy_project, tmpfs
from support.shapes import SMALL, small_project

from generator import cli, environment
from generator.environment import EnvironmentProblem
from generator.handouts.pdf import PdfError, document_date
from generator.handouts.plan import plan_handouts
from generator.model import Compact, load_compact


def build(project: Path, env: dict[str, str] | None = None, limit: Callable[[], None] | None = None,
          ) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``project`` (no PDFs; its cache in the project, as mkdocs.yml says)."""
    environ = {key: value for key, value in os.environ.items() if key != "COMPACT_CACHE"}
    environ.update({"NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "false", **(env or {})})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                          text=True, env=environ, preexec_fn=limit, timeout=300)


def previous_site(site: Path) -> dict[str, bytes]:
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("the previous site\n", encoding="utf-8")
    return {"index.html": b"the previous site\n"}


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_full_disk_is_a_sentence_and_the_previous_site_stays(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")  # its site, 5 MB, is larger than the disk
    with tmpfs(tmp_path / "small-disk", "2m") as disk:
        before = previous_site(disk / "site")
        (project / "site").symlink_to(disk / "site")
        result = build(project)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert f"cannot write {project / 'site'}: the disk is full (free some space and build again); " \
               f"{project / 'site'} is unchanged" in result.stderr, result.stderr
        assert files(disk / "site") == before
        assert sorted(p.name for p in disk.iterdir()) == [".site.lock", "site"]  # the staging folder is gone


def _small_files() -> None:
    limit = 64 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_file_size_limit_is_a_sentence_and_the_previous_site_stays(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    before = previous_site(project / "site")
    result = build(project, limit=_small_files)  # the theme's scripts alone are larger
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"cannot write {project / 'site'}: the file would be larger than this process may write " \
           "(see 'ulimit -f')" in result.stderr, result.stderr
    assert files(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]


# -- SOURCE_DATE_EPOCH: one rule ------------------------------------------------------------

BAD_EPOCHS = ["abc", "-5", "+5", "1e9", "1_000", "4294967296", "99999999999999999999", "１２３", "12 34"]


@pytest.mark.parametrize("epoch", BAD_EPOCHS)
def test_a_source_date_epoch_that_is_not_seconds_is_one_sentence_for_pages_and_pdfs(
    epoch: str, compact: Compact
) -> None:
    with pytest.raises(EnvironmentProblem, match=r"^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"):
        environment.pinned_date(2012, {"SOURCE_DATE_EPOCH": epoch})
    with pytest.raises(PdfError, match=r"^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"):
        document_date(compact, {"SOURCE_DATE_EPOCH": epoch})


@pytest.mark.parametrize("epoch", ["", "  ", None])
def test_an_empty_source_date_epoch_is_unset(epoch: str | None, compact: Compact) -> None:
    environ = {} if epoch is None else {"SOURCE_DATE_EPOCH": epoch}
    assert environment.pinned_date(2012, environ) == "2012-01-01"
    assert document_date(compact, environ) == f"{compact.edition}-01-01T00:00:00Z"
    environment.settle_source_date(environ)
    assert "SOURCE_DATE_EPOCH" not in environ  # MkDocs, which reads it too, then agrees


def test_pages_and_pdfs_read_the_same_moment() -> None:
    assert environment.pinned_date(2012, {"SOURCE_DATE_EPOCH": "1700000000"}) is None  # MkDocs dates the pages
    assert environment.source_date_epoch({"SOURCE_DATE_EPOCH": " 4294967295 "}) == 2**32 - 1


def test_builds_with_an_empty_or_a_bad_source_date_epoch(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    result = build(project, {"SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    edition = load_compact(SMALL).edition  # outside git, the pages are dated by the edition
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {f"{edition}-01-01"}
    before = files(project / "site")
    result = build(project, {"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (at most 4294967295, early 2106), " \
           "not 'yesterday'; unset it to date the build by its sources' last commit, or by its edition" in result.stderr
    assert files(project / "site") == before


# -- the other variables ------------------------------------------------------------------


@pytest.mark.parametrize("wait", ["soon", "nan", "inf", "-1", "1e999"])
def test_a_lock_wait_that_is_not_seconds_is_one_sentence(wait: str) -> None:
    with pytest.raises(EnvironmentProblem, match=r"^COMPACT_BUILD_LOCK_WAIT must be a number of seconds"):
        environment.lock_wait({"COMPACT_BUILD_LOCK_WAIT": wait})
    assert environment.lock_wait({"COMPACT_BUILD_LOCK_WAIT": " "}) == environment.LOCK_WAIT_SECONDS
    assert environment.lock_wait({"COMPACT_BUILD_LOCK_WAIT": "2.5"}) == 2.5


@pytest.mark.parametrize(("name", "value", "said"), [
    ("COMPACT_BUILD_LOCK_WAIT", "soon", "COMPACT_BUILD_LOCK_WAIT must be a number of seconds (0 or more), not 'soon'"),
    ("COMPACT_PDF", "maybe", "option 'pdf': must be true or false, not 'maybe'"),
    ("COMPACT_PDF", "[", "option 'pdf': must be true or false, not '['"),
    ("COMPACT_WATCH_EVENTS", "{", "option 'watch_events': must be true or false, not '{'"),
])
def test_a_bad_environment_variable_stops_a_build_in_one_sentence(
    tmp_path: Path, name: str, value: str, said: str
) -> None:
    project = copy_project(tmp_path / "project")
    result = build(project, {name: value})
    assert result.returncode != 0
    assert said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_empty_environment_variables_are_their_defaults(tmp_path: Path) -> None:
    """Empty is unset: ``!ENV`` reads an empty value as null, so the option's default (the cache in .cache)."""
    project = small_project(tmp_path / "project")
    result = build(project, {"COMPACT_WATCH_EVENTS": "", "COMPACT_BUILD_LOCK_WAIT": "", "SOURCE_DATE_EPOCH": "",
                             "COMPACT_CACHE": "", "COMPACT_PDF": ""})
    assert result.returncode == 0, result.stderr
    assert (project / ".cache" / "templates").is_dir()
    every = len(plan_handouts(load_compact(SMALL)))
    assert every > 1
    assert f"Handouts: {every} laid out" in result.stderr  # COMPACT_PDF empty: PDFs on, as mkdocs.yml's default


# -- python -m generator nginx ------------------------------------------------------------


def nginx(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["nginx", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


def a_site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>home</p>\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["a;b", "a\nb", 'a"b', "a{b", "a$b", "a\\b"])
def test_a_site_path_nginx_would_misread_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])  # the project's data
    site = a_site(tmp_path / name)
    code, said = nginx(capsys, "--site-dir", str(site), "--out", str(tmp_path / "nginx.conf"))
    assert code == 2
    assert f"--site-dir {str(site)!r} cannot be written into an nginx configuration" in said, said
    assert not (tmp_path / "nginx.conf").exists()


@pytest.mark.parametrize("listen", ["127.0.0.1:99999", "127.0.0.1:0", "localhost:65536"])
def test_a_port_out_of_range_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, listen: str
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])
    code, said = nginx(capsys, "--site-dir", str(a_site(tmp_path / "site")), "--listen", listen)
    assert code == 2
    assert f"--listen: the port must be from 1 to 65535, not {int(listen.rsplit(':', 1)[1])}" in said


def test_every_nginx_problem_is_said_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])
    site = tmp_path / "x;y"
    code, said = nginx(capsys, "--site-dir", str(site), "--listen", "everywhere")
    assert code == 2
    assert said.count("\n") == 3, said  # no site, its path, the address
    assert "--listen must be HOST:PORT" in said


def test_an_unwritable_out_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])
    site = a_site(tmp_path / "site")
    with tmpfs(tmp_path / "read-only", "1m", read_only=True) as folder:
        code, said = nginx(capsys, "--site-dir", str(site), "--out", str(folder / "nginx.conf"))
        assert code == 2
        assert f"cannot write {folder / 'nginx.conf'}: the file system is read-only; give another --out" in said
        code, said = nginx(capsys, "--site-dir", str(site), "--out", str(folder / "deeper" / "nginx.conf"))
        assert code == 2 and "the file system is read-only" in said
    code, _ = nginx(capsys, "--site-dir", str(site), "--listen", "[::1]:65535", "--out", str(tmp_path / "n.conf"))
    assert code == 0
    assert "listen [::1]:65535;" in (tmp_path / "n.conf").read_text(encoding="utf-8")


# -- python -m generator swap-in: the same swap for a site another engine built ------------


def test_swap_in_replaces_a_site_and_keeps_its_hidden_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = a_site(tmp_path / "site")
    (site / ".git").mkdir()
    (site / "stale.html").write_text("old\n", encoding="utf-8")
    built = a_site(tmp_path / "build" / "site")
    (built / "new.html").write_text("new\n", encoding="utf-8")
    assert cli.main(["swap-in", str(built), "--site-dir", str(site)]) == 0
    assert sorted(p.name for p in site.iterdir()) == [".git", "index.html", "new.html"]
    assert not built.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "build", "site"]
    capsys.readouterr()
    assert cli.main(["swap-in", str(tmp_path / "nothing"), "--site-dir", str(site)]) == 2
    assert "no built site in" in capsys.readouterr().err
