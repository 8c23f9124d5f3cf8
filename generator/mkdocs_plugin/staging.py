"""Atomic and reproducible builds: what the plugin needs, without MkDocs.

A build writes into a staging folder next to ``site/`` and swaps it in only
once everything has succeeded, so a failed build (bad data, a template error,
a warning under ``--strict``) leaves the previous ``site/`` exactly as it was.
Dates that would otherwise be "today" (sitemap ``lastmod``, and from it the gzip
header of ``sitemap.xml.gz``) are pinned, so the same input always gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path


def pinned_date(edition: int, environ: Mapping[str, str] = os.environ) -> str | None:
    """The date every page reports (sitemap ``lastmod``), or None to leave it to MkDocs.

    MkDocs dates pages by ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
    or, if unset, by the day of the build, so the same input would give different bytes
    tomorrow. Unset, the date is the first day of the Compact's edition year, the same
    date the PDF handouts carry (:func:`generator.pdf.document_date`).
    """
    if environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    return f"{edition:04d}-01-01"


def staging_dir(site_dir: Path) -> Path:
    """The folder a build writes to before it replaces ``site_dir``: its hidden sibling."""
    return site_dir.parent / f".{site_dir.name}.staging"


def _previous_dir(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.previous"


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def start(site_dir: Path) -> Path:
    """An empty staging folder for a build of ``site_dir`` (left-overs of a killed build go)."""
    staging = staging_dir(site_dir)
    _remove(staging)
    _remove(_previous_dir(site_dir))
    return staging


def discard(site_dir: Path) -> None:
    """Throw away a failed build; ``site_dir`` is untouched."""
    _remove(staging_dir(site_dir))


def swap_in(site_dir: Path) -> None:
    """Replace ``site_dir`` with the finished staging folder.

    Hidden entries of the old ``site_dir`` (say a ``.git`` of a deploy checkout) are
    kept, as MkDocs' own cleaning keeps them. The swap is two renames; if ``site_dir``
    cannot be renamed (a mount point, a symbolic link) its contents are replaced instead.
    """
    staging = staging_dir(site_dir)
    staging.mkdir(parents=True, exist_ok=True)  # a build that wrote nothing is still a build
    if not site_dir.exists() and not site_dir.is_symlink():
        staging.rename(site_dir)
        return
    kept = [entry for entry in site_dir.iterdir() if entry.name.startswith(".")]
    kept = [entry for entry in kept if not (staging / entry.name).exists()]
    if site_dir.is_symlink():
        _replace_contents(site_dir, staging)
        return
    previous = _previous_dir(site_dir)
    _remove(previous)
    try:
        site_dir.rename(previous)
    except OSError:
        _replace_contents(site_dir, staging)
        return
    try:
        staging.rename(site_dir)
    except OSError:
        previous.rename(site_dir)
        raise
    for entry in kept:
        (previous / entry.name).rename(site_dir / entry.name)
    _remove(previous)


def _replace_contents(site_dir: Path, staging: Path) -> None:
    """The fallback: empty ``site_dir`` (but its hidden entries) and move the build in."""
    for entry in site_dir.iterdir():
        if not entry.name.startswith("."):
            _remove(entry)
    for entry in sorted(staging.iterdir()):
        target = site_dir / entry.name
        _remove(target)
        shutil.move(str(entry), str(target))
    _remove(staging)
