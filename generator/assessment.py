"""The self-assessment page's data, and the shape of the files it saves.

Partner organisations assess themselves against the commitments that bind them, entirely in
the browser (``content/assets/javascripts/assess.js``): nothing is sent anywhere. The page
carries what the script needs as JSON (:func:`page_data`): the commitments and their words,
which bind each party (the model's one rule, :meth:`generator.model.types.Compact.binding`), and what became of
every earlier edition's commitments, so that a file saved against an older edition opens
against the current one. The saved file's shape is defined once, by the pydantic models
below, which also give its published JSON Schema (:func:`schema`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator import urls
from generator.data.shapes import COMMITMENT_ID
from generator.model import Compact
from generator.model.types import as_data

#: What a saved file says it is, and the one version of its shape this site reads and writes.
FORMAT = "compact-self-assessment"
FORMAT_VERSION = 1
SCHEMA_PATH = "data/self-assessment.schema.json"
#: A file larger than this is refused before it is read (a whole assessment is some 100 KB).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: The longest text a field may hold (in characters), so that no file can fill the device's storage.
MAX_TEXT = 20_000

#: An answer's status, and how the page names it.
Status = Literal["met", "partly", "not-yet", "not-applicable"]
STATUS_LABELS: dict[Status, str] = {
    "met": "Met",
    "partly": "Partly met",
    "not-yet": "Not yet met",
    "not-applicable": "Not applicable",
}
#: How the script names one kind of change of an earlier edition's commitment.
Action = Literal["moved", "merged", "split", "withdrawn", "kept"]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(_Shape):
    """An organisation's answer about one commitment."""

    id: str = Field(pattern=COMMITMENT_ID,
                    description="The commitment's key (its number, where it has one) in the file's edition.")
    text: str = Field(max_length=MAX_TEXT, description="The commitment's exact words in the file's edition.")
    status: Status | None = Field(description="met, partly (met), not-yet (met), not-applicable, or none yet.")
    evidence: str = Field(max_length=MAX_TEXT, description="Evidence or notes: plain text, never markup.")
    action: str = Field(max_length=MAX_TEXT, description="What the organisation will do: plain text.")
    owner: str = Field(max_length=MAX_TEXT, description="Who owns the action.")
    due: str = Field(max_length=MAX_TEXT, description="By when: YYYY-MM-DD, or empty.")
    review: bool = Field(default=False, description="To be looked at again: its words changed since it was answered.")
    note: str = Field(default="", max_length=MAX_TEXT, description="What became of it between editions, if anything.")


class WithdrawnAnswer(Answer):
    """An answer about a commitment that a later edition withdrew: kept apart, never lost."""

    edition: int | str = Field(description="The edition the commitment was last in.")


class AssessmentFile(_Shape):
    """A self-assessment saved by the site's self-assessment page."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: str = Field(alias="$schema", description="This schema's address.")
    format: Literal["compact-self-assessment"]
    version: int = Field(ge=1, description="The file format's version (this schema: 1).")
    compact: str = Field(description="The title of the Compact assessed against.")
    edition: int | str = Field(description="The edition whose numbers and words the answers carry.")
    organisation: str = Field(max_length=MAX_TEXT)
    date: str = Field(max_length=MAX_TEXT, description="The date of the assessment, YYYY-MM-DD, or empty.")
    sector: str | None = Field(description="The party (a sector's key) assessed as, or none for every commitment.")
    saved: str = Field(description="When the file was saved (ISO 8601).")
    answers: list[Answer]
    withdrawn: list[WithdrawnAnswer] = Field(default=[], description="Answers to withdrawn commitments.")


def schema(site: urls.Site) -> dict[str, object]:
    """The JSON Schema of a saved self-assessment, generated from the models above."""
    document = AssessmentFile.model_json_schema(by_alias=True)
    document["properties"]["version"]["const"] = FORMAT_VERSION
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": site.url + SCHEMA_PATH, **document}


def edition_moves(compact: Compact) -> dict[str, dict[str, dict[str, Any]]]:
    """For each earlier edition, what became of each of its commitments that is not the same
    number in the current one: ``{year: {old id: {action, to, note}}}`` (a file of that edition
    follows these; one with the same number keeps it, its words compared by the script)."""
    history = compact.history
    moves: dict[str, dict[str, dict[str, Any]]] = {}
    for edition in history.earlier:
        moved = {}
        for commitment in edition.commitments:
            outcome = history.outcome(commitment)
            if outcome.action == "kept":
                continue
            moved[commitment.id] = {
                "action": outcome.action,
                "to": [t.id for t in outcome.targets],
                "note": outcome.note or "",
            }
        moves[str(edition.edition)] = moved
    return moves


def page_data(compact: Compact, site: urls.Site) -> dict[str, Any]:
    """What the page's script needs: the commitments, who each binds, the statuses, the editions."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": site.url + SCHEMA_PATH,
        "maxBytes": MAX_FILE_BYTES,
        "maxText": MAX_TEXT,
        "storage": f"compact-self-assessment:{compact.slug}",
        "compact": compact.title,
        "label": compact.label,
        "words": {"provision": compact.words.provision, "Provision": compact.words.Provision,
                  "Part": compact.words.Part},
        "name": compact.name_in_text,
        "edition": compact.edition,
        "slug": compact.slug,
        "statuses": [{"key": key, "label": label} for key, label in STATUS_LABELS.items()],
        "parties": [
            {"key": s.key, "name": s.name, "binds": [c.id for c in compact.binding(s)]} for s in compact.sides
        ],
        "themes": [{"number": as_data(t.key), "title": t.title, "heading": t.heading} for t in compact.themes],
        "commitments": [
            {"id": c.id, "Name": c.Name, "text": c.text, "theme": as_data(c.theme.key) if c.theme else None,
             "url": site.permalink(urls.commitment_page(c))}
            for c in compact.commitments
        ],
        "editions": edition_moves(compact),
    }
