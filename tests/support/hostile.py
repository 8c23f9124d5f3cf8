"""Hostile text in every free-text field of every data file, found from the files' JSON Schemas.

A field is free text where its schema says ``"type": "string"`` with no ``pattern``, ``enum``,
``const`` or ``format`` (generator/data/schemas/, made from generator/data/shapes.py): keys,
ids, dates, addresses and closed sets are left alone. Each such field present in a data file
gets :func:`payload` (its own number in a marker, so a page shows whose text it is), and an
object that lacks an optional free-text field gets it added. What ``generator check`` refuses
is put back as it was, as an editor would have to: which fields those are is read from the
check's own ``file:line:col`` problems, never from a list kept here.

The text is written back into the YAML in place of the old value, one line each (a JSON string
is a YAML double-quoted string), so that a problem's line names its field.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data.editor_schemas import SCHEMA_DIR
from support import build_site, copy_project, once_per_run, without_source
from support.editions import add_synthetic_edition

#: A field's marker: ``Zq<number>q``, unlike any word of the Compact.
MARKER = re.compile(r"Zq(\d+)q")


def payload(number: int) -> str:
    """Text that becomes markup, script or template code wherever it is not escaped for its place."""
    return (
        f'Zq{number}q </title><script>alert({number})</script> "\' onmouseover=alert({number}) x=" '
        f"<img src=x onerror=alert({number})> [link](javascript:alert({number})){{: onclick=alert({number}) }} "
        f"{{{{ 7*7 }}}} {{% raw %}} <b>bold</b> &amp; *em* `code` {{: onclick=\"alert({number})\" }}"
    )


@dataclass(frozen=True)
class Field:
    """One free-text value of one data file: where it is, and the schema's name for it."""

    number: int
    file: str  # relative to the data folder
    path: str  # in the file, e.g. ``commitments[3].text``
    schema_path: str  # in its schema, e.g. ``theme: commitments[].text``
    added: bool  # absent from the file, and added


def schema_name(relative: Path) -> str:
    """The schema a data file follows: ``themes/*.yaml`` (an edition's too) follow ``theme``."""
    return "theme" if relative.parent.name == "themes" else relative.stem


def schemas() -> dict[str, dict[str, Any]]:
    return {path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _branches(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        return [b for branch in schema["anyOf"] for b in _branches(branch, root)]
    return [schema]


def is_free_text(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and not {"pattern", "enum", "const", "format"} & schema.keys()


def text_paths(name: str, root: dict[str, Any]) -> set[str]:
    """Every free-text place a schema allows, as ``name: a.b[].c``."""
    found: set[str] = set()

    def visit(schema: dict[str, Any], path: str, inside: frozenset[str] = frozenset()) -> None:
        ref = schema.get("$ref")
        if ref in inside:  # a shape nested in itself (parts in parts): its places are already found
            return
        inside = inside | {ref} if ref else inside
        for branch in _branches(schema, root):
            if is_free_text(branch):
                found.add(f"{name}: {path}")
            elif branch.get("type") == "array" and "items" in branch:
                visit(branch["items"], path + "[]", inside)
            elif branch.get("type") == "object":
                for key, value in branch.get("properties", {}).items():
                    visit(value, f"{path}.{key}" if path else key, inside)

    visit(root, "")
    return found


@dataclass
class _Edit:
    start: int
    end: int
    text: str


class _Rewriter:
    """Walks one file's YAML nodes beside its schema, collecting the edits that make it hostile."""

    def __init__(self, file: str, name: str, root: dict[str, Any], numbers: Iterator[int], keep: set[str]) -> None:
        self.file, self.name, self.root, self.numbers, self.keep = file, name, root, numbers, keep
        self.edits: list[_Edit] = []
        self.fields: list[Field] = []

    def _field(self, path: str, schema_path: str, added: bool) -> Field | None:
        field = Field(next(self.numbers), self.file, path, f"{self.name}: {schema_path}", added)
        self.fields.append(field)
        return None if f"{self.file}:{path}" in self.keep else field

    def visit(self, node: yaml.Node, schema: dict[str, Any], path: str, schema_path: str) -> None:
        for branch in _branches(schema, self.root):
            if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and is_free_text(branch):
                field = self._field(path, schema_path, added=False)
                if field is not None:
                    text = json.dumps(payload(field.number))
                    self.edits.append(_Edit(node.start_mark.index, node.end_mark.index, text))
                return
            if isinstance(node, yaml.SequenceNode) and branch.get("type") == "array":
                for index, item in enumerate(node.value):
                    self.visit(item, branch.get("items", {}), f"{path}[{index}]", schema_path + "[]")
                return
            if isinstance(node, yaml.MappingNode) and branch.get("type") == "object":
                self._mapping(node, branch, path, schema_path)
                return

    def _mapping(self, node: yaml.MappingNode, schema: dict[str, Any], path: str, schema_path: str) -> None:
        properties = schema.get("properties", {})
        present = set()
        for key, value in node.value:
            present.add(key.value)
            if key.value in properties:
                self.visit(value, properties[key.value], _join(path, key.value), _join(schema_path, key.value))
        if not node.value or node.flow_style:
            return
        first = node.value[0][0]
        for key, value_schema in properties.items():
            if key in present or not any(is_free_text(b) for b in _branches(value_schema, self.root)):
                continue
            field = self._field(_join(path, key), _join(schema_path, key), added=True)
            if field is not None:  # added before the first key, at its column
                line = f"{key}: {json.dumps(payload(field.number))}\n{' ' * first.start_mark.column}"
                self.edits.append(_Edit(first.start_mark.index, first.start_mark.index, line))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def rewrite(data_dir: Path, keep: set[str] = frozenset()) -> list[Field]:  # type: ignore[assignment]
    """Make every free-text field of every data file under ``data_dir`` hostile, in place, except
    those in ``keep`` (``file:path``); returns every field, kept or not, numbered in file order."""
    roots = schemas()
    numbers = iter(range(1, 1_000_000))
    fields: list[Field] = []
    for file in sorted(data_dir.rglob("*.yaml")):
        relative = file.relative_to(data_dir)
        name = schema_name(relative)
        assert name in roots, f"{relative}: no schema named {name!r} in {SCHEMA_DIR}"
        text = file.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            continue
        writer = _Rewriter(relative.as_posix(), name, roots[name], numbers, keep)
        writer.visit(node, roots[name], "", "")
        for edit in sorted(writer.edits, key=lambda e: e.start, reverse=True):
            old = text[edit.start:edit.end]
            tail = old[len(old.rstrip()):]  # a block scalar (``>-``) ends with the line breaks after it
            text = text[: edit.start] + edit.text + tail + text[edit.end:]
        file.write_text(text, encoding="utf-8")
        fields += writer.fields
    return fields


#: A problem as ``generator check`` prints it: ``file:line:col: sentence``, or ``file: sentence`` for a whole file.
PROBLEM = re.compile(r"^(?P<path>[^:\n]+\.yaml):(?:(?P<line>\d+):(?P<column>\d+):)? (?P<message>.*)$", re.M)


def check(project: Path) -> tuple[int, str]:
    """``python -m generator check`` in ``project``, as an editor runs it, but in this process (it runs
    a dozen times to find what it refuses, and a process of its own would prove nothing more)."""
    from generator import cli

    out = io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["check", "--data", "compact_data"])
    assert "Traceback" not in out.getvalue(), out.getvalue()
    return code, out.getvalue()


def refused(project: Path, output: str) -> tuple[set[str], list[str]]:
    """The fields' numbers the check's problems point at (the marker on the problem's line, or one its
    sentence quotes), and the problems that point at no hostile field."""
    numbers, unplaced = set(), []
    for problem in PROBLEM.finditer(output):
        found = set(MARKER.findall(problem["message"]))
        file = project / problem["path"]
        if problem["line"] and file.is_file():
            lines = file.read_text(encoding="utf-8").splitlines()
            line = int(problem["line"])
            found |= set(MARKER.findall(lines[line - 1])) if line <= len(lines) else set()
        if found:
            numbers |= found
        else:
            unplaced.append(problem.group(0))
    return numbers, unplaced


def _key(field: Field) -> str:
    return f"{field.file}:{field.path}"


class _Data:
    """The project's data files as they were, and the check of a hostile version of them."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.originals = {file: file.read_bytes() for file in (project / "compact_data").rglob("*.yaml")}

    def check(self, keep: set[str]) -> tuple[list[Field], int, str]:
        for file, content in self.originals.items():
            file.write_bytes(content)
        fields = rewrite(self.project / "compact_data", keep)
        return (fields, *check(self.project))


def _messages(output: str) -> set[str]:
    return {problem["message"] for problem in PROBLEM.finditer(output)}


def _culprit(data: _Data, fields: list[Field], keep: set[str], message: str) -> Field:
    """The hostile field whose text makes a problem appear at another (a correction of the source that
    no longer matches makes a commitment differ from it): found by halves."""
    suspects = [f for f in fields if _key(f) not in keep]
    while len(suspects) > 1:
        half = suspects[: len(suspects) // 2]
        _, _, output = data.check(keep | {_key(f) for f in half})
        suspects = half if message not in _messages(output) else suspects[len(half):]
    _, _, output = data.check(keep | {_key(suspects[0])})
    assert message not in _messages(output), f"no one field makes this problem: {message}"
    return suspects[0]


def make_hostile(project: Path, rounds: int = 12) -> tuple[list[Field], list[Field]]:
    """Make ``project``'s data hostile and put back what ``generator check`` refuses, until it
    accepts the data; returns every field and the fields put back."""
    data = _Data(project)
    keep: set[str] = set()
    for _ in range(rounds):
        fields, code, output = data.check(keep)
        if code == 0:
            return fields, [f for f in fields if _key(f) in keep]
        numbers, unplaced = refused(project, output)
        by_number = {str(f.number): f for f in fields}
        if numbers:  # a problem at no field may follow from these: it goes when they are put back
            keep |= {_key(by_number[n]) for n in numbers}
        else:
            message = next(PROBLEM.finditer(unplaced[0]))["message"]
            keep.add(_key(_culprit(data, fields, keep, message)))
    raise AssertionError(f"generator check still refuses the data after {rounds} rounds:\n{output}")


# -- a hostile copy of the project ------------------------------------------------------------

#: The Compact Partners' Group's file, which Bristol's data leaves as comments: members, records and a
#: contact, so that its fields are there to be made hostile (a test fixture, not the Group's).
PARTNERS_GROUP = """\
members:
  - organisation: Example organisation
    sector: vcs
    role: Chair
records:
  - date: 2026-05-01
    kind: meeting
    title: A meeting
    summary: What it was about.
    document: minutes.pdf
  - date: 2026-06-01
    kind: report
    title: A report
    link: https://example.org/report
contact:
  email: group@example.org
  url: https://example.org/contact
"""
#: Terms of reuse and a published complaints procedure, which Bristol's data does not state, so that
#: their texts are there to be made hostile (a test fixture: no licence is Bristol's).
LICENCE = """\
licence:
  name: A licence
  url: https://example.org/licence
  statement: What it covers.
"""
PROCEDURE = """\
procedure:
  name: A complaints procedure
  url: https://example.org/complaints-procedure
"""
#: A glossary form every hostile text holds, so that every text gets an abbreviation whose title
#: is a hostile definition (a form with markup is never found: texts are matched escaped).
SHARED_FORM = "onmouseover=alert"


def with_every_shape(data: Path) -> None:
    """The current edition with the shapes Bristol's data does not have, so their texts are fed too:
    outcomes of its own, a part whose provisions are lists with a heading and a lead-in, and a part
    nested in it. (A document without parts, ``provisions.yaml``, has the same lists: the synthetic
    shapes in tests/fixtures/shapes/ build one.)"""
    with (data / "compact.yaml").open("a", encoding="utf-8") as out:
        out.write("outcomes:\n  heading: Outcomes heading\n  lead_in: The outcomes' lead-in\n"
                  "  items:\n    - A first outcome\n    - A second outcome\n")
    theme = data / "themes" / "3-consulting-and-involving.yaml"
    part = yaml.safe_load(theme.read_text(encoding="utf-8"))
    *kept, one, other = part.pop("commitments")
    part["lists"] = [{"heading": "A list's heading", "lead_in": "A list's lead-in", "commitments": kept}]
    part["parts"] = [
        {"title": "A nested part", "slug": "a-nested-part", "introduction": ["A nested introduction"],
         "lists": [{"heading": "Its list's heading", "lead_in": "Its list's lead-in", "commitments": [one]}]},
        {"title": "Another nested part", "slug": "another-nested-part", "commitments": [other]},
    ]
    theme.write_text(yaml.safe_dump(part, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def hostile_project(where: Path, *, source: bool) -> tuple[Path, list[Field], list[Field]]:
    """A copy of the project with a second edition (so changes.yaml and an earlier edition's files)
    and the Group's file, every free-text field hostile but those ``generator check`` refuses
    (``source``: the earlier edition keeps the source its official text is checked against)."""
    project = copy_project(where / "project")
    add_synthetic_edition(project)
    data = project / "compact_data"
    if not source:  # so that the official texts of both editions can be hostile too
        without_source(data / "editions" / "2012")
    with_every_shape(data)
    (data / "partners-group.yaml").write_text(PARTNERS_GROUP, encoding="utf-8")
    for name, added in (("compact.yaml", LICENCE), ("complaints.yaml", PROCEDURE)):
        text = (data / name).read_text(encoding="utf-8")
        (data / name).write_text(re.sub(r"(?ms)^procedure:\n(?:  .*\n)*", "", text) + added, encoding="utf-8")
    (data / "partners-group").mkdir()
    (data / "partners-group" / "minutes.pdf").write_bytes(b"%PDF-1.4\n")
    fields, refused = make_hostile(project)
    glossary = data / "glossary.yaml"
    text, count = re.subn(r"^(    matches: \[)", lambda m: m.group(1) + json.dumps(SHARED_FORM) + ", ",
                          glossary.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    glossary.write_text(text, encoding="utf-8")
    code, output = check(project)
    assert code == 0, output
    return project, fields, refused


@dataclass(frozen=True)
class HostileBuild:
    """:func:`hostile_project` (``source=False``) built once for the run, PDFs off; the fields as
    plain values, so that the xdist workers can share the record (``once_per_run`` in tests/support/__init__.py)."""

    project: Path
    site: Path
    field_values: list[dict[str, Any]]
    refused_values: list[dict[str, Any]]

    @property
    def fields(self) -> list[Field]:
        return [Field(**value) for value in self.field_values]

    @property
    def refused(self) -> list[Field]:
        return [Field(**value) for value in self.refused_values]


def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    """The hostile site that the escaping tests read and nginx serves, built once for the run.
    Its project and site are shared: read them, and write anything else into a folder of your own."""

    def make(folder: Path) -> HostileBuild:
        project, fields, refused = hostile_project(folder, source=False)
        build_site(project, folder / "site")  # PDFs off: tests/pdf/ and test_data_is_text's first site read them
        return HostileBuild(project, folder / "site", [dataclasses.asdict(f) for f in fields],
                            [dataclasses.asdict(f) for f in refused])

    return once_per_run(tmp_path_factory, "hostile-build", make, HostileBuild)


# -- reading a built site ---------------------------------------------------------------------

#: Attributes that take an address, which a ``javascript:`` address would make a script.
ADDRESS_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data")
EVENT_ATTRIBUTE = re.compile(r"^on", re.I)
#: Search indexes hold HTML in their strings (Material's and Zensical's).
SEARCH_INDEXES = ("search/search_index.json", "search.json")
ELLIPSIS = "…"


def shown_literally(text: str, where: str) -> list[str]:
    """Wherever a field's marker shows, its whole text follows, or the start of it and an ellipsis
    (a shortened title, whose last punctuation goes before the ellipsis)."""
    text = " ".join(text.split())
    problems = []
    for found in MARKER.finditer(text):
        expected = payload(int(found[1]))
        shown = text[found.start():found.start() + len(expected)]
        same = next((i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b), len(shown))
        if same == len(expected) or text[found.start() + same:].lstrip(",;:.(–- ").startswith(ELLIPSIS):
            continue
        problems.append(f"{where}: shows {text[found.start():found.start() + same + 30]!r}, "
                        f"not {expected[:same + 30]!r}")
    return problems


def _made_from_payload(element: Any) -> bool:
    """An element the payload's markup would make: its image, bold, emphasis, code or link."""
    text = element.get_text()
    return ((element.name == "img" and element.get("src") == "x") or (element.name, text) in
            {("b", "bold"), ("em", "em"), ("code", "code"), ("a", "link")})


def _versions(compared: Any) -> tuple[str, str]:
    """A word-by-word comparison's two texts: without what was added, and without what was removed
    (each change holds a hidden word for screen readers, which is not part of either text)."""
    import copy

    texts = []
    for dropped in ("ins", "del"):
        version = copy.copy(compared)
        for change in version.find_all(["ins", "del"]):
            if change.name == dropped:
                change.decompose()
            else:
                for hidden in change.find_all(class_="compact-visually-hidden"):
                    hidden.decompose()
        texts.append(version.get_text())
    return texts[0], texts[1]


def html_problems(html: str, where: str) -> list[str]:
    """Markup, script or template code made from a field's text in an HTML document or fragment,
    and any text of a field not shown as written."""
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(html, "html.parser")
    problems = []
    for element in doc.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if EVENT_ATTRIBUTE.match(name) or name in ("x", "{:"):
                problems.append(f"{where}: an attribute from the data: <{element.name} {name}={value!r}>")
            if name in ADDRESS_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                problems.append(f"{where}: a script address from the data: <{element.name} {name}={value!r}>")
            if name == "title":  # the theme's tooltips show it as HTML (generator.pages.text.tooltip)
                problems += html_problems(value, f"{where} <{element.name} title>")
            else:
                problems += shown_literally(value, f"{where} <{element.name} {name}>")
        if element.name == "script":
            body = element.string or ""
            if element.get("type") in ("application/json", "application/ld+json"):
                if "<" in body:
                    problems.append(f"{where}: a '<' in a script's data could end it")
                problems += json_problems(json.loads(body), f"{where} <script {element.get('id')}>", html=False)
            elif MARKER.search(body) or "alert(" in body:
                problems.append(f"{where}: a script from the data: {body[:120]!r}")
        elif _made_from_payload(element):
            problems.append(f"{where}: an element from the data: {element.decode()[:120]}")
    for compared in {change.parent for change in doc.find_all(["ins", "del"])}:
        for version in _versions(compared):
            problems += shown_literally(version, f"{where} (compared)")
        compared.decompose()
    for script in doc.find_all(["script", "style"]):
        script.decompose()
    return problems + shown_literally(doc.get_text(), where)


def json_problems(value: Any, where: str, html: bool) -> list[str]:
    """Every string of a JSON document: data shown literally (``html``: an HTML fragment each)."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in json_problems(item, f"{where}.{key}", html)]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in json_problems(item, f"{where}[{index}]", html)]
    if isinstance(value, str):
        return html_problems(value, where) if html else shown_literally(value, where)
    return []


def site_problems(site: Path) -> tuple[list[str], dict[str, int]]:
    """Every built file read as what it is: what the data made into markup, and what it did not show
    literally; with how many files of each kind were read (a kind of file nobody reads fails)."""
    import csv
    import gzip
    import io
    import xml.etree.ElementTree as ElementTree

    from openpyxl import load_workbook

    problems: list[str] = []
    kinds: dict[str, int] = {}
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = file.relative_to(site).as_posix()
        kind = file.suffix or file.name
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == ".gz":  # a compressed copy of its neighbour
            if gzip.decompress(file.read_bytes()) != file.with_suffix("").read_bytes():
                problems.append(f"{relative}: not a copy of {file.with_suffix('').name}")
        elif kind == ".html":
            problems += html_problems(file.read_text(encoding="utf-8"), relative)
        elif kind in (".json", ".map", ".webmanifest"):
            problems += json_problems(json.loads(file.read_text(encoding="utf-8")), relative,
                                      html=relative in SEARCH_INDEXES)
        elif kind in (".xml", ".svg"):
            tree = ElementTree.fromstring(file.read_bytes())
            for element in tree.iter():
                problems += shown_literally(" ".join([element.text or "", *element.attrib.values()]), relative)
        elif kind == ".csv":
            for row in csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")):
                problems += [p for cell in row for p in shown_literally(cell, relative)]
        elif kind == ".xlsx":
            for sheet in load_workbook(file, read_only=True).worksheets:
                for row in sheet.iter_rows(values_only=True):
                    problems += [p for cell in row if isinstance(cell, str) for p in shown_literally(cell, relative)]
        elif kind in (".png", ".pdf", ".woff2", ".ico"):
            continue  # no text (PDFs are off in this build; tests/pdf/ reads the handouts)
        else:  # the site's scripts, styles, host files: nothing of the data
            text = file.read_text(encoding="utf-8")
            if MARKER.search(text):
                problems.append(f"{relative}: holds a field's text")
    return problems, kinds
