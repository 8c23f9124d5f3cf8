"""The website's accessibility statement: its facts from ``accessibility.yaml``, checked with the data.

The statement's words are ours (a template following the UK model statement); what it says
of the document and its publisher comes from the model, and its dates and whom to contact
from this file. A statement must give readers a way to contact the publisher: its own
``contact``, or else the Partners' Group's page, whose contact section it links.
Checks return problems, as elsewhere.
"""

from __future__ import annotations

from generator.data import shapes
from generator.data.problems import Problem
from generator.data.read import Loaded
from generator.model import types as m

MESSAGES = {
    "no contact": "the accessibility statement must say how to contact the website's publisher, and compact.yaml "
                  "has no partners_group passage (so no Group page to send readers to): add 'contact:' with an "
                  "email or a url",
    "empty contact": "give an email, a url or both",
    "empty contact, group": "give an email, a url or both (or remove 'contact:' to send readers to the Group's page)",
    "reviewed early": "the statement cannot have been reviewed ({reviewed}) before it was prepared ({prepared})",
}


def accessibility_statement(
    loaded: Loaded[shapes.AccessibilityFile] | None, has_group: bool
) -> tuple[m.AccessibilityStatement | None, list[Problem]]:
    """The statement's facts, if the file gives them; problems if it leaves readers no one to contact."""
    if loaded is None:
        return None, []
    data, problems = loaded.data, []
    contact = data.contact
    if contact is not None and not (contact.email or contact.url):
        message = MESSAGES["empty contact, group" if has_group else "empty contact"]
        problems.append(loaded.file.problem(("contact",), message, key=True))
    elif contact is None and not has_group:
        problems.append(loaded.file.problem((), MESSAGES["no contact"]))
    if data.reviewed is not None and data.reviewed < data.prepared:
        problems.append(loaded.file.problem(("reviewed",), MESSAGES["reviewed early"].format(
            reviewed=data.reviewed.isoformat(), prepared=data.prepared.isoformat())))
    statement = m.AccessibilityStatement(
        data.prepared, data.reviewed, data.tested,
        email=contact.email if contact else None, url=contact.url if contact else None,
    )
    return statement, problems
