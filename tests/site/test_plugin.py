"""The MkDocs plugin, driven as a user drives it: ``mkdocs build`` and ``mkdocs serve``.

``mkdocs serve`` and a template override run on the small synthetic Compact (``support.shapes.SMALL``):
how the server rebuilds and lays out handouts after the pages does not depend on the data, and its
7 handouts are laid out in a third of the time of Bristol's 12.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support import ROOT, build_site, without_source
from support.shapes import SMALL_REWORDED, SMALL_WORDS, reword_small, small_project

from generator.open_data import CSV_PATH


def assert_clear_failure(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, output
    return output


def test_a_page_clashing_with_a_generated_one_fails_clearly(project: Path, tmp_path: Path) -> None:
    (project / "content" / "about.md").write_text("# My own about page\n", encoding="utf-8")
    (project / "content" / "commitments").mkdir()
    (project / "content" / "commitments" / "1.4.md").write_text("# Mine\n", encoding="utf-8")
    (project / "content" / CSV_PATH).parent.mkdir(parents=True)
    (project / "content" / CSV_PATH).write_text("id\n", encoding="utf-8")  # a generated file, not a page
    result = build_site(project, tmp_path / "site", check=False)
    output = assert_clear_failure(result, "about.md", "commitments/1.4.md", CSV_PATH, "generated from the data")
    assert "remove the hand-written copies" in output  # the export's sentence (tests/zensical/test_export.py)
    assert not (tmp_path / "site" / "about").exists()


def test_a_template_in_overrides_replaces_the_built_in_one(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    builtin = ROOT / "generator" / "pages" / "templates" / "commitment.md.j2"
    override = project / "compact_templates" / "commitment.md.j2"
    override.write_text(
        builtin.read_text(encoding="utf-8") + "\nLocal note: commitment {{ c.id }} is on our agenda.\n",
        encoding="utf-8",
    )
    build_site(project, tmp_path / "site")
    page = (tmp_path / "site" / "commitments" / "1.4" / "index.html").read_text(encoding="utf-8")
    assert "Local note: commitment 1.4 is on our agenda." in page
    other = (tmp_path / "site" / "themes" / "working-together" / "index.html").read_text(encoding="utf-8")
    assert "Local note" not in other


def test_a_template_error_names_the_template_and_line(project: Path, tmp_path: Path) -> None:
    override = project / "compact_templates" / "theme.md.j2"
    override.write_text("# Theme {{ theme.number }}\n\nSee {{ theme.no_such_field }}.\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert_clear_failure(result, f"{override}:3:", "no_such_field")
    override.write_text("# Theme\n\n{% if theme.number %}\nunclosed\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert_clear_failure(result, f"{override}:", "endif")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, wanted: str, server: subprocess.Popen[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        html = fetch(url)
        if html is not None and wanted in html:
            return html
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {wanted!r} within {timeout} s")


def end(server: subprocess.Popen[str]) -> None:
    """Stop a server this test started, and reap it: terminate, or kill if it will not go."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.mark.parametrize("watch_events", ["true", "false"], ids=["told by the system", "looking, as MkDocs does"])
def test_mkdocs_serve_rebuilds_after_a_yaml_or_template_edit(tmp_path: Path, watch_events: str) -> None:
    project = small_project(tmp_path / "project")
    without_source(project / "compact_data")  # the edit below changes the Compact's words
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "false", "COMPACT_WATCH_EVENTS": watch_events},
    )
    url = f"http://127.0.0.1:{port}/commitments/1.4/"
    try:
        html = wait_for(url, SMALL_WORDS, server, timeout=60)
        assert "livereload" in html, "mkdocs serve injects its reload script"
        reword_small(project / "compact_data")
        wait_for(url, SMALL_REWORDED, server, timeout=60)
        # A template override is watched too.
        builtin = (ROOT / "generator" / "pages" / "templates" / "commitment.md.j2").read_text(encoding="utf-8")
        (project / "compact_templates" / "commitment.md.j2").write_text(
            builtin + "\nLocal note for {{ c.id }}.\n", encoding="utf-8"
        )
        wait_for(url, "Local note for 1.4.", server, timeout=60)
    finally:
        end(server)
        log.close()


def test_mkdocs_serve_with_pdfs_serves_an_edit_at_once_and_its_handouts_after(tmp_path: Path) -> None:
    """PDFs on (``make serve``): the edited page is served at once; a worker process lays out the
    handouts the edit changed after it, and until they are made the last ones stand in and the
    downloads page says so. The first pages are served before any handout is made, and say that."""
    from pypdf import PdfReader

    project = small_project(tmp_path / "project")
    without_source(project / "compact_data")  # the edit below changes the Compact's words
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACT_PDF": "true",
           "COMPACT_CACHE": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, text=True, env=env,
    )
    base = f"http://127.0.0.1:{port}/"
    theme_pdf = "downloads/theme-working-together.pdf"
    link = f'href="../../{theme_pdf}"'
    being_made = "Section 1: Working together (PDF: being made for this preview; the page reloads"
    updating = "(an updated version is being made for this preview; the page reloads when it is ready)"
    try:
        # A cold cache: the first pages are served with every handout still being made, then listed.
        wait_for(base + "commitments/1.4/", being_made, server, timeout=120)
        wait_for(base + "commitments/1.4/", link, server, timeout=180)
        downloads = fetch(base + "downloads/") or ""
        assert "being made" not in downloads and theme_pdf.split("/")[1] in downloads
        reword_small(project / "compact_data")
        edited = wait_for(base + "commitments/1.4/", SMALL_REWORDED, server, timeout=60)
        assert link in edited and "being made" not in edited  # the last handout stands in: the page is as it was
        listing = fetch(base + "downloads/") or ""
        assert updating in listing.split("theme-working-together.pdf", 1)[1].split("</tr>")[0], listing
        deadline = time.monotonic() + 180
        while updating in (fetch(base + "downloads/") or updating):
            assert time.monotonic() < deadline, "the handouts were not made"
            assert server.poll() is None, "mkdocs serve exited"
            time.sleep(0.2)
        pdf = urllib.request.urlopen(base + theme_pdf, timeout=10).read()
        reader = PdfReader(io.BytesIO(pdf))
        assert SMALL_REWORDED in " ".join(page.extract_text() for page in reader.pages)
    finally:
        end(server)
        log.close()
    output = log_path.read_text(encoding="utf-8")
    assert "Handouts: 7 being made after the pages are served" in output, output
    assert "Traceback" not in output, output
