"""Files kept between builds: written atomically, checked by digest when read, and folders kept within a size.

Shared by the handout cache, the compressed copies, the kept workbooks and QR codes and the
compiled templates, so that a build killed at any instant leaves either a whole entry or
none, a damaged entry is a miss (never different bytes), and no cache folder grows without
bound. A cache only ever costs time: a folder that cannot be read or written (read-only,
another user's, a full disk) makes the build slower, and :func:`unusable` says so, at INFO
and once per kind of trouble and build (:class:`OncePerTrouble`), never as a warning, since
``mkdocs build --strict`` fails on warnings and the site it builds is the same.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.util
import logging
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import jinja2

#: Where a cache folder's trouble is said (the plugin sends it to MkDocs' log: :func:`tell_once`).
LOG = logging.getLogger("generator.cache")
#: The errors that only mean "no such entry": a miss, nothing to say.
MISSES = frozenset({errno.ENOENT, errno.ENOTDIR})


def unusable(folder: Path, error: OSError) -> None:
    """Say that the cache ``folder`` cannot be used (a plain miss says nothing)."""
    if error.errno is None or error.errno in MISSES:
        return
    why = (error.strerror or str(error)).lower()
    LOG.info("Cache: cannot use %s (%s): this build makes what it would have reused, which takes longer; "
             "the site is the same", folder, why, extra={"trouble": error.errno})


class OncePerTrouble(logging.Filter):
    """Lets through the first record of each kind of trouble: one line for a read-only folder, not one per entry."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[object] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        trouble = getattr(record, "trouble", None)
        if trouble in self.seen:
            return False
        self.seen.add(trouble)
        return True


class _Say(logging.Handler):
    def __init__(self, say: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.say = say
        self.addFilter(OncePerTrouble())

    def emit(self, record: logging.LogRecord) -> None:
        self.say(record.getMessage())


def tell_once(say: Callable[[str], None]) -> None:
    """From now on (a new build), each kind of cache trouble goes to ``say`` once."""
    for handler in [h for h in LOG.handlers if isinstance(h, _Say)]:
        LOG.removeHandler(handler)
    LOG.addHandler(_Say(say))
    LOG.setLevel(logging.INFO)


def trim(directory: Path, max_bytes: int) -> None:
    """Remove the least recently used files until ``directory`` holds at most ``max_bytes``."""
    try:
        entries = [(p.stat().st_mtime, p.stat().st_size, p) for p in directory.iterdir() if p.is_file()]
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        try:
            path.unlink()
        except OSError:
            continue
        total -= size


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file in the same folder and rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def read_verified(path: Path) -> bytes | None:
    """The bytes :func:`write_verified` kept at ``path``, if they are whole; otherwise None (and the entry goes)."""
    try:
        kept = path.read_bytes()
    except OSError as error:
        unusable(path.parent, error)
        return None
    digest, _, content = kept.partition(b"\n")
    if digest != hashlib.sha256(content).hexdigest().encode("ascii"):
        try:
            path.unlink()
        except OSError:
            pass
        return None
    try:
        os.utime(path)  # used: the last to be trimmed
    except OSError:
        pass
    return content


def write_verified(path: Path, content: bytes, max_bytes: int) -> None:
    """Keep ``content`` at ``path`` behind its SHA-256 (so a damaged entry is a miss, never wrong
    bytes), then trim the folder to ``max_bytes``; a folder that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, hashlib.sha256(content).hexdigest().encode("ascii") + b"\n" + content)
    except OSError as error:
        unusable(path.parent, error)
        return
    trim(path.parent, max_bytes)


def content_key(*parts: str) -> str:
    """A SHA-256 of ``parts``, each behind its length (so that no two lists of parts share one)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def kept_or_made(path: Path, make: Callable[[], bytes], max_bytes: int) -> bytes:
    """The bytes kept at ``path`` if they are whole; otherwise ``make()``'s, kept there for the next build."""
    content = read_verified(path)
    if content is None:
        content = make()
        write_verified(path, content, max_bytes)
    return content


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept between builds, like every other entry: by content and checked by digest.

    An entry is named by the template's name, file and source and by the versions of Jinja and of
    Python's bytecode, and holds the code (``marshal``) behind its SHA-256; Jinja's own
    ``FileSystemBytecodeCache`` reads whatever is in the file, so a flipped byte in a string
    constant gave a silently different site and a damaged entry a ``SystemError``.
    """

    FORMAT = "1"
    #: The folder's bound: some sixty templates of a few KB each.
    MAX_BYTES = 20 * 1024 * 1024

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        key = content_key(self.FORMAT, jinja2.__version__, importlib.util.MAGIC_NUMBER.hex(), bucket.key,
                          bucket.checksum)
        return self.directory / f"{key}.code"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        content = read_verified(self._path(bucket))
        if content is None:
            return
        try:
            bucket.code = marshal.loads(content)
        except (EOFError, ValueError, TypeError):  # (the digest matched: only another Python's bytes)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            write_verified(self._path(bucket), marshal.dumps(bucket.code), self.MAX_BYTES)
