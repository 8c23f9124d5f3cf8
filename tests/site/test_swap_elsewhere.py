"""A site on another file system, through a symbolic link: real builds killed at every step of the swap.

Issue 29: with ``site`` a link to another file system the swap moved files one by one, and
13 of 16 builds killed within 60 ms of ``.site.ready`` appearing left a mixed site; a next
build that failed its data check repaired nothing. Here ``site`` links to a folder on a
tmpfs, and each ``mkdocs build --strict`` is sent SIGKILL just before its n-th rename,
removal or exchange of the swap (a real kill: nothing of the process runs after it), for
every step up to the removal of the old site and some within it. After each kill the link
must show one whole site, old or new, and the next build, one whose data check fails,
must put the newest whole site in place and leave nothing behind. The site is the small synthetic
Compact's (``support.shapes.SMALL``, some 280 files): the swap does not depend on the data.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import tmpfs, without_source
from support.shapes import SMALL_REWORDED, SMALL_WORDS, reword_small, small_project

#: Runs ``mkdocs build --strict`` and kills it (SIGKILL) before the swap's n-th step that changes the
#: file system (n = argv[1]; 0: never); at exit it prints how many steps the swap took.
KILLER = """
import atexit, os, signal, sys
from generator import staging

kill_at, steps = int(sys.argv[1]), 0

def step(original):
    def run(*args, **kwargs):
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return run

swap_in = staging.swap_in

def counted(site):
    for name in ("rename", "replace", "unlink", "rmdir", "mkdir"):
        setattr(os, name, step(getattr(os, name)))
    staging._exchange = step(staging._exchange)
    swap_in(site)

staging.swap_in = counted
atexit.register(lambda: print(f"swap steps: {steps}", file=sys.stderr))
sys.argv = ["mkdocs", "build", "--strict"]
from mkdocs.__main__ import cli
cli()
"""


def run_build(project: Path, kill_at: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "false",
           "COMPACT_CACHE": str(project.parent / "cache")}
    return subprocess.run([sys.executable, "-c", KILLER, str(kill_at)], cwd=project, capture_output=True, text=True,
                          env=env, timeout=300)


def visible(site: Path) -> dict[str, bytes]:
    """The site's files as served (hidden entries, such as a deploy checkout's .git, aside)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith(".")}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock")


@dataclass
class Elsewhere:
    """A project whose ``site`` links to ``real`` on a tmpfs; the old and the new site's files."""

    project: Path
    broken: Path  # the same project with data its check refuses, linked to the same site
    real: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    old_copy: Path

    def reset(self) -> None:
        """The old site in place again, with a deploy checkout's .git in it."""
        shutil.rmtree(self.real)
        shutil.copytree(self.old_copy, self.real, symlinks=True)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Elsewhere]:
    """The old and the new site, built once for the module (each test starts from :meth:`Elsewhere.reset`)."""
    tmp_path = tmp_path_factory.mktemp("elsewhere")
    with tmpfs(tmp_path / "other-disk") as disk:
        project = small_project(tmp_path / "project")
        without_source(project / "compact_data")  # the new build changes the Compact's words
        real = disk / "site"
        (project / "site").symlink_to(real)
        built = run_build(project)
        assert built.returncode == 0, built.stderr
        (real / ".git").mkdir()
        (real / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
        old_copy = shutil.copytree(real, tmp_path / "old-site", symlinks=True)
        reword_small(project / "compact_data")
        built = run_build(project)
        assert built.returncode == 0, built.stderr
        new = visible(real)
        broken = small_project(tmp_path / "broken")
        (broken / "site").symlink_to(real)
        first = broken / "compact_data" / "themes" / "1-working-together.yaml"
        first.write_text(first.read_text(encoding="utf-8").replace("sector: csos", "sector: helth", 1),
                         encoding="utf-8")
        site = Elsewhere(project, broken, real, visible(old_copy), new, old_copy)
        assert SMALL_REWORDED.encode() in site.new["commitments/1.4/index.html"]
        assert SMALL_WORDS.encode() in site.old["commitments/1.4/index.html"]
        yield site


@pytest.fixture
def elsewhere(prepared: Elsewhere) -> Elsewhere:
    """The old site in place on the other file system, ``site`` linking to it."""
    link = prepared.project / "site"
    link.unlink()
    link.symlink_to(prepared.real)
    prepared.reset()
    return prepared


def swap_steps(output: str) -> int:
    return int(output.rsplit("swap steps: ", 1)[1].split()[0])


def test_a_build_killed_at_any_step_of_the_swap_leaves_a_whole_site_on_another_file_system(
    elsewhere: Elsewhere,
) -> None:
    whole = run_build(elsewhere.project)
    assert whole.returncode == 0, whole.stderr
    steps = swap_steps(whole.stderr)
    assert visible(elsewhere.real) == elsewhere.new
    assert (elsewhere.real / ".git" / "HEAD").is_file()
    assert steps > 20  # a handful of renames, then the old site's hundreds of files removed
    # Every step up to the removal of the old site, then a few within it.
    for kill_at in [*range(1, 11), 20, steps // 2, steps]:
        elsewhere.reset()
        killed = run_build(elsewhere.project, kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        seen = visible(elsewhere.real)
        assert seen in (elsewhere.old, elsewhere.new), f"a mixed site after a kill at step {kill_at}"
        # The next build fails its data check, and first puts the newest whole site in place.
        failed = run_build(elsewhere.broken)
        assert failed.returncode != 0
        assert "unknown sector 'helth'" in failed.stderr and "Traceback" not in failed.stderr
        assert visible(elsewhere.real) == (elsewhere.old if kill_at <= 2 else elsewhere.new), kill_at
        assert (elsewhere.real / ".git" / "HEAD").is_file(), kill_at
        assert leftovers(elsewhere.real.parent) == [] and leftovers(elsewhere.project) == [], kill_at
    assert run_build(elsewhere.project).returncode == 0
    assert visible(elsewhere.real) == elsewhere.new


def test_a_site_that_is_a_mount_point_is_replaced_whole(elsewhere: Elsewhere, tmp_path: Path) -> None:
    """A mount point cannot be renamed: its contents are replaced (the one swap that is not atomic)."""
    with tmpfs(tmp_path / "mounted-site") as mounted:
        shutil.copytree(elsewhere.old_copy, mounted, symlinks=True, dirs_exist_ok=True)
        (elsewhere.project / "site").unlink()
        (elsewhere.project / "site").symlink_to(mounted)
        built = run_build(elsewhere.project)
        assert built.returncode == 0, built.stderr
        assert visible(mounted) == elsewhere.new
        assert (mounted / ".git" / "HEAD").is_file()
        assert leftovers(tmp_path) == []
