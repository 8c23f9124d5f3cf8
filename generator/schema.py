"""The shape of each data file, as pydantic models.

These models check shapes and types only (and give editors a JSON Schema);
how the files fit together is checked in :mod:`generator.load`.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
CommitmentId = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+$")]


class _Strict(BaseModel):
    """Unknown keys are errors: a typo such as ``secotr:`` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Passage(_Strict):
    """A headed passage of the Compact, copied verbatim."""

    heading: Text
    paragraphs: list[Text] = Field(min_length=1)


class NationalCompact(_Strict):
    lead_in: Text = Field(description="The sentence introducing the national Compact's outcomes.")
    outcomes: list[Text] = Field(min_length=1)
    references: list[Key] = []


class CompactFile(_Strict):
    """``compact.yaml``: the document's metadata and its passages outside the themes."""

    title: Text
    edition: int
    subtitle: Text
    introduction: Passage
    national_compact: NationalCompact
    our_commitments: Passage
    partners_group: Passage
    values_preamble: Passage
    themes_preamble: Passage
    resolving_complaints: Passage
    compact_and_you: Passage


class ValueEntry(_Strict):
    key: Key = Field(description="Stable identifier; becomes the anchor /values/#<key>.")
    text: Text
    references: list[Key] = []


class ValuesFile(_Strict):
    values: list[ValueEntry] = Field(min_length=1)


class SectorEntry(_Strict):
    key: Key = Field(description="What a commitment's `sector:` names.")
    name: Text
    heading: Text
    slug: Key = Field(description="URL part: /sectors/<slug>/. Never change it.")
    summary: Text


class SectorsFile(_Strict):
    sectors: list[SectorEntry] = Field(min_length=1)


class ReferenceEntry(_Strict):
    key: Key
    label: Text
    text: Text = Field(description="The Compact's own footnote, verbatim.")
    note: Text | None = Field(default=None, description="Our explanatory addition, if any.")


class ReferencesFile(_Strict):
    references: list[ReferenceEntry]


class TopicEntry(_Strict):
    key: Key
    name: Text


class TopicsFile(_Strict):
    topics: list[TopicEntry]


class GlossaryEntry(_Strict):
    key: Key
    term: Text
    abbr: Text | None = Field(default=None, description="Abbreviation shown with a tooltip.")
    matches: list[Text] = Field(default=[], description="Forms of the term to find in texts.")
    source: Literal["compact", "explanatory"]
    where: Text | None = Field(default=None, description="Where the Compact defines it.")
    definition: Text


class GlossaryFile(_Strict):
    terms: list[GlossaryEntry]


class CommitmentEntry(_Strict):
    id: CommitmentId = Field(description="The Compact's number, <theme>.<n>.")
    sector: Key = Field(description="shared, public or vcs (see sectors.yaml).")
    text: Text = Field(description="The Compact's exact words.")
    references: list[Key] = []
    related: list[CommitmentId] = []
    topics: list[Key] = []
    terms: list[Key] = Field(default=[], description="Glossary terms not found by `matches`.")


class ThemeFile(_Strict):
    """``themes/<n>-<slug>.yaml``: one theme and its commitments in the document's order."""

    number: int = Field(ge=1)
    title: Text
    slug: Key
    introduction: list[Text] = []
    commitments: list[CommitmentEntry] = Field(min_length=1)


#: Passages of ``compact.yaml`` that the complaints guide may quote verbatim.
CompactPassageName = Literal[
    "introduction", "our_commitments", "partners_group", "resolving_complaints", "compact_and_you"
]
#: Site pages a complaints step may link to (names of constants in ``generator.urls``).
SitePageName = Literal["home", "about", "values", "themes", "sectors", "commitments", "glossary"]


class ComplaintLink(_Strict):
    text: Text = Field(description="The link's words, saying where it goes.")
    page: SitePageName = Field(description="The site page it links to.")


class ComplaintStep(_Strict):
    key: Key = Field(description="Stable identifier; becomes the anchor /complaints/#<key>.")
    title: Text
    paragraphs: list[Text] = Field(min_length=1, description="Our explanatory text (not the Compact's).")
    checklist: list[Text] = Field(default=[], description="Optional bullet points.")
    links: list[ComplaintLink] = []
    quotes: list[CompactPassageName] = Field(
        default=[], description="Passages of compact.yaml shown verbatim as the Compact's own words."
    )


class ComplaintsFile(_Strict):
    """``complaints.yaml``: the step-by-step guide on /complaints/ (explanatory, ours)."""

    title: Text
    introduction: list[Text] = Field(min_length=1)
    steps: list[ComplaintStep] = Field(min_length=1)
    summary_fields: list[Text] = Field(
        min_length=1, description="Blank lines in the copyable complaint summary, e.g. 'Organisation concerned'."
    )


class RedirectEntry(_Strict):
    """What happened to one old commitment id (see the README, "Redirect map")."""

    old: CommitmentId = Field(description="The id that no longer means what it did.")
    action: Literal["moved", "merged", "withdrawn"] = Field(
        description="moved: renumbered to `to`; merged: folded into `to`; withdrawn: dropped."
    )
    to: CommitmentId | None = Field(default=None, description="The current id (moved or merged only).")
    date: datetime.date = Field(description="When it happened, as YYYY-MM-DD.")
    note: Text = Field(description="Why, in a sentence readers will see.")
    text: Text | None = Field(default=None, description="The old commitment's words, if worth keeping.")


class RedirectsFile(_Strict):
    """``redirects.yaml`` (optional): old commitment ids and what became of them."""

    redirects: list[RedirectEntry] = []


#: Each data file (or glob) and the model its content must satisfy.
FILE_MODELS: dict[str, type[_Strict]] = {
    "compact.yaml": CompactFile,
    "values.yaml": ValuesFile,
    "sectors.yaml": SectorsFile,
    "references.yaml": ReferencesFile,
    "topics.yaml": TopicsFile,
    "glossary.yaml": GlossaryFile,
    "complaints.yaml": ComplaintsFile,
}

#: Schema file names published for editors, by model.
SCHEMA_NAMES: dict[str, type[_Strict]] = {
    "compact": CompactFile,
    "values": ValuesFile,
    "sectors": SectorsFile,
    "references": ReferencesFile,
    "topics": TopicsFile,
    "glossary": GlossaryFile,
    "theme": ThemeFile,
    "complaints": ComplaintsFile,
    "redirects": RedirectsFile,
}
