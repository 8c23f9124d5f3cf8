"""Relating an edition to the one before it: the later edition's ``changes.yaml`` checked against both.

Between an edition and the next, a commitment that keeps its id is *unchanged* (the same words) or
*reworded*; what ids alone cannot say (renumbered, merged, split, withdrawn, new) ``changes.yaml``
states. :func:`relate` makes the :class:`~generator.model.history.Changes` the later edition holds,
with every problem of the file; :mod:`generator.model.history` reads the editions from them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Literal

from generator.data import shapes
from generator.data.problems import Problem
from generator.data.read import CHANGES_FILE, DataFiles, Loaded
from generator.data.yamlfile import Location, YamlFile
from generator.model.assemble import written_provisions
from generator.model.history import Changes, Link, LinkKind, New, Withdrawn
from generator.model.types import Compact, edition_key

# -- relating two editions: small checks, messages from a table ---------------------------

#: For each kind of change: whether it names an old id, and how many ids its ``to`` holds.
SHAPE_OF_CHANGE: dict[shapes.ChangeKind, tuple[bool, Literal["none", "one", "several"]]] = {
    "renumbered": (True, "one"),
    "merged": (True, "one"),
    "split": (True, "several"),
    "withdrawn": (True, "none"),
    "new": (False, "one"),
}
#: The link each stated change makes between an old commitment and a new one.
LINK_OF_CHANGE: dict[shapes.ChangeKind, LinkKind] = {"renumbered": "renumbered", "merged": "merged", "split": "split"}
MESSAGES = {
    "needs old": "'{change}' needs 'old: \"<id>\"', the commitment's id in the {earlier} edition",
    "no old": "a new commitment has no earlier form, so 'new' has no 'old': remove it",
    "needs to": "'{change}' needs 'to: \"<id>\"', its id in this edition",
    "no to": "a withdrawn commitment has no 'to': remove it",
    "one to": "'{change}' takes one id in 'to' (only 'split' takes a list)",
    "several to": "'split' needs two or more ids in 'to', the commitments it became",
    "into itself": "'{change}' from '{id}' to '{id}' changes nothing: a commitment that keeps its id needs no "
                   "entry here (with other words it is reworded); remove this entry",
    "to twice": "commitment '{id}' is given twice in 'to'",
    "unknown old": "commitment '{id}' is not in the {earlier} edition",
    "unknown to": "commitment '{id}' is not in this edition ({later})",
    "twice": "commitment '{id}' of the {earlier} edition is already accounted for at line {line}",
    "new twice": "commitment '{id}' is already given as new at line {line}",
    "new but kept": "commitment '{id}' of the {earlier} edition still has that id, so '{id}' is not new: "
                    "say first what became of the old '{id}' (renumbered, merged, split or withdrawn)",
    "new but from": "commitment '{id}' cannot be new: line {line} says it came from an earlier commitment",
    "onto kept": "commitment '{id}' of the {earlier} edition still has that id, so nothing can be {change} "
                 "to it: say first what became of the old '{id}', or use 'merged'",
    "renumbered twice": "two commitments are renumbered to '{id}' (the first at line {line}): use 'merged'",
    "unaccounted old": "commitment {id} is not in the {later} edition: say in {changes} what became of it "
                       "(renumbered, merged, split or withdrawn)",
    "unexplained new": "commitment {id} is not in the {earlier} edition: if it is new, say so in {changes} "
                       "('change: new'), or say which commitment it was",
    "number freed": "commitment {id} has no earlier form: {changes} line {line} says what became of the {earlier} "
                    "edition's {id}; if this one is new, say so ('change: new'), or say which commitment it was",
    "no earlier": "there is no earlier edition in editions/ for {changes} to relate this edition to",
    "edition folder": "this folder holds the {folder} edition, but 'edition' here says {edition}",
    "edition order": "the current edition ({edition}) must be later than every edition in editions/ "
                     "(the latest there is {latest})",
}


def message(key: str, **values: object) -> str:
    return MESSAGES[key].format(**values)


def where_defined(files: DataFiles) -> dict[str, tuple[YamlFile, Location]]:
    """Each commitment id of an edition and where its file gives it."""
    return {item.entry.id: (item.file, (*item.location, "id")) for item in written_provisions(files)}


def check_edition_years(
    current: Loaded[shapes.CompactFile], earlier: Iterable[tuple[str, Loaded[shapes.CompactFile]]]
) -> list[Problem]:
    """Each earlier edition's folder is named as its addresses are (its year, or its label with hyphens),
    and the current edition is the latest."""
    problems: list[Problem] = []
    latest: Loaded[shapes.CompactFile] | None = None
    for folder, loaded in earlier:
        if edition_key(loaded.data.edition) != folder:
            problems.append(loaded.file.problem(("edition",), message(
                "edition folder", folder=folder, edition=loaded.data.edition)))
        if latest is None or edition_order(loaded.data) > edition_order(latest.data):
            latest = loaded
    if latest is not None and (edition_order(current.data) <= edition_order(latest.data)
                               or edition_key(current.data.edition) == edition_key(latest.data.edition)):
        problems.append(current.file.problem(("edition",), message(
            "edition order", edition=current.data.edition, latest=latest.data.edition)))
    return problems


def edition_order(data: shapes.CompactFile) -> tuple[int, datetime.date]:
    """Editions in order: by the year their label starts with, then by when they were adopted."""
    return int(str(data.edition)[:4]), data.adopted or datetime.date.min


class Relating:
    """Relates one edition to the one before it, collecting every problem."""

    def __init__(self, earlier: Compact, later: Compact, later_files: DataFiles, earlier_files: DataFiles) -> None:
        self.earlier, self.later = earlier, later
        self.old = {c.id: c for c in earlier.commitments}
        self.now = {c.id: c for c in later.commitments}
        self.later_files, self.earlier_files = later_files, earlier_files
        self.changes = later_files.changes
        self.problems: list[Problem] = []
        #: Old ids the file accounts for (index of their entry), and new ids it gives an origin to.
        self.consumed: dict[str, int] = {}
        self.produced: dict[str, tuple[int, shapes.ChangeKind]] = {}
        self.links: list[Link] = []
        self.withdrawn: list[Withdrawn] = []
        self.new: list[New] = []

    @property
    def changes_path(self) -> str:
        return self.changes.file.path if self.changes is not None else CHANGES_FILE

    def problem(self, index: int, field: str, key: str, **values: object) -> None:
        assert self.changes is not None
        self.problems.append(self.changes.file.problem(
            ("changes", index, field), message(key, earlier=self.earlier.edition, later=self.later.edition, **values)
        ))

    def line(self, index: int, field: str = "change") -> int:
        assert self.changes is not None
        return self.changes.file.where(("changes", index, field))[0]

    def entry_shape(self, index: int, entry: shapes.ChangeEntry) -> bool:
        """The entry has the fields its kind of change needs (each missing or extra one reported)."""
        needs_old, to = SHAPE_OF_CHANGE[entry.change]
        problems_before = len(self.problems)
        if needs_old and entry.old is None:
            self.problem(index, "change", "needs old", change=entry.change)
        if not needs_old and entry.old is not None:
            self.problem(index, "old", "no old")
        if to == "none" and entry.to is not None:
            self.problem(index, "to", "no to")
        elif to != "none" and not entry.to:
            self.problem(index, "change", "needs to", change=entry.change)
        elif to == "one" and entry.to is not None and len(entry.to) > 1:
            self.problem(index, "to", "one to", change=entry.change)
        elif to == "several" and entry.to is not None and len(entry.to) < 2:
            self.problem(index, "to", "several to")
        elif to == "one" and entry.old is not None and entry.to == [entry.old]:
            self.problem(index, "to", "into itself", id=entry.old, change=entry.change)
        elif entry.to is not None and len(set(entry.to)) < len(entry.to):
            assert self.changes is not None
            again = next(n for n, cid in enumerate(entry.to) if cid in entry.to[:n])
            self.problems.append(self.changes.file.problem(("changes", index, "to", again),
                                                           message("to twice", id=entry.to[again])))
        return len(self.problems) == problems_before

    def entry_ids(self, index: int, entry: shapes.ChangeEntry) -> bool:
        """The ids it names exist, and none is accounted for twice."""
        assert self.changes is not None
        problems_before = len(self.problems)
        if entry.old is not None:
            if entry.old not in self.old:
                self.problem(index, "old", "unknown old", id=entry.old)
            elif entry.old in self.consumed:
                self.problem(index, "old", "twice", id=entry.old, line=self.line(self.consumed[entry.old], "old"))
        for position, target in enumerate(entry.to or []):
            if target not in self.now:
                self.problems.append(self.changes.file.problem(
                    ("changes", index, "to", position) if len(entry.to or []) > 1 else ("changes", index, "to"),
                    message("unknown to", id=target, later=self.later.edition)))
        return len(self.problems) == problems_before

    def read_entries(self) -> list[tuple[int, shapes.ChangeEntry]]:
        """The entries that are well formed; every other one reported."""
        if self.changes is None:
            return []
        usable = []
        for index, entry in enumerate(self.changes.data.changes):
            if self.entry_shape(index, entry) and self.entry_ids(index, entry):
                usable.append((index, entry))
                if entry.old is not None:
                    self.consumed[entry.old] = index
        return usable

    def relate(self) -> Changes:
        entries = self.read_entries()
        kept = {cid for cid in self.old if cid in self.now and cid not in self.consumed}
        for index, entry in entries:
            targets = entry.to or []
            if entry.change == "withdrawn":
                assert entry.old is not None
                self.withdrawn.append(Withdrawn(self.old[entry.old], entry.note))
                continue
            if entry.change == "new":
                self.add_new(index, targets[0], kept, entry.note)
                continue
            assert entry.old is not None
            for target in targets:
                if entry.change == "renumbered" and target in kept:
                    self.problem(index, "to", "onto kept", id=target, change=entry.change)
                    continue
                if entry.change == "renumbered" and target in self.produced:
                    first, kind = self.produced[target]
                    if kind == "renumbered":
                        self.problem(index, "to", "renumbered twice", id=target, line=self.line(first, "to"))
                        continue
                self.produced.setdefault(target, (index, entry.change))
                self.links.append(Link(LINK_OF_CHANGE[entry.change], self.old[entry.old], self.now[target], entry.note))
        for cid in kept:
            old, now = self.old[cid], self.now[cid]
            self.links.append(Link("reworded" if old.text != now.text else "unchanged", old, now))
        self.check_accounted()
        order = {c.id: n for n, c in enumerate(self.later.commitments)}
        old_order = {c.id: n for n, c in enumerate(self.earlier.commitments)}
        self.links.sort(key=lambda link: (order[link.after.id], old_order[link.before.id]))
        self.withdrawn.sort(key=lambda w: old_order[w.commitment.id])
        self.new.sort(key=lambda n: order[n.commitment.id])
        return Changes(self.earlier, tuple(self.links), tuple(self.withdrawn), tuple(self.new))

    def add_new(self, index: int, target: str, kept: set[str], note: str | None) -> None:
        if target in kept:
            self.problem(index, "to", "new but kept", id=target)
        elif target in self.produced:
            first, kind = self.produced[target]
            key = "new twice" if kind == "new" else "new but from"
            self.problem(index, "to", key, id=target, line=self.line(first, "to"))
        else:
            self.produced[target] = (index, "new")
            self.new.append(New(self.now[target], note))

    def check_accounted(self) -> None:
        """Every old commitment went somewhere, and every new one came from somewhere."""
        values = {"earlier": self.earlier.edition, "later": self.later.edition, "changes": self.changes_path}
        old_places = where_defined(self.earlier_files)
        for cid in self.old:
            if cid not in self.now and cid not in self.consumed:
                file, location = old_places[cid]
                self.problems.append(file.problem(location, message("unaccounted old", id=cid, **values)))
        now_places = where_defined(self.later_files)
        for cid in self.now:
            has_origin = cid in self.produced or (cid in self.old and cid not in self.consumed)
            if not has_origin:
                file, location = now_places[cid]
                if cid in self.consumed:
                    text = message("number freed", id=cid, line=self.line(self.consumed[cid], "old"), **values)
                else:
                    text = message("unexplained new", id=cid, **values)
                self.problems.append(file.problem(location, text))


def relate(
    earlier: Compact, later: Compact, later_files: DataFiles, earlier_files: DataFiles
) -> tuple[Changes, list[Problem]]:
    """How ``later`` follows from ``earlier`` (its ``changes.yaml`` and the words of both)."""
    relating = Relating(earlier, later, later_files, earlier_files)
    changes = relating.relate()
    return changes, relating.problems


def check_no_earlier(files: DataFiles) -> list[Problem]:
    """A ``changes.yaml`` with entries needs an edition before it."""
    if files.changes is None or not files.changes.data.changes:
        return []
    return [files.changes.file.problem(("changes",), message("no earlier", changes=files.changes.file.path),
                                       key=True)]
