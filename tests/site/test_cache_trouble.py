"""Every cache under .cache/ only ever costs time: a damaged entry is a miss, an unusable folder one line.

Issue 29: the compiled-template cache trusted what it read (a read-only folder or a full disk
gave a traceback, a half-garbage entry a ``SystemError``, one flipped byte in a string
constant a silently different site), and a handout record with ``"pages": 1e999`` or
100,000-deep JSON a traceback. Here the compiled templates, the handouts' records, the
compressed copies and the workbooks meet damaged entries, a read-only folder (a tmpfs
mounted read-only: root writes anywhere else) and a full one; real ``mkdocs build --strict``
runs must pass, say so in one line, and build the very site a build without a cache builds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from support import SITE, tmpfs
from support.shapes import small_project

from generator import open_data
from generator.cachefiles import LOG, TemplateCache, tell_once
from generator.deploy.compress import compress_site
from generator.handouts.cache import HandoutCache, Laid
from generator.model import Compact

NOTICE = "Cache: cannot use"


def render(templates: Path, cache: jinja2.BytecodeCache | None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache)
    return env.get_template("page.j2").render(name="world")


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("<p>Hello, {{ name }}: a sentence long enough to be a constant</p>\n",
                                    encoding="utf-8")
    return folder


def flip_in_a_string_constant(entry: Path) -> None:
    """One letter of the longest run of letters and spaces (a string constant) in the other case."""
    content = entry.read_bytes()
    match = max(re.finditer(rb"[A-Za-z ,:]{12,}", content), key=lambda m: len(m.group()))
    at = match.start() + re.search(rb"[A-Za-z]", match.group()).start()  # type: ignore[union-attr]
    entry.write_bytes(content[:at] + bytes([content[at] ^ 0x20]) + content[at + 1:])


@pytest.mark.parametrize("damage", ["flipped letter", "cut short", "half garbage", "empty"])
def test_a_damaged_compiled_template_is_compiled_again(templates: Path, tmp_path: Path, damage: str) -> None:
    fresh = render(templates, None)
    cache = TemplateCache(tmp_path / "cache")
    assert render(templates, cache) == fresh  # cold: compiled, then kept
    (entry,) = (tmp_path / "cache").iterdir()
    kept = entry.read_bytes()
    if damage == "flipped letter":
        flip_in_a_string_constant(entry)
    else:
        middle = len(kept) // 2
        entry.write_bytes({"cut short": kept[:middle], "half garbage": kept[:middle] + os.urandom(len(kept) - middle),
                           "empty": b""}[damage])
    assert entry.read_bytes() != kept
    assert render(templates, cache) == fresh
    assert entry.read_bytes() == kept  # kept whole again


def test_a_flipped_letter_is_what_jinjas_own_cache_would_have_served(templates: Path, tmp_path: Path) -> None:
    """The damage above is real: Jinja's FileSystemBytecodeCache renders the flipped letter."""
    (tmp_path / "jinja").mkdir()
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path / "jinja"))
    fresh = render(templates, cache)
    (entry,) = (tmp_path / "jinja").iterdir()
    flip_in_a_string_constant(entry)
    assert render(templates, jinja2.FileSystemBytecodeCache(str(tmp_path / "jinja"))) != fresh


def test_entries_are_keyed_by_the_template_and_the_versions(templates: Path, tmp_path: Path) -> None:
    cache = TemplateCache(tmp_path / "cache")
    render(templates, cache)
    (templates / "page.j2").write_text("<p>Goodbye, {{ name }}</p>\n", encoding="utf-8")
    assert render(templates, cache) == "<p>Goodbye, world</p>"
    assert len(list((tmp_path / "cache").iterdir())) == 2  # a new source: a new entry, never the old code


@pytest.fixture
def said() -> Iterator[list[str]]:
    """What the cache says, as the plugin hears it (each kind of trouble once)."""
    lines: list[str] = []
    tell_once(lines.append)
    try:
        yield lines
    finally:
        for handler in list(LOG.handlers):
            LOG.removeHandler(handler)
        LOG.setLevel(logging.NOTSET)


def test_a_read_only_cache_folder_costs_time_and_says_why_once(
    templates: Path, tmp_path: Path, compact: Compact, said: list[str]
) -> None:
    fresh_gz = tmp_path / "fresh"
    (fresh_gz / "a").mkdir(parents=True)
    (fresh_gz / "a" / "index.html").write_text("<p>a page</p>" * 100, encoding="utf-8")
    compress_site(fresh_gz)
    with tmpfs(tmp_path / "read-only", "1m", read_only=True) as folder:
        assert render(templates, TemplateCache(folder / "templates")) == render(templates, None)
        assert open_data.commitments_xlsx(compact, SITE, cache=folder / "open-data") == \
            open_data.commitments_xlsx(compact, SITE)
        site = tmp_path / "site"
        (site / "a").mkdir(parents=True)
        (site / "a" / "index.html").write_text("<p>a page</p>" * 100, encoding="utf-8")
        compress_site(site, folder / "gzip")
        assert (site / "a" / "index.html.gz").read_bytes() == (fresh_gz / "a" / "index.html.gz").read_bytes()
        handouts = HandoutCache(folder / "handouts")
        handouts.put("k" * 64, Laid(b"%PDF-1.7 a handout", 1))
        assert handouts.get("k" * 64) is None
    assert len(said) == 1, said  # four caches, many entries, one kind of trouble: one line
    assert said[0].startswith(f"Cache: cannot use {folder}/")
    assert said[0].endswith("(read-only file system): this build makes what it would have reused, which takes "
                            "longer; the site is the same")


@pytest.mark.parametrize("record", [
    '{"pages": 1e999, "size": 18, "sha256": "SHA"}',
    '{"pages": true, "size": 18, "sha256": "SHA"}',
    '{"pages": "1", "size": 18, "sha256": "SHA"}',
    '{"pages": 0, "size": 18, "sha256": "SHA"}',
    '{"pages": 1, "size": 18, "sha256": 5}',
    '[1, 18, "SHA"]',
    "[" * 100_000 + "]" * 100_000,
    '{"pages": 1, "size": 18, "sha256": "SHA", "padding": "' + "x" * 5000 + '"}',
    "\udcff",
], ids=["infinite", "true", "text", "zero", "number digest", "list", "deep", "long", "not text"])
def test_a_handout_record_that_is_not_one_is_a_miss(tmp_path: Path, record: str) -> None:
    cache = HandoutCache(tmp_path)
    pdf = b"%PDF-1.7 a handout"
    cache.put("k" * 64, Laid(pdf, 1))
    assert cache.get("k" * 64) == Laid(pdf, 1)
    written = record.replace("SHA", hashlib.sha256(pdf).hexdigest())
    (tmp_path / f"{'k' * 64}.json").write_bytes(written.encode("utf-8", "surrogateescape"))
    assert cache.get("k" * 64) is None
    assert not (tmp_path / f"{'k' * 64}.pdf").exists()  # dropped


def test_a_damaged_compressed_copy_is_made_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>" * 100, encoding="utf-8")
    compress_site(site, tmp_path / "gzip")
    fresh = (site / "index.html.gz").read_bytes()
    (kept,) = (tmp_path / "gzip").iterdir()
    kept.write_bytes(b"not gzip at all" * 10)
    (site / "index.html.gz").unlink()
    compress_site(site, tmp_path / "gzip")
    assert (site / "index.html.gz").read_bytes() == fresh
    assert gzip.decompress(kept.read_bytes()) == (site / "index.html").read_bytes()


# -- real builds ---------------------------------------------------------------------


def build(project: Path, site: Path, cache: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (without -q: a warning fails it) with ``COMPACT_CACHE=cache``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "false", "COMPACT_CACHE": cache}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, env=env)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_with_an_unusable_or_damaged_cache_pass_strict_and_build_the_same_site(tmp_path: Path) -> None:
    """The small synthetic Compact's site: what a cache does with its trouble does not depend on the data."""
    project = small_project(tmp_path / "project")
    plain = build(project, tmp_path / "plain", str(tmp_path / "cold"))  # an empty cache: everything made
    assert plain.returncode == 0, plain.stderr
    expected = files(tmp_path / "plain")
    with tmpfs(tmp_path / "read-only", "1m", read_only=True) as read_only:
        result = build(project, tmp_path / "read-only-site", str(read_only))
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if NOTICE in line]
    assert len(said) == 1 and said[0].startswith("INFO") and "read-only file system" in said[0], said
    assert files(tmp_path / "read-only-site") == expected
    with tmpfs(tmp_path / "full", "256k") as full:
        (full / "filler").write_bytes(b"\0" * 250_000)
        result = build(project, tmp_path / "full-site", str(full))
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if NOTICE in line]
    assert len(said) == 1 and "no space left on device" in said[0], said
    assert files(tmp_path / "full-site") == expected
    # A warm cache whose every compiled template has one letter of a string constant flipped.
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "warm", str(cache)).returncode == 0
    entries = list((cache / "templates").iterdir())
    assert len(entries) > 20
    for entry in entries:
        flip_in_a_string_constant(entry)
    result = build(project, tmp_path / "flipped", str(cache))
    assert result.returncode == 0, result.stderr
    assert files(tmp_path / "flipped") == expected
    assert json.dumps(result.stderr).count(NOTICE) == 0  # damage is a miss, not trouble worth a line
