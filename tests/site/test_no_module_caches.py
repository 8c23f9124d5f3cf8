"""No memo outlives a build (issue 30): two builds in one process never see each other's entries.

``mkdocs serve`` rebuilds in one process, and so do the tests' in-process builds: a memo held by a
module (``functools.cache`` on a module's function, a class's ``lru_cache``) would carry one build's
entries into the next, and one freed only in the interpreter's teardown needs an ``atexit`` hook.
Each memo lives on an object of one build instead: the pages' escapes on their rendering
(``generator.pages.text.Remembered``), WeasyPrint's fonts and stylesheets on the build's typesetter
(``generator.handouts.pdf.Typesetter``). The source is read as written (``ast``); the builds are real.
"""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from support import ROOT, SITE, build_here, copy_project, without_source
from support.leaks import squash, visible_text
from support.shapes import SMALL, read_shape

GENERATOR = ROOT / "generator"
MEMOS = {"cache", "lru_cache"}


def _is_memo(node: ast.expr) -> bool:
    """``cache``, ``lru_cache``, ``functools.cache``, ``functools.lru_cache(maxsize=…)``."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr in MEMOS and isinstance(node.value, ast.Name) and node.value.id == "functools"
    return isinstance(node, ast.Name) and node.id in MEMOS


def module_caches(path: Path) -> list[str]:
    """Where a module keeps a memo for the process: a memo decorator on any function or method (the
    memo is the module's or the class's), a memo made outside a function (at module or class level),
    or ``atexit``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    found = []
    inside: set[ast.AST] = set()  # a function's body and its decorators, read as such
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += [f"{where}:{d.lineno}: {node.name} is memoised for the process"
                      for d in node.decorator_list if _is_memo(d)]
            inside.update(child for part in [*node.body, *node.decorator_list] for child in ast.walk(part))
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{where}:{node.lineno}: imports atexit" for name in names if name == "atexit"]
    found += [f"{where}:{node.lineno}: a memo made outside a function" for node in ast.walk(tree)
              if isinstance(node, ast.Call) and _is_memo(node.func) and node not in inside]
    return sorted(set(found))


def test_no_module_of_the_generator_keeps_a_memo_for_the_process() -> None:
    modules = sorted(GENERATOR.rglob("*.py"))
    assert len(modules) > 40
    assert [problem for path in modules for problem in module_caches(path)] == []


def test_the_reading_sees_each_way_of_keeping_a_memo(tmp_path: Path) -> None:
    """The control: every form is caught, and a memo an object makes for itself is not."""
    kept = tmp_path / "kept.py"
    kept.write_text(
        "import atexit\nimport functools\nfrom functools import cache, lru_cache\n"
        "@functools.cache\ndef a(): pass\n"
        "@functools.lru_cache(maxsize=8)\ndef b(): pass\n"
        "@cache\ndef c(): pass\n"
        "@lru_cache\ndef d(): pass\n"
        "e = functools.lru_cache(maxsize=8)(len)\n"
        "class F:\n    @functools.lru_cache\n    def g(self): pass\n    h = functools.cache(len)\n",
        encoding="utf-8",
    )
    assert sorted(int(problem.split(":")[1]) for problem in module_caches(kept)) == [1, 4, 6, 8, 10, 12, 14, 16]
    own = tmp_path / "own.py"
    own.write_text(
        "import functools\nclass A:\n    def __init__(self):\n        self.f = functools.lru_cache(maxsize=8)(len)\n"
        "    @functools.cached_property\n    def g(self): return 1\n",
        encoding="utf-8",
    )
    assert module_caches(own) == []


# -- two builds in one process ---------------------------------------------------------------


def two_wordings(tmp_path: Path) -> tuple[str, str, Path, Path]:
    """The principles shape's data as it is, and again with its first principle reworded."""
    shape = read_shape("principles")
    words = shape.items[0].text
    reworded = words.replace(words.split()[1], "Quillonic", 1)
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(shape.data, first)
    without_source(first)  # the reworded principle is in no source text
    shutil.copytree(first, second)
    provisions = second / "provisions.yaml"
    text = provisions.read_text(encoding="utf-8")
    assert text.count(words) == 1
    provisions.write_text(text.replace(words, reworded), encoding="utf-8")
    return words, reworded, first, second


def site_text(site: Path) -> str:
    return "\n".join(visible_text(page) for page in sorted(site.rglob("*.html")))


def test_two_mkdocs_builds_in_one_process_each_show_their_own_words(tmp_path: Path) -> None:
    """The same project built, reworded, built again in this process (as ``mkdocs serve`` does)."""
    words, reworded, first, second = two_wordings(tmp_path)
    project = copy_project(tmp_path / "project", data=first)
    build_here(project, tmp_path / "site-1")
    shutil.rmtree(project / "compact_data")
    shutil.copytree(second, project / "compact_data")
    build_here(project, tmp_path / "site-2")
    before, after = site_text(tmp_path / "site-1"), site_text(tmp_path / "site-2")
    assert words in before and reworded not in before
    assert reworded in after and words not in after


def handout_text(content: bytes) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages))


def test_two_builds_with_handouts_in_one_process_each_print_their_own_words(tmp_path: Path) -> None:
    """Another Compact's handouts (the small shape's), then a reworded shape's, in this process with
    no cache folder: only what a build holds in memory could carry words from one to the next."""
    from generator.build import build
    from generator.model import load_compact

    words, reworded, first, second = two_wordings(tmp_path)
    other = "\n".join(handout_text(h.content) for h in build(load_compact(SMALL), SITE, pdf=True).handouts)
    other_name = load_compact(SMALL).title
    assert other_name in other and words not in other
    for data, shown, gone in ((first, words, reworded), (second, reworded, words)):
        made = build(load_compact(data), SITE, pdf=True)
        texts = [handout_text(h.content) for h in made.handouts]
        assert texts and all(text for text in texts)
        assert any(shown in text for text in texts), shown
        assert not any(gone in text for text in texts), gone
        assert not any(other_name in text for text in texts)


HELD_AFTER = """
import gc, sys
from pathlib import Path
from generator import urls
from generator.build import build
from generator.model import load_compact

made = build(load_compact(Path(sys.argv[1])), urls.Site(sys.argv[2]), pdf=True)
assert made.handouts and all(h.pages for h in made.handouts)
gc.collect()
# What a build remembers (the escapes, the typesetter, WeasyPrint's fonts and the handouts' stylesheet),
# while its result is held (WeasyPrint's own stylesheets, its module's, are not the build's).
kinds = {"Remembered", "Typesetter", "FontConfiguration"}
print(sorted(type(o).__name__ for o in gc.get_objects() if type(o).__name__ in kinds
             or type(o).__name__ == "CSS" and "handout" in str(getattr(o, "base_url", ""))))
"""


def test_nothing_a_build_remembers_is_held_after_it_and_nothing_is_freed_in_the_teardown(tmp_path: Path) -> None:
    """A process of its own: the interpreter's teardown, where a font configuration freed late prints
    an ignored exception, is only seen by a process that ends."""
    data = tmp_path / "data"
    shutil.copytree(read_shape("principles").data, data)
    child = subprocess.run([sys.executable, "-c", HELD_AFTER, str(data), SITE.url], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "[]"
    assert child.stderr == ""
