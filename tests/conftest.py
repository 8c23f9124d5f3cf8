"""Shared fixtures: build real sites into temporary folders, serve them, drive Chromium.

* ``project`` copies the repository's site sources (mkdocs.yml, content/,
  overrides/, compact_data/) into ``tmp_path`` so a test can change data
  without touching the real files; ``build_site(project)`` builds it.
* ``site_dir`` is one real build of the real data (with PDFs), shared by the session.
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
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, copy_project, serving

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
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the real repository, shared by every test that only reads it."""
    site = tmp_path_factory.mktemp("built") / "site"
    build_site(ROOT, site, pdf=True)
    return site


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
