"""The Zensical site is the Material site: the same pages, words, links, files and navigation.

Compared with the session's Material build (``site_dir``, built by the plugin from the same
data). What differs is the engine's own, and listed here: Zensical's theme puts a skip-link
target (``<a id="__skip">``) at the top of each article, leaves out the attribute by which
Material's search skips a heading (its own search reads it before dropping it), writes some
links in another but equivalent relative form, and dates no page in the sitemap. The server
files (``_headers``, ``_redirects``, compressed copies) are the plugin's, written into the
Zensical site by ``python -m generator host-files``.
"""

from __future__ import annotations

import gzip
import posixpath
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from support import SITE
from support.browsing import html_files
from support.pages import article

from generator import urls
from generator.deploy import rules
from generator.model import Compact

#: The files an engine writes of its own (theme assets, search index, host files), not the site's.
ENGINE_FILES = (
    "assets/javascripts/bundle.", "assets/javascripts/workers/", "assets/javascripts/lunr/",
    "assets/javascripts/LICENSE", "assets/stylesheets/main.", "assets/stylesheets/palette.",
    "assets/stylesheets/modern/", "assets/stylesheets/classic/", "assets/images/", "search/", "search.json",
    "_headers", "_redirects",
)
REFERENCES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("form", "action"))


def site_files(site: Path) -> set[str]:
    """The site's own files, without an engine's assets and compressed copies."""
    return {
        path
        for file in site.rglob("*")
        if file.is_file()
        and not (path := file.relative_to(site).as_posix()).endswith(".gz")
        and not path.startswith(ENGINE_FILES)
        and not path.endswith(".map")
    }


def resolved(page: str, href: str) -> str:
    """A reference as the site path it reaches, in one form (``bristol-compact-2012.pdf`` from
    ``downloads/`` is ``../downloads/bristol-compact-2012.pdf``; ``.``, ``./`` and ``index.html``
    from the home page are the home page; MkDocs' ``/.`` is ``/``)."""
    if "://" in href or href.startswith(("#", "mailto:", "tel:", "data:")):
        return href
    path, hash_sign, fragment = href.partition("#")
    if path.startswith("/"):
        target = posixpath.normpath(path)
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    target = target.removesuffix("index.html").rstrip("/")
    return ("" if target == "." else target or ("/" if path.startswith("/") else "")) + hash_sign + fragment


def comparable_article(site: Path, page: str) -> str:
    """A page's article with the engines' own differences taken out (see the module's docstring)."""
    content = article(BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser"))
    for skip in content.select("a#__skip"):
        skip.decompose()
    for element in content.select("[data-search-exclude]"):
        del element["data-search-exclude"]
    for tag, attribute in REFERENCES:
        for element in content.select(f"{tag}[{attribute}]"):
            element[attribute] = resolved(page, str(element[attribute]))
    return "\n".join(line for line in str(content).splitlines() if line.strip())


def test_the_same_files_are_published(zensical_site: Path, site_dir: Path) -> None:
    """Every page, data file and handout; nothing more (no template override, no README)."""
    zensical, material = site_files(zensical_site), site_files(site_dir)
    assert zensical == material, (f"only in Zensical's site: {sorted(zensical - material)}; "
                                  f"only in Material's: {sorted(material - zensical)}")
    assert not [path for path in zensical if path.endswith((".md", ".j2"))]
    assert len([p for p in zensical if p.startswith("commitments/") and p.endswith("/index.html")]) == 54 + 1


def test_the_generated_files_have_the_same_bytes(zensical_site: Path, site_dir: Path) -> None:
    """The open data, the handouts and the site's own CSS and JS: made once, by the same build."""
    compared = [p for p in site_files(site_dir) if not p.endswith((".html", ".xml"))]
    assert [p for p in compared if p.endswith(".pdf")] and [p for p in compared if p.startswith("data/")]
    different = [p for p in compared if (zensical_site / p).read_bytes() != (site_dir / p).read_bytes()]
    assert not different, different


def test_every_page_has_the_material_article(zensical_site: Path, site_dir: Path) -> None:
    pages = html_files(site_dir)
    assert len(pages) > 100
    different = [p for p in pages if comparable_article(zensical_site, p) != comparable_article(site_dir, p)]
    assert not different, f"{len(different)} of {len(pages)} pages differ: {different[:10]}"


def test_the_comparison_sees_a_changed_word(zensical_site: Path, site_dir: Path, tmp_path: Path) -> None:
    """The article comparison itself can fail."""
    page = "commitments/1.4/index.html"
    changed = tmp_path / page
    changed.parent.mkdir(parents=True)
    html = (zensical_site / page).read_text(encoding="utf-8")
    assert "full cost recovery" in html
    changed.write_text(html.replace("full cost recovery", "full cost recoveries"), encoding="utf-8")
    assert comparable_article(tmp_path, page) != comparable_article(site_dir, page)


def test_the_navigation_is_the_material_navigation(zensical_site: Path, site_dir: Path) -> None:
    def entries(site: Path, page: str) -> list[tuple[str, str]]:
        html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        nav = html.select_one("nav.md-nav--primary")
        assert isinstance(nav, Tag)
        return [(" ".join(a.get_text(" ").split()), resolved(page, str(a["href"])))
                for a in nav.select("a.md-nav__link[href]")]

    for page in ("index.html", "commitments/1.4/index.html", "themes/volunteering/index.html"):
        material = entries(site_dir, page)
        assert len(material) > 15
        assert entries(zensical_site, page) == material, page


def test_the_sitemap_lists_the_same_pages_without_dates(zensical_site: Path, site_dir: Path) -> None:
    def read(site: Path) -> list[ET.Element]:
        return list(ET.parse(site / "sitemap.xml").getroot())

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    zensical, material = read(zensical_site), read(site_dir)
    locations = sorted(url.findtext(f"{namespace}loc") or "" for url in zensical)
    assert locations == sorted(url.findtext(f"{namespace}loc") or "" for url in material)
    assert f"{SITE.url}commitments/1.4/" in locations
    assert all(url.find(f"{namespace}lastmod") is not None for url in material)
    assert all(url.find(f"{namespace}lastmod") is None for url in zensical)  # Zensical dates no page


def test_plain_mkdocs_builds_the_export_into_the_plugins_pages(
    zensical_build: object, site_dir: Path, tmp_path: Path
) -> None:
    """The export is the site: MkDocs with no plugin turns it into the very pages the plugin makes."""
    export = zensical_build.export  # type: ignore[attr-defined]
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(export / "mkdocs.yml"), "-d", str(site)],
        cwd=tmp_path, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "compact" not in (export / "mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[1].split("\n-")[1]
    pages = html_files(site_dir)
    assert html_files(site) == pages
    different = [p for p in pages if (site / p).read_bytes() != (site_dir / p).read_bytes()]
    assert not different, different


def test_the_export_holds_every_page_with_its_abbreviations(zensical_build: object, compact: Compact) -> None:
    docs = zensical_build.export / "docs"  # type: ignore[attr-defined]
    for c in compact.commitments:
        assert (docs / urls.commitment_page(c)).is_file(), c.id
    statement = (docs / urls.ACCESSIBILITY).read_text(encoding="utf-8")  # generated (a hand-written page: test_export)
    text = statement.split("\n*[", 1)[0]
    used = [form for term in compact.glossary for form in ([term.abbr] if term.abbr else []) + list(term.matches)
            if form in text]
    assert used and all(f"\n*[{form}]: " in statement for form in used)


def test_the_server_files_are_written_for_the_zensical_site(zensical_site: Path, site_dir: Path) -> None:
    """The same redirects; a policy allowing exactly the inline scripts Zensical's pages run; compressed copies."""
    assert (zensical_site / "_redirects").read_bytes() == (site_dir / "_redirects").read_bytes()
    headers = (zensical_site / "_headers").read_text(encoding="utf-8")
    hashes = rules.script_hashes(zensical_site)
    assert hashes and rules.content_security_policy(hashes) in headers
    assert rules.content_security_policy(rules.script_hashes(site_dir)) not in headers  # its own, not Material's
    page = zensical_site / "commitments" / "1.4" / "index.html"
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
