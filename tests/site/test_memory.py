"""A build holds each generated page's Markdown and HTML no longer than it needs them.

MkDocs keeps every page object until the build ends; at 100× the pages' Markdown and HTML are
most of the peak memory. The plugin empties them once every plugin has used them: they must be
let go of, hand-written pages keep theirs, and the site must be byte for byte the site written
while every page holds on to them (titles, navigation and search come from those pages).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.mkdocs_plugin.plugin import CompactPlugin


def build_in_process(project: Path, site: Path) -> tuple[CompactPlugin, Navigation]:
    """The plugin after a build, and the build's navigation (every page object, as MkDocs ends with it)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    navigations: list[Navigation] = []

    def remember(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        navigations.append(nav)
        return nav

    config.plugins.events["nav"].append(remember)
    build(config)
    plugin = config.plugins["compact"]
    assert isinstance(plugin, CompactPlugin)
    return plugin, navigations[-1]


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_build_lets_go_of_a_generated_pages_markdown_and_html_once_it_is_written(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPACT_PDF", "false")
    # A hand-written page beside the generated ones: the statement, as a site without accessibility.yaml writes it.
    (project / "compact_data" / "accessibility.yaml").unlink()
    (project / "content" / "accessibility.md").write_text("# Accessibility statement\n\nWritten by hand.\n",
                                                          encoding="utf-8")
    plugin, nav = build_in_process(project, tmp_path / "site")
    assert plugin.made is not None
    pages = [page for page in nav.pages if isinstance(page, Page)]
    generated = [page for page in pages if page.file.src_uri in plugin.made.generated]
    written = [page for page in pages if page not in generated]
    assert generated and written  # the navigation lists both kinds
    assert [page.file.src_uri for page in generated if page.markdown or page.content] == []
    assert all(page.markdown and page.content for page in written)  # not ours to empty

    # The control: the same build with pages that keep everything to the end.
    monkeypatch.setattr(CompactPlugin, "on_page_content", CombinedEvent(CompactPlugin._reuse_content))
    monkeypatch.setattr(CompactPlugin, "on_post_page", CombinedEvent(CompactPlugin._remember_output))
    _, kept = build_in_process(project, tmp_path / "keeping")
    assert all(page.content for page in kept.pages if isinstance(page, Page))
    assert files_of(tmp_path / "site") == files_of(tmp_path / "keeping")
