"""Compressed copies of the site's text files, made once at build time (served with ``gzip_static``).

Deterministic: no file name or time in the gzip header, so the same site gives the same bytes.
Compressing is a good part of a build's own time, and most files are the same from one build
to the next, so a build may keep the copies by content (``cache``: ``<SHA-256 of the file>.gz``);
a kept copy is used only if it decompresses to the file's bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from pathlib import Path

from generator.cachefiles import trim, unusable, write_atomically
from generator.deploy.rules import TEXT_SUFFIXES

#: Below this a compressed copy saves nothing worth a second file.
MIN_SIZE = 256
#: zlib's default: level 9 takes three times as long here for 0.5 % smaller files.
COMPRESS_LEVEL = 6
#: The bound on the folder of kept copies (a site of some 140 pages keeps about 2 MB).
CACHE_MAX_BYTES = 100 * 1024 * 1024


def compress_site(site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Write ``<file>.gz`` beside every text file worth it; MkDocs' own ``sitemap.xml.gz`` is kept."""
    written = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.is_symlink() or not path.name.endswith(TEXT_SUFFIXES):
            continue
        target = path.with_name(path.name + ".gz")
        content = path.read_bytes()
        if len(content) < MIN_SIZE or target.exists():
            continue
        target.write_bytes(_compressed(content, cache))
        written.append(target)
    if cache is not None and written:
        trim(cache, CACHE_MAX_BYTES)
    return written


def _compressed(content: bytes, cache: Path | None) -> bytes:
    if cache is None:
        return gzip.compress(content, compresslevel=COMPRESS_LEVEL, mtime=0)
    kept = cache / f"{hashlib.sha256(content).hexdigest()}-{COMPRESS_LEVEL}.gz"
    try:
        compressed = kept.read_bytes()
        whole = gzip.decompress(compressed) == content  # (the check: a kept copy must give the file's bytes)
    except (EOFError, zlib.error, gzip.BadGzipFile):
        whole = False  # damaged: made again below
    except OSError as error:
        unusable(cache, error)
        whole = False
    if whole:
        try:
            os.utime(kept)  # used: the last to be trimmed
        except OSError:
            pass
        return compressed
    compressed = gzip.compress(content, compresslevel=COMPRESS_LEVEL, mtime=0)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        write_atomically(kept, compressed)
    except OSError as error:
        unusable(cache, error)  # a cache that cannot be written only costs time
    return compressed
