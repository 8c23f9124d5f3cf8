"""The swap survives a kill at any instant, and permission problems stop a build before anything moves.

Issue 14: a kill between the two renames left no ``site/``, the old site in
``.site.previous`` and the new one in ``.site.staging``, and if the next build then
failed it deleted both; a read-only ``site/`` was replaced anyway and then the build
crashed with a ``PermissionError`` traceback, leaving ``.site.previous`` behind, after which
every build crashed in ``staging.start``.

Here the staging functions run in-process and a "kill" is an exception raised at the
n-th file system step of the swap (nothing of the swap runs after it, as after a
``SIGKILL``); the next build (``start``, then ``swap_in`` or ``discard``) must find a whole
site and leave no leftovers.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from generator import staging

#: Renames, removals and exchanges in a swap over an existing site (a test below counts them):
#: with ``renameat2``'s exchange, and where the file system has none (two renames).
SWAP_STEPS = {"exchange": 7, "two renames": 8}


class Killed(BaseException):
    """What the test raises in place of a SIGKILL: no ``except Exception`` stops it."""


def make_site(folder: Path, marker: str, pages: int = 3) -> None:
    for n in range(pages):
        (folder / f"page-{n}").mkdir(parents=True, exist_ok=True)
        (folder / f"page-{n}" / "index.html").write_text(f"{marker} {n}\n", encoding="utf-8")
    (folder / "index.html").write_text(f"{marker}\n", encoding="utf-8")


def site_marker(site: Path) -> str:
    """Which build ``site`` holds, asserting that it is whole (every page of that build)."""
    marker = (site / "index.html").read_text(encoding="utf-8").strip()
    for n in range(3):
        assert (site / f"page-{n}" / "index.html").read_text(encoding="utf-8") == f"{marker} {n}\n"
    return marker


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A published site with a hidden entry (a deploy checkout's .git) to keep."""
    site = tmp_path / "site"
    make_site(site, "old")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    return site


def new_build(site: Path) -> None:
    staging_dir = staging.start(site)
    make_site(staging_dir, "new")


@pytest.fixture(params=list(SWAP_STEPS))
def swap(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of swapping: one exchange, or two renames where the file system cannot exchange."""
    if request.param == "two renames":
        monkeypatch.setattr(staging, "_exchange", lambda first, second: False)
    return str(request.param)


def steps_of_a_swap(site: Path, monkeypatch: pytest.MonkeyPatch, kill_at: int | None) -> int:
    """Run ``swap_in`` and raise :class:`Killed` instead of its ``kill_at``-th rename, removal or exchange."""
    count = 0
    rename, replace, rmtree, unlink, exchange = Path.rename, Path.replace, shutil.rmtree, Path.unlink, staging._exchange

    def step(original):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            if count == kill_at:
                raise Killed
            return original(*args, **kwargs)

        return run

    with monkeypatch.context() as patched:
        patched.setattr(Path, "rename", step(rename))
        patched.setattr(Path, "replace", step(replace))
        patched.setattr(shutil, "rmtree", step(rmtree))
        patched.setattr(Path, "unlink", step(unlink))
        patched.setattr(staging, "_exchange", step(exchange))
        staging.swap_in(site)
    return count


def test_a_swap_has_these_steps(site: Path, monkeypatch: pytest.MonkeyPatch, swap: str) -> None:
    new_build(site)
    steps = steps_of_a_swap(site, monkeypatch, None)
    # staging → ready, the record of the new build, the exchange (or site → previous, ready → site),
    # the old site named previous, the record removed, .git over, previous removed
    assert steps == SWAP_STEPS[swap]
    assert site_marker(site) == "new"
    assert (site / ".git" / "HEAD").is_file()
    assert leftovers(site.parent) == []


@pytest.mark.parametrize("kill_at", range(1, max(SWAP_STEPS.values()) + 1))
@pytest.mark.parametrize("then", ["succeeds", "fails"])
def test_a_kill_at_any_step_of_the_swap_loses_nothing(
    site: Path, monkeypatch: pytest.MonkeyPatch, kill_at: int, then: str, swap: str
) -> None:
    new_build(site)
    if kill_at > SWAP_STEPS[swap]:
        return  # (this way of swapping has fewer steps)
    with pytest.raises(Killed):
        steps_of_a_swap(site, monkeypatch, kill_at)
    if swap == "exchange":  # one step: at every instant a whole site is in place
        assert site_marker(site) in ("old", "new")
    # The next build recovers first: a whole site is in place, the newest that is complete
    # (the new one, once the staging folder was renamed .site.ready at the first step).
    staging_dir = staging.start(site)
    assert site_marker(site) == ("old" if kill_at == 1 else "new")
    assert (site / ".git" / "HEAD").is_file(), "the hidden entries are kept"
    assert leftovers(site.parent) == []
    make_site(staging_dir, "next")
    if then == "succeeds":
        staging.swap_in(site)
        assert site_marker(site) == "next"
    else:  # the next build fails: the site stays as it was, whole
        before = site_marker(site)
        staging.discard(site)
        assert site_marker(site) == before
    assert (site / ".git" / "HEAD").is_file()
    assert leftovers(site.parent) == []


def test_a_kill_before_the_build_finished_keeps_the_old_site(site: Path) -> None:
    staging_dir = staging.start(site)
    make_site(staging_dir, "half", pages=1)  # killed while writing
    staging.start(site)
    assert site_marker(site) == "old"
    assert leftovers(site.parent) == []


def test_the_state_the_issue_found_is_recovered(site: Path) -> None:
    """No site/, the old site in .site.previous, the new one complete: the next build puts one back
    and a failure of that build deletes neither."""
    new_build(site)
    ready = site.parent / ".site.ready"
    (site.parent / ".site.staging").rename(ready)
    site.rename(site.parent / ".site.previous")
    staging.start(site)
    assert site_marker(site) == "new"
    staging.discard(site)
    assert site_marker(site) == "new"
    assert (site / ".git" / "HEAD").is_file()
    assert leftovers(site.parent) == []


def test_only_an_old_copy_left_comes_back(site: Path) -> None:
    site.rename(site.parent / ".site.previous")
    (site.parent / ".site.staging").mkdir()  # an incomplete build
    staging.start(site)
    assert site_marker(site) == "old"
    assert leftovers(site.parent) == []


def test_a_site_that_is_a_link_is_swapped_beside_the_folder_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "real-site"
    make_site(real, "old")
    (real / "stale.html").write_text("gone after the build\n", encoding="utf-8")
    site = tmp_path / "site"
    site.symlink_to(real)
    staging_dir = staging.start(site)
    assert staging_dir == real.parent / ".real-site.staging"  # one file system with the folder: renames
    make_site(staging_dir, "new")
    staging.swap_in(site)
    assert site.is_symlink() and site.resolve() == real
    assert site_marker(real) == "new"
    assert not (real / "stale.html").exists()
    assert leftovers(tmp_path) == [] and [p.name for p in real.parent.iterdir()] == ["real-site"]


def test_a_site_that_cannot_be_renamed_is_refilled_and_a_kill_half_way_is_finished(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mount point: neither exchanged nor renamed (EBUSY), so its contents are replaced one by one."""
    (site / "stale.html").write_text("gone after the build\n", encoding="utf-8")
    new_build(site)

    def busy(first: Path, second: Path) -> bool:
        raise OSError(errno.EBUSY, "Device or resource busy", str(second))

    moves = 0
    move = shutil.move

    def killed_on_the_second_move(source: str, target: str) -> object:
        nonlocal moves
        moves += 1
        if moves == 2:
            raise Killed
        return move(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(staging, "_exchange", busy)
        patched.setattr(shutil, "move", killed_on_the_second_move)
        with pytest.raises(Killed):
            staging.swap_in(site)
        staging.start(site)
    assert site_marker(site) == "new"
    assert not (site / "stale.html").exists()
    assert (site / ".git" / "HEAD").is_file()
    assert leftovers(site.parent) == []
