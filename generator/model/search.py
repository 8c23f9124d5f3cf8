"""Search in readers' words: the words ``search.yaml`` gives each provision, from the provision's own words.

A synonym pairs what readers type (``words``: "grant", "cut") with the document's words for it (``means``:
"funding", "end, change, reduce"). A provision whose text holds one of the ``means`` (as written, or with a
common English ending) is given the synonym's ``words``; its page hands them to the search index of either
engine as text the page never shows (generator/pages/templates/commitment.md.j2), so that the same index
finds it by the reader's word, with no script in the browser. Checks return problems, as elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.data import shapes
from generator.data.characters import cut, shown
from generator.data.messages import SEARCH
from generator.data.problems import Problem
from generator.data.read import Loaded

#: What the search result shows before a provision's search words (in Zensical's; Material's index keeps
#: them in a field of their own, generator/mkdocs_plugin/search_words.py).
LABEL = "Also found by searching for:"
#: Endings a word of a ``means`` phrase may take in the text: "end" holds "ending", "change" "changing".
ENDINGS = "(?:s|es|d|ed|ing)?"
VOWELS = "aeiou"


def _stems(word: str) -> list[str]:
    """What an ending is added to: the word, less a final e ("chang-ing") or with a final y as i
    ("appli-ed"), or with its last consonant doubled ("cutt-ing")."""
    stems = [word]
    if word.endswith("e"):
        stems.append(word[:-1])
    elif word.endswith("y"):
        stems.append(word[:-1] + "i")
    elif len(word) >= 3 and word[-1] not in VOWELS + "wxy" and word[-2] in VOWELS and word[-3] not in VOWELS:
        stems.append(word + word[-1])
    return stems


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as it may stand in a text: whole words, any case, each with an ending, an apostrophe
    after a word ("three months' notice") and any spacing between them."""
    words = phrase.casefold().split()
    parts = ["(?:" + "|".join(re.escape(s) for s in _stems(w)) + ")" + ENDINGS + "(?:['’]s?)?" for w in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def listed_twice(loaded: Loaded[shapes.SearchFile] | None) -> list[Problem]:
    """A reader's word belongs to one synonym: listed twice, which of its ``means`` it stands for is unclear."""
    if loaded is None:
        return []
    first: dict[str, tuple[int, int]] = {}
    problems = []
    for i, synonym in enumerate(loaded.data.synonyms):
        for j, word in enumerate(synonym.words):
            key = " ".join(word.casefold().split())
            if key not in first:
                first[key] = (i, j)
                continue
            at, index = first[key]
            line = loaded.file.where(("synonyms", at, "words", index))[0]
            message = SEARCH["listed twice"].format(word=cut(shown(word)), line=line)
            problems.append(loaded.file.problem(("synonyms", i, "words", j), message))
    return problems


#: Each synonym's readers' words, with the patterns of its ``means``.
Synonyms = list[tuple[list[str], list[re.Pattern[str]]]]


def synonyms(loaded: Loaded[shapes.SearchFile] | None) -> Synonyms:
    """The synonyms of ``search.yaml`` (none without it), their ``means`` made patterns once for every provision."""
    if loaded is None:
        return []
    return [(synonym.words, [phrase_pattern(p) for p in synonym.means]) for synonym in loaded.data.synonyms]


def search_words(text: str, found_by: Synonyms) -> tuple[str, ...]:
    """The readers' words of every synonym whose ``means`` a provision's text holds (file order, once each)."""
    words = [w for given, means in found_by if any(p.search(text) for p in means) for w in given]
    return tuple(dict.fromkeys(words))


def unmatched(loaded: Loaded[shapes.SearchFile] | None, texts: Sequence[str], provisions: str) -> list[Problem]:
    """Warnings: a ``means`` that no provision holds leads no reader anywhere (a typo, or words an edition dropped)."""
    if loaded is None:
        return []
    warnings = []
    for i, synonym in enumerate(loaded.data.synonyms):
        for j, phrase in enumerate(synonym.means):
            pattern = phrase_pattern(phrase)
            if not any(pattern.search(text) for text in texts):
                message = SEARCH["means nothing"].format(phrase=cut(shown(phrase)), provisions=provisions)
                warnings.append(loaded.file.problem(("synonyms", i, "means", j), message).as_warning())
    return warnings
