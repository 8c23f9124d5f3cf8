"""JSON Schemas for the data files, so editors get completion and red squiggles.

The schemas are generated from the files' shapes (:mod:`generator.data.shapes`) and committed
under ``generator/data/schemas/``; a test fails if they drift from the shapes.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.data.shapes import SCHEMA_NAMES

SCHEMA_DIR = Path(__file__).parent / "schemas"


def schema_texts() -> dict[str, str]:
    """``{file name: JSON text}`` for every data file's schema."""
    texts = {}
    for name, shape in SCHEMA_NAMES.items():
        schema = shape.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        texts[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_schemas(out: Path = SCHEMA_DIR) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
