"""The URL contract: every URL in published-urls.txt is served, and the list only grows."""

from __future__ import annotations

import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from support import ROOT
from support.linkcheck import file_for, page_url, parse_page, parse_site

from generator import urls
from generator.model import Compact

URL_LIST = ROOT / "published-urls.txt"
read_urls = urls.read_manifest


def test_the_list_is_well_formed() -> None:
    entries = read_urls(URL_LIST.read_text(encoding="utf-8"))
    assert len(entries) == len(set(entries)), "duplicate entries"
    for entry in entries:
        assert entry.startswith("/"), f"{entry!r} must start with '/'"
        assert " " not in entry and "?" not in entry, f"{entry!r}: one path per line, no query"
        path, _, fragment = entry.partition("#")
        assert "#" not in fragment, entry
        if fragment:
            assert path.endswith("/"), f"{entry!r}: an anchor must be on a page (a path ending in '/')"


def test_every_listed_url_is_served(site_dir: Path) -> None:
    entries = read_urls(URL_LIST.read_text(encoding="utf-8"))
    missing = []
    pages: dict[str, set[str]] = {}
    for entry in entries:
        path, _, fragment = entry.partition("#")
        target = file_for(site_dir, path)
        if target is None:
            missing.append(f"{entry}: nothing is served at {path}")
            continue
        if fragment:
            if target not in pages:
                pages[target] = parse_page(site_dir, target).anchors
            if fragment not in pages[target]:
                missing.append(f"{entry}: {target} has no element with id {fragment!r}")
    assert not missing, "\n".join(missing)


def test_every_page_of_the_build_is_listed(site_dir: Path) -> None:
    """A new page must be added to published-urls.txt (it becomes a promise)."""
    listed = {entry.partition("#")[0] for entry in read_urls(URL_LIST.read_text(encoding="utf-8"))}
    built = {page_url(path) for path in parse_site(site_dir) if path != "404.html"}
    unlisted = sorted(built - listed)
    assert not unlisted, "add these pages to published-urls.txt:\n" + "\n".join(unlisted)


def test_every_commitment_anchor_on_its_theme_page_is_listed(site_dir: Path) -> None:
    """Each commitment's place on its theme page is a public link target too."""
    listed = set(read_urls(URL_LIST.read_text(encoding="utf-8")))
    found = []
    for path, page in parse_site(site_dir).items():
        if path.startswith("themes/") and path != "themes/index.html":
            found += [page_url(path) + "#" + anchor for anchor in page.ids if anchor.startswith("commitment-")]
    assert len(found) == 54
    assert not sorted(set(found) - listed)


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_no_entry_ever_disappears() -> None:
    """Every entry of every committed version of the list is still in it."""
    if _git("rev-parse", "--is-inside-work-tree").returncode != 0:
        pytest.fail("published-urls.txt's history needs the git repository (run the tests in a clone)")
    current = set(read_urls(URL_LIST.read_text(encoding="utf-8")))
    commits = _git("log", "--format=%H", "--", URL_LIST.name).stdout.split()
    lost = []
    for commit in commits:
        shown = _git("show", f"{commit}:{URL_LIST.name}")
        if shown.returncode != 0:  # the commit that deleted the file
            lost.append(f"{commit}: published-urls.txt was deleted")
            continue
        lost += [f"{commit}: {entry}" for entry in read_urls(shown.stdout) if entry not in current]
    assert not lost, "entries removed from published-urls.txt:\n" + "\n".join(lost)


def test_the_list_reader_ignores_comments_and_keeps_entries() -> None:
    text = "# header\n\n/\n  /about/  \n# --- Downloads\n/downloads/compact.pdf\n"
    assert read_urls(text) == ["/", "/about/", "/downloads/compact.pdf"]


def test_a_relative_link_is_what_relpath_gives(compact: Compact) -> None:
    """Worked out from the names alone, for every pair of the site's own pages and a few odd names."""
    from support import SITE

    from generator.build import build

    pages = [*build(compact, SITE, pdf=False).pages, "index.md", "a/b/c/d.md", "a/b/", "a//b.md", "a/./b.md",
             "../up.md", "/root.md", "a/b/../c.md"]
    for source in pages:
        for target in pages:
            assert urls.relative(source, target) == posixpath.relpath(target, posixpath.dirname(source) or "."), (
                source, target)


def test_check_refuses_data_that_would_stop_serving_a_published_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`generator check` is the whole gate: a theme's new slug would stop serving its published address
    (the build refuses it too), so check says so, before any build, naming the addresses."""
    from support import copy_project

    from generator import cli

    project = copy_project(tmp_path / "project")
    shutil.copy2(URL_LIST, project / URL_LIST.name)
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert cli.main(["check"]) == 0
    theme = project / "compact_data" / "themes" / "1-allocating-resources.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("slug: allocating-resources", "slug: resources"),
                     encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check"]) == 1
    said = capsys.readouterr().err
    assert said.startswith("published-urls.txt: ")
    assert "/themes/allocating-resources/" in said and "would no longer be served" in said
    # Another copy of the data is not the project's: it is checked on its own, with no addresses to keep.
    shutil.copytree(project / "compact_data", tmp_path / "copy")
    assert cli.main(["check", "--data", str(tmp_path / "copy")]) == 0
