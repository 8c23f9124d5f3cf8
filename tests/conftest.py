"""Shared fixtures: build real sites into temporary folders, serve them, drive Chromium.

* ``project`` copies the repository's site sources (mkdocs.yml, content/,
  overrides/, compact_templates/, compact_data/) into ``tmp_path`` so a test can change data
  without touching the real files; ``build_site(project)`` builds it.
* ``site_dir`` is one real build of the real data (with PDFs), shared by the session
  (and by the xdist workers); ``real_build`` also has what that build printed.
* ``served_site`` serves ``site_dir`` on 127.0.0.1; ``browser`` is headless
  Debian Chromium through Playwright (never a downloaded browser).

The helpers themselves live in ``tests/support/``, which the benchmark shares.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, RealBuild, build_real_site, copy_project, once_per_run, serving

from generator.model import Compact, load_compact


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (make browser-tests)")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def compact() -> Compact:
    """The real data, loaded once (a test that changes data works on a ``project`` copy)."""
    return load_compact(ROOT / "compact_data", display_root=ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> RealBuild:
    """One real build of the real repository (PDFs included) for the whole run.

    Under pytest-xdist the workers share it: the first to need it builds it into the run's
    common temporary folder while holding a lock, the others wait and read its record.
    """
    return once_per_run(tmp_path_factory, "real-build", lambda folder: build_real_site(folder / "site"), RealBuild)


@pytest.fixture(scope="session")
def site_dir(real_build: RealBuild) -> Path:
    """One real build of the real repository, shared by every test that only reads it."""
    if real_build.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{real_build.output}")
    return real_build.site


@pytest.fixture(scope="session")
def served_site(site_dir: Path) -> Iterator[str]:
    """``site_dir`` served on 127.0.0.1; yields the base URL ending in ``/``."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, shared by the session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make system-deps' (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser page at desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()
