"""What readers type into the site's search, and how high each engine must rank the answer.

Shared by the search tests of the Material build (tests/browser/test_search.py) and of the
Zensical build (tests/zensical/): the same queries, with the expected rank stated for each
engine. Zensical's search ignores the index's ``fields`` boosts and the pages' ``search.boost``
front matter, and ranks a page whose heading is the whole query (the glossary's entry for a
term) above a commitment holding the same words; where that changes a rank, its own column
says so, rather than the query being skipped. Also :func:`search`, which types a query into
Material's search box (tests/browser/test_search.py, and another Compact's in test_search_shapes.py).
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

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

#: Zensical ranks by the words alone, boosts aside: of the four provisions that hold "grant" and "cut"
#: (5.1, 5.2, 5.5, 5.8, through compact_data/search.yaml), the shorter come first.
FOURTH = 4

#: Questions in readers' own words, answered through the Compact's words by compact_data/search.yaml's
#: synonyms (tests/data/test_search_words.py proves each needs them). Zensical requires every typed
#: word, stop words too ("on", "our", "should"), and so finds nothing for some: stated as NOT_FOUND.
RESIDENTS: list[Query] = [
    Query("grant cut", "5.5", 1, FOURTH),
    Query("cut", "5.", 3, 3),
    Query("notice period", "5.5", 1, 1),
    Query("upfront payment", "1.13", 1, 1),
    Query("overheads", "1.4", 1, 1),
    Query("paperwork", "1.15", 3, 3),
    Query("red tape", "1.15", 3, 3),
    Query("small charity form filling", "1.15", 1, 1),
    Query("consultation too short", "3.3", 1, 1),
    Query("christmas consultation", "3.3", 1, 1),
    Query("how long should a consultation be", "3.3", 1, NOT_FOUND),
    Query("unfair funding decision", "5.5", 1, 1),
    Query("funding withdrawn", "5.5", 3, 3),
    Query("council cut our grant", "5.5", 3, NOT_FOUND),
    Query("long term funding", "1.6", 1, 1),
    Query("core costs", "1.4", 1, 1),
    Query("grant paid upfront", "1.13", 1, NOT_FOUND),
    Query("volunteer travel costs", "4.7", 1, 1),
    Query("unpaid volunteers replacing staff", "4.6", 1, 1),
    Query("minority groups", "2.", 3, 3),
    Query("logo on leaflets", "1.20", 1, NOT_FOUND),
    Query("premises", "1.11", 1, 1),
    Query("tendering", "1.8", 3, 3),
    Query("childminding", "3.5", 1, 1),
    Query("disabled access", "3.5", 3, 3),
]
#: Questions whose words the commitment holds already, asked as readers ask them.
RESIDENTS_IN_THE_COMPACTS_WORDS = [
    Query("volunteer expenses", "4.7", 1, 1),
    Query("appeal decision", "5.5", 1, 1),
]
QUERIES += RESIDENTS + RESIDENTS_IN_THE_COMPACTS_WORDS

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


# Material's search box: results are on screen and belong to the whole query: the highlight terms
# Material puts in each result's address are all words of what was typed.
RESULTS_READY = """q => {
  const meta = document.querySelector('.md-search-result__meta');
  if (meta && /no matching/i.test(meta.textContent)) { return true; }
  const links = Array.from(document.querySelectorAll('.md-search-result__list > li > a'));
  if (!links.length) { return false; }
  const words = q.toLowerCase().replace(/'/g, '').split(/[\\s\\-,:;!=\\[\\]()"\\/']+/);
  return links.every(a => (new URL(a.href).searchParams.get('h') || '').toLowerCase().replace(/'/g, '')
    .split(/\\s+/).filter(Boolean).every(w => words.includes(w)));
}"""

#: Added to a page before it loads (``context.add_init_script``): counts the queries Material's page
#: sends its search worker and the worker's answers. Material sends the field's value at each key
#: released, the worker answers each query once and in order (Material's message types: 2 a query,
#: 3 its results, as content/assets/javascripts/workers/phrase-search.js names them), and Material
#: draws an answer's results as it arrives, after this listener (added first) has counted it.
COUNT_ANSWERS = """(() => {
  const PageWorker = window.Worker;
  const counted = window.__searchWorker = { queries: [], answers: 0 };
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", e => { if (e.data && e.data.type === 3) { counted.answers += 1; } });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { counted.queries.push(message.data); }
      return super.postMessage(message, ...rest);
    }
  };
})();"""

#: The last query sent is the whole of what was typed, and every query sent has its answer drawn.
ANSWERED = """q => { const c = window.__searchWorker;
  return c.queries.length > 0 && c.queries[c.queries.length - 1] === q && c.answers === c.queries.length; }"""


def type_query(field: Any, query: str) -> None:
    """Type ``query`` into Material's search field (a page opened with :data:`COUNT_ANSWERS`), a key
    event for each character with no pause between, and wait until the whole query's results are drawn."""
    field.press_sequentially(query)
    field.page.wait_for_function(ANSWERED, arg=query)


def search(page: Any, query: str) -> list[str]:
    """Type a query into Material's search box on ``page`` (opened with :data:`COUNT_ANSWERS`);
    the result pages in order, as URL paths, once the whole query's answer is on screen."""
    if not page.evaluate("() => !!window.__searchWorker"):
        raise AssertionError("the search page must be opened with support.search.COUNT_ANSWERS")
    field = page.locator(".md-search__input")
    field.click()
    field.press("Control+a")
    field.press("Delete")
    type_query(field, query)
    page.wait_for_function(RESULTS_READY, arg=query)
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        ".md-search-result__list > li",
        "items => items.map(li => new URL(li.querySelector('a').href).pathname)",
    )
