"""The plugin stays thin (issue 30): few attributes, short hooks.

Its hooks hand over to ``generator.mkdocs_plugin.core`` and to the object of their command
(``safe.SafeBuild``, ``session.Preview``). What would make them long again (a hook that does the
work itself) or hold more (state that belongs to a build or to the preview) shows here first. The
class is read as source (``ast``), so a hook is measured as it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

PLUGIN = ROOT / "generator" / "mkdocs_plugin" / "plugin.py"
MAX_ATTRIBUTES = 8
MAX_HOOK_LINES = 25


def plugin_class(path: Path = PLUGIN) -> ast.ClassDef:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "CompactPlugin")


def attributes(cls: ast.ClassDef) -> set[str]:
    """Every name any method of the class assigns on ``self`` (``self.x = …``, ``self.x: T = …``,
    ``self.x += …``, ``self.x, self.y = …``)."""
    names = set()
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for item in ast.walk(target):
                if isinstance(item, ast.Attribute) and isinstance(item.value, ast.Name) and item.value.id == "self":
                    names.add(item.attr)
    return names


def hooks(cls: ast.ClassDef) -> dict[str, int]:
    """The lines of every hook: the ``on_*`` methods and the parts of a combined hook (``on_x =
    CombinedEvent(...)``), decorators and docstring included."""
    methods = {node.name: node for node in cls.body if isinstance(node, ast.FunctionDef)}
    combined = {
        arg.id
        for node in cls.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        for arg in node.value.args
        if isinstance(arg, ast.Name)
    }
    return {
        name: (node.end_lineno or node.lineno) - min([node.lineno, *(d.lineno for d in node.decorator_list)]) + 1
        for name, node in methods.items()
        if name.startswith("on_") or name in combined
    }


def test_the_plugin_holds_at_most_eight_attributes() -> None:
    found = attributes(plugin_class())
    assert found and len(found) <= MAX_ATTRIBUTES, sorted(found)


def test_no_hook_is_longer_than_25_lines() -> None:
    found = hooks(plugin_class())
    assert {"on_config", "on_files", "on_post_build", "_reuse_content"} <= found.keys()
    assert {name: lines for name, lines in found.items() if lines > MAX_HOOK_LINES} == {}


def test_the_measures_see_what_they_measure(tmp_path: Path) -> None:
    """The control: a plugin with a ninth attribute and a long hook is caught by both."""
    fat = tmp_path / "plugin.py"
    body = "\n".join(f"        self.a{i} = {i}" for i in range(9))
    fat.write_text(f"class CompactPlugin:\n    def on_config(self, config):\n{body}\n        return config\n",
                   encoding="utf-8")
    cls = plugin_class(fat)
    assert len(attributes(cls)) == 9
    long = tmp_path / "long.py"
    long.write_text("class CompactPlugin:\n    def on_files(self, files):\n" + "        x = 1\n" * 25
                    + "        return files\n", encoding="utf-8")
    assert hooks(plugin_class(long)) == {"on_files": 27}
