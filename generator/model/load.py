"""``load_compact``: read a data folder and assemble the model, or say everything that is wrong."""

from __future__ import annotations

from pathlib import Path

from generator.data.read import read_data
from generator.model.assemble import assemble
from generator.model.types import Compact


def load_compact(data_dir: Path, display_root: Path | None = None) -> Compact:
    """Read and check every file; raise :class:`generator.data.problems.DataError` listing all problems.

    ``display_root`` is the folder paths in messages are relative to (default: the working folder).
    """
    files, problems = read_data(data_dir, display_root)
    return assemble(files, problems, data_dir)
