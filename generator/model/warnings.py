"""Warnings: what the editor should put right, though the site builds (``check`` exits 0 with them).

Each check is a small function of the current edition's files (search.yaml's, of the model made of
them too) returning the warnings it finds, as the checks that return errors do; the sentences are
:data:`generator.data.messages.WARNINGS` (and ``SEARCH``).
An earlier edition's files are not warned about: the site's terms and contacts are the current one's.
"""

from __future__ import annotations

from generator.data.characters import cut, shown
from generator.data.messages import WARNINGS
from generator.data.problems import Problem
from generator.data.read import DataFiles
from generator.model.search import unmatched
from generator.model.types import Compact


def no_licence(files: DataFiles) -> list[Problem]:
    """Re-users cannot tell what they may do with the text, handouts and open data."""
    compact = files.compact
    if compact is None or compact.data.licence is not None:
        return []
    return [compact.file.problem((), WARNINGS["no licence"]).as_warning()]


def statement_without_contact(files: DataFiles) -> list[Problem]:
    """The 2018 regulations want the statement's own contact; the Group's page stands in (if it has one)."""
    statement, compact = files.accessibility, files.compact
    if statement is None or statement.data.contact is not None or compact is None:
        return []
    group = compact.data.partners_group
    if group is None:  # then the statement has nowhere to send readers: an error (model.accessibility)
        return []
    group_contact = files.partners_group.data.contact if files.partners_group is not None else None
    kind = "statement without contact" if group_contact else "statement without contact, group without"
    return [statement.file.problem((), WARNINGS[kind].format(group=cut(shown(group.heading)))).as_warning()]


def procedure_not_published(files: DataFiles) -> list[Problem]:
    """The document names a complaints procedure that readers cannot find."""
    complaints = files.complaints
    procedure = complaints.data.procedure if complaints is not None else None
    if complaints is None or procedure is None or procedure.url is not None:
        return []
    message = WARNINGS["procedure not published"].format(name=cut(shown(procedure.name)))
    return [complaints.file.problem(("procedure",), message, key=True).as_warning()]


def search_leads_nowhere(files: DataFiles, compact: Compact) -> list[Problem]:
    """A synonym's phrase that no provision holds finds nothing (a typo, or words an edition dropped)."""
    return unmatched(files.search, [c.text for c in compact.commitments], compact.words.provisions)


CHECKS = (no_licence, statement_without_contact, procedure_not_published)


def data_warnings(files: DataFiles, compact: Compact) -> list[Problem]:
    """Every warning about the current edition's files (``compact``: the model made of them)."""
    return [warning for check in CHECKS for warning in check(files)] + search_leads_nowhere(files, compact)
