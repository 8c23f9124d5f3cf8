"""``load_compact``: read a data folder and its editions, assemble the model, or say everything that is wrong."""

from __future__ import annotations

from pathlib import Path

from generator.data.problems import DataError, Problem
from generator.data.read import DataFiles, edition_dirs, read_data
from generator.model.assemble import assemble
from generator.model.editions import History, Step, check_edition_years, check_no_earlier, redirects, relate
from generator.model.types import Compact


def load_compact(data_dir: Path, display_root: Path | None = None) -> Compact:
    """The current edition, with every edition in its ``history``; or :class:`DataError` listing all problems.

    The current edition is ``data_dir`` itself; earlier ones are in ``data_dir/editions/<year>/``.
    ``display_root`` is the folder paths in messages are relative to (default: the working folder).
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
    for folder, edition_files, edition_problems in read:
        try:
            editions.append(assemble(edition_files, edition_problems, folder))
        except DataError as error:
            everything += error.problems
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
    return history.current


def inherit_extras(earlier: Compact, current: Compact) -> None:
    """An earlier edition's commitment without topics or related links takes the current one's,
    where the id and the words are the same (editorial extras are kept up in the current edition)."""
    for commitment in earlier.commitments:
        same = current.find(commitment.id)
        if same is None or same.text != commitment.text:
            continue
        if not commitment.topics:
            commitment.topics = same.topics
        if not commitment.related:
            related = (earlier.find(other.id) for other in same.related)
            commitment.related = tuple(r for r in related if r is not None)
