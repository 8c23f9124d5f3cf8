"""What readers type into the site's search, and how high each engine must rank the answer.

Shared by the search tests of the Material build (tests/browser/test_search.py) and of the
Zensical build (tests/zensical/): the same queries, with the expected rank stated for each
engine. Zensical's search ignores the index's ``fields`` boosts and the pages' ``search.boost``
front matter, and ranks a page whose heading is the whole query (the glossary's entry for a
term) above a commitment holding the same words; where that changes a rank, its own column
says so, rather than the query being skipped.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Engine = Literal["material", "zensical"]


class Query(NamedTuple):
    """A query, the commitment it must find (``"3."``: any commitment of theme 3), and how high
    it must be for each engine: 1 = first, 3 = in the top three, 0 = not found at all."""

    text: str
    expected: str
    material: int
    zensical: int

    def within(self, engine: Engine) -> int:
        return self.material if engine == "material" else self.zensical


#: The glossary's entry for the term comes first in Zensical, the commitment second.
GLOSSARY_FIRST = 2
#: Zensical finds nothing: it has no word stems ("paying" is not "payment"), and Material's
#: phrase-first wrapper (phrase-search.js) is Material's alone.
NOT_FOUND = 0

QUERIES: list[Query] = [
    Query("full cost recovery", "1.4", 1, GLOSSARY_FIRST),
    Query("1.4", "1.4", 1, 1),
    Query("5.5", "5.5", 1, 1),
    Query("3.10", "3.10", 1, 1),
    Query("1.13", "1.13", 1, 1),
    Query("three months notice", "5.5", 1, 1),
    Query("three months' notice in writing", "5.5", 1, 1),
    Query("volunteers expenses", "4.7", 1, 1),
    Query("12 weeks", "3.3", 1, 1),
    Query("consultation", "3.", 3, 3),
    Query("multi-year funding", "1.6", 1, 1),
    Query("three-year", "1.6", 1, 1),
    Query("payment in advance", "1.13", 1, 1),
    Query("discrimination", "2.3", 1, 1),
    Query("eliminate unlawful discrimination", "2.3", 1, 1),
    Query("reserves", "1.4", 1, GLOSSARY_FIRST),
    Query("overhead costs", "1.4", 3, 3),
    Query("capacity building", "1.11", 3, 3),
    Query("childcare", "3.5", 1, 1),
    Query("holiday periods", "3.3", 1, 1),
    Query("volunteering is a choice", "4.1", 1, 1),
    Query("volunteers", "4.", 3, 3),
    Query("paid employees", "4.6", 1, 1),
    Query("Consultation Finder", "3.6", 1, 1),
    Query("publicity materials", "1.20", 1, 1),
    Query("intelligent commissioning", "1.1", 1, GLOSSARY_FIRST),
    Query("bureaucratic burden", "1.15", 1, 1),
    Query("timetable of actions", "5.4", 1, 1),
    Query("under-represented groups", "2.", 1, 1),
    Query("end funding", "5.", 1, 1),
    Query("community asset transfer", "1.11", 3, 3),
    Query("lead funder", "1.9", 3, 3),
    Query("serious breach of funding conditions", "5.5", 3, 3),
    Query("out-of-pocket expenses", "4.7", 1, 1),
    # Material: the typed words in order rank first (phrase-search.js), each typed word as the
    # start of a word ("paying" finds "payment").
    Query("social value", "1.1", 1, GLOSSARY_FIRST),
    Query("Social Value Act", "1.1", 1, GLOSSARY_FIRST),
    Query("paying in advance", "1.13", 1, NOT_FOUND),
    Query("payment in advance of expenditure", "1.13", 1, 1),
]

COMMITMENT_URL = re.compile(r"/commitments/(\d+\.\d+)/")


def commitment_ranks(paths: list[str]) -> list[str]:
    """Each result as a commitment number, or its path if it is another page."""
    return [m.group(1) if (m := COMMITMENT_URL.search(p)) else p for p in paths]


def check_ranking(query: Query, engine: Engine, paths: list[str]) -> None:
    """Fail unless ``query``'s commitment is as high in the results (URL paths, in order) as ``engine`` must put it."""
    results = commitment_ranks(paths)
    within = query.within(engine)
    if within == NOT_FOUND:  # stated, so that the test fails once the engine does find it
        assert query.expected not in results, f"{engine} now finds {query.text!r}: state its rank"
        return
    top = results[:within]
    if query.expected.endswith("."):
        found = any(r.startswith(query.expected) and COMMITMENT_URL.search(f"/commitments/{r}/") for r in top)
    else:
        found = query.expected in top
    place = "first" if within == 1 else f"in the top {within}"
    assert found, f"{engine}: {query.text!r} should show {query.expected} {place}; the results were {results[:8]}"
