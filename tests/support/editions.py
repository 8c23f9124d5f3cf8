"""A synthetic second edition, for the tests of editions, histories and old addresses.

A copy of the project keeps Bristol's data as its earlier edition
(``compact_data/editions/2012/``) and gets a current, clearly synthetic 2030
edition made from it, in which:

- 1.4 is reworded (same id, other words);
- 1.19 is merged into 3.11, and 1.20 is renumbered 1.19 (so the number 1.19 is reused);
- 2.6 is withdrawn;
- 4.7 is split into 4.7 and 4.8;
- 5.9 is new.

Nothing here is a fact about the Compact: the 2030 edition, its date, words and
notes are test fixtures, and its subtitle says so.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT, build_site, copy_project, once_per_run, without_source

YEAR = 2030
ADOPTED = "2030-04-01"
SUBTITLE = "Synthetic 2030 edition, made for the tests only - not a real edition of the Compact"

OLD_1_4 = (
    "Apply full cost recovery, which means that VCS organisations can operate in the same way as "
    "organisations from other sectors, by including relevant overhead and management costs in financial "
    "arrangements and holding reserves (to meet their legal obligations)."
)
NEW_1_4 = (
    "Apply full cost recovery, so that VCS organisations can operate in the same way as "
    "organisations from other sectors, by including relevant overhead, management and volunteer costs in "
    "financial arrangements and holding reserves (to meet their legal obligations)."
)
OLD_1_19 = (
    "Facilitate feedback from users and communities to help improve delivery of programmes and "
    "services and ensure that consultation responses accurately reflect the views and experiences "
    "of users/communities."
)
OLD_1_20_START = "Recognise that public funders can reasonably expect VCS organisations"
OLD_2_6 = (
    "Demonstrate how the value of the work can help the funding body deliver its public sector "
    "duties on promoting equality and tackling discrimination."
)
OLD_4_7 = (
    "Manage volunteers respectfully and professionally, including through support, management and "
    "training of volunteers and volunteer managers, and payment of out-of-pocket expenses."
)
NEW_4_7 = "Manage volunteers respectfully and professionally, including through support, management and training."
NEW_4_8 = "Pay volunteers' out-of-pocket expenses (synthetic 2030 commitment)."
NEW_5_9 = "Publish each year a short summary of how the Compact was kept (synthetic 2030 commitment)."

CHANGES = """\
# Test fixture: what became of the 2012 edition's commitments in the synthetic 2030 edition.
changes:
  - change: merged
    old: "1.19"
    to: "3.11"
    note: Its words are now part of commitment 3.11.
  - change: renumbered
    old: "1.20"
    to: "1.19"
    note: Renumbered when 1.19 was merged into 3.11.
  - change: withdrawn
    old: "2.6"
    note: Withdrawn in this synthetic edition.
  - change: split
    old: "4.7"
    to: ["4.7", "4.8"]
  - change: new
    to: "5.9"
"""
#: The parts of an edition only it can give: its own words.
OWN_WORDS = ("compact.yaml", "values.yaml", "themes", "source")


def _entry(commitment_id: str, sector: str, text: str, topics: str = "") -> str:
    extra = f"    topics: [{topics}]\n" if topics else ""
    return f'  - id: "{commitment_id}"\n    sector: {sector}\n    text: {text}\n{extra}'


def _drop(text: str, commitment_id: str) -> str:
    """Remove one commitment's entry (up to the next ``- id:`` or the end of the file)."""
    pattern = re.compile(rf'^  - id: "{re.escape(commitment_id)}"\n(?:(?!  - id:).*\n?)*', re.MULTILINE)
    text, count = pattern.subn("", text)
    assert count == 1, f"commitment {commitment_id} not found"
    return text


def _edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} is not once in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def keep_as_earlier_edition(data: Path) -> Path:
    """Copy the data's own words into ``editions/<its year>/``: the earlier edition."""
    year = re.search(r"^edition: (\d+)$", (data / "compact.yaml").read_text(encoding="utf-8"), re.M)
    assert year is not None
    earlier = data / "editions" / year.group(1)
    earlier.mkdir(parents=True)
    for name in OWN_WORDS:
        source = data / name
        if source.is_dir():
            shutil.copytree(source, earlier / name)
        elif source.exists():
            shutil.copy2(source, earlier / name)
    return earlier


def add_synthetic_edition(project: Path, changes: str = CHANGES) -> None:
    """Make ``project``'s data the synthetic 2030 edition, with Bristol 2012 as its earlier edition."""
    data = project / "compact_data"
    keep_as_earlier_edition(data)
    compact = data / "compact.yaml"
    text = compact.read_text(encoding="utf-8")
    text = re.sub(r"^edition: \d+$", f"edition: {YEAR}\nadopted: {ADOPTED}", text, flags=re.M)
    text = re.sub(r"^subtitle: .*$", f"subtitle: {SUBTITLE}", text, flags=re.M)
    text = text.replace("The Bristol Compact (2012)", f"The Bristol Compact ({YEAR})")  # description, copyright
    compact.write_text(text, encoding="utf-8")
    without_source(data)  # the 2030 words are synthetic: there is no source document to check them against
    themes = data / "themes"
    theme_1 = themes / "1-allocating-resources.yaml"
    _edit(theme_1, (OLD_1_4, NEW_1_4))
    theme_1.write_text(_drop(theme_1.read_text(encoding="utf-8"), "1.19").replace('id: "1.20"', 'id: "1.19"'),
                       encoding="utf-8")
    theme_2 = themes / "2-promoting-equality.yaml"
    theme_2.write_text(_drop(theme_2.read_text(encoding="utf-8"), "2.6"), encoding="utf-8")
    theme_4 = themes / "4-volunteering.yaml"
    _edit(theme_4, (f"    text: {OLD_4_7}\n    topics: [volunteering]\n",
                    f"    text: {NEW_4_7}\n    topics: [volunteering]\n"
                    + _entry("4.8", "shared", NEW_4_8, "volunteering")))
    theme_5 = themes / "5-managing-change.yaml"
    with theme_5.open("a", encoding="utf-8") as out:
        out.write(_entry("5.9", "shared", NEW_5_9, "monitoring"))
    (data / "changes.yaml").write_text(changes, encoding="utf-8")


def two_editions_with_group(folder: Path) -> Path:
    """A copy of the project with the synthetic 2030 edition after 2012 and a Group that publishes a
    document (tests/fixtures/partners-group/): its data folder."""
    project = copy_project(folder / "project")
    data = project / "compact_data"
    fixture = ROOT / "tests" / "fixtures" / "partners-group"
    shutil.copy2(fixture / "partners-group.yaml", data / "partners-group.yaml")
    shutil.copytree(fixture / "partners-group", data / "partners-group")
    add_synthetic_edition(project)
    return data


@dataclass(frozen=True)
class TwoEditions:
    """The synthetic two-edition project and its site (no handouts), as one build made them."""

    project: Path
    site: Path


def two_editions_build(tmp_path_factory: pytest.TempPathFactory) -> TwoEditions:
    """:func:`add_synthetic_edition` of a copy of the project, built once per run and shared by the
    tests that read it (tests/editions/, the nginx tests, the self-assessment page): read it, never
    write to it, and copy it first to change it."""
    return once_per_run(tmp_path_factory, "two-editions", _build_two_editions, TwoEditions)


def _build_two_editions(folder: Path) -> TwoEditions:
    project = copy_project(folder / "project")
    add_synthetic_edition(project)
    build_site(project, folder / "site")
    return TwoEditions(project, folder / "site")
