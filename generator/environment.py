"""The environment variables the build reads itself, each read by one rule into a value or a sentence.

``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) dates the pages
and the PDFs; ``COMPACT_BUILD_LOCK_WAIT`` bounds how long a build waits for another. The plugin's
options read ``COMPACT_PDF``, ``COMPACT_CACHE`` and ``COMPACT_WATCH_EVENTS`` through ``!ENV`` in
``mkdocs.yml``, so MkDocs checks those with the options (:mod:`generator.mkdocs_plugin.config`).
Empty counts as unset, as a shell's ``NAME= make site`` means; anything else a variable cannot
mean is one sentence (:class:`EnvironmentProblem`), never a traceback and never a guess.
"""

from __future__ import annotations

import errno
import math
import os
from collections.abc import Mapping, MutableMapping
from datetime import UTC, datetime

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
                                 "build by its edition")
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


def pinned_date(edition: int, environ: Mapping[str, str] = os.environ) -> str | None:
    """The date every page reports (sitemap ``lastmod``), or None to leave it to MkDocs.

    MkDocs dates pages by ``SOURCE_DATE_EPOCH`` or, if unset, by the day of the build, so the
    same input would give different bytes tomorrow. Unset, the date is the first day of the
    Compact's edition year, the date the PDF handouts carry (:func:`generator.handouts.pdf.document_date`).
    """
    return None if source_date_epoch(environ) is not None else f"{edition:04d}-01-01"


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
