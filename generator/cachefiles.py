"""Files kept between builds: written atomically, and folders kept within a size.

Shared by the handout cache and the compressed copies, so that a build killed at any
instant leaves either a whole entry or none, and no cache folder grows without bound.
"""

from __future__ import annotations

import os
import tempfile
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
