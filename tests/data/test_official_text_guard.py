"""The official-text guard compares whole texts: a text the site marks as the Compact's words is a
whole unit of its source (whole sentences of one paragraph or item), in the document's order, each
its own — never any substring of it.

The first tests edit a copy of the real data as an editor might and run ``generator check``
in-process; the rest prove the rules on a clearly synthetic source, one shape each.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import ROOT

from generator import cli
from generator.data.problems import Problem
from generator.data.source import Extent, OfficialText, Source, check_official_texts

THEMES = "compact_data/themes"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "compact_data", tmp_path / "compact_data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "compact_data"


def set_text(data: Path, theme: str, cid: str, text: str) -> None:
    """Give commitment ``cid`` the text ``text`` (one YAML line, double-quoted)."""
    path = data / "themes" / theme
    yaml_text = path.read_text(encoding="utf-8")
    pattern = rf'(  - id: "{re.escape(cid)}"\n    sector: \w+\n    text: )(?:.*\n)(?:      .*\n)*'
    yaml_text, count = re.subn(pattern, lambda m: m.group(1) + '"' + text + '"\n', yaml_text)
    assert count == 1, cid
    path.write_text(yaml_text, encoding="utf-8")


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = cli.main(["check", "--data", "compact_data"])
    return code, [line for line in capsys.readouterr().err.splitlines() if line.startswith(THEMES)]


FULL_1_4 = (
    "Apply full cost recovery, which means that VCS organisations can operate in the same way as organisations "
    "from other sectors, by including relevant overhead and management costs in financial arrangements and holding "
    "reserves (to meet their legal obligations)."
)
TEXT_1_5 = "Review the efficiency of all stages of the commissioning process."
THEME_1 = "1-allocating-resources.yaml"


def test_the_real_data_passes(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys) == (0, [])


@pytest.mark.parametrize(
    ("theme", "cid", "text", "says"),
    [
        ("4-volunteering.yaml", "4.6", "substitutes or replacements for paid employees.",
         "the source has 'Recognise that volunteers are not' before it"),
        ("4-volunteering.yaml", "4.6", "the", "is only part of the text"),
        (THEME_1, "1.4", FULL_1_4.split(" by including")[0],
         "the source goes on 'by including relevant overhead and management costs in …'"),
        (THEME_1, "1.4", FULL_1_4.replace(" and holding reserves (to meet their legal obligations)", "") ,
         "'arrangements.' where the source has 'arrangements and holding reserves (to meet their legal obligations).'"),
        (THEME_1, "1.4", FULL_1_4 + " " + TEXT_1_5,
         "it runs on past the end of an item or paragraph, after 'obligations).'"),
        (THEME_1, "1.4", TEXT_1_5, "holds the words of commitment 1.5"),
    ],
    ids=["start-cut", "one-word", "end-cut", "clause-missing", "merged", "borrowed"],
)
def test_a_text_that_is_not_a_whole_unit_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str], theme: str, cid: str, text: str, says: str
) -> None:
    set_text(data, theme, cid, text)
    code, problems = check(capsys)
    assert code == 1
    assert len(problems) == 1, problems
    assert re.match(rf"{THEMES}/{re.escape(theme)}:\d+:\d+: commitment {re.escape(cid)} ", problems[0])
    assert says in problems[0]


def test_two_swapped_texts_are_told_once(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_text(data, THEME_1, "1.4", TEXT_1_5)
    set_text(data, THEME_1, "1.5", FULL_1_4)
    code, problems = check(capsys)
    assert code == 1
    assert len(problems) == 1, problems
    assert "out of the document's order" in problems[0] or "holds the words of" in problems[0]


def test_the_title_is_checked(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "compact.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Bristol Compact", "title: Bristol Pact"),
                    encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check", "--data", "compact_data"]) == 1
    assert re.search(r"^compact_data/compact\.yaml:\d+:\d+: the document's title differs", capsys.readouterr().err,
                     re.M)


# -- the rules, on a synthetic source ------------------------------------------------------

SYNTHETIC = """\
Zephyr Accord

> Part one: the gardens

The gardeners agree to share their tools. They meet each spring. Nobody
brings a ladder without asking.

- 1.1. Water the marrows daily, except when it rains.
- 1.2. Lend the wheelbarrow freely.
 1.3. Keep the gate shut (cows, goats and geese).

^{*2}The Almanac of Turnips (updated in 1999), a guide

Details of the rota can be seen at

www.example.invalid/rota
"""


def text(value: str, what: str = "text", *, extent: Extent = "whole", sequence: str = "") -> OfficialText:
    return OfficialText(what, value, Problem("data.yaml", 1, 1, ""), False, extent, sequence)


@pytest.fixture(scope="module")
def source() -> Source:
    return Source(SYNTHETIC)


@pytest.mark.parametrize(
    "value",
    [
        "Zephyr Accord",  # a title
        "Part one: the gardens",  # a heading, its marker left aside
        "The gardeners agree to share their tools. They meet each spring.",  # a run of sentences
        "Nobody brings a ladder without asking.",  # one sentence, across a line break
        "Water the marrows daily, except when it rains.",  # an item, its number left aside
        "Keep the gate shut (cows, goats and geese).",  # an item with no bullet
        "Details of the rota can be seen at www.example.invalid/rota",  # a sentence broken by the layout
    ],
)
def test_whole_units_are_accepted(source: Source, value: str) -> None:
    assert source.place(text(value)) is not None


@pytest.mark.parametrize(
    "value",
    [
        "They meet each spring. Nobody",  # stops in a sentence
        "agree to share their tools.",  # starts in one
        "Water the marrows daily,",  # a clause is not a whole item
        "Lend the wheelbarrow freely. Keep the gate shut (cows, goats and geese).",  # two items
        "Part one: the gardens The gardeners agree to share their tools.",  # heading into a paragraph
    ],
)
def test_parts_and_merges_are_refused(source: Source, value: str) -> None:
    assert source.place(text(value)) is None


def test_an_excerpt_is_whole_words_ending_at_a_clause(source: Source) -> None:
    assert source.place(text("The Almanac of Turnips (updated in 1999)", extent="excerpt")) is not None
    assert source.place(text("the wheelbarrow freely.", extent="excerpt")) is not None
    assert source.place(text("The Almanac of Turn", extent="excerpt")) is None
    assert source.place(text("he Almanac of Turnips (updated in 1999)", extent="excerpt")) is None
    assert source.place(text("The Almanac of Turnips (updated", extent="excerpt")) is None


def test_a_sequence_keeps_the_document_order_and_each_text_its_own(source: Source) -> None:
    items = ["Water the marrows daily, except when it rains.", "Lend the wheelbarrow freely.",
             "Keep the gate shut (cows, goats and geese)."]

    def problems(*values: str) -> list[str]:
        texts = [text(v, f"item {i + 1}", sequence="items") for i, v in enumerate(values)]
        return [p.message for p in check_official_texts(source, texts, "the Zephyr Accord")]

    assert problems(*items) == []
    assert problems(items[0], items[2], items[2]) == [
        "item 2 holds the words of item 3: each official text is its own part of the source"
    ]
    [moved] = problems(items[2], items[0], items[1])
    assert moved.startswith("item 1 is out of the document's order")


def test_a_garbled_place_is_read_as_corrected() -> None:
    fixed = Source("- 2.1. Plant the beans 2.1. (or peas).\n", [("beans 2.1. (or", "beans (or")])
    assert fixed.place(text("Plant the beans (or peas).")) is not None


CAPITALS = "> YOUR GARDEN AND YOU\n\nThe Gardening Plan\n"


def test_a_heading_printed_in_capitals_may_be_given_in_sentence_case() -> None:
    capitals = Source(CAPITALS)
    assert capitals.place(OfficialText("h", "Your garden and you", Problem("d", 1, 1, ""), heading=True))
    assert not capitals.place(OfficialText("t", "Your garden and you", Problem("d", 1, 1, "")))  # not a heading
    assert not capitals.place(OfficialText("h", "Your garden", Problem("d", 1, 1, ""), heading=True))  # not whole


def test_only_capitals_may_change_case_and_the_message_says_so() -> None:
    heading = OfficialText("the heading", "The gardening plan", Problem("d", 1, 1, ""), heading=True)
    [problem] = check_official_texts(Source(CAPITALS), [heading], "the Zephyr Accord")
    assert problem.message == (
        "the heading differs from the source text of the Zephyr Accord in letter case only: the source prints "
        "'The Gardening Plan' (only a heading the source prints in capitals may be given in another case)"
    )


def test_a_sentence_the_document_repeats_may_stand_in_each_place() -> None:
    """Two items with the same words are each their own, in order (not one borrowing the other)."""
    repeated = Source("- 1.1. Meet every spring.\n- 1.2. Share the tools.\n- 2.1. Meet every spring.\n")
    texts = [text(v, f"item {i}", sequence="items")
             for i, v in enumerate(["Meet every spring.", "Share the tools.", "Meet every spring."])]
    assert check_official_texts(repeated, texts, "the Zephyr Accord") == []
    borrowed = [*texts, text("Meet every spring.", "item 3", sequence="items")]
    [problem] = check_official_texts(repeated, borrowed, "the Zephyr Accord")
    assert problem.message.startswith("item 3 holds the words of item 0")
