"""Every built page is valid HTML according to the W3C Nu HTML Checker (vnu).

vnu.jar comes from the npm registry (package ``vnu-jar``, pinned below) and is
run once, in one JVM, over all HTML files of the build and a page with known
mistakes (which shows the check is real). Errors in Material's own markup that
this site cannot change are allowed by their exact message, each with the
reason; anything else fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest
from support.browsing import html_files

ROOT = Path(__file__).resolve().parents[2]
VNU_VERSION = "26.9.27"  # keep in step with the Makefile's VNU_VERSION
TOOLS = ROOT / ".tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Exact vnu messages that come from Material for MkDocs' templates, and why we keep them.
ALLOWED: dict[str, tuple[tuple[str, ...] | str, str]] = {
    # Material's base.html puts autocomplete="off" on its hidden drawer and search
    # checkboxes so browsers do not restore them open on "back"; harmless, and
    # only removable by copying Material's whole base template.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.": ("", 'data-md-toggle="'),
}


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """vnu.jar at the pinned version, installed from npm (without its install scripts) if missing."""
    if not VNU_JAR.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install vnu-jar: run 'make system-deps'")
        subprocess.run(
            [npm, "install", "--prefix", str(TOOLS), "--no-save", "--no-package-lock", "--ignore-scripts",
             "--no-audit", "--no-fund", f"vnu-jar@{VNU_VERSION}"],
            check=True,
            capture_output=True,
        )
    if shutil.which("java") is None:
        pytest.fail("Java is needed to run vnu.jar: run 'make system-deps'")
    return VNU_JAR


def run_vnu(jar: Path, files: list[Path]) -> list[dict[str, Any]]:
    """vnu's error messages for the files, from one run."""
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stderr)["messages"]


def is_allowed(message: dict[str, Any]) -> bool:
    allowed = ALLOWED.get(message.get("message", ""))
    if allowed is None:
        return False
    in_url, in_extract = allowed
    places = (in_url,) if isinstance(in_url, str) else in_url
    url = message.get("url", "")
    return any(place in url for place in places) and in_extract in message.get("extract", "")


def test_vnu_is_the_pinned_version(vnu_jar: Path) -> None:
    version = subprocess.run(["java", "-jar", str(vnu_jar), "--version"], capture_output=True, text=True)
    assert version.stdout.strip().startswith(VNU_VERSION)


#: A page with mistakes of the kind a template could make, checked in the same vnu run as the site.
BAD_PAGE = (
    '<!doctype html><html lang="en"><head><title>x</title></head>'
    '<body><p id="a">one</p><p id="a">two</p><ul><p>not a list item</p></ul></body></html>'
)


@dataclass(frozen=True)
class Checked:
    site_files: list[Path]
    bad_page: Path
    messages: list[dict[str, Any]]

    def about(self, file: Path) -> list[dict[str, Any]]:
        """The messages about one file."""
        return [m for m in self.messages if checked_file(m) == file]


def checked_file(message: dict[str, Any]) -> Path | None:
    """The file a vnu message is about: vnu names it by a ``file:`` URL (``file:/tmp/…``)."""
    url = urlsplit(message.get("url", ""))
    return Path(url2pathname(url.path)) if url.scheme == "file" else None


@pytest.fixture(scope="module")
def checked(vnu_jar: Path, site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """Every page of the build and the bad page, in one run of vnu: Java starts once."""
    bad = tmp_path_factory.mktemp("vnu") / "bad.html"
    bad.write_text(BAD_PAGE, encoding="utf-8")
    files = [site_dir / f for f in html_files(site_dir)]
    return Checked(files, bad, run_vnu(vnu_jar, [*files, bad]))


def test_every_page_is_valid_html(checked: Checked, site_dir: Path) -> None:
    files = checked.site_files
    assert len(files) > 60
    messages = [m for m in checked.messages if checked_file(m) != checked.bad_page]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error") and not is_allowed(m)]
    report = "\n".join(
        f"{m.get('url', '').removeprefix(site_dir.as_uri())}:{m.get('lastLine')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()[:160]}"
        for m in errors
    )
    assert not errors, f"vnu found {len(errors)} errors:\n{report}"


def test_vnu_catches_errors_in_our_markup(checked: Checked) -> None:
    """The check is real: a page with a mistake of the kind a template could make fails it."""
    messages = [m for m in checked.about(checked.bad_page) if m.get("type") == "error"]
    assert any("Duplicate ID" in m["message"] for m in messages)
    assert not all(is_allowed(m) for m in messages)
