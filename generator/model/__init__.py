"""The second stage: the Compact as a typed, cross-linked model (see :mod:`generator.model.types`)."""

from __future__ import annotations

from generator.model.history import History, Link, Redirect, Step
from generator.model.load import Checked, load_checked, load_compact
from generator.model.published import ComplaintsProcedure, Licence
from generator.model.types import (
    AccessibilityStatement,
    Commitment,
    Compact,
    ComplaintLink,
    ComplaintsGuide,
    ComplaintStep,
    GlossaryTerm,
    NationalCompact,
    Outcomes,
    PartName,
    PartnersGroup,
    Passage,
    PrintedAddress,
    ProvisionList,
    ProvisionName,
    Reference,
    Sector,
    Theme,
    Topic,
    Value,
    Words,
    capfirst,
    join_names,
)

__all__ = [
    "AccessibilityStatement", "Checked", "Commitment", "Compact", "ComplaintLink", "ComplaintStep",
    "ComplaintsGuide", "ComplaintsProcedure", "GlossaryTerm", "History", "Licence", "Link", "NationalCompact",
    "Outcomes", "PartName", "PartnersGroup", "Passage", "PrintedAddress", "ProvisionList", "ProvisionName",
    "Redirect", "Reference", "Sector", "Step", "Theme", "Topic", "Value", "Words", "capfirst", "join_names",
    "load_checked", "load_compact",
]
