"""The five synthetic shapes of issue 26 (``tests/fixtures/shapes/<name>/compact_data/``).

Each fixture is a Compact of a shape Bristol's is not: an undertakings Compact with outcomes of
its own, a principles-only one with no parts, unnumbered promises in areas, codes numbered from 1
in each code, three-level numbering. What a fixture says is read here from its YAML as
docs/editors.md describes the format, independently of the generator, so that the tests compare
the built site with the data and not with the generator's own reading of it. Each fixture is
built once per run (PDFs on), shared by tests/any_compact/test_shapes.py and the browser tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import ROOT, build_site, copy_project, once_per_run

SHAPES = ROOT / "tests" / "fixtures" / "shapes"
NAMES = ("undertakings", "principles", "promises", "codes", "three-level")
#: The shape the tests of the build's mechanisms build (the swap, the lock, the caches, the memos):
#: 41 pages and 7 handouts where Bristol's site has 149 and 12. What they prove does not depend on
#: the data, and each of their builds then costs half the time.
SMALL = SHAPES / "undertakings" / "compact_data"
#: Words of the small shape's undertaking 1.4, and those :func:`reword_small` puts in their place.
SMALL_WORDS, SMALL_REWORDED = "Answer consultations with the views", "Answer consultations with the opinions"
#: A number as the document prints it (the default number of an id that is one).
PRINTED_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)*")


@dataclass(frozen=True)
class Provision:
    id: str
    #: What the document prints, or None when it prints no number.
    number: str | None
    text: str
    sector: str
    #: The top-level part it stands in (its slug), or None in a Compact without parts.
    part: str | None
    part_title: str | None
    #: The keys of the topics it names (``topics:``).
    topics: tuple[str, ...] = ()
    #: The ids of the provisions it names as related (``related:``).
    related: tuple[str, ...] = ()
    #: The lead-in of the list it stands in, if the list has one (its words continue it).
    lead_in: str | None = None


@dataclass(frozen=True)
class Part:
    slug: str
    title: str
    number: str | None
    #: Its nested parts, as (number, title).
    nested: tuple[tuple[str | None, str], ...]


@dataclass(frozen=True)
class Party:
    key: str
    name: str
    slug: str
    shared: bool


@dataclass(frozen=True)
class Shape:
    """What one fixture's data says, read from its files."""

    name: str
    data: Path
    title: str
    edition: str  # the label as printed: "2030", "2019/22"
    slug: str
    provision: str  # the document's word for one provision, "undertaking"
    provisions: str
    part: str
    parts: tuple[Part, ...]
    parties: tuple[Party, ...]
    items: tuple[Provision, ...]
    #: Its topics as topics.yaml gives them (key, name and, if any, question).
    topics: tuple[dict[str, str], ...]
    #: Texts the document prints that the site must show as official: list headings and lead-ins,
    #: part introductions, outcomes; each with the page it belongs on.
    official: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        """How the site names this edition: "Synthshire Test Compact (2030)"."""
        return f"{self.title} ({self.edition})"

    @property
    def edition_slug(self) -> str:
        """The edition in addresses and file names: anything but letters and digits a hyphen."""
        return re.sub(r"[^A-Za-z0-9]+", "-", self.edition)

    @property
    def site_url(self) -> str:
        return f"https://{self.slug}.example/"

    @property
    def whole_pdf(self) -> str:
        return f"downloads/{self.slug}-{self.edition_slug}.pdf"

    @property
    def numbers_restart(self) -> bool:
        """Whether one printed number stands for more than one provision (codes numbered from 1)."""
        numbers = [p.number for p in self.items if p.number is not None]
        return len(numbers) != len(set(numbers))

    def label_of(self, item: Provision) -> str:
        """"Undertaking 1.4", or "Principle" alone when the document prints no number."""
        word = self.provision.capitalize()
        return word if item.number is None else f"{word} {item.number}"

    def bound(self, party: Party) -> list[Provision]:
        """The provisions a party's page lists: its own and (another party's page) the shared ones."""
        shared = {p.key for p in self.parties if p.shared}
        return [i for i in self.items if i.sector == party.key or (i.sector in shared and not party.shared)]

    def first_part_page(self) -> str | None:
        return f"themes/{self.parts[0].slug}/" if self.parts else None


def shape_project(target: Path, shape: Shape) -> Path:
    """A copy of the site's sources (as :func:`copy_project`) with ``shape``'s data, at its own address."""
    project = copy_project(target, data=shape.data)
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: {shape.site_url}", config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml has no site_url line to replace"
    config.write_text(text, encoding="utf-8")
    return project


def small_project(target: Path) -> Path:
    """:func:`shape_project` of the small shape (:data:`SMALL`)."""
    return shape_project(target, read_shape(SMALL.parent.name))


def reword_small(data: Path) -> None:
    """Reword undertaking 1.4 in a copy of the small shape's data folder (first section: the compact,
    CSOs', section 1's and CSOs' checklist handouts hold it); its source text must be dropped first."""
    theme = data / "themes" / "1-working-together.yaml"
    text = theme.read_text(encoding="utf-8")
    assert text.count(SMALL_WORDS) == 1
    theme.write_text(text.replace(SMALL_WORDS, SMALL_REWORDED), encoding="utf-8")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _printed(entry: dict[str, Any]) -> str | None:
    if "number" in entry:
        return str(entry["number"])
    return entry["id"] if PRINTED_NUMBER.fullmatch(entry["id"]) else None


def _provisions(
    body: dict[str, Any], part: Part | None, page: str, official: list[tuple[str, str]]
) -> list[Provision]:
    """The provisions of a part (or of provisions.yaml) in the document's order, nested parts included."""
    found: list[Provision] = []
    lists = [{"commitments": body.get("commitments", [])}, *body.get("lists", [])]
    for paragraph in body.get("introduction", []):
        official.append((paragraph, page))
    for entries in lists:
        for key in ("heading", "lead_in"):
            if key in entries:
                official.append((entries[key], page))
        for entry in entries.get("commitments", []):
            sector = entry.get("sector", entries.get("sector"))
            found.append(Provision(entry["id"], _printed(entry), entry["text"], sector,
                                   part.slug if part else None, part.title if part else None,
                                   tuple(entry.get("topics", [])), tuple(entry.get("related", [])),
                                   entries.get("lead_in")))
    for nested in body.get("parts", []):  # its title is a heading of the part's page
        found += _provisions(nested, part, page, official)
    return found


def read_shape(name: str) -> Shape:
    """The fixture ``name`` as its files give it."""
    data = SHAPES / name / "compact_data"
    compact = _load(data / "compact.yaml")
    words = compact["words"]
    official: list[tuple[str, str]] = []
    outcomes = compact.get("outcomes")
    if outcomes:
        official += [(text, "outcomes") for text in
                     [outcomes.get("heading"), outcomes.get("lead_in"), *outcomes["items"]] if text]
    parts: list[Part] = []
    items: list[Provision] = []
    theme_files = sorted((data / "themes").glob("*.yaml"), key=lambda p: int(p.name.split("-")[0]))
    for path in theme_files:
        body = _load(path)
        nested = tuple((None if "number" not in n else str(n["number"]), n["title"]) for n in body.get("parts", []))
        part = Part(body["slug"], body["title"], None if "number" not in body else str(body["number"]), nested)
        parts.append(part)
        items += _provisions(body, part, f"themes/{part.slug}/", official)
    if (data / "provisions.yaml").is_file():
        items += _provisions(_load(data / "provisions.yaml"), None, "commitments/", official)
    parties = tuple(Party(s["key"], s["name"], s["slug"], bool(s.get("shared", False)))
                    for s in _load(data / "sectors.yaml")["sectors"])
    return Shape(
        name=name, data=data, title=compact["title"], edition=str(compact["edition"]), slug=compact["slug"],
        provision=words["provision"], provisions=words["provisions"], part=words["part"],
        parts=tuple(parts), parties=parties, items=tuple(items), official=tuple(official),
        topics=tuple(_load(data / "topics.yaml")["topics"]),
    )


@dataclass(frozen=True)
class ShapeBuild:
    """One fixture built as a user builds it: where the site went and what the build printed."""

    site: Path
    log: str


def built_shape(tmp_path_factory: pytest.TempPathFactory, shape: Shape) -> ShapeBuild:
    """``mkdocs build --strict`` of the fixture (PDFs and open data on), once per run."""
    return once_per_run(tmp_path_factory, f"shape-{shape.name}", lambda folder: _build(folder, shape), ShapeBuild)


def _build(folder: Path, shape: Shape) -> ShapeBuild:
    result = build_site(shape_project(folder / "project", shape), folder / "site", pdf=True)
    return ShapeBuild(folder / "site", result.stdout + result.stderr)


#: The tests' ``one`` fixture (tests/any_compact/conftest.py): a shape's data and its build, by name.
Of = Callable[[str], tuple[Shape, ShapeBuild]]
