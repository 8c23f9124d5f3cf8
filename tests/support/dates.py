"""A copy of the project as a git work tree, committed at a moment the test chooses.

The pages' "Last updated" date is the last commit's that changed the data (or a hand-written
page): a test that compares a copy's build with the repository's commits the copy at the same
moment, and a test of the rule commits at a date of its own (``GIT_COMMITTER_DATE``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.environment import last_commit
from support import ROOT

#: The repository's own date: the last commit that changed its data or a hand-written page (None outside git).
ROOT_COMMITTED = last_commit(ROOT / "compact_data", ROOT / "content")


def git(folder: Path, *arguments: str, epoch: int | None = None, environ: dict[str, str] | None = None) -> str:
    """A git command in ``folder`` with a fixed name (and, given ``epoch``, both of a commit's dates;
    ``environ``: git variables of the test's own)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.org")
    if epoch is not None:
        env.update(GIT_AUTHOR_DATE=f"@{epoch} +0000", GIT_COMMITTER_DATE=f"@{epoch} +0000")
    env.update(environ or {})
    done = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def commit_all(project: Path, epoch: int, message: str = "the test's sources") -> None:
    """Everything in ``project`` committed at ``epoch`` (a new work tree the first time)."""
    if not (project / ".git").exists():
        git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--allow-empty", "-m", message, epoch=epoch)


def as_committed_in_the_repository(project: Path) -> None:
    """``project`` (a copy) committed when the repository's sources were, so that their builds agree."""
    if ROOT_COMMITTED is not None:
        commit_all(project, ROOT_COMMITTED)
