"""``python -m generator export DIR``: the engine-neutral site source, as the command line writes it.

In-process and without PDFs (``--no-pdf``), on copies of the project: what the export
holds and its configuration, the same bytes every time, the folders it refuses to replace,
bad data and clashing pages reported in a sentence, and another Compact exported and built
by Zensical (its own navigation, every link resolving).
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import copy_project
from support.linkcheck import check_site

from generator import cli, urls
from generator.build import build, theme_values
from generator.export import MARK, ExportError, plugin_options, read_config, switch
from generator.model import load_compact

OTHER = Path(__file__).resolve().parents[1] / "fixtures" / "other-compact"
OTHER_URL = "https://compact.riverford.example/"


def export(project: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["export", "--no-pdf", "--config", str(project / "mkdocs.yml"), *extra, str(out)])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return code, printed.out + printed.err


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_export_holds_the_site_and_a_config_without_the_plugin(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export"
    code, said = export(project, out, capsys)
    assert code == 0, said
    compact = load_compact(project / "compact_data")
    result = build(compact, urls.Site("https://www.bristolcompact.org.uk/"), pdf=False)
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.startswith(MARK + "\n")
    config = yaml.safe_load(text)
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert config["theme"]["variant"] == "classic"
    assert [p for p in config["plugins"] if p == "compact" or (isinstance(p, dict) and "compact" in p)] == []
    assert config["nav"] == result.navigation(project / "content")
    shown = theme_values(compact)  # escaped for the theme's templates, which print them as they are
    assert config["extra"]["compact"] == shown.compact and config["site_name"] == shown.site_name
    assert config["site_description"] == shown.site_description and config["copyright"] == shown.copyright
    assert html.unescape(config["site_description"]) == compact.description
    left_out = set(config["not_in_nav"].splitlines())
    assert {f"/{urls.commitment_page(c)}" for c in compact.commitments} <= left_out
    docs = out / "docs"
    for path in (*result.pages, *result.outputs):
        assert (docs / path).is_file(), path
    for listed in config["extra_css"] + config["extra_javascript"]:
        assert (docs / listed).is_file() and listed not in ("assets/stylesheets/compact.css",), listed
    assert (out / "overrides" / "main.html").is_file() and not list(out.rglob("*.j2"))
    assert not list(docs.rglob("*.pdf"))  # --no-pdf


def test_the_alias_writes_the_same_bytes_and_a_new_export_replaces_the_old(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert export(project, first, capsys)[0] == 0
    capsys.readouterr()
    code = cli.main(["export-markdown", "--no-pdf", "--config", str(project / "mkdocs.yml"), str(second)])
    assert code == 0
    assert files_of(first) == files_of(second)
    (second / "docs" / "stale.md").write_text("# Left over\n", encoding="utf-8")
    assert export(project, second, capsys)[0] == 0
    assert files_of(first) == files_of(second)
    # Nothing left beside but each folder's lock (the site's own swap: generator/staging.py).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".first.lock", ".second.lock", "first", "project", "second"]


def test_a_folder_that_is_not_an_export_is_never_replaced(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    code, said = export(project, out, capsys)
    assert code == 2
    assert f"{out} exists and is not an export: give an empty or new folder" in said
    assert files_of(out) == {"notes.txt": b"keep me"}


def test_a_hand_written_statement_is_exported_with_its_abbreviations_when_the_data_has_none(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without accessibility.yaml no statement is generated: a hand-written one is exported as written,
    with the glossary's abbreviations it uses, and is the navigation's last entry."""
    (project / "compact_data" / "accessibility.yaml").unlink()
    words = "# Accessibility statement\n\nWritten by hand for this test: the VCS can read it.\n"
    (project / "content" / "accessibility.md").write_text(words, encoding="utf-8")
    out = tmp_path / "export"
    code, said = export(project, out, capsys)
    assert code == 0, said
    exported = (out / "docs" / urls.ACCESSIBILITY).read_text(encoding="utf-8")
    assert exported.startswith(words) and "\n*[VCS]: " in exported
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["nav"][-1] == {"Accessibility": urls.ACCESSIBILITY}


def test_a_hand_written_statement_beside_accessibility_yaml_is_named(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "accessibility.md").write_text("# Mine\n", encoding="utf-8")
    code, said = export(project, tmp_path / "export", capsys)
    assert code == 2
    assert "generated from the data but also exist in" in said and "accessibility.md" in said


def test_a_hand_written_copy_of_a_generated_page_is_named(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "commitments").mkdir()
    (project / "content" / "commitments" / "1.4.md").write_text("# Mine\n", encoding="utf-8")
    code, said = export(project, tmp_path / "export", capsys)
    assert code == 2
    assert "generated from the data but also exist in" in said and "commitments/1.4.md" in said
    assert not (tmp_path / "export").exists()


def test_bad_data_is_reported_where_it_is(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "compact_data" / "compact.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nedition: [\n", encoding="utf-8")
    code, said = export(project, tmp_path / "export", capsys)
    assert code == 1
    assert "compact_data/compact.yaml:" in said
    assert not (tmp_path / "export").exists()


def test_another_compact_exports_and_builds_with_zensical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The synthetic Riverford Compact (thirteen parts it calls sections: the navigation lists only "All sections")."""
    project = copy_project(tmp_path / "project", data=OTHER / "compact_data")
    config_file = project / "mkdocs.yml"
    lines = config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    settings = {"site_url:": f"site_url: {OTHER_URL}\n"}
    config_file.write_text("".join(next((new for key, new in settings.items() if line.startswith(key)), line)
                                   for line in lines), encoding="utf-8")
    out = tmp_path / "export"
    code, said = export(project, out, capsys)
    assert code == 0, said
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Riverford Test Compact"  # the data's title: mkdocs.yml leaves it empty
    themes = next(entry["Sections"] for entry in config["nav"] if isinstance(entry, dict) and "Sections" in entry)
    assert themes == [{"All sections": "themes/index.md"}]
    result = subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--strict", "-f",
                             str(out / "mkdocs.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    site = out / "site"
    assert (site / "themes" / "index.html").is_file()
    broken = check_site(site, OTHER_URL)
    assert not broken, "\n".join(map(str, broken))
    assert not [p for p in site.rglob("*.html") if "Bristol" in p.read_text(encoding="utf-8")]


def test_host_files_need_a_built_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["host-files", "--site-dir", str(tmp_path / "nothing")]) == 2
    assert f"no built site in {tmp_path / 'nothing'}" in capsys.readouterr().err
    assert not (tmp_path / "nothing").exists()


@pytest.mark.parametrize(("value", "expected"), [("", True), ("false", False), ("true", True), ("maybe", None)])
def test_the_plugins_switches_read_as_mkdocs_reads_them(
    value: str, expected: bool | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``COMPACT_PDF=`` is unset (PDFs on, as the plugin has them); a word other than true or false is
    the plugin's own sentence, not a guess (the export read an empty value as off)."""
    monkeypatch.setenv("COMPACT_PDF", value)
    config_file = Path(__file__).resolve().parents[2] / "mkdocs.yml"
    options = plugin_options(read_config(config_file))
    if expected is None:
        with pytest.raises(ExportError, match=r"'pdf' must be true or false, not 'maybe'"):
            switch(options, "pdf", config_file)
    else:
        assert switch(options, "pdf", config_file) is expected
    assert switch({}, "nav", config_file) is True


def test_a_bad_source_date_epoch_is_a_sentence_without_pdfs_too(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With PDFs the handouts' date told it; without them the pages' "Last updated" rule met it first."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    code, said = export(project, tmp_path / "export", capsys)
    assert code == 2  # as every other sentence of the export's (1: the data's problems)
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970" in said
    assert not (tmp_path / "export").exists()
