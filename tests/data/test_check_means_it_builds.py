"""Whatever ``check`` accepts builds: the scalars the build relies on are checked once, in the shapes.

Issue 14 found editions that passed ``check`` and then crashed the build (``edition: 201``
ended in a gzip ``struct.error``, ``-5`` in a ``datetime`` error), ids in two spellings
(``"1.02"`` beside ``"1.2"``), ``number: yes``, a redirect ``date: 0`` (read as 1970) and a
text of only a zero-width space. Each is refused here with its message; the cases that are
one edit of a real file are in ``tests/data/broken/`` too. Issue 29 found more in the files
the first version left out (document names, printed addresses, ``changes.yaml``).

Then Hypothesis edits the places the build reads in every data file (compact.yaml with its
printed addresses, values, sectors, references, topics, the glossary, the complaints guide, a
theme, the accessibility statement, the Group's record with its documents, and, with an
earlier edition beside it, changes.yaml). Each example edits several files at once, so that
one build covers them all. Each edit is either *good* (a value the rules allow: the example
must be accepted, and built) or *tricky* (a value of an awkward kind: refused with messages,
or accepted and built). A build is a real one, in-process: MkDocs ``--strict`` and one PDF
handout. It must never fail.

The examples are few by default (each costs a build). For many more, set
``COMPACT_BUILD_EXAMPLES`` (e.g. ``COMPACT_BUILD_EXAMPLES=200``) when running this file.
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from support import SITE, copy_project, without_source
from support.editions import add_synthetic_edition

from generator.data.problems import DataError
from generator.data.shapes import FORMULA_STARTS
from generator.handouts.pdf import build_handouts
from generator.handouts.plan import plan_handouts
from generator.model import Compact, load_compact

#: How many examples each property runs (a build each, at most): few in CI, more on request.
EXAMPLES = int(os.environ.get("COMPACT_BUILD_EXAMPLES", "8"))
#: Shrinking a failure would cost a build per try (minutes): the notes name every edit instead.
NO_SHRINKING = (Phase.explicit, Phase.reuse, Phase.generate)
THEME = "themes/1-allocating-resources.yaml"
DOCUMENTS = "partners-group"
#: Values written as YAML would read them: numbers, years, dates, flags, ids, empty.
TRICKY = (
    "201", "1969", "1989", "1990", "2100", "2101", "true", "yes", "0", "-5", "1e23", "100000000000000000000000",
    "2012.0", "0x7DC", "0o3734", "null", "~", '""', '" "', "2012-13-45", "0", "1970-01-01", "1989-12-31",
    "1990-01-01", "2100-12-31", "9999-12-31", '"1.02"', '"01.2"', '"1.10"', '"1.1"', '"0.1"', "1.1", "[]", "{}",
    "index", "a" * 81, "a-b", "-a", "é", '"\u3164"', '"\u2800"', '"a.pdf){: onclick=alert(1) }"', "index.html",
    "evil.md", '".hidden.pdf"', '"50%.pdf"', "'it''s.pdf'", "a" * 300, "compact-summary", "values", "commitments",
    "sectors/vcs", "editions/2012", "downloads",
)
#: Characters of every awkward kind: controls, format characters, separators, surrogates, private use.
AWKWARD = st.characters(categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn"))


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: what does not print is escaped (so that a
    surrogate, which UTF-8 cannot hold, can be written too), the rest is written as it is."""

    def escaped(character: str) -> str:
        if character in '"\\':
            return "\\" + character
        if character.isprintable():
            return character
        code = ord(character)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return '"' + "".join(map(escaped, text)) + '"'


WORD = st.text(st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=4)
TRICKY_VALUES = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=6).map(quoted),
    st.tuples(WORD, st.text(AWKWARD, min_size=1, max_size=2), WORD).map("".join).map(quoted),
)
#: Good values of each kind: what an editor may write, so each example made of them must build.
KEY = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).map(lambda k: "h-" + k)
TEXT = st.text(st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u3164\u2800"),
               min_size=1, max_size=30).filter(lambda s: s.strip() and not s.strip().startswith(FORMULA_STARTS)
                                               and any(c.isalnum() for c in s)).map(quoted)
DATE = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)).map(str)
EMAIL = st.tuples(KEY, KEY).map(lambda p: f"{p[0]}@{p[1]}.example.org")


@dataclass(frozen=True)
class Slot:
    """A place the build reads: the line of ``file`` that starts with ``old`` becomes ``new`` with the value."""

    file: str
    old: str
    new: str
    good: st.SearchStrategy[str] | None  # None: no good value other than the real one (ids, numbers)


SLOTS = (
    Slot("compact.yaml", "edition: 2012", "edition: {}", st.integers(1990, 2100).map(str)),
    Slot("compact.yaml", "title: Bristol Compact", "title: {}", TEXT),
    Slot("compact.yaml", "edition: 2012", "edition: 2012\nadopted: {}", DATE),  # the one date the data gives
    Slot("compact.yaml", "subtitle: ", "subtitle: {}", TEXT),
    Slot("compact.yaml", "keeper: ", "keeper: {}", TEXT),
    Slot("compact.yaml", "    page: home", "    page: home\n  - text: www.bristolcompact.org.uk/{}\n    page: about",
         KEY),
    Slot(THEME, "number: 1", "number: {}", None),
    Slot(THEME, "slug: allocating-resources", "slug: {}", KEY),
    Slot(THEME, "title: ", "title: {}", TEXT),
    Slot(THEME, 'id: "1.1"', "id: {}", None),
    Slot(THEME, "    text: Apply full cost recovery", "    text: {}", TEXT),
    Slot("values.yaml", "  - key: benefit-of-bristol", "  - key: {}", KEY),
    Slot("values.yaml", "    text: That we recognise and celebrate", "    text: {}", TEXT),
    Slot("sectors.yaml", "    shared: true", "    shared: {}", None),
    Slot("sectors.yaml", "    name: Public sector", "    name: {}", TEXT),
    Slot("sectors.yaml", "    slug: vcs", "    slug: {}", KEY),
    Slot("sectors.yaml", "    summary: ", "    summary: {}", TEXT),
    Slot("references.yaml", "    label: Social value", "    label: {}", TEXT),
    Slot("topics.yaml", "name: Funding and commissioning", "name: {}", TEXT),
    Slot("search.yaml", "  - words: [grant, grants]", "  - words: [{}]", KEY),
    Slot("glossary.yaml", "    term: Voluntary and Community Sector", "    term: {}", TEXT),
    Slot("glossary.yaml", "    abbr: VCS", "    abbr: {}", TEXT),
    Slot("complaints.yaml", "title: If a commitment", "title: {}", TEXT),
    Slot("complaints.yaml", "  - key: find-the-commitment", "  - key: {}", KEY),
    Slot("complaints.yaml", "  - Organisation concerned", "  - {}", TEXT),
    # Prepared before the statement's (real) review and test dates, as it must be.
    Slot("accessibility.yaml", "prepared: ", "prepared: {}",
         st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2026, 11, 29)).map(str)),
    Slot("accessibility.yaml", "tested: ", "tested: 2026-12-01\ncontact:\n  email: {}", EMAIL),
    Slot("partners-group.yaml", "# members:", "records:\n  - date: 2027-01-15\n    kind: report\n"
         "    title: A record (test data)\n    document: {}", KEY.map(lambda k: k + ".pdf")),
)
FILES = sorted({slot.file for slot in SLOTS})
ADOPTED = SLOTS[2]


def with_value(data_dir: Path, slot: Slot, value: str) -> None:
    """Write ``value`` into its place; a document the record names is made too, if its name can be a file's."""
    path = data_dir / slot.file
    text = path.read_text(encoding="utf-8")
    start = text.index(slot.old)  # the whole line that starts so is replaced
    end = text.index("\n", start)
    path.write_text(text[:start] + slot.new.replace("{}", value) + text[end:], encoding="utf-8")
    if slot.file == "partners-group.yaml":
        try:
            name = yaml.safe_load(value)
            (data_dir / DOCUMENTS).mkdir(exist_ok=True)
            if isinstance(name, str) and name.strip() and "/" not in name and "\0" not in name:
                (data_dir / DOCUMENTS / name.strip()).write_bytes(b"A document (test data).\n")
        except (yaml.YAMLError, OSError, ValueError):
            pass  # a name no file can have: check must say so


@dataclass(frozen=True)
class Edit:
    slot: Slot
    value: str
    good: bool


@st.composite
def edits(draw: st.DrawFn) -> list[Edit]:
    """Good values in many places (one per line), and, in half the examples, a tricky value in one or two."""
    good = [n for n, slot in enumerate(SLOTS) if slot.good is not None]
    chosen = draw(st.lists(st.sampled_from(good), min_size=1, max_size=len(FILES), unique=True))
    tricky = draw(st.lists(st.sampled_from(range(len(SLOTS))), max_size=2, unique=True)) if draw(st.booleans()) else []
    made = {n: Edit(SLOTS[n], draw(SLOTS[n].good), True) for n in chosen if n not in tricky}  # type: ignore[arg-type]
    made.update({n: Edit(SLOTS[n], draw(TRICKY_VALUES), False) for n in tricky})
    lines: set[tuple[str, str]] = set()
    kept = []
    for n in sorted(made):
        if (made[n].slot.file, made[n].slot.old) not in lines:
            lines.add((made[n].slot.file, made[n].slot.old))
            kept.append(made[n])
    return kept


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project without its source text, so that any words may go into the official texts."""
    project = copy_project(tmp_path_factory.mktemp("anything") / "project")
    without_source(project / "compact_data")
    yield project


def build_in_process(project: Path, site: Path, compact: Compact) -> None:
    """``mkdocs build --strict`` without PDFs, as the command runs it, then one PDF handout."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins["compact"].config.pdf = False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    theme = next(h for h in plan_handouts(compact) if h.kind == "theme")
    (handout,) = build_handouts(compact, SITE, handouts=[theme])
    assert handout.content.startswith(b"%PDF-")


def accepted_and_built(project: Path, site: Path, every_edit_good: bool) -> None:
    """``check``'s verdict on the data, then the build if it accepted: good edits must be accepted."""
    try:
        compact = load_compact(project / "compact_data", display_root=project)
    except DataError as error:
        assert not every_edit_good, f"good values refused:\n{error.report()}"
        assert error.problems and all(p.message for p in error.problems)
        event("refused by check")
        return
    event("accepted, so built")
    build_in_process(project, site, compact)
    assert (site / "index.html").is_file()
    shutil.rmtree(site)


def _restoring(project: Path) -> dict[Path, bytes | None]:
    data = project / "compact_data"
    return {data / name: (data / name).read_bytes() if (data / name).exists() else None for name in FILES}


def _restore(project: Path, saved: dict[Path, bytes | None]) -> None:
    for path, content in saved.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)
    shutil.rmtree(project / "compact_data" / DOCUMENTS, ignore_errors=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=NO_SHRINKING,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(chosen=edits())
def test_what_check_accepts_builds(workspace: Path, tmp_path_factory: pytest.TempPathFactory,
                                   chosen: list[Edit]) -> None:
    saved = _restoring(workspace)
    try:
        for edit in chosen:
            note(f"{edit.slot.file}: {edit.slot.new.replace('{}', edit.value)!r} ({'good' if edit.good else 'tricky'})")
            with_value(workspace / "compact_data", edit.slot, edit.value)
        every_edit_good = all(edit.good for edit in chosen)
        event("every edit good" if every_edit_good else "some edit tricky")
        accepted_and_built(workspace, tmp_path_factory.mktemp("site") / "site", every_edit_good)
    finally:
        _restore(workspace, saved)


def test_good_values_cover_every_data_file() -> None:
    """Every data file the build reads has a place the property test edits with good values."""
    data = Path(__file__).resolve().parents[2] / "compact_data"
    files = {p.relative_to(data).as_posix() for p in data.glob("*.yaml")} | {THEME}
    assert {slot.file for slot in SLOTS if slot.good is not None} == files


# -- changes.yaml, with an earlier edition beside the current one --------------------------

#: Ids of both editions that changes may name (the synthetic 2030 edition: support/editions.py).
IDS = ("1.1", "1.19", "1.20", "2.6", "3.11", "4.7", "4.8", "5.9", "9.9")
CHANGE = st.fixed_dictionaries(
    {"change": st.sampled_from(("renumbered", "merged", "split", "withdrawn", "new"))},
    optional={"old": st.sampled_from(IDS), "to": st.one_of(st.sampled_from(IDS), st.lists(st.sampled_from(IDS),
                                                                                       min_size=1, max_size=3))},
)


def change_entry(entry: dict[str, object]) -> str:
    """One entry of changes.yaml as an editor writes it."""
    lines = [f"  - change: {entry['change']}"]
    if "old" in entry:
        lines.append(f'    old: "{entry["old"]}"')
    to = entry.get("to")
    if isinstance(to, str):
        lines.append(f'    to: "{to}"')
    elif isinstance(to, list):
        lines.append("    to: [" + ", ".join(f'"{cid}"' for cid in to) + "]")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def editions_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    project = copy_project(tmp_path_factory.mktemp("editions") / "project")
    add_synthetic_edition(project)
    yield project


@settings(
    max_examples=max(2, EXAMPLES // 2),
    deadline=None,
    derandomize=True,
    phases=NO_SHRINKING,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(extra=st.lists(CHANGE, min_size=1, max_size=3))
def test_what_check_accepts_in_changes_builds(editions_workspace: Path, tmp_path_factory: pytest.TempPathFactory,
                                              extra: list[dict[str, object]]) -> None:
    """Entries added to the synthetic edition's changes.yaml: refused with messages, or built."""
    changes = editions_workspace / "compact_data" / "changes.yaml"
    original = changes.read_bytes()
    try:
        changes.write_text(original.decode("utf-8") + "".join(map(change_entry, extra)), encoding="utf-8")
        note(changes.read_text(encoding="utf-8"))
        accepted_and_built(editions_workspace, tmp_path_factory.mktemp("site") / "site", every_edit_good=False)
    finally:
        changes.write_bytes(original)


def _report(project: Path, slot: Slot, value: str) -> str:
    with_value(project / "compact_data", slot, value)
    with pytest.raises(DataError) as caught:
        load_compact(project / "compact_data", display_root=project)
    return caught.value.report()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("201", "compact_data/compact.yaml:8:10: 'edition' must be a year from 1990 to 2100, not 201"),
        ("1969", "'edition' must be a year from 1990 to 2100, not 1969"),
        ("0", "'edition' must be a year from 1990 to 2100, not 0"),
        ("-5", "'edition' must be a year from 1990 to 2100, not -5"),
        ("100000000000000000000000", "'edition' must be a year from 1990 to 2100, not 100000000000000000000000"),
        ("true", "'edition' must be a whole number, not true (a yes/no value)"),
        ("2012.0", "'edition' must be a whole number, not the number 2012.0"),
    ],
)
def test_an_edition_must_be_a_plausible_year(tmp_path: Path, value: str, message: str) -> None:
    report = _report(copy_project(tmp_path / "p"), SLOTS[0], value)
    assert message in report


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "'adopted' must be a date written YYYY-MM-DD, such as 2030-04-01, not the number 0"),
        ("1989-12-31", "'adopted' must be a date from 1990-01-01 to 2100-12-31, not 1989-12-31"),
        ("1970-01-01", "'adopted' must be a date from 1990-01-01 to 2100-12-31, not 1970-01-01"),
        ("true", "'adopted' must be a date written YYYY-MM-DD, such as 2030-04-01, not true (a yes/no value)"),
    ],
)
def test_a_date_must_be_a_date_after_1990(tmp_path: Path, value: str, message: str) -> None:
    report = _report(copy_project(tmp_path / "p"), ADOPTED, value)
    assert message in report


def test_a_good_date_is_accepted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with_value(project / "compact_data", ADOPTED, "2030-04-01")
    adopted = load_compact(project / "compact_data", display_root=project).adopted
    assert adopted is not None and adopted.year == 2030


def test_the_workspace_builds_as_it_is(workspace: Path, tmp_path: Path) -> None:
    """The in-process build the property test uses works, and so proves something when it fails."""
    compact = load_compact(workspace / "compact_data", display_root=workspace)
    build_in_process(workspace, tmp_path / "site", compact)
    assert (tmp_path / "site" / "commitments" / "1.4" / "index.html").is_file()
    shutil.rmtree(tmp_path / "site")
