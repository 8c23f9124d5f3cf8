"""YAML mistakes get a plain sentence at the line to change, whichever YAML loader reads the file.

The broken-input corpus (tests/data/broken/) holds the exact messages; these tests add what
a byte-for-byte comparison of one case cannot say: that no message speaks the parser's own
language, that a list entry without its "- " is one problem and not one per repeated key,
and that libyaml's C loader (which words its errors otherwise) gets the same sentences.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support import ROOT

from generator.data.characters import refused_in
from generator.data.problems import DataError
from generator.data.syntax import SENTENCES, explain_syntax, singular
from generator.data.yamlfile import read_yaml
from generator.model import load_compact

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
#: PyYAML's words for its tokens and states, which mean nothing to an editor.
PARSER_WORDS = ("<block", "<scalar>", "<stream", "expected <", "but found", "while parsing", "while scanning",
                "cannot start any token", "mapping values", "YAML syntax error")


def _expected(case: str) -> list[str]:
    return (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]


def _replaced(case: str) -> list[Path]:
    return sorted(p for p in (BROKEN / case / "data").rglob("*") if p.is_file())


@pytest.mark.parametrize("case", CASES)
def test_no_message_speaks_the_parsers_language(case: str) -> None:
    for line in _expected(case):
        assert not any(word in line for word in PARSER_WORDS), line


@pytest.mark.parametrize("case", ["yaml-missing-dash", "yaml-missing-dash-at-list-column"])
def test_an_entry_without_its_dash_is_one_problem_on_its_first_line(case: str, tmp_path: Path) -> None:
    """Not four "duplicate key" messages (id, sector, text, topics): one, where the "- " is missing."""
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    (replaced,) = _replaced(case)
    relative = replaced.relative_to(BROKEN / case / "data")
    shutil.copyfile(replaced, tmp_path / "compact_data" / relative)
    with pytest.raises(DataError) as caught:
        load_compact(tmp_path / "compact_data", display_root=tmp_path)
    (problem,) = caught.value.problems
    assert "duplicate key" not in problem.message
    assert problem.message.startswith("this commitment does not start with '- ': write '- ' before 'id'")
    written = replaced.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert written.lstrip().startswith("id: ") and not written.lstrip().startswith("- ")
    assert written[problem.column - 1 :].startswith("id: ")


def _syntax_cases() -> list[str]:
    """The cases whose file PyYAML cannot parse: their message is one of the syntax sentences."""
    found = []
    for case in CASES:
        for path in _replaced(case):
            if refused_in(path.read_text(encoding="utf-8", errors="replace"), raw_file=True):
                continue  # refused before YAML reads it (a line separator YAML would count)
            try:
                yaml.compose(path.read_bytes(), Loader=yaml.SafeLoader)
            except yaml.MarkedYAMLError:
                found.append(case)
            except yaml.YAMLError:
                pass
    return found


def test_the_corpus_has_a_syntax_case_for_each_common_mistake() -> None:
    cases = _syntax_cases()
    assert len(cases) >= 14, cases
    used = {kind for kind, sentence in SENTENCES.items()
            if any(sentence.split("{")[0] in line for case in cases for line in _expected(case))}
    for kind in ("indent", "dash-indent", "dash-for-key", "no-dash", "no-colon-after", "no-space-after-colon",
                 "tab-indent", "colon-in-text", "unclosed-quote", "text-after-quote", "bad-escape", "special-start",
                 "unclosed-list"):
        assert kind in used, kind


@pytest.mark.parametrize("case", _syntax_cases())
def test_libyamls_c_loader_gets_the_same_sentence(case: str) -> None:
    """Its errors are worded otherwise ("did not find expected key") but marked at the same places."""
    assert yaml.__with_libyaml__, "PyYAML is installed without libyaml"
    (path,) = _replaced(case)
    display = "compact_data/" + path.relative_to(BROKEN / case / "data").as_posix()
    text = path.read_text(encoding="utf-8")
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 (a safe loader)
    assert str(explain_syntax(display, text, caught.value)) == _expected(case)[0]
    _, problems = read_yaml(path, display)
    assert [str(p) for p in problems] == _expected(case)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A key indented one space too far, and one too little, inside a list entry.
        ("items:\n  - key: a\n     name: b\n",
         "3:6: indent 'name' by 4 spaces, not 5, to line it up with 'key' on line 2"),
        ("items:\n  - key: a\n   name: b\n",
         "3:4: indent 'name' by 4 spaces, not 3, to line it up with 'key' on line 2"),
        # A top-level key indented: nearest is the top.
        ("title: a\n subtitle: b\n", "2:2: remove the spaces before 'subtitle', to line it up with 'title' on line 1"),
        ("steps:\n  - key: a\n  key: b\n", "3:3: this step does not start with '- ': write '- ' before 'key', "
         "in line with the '- ' on line 2"),
        # The first entry of a list without its dash: found at the second.
        ("steps:\n    key: a\n  - key: b\n", "2:5: this step does not start with '- ': write '- ' before 'key', "
         "in line with the '- ' on line 3"),
        (" title: a\nname: b\n", "1:2: remove the spaces before 'title', to line it up with 'name' on line 2"),
        ("title: - a\n", "1:8: a text that begins with '-' must be put in quotes"),
        ("title: * a\n", "1:8: a text that begins with '*' must be put in quotes"),
        ("title: & a\n", "1:8: a text that begins with '&' must be put in quotes"),
        ("steps:\n  - key: a\n  -key: b\n", "3:3: put a space after this '-'"),
        ("steps:\n  - key: a\n    - name: b\n",
         "3:5: 'name' is a key here, not a list item: remove the '- ' before it"),
        ("steps:\n- key: a\n - key: b\n",
         "3:2: remove the spaces before this '- ', to line it up with the '- ' on line 2"),
        ("steps:\n  - key: a\n    name: b\n     key: c\n",
         "4:6: indent 'key' by 4 spaces, not 5, to line it up with 'name' on line 3"),
        ("steps:\n  - checklist:\n      - a\n     - b\n",
         "4:6: indent this '- ' by 6 spaces, not 5, to line it up with the '- ' on line 3"),
        # A key in line with a list's dashes that is not the entries' first key belongs to the mapping above.
        ("steps:\n  - key: a\n    paragraphs:\n      - one\n      quotes: [b]\n",
         "5:7: indent 'quotes' by 4 spaces, not 6, to line it up with 'paragraphs' on line 3"),
        ("topics:\n    - key: a\n    name: b\n",
         "3:5: indent 'name' by 6 spaces, not 4, to line it up with 'key' on line 2"),
        ("intro:\n  - >-\n    one\n    two\n   three\n",
         "5:4: indent this line by 4 spaces, not 3, like the line of text above it"),
        ("items:\n  - id: a\n    name: b\n    - id: c\n",
         "4:5: indent this '- ' by 2 spaces, not 4, to line it up with the '- ' on line 2"),
        ("title: 'a\n", "1:8: this quote is never closed: end the text with the same quote mark (')"),
        ("title: a\n---\ntitle: b\n", "2:1: a file holds one YAML document: remove this '---' line"),
        ("title: |x\n", "1:8: a text that begins with '|' must be put in quotes"),
        ("title: {a\n", "1:8: a text that begins with '{' must be put in quotes"),
        ("title: [a] b\n", "1:8: a text that begins with '[' must be put in quotes"),
        ("title: [a]]\n", "1:11: remove this ']': the list is already closed"),
        ("title: a\n\tname: b\n", "2:1: this line is indented with a tab: indent it with spaces"),
        ("key: a\ntext: Note: b\n", "2:7: a text with ': ' in it must be put in quotes: write a \" before it and "
         "another at its end"),
        ("key: a\ntext: the end:\n", "2:7: a text with ':' at the end of a line must be put in quotes: write a \" "
         "before it and another at its end"),
    ],
)
def test_small_files(text: str, message: str, tmp_path: Path) -> None:
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        with pytest.raises(yaml.MarkedYAMLError) as caught:
            yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
        assert str(explain_syntax("f.yaml", text, caught.value)) == f"f.yaml:{message}", loader


def test_an_error_no_rule_knows_keeps_pyyamls_words() -> None:
    text = "a: b\n? c\n"
    error = yaml.MarkedYAMLError("while parsing something", yaml.Mark("f", 0, 0, 0, None, None),
                                 "found a rare thing", yaml.Mark("f", 0, 1, 0, None, None))
    assert str(explain_syntax("f.yaml", text, error)) == (
        "f.yaml:2:1: YAML syntax error: found a rare thing (check the indentation, quotes and colons)"
    )


@pytest.mark.parametrize(
    ("plural", "one"),
    [("commitments", "commitment"), ("entries", "entry"), ("printed_addresses", "printed address"),
     ("steps", "step"), ("introduction", "entry of 'introduction'")],
)
def test_an_entry_is_named_after_its_list(plural: str, one: str) -> None:
    assert singular(plural) == one
