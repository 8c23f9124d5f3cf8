"""Read a data folder: every file parsed, shaped and located, every problem collected.

The first stage of the pipeline (as Pelican's readers): it knows files, YAML
and shapes, nothing of how the files refer to each other (that is
:mod:`generator.model.assemble`) or of any output.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.data import shapes
from generator.data.characters import cut, shown
from generator.data.messages import explain
from generator.data.problems import Problem
from generator.data.yamlfile import Unreadable, YamlFile, read_limited, read_yaml

THEMES_DIR = "themes"
THEME_FILE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
CHANGES_FILE = "changes.yaml"
#: The Compact Partners' Group's own data (optional), and the folder of documents its record names.
PARTNERS_GROUP_FILE = "partners-group.yaml"
PARTNERS_GROUP_DOCUMENTS = "partners-group"
#: The facts of the website's accessibility statement (optional: without it the site generates no statement).
ACCESSIBILITY_FILE = "accessibility.yaml"
#: Readers' words for the document's, for search (optional): current edition only, as search is.
SEARCH_FILE = "search.yaml"
#: Earlier editions: ``editions/<year>/``, each a data folder of its own.
EDITIONS_DIR = "editions"
#: An edition's folder is named as its addresses are: its year, or its label with hyphens ("2019-22").
EDITION_DIR = re.compile(r"^[0-9]{4}[0-9-]{0,8}$")
EDITIONS_NOT_A_FOLDER = ("is not a folder: editions/ must be a folder holding one folder per earlier edition, "
                         "named by its year, as in 'editions/<year>/'")
#: The provisions of a document that has no parts (instead of themes/).
PROVISIONS_FILE = "provisions.yaml"
#: Files of an older design, and what replaced them.
REPLACED = {"redirects.yaml": "the redirect map is now made from the editions: move what it says into "
            "changes.yaml beside an earlier edition in editions/<year>/ (see docs/editors.md, \"Editions\")"}
#: Where source texts are kept (``compact.yaml`` names the file; another place works too).
SOURCE_DIR = "source"
REQUIRED_FILES = (
    "compact.yaml", "sectors.yaml", "references.yaml", "topics.yaml", "glossary.yaml", "complaints.yaml",
)
#: The document's values, if it states any (many Compacts have none).
VALUES_FILE = "values.yaml"
#: Every name the data folder may hold, in one place: anything else (a ``.yml``, a
#: misspelt ``change.yaml``) is reported, not ignored. Hidden entries (``.git``,
#: an editor's swap file) are not the data's and are passed over. A replaced file has a message of its own.
DATA_FOLDER_ENTRIES = (
    *REQUIRED_FILES, VALUES_FILE, CHANGES_FILE, THEMES_DIR, PROVISIONS_FILE, SOURCE_DIR, EDITIONS_DIR,
    PARTNERS_GROUP_FILE, PARTNERS_GROUP_DOCUMENTS, ACCESSIBILITY_FILE, SEARCH_FILE, *REPLACED,
)
#: Editors' notes (a provenance, how the data was made): Markdown files at the folder's top, never published.
EDITORS_NOTES = re.compile(r"^[A-Za-z0-9][\w-]*\.md$")
#: The source text is read whole to check the official words against it (the real one is ~14 KB).
MAX_SOURCE_BYTES = 2_000_000

Shape = TypeVar("Shape", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[Shape]):
    """A file that parsed and has its shape: the data and where each value was written."""

    file: YamlFile
    data: Shape


@dataclass(frozen=True)
class SourceText:
    """The source document ``compact.yaml`` names (``source: {file: …}``), read whole."""

    path: Path
    text: str


@dataclass(frozen=True)
class Documents:
    """The folder of the Group's documents (``partners-group/``) and the names of the files in it."""

    folder: Path
    names: frozenset[str]


@dataclass
class DataFiles:
    """Everything read from one data folder; a file that failed to read is ``None``."""

    compact: Loaded[shapes.CompactFile] | None
    values: Loaded[shapes.ValuesFile] | None
    sectors: Loaded[shapes.SectorsFile] | None
    references: Loaded[shapes.ReferencesFile] | None
    topics: Loaded[shapes.TopicsFile] | None
    glossary: Loaded[shapes.GlossaryFile] | None
    complaints: Loaded[shapes.ComplaintsFile] | None
    themes: list[Loaded[shapes.ThemeFile]]
    #: The provisions of a document without parts (``provisions.yaml``), if given.
    provisions: Loaded[shapes.ProvisionsFile] | None = None
    #: What became of the edition before's commitments (``changes.yaml``), if given.
    changes: Loaded[shapes.ChangesFile] | None = None
    #: The Group's membership and record of work (``partners-group.yaml``), if given: current edition only.
    partners_group: Loaded[shapes.PartnersGroupFile] | None = None
    #: The accessibility statement's dates and contact (``accessibility.yaml``), if given: current edition only.
    accessibility: Loaded[shapes.AccessibilityFile] | None = None
    #: Readers' words for the document's (``search.yaml``), if given: current edition only.
    search: Loaded[shapes.SearchFile] | None = None
    #: Numbers (from the file names) of theme files that could not be read.
    unreadable_themes: set[int] = field(default_factory=set)
    #: The source text ``compact.yaml`` names, if it names one that could be read (if not: reported).
    source: SourceText | None = None
    #: The Group's documents (``partners-group/``): current edition only, as ``partners-group.yaml``.
    documents: Documents | None = None

    @property
    def complete(self) -> bool:
        """Whether every required file was read (themes aside)."""
        required = (self.compact, self.sectors, self.references, self.topics, self.glossary, self.complaints)
        return all(loaded is not None for loaded in required)


class Reader:
    """Reads files of one data folder, naming them as the editor sees them."""

    def __init__(self, data_dir: Path, display_root: Path | None = None) -> None:
        self.data_dir = data_dir
        self.display_root = display_root or Path.cwd()
        self.problems: list[Problem] = []

    def display(self, path: Path) -> str:
        """The path as the user should see it: relative to where they work."""
        # The link's own name, not its target's: the parent folder is resolved, the name kept.
        for where, root in ((Path(os.path.abspath(path)), Path(os.path.abspath(self.display_root))),
                            (path.parent.resolve() / path.name, self.display_root.resolve())):
            if where.is_relative_to(root):
                return where.relative_to(root).as_posix()
        return path.as_posix()

    def read(self, path: Path, shape: type[Shape], *, empty_is_absent: bool = False) -> Loaded[Shape] | None:
        """The file in its shape, or None with its problems recorded (``empty_is_absent``: an empty
        or comments-only file is simply nothing, not a problem)."""
        outside = self.outside(path)
        if outside is not None:
            self.problems.append(outside)
            return None
        parsed, problems = read_yaml(path, self.display(path))
        self.problems.extend(problems)
        if parsed is None or problems:
            return None
        if empty_is_absent and parsed.data is None:
            return None
        if not isinstance(parsed.data, dict):
            self.problems.append(parsed.problem((), "the file must be a set of 'key: value' entries"))
            return None
        try:
            return Loaded(parsed, shape.model_validate(parsed.data))
        except ValidationError as error:
            self.problems.extend(explain(error, parsed, shape))
            return None

    def outside(self, path: Path) -> Problem | None:
        """A problem if ``path`` leads out of the data folder (a symbolic link to elsewhere)."""
        try:
            target = path.resolve()
        except (OSError, RuntimeError) as error:  # a loop of links
            return Problem(self.display(path), 0, 0, f"cannot follow the symbolic link: {error}")
        if target.is_relative_to(self.data_dir.resolve()):
            return None
        return Problem(self.display(path), 0, 0, f"is a symbolic link to {target}, outside the data folder; "
                       "only files inside it are read")

    def required(self, name: str, shape: type[Shape]) -> Loaded[Shape] | None:
        path = self.data_dir / name
        if not path.exists() and not path.is_symlink():
            self.problems.append(Problem(self.display(path), 0, 0, "required file is missing"))
            return None
        return self.read(path, shape)

    def optional(self, name: str, shape: type[Shape]) -> Loaded[Shape] | None:
        """A file that may be absent, empty or only comments: then there is nothing in it."""
        path = self.data_dir / name
        exists = path.exists() or path.is_symlink()
        return self.read(path, shape, empty_is_absent=True) if exists else None

    def source(self, compact: Loaded[shapes.CompactFile]) -> SourceText | None:
        """The source text ``compact.yaml`` names, or None with why it cannot be read recorded (or if it names none)."""
        if compact.data.source is None:
            return None
        named = compact.data.source.file
        text, unread = read_source(self.data_dir, named)
        if text is None:
            self.problems.append(compact.file.problem(("source", "file"), unread or ""))
            return None
        return SourceText(self.data_dir / named, text)

    def documents(self) -> Documents:
        """The Group's documents: the regular files directly in its folder (no links, no paths out of it)."""
        folder = self.data_dir / PARTNERS_GROUP_DOCUMENTS
        paths = folder.iterdir() if folder.is_dir() else iter(())
        return Documents(folder, frozenset(p.name for p in paths if p.is_file() and not p.is_symlink()))

    def unknown_entries(self, known: set[str]) -> None:
        """Report every entry of the data folder that is none of the ``known`` names."""
        for path in sorted(self.data_dir.iterdir()):
            if path.name.startswith(".") or path.name in known:
                continue
            if EDITORS_NOTES.match(path.name) and path.is_file():
                continue
            files = [n for n in DATA_FOLDER_ENTRIES if n != THEMES_DIR and n != SOURCE_DIR]
            close = difflib.get_close_matches(path.name, files, n=1, cutoff=0.75)
            if re.match(r"^\d+-.*\.ya?ml$", path.name, re.IGNORECASE):
                hint = f"a theme file belongs in {THEMES_DIR}/"
            elif close:
                hint = f"did you mean '{close[0]}'?"
            else:
                folders = (THEMES_DIR, SOURCE_DIR)
                hint = ("expected only: " + ", ".join(n + "/" if n in folders else n for n in DATA_FOLDER_ENTRIES)
                        + ", and editors' notes as <name>.md")
            self.problems.append(Problem(self.display(path), 0, 0, f"unknown file in the data folder ({hint})"))

    def themes(self, without_parts: bool) -> tuple[list[Loaded[shapes.ThemeFile]], set[int]]:
        """The theme files in number order, and the numbers of those that could not be read
        (``without_parts``: the document has ``provisions.yaml`` instead)."""
        themes_dir = self.data_dir / THEMES_DIR
        # Every entry, not only *.yaml: a '6-x.yml' or '6-x.YAML' is reported, not ignored.
        paths = sorted(p for p in themes_dir.iterdir() if not p.name.startswith(".")) if themes_dir.is_dir() else []
        if not paths and not without_parts:
            self.problems.append(Problem(self.display(themes_dir), 0, 0, "no theme files found (a document "
                                         f"without parts gives its provisions in {PROVISIONS_FILE} instead)"))
        if paths and without_parts:
            self.problems.append(Problem(self.display(self.data_dir / PROVISIONS_FILE), 0, 0, (
                f"{PROVISIONS_FILE} is for a document without parts, but {THEMES_DIR}/ has parts: put these "
                "provisions in their part's file")))
        loaded: list[tuple[int, Loaded[shapes.ThemeFile]]] = []
        unreadable: set[int] = set()
        for path in paths:
            named = THEME_FILE.match(path.name)
            if named is None:
                self.problems.append(
                    Problem(self.display(path), 0, 0, "theme file names must look like '<number>-<slug>.yaml', "
                            "for example '1-allocating-resources.yaml'")
                )
                continue
            number = int(named.group(1))
            result = self.read(path, shapes.ThemeFile)
            printed = result.data.number if result is not None else None
            if printed is not None and printed.isdigit() and int(printed) != number:
                assert result is not None
                self.problems.append(
                    result.file.problem(("number",), f"theme number {printed} does not match the "
                                        f"file name (which starts with {number})")
                )
                result = None  # one message, not one per commitment id
            if result is None:  # already reported; later checks must not blame its absence
                unreadable.add(number)
            else:
                loaded.append((number, result))
        loaded.sort(key=lambda entry: entry[0])
        return [theme for _, theme in loaded], unreadable


def read_data(
    data_dir: Path, display_root: Path | None = None, current: DataFiles | None = None
) -> tuple[DataFiles, list[Problem]]:
    """Read every file of ``data_dir``; the problems found so far come back beside what could be read.

    ``current``: the current edition's files, when ``data_dir`` is an earlier edition. Its own
    words (compact.yaml, values.yaml, themes/) it must have; sectors, references, topics, the
    glossary and the complaints guide it shares with the current edition unless it has its own.
    """
    reader = Reader(data_dir, display_root)
    if not data_dir.is_dir():
        return DataFiles(None, None, None, None, None, None, None, []), [
            Problem(reader.display(data_dir), 0, 0, "data folder not found")
        ]

    def shared(name: str, shape: type[Shape], current_file: Loaded[Shape] | None) -> Loaded[Shape] | None:
        """A file an earlier edition without one shares with the current edition."""
        if current is not None and not (data_dir / name).exists():
            return current_file  # None if it is broken: reported with the current edition
        return reader.required(name, shape)

    files = DataFiles(
        compact=reader.required("compact.yaml", shapes.CompactFile),
        values=reader.optional(VALUES_FILE, shapes.ValuesFile),
        sectors=shared("sectors.yaml", shapes.SectorsFile, current.sectors if current else None),
        references=shared("references.yaml", shapes.ReferencesFile, current.references if current else None),
        topics=shared("topics.yaml", shapes.TopicsFile, current.topics if current else None),
        glossary=shared("glossary.yaml", shapes.GlossaryFile, current.glossary if current else None),
        complaints=shared("complaints.yaml", shapes.ComplaintsFile, current.complaints if current else None),
        themes=[],
    )
    files.provisions = reader.optional(PROVISIONS_FILE, shapes.ProvisionsFile)
    files.themes, files.unreadable_themes = reader.themes((data_dir / PROVISIONS_FILE).exists())
    if files.themes or files.unreadable_themes:  # reported: its provisions belong in their parts' files
        files.provisions = None
    files.changes = reader.optional(CHANGES_FILE, shapes.ChangesFile)
    if current is None:
        files.partners_group = reader.optional(PARTNERS_GROUP_FILE, shapes.PartnersGroupFile)
        files.accessibility = reader.optional(ACCESSIBILITY_FILE, shapes.AccessibilityFile)
        files.search = reader.optional(SEARCH_FILE, shapes.SearchFile)
        files.documents = reader.documents()
    if files.compact is not None:
        files.source = reader.source(files.compact)
    for name, instead in REPLACED.items():
        if (data_dir / name).exists():
            reader.problems.append(Problem(reader.display(data_dir / name), 0, 0, instead))
    if current is not None and (data_dir / EDITIONS_DIR).exists():
        reader.problems.append(Problem(reader.display(data_dir / EDITIONS_DIR), 0, 0, "editions/ belongs in the "
                                       "current edition's folder only, not inside an earlier edition"))
    known = set(DATA_FOLDER_ENTRIES)
    if files.compact is not None and files.compact.data.source is not None:  # wherever it is kept
        known.update(Path(files.compact.data.source.file).parts[:1])
    reader.unknown_entries(known)
    return files, reader.problems


def edition_dirs(data_dir: Path, display_root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The folders of the earlier editions (``editions/<year>/``), oldest first."""
    editions = data_dir / EDITIONS_DIR
    reader = Reader(data_dir, display_root)
    if not editions.is_dir():
        if editions.exists() or editions.is_symlink():  # a plain file (or a broken link) would be ignored
            return [], [Problem(reader.display(editions), 0, 0, EDITIONS_NOT_A_FOLDER)]
        return [], []
    found, problems = [], []
    for path in sorted(editions.iterdir()):
        if path.is_dir() and EDITION_DIR.match(path.name):
            found.append(path)
        elif not path.name.startswith("."):
            problems.append(Problem(reader.display(path), 0, 0, "editions/ holds one folder per earlier edition, "
                                    "named by its year, as in 'editions/<year>/'"))
    return found, problems


@dataclass(frozen=True)
class EditionFiles:
    """One edition's files as read: its folder, what could be read, and the problems found reading it."""

    folder: Path
    files: DataFiles
    problems: list[Problem]


def read_editions(data_dir: Path, display_root: Path | None = None) -> list[EditionFiles]:
    """The data stage: every edition's files, oldest first, the current one (``data_dir`` itself) last.

    Nothing after this reads a file: the model is made from what it returns.
    """
    files, problems = read_data(data_dir, display_root)
    folders, found = edition_dirs(data_dir, display_root)
    earlier = [EditionFiles(folder, *read_data(folder, display_root, current=files)) for folder in folders]
    return [*earlier, EditionFiles(data_dir, files, problems + found)]


def read_source(data_dir: Path, relative: str) -> tuple[str | None, str | None]:
    """The text of the source document ``compact.yaml`` names, or why it cannot be read (a sentence)."""
    path = data_dir / relative
    named = f"source text '{cut(shown(relative))}'"
    try:
        if not path.exists() and not path.is_symlink():
            return None, f"{named} not found (source: file: in compact.yaml)"
        if not path.resolve().is_relative_to(data_dir.resolve()):
            return None, f"{named} is outside the data folder (source: file: in compact.yaml names a file inside it)"
    except (OSError, RuntimeError) as error:  # a name too long for the file system, a loop of links
        return None, f"{named} cannot be read: {_reason(error)} (source: file: in compact.yaml names a file)"
    try:
        return read_limited(path, MAX_SOURCE_BYTES).decode("utf-8"), None
    except Unreadable as error:
        return None, f"{named}: {error}"
    except UnicodeDecodeError as error:
        return None, f"cannot read {named}: {error}"


def _reason(error: OSError | RuntimeError) -> str:
    return (error.strerror if isinstance(error, OSError) and error.strerror else str(error)).lower()
