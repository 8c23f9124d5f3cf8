"""Whatever ``check`` accepts builds: the scalars the build relies on are checked once, in the shapes.

Issue 14 found editions that passed ``check`` and then crashed the build (``edition: 201``
ended in a gzip ``struct.error``, ``-5`` in a ``datetime`` error), ids in two spellings
(``"1.02"`` beside ``"1.2"``), ``number: yes``, a redirect ``date: 0`` (read as 1970) and a
text of only a zero-width space. Each is refused here with its message; the cases that are
one edit of a real file are in ``tests/data/broken/`` too.

Then Hypothesis puts random scalars and characters into the places the build reads
(the edition, a theme's number and slug, an id, a text, a flag, a date) and, whenever ``check``
accepts the data, runs a real build in-process (MkDocs ``--strict`` and one PDF handout):
it must never fail.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from support import SITE, copy_project, without_source

from generator.data.problems import DataError
from generator.handouts.pdf import build_handouts
from generator.handouts.plan import plan_handouts
from generator.model import Compact, load_compact

THEME = "themes/1-allocating-resources.yaml"
#: (file, the text replaced, what replaces it with ``{}`` for the value): the places the build reads.
SLOTS = (
    ("compact.yaml", "edition: 2012", "edition: {}"),
    ("compact.yaml", "title: Bristol Compact", "title: {}"),
    (THEME, "number: 1", "number: {}"),
    (THEME, "slug: allocating-resources", "slug: {}"),
    (THEME, 'id: "1.1"', "id: {}"),
    (THEME, "    text: Apply full cost recovery", "    text: {}"),
    ("topics.yaml", "name: Funding and commissioning", "name: {}"),
    ("sectors.yaml", "    shared: true", "    shared: {}"),
    ("compact.yaml", "edition: 2012", "edition: 2012\nadopted: {}"),  # the one date the data gives
)
#: Values written as YAML would read them: numbers, years, dates, flags, ids, empty.
TRICKY = (
    "201", "1969", "1989", "1990", "2100", "2101", "true", "yes", "0", "-5", "1e23", "100000000000000000000000",
    "2012.0", "0x7DC", "0o3734", "null", "~", '""', '" "', "2012-13-45", "0", "1970-01-01", "1989-12-31",
    "1990-01-01", "2100-12-31", "9999-12-31", '"1.02"', '"01.2"', '"1.10"', '"1.1"', '"0.1"', "1.1", "[]", "{}",
    "index", "a" * 81, "a-b", "-a", "é",
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
VALUES = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=6).map(quoted),
    st.tuples(WORD, st.text(AWKWARD, min_size=1, max_size=2), WORD).map("".join).map(quoted),
)


def with_value(data_dir: Path, slot: tuple[str, str | None, str], value: str) -> None:
    name, old, new = slot
    path = data_dir / name
    if old is None:
        path.write_text(new.format(value), encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    start = text.index(old)  # the whole line that starts so is replaced
    end = text.index("\n", start)
    path.write_text(text[:start] + new.format(value) + text[end:], encoding="utf-8")


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


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(slot=st.sampled_from(SLOTS), value=VALUES)
def test_what_check_accepts_builds(
    workspace: Path, tmp_path_factory: pytest.TempPathFactory, slot: tuple[str, str | None, str], value: str
) -> None:
    data = workspace / "compact_data"
    target = data / slot[0]
    original = target.read_bytes() if target.exists() else None
    with_value(data, slot, value)
    try:
        try:
            compact = load_compact(data, display_root=workspace)
        except DataError:
            event("refused by check")
            return  # refused, with messages (test_loader_fuzz checks their form)
        event("accepted, so built")
        build_in_process(workspace, tmp_path_factory.mktemp("site") / "site", compact)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)


def _report(project: Path, slot: tuple[str, str | None, str], value: str) -> str:
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
    report = _report(copy_project(tmp_path / "p"), SLOTS[-1], value)
    assert message in report


def test_a_good_date_is_accepted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with_value(project / "compact_data", SLOTS[-1], "2030-04-01")
    adopted = load_compact(project / "compact_data", display_root=project).adopted
    assert adopted is not None and adopted.year == 2030


def test_the_workspace_builds_as_it_is(workspace: Path, tmp_path: Path) -> None:
    """The in-process build the property test uses works, and so proves something when it fails."""
    compact = load_compact(workspace / "compact_data", display_root=workspace)
    build_in_process(workspace, tmp_path / "site", compact)
    assert (tmp_path / "site" / "commitments" / "1.4" / "index.html").is_file()
    shutil.rmtree(tmp_path / "site")
