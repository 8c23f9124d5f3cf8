"""``load_compact``: read a data folder and its editions, assemble the model, or say everything that is wrong.

``load_checked`` does the same and also says what the editor should put right though the site builds
(the warnings): ``check``, the build and the export show them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from generator.data.problems import DataError, Problem
from generator.data.read import EditionFiles, read_editions
from generator.model.assemble import assemble, editor_words
from generator.model.editions import check_edition_years, check_no_earlier, relate
from generator.model.named import Gathered, joined
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
    """The model of every edition the data stage read (oldest first, the current last), or every problem.

    Each edition is made whole: the current one's own words first (an earlier edition keeps up its
    editorial extras from them), then, oldest first, each edition again holding the one before it and
    how it follows from it, so that the current edition holds them all.
    """
    files = read[-1].files
    everything: list[Problem] = []
    gathered: list[dict[str, Gathered]] = [{} for _ in read]  # topics each edition's provisions name
    current = attempt(partial(assemble, files, read[-1].problems, gathered[-1]), everything)
    earlier = [attempt(partial(assemble, r.files, r.problems, g, is_current=False, current=current), everything)
               for r, g in zip(read[:-1], gathered, strict=False)]
    for named in joined(gathered).values():  # a rename is told once, for the provisions of every edition
        everything += named.problems(editor_words(files).provisions)
    if files.compact is not None:
        years = [(r.folder.name, r.files.compact) for r in read[:-1] if r.files.compact is not None]
        everything += check_edition_years(files.compact, years)
    everything += check_no_earlier(read[0].files)
    editions = [e for e in (*earlier, current) if e is not None]
    if everything or len(editions) != len(read):
        raise DataError(everything)
    made = editions[0]
    for edition, later_read, earlier_read in zip(editions[1:], read[1:], read, strict=False):
        changes, problems = relate(made, edition, later_read.files, earlier_read.files)
        everything += problems
        made = replace(edition, changes=changes)
    if everything:
        raise DataError(everything)
    return Checked(made, tuple(sorted(set(data_warnings(files, made)))))


def attempt(make: Callable[[], Compact], problems: list[Problem]) -> Compact | None:
    """What ``make`` makes, or None with its problems added to ``problems``."""
    try:
        return make()
    except DataError as error:
        problems += error.problems
        return None
