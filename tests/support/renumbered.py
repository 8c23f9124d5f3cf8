"""A renumbered copy of the data, as a future edition might make, for the redirect tests.

1.19 is merged into 3.11, so 1.20 moves up to 1.19 (its number is reused), and
2.6 is withdrawn. The dates and notes are test fixtures, not facts about the Compact.
"""

from __future__ import annotations

import re
from pathlib import Path

DATE = "2030-04-01"
OLD_1_19 = (
    "Facilitate feedback from users and communities to help improve delivery of programmes and "
    "services and ensure that consultation responses accurately reflect the views and experiences "
    "of users/communities."
)
OLD_2_6 = (
    "Demonstrate how the value of the work can help the funding body deliver its public sector "
    "duties on promoting equality and tackling discrimination."
)
REDIRECTS = f"""\
# Test fixture: a renumbered edition.
redirects:
  - old: "1.19"
    action: merged
    to: "3.11"
    date: {DATE}
    note: Its words are now part of commitment 3.11.
    text: {OLD_1_19}
  - old: "1.20"
    action: moved
    to: "1.19"
    date: {DATE}
    note: Renumbered when 1.19 was merged into 3.11.
  - old: "2.6"
    action: withdrawn
    date: {DATE}
    note: Withdrawn in this test edition.
    text: {OLD_2_6}
"""


def _drop_commitment(path: Path, commitment_id: str) -> None:
    """Remove one commitment's entry (up to the next ``- id:`` or the end of the file)."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf'^  - id: "{re.escape(commitment_id)}"\n(?:(?!  - id:).*\n?)*', re.MULTILINE)
    text, count = pattern.subn("", text)
    assert count == 1, f"commitment {commitment_id} not found in {path}"
    path.write_text(text, encoding="utf-8")


def renumber(project: Path, redirects: str = REDIRECTS) -> None:
    """Apply the renumbering to ``project``'s data and write its redirect map."""
    themes = project / "compact_data" / "themes"
    theme_1 = themes / "1-allocating-resources.yaml"
    _drop_commitment(theme_1, "1.19")
    text = theme_1.read_text(encoding="utf-8")
    assert text.count('id: "1.20"') == 1
    theme_1.write_text(text.replace('id: "1.20"', 'id: "1.19"'), encoding="utf-8")
    _drop_commitment(themes / "2-promoting-equality.yaml", "2.6")
    (project / "compact_data" / "redirects.yaml").write_text(redirects, encoding="utf-8")
