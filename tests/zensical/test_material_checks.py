"""The Material build's own checks, run unchanged on the site Zensical built from the export.

Each check below is a test of the Material build (tests/site/, tests/pdf/) that reads a
built site folder: called here with the Zensical site in place of ``site_dir``, it holds
that site to the same promises — every internal link and anchor resolves, every commitment's
words are on its page as official text, the pages link where they should, the open data and
the handouts are there and listed, every published address is served. Checks that read
what only MkDocs writes (its search index, its build log) stay with the Material build.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from bs4 import BeautifulSoup
from support import ROOT

from generator.model import Compact

TESTS = ROOT / "tests"

#: (test module, check) — every check takes the site folder (``site_dir``) and perhaps the model.
CHECKS = [
    ("site/test_site.py", "test_every_commitment_text_is_on_its_own_page_as_official_text"),
    ("site/test_site.py", "test_commitment_pages_have_a_clean_heading_and_a_breadcrumb"),
    ("site/test_site.py", "test_commitment_page_links_sector_theme_neighbours_and_complaints"),
    ("site/test_site.py", "test_related_links_appear_both_ways"),
    ("site/test_site.py", "test_glossary_terms_are_linked_from_commitment_pages"),
    ("site/test_site.py", "test_copy_buttons_carry_the_link_and_citation_and_the_url_shows_without_js"),
    ("site/test_site.py", "test_sector_views_hold_exactly_the_right_commitments"),
    ("site/test_site.py", "test_theme_pages_group_by_sector_in_document_order"),
    ("site/test_site.py", "test_all_commitments_list_has_the_filter_and_every_item"),
    ("site/test_site.py", "test_no_duplicate_ids_on_any_page"),
    ("site/test_site.py", "test_one_h1_and_no_skipped_heading_levels"),
    ("site/test_site.py", "test_every_internal_link_and_anchor_resolves"),
    ("site/test_site.py", "test_abbreviation_tooltips"),
    ("site/test_site.py", "test_no_markdown_syntax_leaks_into_any_page"),
    ("site/test_site.py", "test_glossary_lists_where_each_term_is_used"),
    ("site/test_site.py", "test_the_home_page_title_names_the_site_once"),
    ("site/test_site.py", "test_the_glossary_is_in_alphabetical_order"),
    ("site/test_official_marking.py", "test_the_compacts_footnotes_are_in_an_official_box"),
    ("site/test_complaints.py", "test_steps_render_in_order_from_the_data"),
    ("site/test_complaints.py", "test_the_guide_quotes_the_compact_verbatim_and_marks_its_own_text"),
    ("site/test_complaints.py", "test_the_page_carries_every_commitment_as_json"),
    ("site/test_complaints.py", "test_every_commitment_page_links_to_the_guide_with_its_number"),
    ("site/test_complaints.py", "test_accessibility_and_linking_pages_are_built_and_in_the_navigation"),
    ("site/test_complaints.py", "test_the_404_page_links_to_the_commitments_list_and_home"),
    ("site/test_urls.py", "test_every_listed_url_is_served"),
    ("site/test_urls.py", "test_every_page_of_the_build_is_listed"),
    ("site/test_urls.py", "test_every_commitment_anchor_on_its_theme_page_is_listed"),
    ("site/test_open_data.py", "test_csv_round_trips_to_the_model"),
    ("site/test_open_data.py", "test_the_csv_metadata_declares_the_ids_text"),
    ("site/test_open_data.py", "test_the_workbook_keeps_every_id_as_text"),
    ("site/test_open_data.py", "test_the_downloads_page_lists_the_new_data_files"),
    ("pdf/test_pdfs.py", "test_the_build_writes_every_handout"),
    ("pdf/test_pdfs.py", "test_pages_link_to_the_handouts_that_contain_them"),
    ("pdf/test_pdfs.py", "test_the_downloads_page_lists_every_pdf_with_pages_and_size"),
]


def load(relative: str) -> ModuleType:
    """A test module of the Material build, by its file (``site`` is also the standard library's name)."""
    name = "material_" + relative.removesuffix(".py").replace("/", "_")
    spec = importlib.util.spec_from_file_location(name, TESTS / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_MODULES: dict[str, ModuleType] = {}


def check(relative: str, name: str) -> Callable[..., Any]:
    if relative not in _MODULES:
        _MODULES[relative] = load(relative)
    return getattr(_MODULES[relative], name)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def zensical_parsed(zensical_site: Path) -> dict[Path, BeautifulSoup]:
    """Every page of the Zensical site parsed once, for the checks that read them all (``parsed``
    in tests/site/test_site.py is the same for the Material build)."""
    pages = check("site/test_site.py", "all_pages")(zensical_site)  # with its guard: more than 60 pages
    return {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in pages}


@pytest.mark.parametrize(("module", "name"), CHECKS, ids=[name.removeprefix("test_") for _, name in CHECKS])
def test_the_zensical_site_passes_the_material_check(module: str, name: str, zensical_site: Path,
                                                     compact: Compact, request: pytest.FixtureRequest) -> None:
    function = check(module, name)
    given: dict[str, Callable[[], Any]] = {
        "site_dir": lambda: zensical_site, "compact": lambda: compact,
        "parsed": lambda: request.getfixturevalue("zensical_parsed"),
    }
    wanted = list(inspect.signature(function).parameters)
    assert set(wanted) <= set(given), f"{name} needs {wanted}: not a check of a site folder"
    function(**{parameter: given[parameter]() for parameter in wanted})


def test_the_checks_exist_and_read_a_site_folder() -> None:
    """A renamed check would otherwise vanish from this list unnoticed."""
    for module, name in CHECKS:
        assert "site_dir" in inspect.signature(check(module, name)).parameters, (module, name)
