"""``load_compact``: read a data folder and its editions, assemble the model, or say everything that is wrong.

``load_checked`` does the same and also says what the editor should put right though the site builds
(the warnings): ``check``, the build and the export show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data.problems import DataError, Problem
from generator.data.read import DataFiles, edition_dirs, read_data
from generator.model.assemble import assemble, editor_words
from generator.model.editions import History, Step, check_edition_years, check_no_earlier, redirects, relate
from generator.model.named import Gathered
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
    files, problems = read_data(data_dir, display_root)
    folders, found = edition_dirs(data_dir, display_root)
    problems += found
    read: list[tuple[Path, DataFiles, list[Problem]]] = [
        (folder, *read_data(folder, display_root, current=files)) for folder in folders
    ]
    read.append((data_dir, files, problems))
    everything: list[Problem] = []
    editions: list[Compact] = []
    gathered: dict[str, Gathered] = {}  # topics the provisions of every edition name: a rename is told once
    for folder, edition_files, edition_problems in read:
        try:
            editions.append(assemble(edition_files, edition_problems, folder, gathered))
        except DataError as error:
            everything += error.problems
    for named in gathered.values():
        everything += named.problems(editor_words(files).provisions)
    if files.compact is not None:
        years = [(f.name, ef.compact) for f, ef, _ in read[:-1] if ef.compact is not None]
        everything += check_edition_years(files.compact, years)
    everything += check_no_earlier(read[0][1])
    if everything:
        raise DataError(everything)
    for edition in editions[:-1]:
        inherit_extras(edition, editions[-1])
    steps: list[Step] = []
    for (_, earlier_files, _), (_, later_files, _), earlier, later in zip(
        read, read[1:], editions, editions[1:], strict=False
    ):
        step, step_problems = relate(earlier, later, later_files, earlier_files)
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
