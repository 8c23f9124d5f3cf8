"""The site built by Zensical, once for the whole run: ``make site-zensical`` into ``tmp_path``.

The build is what a user runs (the Makefile's target: the engine-neutral export, PDFs
included, then ``zensical build --strict``), with the export and the site in the run's
temporary folder. Under pytest-xdist the workers share it, as they share the Material build
(tests/conftest.py): the first to need it builds it while holding a lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, once_per_run, serving


@dataclass(frozen=True)
class ZensicalBuild:
    """Where ``make site-zensical`` put the export and the site, and what it printed."""

    export: Path
    site: Path
    returncode: int
    output: str


def make_site_zensical(where: Path) -> ZensicalBuild:
    """``make site-zensical`` of the repository, its export and site in ``where``.

    The venv is the one running the tests, taken as up to date (``-o``: make installs nothing).
    """
    bin_dir = Path(sys.executable).parent
    export, site = where / "export", where / "site"
    env = {key: value for key, value in os.environ.items() if key not in ("COMPACT_PDF", "MAKEFLAGS", "MFLAGS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", f"{bin_dir}/mkdocs", "site-zensical", f"BIN={bin_dir}",
         f"ZENSICAL_EXPORT={export}", f"ZENSICAL_SITE={site}"],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    return ZensicalBuild(export, site, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuild:
    built = once_per_run(tmp_path_factory, "zensical-build", make_site_zensical, ZensicalBuild)
    if built.returncode != 0:
        raise AssertionError(f"make site-zensical failed:\n{built.output}")
    return built


@pytest.fixture(scope="session")
def zensical_site(zensical_build: ZensicalBuild) -> Path:
    """The site Zensical built from the export."""
    return zensical_build.site


@pytest.fixture(scope="session")
def served_zensical(zensical_site: Path) -> Iterator[str]:
    """The Zensical site served on 127.0.0.1; yields the base URL ending in ``/``."""
    with serving(zensical_site) as url:
        yield url
