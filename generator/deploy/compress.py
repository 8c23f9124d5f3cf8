"""Compressed copies of the site's text files, made once at build time (served with ``gzip_static``).

Deterministic: no file name or time in the gzip header, so the same site gives the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from generator.deploy.rules import TEXT_SUFFIXES

#: Below this a compressed copy saves nothing worth a second file.
MIN_SIZE = 256
#: zlib's default: level 9 takes three times as long here for 0.5 % smaller files.
COMPRESS_LEVEL = 6


def compress_site(site_dir: Path) -> list[Path]:
    """Write ``<file>.gz`` beside every text file worth it; MkDocs' own ``sitemap.xml.gz`` is kept."""
    written = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.is_symlink() or not path.name.endswith(TEXT_SUFFIXES):
            continue
        target = path.with_name(path.name + ".gz")
        content = path.read_bytes()
        if len(content) < MIN_SIZE or target.exists():
            continue
        target.write_bytes(gzip.compress(content, compresslevel=COMPRESS_LEVEL, mtime=0))
        written.append(target)
    return written
