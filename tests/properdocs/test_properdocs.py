"""ProperDocs builds the site with the plugin unchanged: the same files, the same bytes but one tag.

ProperDocs, the continuation of MkDocs 1.x by its former maintainers, reads ``mkdocs.yml``, loads
the plugins MkDocs would (the ``mkdocs.plugins`` entry points, ours among them) and, in the process
it runs, stands its own package in for ``mkdocs``, so the plugin and Material run as they are. It
lives in a virtualenv of its own, ``.venv-properdocs`` (``make properdocs``, which ``make test``
makes): the packages of ``.venv`` at the same versions, and ProperDocs.

``make site-properdocs`` is compared with the session's MkDocs build (``site_dir``) of the same
repository. The one difference, measured here: each page's generator meta tag names its engine,
``mkdocs-<version>`` or ``mkdocs-ProperDocs <version>`` (and so the page's compressed copy differs).
The ProperDocs build starts from a copy of the MkDocs build's cache: it lays out no handout
again only if every handout's HTML, stylesheet and fonts are the same.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
from support import REAL_BUILD_ENV, ROOT, RealBuild, copy_project, once_per_run

PROPERDOCS_VENV = ROOT / ".venv-properdocs"
PROPERDOCS = PROPERDOCS_VENV / "bin" / "properdocs"
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="([^"]*)">')


def installed() -> dict[str, str]:
    """The versions of ProperDocs and Material in ProperDocs' own virtualenv."""
    if not PROPERDOCS.is_file():
        pytest.fail(f"ProperDocs is not installed in {PROPERDOCS_VENV.name}/: run 'make properdocs' (make test does)")
    script = "from importlib.metadata import version as v; print(v('properdocs'), v('mkdocs-material'))"
    found = subprocess.run([PROPERDOCS_VENV / "bin" / "python", "-c", script], capture_output=True, text=True,
                           check=True).stdout.split()
    return {"properdocs": found[0], "mkdocs-material": found[1]}


def make_site_properdocs(where: Path, cache: Path) -> RealBuild:
    """``make site-properdocs`` of the repository into ``where``, from a copy of ``cache``: where it
    built the site, and what it printed."""
    shutil.copytree(cache, where / "cache")
    env = {**REAL_BUILD_ENV, "COMPACT_CACHE": str(where / "cache")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", str(PROPERDOCS.relative_to(ROOT)), "site-properdocs",
         f"PROPERDOCS_SITE={where / 'site'}"],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    return RealBuild(where / "site", result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def versions() -> dict[str, str]:
    found = installed()
    assert found["mkdocs-material"] == version("mkdocs-material"), (
        f"{PROPERDOCS_VENV.name}/ has Material {found['mkdocs-material']}, .venv {version('mkdocs-material')}: "
        "run 'make properdocs' again")
    return found


@pytest.fixture(scope="module")
def properdocs_build(
    tmp_path_factory: pytest.TempPathFactory, real_build: RealBuild, versions: dict[str, str]
) -> RealBuild:
    cache = real_build.site.parent / "cache"
    built = once_per_run(tmp_path_factory, "properdocs-build", lambda where: make_site_properdocs(where, cache),
                         RealBuild)
    if built.returncode != 0:
        raise AssertionError(f"make site-properdocs failed:\n{built.output}")
    return built


def files(site: Path) -> dict[str, Path]:
    return {file.relative_to(site).as_posix(): file for file in sorted(site.rglob("*")) if file.is_file()}


def test_properdocs_ran_our_plugin_and_laid_out_no_handout_again(properdocs_build: RealBuild) -> None:
    assert "Handouts: 0 laid out, 12 reused" in properdocs_build.output
    assert "WARNING" not in properdocs_build.output


def test_properdocs_writes_the_same_files(site_dir: Path, properdocs_build: RealBuild) -> None:
    ours, theirs = files(site_dir), files(properdocs_build.site)
    assert sorted(ours) == sorted(theirs)


def test_the_only_difference_is_each_pages_generator_tag(
    site_dir: Path, properdocs_build: RealBuild, versions: dict[str, str]
) -> None:
    material = f"mkdocs-material-{versions['mkdocs-material']}"
    tags = (f"mkdocs-{version('mkdocs')}, {material}".encode(),
            f"mkdocs-ProperDocs {versions['properdocs']}, {material}".encode())
    ours, theirs = files(site_dir), files(properdocs_build.site)
    differing = sorted(path for path in ours if ours[path].read_bytes() != theirs[path].read_bytes())
    pages = sorted(path for path in ours if path.endswith(".html"))
    assert differing == sorted([*pages, *(f"{page}.gz" for page in pages if f"{page}.gz" in ours)])
    for page in pages:
        mine, properdocs = ours[page].read_bytes(), theirs[page].read_bytes()
        assert GENERATOR_TAG.findall(mine) == [tags[0]], page
        assert GENERATOR_TAG.findall(properdocs) == [tags[1]], page
        assert mine.replace(tags[0], b"ENGINE") == properdocs.replace(tags[1], b"ENGINE"), page
        if f"{page}.gz" in ours:  # each compressed copy is its own page's
            assert gzip.decompress(theirs[f"{page}.gz"].read_bytes()) == properdocs, page


def test_a_strict_properdocs_build_that_warns_leaves_the_last_site(tmp_path: Path, versions: dict[str, str]) -> None:
    """The plugin counts ProperDocs' warnings as MkDocs': a build that ``--strict`` fails is never swapped in."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "broken.md").write_text("# Broken\n\n[A page](nowhere.md)\n", encoding="utf-8")
    last = project / "site" / "index.html"
    last.parent.mkdir()
    last.write_text("the last good site\n", encoding="utf-8")
    env = {**REAL_BUILD_ENV, "COMPACT_PDF": "false", "COMPACT_CACHE": str(tmp_path / "cache")}
    result = subprocess.run([PROPERDOCS, "build", "--strict", "-f", "mkdocs.yml"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "nowhere.md" in result.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert last.read_text(encoding="utf-8") == "the last good site\n"
    assert not (project / ".site.staging").exists() and not (project / ".site.ready").exists()
