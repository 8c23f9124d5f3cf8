"""Problems found in the data, reported all at once as ``path:line:col: message``.

A problem is an error (the data cannot be used: ``check`` fails, the build stops) or a
warning: something the editor should put right that does not stop a build, such as a
statement without its own contact. Warnings print as ``path:line:col: warning: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

#: How much a problem matters: an error stops the build, a warning does not.
Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one data file.

    ``line`` and ``column`` are 1-based, as editors show them; 0 means the
    problem concerns the whole file.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        message = f"warning: {self.message}" if self.severity == "warning" else self.message
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {message}"
        return f"{self.path}: {message}"

    def as_warning(self) -> Problem:
        """The same place and sentence, as a warning."""
        return replace(self, severity="warning")


class DataError(Exception):
    """The data cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the Compact data.")
        return "\n".join(lines)


def warnings_report(warnings: Iterable[Problem]) -> str:
    """Every warning, one a line, and a count that says the site still builds ("" if there are none)."""
    found = sorted(set(warnings))
    if not found:
        return ""
    count = len(found)
    lines = [str(warning) for warning in found]
    lines.append(f"{count} warning{'s' if count != 1 else ''} in the Compact data "
                 "(the site still builds: put them right when you can).")
    return "\n".join(lines)
