"""Escaped data costs time in proportion to its length, and reads exactly as before.

Python-Markdown takes each backslash escape and each entity as one inline match, and each
match copies the rest of the paragraph: a commitment made of Markdown punctuation cost the
square of its length. ``generator.pages.literal_runs`` takes a whole run as one match. These
tests show that it does (a long text of punctuation is a handful of matches, not thousands),
that the project's configuration uses it (so both engines get it), and that nothing reads
differently: random texts in the places the templates put them, and whole real builds of
hostile texts, give the same HTML with and without it. The build time itself is the
benchmark's (``benchmarks/run.py``, "Long texts").
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT, build_site, copy_project, without_source

from generator.export import read_config
from generator.pages.text import html_attribute, markdown_text

EXTENSION = "generator.pages.literal_runs"
PUNCTUATION = "*_[]()#|\\`<&>!{}+-."


def project_extensions(config: Path = ROOT / "mkdocs.yml") -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions mkdocs.yml names, and their options."""
    names: list[str] = []
    options: dict[str, Any] = {}
    for entry in read_config(config)["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict):
            options[name] = entry[name] or {}
    return names, options


def render(text: str, *, runs: bool) -> str:
    names, options = project_extensions()
    if not runs:
        names = [name for name in names if name != EXTENSION]
    return markdown.markdown(text, extensions=names, extension_configs=options)


def inline_matches(text: str, *, runs: bool) -> int:
    """How many inline matches Python-Markdown stashed for ``text``."""
    names, options = project_extensions()
    if not runs:
        names = [name for name in names if name != EXTENSION]
    md = markdown.Markdown(extensions=names, extension_configs=options)
    md.convert(text)
    return len(md.treeprocessors["inline"].stashed_nodes)  # type: ignore[attr-defined]


def test_the_project_configuration_uses_the_extension() -> None:
    assert EXTENSION in project_extensions()[0]


@pytest.mark.parametrize("unit", [PUNCTUATION, "<&>", "a*b_c ", "\\\\", "VCS & the public sector. "])
def test_a_long_escaped_text_is_a_few_inline_matches_not_one_per_character(unit: str) -> None:
    paragraph = "Commitment: " + markdown_text(unit * 2000) + " [the page](../x/)"
    assert inline_matches(paragraph, runs=True) <= 3
    if any(character in unit for character in PUNCTUATION):
        assert inline_matches(paragraph, runs=False) > 2000  # what the extension spares


#: Where the templates put data: running text, links (text, destination and title), emphasis,
#: headings, lists, tables, raw HTML with attributes, attribute lists, abbreviations, code.
CONTEXTS = [
    "{t}",
    "[{t}]({u})",
    "[{t}]({u} \"{t}\")",
    '<span title="{a}">{t}</span>',
    '<a href="{a}">{t}</a> and {t}',
    "*{t}*",
    "**{t}** _{t}_ {t}",
    "{t}_x_ x*{t}*y",
    "# {t}\n\npara {t}",
    "## {t} {{: #x-id }}\n\n[{t}](#x-id) {t}",
    "| h | {t} |\n| - | - |\n| {t} | x |",
    "- {t}\n- [{t}](#x)",
    '<div markdown="1">\n{t}\n</div>',
    "{t} {{: title=\"{a}\" }}",
    "{t}\n{{: .c }}",
    "*[VCS]: Voluntary {t}\n\nThe VCS {t} VCS",
    "`{t}` {t}",
    "<{u}> {t}",
    '!!! note "{t}"\n    {t}',
    "{t}<br>{t}",
]
PIECES = [*"\\`*_{}[]()#+-.!|<>&;:'\"= aVCSb\n", "&amp;", "&#42;", "VCS", "http://x", "  ", "<b>", "é"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join), context=st.sampled_from(CONTEXTS))
def test_any_text_reads_the_same_with_and_without_runs(text: str, context: str) -> None:
    source = context.format(t=markdown_text(text), u=markdown_text("http://a.b/" + text), a=html_attribute(text))
    # Raw HTML's placeholders are numbered in order; where one leaks into an attribute
    # (Python-Markdown's own doing, with any text) only its number may differ.
    with_runs, without = (re.sub(r"wzxhzdk:\d+", "wzxhzdk:N", render(source, runs=r)) for r in (True, False))
    assert with_runs == without


#: Texts of every kind of character the escaping handles, for the whole-site comparison.
HOSTILE = {
    "1.1": PUNCTUATION * 40,
    "1.2": "#" + ' <script>alert(1)</script> [x](javascript:alert(1)) &amp; "></title> \\* \\\\ VCS_VCS *VCS*',
    "1.3": "The VCS & the public sector (and 'others'): [see] <here> — a_b*c `d` {e} 1.4 + 2 - 3!",
    "1.4": "&lt;&amp;&gt;" * 50 + " VCS" * 20,
}


def _hostile_project(folder: Path, runs: bool) -> Path:
    project = copy_project(folder)
    without_source(project / "compact_data")
    theme = project / "compact_data" / "themes" / "1-allocating-resources.yaml"
    text = theme.read_text(encoding="utf-8")
    for cid, value in HOSTILE.items():
        text, count = re.subn(rf'(  - id: "{re.escape(cid)}"\n    sector: \w+\n    text: ).*\n',
                              lambda m, v=value: m.group(1) + json.dumps(v) + "\n", text)
        assert count == 1
    theme.write_text(text, encoding="utf-8")
    if not runs:
        config = project / "mkdocs.yml"
        kept = [line for line in config.read_text(encoding="utf-8").splitlines() if EXTENSION not in line]
        config.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return project


def test_a_whole_site_of_hostile_texts_is_the_same_without_the_extension(tmp_path: Path) -> None:
    sites = {}
    for runs in (True, False):
        project = _hostile_project(tmp_path / f"project-{runs}", runs)
        sites[runs] = tmp_path / f"site-{runs}"
        build_site(project, sites[runs])
    files = {runs: sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for runs, site in sites.items()}
    assert files[True] == files[False]
    assert len(files[True]) > 100
    different = [f for f in files[True] if (sites[True] / f).read_bytes() != (sites[False] / f).read_bytes()]
    assert different == []
    page = (sites[True] / "commitments" / "1.1" / "index.html").read_text(encoding="utf-8")
    assert PUNCTUATION.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") * 40 in page
