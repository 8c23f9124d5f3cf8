"""Real builds at once, builds that cannot write, builds that are killed: never a broken site, never a traceback.

Issue 14: ``mkdocs build --strict & mkdocs build --strict & wait`` published a truncated
site (16 to 75 of its files) and reported success; a read-only ``site/`` or parent folder
ended in a ``PermissionError`` traceback; killed builds left their PDF worker processes
running. Every process here is bounded in time and reaped (:func:`finish`). The builds are of the
small synthetic Compact (``support.shapes.SMALL``): the lock and the swap do not depend on the data.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import copy_project
from support.shapes import built_shape, read_shape, small_project

from generator.environment import LOCK_WAIT_VARIABLE
from generator.staging import BuildLock

TIMEOUT = 120


#: Root may write anywhere; without its capabilities it obeys the permission bits as any user does.
UNPRIVILEGED = ["setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"]


def start_build(project: Path, *, pdf: bool = False, wait: float | None = None,
                unprivileged: bool = False, output: Path | None = None) -> subprocess.Popen[str]:
    """``mkdocs build --strict`` (without ``-q``, so that a warning fails it) in ``project``, started."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "true" if pdf else "false"}
    if wait is not None:
        env[LOCK_WAIT_VARIABLE] = str(wait)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if unprivileged and os.geteuid() == 0:
        command = UNPRIVILEGED + command
    out = output.open("w", encoding="utf-8") if output is not None else subprocess.PIPE
    try:
        return subprocess.Popen(command, cwd=project, text=True, env=env, stdout=out, stderr=subprocess.STDOUT)
    finally:
        if output is not None:
            out.close()  # type: ignore[union-attr]


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait (bounded) for a build; kill it if it overruns. Either way it is reaped."""
    try:
        out, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()  # not communicate(): a child of the build may hold the pipe open
        raise AssertionError(f"a build ran for more than {TIMEOUT} s") from None
    return process.returncode, out or ""


def served_paths(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The files of a whole site of the small Compact, PDFs aside (these builds make none): the run's
    build of it, made alone."""
    site = built_shape(tmp_path_factory, read_shape("undertakings")).site
    return {path for path in served_paths(site) if not path.endswith(".pdf")}


def assert_complete(site: Path, whole: set[str]) -> None:
    """Every page the sitemap lists is there, and every file of a whole build, and nothing else."""
    files = served_paths(site)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = [loc.split("/", 3)[3] for loc in re.findall(r"<loc>([^<]*)</loc>", sitemap)]
    assert len(pages) > 30  # 9 undertaking pages, their copies at the edition's address and the rest
    for page in pages:
        assert (page + "index.html" if page.endswith("/") or not page else page) in files, page
    assert "search/search_index.json" in files and "data/compact.json" in files
    assert files == whole


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock")


def test_two_builds_at_once_publish_one_whole_site(tmp_path: Path, whole: set[str]) -> None:
    project = small_project(tmp_path / "project")
    first, second = start_build(project), start_build(project)
    results = [finish(first), finish(second)]
    for code, output in results:
        assert code == 0, output
        assert "Traceback" not in output
    assert_complete(project / "site", whole)
    assert leftovers(project) == []


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, BuildLock]]:
    """A project whose site another build (this test) has locked."""
    project = small_project(tmp_path / "project")
    lock = BuildLock(project / "site")
    lock.acquire(wait=0)
    try:
        yield project, lock
    finally:
        lock.release()


def test_a_second_build_waits_for_the_first_and_says_so(
    held: tuple[Path, BuildLock], tmp_path: Path, whole: set[str]
) -> None:
    project, lock = held
    log = tmp_path / "build.log"
    build = start_build(project, wait=60, output=log)
    try:
        deadline = time.monotonic() + 60
        while "waiting for it to finish" not in log.read_text(encoding="utf-8"):
            assert build.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the build never said it was waiting"
            time.sleep(0.1)
        assert not (project / "site").exists() and leftovers(project) == []  # it waits before writing
        lock.release()
    finally:
        code, _ = finish(build)
    output = log.read_text(encoding="utf-8")
    assert code == 0, output
    assert re.search(rf"Another build of {re.escape(str(project / 'site'))} \(process {os.getpid()}\) is running; "
                     r"waiting for it to finish \(at most 60 s\)", output), output
    assert_complete(project / "site", whole)


def test_a_build_that_cannot_wait_longer_fails_in_one_sentence(held: tuple[Path, BuildLock]) -> None:
    project, _ = held
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site\n", encoding="utf-8")
    code, output = finish(start_build(project, wait=0.5))
    assert code == 1
    assert "Traceback" not in output
    assert (f"another build of {project / 'site'} (process {os.getpid()}) is still running after 0.5 s; "
            "try again when it has finished") in output
    assert served_paths(project / "site") == {"index.html"}
    assert leftovers(project) == []


def test_a_read_only_site_is_refused_before_anything_moves(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    site = project / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("the previous site\n", encoding="utf-8")
    (site / "assets" / "old.css").write_text("p {}\n", encoding="utf-8")
    (site / "assets").chmod(0o555)
    try:
        code, output = finish(start_build(project, unprivileged=True))
    finally:
        (site / "assets").chmod(0o755)
    assert code == 1
    assert "Traceback" not in output
    assert (f"cannot replace {site}: {site / 'assets'} is not writable, so the old site could not be removed "
            "(make it writable, or build into another folder with -d)") in output, output
    assert served_paths(site) == {"index.html", "assets/old.css"}
    assert leftovers(project) == []


def test_a_read_only_parent_folder_is_refused_in_one_sentence(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    out = project / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("the previous site\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_dir: out/site\n")
    out.chmod(0o555)
    try:
        code, output = finish(start_build(project, unprivileged=True))
    finally:
        out.chmod(0o755)
    assert code == 1
    assert "Traceback" not in output
    assert f"cannot build into {out / 'site'}: {out} is not writable (permission denied)" in output, output
    assert served_paths(out / "site") == {"index.html"}
    assert sorted(p.name for p in out.iterdir()) == ["site"]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="on one core the handouts are laid out without workers")
def test_a_killed_build_leaves_no_pdf_worker_running(tmp_path: Path) -> None:
    # Bristol's 12 handouts, not the small Compact's 7: its workers must live long enough to be seen.
    project = copy_project(tmp_path / "project")
    # Output to a file: the workers would hold a pipe open after the build is killed.
    build = start_build(project, pdf=True, output=tmp_path / "build.log")
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2:  # one per core, at least two
            assert build.poll() is None, "the build ended before its PDF workers started"
            assert time.monotonic() < deadline, "the PDF workers did not start"
            workers = {pid for pid in _children(build.pid) if _command(pid) == _command(build.pid)}
            time.sleep(0.3)  # a worker lasts; a short-lived child (forked to run a command) does not
            workers = {pid for pid in workers if _running(pid)}
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait(TIMEOUT)
    deadline = time.monotonic() + 10
    try:
        while any(_running(pid) for pid in workers):
            assert time.monotonic() < deadline, f"PDF workers still running after their build was killed: {workers}"
            time.sleep(0.05)
    finally:
        for pid in workers:  # whatever happened, none outlives the test
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
