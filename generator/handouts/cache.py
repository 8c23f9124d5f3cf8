"""A store of laid-out handouts keyed by everything that decides their bytes.

Laying a handout out is nearly all of a build's time, and a handout's PDF depends only
on its finished HTML, the stylesheet, the font files, the layout code and the versions
of WeasyPrint and the libraries under it. :func:`layout_key` hashes all of that, so a
build whose data did not change a handout reuses its bytes, and an edit lays out again
only the handouts it touches; the output is the same bytes either way.

Each entry is ``<key>.pdf`` (the PDF, exactly) beside ``<key>.json`` (its page count,
size and SHA-256). Both are written to a temporary name and renamed, the record last,
and an entry is used only if the PDF's digest matches its record: a truncated or
damaged entry is a miss (and is removed), never a bad PDF. The folder is bounded:
after a write, the least recently used entries go until it fits.

Nothing here imports WeasyPrint: the plugin can look up entries without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from generator.cachefiles import content_key, trim, unusable, write_atomically

#: Changes when the entries' format or the key's recipe does.
CACHE_FORMAT = "1"
#: The folder's bound: a build's dozen handouts are a few MB, 100 times the data's a few tens.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


def layout_key(html: str, environment: str) -> str:
    """The entry's name: a SHA-256 of the handout's HTML and its layout ``environment``
    (stylesheet, fonts, code and library versions: see ``generator.handouts.pdf``)."""
    return content_key(CACHE_FORMAT, environment, html)


@dataclass(frozen=True)
class Laid:
    """A laid-out handout: the PDF's bytes and its page count."""

    content: bytes
    pages: int


@dataclass(frozen=True)
class Job:
    """A handout to lay out later (``mkdocs serve``): its entry's key and its finished HTML."""

    key: str
    html: str
    path: str
    stylesheet_source: tuple[str, str]


@dataclass(frozen=True)
class HandoutCache:
    """The store: a folder of entries, shared by every build and by the preview's worker."""

    directory: Path
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def codes(self) -> Path:
        """Where the handouts' QR codes are kept (a folder of its own, with its own bound)."""
        return self.directory / "qr"

    def _pdf(self, key: str) -> Path:
        return self.directory / f"{key}.pdf"

    def _record(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str) -> Laid | None:
        """The entry, if it is whole and its bytes are the ones recorded; otherwise None."""
        try:
            record = _parse_record(self._record(key).read_bytes())
            content = self._pdf(key).read_bytes() if record is not None else b""
        except OSError as error:
            unusable(self.directory, error)
            record = None
        if record is None or len(content) != record.size or hashlib.sha256(content).hexdigest() != record.sha256:
            self._drop(key)
            return None
        for path in (self._pdf(key), self._record(key)):  # used: the last to be evicted
            try:
                os.utime(path)
            except OSError:
                pass
        return Laid(content, record.pages)

    def put(self, key: str, laid: Laid) -> None:
        """Store an entry atomically (the PDF, then its record), then keep the folder in bounds."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomically(self._pdf(key), laid.content)
            digest = hashlib.sha256(laid.content).hexdigest()
            record = {"pages": laid.pages, "size": len(laid.content), "sha256": digest}
            write_atomically(self._record(key), json.dumps(record, sort_keys=True).encode("utf-8"))
        except OSError as error:
            unusable(self.directory, error)  # a cache that cannot be written only costs time
            return
        self.trim()

    def trim(self) -> None:
        trim(self.directory, self.max_bytes)

    def _drop(self, key: str) -> None:
        for path in (self._record(key), self._pdf(key)):
            try:
                path.unlink()
            except OSError:
                pass


@dataclass
class CacheUse:
    """One build's use of the store, and its report: the handouts it reused and laid out.

    With ``stand_ins`` (``mkdocs serve``), the build lays nothing out: what the store lacks is
    listed in ``pending`` for a worker process to make after the pages are served (see
    ``generator.handouts.preview``), and the PDF the last build served at a handout's address,
    if there is one, stands in meanwhile.
    """

    store: HandoutCache
    stand_ins: Mapping[str, Laid] | None = None
    reused: list[str] = field(default_factory=list)
    laid_out: list[str] = field(default_factory=list)
    pending: list[Job] = field(default_factory=list)


#: A record is three short fields: anything longer is not one (and is never parsed: no deep nesting).
MAX_RECORD_BYTES = 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Record:
    """What an entry's ``.json`` says of its PDF."""

    pages: int
    size: int
    sha256: str


def _parse_record(text: bytes) -> Record | None:
    """The record, if it is one: whole numbers where numbers belong (not ``1e999`` or ``true``)."""
    if len(text) > MAX_RECORD_BYTES:
        return None
    try:
        fields = json.loads(text)
    except ValueError:  # (UnicodeDecodeError and JSONDecodeError are ValueErrors)
        return None
    if not isinstance(fields, dict):
        return None
    pages, size, sha = fields.get("pages"), fields.get("size"), fields.get("sha256")
    if _count(pages) and _count(size) and isinstance(sha, str) and SHA256.fullmatch(sha):
        return Record(pages, size, sha)
    return None


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1
