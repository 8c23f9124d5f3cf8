"""The editions of one Compact and how each led to the next: commitments' histories and old addresses.

Every edition is a complete :class:`~generator.model.types.Compact` of its own. Between an edition
and the next, a commitment that keeps its id is *unchanged* (the same words) or *reworded*; what ids
alone cannot say (renumbered, merged, split, withdrawn, new) the later edition's ``changes.yaml``
states (:mod:`generator.model.editions` relates them and checks the file). Each edition holds the
one before it and how it follows from it (:class:`Changes`), so the current edition holds them all,
each made before it; :class:`History` is the view of that chain that every commitment's history,
each edition's "what changed" page and the old addresses that must keep working (:class:`Redirect`)
are read from. Nothing here points from an edition to a later one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from generator.model.types import Commitment, Compact

#: How a commitment of one edition relates to one of the next.
LinkKind = Literal["unchanged", "reworded", "renumbered", "merged", "split"]
#: What became of an old commitment address: ``moved`` (renumbered), ``merged`` into another
#: commitment, ``split`` into several, or ``withdrawn``.
RedirectAction = Literal["moved", "merged", "split", "withdrawn"]


@dataclass(frozen=True)
class Link:
    """A commitment of an edition (``before``) and one it became in the next (``after``)."""

    kind: LinkKind
    before: Commitment
    after: Commitment
    note: str | None = None

    @property
    def reworded(self) -> bool:
        """Whether the words differ (a renumbered, merged or split commitment may be reworded too)."""
        return self.before.text != self.after.text


@dataclass(frozen=True)
class Withdrawn:
    commitment: Commitment  # in the earlier edition
    note: str | None = None


@dataclass(frozen=True)
class New:
    commitment: Commitment  # in the later edition
    note: str | None = None


@dataclass(frozen=True, eq=False)
class Changes:
    """How an edition follows from the one before it, which it holds (``earlier``): every commitment
    of each accounted for."""

    earlier: Compact
    links: tuple[Link, ...]
    withdrawn: tuple[Withdrawn, ...]
    new: tuple[New, ...]


@dataclass(frozen=True, eq=False)
class Step:
    """From one edition to the next: every commitment of each accounted for."""

    earlier: Compact
    later: Compact
    links: tuple[Link, ...]
    withdrawn: tuple[Withdrawn, ...]
    new: tuple[New, ...]

    def after(self, old: Commitment) -> list[Link]:
        """What ``old`` (of the earlier edition) became."""
        return [link for link in self.links if link.before is old]

    def before(self, commitment: Commitment) -> list[Link]:
        """Where ``commitment`` (of the later edition) came from."""
        return [link for link in self.links if link.after is commitment]

    def withdrawal(self, old: Commitment) -> Withdrawn | None:
        return next((w for w in self.withdrawn if w.commitment is old), None)

    def start(self, commitment: Commitment) -> New | None:
        return next((n for n in self.new if n.commitment is commitment), None)

    @property
    def changed(self) -> list[Link]:
        """The links that are not "unchanged", in the later edition's order."""
        order = {c.id: n for n, c in enumerate(self.later.commitments)}
        return sorted((link for link in self.links if link.kind != "unchanged" or link.reworded),
                      key=lambda link: order[link.after.id])

    def count(self, kind: LinkKind) -> int:
        return len({link.before.id for link in self.links if link.kind == kind})


@dataclass(frozen=True)
class Outcome:
    """What a commitment of any edition is in the current one."""

    #: kept: the same number (perhaps reworded); moved: another number; merged into another;
    #: split into several; withdrawn: nothing.
    action: Literal["kept", "moved", "merged", "split", "withdrawn"]
    targets: tuple[Commitment, ...]
    #: The edition in which it stopped being itself (None if kept), and the editor's note then.
    changed_in: Compact | None = None
    note: str | None = None


@dataclass(frozen=True)
class Event:
    """One edition in a commitment's history: where its form in ``later`` came from."""

    step: Step
    commitment: Commitment  # its form in step.later
    links: tuple[Link, ...]  # from forms in step.earlier
    new: New | None
    #: A different commitment of the earlier edition that had this number, and what became of it.
    number_was: Commitment | None = None


@dataclass(frozen=True, eq=False)
class Redirect:
    """An address ``/commitments/<old>/`` no current commitment has: it must keep working.

    Made from the editions (:attr:`History.redirects`): ``was`` is the commitment
    that last had the number, in the last edition that had it.
    """

    old: str
    action: RedirectAction
    #: The current commitments it became (none if withdrawn).
    targets: tuple[Commitment, ...]
    was: Commitment
    #: The edition in which it changed.
    changed_in: Compact
    note: str | None = None

    @property
    def target(self) -> Commitment | None:
        """The one commitment a reader is sent on to (moved or merged); None if withdrawn or split."""
        return self.targets[0] if self.action in ("moved", "merged") else None

    @property
    def text(self) -> str:
        """The old commitment's words."""
        return self.was.text

    @property
    def theme_slug(self) -> str | None:
        """The slug of the part the old provision was in, if it was in one."""
        return self.was.theme.slug if self.was.theme is not None else None


@dataclass(frozen=True, eq=False)
class History:
    """An edition and every one before it, oldest first (the last is the edition it is of: for the
    current edition, every edition), and the steps between them."""

    editions: tuple[Compact, ...]
    steps: tuple[Step, ...]

    @classmethod
    def of(cls, edition: Compact) -> History:
        """The history ``edition`` holds: the editions before it, each holding the one before."""
        editions = [edition]
        while (changes := editions[0].changes) is not None:
            editions.insert(0, changes.earlier)
        steps = [Step(c.earlier, e, c.links, c.withdrawn, c.new) for e in editions if (c := e.changes) is not None]
        return cls(tuple(editions), tuple(steps))

    @property
    def current(self) -> Compact:
        return self.editions[-1]

    @property
    def earlier(self) -> tuple[Compact, ...]:
        return self.editions[:-1]

    def step_into(self, edition: Compact) -> Step | None:
        return next((s for s in self.steps if s.later is edition), None)

    def step_from(self, edition: Compact) -> Step | None:
        return next((s for s in self.steps if s.earlier is edition), None)

    def events(self, commitment: Commitment) -> list[Event]:
        """A commitment's history, newest edition first, back as far as its forms go."""
        edition = self.edition_of(commitment)
        forms, events = [commitment], []
        step = self.step_into(edition)
        while step is not None and forms:
            earlier_forms: list[Commitment] = []
            for form in forms:
                links = tuple(step.before(form))
                kept_number = any(link.before.id == form.id for link in links)
                number_was = None if kept_number else step.earlier.find(form.id)
                events.append(Event(step, form, links, step.start(form), number_was))
                earlier_forms += [link.before for link in links if link.before not in earlier_forms]
            forms, step = earlier_forms, self.step_into(step.earlier)
        return events

    def fate(self, commitment: Commitment) -> tuple[list[Link], Withdrawn | None]:
        """What a commitment became in the next edition (nothing for the current one)."""
        step = self.step_from(self.edition_of(commitment))
        if step is None:
            return [], None
        return step.after(commitment), step.withdrawal(commitment)

    def outcome(self, commitment: Commitment) -> Outcome:
        """Where a commitment of any edition ended up in the current one, and how."""
        forms, kinds = [commitment], set()
        changed_in, note = None, None
        step = self.step_from(self.edition_of(commitment))
        while step is not None:
            next_forms: list[Commitment] = []
            for form in forms:
                withdrawn = step.withdrawal(form)
                if withdrawn is not None and changed_in is None:
                    changed_in, note = step.later, withdrawn.note
                for link in step.after(form):
                    kinds.add(link.kind)
                    if link.after.id != commitment.id and changed_in is None:
                        changed_in, note = step.later, link.note
                    if link.after not in next_forms:
                        next_forms.append(link.after)
            forms, step = next_forms, self.step_from(step.later)
        action: Literal["kept", "moved", "merged", "split", "withdrawn"]
        if not forms:
            action = "withdrawn"
        elif len(forms) > 1:
            action = "split"
        elif "merged" in kinds:
            action = "merged"
        elif forms[0].id == commitment.id and changed_in is None:
            action = "kept"
        else:
            action = "moved"
        return Outcome(action, tuple(forms), changed_in, note)

    def edition_of(self, commitment: Commitment) -> Compact:
        return self._edition_by_commitment[id(commitment)]

    @functools.cached_property
    def _edition_by_commitment(self) -> dict[int, Compact]:
        return {id(c): edition for edition in self.editions for c in edition.commitments}

    @functools.cached_property
    def redirects(self) -> tuple[Redirect, ...]:
        """Every ``/commitments/<id>/`` of an earlier edition that no current commitment has.

        Each leads to what the commitment that last had the number became: one current
        commitment (moved, or merged into it), several (split), or none (withdrawn).
        """
        taken = {c.id for c in self.current.commitments}
        found: dict[str, Redirect] = {}
        for edition in reversed(self.earlier):  # the last edition that had a number decides
            for commitment in edition.commitments:
                if commitment.id in taken or commitment.id in found:
                    continue
                outcome = self.outcome(commitment)
                assert outcome.action != "kept" and outcome.changed_in is not None  # its number left the editions
                found[commitment.id] = Redirect(
                    commitment.id, outcome.action, outcome.targets, commitment, outcome.changed_in, outcome.note
                )
        return tuple(found[cid] for cid in sorted(found, key=lambda i: tuple(int(n) for n in i.split("."))))
