"""No model object changes after it is made: every one reachable from a loaded Compact is a frozen dataclass.

The model is built whole, each object from finished parts (a provision names its part by a small
summary, the current edition holds the earlier ones), so nothing is filled in or patched afterwards.
This walks everything reachable from a load, for Bristol's data with two editions and a Group that
publishes documents, and for synthetic shapes (parts nested three deep; no parts at all).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from support import ROOT
from support.editions import two_editions_with_group

from generator.model import Compact, load_compact

SHAPES = ROOT / "tests" / "fixtures" / "shapes"
#: What a frozen object may hold in a field: nothing that can be changed in place.
MUTABLE = (list, dict, set, bytearray)


def reachable(start: object) -> list[object]:
    """Every object of the generator reachable from ``start``: through dataclass fields, values a
    cached property has worked out, and the items of containers."""
    seen: dict[int, object] = {}
    todo = [start]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        if isinstance(item, (tuple, list, set, frozenset)):
            todo += list(item)
            continue
        if isinstance(item, dict):
            todo += [*item.keys(), *item.values()]
            continue
        if not type(item).__module__.startswith("generator."):
            continue
        seen[id(item)] = item
        todo += list(getattr(item, "__dict__", {}).values())
    return list(seen.values())


def every_view(compact: Compact) -> None:
    """Work out the derived views, so that the walk reaches them too."""
    history = compact.history
    _ = compact.redirects, compact.commitments, compact.all_parts
    for edition in history.editions:
        _ = edition.commitments, edition.all_parts, edition.redirects
        for commitment in edition.commitments:
            history.outcome(commitment)
            history.events(commitment)


def mutability_problems(start: object) -> list[str]:
    """What can be changed among the objects reachable from ``start`` (sorted; none if all are frozen)."""
    problems = set()
    for item in reachable(start):
        name = type(item).__name__
        if not dataclasses.is_dataclass(item):
            problems.add(f"{name} is not a dataclass")
            continue
        for field in dataclasses.fields(item):
            value = getattr(item, field.name)
            if isinstance(value, MUTABLE):
                problems.add(f"{name}.{field.name} is a {type(value).__name__}, which can change in place")
            try:
                setattr(item, field.name, value)
            except dataclasses.FrozenInstanceError:
                continue
            problems.add(f"{name}.{field.name} can be set")
    return sorted(problems)


def assert_all_frozen(compact: Compact) -> int:
    """Every object reachable from a loaded Compact (its views worked out) is frozen; how many there are."""
    every_view(compact)
    problems = mutability_problems(compact)
    assert not problems, "\n".join(problems)
    return len(reachable(compact))


def test_bristol_with_two_editions_is_frozen(tmp_path: Path) -> None:
    compact = load_compact(two_editions_with_group(tmp_path))
    assert len(compact.history.editions) == 2 and compact.redirects and compact.group is not None
    assert compact.group.records and compact.history.steps
    kinds = {type(item).__name__ for item in reachable(compact)}
    assert {"Compact", "Theme", "PartName", "ProvisionList", "Commitment", "ProvisionName", "History", "Changes",
            "Step", "Link", "Withdrawn", "New", "Redirect", "PartnersGroup", "GroupRecord", "Sector", "Topic",
            "GlossaryTerm"} <= kinds
    assert assert_all_frozen(compact) > 300  # both editions' 54 commitments, the links between them…


@pytest.mark.parametrize("shape", ["three-level", "principles", "codes"])
def test_every_shape_is_frozen(shape: str) -> None:
    compact = load_compact(SHAPES / shape / "compact_data", display_root=ROOT)
    assert_all_frozen(compact)


def test_the_check_finds_what_can_change() -> None:
    """The check itself can fail: a dataclass that is not frozen, a list in a field, a plain object."""

    @dataclasses.dataclass
    class Loose:
        items: list[object]

    class Plain:
        pass

    for kind in (Loose, Plain):
        kind.__module__ = "generator.model.types"
    assert mutability_problems(Loose([Plain()])) == [
        "Loose.items can be set", "Loose.items is a list, which can change in place", "Plain is not a dataclass",
    ]
