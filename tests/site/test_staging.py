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

import shutil
from pathlib import Path

import pytest

from generator.mkdocs_plugin import staging

#: Renames and removals in a swap over an existing site (a test below counts them).
SWAP_STEPS = 5


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


def steps_of_a_swap(site: Path, monkeypatch: pytest.MonkeyPatch, kill_at: int | None) -> int:
    """Run ``swap_in`` and raise :class:`Killed` instead of its ``kill_at``-th rename or removal."""
    count = 0
    rename, rmtree, unlink = Path.rename, shutil.rmtree, Path.unlink

    def step(original):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            if count == kill_at:
                raise Killed
            return original(*args, **kwargs)

        return run

    monkeypatch.setattr(Path, "rename", step(rename))
    monkeypatch.setattr(shutil, "rmtree", step(rmtree))
    monkeypatch.setattr(Path, "unlink", step(unlink))
    try:
        staging.swap_in(site)
    finally:
        monkeypatch.undo()
    return count


def test_a_swap_has_these_steps(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_build(site)
    steps = steps_of_a_swap(site, monkeypatch, None)
    assert steps == SWAP_STEPS  # staging → ready, site → previous, ready → site, .git over, previous removed
    assert site_marker(site) == "new"
    assert (site / ".git" / "HEAD").is_file()
    assert leftovers(site.parent) == []


@pytest.mark.parametrize("kill_at", range(1, SWAP_STEPS + 1))
@pytest.mark.parametrize("then", ["succeeds", "fails"])
def test_a_kill_at_any_step_of_the_swap_loses_nothing(
    site: Path, monkeypatch: pytest.MonkeyPatch, kill_at: int, then: str
) -> None:
    new_build(site)
    with pytest.raises(Killed):
        steps_of_a_swap(site, monkeypatch, kill_at)
    # What the killed build left: at least one whole site, whatever the names.
    # The next build recovers first: a whole site is in place, the newest that is complete.
    staging_dir = staging.start(site)
    assert site_marker(site) in ("old", "new")
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


def test_a_site_that_is_a_link_is_refilled_and_a_kill_half_way_is_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real-site"
    make_site(real, "old")
    (real / "stale.html").write_text("gone after the build\n", encoding="utf-8")
    site = tmp_path / "site"
    site.symlink_to(real)
    new_build(site)
    moves = 0
    move = shutil.move

    def killed_on_the_second_move(source: str, target: str) -> object:
        nonlocal moves
        moves += 1
        if moves == 2:
            raise Killed
        return move(source, target)

    monkeypatch.setattr(shutil, "move", killed_on_the_second_move)
    with pytest.raises(Killed):
        staging.swap_in(site)
    monkeypatch.undo()
    staging.start(site)
    assert site.is_symlink()
    assert site_marker(site) == "new"
    assert not (site / "stale.html").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("epoch", ["abc", "-5", "1e9", "4294967296", "99999999999999999999"])
def test_a_source_date_epoch_mkdocs_could_not_use_is_one_sentence(epoch: str) -> None:
    with pytest.raises(staging.StagingError, match=r"^SOURCE_DATE_EPOCH must be a whole number of seconds"):
        staging.pinned_date(2012, {"SOURCE_DATE_EPOCH": epoch})


def test_pages_are_dated_by_the_edition_unless_source_date_epoch_is_set() -> None:
    assert staging.pinned_date(2012, {}) == "2012-01-01"
    assert staging.pinned_date(2012, {"SOURCE_DATE_EPOCH": "1700000000"}) is None
