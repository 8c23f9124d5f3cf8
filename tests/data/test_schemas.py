"""The published JSON Schemas match the pydantic models, and every data file points at its schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from generator.data import read as load
from generator.data.editor_schemas import SCHEMA_DIR, schema_texts
from generator.data.shapes import FILE_MODELS, SCHEMA_NAMES, CommitmentEntry

DATA = ROOT / "compact_data"


def test_committed_schemas_are_exactly_what_the_models_generate() -> None:
    generated = schema_texts()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert sorted(committed) == sorted(generated), "a schema file is missing or left over"
    for name, text in generated.items():
        assert committed[name] == text, f"{name} is stale: run `python -m generator schema`"


def test_the_schema_command_writes_the_same_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "schema", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    written = {p.name: p.read_bytes() for p in tmp_path.glob("*.json")}
    assert written == {p.name: p.read_bytes() for p in SCHEMA_DIR.glob("*.schema.json")}


def test_schemas_forbid_unknown_keys_and_know_the_fields() -> None:
    theme = json.loads((SCHEMA_DIR / "theme.schema.json").read_text(encoding="utf-8"))
    assert theme["additionalProperties"] is False
    commitment = theme["$defs"]["CommitmentEntry"]
    assert commitment["additionalProperties"] is False
    assert set(commitment["required"]) == {"id", "text"}  # `sector` may come from the commitment's list
    assert set(commitment["properties"]) == set(CommitmentEntry.model_fields)


def _data_files() -> list[tuple[Path, str]]:
    """Each data file and the schema name its first line must point at."""
    by_model = {model: name for name, model in SCHEMA_NAMES.items()}
    files = []
    for folder in [DATA, *load.edition_dirs(DATA)[0]]:  # the current edition, then any earlier ones
        files += [(folder / name, by_model[model]) for name, model in FILE_MODELS.items()
                  if folder is DATA or (folder / name).is_file()]
        files += [(path, "theme") for path in sorted((folder / "themes").glob("*.yaml"))]
        optionals = ((load.CHANGES_FILE, "changes"), (load.PARTNERS_GROUP_FILE, "partners-group"),
                     (load.ACCESSIBILITY_FILE, "accessibility"), (load.SEARCH_FILE, "search"))
        for name, schema in optionals:
            optional = folder / name  # an optional file: checked when present
            if optional.is_file():
                files.append((optional, schema))
    return files


@pytest.mark.parametrize("path, schema", _data_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_data_file_starts_with_its_schema_line(path: Path, schema: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), f"{path.name}: first line must be '{prefix}…'"
    target = (path.parent / first[len(prefix) :]).resolve()
    assert target == (SCHEMA_DIR / f"{schema}.schema.json").resolve()
    assert target.is_file()


def test_every_yaml_file_in_the_data_is_covered() -> None:
    covered = {path.resolve() for path, _ in _data_files()}
    present = {p.resolve() for p in DATA.rglob("*.yaml")}
    assert present == covered
