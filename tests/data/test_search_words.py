"""search.yaml: readers' words given to the provisions whose own words mean the same (issue 28, item 2).

The words reach the search index of either engine (tests/site/test_search_words.py) and find the
provisions in Chromium (tests/browser/test_search.py, tests/zensical/test_zensical_search.py); here,
which provision gets which words, and what the checks say of a mistaken file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import ROOT
from support.search import RESIDENTS
from support.shapes import SHAPES

from generator import cli
from generator.data.messages import SEARCH
from generator.model import Commitment, Compact, load_compact
from generator.model.search import phrase_pattern

#: Words a query may hold that say nothing of its subject.
STOP = {"a", "be", "on", "our", "should", "how", "too"}


@pytest.mark.parametrize("phrase, text", [
    ("end", "when changing or ending a funding relationship"),
    ("change", "when changing or ending"),
    ("change", "the impact of any changes on service users"),
    ("reduce", "aim to reduce the bureaucratic burden"),
    ("cut", "budgets are cutting deep"),
    ("apply", "the rules applied to all"),
    ("notice in writing", "three months' notice\n in  writing"),
    ("months notice", "a minimum of three months' notice"),
    ("VCS", "organisations of the vcs"),
])
def test_a_phrase_is_found_with_its_endings_in_any_case(phrase: str, text: str) -> None:
    assert phrase_pattern(phrase).search(text), (phrase, text)


@pytest.mark.parametrize("phrase, text", [
    ("end", "we endorse it"), ("fund", "a refund"), ("cut", "a cute idea"), ("notice in writing", "notice, writing"),
])
def test_a_phrase_is_a_whole_word_not_the_start_of_another(phrase: str, text: str) -> None:
    assert not phrase_pattern(phrase).search(text), (phrase, text)


def test_bristols_provisions_get_the_words_their_own_words_mean(compact: Compact) -> None:
    words = {c.id: set(c.search_words) for c in compact.commitments}
    assert {"grant", "cut", "notice period", "unfair"} <= words["5.5"]
    assert {"upfront", "grant"} <= words["1.13"]
    assert {"overheads", "core costs"} <= words["1.4"]
    assert {"Christmas", "too short"} <= words["3.3"]
    assert "cut" not in words["3.2"], "what can change in a consultation is not a cut"
    assert not words["1.1"], "no synonym means any of 1.1's words"


def _words(query: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", query.lower()) if w and w not in STOP}


def _answers(compact: Compact, expected: str) -> list[Commitment]:
    theme = expected.endswith(".")
    return [c for c in compact.commitments if c.id == expected or (theme and c.id.startswith(expected))]


def test_twenty_residents_questions_each_need_the_synonyms(compact: Compact) -> None:
    """Each question holds a word no answer's text holds, and the answers' search words give it."""
    assert len(RESIDENTS) >= 20
    for query in RESIDENTS:
        answers = _answers(compact, query.expected)
        assert answers, query
        text = " ".join(c.text.lower() for c in answers)
        missing = {w for w in _words(query.text) if not re.search(rf"(?<![a-z]){w}", text)}
        assert missing, f"{query.text!r}: {query.expected} holds every word already"
        given = {w for c in answers for phrase in c.search_words for w in _words(phrase)}
        assert missing & given, f"{query.text!r}: search.yaml gives {query.expected} none of {sorted(missing)}"


def test_another_compact_has_its_own_synonyms() -> None:
    principles = load_compact(SHAPES / "principles" / "compact_data")
    words = {c.id: c.search_words for c in principles.commitments}
    assert words["fund-fairly"] == ("money", "cash")
    assert words["listen-early"] == ("ask residents", "consult")
    assert words["value-volunteers"] == ("unpaid helpers",)
    assert not words["review-together"]
    other = load_compact(ROOT / "tests" / "fixtures" / "other-compact" / "compact_data")
    assert not any(c.search_words for c in other.commitments), "no search.yaml, no search words"


def test_a_phrase_no_provision_holds_is_a_warning_at_its_place(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "compact_data" / "search.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - words: [kids]\n    means: [childcare, chidlren]\n",
                    encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert cli.main(["check", "--data", "compact_data"]) == 0
    err = capsys.readouterr().err
    message = SEARCH["means nothing"].format(phrase="chidlren", provisions="commitments")
    assert f"compact_data/search.yaml:{line}:24: warning: {message}\n" in err
    assert "'childcare'" not in err
