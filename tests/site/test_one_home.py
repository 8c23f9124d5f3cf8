"""One home per rule (issue 30): ``mkdocs.yml`` read by one reader, as MkDocs reads it; ``SOURCE_DATE_EPOCH``
read by one rule.

The export and ``generator check`` read ``mkdocs.yml`` without MkDocs (:func:`generator.export.read_config`);
its ``!ENV`` tags must mean what they mean to MkDocs, whose own rule (``pyyaml_env_tag``) it uses. A
second reader, or a second parser of the date variable, is what let them disagree before.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load
from support import ROOT

from generator.export import read_config

GENERATOR = ROOT / "generator"

CONFIG = """\
site_name: Test
empty: !ENV ONE_HOME_EMPTY
switch: !ENV [ONE_HOME_SWITCH, false]
number: !ENV ONE_HOME_NUMBER
text: !ENV ONE_HOME_TEXT
unset: !ENV [ONE_HOME_UNSET, .cache]
second: !ENV [ONE_HOME_UNSET, ONE_HOME_TEXT, nothing]
bare: !ENV ONE_HOME_UNSET
plugins:
  - compact:
      pdf: !ENV [ONE_HOME_SWITCH, true]
"""


def test_mkdocs_yml_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"ONE_HOME_EMPTY": "", "ONE_HOME_SWITCH": "true", "ONE_HOME_NUMBER": "8",
                        "ONE_HOME_TEXT": "a: b"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ONE_HOME_UNSET", raising=False)
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    ours, mkdocs = read_config(config), yaml_load(CONFIG)
    assert ours == mkdocs
    assert ours["empty"] is None and ours["switch"] is True and ours["number"] == 8 and ours["text"] == "a: b"


def _yaml_loaders(path: Path) -> list[str]:
    """The YAML loaders a module defines (classes deriving from one of PyYAML's)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        bases = [ast.unparse(base) for base in node.bases] if isinstance(node, ast.ClassDef) else []
        if any(base.startswith("yaml.") and base.endswith("Loader") for base in bases):
            where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
            found.append(f"{where}:{node.lineno}: {node.name}")
    return found


def test_one_reader_of_mkdocs_yml_outside_mkdocs() -> None:
    """The data's own YAML (``generator/data/``) is another format, read by its own loader."""
    loaders = [found for path in sorted(GENERATOR.rglob("*.py")) if GENERATOR / "data" not in path.parents
               for found in _yaml_loaders(path)]
    assert [line.split(": ")[-1] for line in loaders] == ["_Loader"], loaders
    assert loaders[0].startswith("generator/export.py:")


def _names_the_variable(path: Path) -> list[int]:
    """Lines where a module names ``SOURCE_DATE_EPOCH`` as a value (prose in docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value == "SOURCE_DATE_EPOCH"]


def test_one_rule_reads_source_date_epoch() -> None:
    """Every other module asks :mod:`generator.environment` (the pages' dates, the PDFs', MkDocs' own)."""
    naming = {path.relative_to(ROOT).as_posix(): lines for path in sorted(GENERATOR.rglob("*.py"))
              if (lines := _names_the_variable(path))}
    assert list(naming) == ["generator/environment.py"], naming


def test_the_readings_see_a_second_home(tmp_path: Path) -> None:
    """The controls: a second loader and a second reading of the variable are both caught."""
    second = tmp_path / "second.py"
    second.write_text("import os, yaml\nclass Loader(yaml.SafeLoader): pass\n"
                      "epoch = os.environ.get('SOURCE_DATE_EPOCH')\n", encoding="utf-8")
    assert _yaml_loaders(second) == ["second.py:2: Loader"]
    assert _names_the_variable(second) == [3]
