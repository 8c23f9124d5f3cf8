"""The reader's problem first (issue 28, item 1): the home page offers the common situations, the
topics' questions (our words, in topics.yaml), each leading to its topic's page, which lists the
commitments that apply, each with its way into the complaints guide, and every real next step the
data gives: the Compact's own words on resolving complaints, the guide's steps, and plainly whether
the procedure it names is published. Nothing is invented: each sentence comes from the data.

What other shapes of Compact show (a question on one topic, topics without any, no topics at all)
is in tests/any_compact/; the three taps on a phone are in tests/browser/test_situations.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import ROOT
from support.pages import article, read_page

from generator.model import Compact
from generator.pages.text import squash

TOPICS = yaml.safe_load((ROOT / "compact_data" / "topics.yaml").read_text(encoding="utf-8"))["topics"]
ASKED = [t for t in TOPICS if "question" in t]


def test_bristols_topics_ask_the_four_common_questions() -> None:
    assert [t["question"] for t in ASKED] == [
        "Your funding is being cut or changed", "You are applying for funding", "You are being consulted",
        "You involve volunteers",
    ]


def test_the_home_page_offers_the_questions_first_as_our_words(site_dir: Path) -> None:
    home = article(read_page(site_dir, ""))
    block = home.select_one(".compact-situations")
    summary = home.select_one(".compact-home-summary")
    goto = home.select_one("#compact-goto")
    assert block is not None and summary is not None and goto is not None
    assert block.sourceline < summary.sourceline < goto.sourceline, "the situations before the summary and the box"
    links = block.select("li a")
    assert [(a.get_text(), a["href"]) for a in links] == [(t["question"], f"topics/{t['key']}/") for t in ASKED]
    # Our words, visibly apart from the Compact's: said so, and no official-text marking in the block.
    note = block.select_one(".compact-explanatory")
    assert note is not None and "this website's explanatory words, not the Compact's" in squash(note.get_text())
    assert block.select_one(".compact-official") is None


def test_the_subtitle_is_marked_as_the_compacts_words(site_dir: Path, compact: Compact) -> None:
    for path in ("", "editions/2012/"):
        box = article(read_page(site_dir, path)).select_one(".compact-official.compact-subtitle")
        assert box is not None, path
        assert squash(box.select_one(".compact-official__label").get_text()) == (  # type: ignore[union-attr]
            "Subtitle — official text of the Bristol Compact (2012)")
        assert squash(box.select_one(".compact-lead").get_text()) == compact.subtitle  # type: ignore[union-attr]


def test_the_number_box_knows_every_number(site_dir: Path, compact: Compact) -> None:
    form = article(read_page(site_dir, "")).select_one("form#compact-goto")
    assert form is not None
    assert form["data-numbers"].split(" ") == [c.id for c in compact.commitments]
    assert form["data-missing"] == ("There is no commitment numbered “{number}” in the Bristol Compact: its "
                                   "commitments are numbered 1.1 to 5.8.")


@pytest.mark.parametrize("key", [t["key"] for t in TOPICS])
def test_each_topic_lists_its_commitments_each_with_a_complaint_summary(
    site_dir: Path, compact: Compact, key: str
) -> None:
    topic = next(t for t in compact.topics if t.key == key)
    page = article(read_page(site_dir, f"topics/{key}/"))
    assert squash(page.select_one("h1").get_text()) == (topic.question or topic.name)  # type: ignore[union-attr]
    expected = [c.id for c in compact.commitments if topic in c.topics]
    items = page.select("#provisions + .compact-list .compact-item")
    assert [item["data-id"] for item in items] == expected and expected
    for item, cid in zip(items, expected, strict=True):
        text = squash(item.select_one(".compact-text").get_text())  # type: ignore[union-attr]
        assert text == squash(compact.commitment(cid).text)
        complain = item.select_one(".compact-item__complain a")
        assert complain is not None and complain["href"] == f"../../complaints/?commitment={cid}"
        assert squash(complain.get_text()) == f"What to do if commitment {cid} is not met"
    intro = squash(page.select_one(".compact-explanatory").get_text())  # type: ignore[union-attr]
    assert f"Below: the {len(expected)} commitments on this topic" in intro
    assert "Outside the marked boxes, these words are this website's, not the Compact's." in intro
    if topic.summary:
        assert intro.startswith(squash(topic.summary))


def test_the_next_steps_are_the_compacts_words_and_the_guides_steps(site_dir: Path, compact: Compact) -> None:
    page = article(read_page(site_dir, "topics/change/"))
    steps = page.select_one("#next-steps + .compact-next-steps")
    assert steps is not None
    official = steps.select_one(".compact-official")
    assert official is not None and compact.resolving_complaints is not None
    assert squash(compact.resolving_complaints.paragraphs[0]) in squash(official.get_text())
    assert "From the text of the Bristol Compact (2012)" in official.get_text()
    guide = [a for a in steps.select("ol a")]
    assert [(a.get_text(), a["href"]) for a in guide] == [
        (s.title, f"../../complaints/#{s.key}") for s in compact.complaints.steps]
    assert "Raise it early and informally with the organisation" in [a.get_text() for a in guide]
    words = squash(steps.get_text())
    # The procedure the Compact names is not published: said plainly, and nothing is invented.
    assert "The Compact Complaints Procedure is not published." in words
    assert "@" not in words and "days" not in words


def test_the_summary_for_a_cut_names_what_to_ask_for(site_dir: Path) -> None:
    """Our words, from the Compact's: the written notice, the reasons and the appeal route of 5.5."""
    words = squash(article(read_page(site_dir, "topics/change/")).get_text())
    assert "three months' notice in writing" in words and "details of any appeal process (5.5)" in words


def test_a_topic_key_is_never_a_reserved_page_name(project: Path) -> None:
    topics = project / "compact_data" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("key: partnership", "key: index"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--data", str(project / "compact_data"), "check"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 1
    assert "topics.yaml:" in result.stderr and "'index'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_printed_address_may_not_take_a_topics_page(project: Path) -> None:
    config = project / "compact_data" / "compact.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  - text: www.bristolcompact.org.uk\n    page: home\n",
        "  - text: www.bristolcompact.org.uk\n    page: home\n  - text: www.bristolcompact.org.uk/topics/change\n"
        "    page: about\n")
    config.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--data", str(project / "compact_data"), "check"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 1
    assert "'/topics/change/' is among the addresses where the site serves its own pages" in result.stderr, (
        result.stderr)
