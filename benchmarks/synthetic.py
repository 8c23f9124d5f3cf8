"""Synthetic Compacts made from the real data, for the scale benchmark.

A site hosting many local Compacts (or one much longer Compact) is what the
generator must stay linear for; copying the real themes keeps the texts,
sectors, references, topics and glossary matches realistic. At ``factor`` N
the themes are repeated N times (5 themes → 5N themes), renumbered, given
unique slugs, and every ``related`` id is mapped into the same copy so that
all links stay valid; the source text is repeated N times too, so that the
official-text check runs at that size, each copy's words in their own copy.
Nothing here is the Compact: it is test data only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

THEMES_DIR = "themes"


def make_synthetic(source: Path, target: Path, factor: int) -> Path:
    """Write a data folder ``factor`` times the size of ``source`` into ``target``."""
    if factor < 1:
        raise ValueError("factor must be 1 or more")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=lambda folder, names: [THEMES_DIR] if folder == str(source) else [])
    originals = sorted(
        (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (source / THEMES_DIR).glob("*.yaml")),
        key=lambda theme: theme["number"],
    )
    per_copy = len(originals)
    (target / THEMES_DIR).mkdir()
    for copy in range(factor):
        for theme in originals:
            number = copy * per_copy + theme["number"]
            slug = theme["slug"] if copy == 0 else f"{theme['slug']}-{copy + 1}"
            renumbered = dict(theme, number=number, slug=slug)
            renumbered["commitments"] = [
                _renumber(entry, copy * per_copy) for entry in theme["commitments"]
            ]
            text = yaml.safe_dump(renumbered, allow_unicode=True, sort_keys=False, width=1000)
            (target / THEMES_DIR / f"{number}-{slug}.yaml").write_text(text, encoding="utf-8")
    _repeat_source(target, factor)
    return target


def _repeat_source(data: Path, factor: int) -> None:
    """The source text ``factor`` times over, as a document of ``factor`` copies would print it."""
    named = (yaml.safe_load((data / "compact.yaml").read_text(encoding="utf-8")) or {}).get("source")
    if not named:
        return
    path = data / named["file"]
    path.write_text("\n\n".join([path.read_text(encoding="utf-8")] * factor), encoding="utf-8")


def _renumber(entry: dict, offset: int) -> dict:
    """A commitment with its id and related ids moved ``offset`` themes along."""

    def shift(commitment_id: str) -> str:
        theme, position = commitment_id.split(".")
        return f"{int(theme) + offset}.{position}"

    moved = dict(entry, id=shift(entry["id"]))
    if "related" in entry:
        moved["related"] = [shift(other) for other in entry["related"]]
    return moved
