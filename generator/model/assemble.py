"""From checked files to the cross-linked :class:`~generator.model.types.Compact`: how the files fit together.

Each check is a small function that returns the problems it finds (and, where
it resolves something, what it resolved), so that every problem in every file
is reported in one go. Nothing is built from data that has not passed them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.data import shapes
from generator.data.messages import unknown_key
from generator.data.problems import DataError, Problem
from generator.data.read import DataFiles, Loaded
from generator.data.source import Extent, OfficialText, Source, check_official_texts
from generator.data.yamlfile import Location, YamlFile
from generator.model import types as m
from generator.model.accessibility import accessibility_statement
from generator.model.group import absent_pages, group_slug, partners_group, printed_addresses
from generator.model.named import Gathered, Table, Use
from generator.model.published import ComplaintsProcedure, Licence
from generator.model.search import listed_twice, search_words, synonyms
from generator.model.types import PASSAGES

Entry = TypeVar("Entry")



# -- small checks ----------------------------------------------------------------

#: Ids the site's own templates (pages, handouts, the theme's overrides) give their elements. A key
#: that becomes an element id too (a value's key, a sector's slug, a complaints step's key) may not
#: take one, or a page would have two elements of one id (tests/data/test_element_ids.py reads the
#: templates to keep this list whole).
SITE_ELEMENT_IDS = frozenset({
    "__toc", "about-this-review", "action-plan", "assess-combine", "assess-combine-caption",
    "assess-combine-close",
    "assess-combine-file",
    "assess-combine-heading", "assess-combine-notes", "assess-combine-open", "assess-combine-rows",
    "assess-combine-summary", "assess-compare", "assess-compare-caption", "assess-compare-close",
    "assess-compare-file", "assess-compare-heading", "assess-compare-open", "assess-compare-rows",
    "assess-compare-summary", "assess-confirm", "assess-confirm-no", "assess-confirm-text", "assess-confirm-yes",
    "assess-csv", "assess-date", "assess-delete", "assess-files-heading", "assess-list", "assess-message",
    "assess-new", "assess-open", "assess-open-file", "assess-organisation", "assess-print", "assess-print-combined",
    "assess-progress", "assess-progress-caption", "assess-progress-heading", "assess-report", "assess-save",
    "assess-saved", "assess-sector", "assess-which", "assess-which-heading", "assess-withdrawn",
    "assess-withdrawn-heading", "assess-withdrawn-list", "common-situations", "compact-all", "compact-and-you",
    "compact-asks-heading", "compact-assess",
    "compact-assess-data", "compact-complaint", "compact-complaint-heading", "compact-complaint-nojs",
    "compact-complaint-unknown", "compact-complaints-data", "compact-filter", "compact-filter-empty",
    "compact-filter-status", "compact-goto", "compact-goto-error", "compact-goto-hint", "compact-goto-number",
    "compact-notfound-commitment", "compact-notfound-q", "compact-old-anchors", "compact-related",
    "compact-related-heading", "compact-related-list", "compact-steps", "compact-summary",
    "compact-summary-copy", "compact-summary-fields", "compact-summary-heading", "compact-summary-print",
    "compact-summary-printout", "compact-summary-status", "compact-topics", "compact-topics-heading",
    "compact-unknown-heading", "complaints", "contact",
    "editions", "filter-sector", "filter-theme", "filter-topic", "introduction", "membership", "merged", "new",
    "next-steps", "outcomes", "page-not-found", "provisions", "record", "renumbered", "review-summary", "reworded",
    "split", "themes", "unchanged", "values", "where-answers-are-kept", "withdrawn",
})
#: The keys that become element ids: (file's field in DataFiles, list, key, what it is).
ID_KEYS = (("values", "values", "key", "a value's key"), ("sectors", "sectors", "slug", "a sector's slug"),
           ("complaints", "steps", "key", "a complaints step's key"))


def check_element_ids(files: DataFiles) -> list[Problem]:
    """No key that becomes an element id is one the site's own templates give an element."""
    problems = []
    for name, field, attribute, what in ID_KEYS:
        loaded = getattr(files, name)
        for index, entry in enumerate(getattr(loaded.data, field) if loaded is not None else []):
            key = getattr(entry, attribute)
            if key in SITE_ELEMENT_IDS:
                problems.append(loaded.file.problem((field, index, attribute), (
                    f"'{key}' cannot be {what}: it becomes the id of an element of the page, and the site's "
                    "pages already give that id to one of their own; choose another")))
    return problems


def unique(
    loaded: Loaded[Any] | None, field: str, attribute: str, what: str
) -> tuple[dict[str, Any], list[Problem]]:
    """Entries of a list by ``attribute``, and a problem for each repeat."""
    if loaded is None:
        return {}, []
    seen: dict[str, tuple[int, Any]] = {}
    problems = []
    for index, entry in enumerate(getattr(loaded.data, field)):
        value = getattr(entry, attribute)
        if value in seen:
            first = loaded.file.where((field, seen[value][0], attribute))[0]
            problems.append(
                loaded.file.problem(
                    (field, index, attribute), f"duplicate {what} '{value}' (first given at line {first})"
                )
            )
        else:
            seen[value] = (index, entry)
    return {value: entry for value, (_, entry) in seen.items()}, problems


def resolve(
    file: YamlFile, location: Location, keys: Iterable[str], known: dict[str, Entry] | None, what: str,
    unknown: list[Use] | None = None,
) -> tuple[tuple[Entry, ...], list[Problem]]:
    """The entries ``keys`` name; ``known`` is None if their file is broken (already reported). Keys it
    lacks are problems, or go to ``unknown`` to be told once for all the provisions that name them."""
    if known is None:
        return (), []
    found, problems = [], []
    for index, key in enumerate(keys):
        if key in known:
            found.append(known[key])
        elif unknown is not None:
            unknown.append(Use(file, (*location, index), key))
        else:
            problems.append(file.problem((*location, index), unknown_key(what, key, names_of(known))))
    return tuple(found), problems


def names_of(known: dict[str, Any]) -> dict[str, tuple[str | None, ...]]:
    """What each entry is also called (a sector's name, a topic's name, a term), for 'did you mean'."""
    return {key: tuple(getattr(entry, name, None) for name in ("name", "heading", "in_text", "slug", "label",
                                                                 "term", "abbr")) for key, entry in known.items()}


def check_one_shared(sectors: Loaded[shapes.SectorsFile] | None) -> list[Problem]:
    """At most one sector is the shared one: its commitments bind all the others."""
    if sectors is None:
        return []
    shared = [i for i, s in enumerate(sectors.data.sectors) if s.shared]
    first = sectors.file.where(("sectors", shared[0], "shared"))[0] if shared else 0
    problems = [
        sectors.file.problem(("sectors", i, "shared"), f"only one sector can be shared (the first is at line {first})")
        for i in shared[1:]
    ]
    if shared and len(sectors.data.sectors) == len(shared):
        problems.append(sectors.file.problem(
            ("sectors", shared[0], "shared"), "a shared sector binds the other sectors: add them, or remove 'shared'"
        ))
    return problems


def editor_words(files: DataFiles) -> shapes.Words:
    """What the document calls its provisions and parts, for the editor's messages too."""
    return files.compact.data.words if files.compact is not None else shapes.GENERIC_WORDS


def check_theme_numbers(
    themes: Sequence[Loaded[shapes.ThemeFile]], unreadable: set[int], words: shapes.Words = shapes.GENERIC_WORDS
) -> list[Problem]:
    """Themes the document numbers with whole numbers run 1, 2, 3… without gaps (a theme that could
    not be read keeps its place)."""
    problems, expected = [], 1
    for theme in themes:
        printed = theme.data.number
        if printed is None or not printed.isdigit():
            continue
        while expected in unreadable:
            expected += 1
        if int(printed) != expected:
            problems.append(
                theme.file.problem(("number",), f"{words.parts} must be numbered 1, 2, 3… without gaps: expected "
                                   f"{words.part} {expected} here, found {printed}")
            )
        expected = int(printed) + 1
    return problems


def check_theme_slugs(themes: Sequence[Loaded[shapes.ThemeFile]]) -> list[Problem]:
    """Every part's slug, nested parts' too, names one page."""
    slugs: dict[str, str] = {}
    problems = []
    for theme in themes:
        for location, part in parts_of(theme.data):
            slug = part.slug
            if slug in slugs:
                problems.append(
                    theme.file.problem((*location, "slug"),
                                       f"duplicate theme slug '{slug}' (also used in {slugs[slug]})")
                )
            slugs.setdefault(slug, theme.file.path)
    return problems


def parts_of(part: shapes.PartEntry, location: Location = ()) -> Iterator[tuple[Location, shapes.PartEntry]]:
    """A part and the parts nested in it, in the document's order, with where each is written."""
    yield location, part
    for index, child in enumerate(part.parts):
        yield from parts_of(child, (*location, "parts", index))


@dataclass(frozen=True)
class Written:
    """A provision as its file gives it: where, in which list and parts, binding whom."""

    file: YamlFile
    location: Location
    entry: shapes.CommitmentEntry
    #: The list it is in, if the document gives it as one of several (``lists:``).
    list_entry: shapes.ListEntry | None
    #: Its sector's key and where that is written (its own, or its list's).
    sector: str | None
    sector_location: Location
    #: The parts it is in, outermost first (none in a document without parts).
    parts: tuple[shapes.PartEntry, ...]

    @property
    def number(self) -> str | None:
        """The number the document prints for it (its id, if the id is one and it gives no other)."""
        if self.entry.number is not None:
            return self.entry.number
        return self.entry.id if shapes.NUMERIC_ID.match(self.entry.id) else None


def holder_lists(
    holder: shapes.ProvisionsFile | shapes.PartEntry, location: Location
) -> Iterator[tuple[Location, shapes.ListEntry | None, list[shapes.CommitmentEntry]]]:
    """A part's lists in order: its one list (``commitments:``) or each of ``lists:``."""
    if holder.commitments:
        yield (*location, "commitments"), None, holder.commitments
    for index, listed in enumerate(holder.lists):
        yield (*location, "lists", index, "commitments"), listed, listed.commitments


def written_in(
    file: YamlFile, holder: shapes.ProvisionsFile | shapes.PartEntry, location: Location,
    parts: tuple[shapes.PartEntry, ...],
) -> Iterator[Written]:
    """Every provision a part (and the parts nested in it) gives, in the document's order."""
    for list_location, listed, entries in holder_lists(holder, location):
        for index, entry in enumerate(entries):
            where = (*list_location, index)
            if entry.sector is not None or listed is None or listed.sector is None:
                sector, sector_location = entry.sector, (*where, "sector")
            else:
                sector, sector_location = listed.sector, (*list_location[:-1], "sector")
            yield Written(file, where, entry, listed, sector, sector_location, parts)
    if isinstance(holder, shapes.PartEntry):
        for index, child in enumerate(holder.parts):
            yield from written_in(file, child, (*location, "parts", index), (*parts, child))


def written_provisions(files: DataFiles) -> list[Written]:
    """Every provision of one edition's files, in the document's order."""
    found: list[Written] = []
    if files.provisions is not None:
        found += written_in(files.provisions.file, files.provisions.data, (), ())
    for theme in files.themes:
        found += written_in(theme.file, theme.data, (), (theme.data,))
    return found


def check_holders(files: DataFiles) -> list[Problem]:
    """A part gives its provisions as one list or as several, not both."""
    holders: list[tuple[YamlFile, Location, shapes.ProvisionsFile | shapes.PartEntry]] = []
    if files.provisions is not None:
        holders.append((files.provisions.file, (), files.provisions.data))
    for theme in files.themes:
        holders += [(theme.file, location, part) for location, part in parts_of(theme.data)]
    return [file.problem((*location, "lists"), "give this part's provisions either as 'commitments:' (one list) "
                         "or as 'lists:' (several, each with its own heading or lead-in), not both")
            for file, location, holder in holders if holder.commitments and holder.lists]


def check_commitment_ids(
    written: Sequence[Written], words: shapes.Words = shapes.GENERIC_WORDS
) -> tuple[dict[str, Written], list[Problem]]:
    """Ids are unique; printed numbers belong to their part and run in order; the usable ids come back."""
    defined: dict[str, Written] = {}
    problems = []
    last: dict[tuple[int, str], int] = {}  # (the part's identity, the number's prefix) → the last number in it
    for item in written:
        entry, file, where = item.entry, item.file, (*item.location, "id")
        number = item.number if item.number is not None and shapes.NUMERIC_ID.match(item.number) else None
        prefix, _, position = (number or "").rpartition(".")
        numbered = [p for p in item.parts if p.number is not None]
        part_number = numbered[-1].number if numbered else None  # the innermost part that prints a number
        # Numbers run on through the part that prints their prefix (or, unnumbered, the top part).
        part = next((p for p in reversed(item.parts) if p.number == prefix), item.parts[0] if item.parts else None)
        scope = (id(part), prefix)
        expected = last.get(scope, 0) + 1
        place = where if entry.number is None else (*item.location, "number")
        if number is not None and prefix and part_number is not None and prefix != part_number:
            problems.append(file.problem(place, f"{words.provision} id '{number}' does not belong to {words.part} "
                                         f"{part_number} (ids in this file start with '{part_number}.')"))
            scope = (id(part), part_number)
            last[scope] = last.get(scope, 0) + 1
            continue
        if entry.id in defined:
            first = defined[entry.id]
            line, column = first.file.where((*first.location, "id"))
            problems.append(file.problem(where, f"duplicate commitment id '{entry.id}' "
                                         f"(first defined at {first.file.path}:{line}:{column})"))
            last[scope] = expected  # it holds a place: the next is not told as a gap
            continue
        defined[entry.id] = item
        if number is None:
            continue
        if int(position) != expected:
            shown = f"{prefix}.{expected}" if prefix else str(expected)
            problems.append(file.problem(place, f"{words.provisions} must be numbered in order without gaps: "
                                         f"expected '{shown}' here, found '{number}'"))
        last[scope] = int(position)  # carry on from here: one gap, one message
    return defined, problems


def check_quotes(complaints: Loaded[shapes.ComplaintsFile], compact: shapes.CompactFile) -> list[Problem]:
    """The complaints guide quotes only passages this Compact has."""
    return [
        complaints.file.problem(("steps", s, "quotes", q), f"compact.yaml has no passage '{name}' to quote")
        for s, step in enumerate(complaints.data.steps)
        for q, name in enumerate(step.quotes)
        if getattr(compact, name) is None
    ]


def terms_used(
    text: str, explicit: tuple[m.GlossaryTerm, ...], terms: Iterable[m.GlossaryTerm]
) -> tuple[m.GlossaryTerm, ...]:
    """Glossary terms a text uses: those it names explicitly plus those it mentions."""
    found = list(explicit)
    for term in terms:
        if term in found:
            continue
        for form in term.matches:
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags=re.IGNORECASE):
                found.append(term)
                break
    return tuple(found)


# -- the official text against its source ------------------------------------------


def official_texts(files: DataFiles) -> list[OfficialText]:
    """Every text the site marks as the Compact's own words, with where the data gives it.

    Texts of one ``sequence`` (the provisions, the values, the outcomes, one passage's paragraphs)
    must take the source's words in order, each its own; quotations are ``excerpt``s.
    """
    texts: list[OfficialText] = []
    words = editor_words(files)

    def add(loaded: Loaded[Any] | None, location: Location, what: str, text: str, *,
            extent: Extent = "whole", sequence: str = "", any_case: bool = False, heading: bool = False,
            own_words: str = "") -> None:
        if loaded is not None:
            place = loaded.file.problem(location, "")
            texts.append(OfficialText(what, text, place, any_case, extent, sequence, heading, own_words))

    if files.compact is not None:
        add(files.compact, ("title",), "the document's title", files.compact.data.title, heading=True)
        if files.compact.data.subtitle is not None:
            add(files.compact, ("subtitle",), "the document's subtitle", files.compact.data.subtitle)
    def holder_texts(loaded: Loaded[Any], holder: shapes.ProvisionsFile | shapes.PartEntry, location: Location,
                     name: str) -> None:
        for i, paragraph in enumerate(holder.introduction):
            add(loaded, (*location, "introduction", i), f"the introduction to {name}", paragraph,
                sequence=f"introduction {name}")
        for list_location, listed, entries in holder_lists(holder, location):
            if listed is not None and listed.heading is not None:
                add(loaded, (*list_location[:-1], "heading"), f"a list heading in {name}", listed.heading,
                    heading=True)
            if listed is not None and listed.lead_in is not None:
                add(loaded, (*list_location[:-1], "lead_in"), f"a list's lead-in in {name}", listed.lead_in)
            for i, entry in enumerate(entries):
                add(loaded, (*list_location, i, "text"), f"{words.provision} {entry.id}", entry.text,
                    sequence="provisions")
        if isinstance(holder, shapes.PartEntry):
            for i, child in enumerate(holder.parts):
                child_location = (*location, "parts", i)
                child_name = f"{words.part} {child.number or child.slug}"
                add(loaded, (*child_location, "title"), f"the title of {child_name}", child.title, heading=True)
                holder_texts(loaded, child, child_location, child_name)

    if files.provisions is not None:
        holder_texts(files.provisions, files.provisions.data, (), "the provisions")
    for theme in files.themes:
        name = f"{words.part} {theme.data.number or theme.data.slug}"
        add(theme, ("title",), f"the title of {name}", theme.data.title, heading=True)
        holder_texts(theme, theme.data, (), name)
    if files.values is not None:
        for i, value in enumerate(files.values.data.values):
            add(files.values, ("values", i, "text"), f"value '{value.key}'", value.text, sequence="values")
    if files.references is not None:
        for i, reference in enumerate(files.references.data.references):
            add(files.references, ("references", i, "text"), f"footnote '{reference.key}'", reference.text,
                extent="whole" if reference.footnote else "excerpt")
    if files.glossary is not None:
        for i, term in enumerate(files.glossary.data.terms):
            if term.source == "compact":
                add(files.glossary, ("terms", i, "definition"), f"the Compact's definition of '{term.term}'",
                    term.definition, extent="excerpt", any_case=True, own_words="source: explanatory")
    if files.compact is not None:
        data = files.compact.data
        for name in PASSAGES:
            passage = getattr(data, name)
            if passage is not None:
                add(files.compact, (name, "heading"), f"the heading of '{name}'", passage.heading, heading=True)
                for i, paragraph in enumerate(passage.paragraphs):
                    add(files.compact, (name, "paragraphs", i), f"passage '{name}'", paragraph,
                        sequence=f"passage {name}")
        if data.outcomes is not None:
            if data.outcomes.heading is not None:
                add(files.compact, ("outcomes", "heading"), "the heading of the outcomes", data.outcomes.heading,
                    heading=True)
            if data.outcomes.lead_in is not None:
                add(files.compact, ("outcomes", "lead_in"), "the outcomes' lead-in", data.outcomes.lead_in)
            for i, outcome in enumerate(data.outcomes.items):
                add(files.compact, ("outcomes", "items", i), f"outcome {i + 1}", outcome, sequence="own outcomes")
        if data.national_compact is not None:
            add(files.compact, ("national_compact", "lead_in"), "the national Compact's lead-in",
                data.national_compact.lead_in)
            for i, outcome in enumerate(data.national_compact.outcomes):
                add(files.compact, ("national_compact", "outcomes", i), f"outcome {i + 1}", outcome,
                    sequence="outcomes")
    return texts


def check_source(files: DataFiles, label: str) -> list[Problem]:
    """Every official text against the source document ``compact.yaml`` names (if it names one that
    the data stage could read: if not, it said why)."""
    if files.compact is None or files.compact.data.source is None or files.source is None:
        return []
    corrections = [(c.source, c.reads) for c in files.compact.data.source.corrections]
    return check_official_texts(Source(files.source.text, corrections), official_texts(files), label)


# -- building ----------------------------------------------------------------------


def name_in_text(title: str, given: str | None) -> str:
    """How a sentence names the document: "the Riverford Compact", never "the The Compact"."""
    if given is not None:
        return given
    if title.startswith("The "):
        return "the " + title[4:]
    return "the " + title


class Assembler:
    """Collects the problems of every check while it builds the model's parts.

    ``gathered``: where the keys of shared tables the provisions name go, by the table's file, to be
    told once for every edition (None: told here, for this edition alone). ``current``: the current
    edition, when this is an earlier one: its editorial extras are kept up there.
    """

    def __init__(
        self, files: DataFiles, gathered: dict[str, Gathered] | None = None, current: m.Compact | None = None
    ) -> None:
        self.files = files
        self.gathered = gathered
        self.current = current
        self.problems: list[Problem] = []
        self.values: dict[str, shapes.ValueEntry] = {}

    def take(self, result: tuple[Entry, list[Problem]]) -> Entry:
        value, problems = result
        self.problems.extend(problems)
        return value

    def tables(self) -> dict[str, dict[str, Any] | None]:
        """Each keyed table by key, as model objects; ``None`` where the file did not load."""
        f = self.files
        references = self.take(unique(f.references, "references", "key", "reference"))
        topics = self.take(unique(f.topics, "topics", "key", "topic"))
        glossary = self.take(unique(f.glossary, "terms", "key", "glossary term"))
        sectors = self.take(unique(f.sectors, "sectors", "key", "sector"))
        self.take(unique(f.sectors, "sectors", "slug", "sector slug"))
        self.take(unique(f.glossary, "terms", "term", "glossary term"))
        self.take(unique(f.complaints, "steps", "key", "complaints step"))
        self.values = self.take(unique(f.values, "values", "key", "value"))
        self.problems += check_one_shared(f.sectors)
        self.problems += check_element_ids(f)
        return {
            "references": None if f.references is None else {
                k: m.Reference(e.key, e.label, e.text, e.note, e.footnote) for k, e in references.items()
            },
            "sectors": None if f.sectors is None else {
                k: m.Sector(e.key, e.name, e.heading, e.slug, e.summary, e.in_text or e.name, e.shared)
                for k, e in sectors.items()
            },
            "topics": None if f.topics is None else {
                k: m.Topic(e.key, e.name, e.question, e.summary) for k, e in topics.items()
            },
            "glossary": None if f.glossary is None else {
                k: m.GlossaryTerm(e.key, e.term, e.abbr, tuple(e.matches), e.source, e.where, e.definition)
                for k, e in glossary.items()
            },
        }

    def themes(
        self, tables: dict[str, dict[str, Any] | None]
    ) -> tuple[tuple[m.Theme, ...], tuple[m.ProvisionList, ...]]:
        """The parts (nested as written) and the lists of a document without parts, with their provisions;
        a ``None`` table is not consulted (its file is broken). Each is made whole, from what is in it:
        the parts' names first, then the provisions that name them, then the lists and the parts."""
        f = self.files
        self.problems += check_theme_numbers(f.themes, f.unreadable_themes, editor_words(f))
        self.problems += check_theme_slugs(f.themes)
        self.problems += check_holders(f)
        written = written_provisions(f)
        holders = [t.file for t in f.themes] + ([f.provisions.file] if f.provisions is not None else [])
        if not written and holders and not f.unreadable_themes:
            self.problems.append(holders[0].problem((), "the document has no provisions: give each its "
                                                    "'commitments:' in its part, or in provisions.yaml"))
        defined = self.take(check_commitment_ids(written, editor_words(f)))
        given = editor_words(f)
        words = m.Words(given.provision, given.provisions, given.part, given.parts)
        names = part_names(words, [t.data for t in f.themes])
        printed = Counter(item.number for item in written if item.number is not None)
        made = self.provisions(self.resolved(written, defined, tables), defined, names, words, printed)
        in_list: dict[tuple[int, Location], list[m.Commitment]] = defaultdict(list)
        in_part: dict[int, list[m.Commitment]] = defaultdict(list)  # by the identity of the part's data
        for commitment, item in made:
            in_list[(id(item.file), item.location[:-1])].append(commitment)
            for part in item.parts:
                in_part[id(part)].append(commitment)

        def make_lists(file: YamlFile, holder: shapes.ProvisionsFile | shapes.PartEntry,
                       location: Location) -> tuple[m.ProvisionList, ...]:
            return tuple(m.ProvisionList(listed.heading if listed else None, listed.lead_in if listed else None,
                                         tuple(in_list[(id(file), list_location)]))
                         for list_location, listed, _ in holder_lists(holder, location))

        def build(file: YamlFile, data: shapes.PartEntry, location: Location) -> m.Theme:
            name = names[id(data)]
            return m.Theme(
                name.number, name.title, name.slug, name.heading, name.named, name.parent,
                introduction=tuple(data.introduction), commitments=tuple(in_part[id(data)]),
                lists=make_lists(file, data, location),
                parts=tuple(build(file, child, (*location, "parts", i)) for i, child in enumerate(data.parts)),
            )

        themes = tuple(build(t.file, t.data, ()) for t in f.themes)
        top_lists = () if f.provisions is None else make_lists(f.provisions.file, f.provisions.data, ())
        return themes, top_lists

    def resolved(
        self, written: Sequence[Written], defined: dict[str, Written], tables: dict[str, dict[str, Any] | None]
    ) -> list[Resolved]:
        """Each provision's keys resolved (every unknown one reported); those with problems of their own left out."""
        sectors, terms = tables["sectors"], tables["glossary"]
        found = []
        unknown_topics: list[Use] = []
        for item in written:
            entry, file = item.entry, item.file
            sector = None
            if item.sector is None:
                self.problems.append(file.problem((*item.location, "text"), (
                    "this commitment says nothing of whom it binds: give it 'sector:', or give its list one")))
            elif sectors is not None:
                sector = sectors.get(item.sector)
                if sector is None:
                    self.problems.append(file.problem(
                        item.sector_location, unknown_key("sector", item.sector, names_of(sectors))))
            explicit = self.take(resolve(file, (*item.location, "terms"), entry.terms, terms, "glossary term"))
            cited = self.take(resolve(file, (*item.location, "references"), entry.references, tables["references"],
                                      "reference"))
            topics = self.take(resolve(file, (*item.location, "topics"), entry.topics, tables["topics"], "topic",
                                       unknown_topics))
            if sector is not None and defined.get(entry.id) is item:
                used = terms_used(entry.text, explicit, (terms or {}).values())
                found.append(Resolved(item, sector, cited, topics, used))
        self.gather_topics(written, unknown_topics, tables)
        return found

    def gather_topics(
        self, written: Sequence[Written], unknown: list[Use], tables: dict[str, dict[str, Any] | None]
    ) -> None:
        """The topics the provisions name that topics.yaml lacks: told here, or gathered for every edition."""
        f = self.files
        if f.topics is None or tables["topics"] is None:
            return
        table = Table("topic", "topics", f.topics, names_of(tables["topics"]))
        named = Gathered(table) if self.gathered is None else self.gathered.setdefault(table.loaded.file.path,
                                                                                      Gathered(table))
        named.unknown += unknown
        named.used.update(key for item in written for key in item.entry.topics)
        if self.gathered is None:
            self.problems += named.problems(editor_words(f).provisions)

    def provisions(
        self, resolved: Sequence[Resolved], defined: dict[str, Written], names: dict[int, m.PartName], words: m.Words,
        printed: Counter[str],
    ) -> list[tuple[m.Commitment, Written]]:
        """The provisions, each with its parts' names, its related provisions' names and its search words
        (``printed``: how many provisions print each number). The provisions' own names come first."""
        related = self.related(resolved, defined)
        found_by = synonyms(self.files.search)
        provision_names: dict[str, m.ProvisionName] = {}
        for r in resolved:
            item, entry = r.item, r.item.entry
            part_title = names[id(item.parts[-1])].title if item.parts else None
            short = short_number(item.number, part_title, item.number is not None and printed[item.number] > 1)
            provision_names[entry.id] = m.ProvisionName(entry.id, r.sector, entry.text, item.number, short,
                                                        provision_name(words, short, entry.text))
        made = []
        for r in resolved:
            item, own = r.item, provision_names[r.item.entry.id]
            enclosing = [names[id(p)] for p in item.parts]
            topics, related_ids = r.topics, related[own.id]
            same = self.current.find(own.id) if self.current is not None else None
            if same is not None and same.text == own.text:  # editorial extras are kept up in the current edition
                topics = topics or same.topics
                related_ids = related_ids or tuple(o.id for o in same.related if o.id in provision_names)
            commitment = m.Commitment(
                own.id, own.sector, own.text, own.number, own.short_number, own.name,
                theme=enclosing[0] if enclosing else None, part=enclosing[-1] if enclosing else None,
                references=r.references, topics=topics, terms=r.terms,
                related=tuple(provision_names[i] for i in related_ids), search_words=search_words(own.text, found_by),
                lead_in=item.list_entry.lead_in if item.list_entry is not None else None,
            )
            made.append((commitment, item))
        return made

    def related(self, resolved: Sequence[Resolved], defined: dict[str, Written]) -> dict[str, tuple[str, ...]]:
        """Each provision's related ids, both ways, in the document's order; a link to an id with problems
        of its own is not reported again."""
        order = {r.item.entry.id: n for n, r in enumerate(resolved)}
        links: dict[str, set[str]] = {cid: set() for cid in order}
        for r in resolved:
            item, cid = r.item, r.item.entry.id
            for position, other in enumerate(item.entry.related):
                location = (*item.location, "related", position)
                prefix = other.partition(".")[0]
                if other == cid:
                    self.problems.append(item.file.problem(location, f"commitment {other} cannot be related to itself"))
                elif other in order:
                    links[cid].add(other)
                    links[other].add(cid)
                elif other not in defined and not (prefix.isdigit() and int(prefix) in self.files.unreadable_themes):
                    self.problems.append(item.file.problem(location, f"related commitment '{other}' does not exist"))
        return {cid: tuple(sorted(links[cid], key=order.__getitem__)) for cid in order}


@dataclass(frozen=True)
class Resolved:
    """A provision whose keys resolved: what it is made of, besides its parts, numbers and related links."""

    item: Written
    sector: m.Sector
    references: tuple[m.Reference, ...]
    topics: tuple[m.Topic, ...]
    terms: tuple[m.GlossaryTerm, ...]


def part_names(words: m.Words, themes: Sequence[shapes.PartEntry]) -> dict[int, m.PartName]:
    """Each part's name (with its parent's), by the identity of its data: made before what is in the part."""
    names: dict[int, m.PartName] = {}

    def name(data: shapes.PartEntry, parent: m.PartName | None) -> None:
        named = f"{words.part} {data.number}" if data.number is not None else data.title
        names[id(data)] = m.PartName(data.number, data.title, data.slug,
                                     part_heading(words, data.number, data.title), named, parent)
        for child in data.parts:
            name(child, names[id(data)])

    for theme in themes:
        name(theme, None)
    return names


#: The words a provision's name from its first words holds: as a rule, and at the most.
NAME_WORDS, NAME_WORDS_MOST = 6, 8
#: Words a name may not end on: the phrase goes on after them ("…every community", "…and for").
PHRASE_GOES_ON = frozenset(
    "a an the and or but nor for of to in on at by with from into onto as than that which who whose whom"
    " what every each any all its their our your his her this these those some no not".split()
)
#: Words that open a clause: a name ends best before one ("Value the time and skills…" before "that").
CLAUSE_OPENS = frozenset("and or but nor that which who whose whom before after when where while because so "
                         "if unless until".split())
#: What a word may end with where its clause ends (dropped from the name before its ellipsis).
CLAUSE_ENDS = ",;:"


def excerpt(text: str) -> str:
    """The first words of a text, to name a provision the document gives no number: its start, cut
    where a phrase ends (never on "of" or "every"), with an ellipsis; a text of a few words whole."""
    split = text.split()
    if len(split) <= NAME_WORDS:
        return text
    words = [w.lower().strip(CLAUSE_ENDS + ".!?\"'“”‘’()") for w in split]

    def ends_phrase(k: int) -> bool:  # the name of its first k words ends where a phrase does
        goes_on = words[k] in PHRASE_GOES_ON | CLAUSE_OPENS
        return words[k - 1] not in PHRASE_GOES_ON and (split[k - 1][-1] in CLAUSE_ENDS or goes_on)

    def ends_clause(k: int) -> bool:
        return ends_phrase(k) and (split[k - 1][-1] in CLAUSE_ENDS or words[k] in CLAUSE_OPENS)

    cuts = range(min(NAME_WORDS_MOST, len(split) - 1), 1, -1)
    tiers = ([k for k in cuts if k <= NAME_WORDS and ends_clause(k)], [k for k in cuts if ends_clause(k)],
             [k for k in cuts if ends_phrase(k)],
             [k for k in cuts if k <= NAME_WORDS and words[k - 1] not in PHRASE_GOES_ON])
    cut = next((tier[0] for tier in tiers if tier), NAME_WORDS)
    return " ".join(split[:cut]).rstrip(CLAUSE_ENDS) + "…"


def part_heading(words: m.Words, number: str | None, title: str) -> str:
    """How a page heads a part: "Theme 1: Allocating resources", or its title where it prints no number."""
    return f"{words.Part} {number}: {title}" if number is not None else title


def short_number(number: str | None, part_title: str | None, repeated: bool) -> str | None:
    """A provision's number as a short reference gives it: "1.4"; a number printed twice (numbers
    that restart in each code) with its part, "3 (Funding code)"; None where it has none."""
    if number is None:
        return None
    return f"{number} ({part_title})" if repeated and part_title is not None else number


def provision_name(words: m.Words, short: str | None, text: str) -> str:
    """How a sentence names a provision, in the document's own words and numbering: "commitment 1.4",
    "undertaking 3 (Funding code)"; one without a number by its first words, 'principle “Share information with…”'."""
    return f"{words.provision} {short}" if short is not None else f"{words.provision} “{excerpt(text)}”"


def licence(data: shapes.Licence | None, current: m.Compact | None) -> Licence | None:
    """The terms of reuse the data states; an earlier edition without them has the current one's
    (the site's terms cover every edition)."""
    if data is None:
        return current.licence if current is not None else None
    return Licence(data.name, data.url, data.statement)


def passage(data: shapes.Passage | None) -> m.Passage | None:
    return None if data is None else m.Passage(data.heading, tuple(data.paragraphs))


def complaints_guide(data: shapes.ComplaintsFile, compact: shapes.CompactFile) -> m.ComplaintsGuide:
    """The complaints guide, with each quoted passage taken verbatim from compact.yaml."""
    steps = tuple(
        m.ComplaintStep(
            key=step.key,
            title=step.title,
            paragraphs=tuple(step.paragraphs),
            checklist=tuple(step.checklist),
            links=tuple(m.ComplaintLink(link.text, link.page) for link in step.links),
            quotes=tuple(p for p in (passage(getattr(compact, name)) for name in step.quotes) if p is not None),
        )
        for step in data.steps
    )
    procedure = None if data.procedure is None else ComplaintsProcedure(data.procedure.name, data.procedure.url)
    return m.ComplaintsGuide(data.title, tuple(data.introduction), steps, tuple(data.summary_fields), procedure)


def assemble(
    files: DataFiles, problems: list[Problem], gathered: dict[str, Gathered] | None = None, *,
    is_current: bool = True, current: m.Compact | None = None,
) -> m.Compact:
    """An edition's model, or :class:`DataError` with every problem (``problems``: those found while reading).

    With ``gathered``, the topics the provisions name that topics.yaml lacks are not this edition's
    problems but gathered there, for the caller to tell once for every edition. An earlier edition
    (``is_current`` False) takes from the ``current`` one, if that could be made, what is kept up
    there: a commitment's topics and related links where its words are the same, the licence. It is
    made on its own; :func:`generator.model.load.assemble_editions` makes it again holding the one before.
    """
    assembler = Assembler(files, gathered, current)
    assembler.problems.extend(problems)
    tables = assembler.tables()
    themes, top_lists = assembler.themes(tables)
    compact_file, complaints = files.compact, files.complaints
    if compact_file is not None and complaints is not None:
        assembler.problems += check_quotes(complaints, compact_file.data)
    if compact_file is not None:
        title_in_text = name_in_text(compact_file.data.title, compact_file.data.title_in_text)
        label = f"{title_in_text} ({compact_file.data.edition})"  # as Compact.label gives it
        assembler.problems += check_source(files, label)
    if not files.complete:
        raise DataError(assembler.problems)
    assert compact_file is not None and complaints is not None
    references = tables["references"] or {}
    data = compact_file.data
    outcomes = None
    if data.outcomes is not None:
        refs = assembler.take(resolve(compact_file.file, ("outcomes", "references"), data.outcomes.references,
                                      references, "reference"))
        outcomes = m.Outcomes(data.outcomes.heading, data.outcomes.lead_in, tuple(data.outcomes.items), refs)
    national = None
    if data.national_compact is not None:
        refs = assembler.take(resolve(compact_file.file, ("national_compact", "references"),
                                      data.national_compact.references, references, "reference"))
        national = m.NationalCompact(data.national_compact.lead_in, tuple(data.national_compact.outcomes), refs)
    values_file = files.values
    values = () if values_file is None else tuple(
        m.Value(e.key, e.text,
                assembler.take(resolve(values_file.file, ("values", i, "references"), e.references, references,
                                       "reference")))
        for i, e in enumerate(assembler.values.values())
    )
    has_group = data.partners_group is not None
    addresses = assembler.take(printed_addresses(compact_file, absent_pages(files)))
    group = assembler.take(partners_group(
        files.partners_group, has_group, tables["sectors"], group_slug(addresses), files.documents
    ))
    statement = assembler.take(accessibility_statement(files.accessibility, has_group))
    assembler.problems += listed_twice(files.search)
    if assembler.problems:
        raise DataError(assembler.problems)
    return m.Compact(
        title=data.title,
        name_in_text=title_in_text,
        short_name=data.short_name,
        words=m.Words(data.words.provision, data.words.provisions, data.words.part, data.words.parts),
        edition=data.edition,
        subtitle=data.subtitle,
        slug=data.slug,
        description=data.description,
        copyright=data.copyright or (
            f"The text of {label} is reproduced word for word and marked as official "
            "text; everything else on this site is explanatory."
        ),
        keeper=data.keeper,
        source=files.source.path if files.source is not None else None,
        values=values,
        sectors=tuple((tables["sectors"] or {}).values()),
        themes=themes,
        references=tuple(references.values()),
        topics=tuple((tables["topics"] or {}).values()),
        glossary=tuple((tables["glossary"] or {}).values()),
        complaints=complaints_guide(complaints.data, data),
        national_compact=national,
        outcomes=outcomes,
        lists=top_lists,
        lists_introduction=tuple(files.provisions.data.introduction) if files.provisions is not None else (),
        adopted=data.adopted,
        printed_addresses=addresses,
        group=group,
        accessibility=statement,
        licence=licence(data.licence, current),
        is_current=is_current,
        changes=None,  # made again holding the edition before it (generator.model.load)
        **{name: passage(getattr(data, name)) for name in PASSAGES},
    )
