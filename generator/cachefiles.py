"""Files kept between builds: written atomically, and folders kept within a size.

Shared by the handout cache, the compressed copies and the kept workbooks, so that a build
killed at any instant leaves either a whole entry or none, and no cache folder grows without bound.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


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
    except OSError:
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
    except OSError:
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
