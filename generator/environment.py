"""The environment variables the build reads itself, each read by one rule into a value or a sentence.

``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) dates the pages
and the PDFs, and is the pages' "Last updated" date (else git's, :func:`last_updated`);
``COMPACT_BUILD_LOCK_WAIT`` bounds how long a build waits for another. The plugin's
options read ``COMPACT_PDF``, ``COMPACT_CACHE`` and ``COMPACT_WATCH_EVENTS`` through ``!ENV`` in
``mkdocs.yml``, so MkDocs checks those with the options (:mod:`generator.mkdocs_plugin.config`).
Empty counts as unset, as a shell's ``NAME= make site`` means; anything else a variable cannot
mean is one sentence (:class:`EnvironmentProblem`), never a traceback and never a guess.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import subprocess
from collections.abc import Mapping, MutableMapping
from datetime import UTC, datetime
from pathlib import Path

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
#: The environment variable that bounds a build's wait for another build (``0``: fail at once).
LOCK_WAIT_VARIABLE = "COMPACT_BUILD_LOCK_WAIT"
#: The wait when it is unset (seconds).
LOCK_WAIT_SECONDS = 600.0
#: The gzip header of ``sitemap.xml.gz`` holds at most 2**32 - 1 seconds (early 2106).
LAST_EPOCH = 2**32 - 1


class EnvironmentProblem(ValueError):
    """An environment variable the build cannot use: one sentence for the user."""


def _value(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    """``SOURCE_DATE_EPOCH`` in seconds, or None when it is unset or empty.

    Digits only (no sign, no exponent, no ``_``), and before 2106: the one rule for the pages'
    dates, the PDFs' dates and the gzip header MkDocs writes from it.
    """
    value = _value(environ, SOURCE_DATE_EPOCH)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > LAST_EPOCH:
        raise EnvironmentProblem(f"{SOURCE_DATE_EPOCH} must be a whole number of seconds since 1970 "
                                 f"(at most {LAST_EPOCH}, early 2106), not {value!r}; unset it to date the "
                                 "build by its sources' last commit, or by its edition")
    return int(value)


def source_date(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """:func:`source_date_epoch` as a moment in UTC."""
    epoch = source_date_epoch(environ)
    return None if epoch is None else datetime.fromtimestamp(epoch, tz=UTC)


def settle_source_date(environ: MutableMapping[str, str] = os.environ) -> int | None:
    """Check ``SOURCE_DATE_EPOCH`` and drop it if empty, so that MkDocs, which reads it too and
    fails with a traceback on an empty one, follows the same rule."""
    epoch = source_date_epoch(environ)
    if epoch is None:
        environ.pop(SOURCE_DATE_EPOCH, None)
    return epoch


def lock_wait(environ: Mapping[str, str] = os.environ) -> float:
    """How long a build waits for another build of the same site (seconds)."""
    value = _value(environ, LOCK_WAIT_VARIABLE)
    if value is None:
        return LOCK_WAIT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise EnvironmentProblem(f"{LOCK_WAIT_VARIABLE} must be a number of seconds (0 or more), not {value!r}")
    return seconds


def pinned_date(edition: int, environ: Mapping[str, str] = os.environ, updated: dt.date | None = None) -> str | None:
    """The date every page reports (sitemap ``lastmod``), or None to leave it to MkDocs.

    MkDocs dates pages by ``SOURCE_DATE_EPOCH`` or, if unset, by the day of the build, so the
    same input would give different bytes tomorrow. Unset, the date is the day the sources last
    changed (``updated``, :func:`last_updated`) or, not known, the first day of the Compact's
    edition year, the date the PDF handouts carry (:func:`generator.handouts.pdf.document_date`).
    """
    if source_date_epoch(environ) is not None:
        return None
    return updated.isoformat() if updated is not None else f"{edition:04d}-01-01"


def last_updated(data_dir: Path, docs_dir: Path | None = None,
                 environ: Mapping[str, str] = os.environ) -> dt.date | None:
    """The day the pages' words last changed (their "Last updated" line), or None: not known.

    ``SOURCE_DATE_EPOCH`` when set; else the day (UTC) of the last git commit that changed the
    data folder or a hand-written page (Markdown in ``docs_dir``), if the data folder is in a git
    work tree; else None, never the day of the build, so the same sources give the same bytes.
    Uncommitted edits do not move it: it is the date of what was committed.
    """
    epoch = source_date_epoch(environ)
    if epoch is None:
        epoch = last_commit(data_dir, docs_dir)
    return None if epoch is None else datetime.fromtimestamp(epoch, tz=UTC).date()


def last_commit(data_dir: Path, docs_dir: Path | None = None) -> int | None:
    """When (seconds since 1970) a git commit last changed ``data_dir`` or the Markdown in ``docs_dir``;
    None outside a git work tree, without git, in a shallow clone (its history cannot tell), or before
    any commit has touched them."""
    try:
        top = Path(_git(data_dir, "rev-parse", "--show-toplevel")).resolve()
        data = _inside(top, data_dir)
        if data is None or _git(top, "rev-parse", "--is-shallow-repository") == "true":
            return None  # (a shallow clone's oldest commit seems to add every file: its date would be wrong)
        specs = [data]
        docs = _inside(top, docs_dir) if docs_dir is not None and docs_dir.is_dir() else None
        if docs is not None:  # (a docs folder in another work tree is not this one's history)
            specs.append(":(glob)" + ("" if docs == "." else docs + "/") + "**/*.md")
        found = _git(top, "log", "-1", "--format=%ct", "--", *specs)
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(found) if found.isdigit() else None


def _inside(top: Path, folder: Path) -> str | None:
    """``folder`` as a path in the work tree ``top``, or None if it is not in it."""
    try:
        return folder.resolve().relative_to(top).as_posix() or "."
    except ValueError:
        return None


def _git(folder: Path, *arguments: str) -> str:
    """What a git command run in ``folder`` prints, stripped: git's own variables of the caller (a hook's
    ``GIT_DIR``, say) are not passed on, so that the folder's own repository answers."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    done = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, text=True, check=True,
                          stdin=subprocess.DEVNULL, env=environ)
    return done.stdout.strip()


#: The machine's limits, in words: what the user can do about each.
LIMITS = {
    errno.ENOSPC: "the disk is full (free some space and build again)",
    errno.EDQUOT: "the disk quota is used up (free some space and build again)",
    errno.EFBIG: "the file would be larger than this process may write (see 'ulimit -f')",
    errno.EROFS: "the file system is read-only",
}


def cannot_write(error: OSError, what: str = "") -> str:
    """A file system error while writing ``what`` as one sentence: where, and why in words.

    The machine's limits are said of ``what`` (the site, the export), since the file that met
    them is only the one that happened to come last; any other error names its own file.
    """
    if error.errno in LIMITS:
        where = what or error.filename
        return f"cannot write {where}: {LIMITS[error.errno]}" if where else f"cannot write: {LIMITS[error.errno]}"
    return f"cannot use {error.filename or what}: {(error.strerror or str(error)).lower()}"
