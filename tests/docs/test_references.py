"""Every file, folder and ``generator.…`` name the docs, docstrings and comments mention exists.

A reader follows these names: a path that moved or a function that was renamed sends them
nowhere. The test reads README.md and every other Markdown file that is not a site page
(``docs/``, ``benchmarks/RESULTS.md``, the READMEs beside templates and fixtures), the site's
scripts, stylesheets and theme overrides, and the docstrings and comments of every Python file,
template and configuration file in the repository. A path counts when it starts at one of the
repository's own top-level entries (``generator/…``, ``tests/…``, ``mkdocs.yml``); a Markdown
link counts wherever it points (relative to its file), and so does its ``#anchor``. Placeholders
(``<slug>``, ``*``, ``{name}``) end a path: the part before them must exist. Addresses
(``https://…``, ``/commitments/1.4/``) and paths inside other folders (``/usr/share/…``,
``DIR/docs/``) are not this repository's.
"""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from support import ROOT

from generator.data.read import DATA_FOLDER_ENTRIES

#: The repository's tracked top-level folders and files a mentioned path may start with.
ROOT_FOLDERS = ("generator", "tests", "benchmarks", "compact_data", "content", "overrides", "compact_templates",
                "docs", ".ci")
ROOT_FILES = ("README.md", "Makefile", "mkdocs.yml", "pyproject.toml", "published-urls.txt")

PATH = re.compile(
    r"(?<![\w./~$-])(?:(?:" + "|".join(re.escape(f) for f in ROOT_FOLDERS) + r")/[^\s`'\"()\[\],;:|]*"
    r"|(?:" + "|".join(re.escape(f) for f in ROOT_FILES) + r")(?![\w.-]))"
)
#: A Sphinx cross-reference in a docstring (``:class:`Mention```; a module may be relative: ``.text``).
ROLE = re.compile(r":(?:func|class|mod|meth|attr|data|obj|exc):`~?([\w.]+)`")
DOTTED = re.compile(r"(?<![\w./-])generator(?:\.[A-Za-z_]\w*)+")
#: Where a path turns into an example: from here on it names no real file.
PLACEHOLDER = re.compile(r"[<>{}*…$?\[]|\.\.\.")
MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)

#: Files read whole: documentation, and the site's scripts, stylesheets and theme overrides, whose
#: comments name the tests and templates they answer to. (The site's pages, in content/, would be
#: Markdown too: there are none, and their links would be the site's addresses, which the build
#: and tests/support/linkcheck.py check.)
WHOLE = ("README.md", "docs/**/*.md", "benchmarks/*.md", "compact_templates/*.md", "tests/**/README.md",
         "content/**/*.js", "content/**/*.css", "overrides/**/*.html", "overrides/**/*.xml")
#: Files whose ``#`` lines are comments.
HASH_COMMENTED = ("Makefile", "mkdocs.yml", "pyproject.toml", ".ci/run", ".gitignore", "published-urls.txt",
                  "compact_data/**/*.yaml")
#: Templates whose ``{# … #}`` are comments.
TEMPLATES = ("generator/**/*.j2", "generator/**/templates/*.html")
#: Python files, whose docstrings and comments are read.
PYTHON = ("generator/**/*.py", "tests/**/*.py", "benchmarks/*.py")


@dataclass(frozen=True)
class Mention:
    """A piece of documentation text and where it starts."""

    file: Path
    line: int
    text: str


def problems_in(mention: Mention) -> list[str]:
    """Every name in ``mention`` that leads nowhere, as ``file:line: sentence``."""
    found = []
    for line_offset, line in enumerate(mention.text.splitlines()):
        where = f"{mention.file.relative_to(ROOT)}:{mention.line + line_offset}"
        links = MARKDOWN_LINK.findall(line) if mention.file.suffix == ".md" else []
        if links:  # a link's target is checked as a link (relative to its file), not as a path
            line = MARKDOWN_LINK.sub(lambda link: f"[{link[1]}]", line)
        for path in PATH.findall(line):
            if problem := path_problem(path.rstrip(".")):
                found.append(f"{where}: {problem}")
        for name in DOTTED.findall(line):
            if problem := dotted_problem(name):
                found.append(f"{where}: {problem}")
        if mention.file.suffix == ".py":
            for name in ROLE.findall(line):
                if problem := role_problem(mention.file, name):
                    found.append(f"{where}: {problem}")
        for _, target in links:
            if problem := link_problem(mention.file, target):
                found.append(f"{where}: {problem}")
    return found


def path_problem(path: str) -> str | None:
    """Why ``path`` (relative to the repository) names nothing, or None."""
    if cut := PLACEHOLDER.search(path):
        path = path[: cut.start()].rpartition("/")[0]
    path, _, anchor = path.partition("#")
    if not (ROOT / path).exists() and not optional_data(path):
        return f"'{path}' does not exist"
    if anchor and path.endswith(".md") and anchor not in anchors(ROOT / path):
        return f"'{path}' has no heading '#{anchor}'"
    return None


def optional_data(path: str) -> bool:
    """A path in the data folder that this Compact happens not to have (``compact_data/editions/``)."""
    top, _, entry = path.partition("/")
    entry = entry.partition("/")[0]
    return top == "compact_data" and entry in DATA_FOLDER_ENTRIES and not (ROOT / top / entry).exists()


def link_problem(markdown: Path, target: str) -> str | None:
    """Why a Markdown link in ``markdown`` leads nowhere, or None (addresses are not checked)."""
    if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
        return None
    path, _, anchor = target.partition("#")
    file = (markdown.parent / path).resolve() if path else markdown
    if not file.exists():
        return f"the link to '{target}' leads to no file"
    if anchor and file.suffix == ".md" and anchor not in anchors(file):
        return f"the link to '{target}': {file.relative_to(ROOT)} has no such heading"
    return None


@cache
def anchors(markdown: Path) -> frozenset[str]:
    """The ``#anchors`` GitHub gives the headings of ``markdown`` (duplicates get ``-1``, ``-2``)."""
    seen: dict[str, int] = {}
    for _, title in HEADING.findall(FENCE.sub("", markdown.read_text(encoding="utf-8"))):
        slug = github_slug(title)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        seen.setdefault(f"{slug}-{count}" if count else slug, 1)
    return frozenset(seen)


def github_slug(title: str) -> str:
    """A heading's anchor as GitHub makes it: its text, lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    text = text.replace("`", "").replace("*", "").lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def role_problem(file: Path, name: str) -> str | None:
    """Why a cross-reference in ``file`` names nothing: a relative module beside it, a ``generator.…``
    name, or a name the file defines or imports (``Class.method``: both), or None."""
    if name.startswith("."):
        dots = len(name) - len(name.lstrip("."))
        target = file.parents[dots - 1].joinpath(*name[dots:].split("."))
        if target.with_suffix(".py").is_file() or (target / "__init__.py").is_file():
            return None
        return f"':mod:`{name}`' is no module beside {file.name}"
    if name.startswith("generator."):
        return None  # read as a dotted name
    defined = names_defined_in(file)
    missing = [part for part in name.split(".") if part not in defined]
    return f"'{name}' is not defined in {file.name}" if missing else None


@cache
def names_defined_in(file: Path) -> frozenset[str]:
    """Every name a Python file defines or imports, at any depth (functions, classes, attributes, aliases)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name | ast.arg) and isinstance(getattr(node, "ctx", ast.Store()), ast.Store):
            names.add(node.id if isinstance(node, ast.Name) else node.arg)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[0])
    return frozenset(names)


def dotted_problem(name: str) -> str | None:
    """Why ``generator.…`` is neither a module nor an attribute reachable from one, or None."""
    parts = name.split(".")
    if "__main__" in parts:  # a program: importing it would run it
        path = ROOT.joinpath(*parts[: parts.index("__main__") + 1]).with_suffix(".py")
        return None if path.is_file() else f"'{name}' is no module"
    module, rest = None, parts
    for end in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:end]))
        except ModuleNotFoundError:
            continue
        rest = parts[end:]
        break
    if module is None:
        return f"'{name}' is no module"
    found: object = module
    for part in rest:
        if not has_attribute(found, part):
            return f"'{name}': {'.'.join(parts[: parts.index(part)])} has no '{part}'"
        found = getattr(found, part, None)
    return None


def has_attribute(owner: object, name: str) -> bool:
    """An attribute, a dataclass or pydantic field, or an annotated attribute of ``owner``."""
    if hasattr(owner, name):
        return True
    fields = {**getattr(owner, "__dataclass_fields__", {}), **getattr(owner, "model_fields", {})}
    annotated = {key for cls in getattr(owner, "__mro__", ()) for key in getattr(cls, "__annotations__", {})}
    return name in fields or name in annotated


def docstrings_and_comments(file: Path) -> list[Mention]:
    """A Python file's docstrings and comments."""
    source = file.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    found.append(Mention(file, first.lineno, first.value.value))
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found.append(Mention(file, token.start[0], token.string))
    return found


def hash_comments(file: Path) -> list[Mention]:
    """The ``#`` comments of a Makefile, YAML, TOML or shell file."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return [Mention(file, n, line[line.index("#"):]) for n, line in enumerate(lines, 1) if "#" in line]


def template_comments(file: Path) -> list[Mention]:
    """A Jinja template's ``{# … #}`` comments."""
    source = file.read_text(encoding="utf-8")
    return [Mention(file, source.count("\n", 0, m.start()) + 1, m.group()) for m in JINJA_COMMENT.finditer(source)]


def whole(file: Path) -> list[Mention]:
    return [Mention(file, 1, file.read_text(encoding="utf-8"))]


def documentation() -> list[Mention]:
    """Every piece of documentation in the repository."""
    found: list[Mention] = []
    readers = ((WHOLE, whole), (HASH_COMMENTED, hash_comments), (TEMPLATES, template_comments),
               (PYTHON, docstrings_and_comments))
    for patterns, read in readers:
        files = sorted({f for pattern in patterns for f in ROOT.glob(pattern) if f.is_file()})
        for file in files:
            found.extend(read(file))
    return found


def test_the_documentation_is_read() -> None:
    files = {m.file.relative_to(ROOT).as_posix() for m in documentation()}
    for expected in ("README.md", "docs/editors.md", "docs/developing.md", "benchmarks/RESULTS.md", "Makefile",
                     "generator/build.py", "generator/pages/templates/commitment.md.j2", "tests/conftest.py"):
        assert expected in files


def test_every_path_and_name_the_documentation_mentions_exists() -> None:
    problems = [problem for mention in documentation() for problem in problems_in(mention)]
    assert not problems, "\n".join(problems)


WRONG = [
    ("see `generator/schemas/` for the schemas", "'generator/schemas/' does not exist"),
    ("the tests in tests/test_golden.py", "'tests/test_golden.py' does not exist"),
    ("read generator.plugin first", "'generator.plugin': generator has no 'plugin'"),
    ("``generator.pdf.document_date`` dates them", "generator has no 'pdf'"),
    ("``generator.handouts.pdf.page_date`` dates them", "generator.handouts.pdf has no 'page_date'"),
    ("generator.build.nothing_here()", "generator.build has no 'nothing_here'"),
    ("see [deploying](docs/nowhere.md)", "the link to 'docs/nowhere.md' leads to no file"),
    ("see [the commands](#no-such-heading)", "the link to '#no-such-heading'"),
    ("see docs/developing.md#no-such-heading", "has no heading '#no-such-heading'"),
]


@pytest.mark.parametrize(("text", "message"), WRONG, ids=[w[1] for w in WRONG])
def test_a_wrong_reference_is_reported(text: str, message: str) -> None:
    problems = problems_in(Mention(ROOT / "README.md", 7, text))
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith("README.md:7: ")


def test_a_wrong_cross_reference_in_a_docstring_is_reported() -> None:
    here = Path(__file__)
    text = "made by :func:`lay_out_quickly` beside :mod:`.nowhere`; :class:`Mention` and :mod:`..support` are right"
    assert problems_in(Mention(here, 3, text)) == [
        "tests/docs/test_references.py:3: 'lay_out_quickly' is not defined in test_references.py",
        "tests/docs/test_references.py:3: ':mod:`.nowhere`' is no module beside test_references.py",
    ]


RIGHT = [
    "`generator/data/schemas/` and generator/build.py, mkdocs.yml and the Makefile",
    "`compact_data/themes/<n>-<slug>.yaml`, `compact_data/editions/<year>/`, `generator/pages/templates/*.md.j2`",
    "https://github.com/x/generator/missing.py, /usr/share/generator/x, /commitments/1.4/, DIR/docs/x.md",
    "generator.build.build() and generator.model.types.Compact.binding, generator.model.types.Commitment.text",
    "python -m generator.__main__ check, generator.handouts.preview",
    "[the two commands](#the-two-commands), [deploying](docs/deploying.md#on-a-server-nginx)",
    "the generator. Then python -m generator check",
]


@pytest.mark.parametrize("text", RIGHT)
def test_a_right_reference_passes(text: str) -> None:
    assert problems_in(Mention(ROOT / "README.md", 1, text)) == []


def test_anchors_are_made_as_github_makes_them() -> None:
    assert github_slug("The two commands") == "the-two-commands"
    assert github_slug("On a server (nginx)") == "on-a-server-nginx"
    assert github_slug("`make site`: build *it*, then [serve](x.md)") == "make-site-build-it-then-serve"
    assert github_slug("Reproducible, atomic, safe builds") == "reproducible-atomic-safe-builds"
