"""The YAML says exactly what the 2012 Compact says, word for word.

The source text (compact_data/source/bristol-compact-2012.txt) is parsed here
into sections, commitments, bullets and footnotes; nothing below is a typed-in
copy of the Compact. The only differences allowed between source and YAML are
whitespace and the extraction noise listed in :func:`clean` (stray ``<``/``-``
bullets, footnote markers such as ``*¹``, ``*2``, ``*``, and the garbled
"funding 1.11. for example," in 1.11).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from support import ROOT

from generator.data.source import FOOTNOTE_MARKER, normalise, squash
from generator.model import Compact

#: The source compact.yaml names, with its listed corrections.
_SOURCE = yaml.safe_load((ROOT / "compact_data" / "compact.yaml").read_text(encoding="utf-8"))["source"]
SOURCE = ROOT / "compact_data" / _SOURCE["file"]

COMMITMENT = re.compile(r"^\s*(?:[-<]\s+)*(\d+)\.(\d+)\.\s+(.*)$")
THEME = re.compile(r"^(\d+)\.\s+(\S.*)$")
MARKED_HEADING = re.compile(r"^>\s+(.*)$")
FOOTNOTE = re.compile(r"^\^\{\*([^}]*)\}\s*(.*)$")
BULLET = re.compile(r"^\s*(?:[-<]\s+)+(.*)$")
# The footnote markers and the normalisation are the generator's own (generator.data.source),
# which `generator check` applies to every official text; this test proves them on the source.
MARKER = FOOTNOTE_MARKER
SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")
#: The one garbled phrase in the extraction, and what the printed Compact reads (from compact.yaml).
GARBLED_1_11 = (_SOURCE["corrections"][0]["source"], _SOURCE["corrections"][0]["reads"])


def clean(text: str) -> str:
    """The source text with only the listed noise removed, whitespace normalised."""
    return normalise(text, [GARBLED_1_11])


def markers(text: str) -> list[str]:
    """The footnote labels a passage cites: '' for a bare '*', else the digit."""
    return [(m.group(1) or "").translate(SUPERSCRIPTS) for m in MARKER.finditer(text)]


@dataclass
class Item:
    """A paragraph, bullet or commitment from the source, with the footnotes it cites."""

    kind: str  # "paragraph", "bullet" or "commitment"
    raw: str
    id: str = ""
    sector_heading: str = ""

    @property
    def text(self) -> str:
        return clean(self.raw)


@dataclass
class Section:
    heading: str
    theme: tuple[int, str] | None = None
    items: list[Item] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)


@dataclass
class Source:
    front: list[str]
    sections: list[Section]

    def section(self, heading: str) -> Section:
        found = [s for s in self.sections if s.heading == heading]
        assert len(found) == 1, f"{heading!r} is not exactly one section heading in the source"
        return found[0]

    @property
    def themes(self) -> list[Section]:
        return [s for s in self.sections if s.theme is not None]

    @property
    def commitments(self) -> list[Item]:
        return [i for s in self.themes for i in s.items if i.kind == "commitment"]


def _is_standalone_heading(lines: list[str], index: int) -> bool:
    """An unmarked heading: a short line alone between blank lines, not a sentence or URL."""
    line = lines[index].strip()
    before = lines[index - 1].strip() if index > 0 else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return (
        bool(line)
        and not before
        and not after
        and len(line.split()) <= 6
        and not line.endswith((".", ":", ","))
        and not line.startswith(("www.", "^{", "-", "<"))
        and not COMMITMENT.match(line)
    )


def parse_source(text: str) -> Source:
    lines = text.splitlines()
    front: list[str] = []
    sections: list[Section] = []
    current: Section | None = None
    sector_heading = ""
    open_item: Item | None = None  # the item that a following non-blank line continues
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            open_item = None
            continue
        commitment = COMMITMENT.match(line)
        theme = THEME.match(line) if not commitment else None
        marked = MARKED_HEADING.match(stripped)
        footnote = FOOTNOTE.match(stripped)
        if marked and current is not None and current.theme is not None and marked.group(1).endswith("commitments"):
            sector_heading = marked.group(1)
            open_item = None
        elif marked or theme or (current is not None and _is_standalone_heading(lines, index)):
            heading = marked.group(1) if marked else (theme.group(2) if theme else stripped)
            number = (int(theme.group(1)), theme.group(2)) if theme else None
            current = Section(heading, number)
            sections.append(current)
            sector_heading = ""
            open_item = None
        elif current is None:
            front.append(stripped)
        elif footnote:
            current.footnotes[footnote.group(1).translate(SUPERSCRIPTS)] = clean(footnote.group(2))
            open_item = None
        elif commitment:
            open_item = Item(
                "commitment", commitment.group(3), f"{commitment.group(1)}.{commitment.group(2)}", sector_heading
            )
            current.items.append(open_item)
        elif BULLET.match(line):
            open_item = Item("bullet", BULLET.match(line).group(1))  # type: ignore[union-attr]
            current.items.append(open_item)
        elif open_item is not None:
            open_item.raw += " " + stripped
        else:
            open_item = Item("paragraph", stripped)
            current.items.append(open_item)
    return Source(front, sections)


@pytest.fixture(scope="module")
def source() -> Source:
    return parse_source(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_compact() -> dict:
    return yaml.safe_load((ROOT / "compact_data" / "compact.yaml").read_text(encoding="utf-8"))


# -- the parser itself -------------------------------------------------------


def test_the_noise_fixes_are_exactly_the_listed_ones() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(GARBLED_1_11[0]) == 1
    assert sorted(m.group(0) for m in MARKER.finditer(text)) == sorted(["*", "*", "*¹", "*²", "*3"])
    assert clean("commissioning*¹ and social value*² before financial arrangements*3 are made") == (
        "commissioning and social value before financial arrangements are made"
    )
    # Nothing else is changed: an asterisk not glued to a word stays.
    assert clean("a * b") == "a * b"


def test_the_source_parses_into_54_commitments_in_order(source: Source) -> None:
    ids = [c.id for c in source.commitments]
    assert len(ids) == 54
    assert len(set(ids)) == 54
    for theme in source.themes:
        numbers = [int(c.id.split(".")[1]) for c in theme.items if c.kind == "commitment"]
        assert numbers == list(range(1, len(numbers) + 1)), theme.heading
        assert all(c.id.startswith(f"{theme.theme[0]}.") for c in theme.items if c.kind == "commitment")  # type: ignore[index]
    assert all(c.sector_heading for c in source.commitments)


# -- commitments and themes -----------------------------------------------------


def test_every_commitment_matches_the_source_word_for_word(source: Source, compact: Compact) -> None:
    heading_to_sector = {s.heading: s.key for s in compact.sectors}
    ours = {c.id: c for c in compact.commitments}
    assert [c.id for c in compact.commitments] == [c.id for c in source.commitments]
    for original in source.commitments:
        mine = ours[original.id]
        assert squash(mine.text) == original.text, original.id
        assert mine.sector.key == heading_to_sector[original.sector_heading], original.id


def test_counts_per_theme_and_sector_come_from_the_source(source: Source, compact: Compact) -> None:
    heading_to_sector = {s.heading: s.key for s in compact.sectors}
    expected_themes = Counter(c.id.split(".")[0] for c in source.commitments)
    expected_sectors = Counter(heading_to_sector[c.sector_heading] for c in source.commitments)
    assert Counter(str(c.theme.number) for c in compact.commitments) == expected_themes
    assert Counter(c.sector.key for c in compact.commitments) == expected_sectors
    assert sum(expected_sectors.values()) == 54
    per_theme_sector = Counter((c.id.split(".")[0], heading_to_sector[c.sector_heading]) for c in source.commitments)
    assert Counter((str(c.theme.number), c.sector.key) for c in compact.commitments) == per_theme_sector


def test_themes_titles_and_introductions_match(source: Source, compact: Compact) -> None:
    assert [(int(t.number or 0), t.title) for t in compact.themes] == [s.theme for s in source.themes]
    for theme, section in zip(compact.themes, source.themes, strict=True):
        intro = [i.text for i in section.items if i.kind == "paragraph"]
        assert [squash(p) for p in theme.introduction] == intro, theme.title
        assert not [i for i in section.items if i.kind == "bullet"], section.heading


def test_commitment_footnotes_are_attached_to_the_commitments_citing_them(source: Source, compact: Compact) -> None:
    by_text = {r.text: r.key for r in compact.references}
    ours = {c.id: c for c in compact.commitments}
    cited_somewhere = 0
    for section in source.themes:
        for item in (i for i in section.items if i.kind == "commitment"):
            wanted = {by_text[section.footnotes[label]] for label in markers(item.raw)}
            cited_somewhere += len(wanted)
            assert wanted <= {r.key for r in ours[item.id].references}, item.id
    assert cited_somewhere == 3  # *¹ *² (1.1) and *3 (1.2)


# -- values, the national Compact, passages -----------------------------------------


def test_every_value_matches(source: Source, compact: Compact) -> None:
    section = source.section(compact.values_preamble.heading)
    bullets = [i for i in section.items if i.kind == "bullet"]
    assert [squash(v.text) for v in compact.values] == [b.text for b in bullets]
    assert len(compact.values) == 8
    by_text = {r.text: r.key for r in compact.references}
    for value, bullet in zip(compact.values, bullets, strict=True):
        wanted = {by_text[section.footnotes[label]] for label in markers(bullet.raw)}
        assert wanted == {r.key for r in value.references}, value.key
    preamble = [i.text for i in section.items if i.kind == "paragraph"]
    assert [squash(p) for p in compact.values_preamble.paragraphs] == preamble


def test_the_introduction_and_national_compact_outcomes_match(source: Source, compact: Compact) -> None:
    section = source.section(compact.introduction.heading)
    paragraphs = [i for i in section.items if i.kind == "paragraph"]
    bullets = [i for i in section.items if i.kind == "bullet"]
    # The section is the introduction, then the lead-in to the national Compact's outcomes.
    assert [squash(p) for p in compact.introduction.paragraphs] + [squash(compact.national_compact.lead_in)] == [
        p.text for p in paragraphs
    ]
    assert [squash(o) for o in compact.national_compact.outcomes] == [b.text for b in bullets]
    assert len(bullets) == 5
    by_text = {r.text: r.key for r in compact.references}
    cited = {by_text[section.footnotes[label]] for label in markers(paragraphs[-1].raw)}
    assert cited <= {r.key for r in compact.national_compact.references}
    assert cited


@pytest.mark.parametrize(
    "name", ["our_commitments", "partners_group", "themes_preamble", "resolving_complaints", "compact_and_you"]
)
def test_every_passage_matches(name: str, source: Source, compact: Compact) -> None:
    passage = getattr(compact, name)
    section = source.section(passage.heading)
    assert not section.footnotes and not [i for i in section.items if i.kind != "paragraph"]
    # A web address printed on a line of its own belongs to the sentence before it.
    assert squash(" ".join(passage.paragraphs)) == squash(" ".join(i.text for i in section.items))


def test_every_passage_of_the_source_is_in_the_yaml(source: Source, compact: Compact, raw_compact: dict) -> None:
    passage_headings = {v["heading"] for v in raw_compact.values() if isinstance(v, dict) and "heading" in v}
    theme_titles = {t.title for t in compact.themes}
    unaccounted = [
        s.heading for s in source.sections if s.heading not in passage_headings | theme_titles and s.items
    ]
    # Only the colophon, which repeats the title and the web address, is left over.
    assert unaccounted == [compact.title]


def test_title_edition_and_subtitle(source: Source, compact: Compact) -> None:
    assert source.front[:3] == [compact.title, str(compact.edition), compact.subtitle]


def test_footnotes_match_the_references(source: Source, compact: Compact) -> None:
    footnotes = {text for s in source.sections for text in s.footnotes.values()}
    texts = {squash(r.text) for r in compact.references}
    assert footnotes <= texts
    whole = clean(SOURCE.read_text(encoding="utf-8"))
    for reference in compact.references:
        assert squash(reference.text) in whole, reference.key


def test_glossary_definitions_from_the_compact_are_its_words(compact: Compact) -> None:
    whole = clean(SOURCE.read_text(encoding="utf-8"))
    from_compact = [t for t in compact.glossary if t.source == "compact"]
    assert from_compact
    for term in from_compact:
        definition = squash(term.definition)
        found = definition in whole or (definition[0].lower() + definition[1:]) in whole
        assert found, f"glossary term {term.key!r} is marked as the Compact's words but is not in the source"


def test_the_source_copy_is_the_one_in_the_repository() -> None:
    assert SOURCE.is_file()
    assert Path(SOURCE).read_text(encoding="utf-8").startswith("Bristol Compact\n")
