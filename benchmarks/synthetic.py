"""Synthetic Compacts made from the real data, for the scale benchmark.

A site hosting many local Compacts (or one much longer Compact) is what the
generator must stay linear for; copying the real themes keeps the texts,
sectors, references, topics and glossary matches realistic. At ``factor`` N
the themes are repeated N times (5 themes → 5N themes), renumbered, given
unique slugs, and every ``related`` id is mapped into the same copy so that
all links stay valid; the source text is repeated N times too, so that the
official-text check runs at that size, each copy's words in their own copy.
Nothing here is the Compact: it is test data only.

:func:`make_long_text` gives the real data one very long commitment (prose, Markdown's and
HTML's punctuation, or one word), for the benchmark's "Long texts": a build must cost time
in proportion to the length of a text, whatever its characters.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

THEMES_DIR = "themes"

#: What the long texts repeat: ordinary prose, the characters that mean something to Markdown
#: and HTML (each escaped on every page that shows the text) in words, and the same in one word.
LONG_TEXT_UNITS = {
    "prose": "Work together to design funding and commissioning so that resources are used well, "
             "and review every stage of the process with the people it affects. ",
    "punctuation": "*_[]()#|\\`<&>!{}+-. ",
    # One word: an address and punctuation with no space, which the handouts must break somewhere.
    "one-word": "www.example.org/a_b*c[d](e)#f|g`h<i&j>k!l{m}n+o-p.",
}


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


def long_text(kind: str, size: int) -> str:
    """``size`` characters of ``kind`` (a key of :data:`LONG_TEXT_UNITS`), ending in a non-space."""
    unit = LONG_TEXT_UNITS[kind]
    text = (unit * (size // len(unit) + 1))[:size]
    return text[:-1] + "." if text.endswith(" ") else text


def make_long_text(source: Path, target: Path, kind: str, size: int) -> Path:
    """A copy of the data folder ``source`` whose first theme's first commitment is
    :func:`long_text` (``source:`` dropped: these are not the Compact's words)."""
    from support import without_source  # tests/support, on the path of the benchmark and the tests

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    without_source(target)
    theme_file = min((target / THEMES_DIR).glob("*.yaml"), key=lambda p: yaml.safe_load(p.read_text("utf-8"))["number"])
    theme = yaml.safe_load(theme_file.read_text(encoding="utf-8"))
    theme["commitments"][0]["text"] = long_text(kind, size)
    theme_file.write_text(yaml.dump(theme, Dumper=_LiteralDumper, allow_unicode=True, sort_keys=False, width=1000),
                          encoding="utf-8")
    return target


class _LiteralDumper(yaml.SafeDumper):
    """Long strings as literal blocks: no escapes, so a 240,000-character text stays under the
    data's file-size limit whatever its characters."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if len(value) > 1000 else None)


_LiteralDumper.add_representer(str, _string)
