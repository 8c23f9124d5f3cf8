"""The self-assessment page as built (issue 27): its commitments, its data, its links and its schema.

The browser tests (tests/browser/test_self_assessment.py) use the page; these read the real
build's HTML and files, with expectations from the model (``Compact.binding``, the editions).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
from support import ROOT, SITE
from support.pages import article, read_page

from generator import urls
from generator.assessment import FORMAT, FORMAT_VERSION, SCHEMA_PATH, STATUS_LABELS, page_data
from generator.model import Compact, load_compact
from generator.pages.render import Renderer

PAGE = "self-assessment/"


def page_json(site_dir: Path) -> dict[str, Any]:
    script = read_page(site_dir, PAGE).select_one("script#compact-assess-data")
    assert script is not None and script.get("type") == "application/json"
    data: dict[str, Any] = json.loads(script.string or "")
    return data


def test_every_commitment_is_there_by_theme_with_its_words_and_link(site_dir: Path, compact: Compact) -> None:
    content = article(read_page(site_dir, PAGE))
    assert "Each commitment's words below are the official text of the Bristol Compact (2012)." in content.get_text()
    parts = content.select("section.compact-assess__part")
    assert [p["data-part"] for p in parts] == [str(t.number) for t in compact.themes]
    for part, theme in zip(parts, compact.themes, strict=True):
        items = part.select("article.compact-assess__item")
        assert [i["data-id"] for i in items] == [c.id for c in theme.commitments]
        for item, commitment in zip(items, theme.commitments, strict=True):
            assert " ".join(item.select_one(".compact-text").get_text().split()) == " ".join(commitment.text.split())
            assert item.select_one("h3 a")["href"] == f"../commitments/{commitment.id}/"
            statuses = [i["value"] for i in item.select('input[type="radio"]')]
            assert statuses == list(STATUS_LABELS)
            for field in ("evidence", "action", "owner", "due"):
                control = item.select_one(f'[id="{field}-{commitment.id}"]')
                assert control is not None and item.select_one(f'label[for="{field}-{commitment.id}"]') is not None


def test_each_party_assesses_what_the_models_rule_binds(site_dir: Path, compact: Compact) -> None:
    data = page_json(site_dir)
    assert [p["key"] for p in data["parties"]] == [s.key for s in compact.sides]
    for party, sector in zip(data["parties"], compact.sides, strict=True):
        assert party["binds"] == [c.id for c in compact.binding(sector)]
    assert [c["id"] for c in data["commitments"]] == [c.id for c in compact.commitments]
    assert (data["format"], data["version"], data["edition"]) == (FORMAT, FORMAT_VERSION, compact.edition)
    assert data["compact"] == compact.title and data["editions"] == {}  # one edition: nothing to move


def test_a_compact_with_no_parties_assesses_every_commitment() -> None:
    """A Compact whose only sector is the shared one: no party to choose, every commitment listed."""
    loaded = load_compact(ROOT / "compact_data")
    assert loaded.shared_sector is not None
    compact = replace(loaded, sectors=(loaded.shared_sector,))  # the model is frozen: a changed copy
    data = page_data(compact, SITE)
    assert data["parties"] == []
    markdown = Renderer(compact, SITE).render(urls.SELF_ASSESSMENT, "self-assessment.md.j2", {"assessment_data": data})
    assert 'id="assess-sector"' not in markdown
    assert len(re.findall(r'<article class="compact-item compact-assess__item"', markdown)) == len(compact.commitments)


def test_the_files_schema_is_published_and_valid(site_dir: Path) -> None:
    schema = json.loads((site_dir / SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SITE.url + SCHEMA_PATH
    assert schema["properties"]["version"]["const"] == FORMAT_VERSION
    for required in ("format", "version", "compact", "edition", "answers"):
        assert required in schema["required"], required
    answer = schema["$defs"]["Answer"]
    assert {"id", "text", "status"} <= set(answer["required"])
    downloads = article(read_page(site_dir, "downloads/"))
    assert any(a["href"].endswith("data/self-assessment.schema.json") for a in downloads.select("a[href]"))


def test_the_page_is_in_the_navigation_and_linked_where_readers_look(site_dir: Path, compact: Compact) -> None:
    nav = read_page(site_dir, "").select("nav.md-nav--primary a")
    assert any(a.get_text(strip=True) == "Self-assessment" for a in nav)
    for sector in compact.sectors:
        links = article(read_page(site_dir, f"sectors/{sector.slug}/")).select("a[href]")
        assert any(a["href"] == "../../self-assessment/" for a in links), sector.slug
    archived = article(read_page(site_dir, f"editions/{compact.edition}/sectors/{compact.sectors[0].slug}/"))
    assert not any("self-assessment" in a["href"] for a in archived.select("a[href]"))
    downloads = article(read_page(site_dir, "downloads/"))
    checklists = downloads.find(id="self-assessment-checklists")
    assert checklists is not None
    after = checklists.find_next("a", string="self-assessment and action plan")
    assert after is not None and after["href"] == "../self-assessment/"


def test_without_javascript_the_page_links_the_printable_checklists(site_dir: Path, compact: Compact) -> None:
    box = article(read_page(site_dir, PAGE)).select_one(".compact-no-js")
    assert box is not None and "needs JavaScript" in box.get_text()
    hrefs = [a["href"] for a in box.select("a[href]")]
    assert hrefs == [f"../downloads/checklist-{s.slug}.pdf" for s in compact.sectors]
    for href in hrefs:
        assert (site_dir / "downloads" / Path(href).name).is_file()
    assert "compact-needs-js" in article(read_page(site_dir, PAGE)).select_one("#compact-assess")["class"]


def test_the_script_and_template_hold_no_fact_about_the_bristol_compact() -> None:
    for path in (ROOT / "content/assets/javascripts/assess.js", ROOT / "content/assets/stylesheets/assess.css",
                 ROOT / "generator/pages/templates/self-assessment.md.j2", ROOT / "generator/assessment.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"Bristol|VCS|2012|innerHTML|insertAdjacentHTML|outerHTML|eval\(", text), path
