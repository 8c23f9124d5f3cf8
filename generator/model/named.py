"""Keys that provisions name from another file's table (``topics:``): each unknown key told once.

Renaming a topic's key in ``topics.yaml`` leaves every provision that names it naming a key that
is no longer there. That is one mistake, so it gets one sentence, at the key that most likely
replaced it (one no provision names), listing every place to change. A key that a single
provision names is that provision's slip, told at it with a "did you mean". The uses of every
edition that shares the table are gathered first (:class:`Gathered`), so that a rename is still
told once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.data.messages import NAMED_BY_MANY, meant_key, unknown_key
from generator.data.problems import Problem
from generator.data.read import Loaded
from generator.data.yamlfile import Location, YamlFile

#: How alike an unknown key and a key no provision names must be for the one to be taken for the
#: other's new name (the only such key is taken whatever its name).
RENAME_LIKENESS = 0.6


@dataclass(frozen=True)
class Use:
    """One provision's entry naming a key: ``location`` is the entry's own (``(…, "topics", 0)``)."""

    file: YamlFile
    location: Location
    key: str


@dataclass(frozen=True)
class Table:
    """A keyed table that provisions name, as its file gives it."""

    what: str  # "topic"
    field: str  # what provisions list its keys in: "topics"
    loaded: Loaded[Any]
    #: Each key with the names its entry also goes by (a topic's name), for "did you mean".
    known: Mapping[str, Iterable[str | None]]

    @property
    def file_name(self) -> str:
        return self.loaded.file.path.rsplit("/", 1)[-1]

    def key_location(self, key: str) -> Location:
        entries = getattr(self.loaded.data, self.field)
        return (self.field, next(i for i, e in enumerate(entries) if e.key == key), "key")


@dataclass
class Gathered:
    """The keys the provisions of every edition name from one table: those it lacks, and those it has."""

    table: Table
    unknown: list[Use] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def problems(self, provisions: str) -> list[Problem]:
        return unknown_named(self.unknown, self.used, self.table, provisions)


def joined(editions: Iterable[Mapping[str, Gathered]]) -> dict[str, Gathered]:
    """What each edition gathered, by table, joined in the editions' order (oldest first)."""
    found: dict[str, Gathered] = {}
    for gathered in editions:
        for path, named in gathered.items():
            into = found.setdefault(path, Gathered(named.table))
            into.unknown += named.unknown
            into.used |= named.used
    return found


def unknown_named(unknown: Sequence[Use], used: Iterable[str], table: Table, provisions: str) -> list[Problem]:
    """A problem for each key provisions name that ``table`` lacks: once for a key several provisions name.

    ``used`` holds the table's keys that provisions do name: a key missing from them is the likely
    new name of a key many provisions still name.
    """
    by_key: dict[str, list[Use]] = {}
    for use in unknown:
        by_key.setdefault(use.key, []).append(use)
    named = set(used)
    unnamed = {k: names for k, names in table.known.items() if k not in named}
    problems = []
    for key, uses in by_key.items():
        if len({(u.file.path, u.location[:-1]) for u in uses}) < 2:
            problems += [u.file.problem(u.location, unknown_key(table.what, key, table.known)) for u in uses]
            continue
        values = {"what": table.what, "old": key, "count": len(uses), "provisions": provisions,
                  "file": table.file_name, "field": table.field, "places": places(uses)}
        new = renamed_to(key, unnamed)
        if new is not None:
            del unnamed[new]  # one old key for each new one
            problems.append(table.loaded.file.problem(
                table.key_location(new), NAMED_BY_MANY["renamed"].format(new=new, **values)))
            continue
        meant = meant_key(key, table.known)
        hint = "" if meant is None else NAMED_BY_MANY["named" if meant[1] == "name" else "meant"].format(key=meant[0])
        problems.append(uses[0].file.problem(uses[0].location, NAMED_BY_MANY["missing"].format(meant=hint, **values)))
    return problems


def renamed_to(old: str, unnamed: Mapping[str, Iterable[str | None]]) -> str | None:
    """The key no provision names that ``old`` was most likely renamed to: one like it in its words or
    its name ("change" in "change-of-plan", "Managing change"), or the only one there is."""
    if not unnamed:
        return None

    def likeness(key: str) -> float:
        forms = [words(f) for f in (key, *unnamed[key]) if f]
        if any(set(words(old)) <= set(form) for form in forms):
            return 1.0
        return max(difflib.SequenceMatcher(None, " ".join(words(old)), " ".join(form)).ratio() for form in forms)

    best = max(unnamed, key=likeness)
    return best if likeness(best) >= RENAME_LIKENESS or len(unnamed) == 1 else None


def words(name: str) -> list[str]:
    return re.findall(r"[^\W_]+", name.casefold())


def places(uses: Sequence[Use]) -> str:
    """Where the uses are, file by file: "in themes/1.yaml at line 76; in themes/5.yaml at lines 9 and 13"."""
    lines: dict[str, list[int]] = {}
    for use in uses:
        lines.setdefault(use.file.path, []).append(use.file.where(use.location)[0])
    said = []
    for path, found in lines.items():
        numbers = [str(n) for n in sorted(set(found))]
        listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        said.append(f"in {path} at line{'s' if len(numbers) > 1 else ''} {listed}")
    return "; ".join(said)
