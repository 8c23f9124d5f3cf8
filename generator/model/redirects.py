"""Checking the redirect map (``redirects.yaml``) against the current commitments.

When a later edition renumbers, merges or drops commitments, the map says
what became of each old id, so that ``/commitments/<old>/`` keeps working.
"""

from __future__ import annotations

from generator.data.problems import Problem
from generator.data.shapes import RedirectsFile
from generator.data.yamlfile import YamlFile
from generator.model.types import Commitment, Redirect


def check_redirects(
    parsed: YamlFile, data: RedirectsFile, by_id: dict[str, Commitment]
) -> tuple[tuple[Redirect, ...], list[Problem]]:
    """Check the map against the current data; every problem points at its line."""
    problems: list[Problem] = []
    redirects: list[Redirect] = []
    #: Numbers given to another commitment by a 'moved' entry may be reused.
    reused = {entry.to for entry in data.redirects if entry.action == "moved"}
    seen: dict[str, int] = {}
    for index, entry in enumerate(data.redirects):
        where = ("redirects", index)
        ok = True
        if entry.old in seen:
            first = parsed.where(("redirects", seen[entry.old], "old"))[0]
            problems.append(
                parsed.problem((*where, "old"), f"old id '{entry.old}' is listed twice (first at line {first})")
            )
            continue
        seen[entry.old] = index
        if entry.old in by_id and entry.old not in reused:
            problems.append(
                parsed.problem(
                    (*where, "old"),
                    f"commitment '{entry.old}' still exists, so its address cannot be redirected "
                    "(only ids that no longer exist, or whose number a 'moved' entry gives to "
                    "another commitment, can be listed)",
                )
            )
            ok = False
        target: Commitment | None = None
        if entry.action == "withdrawn":
            if entry.to is not None:
                problems.append(
                    parsed.problem((*where, "to"), "a withdrawn commitment has no 'to': remove it")
                )
                ok = False
        elif entry.to is None:
            problems.append(
                parsed.problem(
                    (*where, "action"),
                    f"'{entry.action}' needs 'to: \"<id>\"', the commitment it became part of",
                )
            )
            ok = False
        elif entry.to == entry.old:
            problems.append(parsed.problem((*where, "to"), f"'{entry.old}' cannot be redirected to itself"))
            ok = False
        elif entry.to not in by_id:
            problems.append(
                parsed.problem(
                    (*where, "to"),
                    f"unknown target commitment '{entry.to}' (it must be a commitment in the current data)",
                )
            )
            ok = False
        else:
            target = by_id[entry.to]
        if ok:
            redirects.append(Redirect(entry.old, entry.action, target, entry.date, entry.note, entry.text))
    return tuple(redirects), problems
