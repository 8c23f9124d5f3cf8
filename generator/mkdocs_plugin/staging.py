"""Atomic, exclusive and reproducible builds: what the plugin needs, without MkDocs.

A build takes a lock beside ``site/`` (so two builds never write at once: the second
waits, for a bounded time, then gives up in one sentence), writes into a staging folder
and swaps it in only once everything has succeeded, so a failed build (bad data, a
template error, a warning under ``--strict``) leaves the previous ``site/`` exactly as it
was. Every step of the swap is a rename, and the folders' names say how far it got:

====================  ===========================================================
``.site.staging``     a build in progress: incomplete, never published
``.site.ready``       a finished build, about to become ``site/``
``.site.previous``    the old ``site/``, set aside until the new one is in place
====================  ===========================================================

so a build killed at any instant leaves either the old site or the new one whole, and
the next build (:func:`recover`, under the lock) completes or undoes the swap before it
does anything else. Nothing is deleted unless a complete site is in place beside it.
Permission problems are found before anything is moved.

Dates that would otherwise be "today" (sitemap ``lastmod``, and from it the gzip
header of ``sitemap.xml.gz``) are pinned, so the same input always gives the same bytes.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO


def pinned_date(edition: int, environ: Mapping[str, str] = os.environ) -> str | None:
    """The date every page reports (sitemap ``lastmod``), or None to leave it to MkDocs.

    MkDocs dates pages by ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
    or, if unset, by the day of the build, so the same input would give different bytes
    tomorrow. Unset, the date is the first day of the Compact's edition year, the same
    date the PDF handouts carry (:func:`generator.handouts.pdf.document_date`).
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        # MkDocs reads it itself, and would fail with a traceback on a bad one; the gzip
        # header of sitemap.xml.gz holds at most 2**32 - 1 seconds (2106).
        if not epoch.isdigit() or int(epoch) >= 2**32:
            raise StagingError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 "
                               f"(before 2106), not {epoch!r}")
        return None
    return f"{edition:04d}-01-01"


class StagingError(Exception):
    """The build cannot safely write its site: one sentence for the user, never a traceback."""


#: How long a build waits for another build of the same site to finish (seconds).
LOCK_WAIT_SECONDS = 600.0
#: The environment variable that changes it (``0``: fail at once if another build runs).
LOCK_WAIT_VARIABLE = "COMPACT_BUILD_LOCK_WAIT"


def _sibling(site_dir: Path, role: str) -> Path:
    return site_dir.parent / f".{site_dir.name}.{role}"


def staging_dir(site_dir: Path) -> Path:
    """The folder a build writes to before it replaces ``site_dir``: its hidden sibling."""
    return _sibling(site_dir, "staging")


def _ready_dir(site_dir: Path) -> Path:
    return _sibling(site_dir, "ready")


def _previous_dir(site_dir: Path) -> Path:
    return _sibling(site_dir, "previous")


def lock_path(site_dir: Path) -> Path:
    return _sibling(site_dir, "lock")


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


# -- the lock ------------------------------------------------------------------------


class BuildLock:
    """An exclusive ``fcntl`` lock on ``.site.lock`` beside the site: one build of a site at a time.

    The lock belongs to the open file, so the system releases it when the process ends,
    however it ends: a killed build never leaves a stale lock behind.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.path = lock_path(site_dir)
        self._file: IO[str] | None = None

    def acquire(self, wait: float | None = None, say: Callable[[str], None] = print) -> None:
        if wait is None:
            wait = _wait_from_environment()
        parent = self.site_dir.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            lock = self.path.open("a+", encoding="utf-8")
        except OSError as error:
            raise StagingError(f"cannot build into {self.site_dir}: {_why(error, parent)}") from None
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    lock.close()
                    raise StagingError(f"cannot lock {self.path}: {error.strerror}") from None
            if time.monotonic() >= deadline:
                lock.close()
                raise StagingError(
                    f"another build of {self.site_dir} ({_holder(self.path)}) is still running after {wait:g} s; "
                    "try again when it has finished"
                )
            if not told:
                say(f"Another build of {self.site_dir} ({_holder(self.path)}) is running; "
                    f"waiting for it to finish (at most {wait:g} s)")
                told = True
            time.sleep(0.1)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        self._file = lock

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _wait_from_environment() -> float:
    value = os.environ.get(LOCK_WAIT_VARIABLE, "").strip()
    if not value:
        return LOCK_WAIT_SECONDS
    try:
        return max(0.0, float(value))
    except ValueError:
        raise StagingError(f"{LOCK_WAIT_VARIABLE} must be a number of seconds, not {value!r}") from None


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


# -- permissions, before anything moves -------------------------------------------------


def _why(error: OSError, where: Path) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where} is not writable ({error.strerror.lower() if error.strerror else error})"
    return f"{error.strerror or error} ({where})"


def check_permissions(site_dir: Path) -> None:
    """Raise :class:`StagingError` if the swap could not be completed, before anything is moved.

    The parent folder must take new entries (the staging folder, the renames), and the old
    site must be removable once replaced: every folder in it writable, and, in a folder
    with the sticky bit (``/tmp``), owned by this user.
    """
    parent = site_dir.parent
    probe = _sibling(site_dir, f"probe-{os.getpid()}")
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as error:
        raise StagingError(f"cannot build into {site_dir}: {_why(error, parent)}") from None
    if not site_dir.is_dir() or site_dir.is_symlink():
        return  # nothing to rename (a link's contents are replaced, checked below by writing)
    me = os.geteuid()
    parent_status = parent.stat()
    if me != 0 and parent_status.st_mode & stat.S_ISVTX and me not in (site_dir.stat().st_uid, parent_status.st_uid):
        raise StagingError(f"cannot replace {site_dir}: it belongs to another user in a folder where only "
                           "the owner may rename it")
    for folder, subfolders, _ in os.walk(site_dir):
        for path in (folder, *(os.path.join(folder, name) for name in subfolders)):
            if not os.path.islink(path) and not os.access(path, os.W_OK | os.X_OK):
                raise StagingError(f"cannot replace {site_dir}: {path} is not writable, so the old site could "
                                   "not be removed (make it writable, or build into another folder with -d)")


# -- staging and swapping --------------------------------------------------------------


def recover(site_dir: Path) -> None:
    """Finish or undo the swap of a build that was killed, and clear its leftovers.

    Called with the lock held. A complete build (``.site.ready``) is put in place if
    ``site/`` is missing; the old site (``.site.previous``) comes back if nothing newer is
    whole; an incomplete build (``.site.staging``) is thrown away. Each is deleted only
    when ``site/`` exists beside it.
    """
    ready, previous = _ready_dir(site_dir), _previous_dir(site_dir)
    if not _exists(site_dir):  # killed between the renames: the newest whole site goes back in place
        if ready.is_dir():
            ready.rename(site_dir)
        elif previous.is_dir():
            previous.rename(site_dir)
    if previous.is_dir() and site_dir.is_dir():  # killed while the hidden entries moved over
        _keep_hidden(previous, site_dir)
        _remove(previous)
    if ready.is_dir() and site_dir.is_dir():  # killed after the build was complete: finish the swap
        _put_in_place(site_dir, ready)
    for leftover in (staging_dir(site_dir), _sibling(site_dir, "names")):
        _remove(leftover)
    for probe in site_dir.parent.glob(f".{site_dir.name}.probe-*"):
        _remove(probe)


def start(site_dir: Path) -> Path:
    """An empty staging folder for a build of ``site_dir``, after the checks and the recovery.

    Call with the :class:`BuildLock` held.
    """
    recover(site_dir)
    check_permissions(site_dir)
    return staging_dir(site_dir)


def discard(site_dir: Path) -> None:
    """Throw away a failed build; ``site_dir`` is untouched."""
    _remove(staging_dir(site_dir))


def _keep_hidden(old: Path, new: Path) -> None:
    """Hidden entries of the old site (a deploy checkout's ``.git``) move into the new one."""
    for entry in sorted(old.iterdir()):
        if entry.name.startswith(".") and not _exists(new / entry.name):
            entry.rename(new / entry.name)


def swap_in(site_dir: Path) -> None:
    """Replace ``site_dir`` with the finished staging folder.

    Hidden entries of the old ``site_dir`` (say a ``.git`` of a deploy checkout) are
    kept, as MkDocs' own cleaning keeps them. The swap is renames (staging → ready,
    site → previous, ready → site); if ``site_dir`` cannot be renamed (a mount point, a
    symbolic link) its contents are replaced instead.
    """
    staging, ready = staging_dir(site_dir), _ready_dir(site_dir)
    staging.mkdir(parents=True, exist_ok=True)  # a build that wrote nothing is still a build
    _remove(ready)  # (recover() leaves none; only a build that did not take the lock would)
    staging.rename(ready)  # from here on, the new build counts as complete
    _put_in_place(site_dir, ready)


def _put_in_place(site_dir: Path, ready: Path) -> None:
    """The renames that make the complete build in ``ready`` the site (see :func:`swap_in`)."""
    if not _exists(site_dir):
        ready.rename(site_dir)
        return
    if site_dir.is_symlink() or _sibling(site_dir, "names").is_file():
        _replace_contents(site_dir, ready)
        return
    previous = _previous_dir(site_dir)
    _remove(previous)  # (recover() leaves none: it is only ever an old site beside a whole one)
    try:
        site_dir.rename(previous)
    except OSError:
        _replace_contents(site_dir, ready)
        return
    ready.rename(site_dir)
    _keep_hidden(previous, site_dir)
    _remove(previous)


def _replace_contents(site_dir: Path, ready: Path) -> None:
    """The fallback: move the build into ``site_dir`` entry by entry, then drop what it does not have.

    The names of the new build are written down first (``.site.names``), so that a kill
    half-way is finished by :func:`recover` without losing what was already moved.
    """
    names_file = _sibling(site_dir, "names")
    if names_file.is_file():
        names = set(names_file.read_text(encoding="utf-8").splitlines())
    else:
        names = {entry.name for entry in ready.iterdir()}
        partial = names_file.with_name(names_file.name + ".part")
        partial.write_text("".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")
        partial.rename(names_file)
    for entry in sorted(ready.iterdir()):
        target = site_dir / entry.name
        _remove(target)
        shutil.move(str(entry), str(target))
    for entry in site_dir.iterdir():
        if not entry.name.startswith(".") and entry.name not in names:
            _remove(entry)
    _remove(ready)
    names_file.unlink()
