"""Atomic and exclusive replacement of a built folder: the site (the plugin), an export, a Zensical site.

A build takes a lock beside the folder (so two builds never write at once: the second
waits, for a bounded time, then gives up in one sentence), puts what it had left from a
killed swap right (:func:`recover`) before anything else, even before it reads the data,
writes into a staging folder and swaps it in only once everything has succeeded, so a
failed build (bad data, a template error, a warning under ``--strict``, a full disk)
leaves the previous folder exactly as it was. The folders' names say how far a swap got:

=====================  ===========================================================
``.site.staging``      a build in progress: incomplete, never published
``.site.ready``        a finished build, about to become ``site/``
``.site.swap``         the identity (device, inode) of that finished build
``.site.previous``     the old ``site/``, set aside once the new one is in place
=====================  ===========================================================

They sit beside the real folder: when ``site`` is a symbolic link (to another file system,
say), beside the folder it points to, so every step is a rename within one file system.
The swap itself is one system call where Linux has it (``renameat2`` with
``RENAME_EXCHANGE``: tmpfs, ext4, xfs, btrfs, overlayfs): ``site`` is the old site whole,
then the new one whole, with no instant between. Elsewhere it is two renames, and a kill
between them leaves no ``site`` until the next build puts the newest whole one back. After
the exchange ``.site.ready`` holds the old site; ``.site.swap`` tells the two apart.
Nothing is deleted unless a complete site is in place beside it. A folder that is itself a
mount point cannot be renamed: its contents are replaced entry by entry (``.site.names``
lists the new build's, so a kill half-way is finished by the next build), the one case
that is not atomic. Permission problems are found before anything is moved.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from generator.environment import EnvironmentProblem, lock_wait


class StagingError(Exception):
    """The build cannot safely write its folder: one sentence for the user, never a traceback."""


def _real(site_dir: Path) -> Path:
    """The folder that is swapped: ``site_dir`` itself, or the folder a symbolic link points to."""
    return Path(os.path.realpath(site_dir)) if site_dir.is_symlink() else site_dir


def _sibling(site_dir: Path, role: str) -> Path:
    place = _real(site_dir)
    return place.parent / f".{place.name}.{role}"


def staging_dir(site_dir: Path) -> Path:
    """The folder a build writes to before it replaces ``site_dir``: a hidden sibling of the real folder."""
    return _sibling(site_dir, "staging")


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
        try:
            wait = lock_wait() if wait is None else wait
        except EnvironmentProblem as problem:
            raise StagingError(str(problem)) from None
        parent = self.path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            lock = self.path.open("a+", encoding="utf-8")
        except OSError as error:
            raise StagingError(f"cannot build into {self.site_dir}: {_why(error, parent)}") from None
        try:
            self._wait(lock, wait, say)
            lock.seek(0)
            lock.truncate()
            lock.write(f"{os.getpid()}\n")
            lock.flush()
        except OSError as error:  # a full disk: the pid is only for the message of a build that waits
            if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                lock.close()
                raise StagingError(f"cannot lock {self.path}: {error.strerror}") from None
        except BaseException:
            lock.close()
            raise
        self._file = lock

    def _wait(self, lock: IO[str], wait: float, say: Callable[[str], None]) -> None:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if time.monotonic() >= deadline:
                raise StagingError(
                    f"another build of {self.site_dir} ({_holder(self.path)}) is still running after {wait:g} s; "
                    "try again when it has finished"
                )
            if not told:
                say(f"Another build of {self.site_dir} ({_holder(self.path)}) is running; "
                    f"waiting for it to finish (at most {wait:g} s)")
                told = True
            time.sleep(0.1)

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


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
    place = _real(site_dir)
    parent = place.parent
    probe = _sibling(site_dir, f"probe-{os.getpid()}")
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as error:
        raise StagingError(f"cannot build into {site_dir}: {_why(error, parent)}") from None
    if not place.is_dir():
        return  # nothing to rename
    me = os.geteuid()
    parent_status = parent.stat()
    if me != 0 and parent_status.st_mode & stat.S_ISVTX and me not in (place.stat().st_uid, parent_status.st_uid):
        raise StagingError(f"cannot replace {site_dir}: it belongs to another user in a folder where only "
                           "the owner may rename it")
    for folder, subfolders, _ in os.walk(place):
        for path in (folder, *(os.path.join(folder, name) for name in subfolders)):
            if not os.path.islink(path) and not os.access(path, os.W_OK | os.X_OK):
                raise StagingError(f"cannot replace {site_dir}: {path} is not writable, so the old site could "
                                   "not be removed (make it writable, or build into another folder with -d)")


# -- staging and swapping --------------------------------------------------------------


def recover(site_dir: Path) -> None:
    """Finish or undo the swap of a build that was killed, and clear its leftovers.

    Called with the lock held. A complete build (``.site.ready``) is put in place; the old
    site (``.site.previous``, or ``.site.ready`` once exchanged) comes back only if nothing
    newer is whole; an incomplete build (``.site.staging``) is thrown away. Each is deleted
    only when a whole site is in place beside it.
    """
    place = _real(site_dir)
    ready, previous = _sibling(site_dir, "ready"), _sibling(site_dir, "previous")
    if ready.is_dir() and _is_old(site_dir, ready) and place.is_dir():  # killed just after the exchange
        _remove(previous)
        ready.rename(previous)
    _remove(_sibling(site_dir, "swap"))
    if not _exists(place):  # killed between two renames: the newest whole site goes back in place
        if ready.is_dir():
            ready.rename(place)
        elif previous.is_dir():
            previous.rename(place)
    if previous.is_dir() and place.is_dir():  # killed while the old site's hidden entries moved over
        _keep_hidden(previous, place)
        _remove(previous)
    if ready.is_dir() and place.is_dir():  # killed after the build was complete: finish the swap
        _put_in_place(site_dir, ready)
    for leftover in ("staging", "names", "names.part", "swap", "swap.part"):
        _remove(_sibling(site_dir, leftover))
    for probe in place.parent.glob(f".{place.name}.probe-*"):
        _remove(probe)


def start(site_dir: Path) -> Path:
    """An empty staging folder for a build of ``site_dir``, after the recovery and the checks.

    Call with the :class:`BuildLock` held.
    """
    recover(site_dir)
    check_permissions(site_dir)
    return staging_dir(site_dir)


def discard(site_dir: Path) -> None:
    """Throw away a failed build; ``site_dir`` is untouched."""
    _remove(staging_dir(site_dir))


def swap_in(site_dir: Path) -> None:
    """Replace ``site_dir`` with the finished staging folder.

    Hidden entries of the old ``site_dir`` (say a ``.git`` of a deploy checkout) are
    kept, as MkDocs' own cleaning keeps them.
    """
    staging, ready = staging_dir(site_dir), _sibling(site_dir, "ready")
    staging.mkdir(parents=True, exist_ok=True)  # a build that wrote nothing is still a build
    _remove(ready)  # (recover() leaves none; only a build that did not take the lock would)
    staging.rename(ready)  # from here on, the new build counts as complete
    _put_in_place(site_dir, ready)


@contextmanager
def staged(site_dir: Path, say: Callable[[str], None] = print) -> Iterator[Path]:
    """The lock, the recovery and a staging folder; swapped in if the block ends normally,
    thrown away if it raises (for builds outside MkDocs: the export, ``swap-in``)."""
    lock = BuildLock(site_dir)
    lock.acquire(say=say)
    try:
        staging = start(site_dir)
        try:
            yield staging
        except BaseException:
            discard(site_dir)
            raise
        swap_in(site_dir)
    finally:
        lock.release()


def put_in_place(built: Path, site_dir: Path, say: Callable[[str], None] = print) -> None:
    """Make the finished folder ``built`` the new ``site_dir`` by the same swap (``built`` is used up)."""
    with staged(site_dir, say) as staging:
        try:
            built.rename(staging)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            shutil.copytree(built, staging, symlinks=True)  # another file system: copied beside the site first
            shutil.rmtree(built)


def _keep_hidden(old: Path, new: Path) -> None:
    """Hidden entries of the old site (a deploy checkout's ``.git``) move into the new one."""
    for entry in sorted(old.iterdir()):
        if entry.name.startswith(".") and not _exists(new / entry.name):
            entry.rename(new / entry.name)


def _identity(path: Path) -> str:
    status = path.stat()
    return f"{status.st_dev} {status.st_ino}\n"


def _is_old(site_dir: Path, ready: Path) -> bool:
    """Whether ``.site.ready`` holds the old site: the exchange happened (``.site.swap`` names another folder)."""
    try:
        return _sibling(site_dir, "swap").read_text(encoding="utf-8") != _identity(ready)
    except OSError:  # no record: killed before it was written, so before the exchange
        return False


def _put_in_place(site_dir: Path, ready: Path) -> None:
    """The steps that make the complete build in ``ready`` the site (see :func:`swap_in`)."""
    place = _real(site_dir)
    if not _exists(place):
        ready.rename(place)
        return
    if _sibling(site_dir, "names").is_file():
        _replace_contents(site_dir, ready)
        return
    previous, record = _sibling(site_dir, "previous"), _sibling(site_dir, "swap")
    _remove(previous)  # (recover() leaves none: it is only ever an old site beside a whole one)
    part = _sibling(site_dir, "swap.part")
    part.write_text(_identity(ready), encoding="utf-8")
    part.replace(record)
    try:
        if _exchange(ready, place):  # one step: place is the new site, ready the old one
            ready.rename(previous)
        else:
            place.rename(previous)
            ready.rename(place)
    except OSError as error:
        if error.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        record.unlink()
        _replace_contents(site_dir, ready)  # a mount point: it cannot be renamed
        return
    record.unlink()
    _keep_hidden(previous, place)
    _remove(previous)


#: ``renameat2``'s flag that swaps two paths (linux/fs.h), and the "current folder" of its ``*at`` paths.
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call; False where the system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # not Linux (or a C library without it)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), str(second))


def _replace_contents(site_dir: Path, ready: Path) -> None:
    """For a mount point: move the build into it entry by entry, then drop what it does not have.

    The names of the new build are written down first (``.site.names``), so that a kill
    half-way is finished by :func:`recover` without losing what was already moved.
    """
    place = _real(site_dir)
    names_file = _sibling(site_dir, "names")
    if names_file.is_file():
        names = set(names_file.read_text(encoding="utf-8").splitlines())
    else:
        names = {entry.name for entry in ready.iterdir()}
        partial = _sibling(site_dir, "names.part")
        partial.write_text("".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")
        partial.rename(names_file)
    for entry in sorted(ready.iterdir()):
        target = place / entry.name
        _remove(target)
        shutil.move(str(entry), str(target))
    for entry in place.iterdir():
        if not entry.name.startswith(".") and entry.name not in names:
            _remove(entry)
    _remove(ready)
    names_file.unlink()
