"""``load_compact``: read a data folder and its editions, assemble the model, or say everything that is wrong.

``load_checked`` does the same and also says what the editor should put right though the site builds
(the warnings): ``check``, the build and the export show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.data.problems import DataError, Problem
from generator.data.read import EditionFiles, read_editions
from generator.model.assemble import assemble
from generator.model.editions import History, Step, check_edition_years, check_no_earlier, redirects, relate
from generator.model.types import Compact
from generator.model.warnings import data_warnings


@dataclass(frozen=True)
class Checked:
    """A Compact whose data has no errors, and the warnings about it (sorted, possibly none)."""

    compact: Compact
    warnings: tuple[Problem, ...]


def load_compact(data_dir: Path, display_root: Path | None = None) -> Compact:
    """The current edition, with every edition in its ``history``; or :class:`DataError` listing all problems.

    The current edition is ``data_dir`` itself; earlier ones are in ``data_dir/editions/<year>/``.
    ``display_root`` is the folder paths in messages are relative to (default: the working folder).
    """
    return load_checked(data_dir, display_root).compact


def load_checked(data_dir: Path, display_root: Path | None = None) -> Checked:
    """As :func:`load_compact`, with the warnings about the current edition's data.

    Warnings come only with data that has no errors: a failing check shows the errors alone.
    """
    return assemble_editions(read_editions(data_dir, display_root))


def assemble_editions(read: Sequence[EditionFiles]) -> Checked:
    """The model of every edition the data stage read (oldest first, the current last), or every problem."""
    files = read[-1].files
    everything: list[Problem] = []
    editions: list[Compact] = []
    for edition_read in read:
        try:
            editions.append(assemble(edition_read.files, edition_read.problems))
        except DataError as error:
            everything += error.problems
    if files.compact is not None:
        years = [(r.folder.name, r.files.compact) for r in read[:-1] if r.files.compact is not None]
        everything += check_edition_years(files.compact, years)
    everything += check_no_earlier(read[0].files)
    if everything:
        raise DataError(everything)
    for edition in editions[:-1]:
        inherit_extras(edition, editions[-1])
    steps: list[Step] = []
    for earlier_read, later_read, earlier, later in zip(read, read[1:], editions, editions[1:], strict=False):
        step, step_problems = relate(earlier, later, later_read.files, earlier_read.files)
        steps.append(step)
        everything += step_problems
    if everything:
        raise DataError(everything)
    history = History(tuple(editions), tuple(steps))
    history.current.redirects = redirects(history)
    return Checked(history.current, tuple(sorted(set(data_warnings(files, history.current)))))


def inherit_extras(earlier: Compact, current: Compact) -> None:
    """An earlier edition's commitment without topics or related links takes the current one's,
    where the id and the words are the same (editorial extras are kept up in the current edition);
    an earlier edition without a licence takes the current one's (the site's terms cover every edition)."""
    earlier.licence = earlier.licence or current.licence
    for commitment in earlier.commitments:
        same = current.find(commitment.id)
        if same is None or same.text != commitment.text:
            continue
        if not commitment.topics:
            commitment.topics = same.topics
        if not commitment.related:
            related = (earlier.find(other.id) for other in same.related)
            commitment.related = tuple(r for r in related if r is not None)
