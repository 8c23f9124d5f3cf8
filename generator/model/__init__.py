"""The second stage: the Compact as a typed, cross-linked model (see :mod:`generator.model.types`)."""

from __future__ import annotations

from generator.model.editions import History, Link, Step
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
    PartnersGroup,
    Passage,
    PrintedAddress,
    ProvisionList,
    Redirect,
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
    "Outcomes", "PartnersGroup", "Passage", "PrintedAddress", "ProvisionList", "Redirect", "Reference", "Sector",
    "Step", "Theme", "Topic", "Value", "Words", "capfirst", "join_names", "load_checked", "load_compact",
]
