"""Shared fixtures: build real sites into temporary folders, serve them, drive Chromium.

* ``project`` copies the repository's site sources (mkdocs.yml, content/,
  overrides/, compact_data/) into ``tmp_path`` so a test can change data
  without touching the real files; ``build_site(project)`` builds it.
* ``site_dir`` is one real build of the real data, shared by the session.
* ``served_site`` serves ``site_dir`` on 127.0.0.1; ``browser`` is headless
  Debian Chromium through Playwright (never a downloaded browser).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.load import load_compact
from generator.model import Compact

ROOT = Path(__file__).resolve().parent.parent
SITE_SOURCES = ("mkdocs.yml", "content", "overrides", "compact_data")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (make browser-tests)")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(target: Path) -> Path:
    """A copy of the site's sources that a test may change freely."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def build_site(
    project: Path, site: Path | None = None, *extra: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` as a user would, in ``project``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site is not None:
        command += ["-d", str(site)]
    result = subprocess.run(
        [*command, *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


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
    build_site(ROOT, site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Serve the site's own 404 page, as the production host does.
        if code == 404:
            page = Path(self.directory) / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def served_site(site_dir: Path) -> Iterator[str]:
    """``site_dir`` served on 127.0.0.1; yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium, shared by the session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make system-deps' (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page at desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        yield context.new_page()
    finally:
        context.close()
