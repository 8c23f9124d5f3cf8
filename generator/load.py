"""Load ``compact_data/``, check it thoroughly, and build the :class:`Compact` model.

Reading-and-checking is kept apart from rendering (as Pelican splits
``generate_context`` from ``generate_output``): nothing is rendered from data
that has not passed every check here, and every problem is reported at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator import model
from generator.problems import DataError, Problem
from generator.redirects import REDIRECTS_FILE, check_redirects
from generator.schema import FILE_MODELS, RedirectsFile, ThemeFile
from generator.yamlfile import YamlFile, read_yaml

THEMES_DIR = "themes"
THEME_FILE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")


def load_compact(data_dir: Path, display_root: Path | None = None) -> model.Compact:
    """Read and check every file; raise :class:`DataError` listing all problems."""
    loader = _Loader(data_dir, display_root)
    return loader.load()


class _Loader:
    def __init__(self, data_dir: Path, display_root: Path | None) -> None:
        self.data_dir = data_dir
        self.display_root = display_root
        self.problems: list[Problem] = []
        #: Numbers (from the file names) of theme files that could not be read.
        self.unreadable_themes: set[int] = set()

    # -- reading ---------------------------------------------------------

    def display(self, path: Path) -> str:
        """The path as the user should see it: relative to where they work."""
        root = self.display_root or Path.cwd()
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def read(self, path: Path, shape: type[BaseModel]) -> tuple[YamlFile, Any] | None:
        parsed, problems = read_yaml(path, self.display(path))
        self.problems.extend(problems)
        if parsed is None or problems:
            return None
        if not isinstance(parsed.data, dict):
            self.problems.append(
                parsed.problem((), "the file must be a set of 'key: value' entries")
            )
            return None
        try:
            return parsed, shape.model_validate(parsed.data)
        except ValidationError as error:
            self.problems.extend(_explain(error, parsed, shape))
            return None

    # -- checking and building --------------------------------------------

    def load(self) -> model.Compact:
        if not self.data_dir.is_dir():
            raise DataError([Problem(self.display(self.data_dir), 0, 0, "data folder not found")])
        files: dict[str, tuple[YamlFile, Any] | None] = {}
        for name, shape in FILE_MODELS.items():
            path = self.data_dir / name
            if not path.is_file():
                self.problems.append(Problem(self.display(path), 0, 0, "required file is missing"))
                files[name] = None
                continue
            files[name] = self.read(path, shape)
        themes = self.read_themes()

        references = self.keyed(files["references.yaml"], "references", "reference")
        topics = self.keyed(files["topics.yaml"], "topics", "topic")
        glossary = self.keyed(files["glossary.yaml"], "terms", "glossary term")
        sectors = self.keyed(files["sectors.yaml"], "sectors", "sector")
        values = self.keyed(files["values.yaml"], "values", "value")
        self.unique_field(files["sectors.yaml"], "sectors", "slug", "sector slug")
        self.unique_field(files["glossary.yaml"], "terms", "term", "glossary term")
        self.keyed(files["complaints.yaml"], "steps", "complaints step")

        ref_model = {k: model.Reference(e.key, e.label, e.text, e.note) for k, e in references.items()}
        sector_model = {
            k: model.Sector(e.key, e.name, e.heading, e.slug, e.summary) for k, e in sectors.items()
        }
        topic_model = {k: model.Topic(e.key, e.name) for k, e in topics.items()}
        term_model = {
            k: model.GlossaryTerm(
                e.key, e.term, e.abbr, tuple(e.matches), e.source, e.where, e.definition
            )
            for k, e in glossary.items()
        }
        if any(f is None for f in files.values()):
            # Still check the themes against the files that did load (and only
            # those), so that every problem is reported in one go.
            def usable(name: str, table: dict[str, Any]) -> dict[str, Any] | None:
                return table if files[name] is not None else None

            self.build_themes(
                themes,
                usable("sectors.yaml", sector_model),
                usable("references.yaml", ref_model),
                usable("topics.yaml", topic_model),
                usable("glossary.yaml", term_model),
            )
            raise DataError(self.problems)

        compact_file, compact_data = files["compact.yaml"]  # type: ignore[misc]
        national = compact_data.national_compact
        national_refs = self.resolve(
            compact_file, ("national_compact", "references"), national.references, ref_model, "reference"
        )
        values_file, _ = files["values.yaml"]  # type: ignore[misc]
        value_model = tuple(
            model.Value(
                e.key,
                e.text,
                self.resolve(values_file, ("values", i, "references"), e.references, ref_model, "reference"),
            )
            for i, e in enumerate(values.values())
        )
        theme_model = self.build_themes(themes, sector_model, ref_model, topic_model, term_model)
        redirect_model = self.read_redirects(theme_model)

        if self.problems:
            raise DataError(self.problems)

        def passage(p: Any) -> model.Passage:
            return model.Passage(p.heading, tuple(p.paragraphs))

        return model.Compact(
            title=compact_data.title,
            edition=compact_data.edition,
            subtitle=compact_data.subtitle,
            introduction=passage(compact_data.introduction),
            national_compact=model.NationalCompact(
                national.lead_in, tuple(national.outcomes), national_refs
            ),
            our_commitments=passage(compact_data.our_commitments),
            partners_group=passage(compact_data.partners_group),
            values_preamble=passage(compact_data.values_preamble),
            themes_preamble=passage(compact_data.themes_preamble),
            resolving_complaints=passage(compact_data.resolving_complaints),
            compact_and_you=passage(compact_data.compact_and_you),
            values=value_model,
            sectors=tuple(sector_model.values()),
            themes=theme_model,
            references=tuple(ref_model.values()),
            topics=tuple(topic_model.values()),
            glossary=tuple(term_model.values()),
            complaints=_complaints_guide(files["complaints.yaml"][1], compact_data, passage),  # type: ignore[index]
            redirects=redirect_model,
        )

    def read_redirects(self, themes: tuple[model.Theme, ...]) -> tuple[model.Redirect, ...]:
        """The optional redirect map; an absent or empty file means no redirects."""
        path = self.data_dir / REDIRECTS_FILE
        if not path.is_file():
            return ()
        parsed, problems = read_yaml(path, self.display(path))
        if parsed is not None and parsed.data is None and not problems:
            return ()  # empty, or only comments
        loaded = self.read(path, RedirectsFile)
        if loaded is None:
            return ()
        by_id = {c.id: c for theme in themes for c in theme.commitments}
        redirects, problems = check_redirects(*loaded, by_id)
        self.problems.extend(problems)
        return redirects

    def read_themes(self) -> list[tuple[YamlFile, ThemeFile]]:
        themes_dir = self.data_dir / THEMES_DIR
        paths = sorted(themes_dir.glob("*.yaml")) if themes_dir.is_dir() else []
        if not paths:
            self.problems.append(Problem(self.display(themes_dir), 0, 0, "no theme files found"))
        loaded = []
        for path in paths:
            if not THEME_FILE.match(path.name):
                self.problems.append(
                    Problem(
                        self.display(path),
                        0,
                        0,
                        "theme file names must look like '<number>-<slug>.yaml', "
                        "for example '1-allocating-resources.yaml'",
                    )
                )
                continue
            result = self.read(path, ThemeFile)
            named = int(THEME_FILE.match(path.name).group(1))  # type: ignore[union-attr]
            if result is not None and result[1].number != named:
                self.problems.append(
                    result[0].problem(
                        ("number",),
                        f"theme number {result[1].number} does not match the file name "
                        f"(which starts with {named})",
                    )
                )
                result = None  # one message, not one per commitment id
            if result is not None:
                loaded.append(result)
            else:  # already reported; later checks must not blame its absence
                self.unreadable_themes.add(named)
        loaded.sort(key=lambda pair: pair[1].number)
        return loaded

    def keyed(self, loaded: tuple[YamlFile, Any] | None, field: str, what: str) -> dict[str, Any]:
        """Entries of a list by their ``key``, reporting duplicates."""
        return self.unique_field(loaded, field, "key", what)

    def unique_field(
        self, loaded: tuple[YamlFile, Any] | None, field: str, attribute: str, what: str
    ) -> dict[str, Any]:
        if loaded is None:
            return {}
        parsed, data = loaded
        seen: dict[str, Any] = {}
        for index, entry in enumerate(getattr(data, field)):
            value = getattr(entry, attribute)
            if value in seen:
                first = parsed.where((field, seen[value][0], attribute))[0]
                self.problems.append(
                    parsed.problem(
                        (field, index, attribute),
                        f"duplicate {what} '{value}' (first given at line {first})",
                    )
                )
            else:
                seen[value] = (index, entry)
        return {value: entry for value, (_, entry) in seen.items()}

    def resolve(
        self,
        parsed: YamlFile,
        location: tuple[str | int, ...],
        keys: Iterable[str],
        known: dict[str, Any] | None,
        what: str,
    ) -> tuple[Any, ...]:
        """The entries ``keys`` name; ``known`` is None if their file is broken (already reported)."""
        if known is None:
            return ()
        found = []
        for index, key in enumerate(keys):
            if key in known:
                found.append(known[key])
            else:
                self.problems.append(
                    parsed.problem(
                        (*location, index),
                        f"unknown {what} '{key}' (expected one of: {', '.join(known)})",
                    )
                )
        return tuple(found)

    def build_themes(
        self,
        themes: list[tuple[YamlFile, ThemeFile]],
        sectors: dict[str, model.Sector] | None,
        references: dict[str, model.Reference] | None,
        topics: dict[str, model.Topic] | None,
        terms: dict[str, model.GlossaryTerm] | None,
    ) -> tuple[model.Theme, ...]:
        """The themes, checked; a ``None`` table means its file is broken, so it is not consulted."""
        built: list[model.Theme] = []
        defined: dict[str, tuple[YamlFile, int]] = {}
        related_wanted: list[tuple[model.Commitment, YamlFile, int, list[str]]] = []
        slugs: dict[str, str] = {}
        expected_number = 1
        for parsed, data in themes:
            while expected_number in self.unreadable_themes:
                expected_number += 1
            if data.number != expected_number:
                self.problems.append(
                    parsed.problem(
                        ("number",),
                        f"themes must be numbered 1, 2, 3… without gaps: expected theme "
                        f"{expected_number} here, found {data.number}",
                    )
                )
            expected_number = data.number + 1
            if data.slug in slugs:
                self.problems.append(
                    parsed.problem(("slug",), f"duplicate theme slug '{data.slug}' (also used in {slugs[data.slug]})")
                )
            slugs.setdefault(data.slug, parsed.path)
            theme = model.Theme(data.number, data.title, data.slug, tuple(data.introduction))
            last = 0  # the number after the dot of the previous commitment
            for index, entry in enumerate(data.commitments):
                where = ("commitments", index)
                prefix, _, position = entry.id.partition(".")
                usable = False  # an id that is wrong or taken is reported, not built
                if int(prefix) != data.number:
                    self.problems.append(
                        parsed.problem(
                            (*where, "id"),
                            f"commitment id '{entry.id}' does not belong to theme {data.number} "
                            f"(ids in this file start with '{data.number}.')",
                        )
                    )
                    last += 1
                elif entry.id in defined:
                    first_file, first_index = defined[entry.id]
                    line, column = first_file.where(("commitments", first_index, "id"))
                    self.problems.append(
                        parsed.problem(
                            (*where, "id"),
                            f"duplicate commitment id '{entry.id}' "
                            f"(first defined at {first_file.path}:{line}:{column})",
                        )
                    )
                    last += 1
                else:
                    usable = True
                    defined[entry.id] = (parsed, index)
                    if int(position) != last + 1:
                        self.problems.append(
                            parsed.problem(
                                (*where, "id"),
                                f"commitments must be numbered in order without gaps: expected "
                                f"'{data.number}.{last + 1}' here, found '{entry.id}'",
                            )
                        )
                        last = int(position)  # carry on from here: one gap, one message
                    else:
                        last += 1
                sector = sectors.get(entry.sector) if sectors is not None else None
                if sector is None and sectors is not None:
                    self.problems.append(
                        parsed.problem(
                            (*where, "sector"),
                            f"unknown sector '{entry.sector}' (expected one of: {', '.join(sectors)})",
                        )
                    )
                explicit_terms = self.resolve(parsed, (*where, "terms"), entry.terms, terms, "glossary term")
                cited = self.resolve(parsed, (*where, "references"), entry.references, references, "reference")
                chosen_topics = self.resolve(parsed, (*where, "topics"), entry.topics, topics, "topic")
                if sector is None or not usable:
                    continue
                commitment = model.Commitment(
                    id=entry.id,
                    sector=sector,
                    text=entry.text,
                    theme=theme,
                    references=cited,
                    topics=chosen_topics,
                    terms=_terms_used(entry.text, explicit_terms, (terms or {}).values()),
                )
                theme.commitments.append(commitment)
                related_wanted.append((commitment, parsed, index, entry.related))
            built.append(theme)

        by_id = {c.id: c for theme in built for c in theme.commitments}
        links: dict[str, set[str]] = {cid: set() for cid in by_id}
        for commitment, parsed, index, wanted in related_wanted:
            for position, other in enumerate(wanted):
                location = ("commitments", index, "related", position)
                if other == commitment.id:
                    self.problems.append(
                        parsed.problem(location, f"commitment {other} cannot be related to itself")
                    )
                elif other not in by_id and (
                    other in defined or int(other.partition(".")[0]) in self.unreadable_themes
                ):
                    pass  # exists but has a problem of its own, already reported
                elif other not in by_id:
                    self.problems.append(
                        parsed.problem(location, f"related commitment '{other}' does not exist")
                    )
                else:
                    links[commitment.id].add(other)
                    links[other].add(commitment.id)
        order = {cid: n for n, cid in enumerate(by_id)}
        for cid, commitment in by_id.items():
            commitment.related = tuple(by_id[o] for o in sorted(links[cid], key=order.__getitem__))
        return tuple(built)


def _complaints_guide(
    data: Any, compact_data: Any, passage: Callable[[Any], model.Passage]
) -> model.ComplaintsGuide:
    """The complaints guide, with each quoted passage taken verbatim from compact.yaml."""
    steps = tuple(
        model.ComplaintStep(
            key=step.key,
            title=step.title,
            paragraphs=tuple(step.paragraphs),
            checklist=tuple(step.checklist),
            links=tuple(model.ComplaintLink(link.text, link.page) for link in step.links),
            quotes=tuple(passage(getattr(compact_data, name)) for name in step.quotes),
        )
        for step in data.steps
    )
    return model.ComplaintsGuide(
        data.title, tuple(data.introduction), steps, tuple(data.summary_fields)
    )


def _terms_used(
    text: str, explicit: tuple[model.GlossaryTerm, ...], terms: Iterable[model.GlossaryTerm]
) -> tuple[model.GlossaryTerm, ...]:
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


# -- turning pydantic's errors into sentences for editors ---------------------


def _explain(error: ValidationError, parsed: YamlFile, shape: type[BaseModel]) -> list[Problem]:
    problems = []
    items = error.errors(include_url=False)
    # A misspelt key (`secotr:`) is one mistake, not an unknown key plus a missing one.
    missing = {(tuple(i["loc"][:-1]), i["loc"][-1]) for i in items if i["type"] == "missing"}
    typos: dict[tuple[Any, ...], str] = {}
    for item in items:
        if item["type"] == "extra_forbidden":
            parent, typed = tuple(item["loc"][:-1]), str(item["loc"][-1])
            wanted = [str(name) for place, name in missing if place == parent and name not in typos.values()]
            close = difflib.get_close_matches(typed, wanted, n=1, cutoff=0.6)
            if close:
                typos[tuple(item["loc"])] = close[0]
    for item in items:
        location = tuple(item["loc"])
        name = next((str(p) for p in reversed(location) if isinstance(p, str)), "value")
        kind = item["type"]
        given = item.get("input")
        if kind == "extra_forbidden" and location in typos:
            problems.append(
                parsed.problem(location, f"unknown key '{location[-1]}' (did you mean '{typos[location]}'?)", key=True)
            )
        elif kind == "missing" and (location[:-1], location[-1]) in {
            (loc[:-1], wanted) for loc, wanted in typos.items()
        }:
            continue  # reported above as a misspelling
        elif kind == "extra_forbidden":
            allowed = ", ".join(_fields_at(shape, location[:-1]))
            problems.append(
                parsed.problem(
                    location, f"unknown key '{location[-1]}' (expected one of: {allowed})", key=True
                )
            )
        elif kind == "string_pattern_mismatch" and given == "":
            problems.append(parsed.problem(location, f"'{name}' must not be empty"))
        elif kind == "missing":
            problems.append(parsed.problem(location[:-1], f"missing required key '{location[-1]}'"))
        elif kind in ("string_too_short", "too_short") or (given is None and kind.endswith("_type")):
            problems.append(parsed.problem(location, f"'{name}' must not be empty"))
        elif kind == "string_pattern_mismatch":
            problems.append(parsed.problem(location, _pattern_message(location, name, given)))
        elif kind == "string_type" and location in parsed.scalars:
            # e.g. `id: 1.10`, which YAML reads as the number 1.1: show what was written.
            written = parsed.scalars[location]
            problems.append(parsed.problem(location, f"'{name}' must be text; write it in quotes: \"{written}\""))
        elif kind in (
            "string_type", "int_type", "int_parsing", "int_from_float", "list_type", "model_type", "dict_type"
        ):
            expected = {
                "string_type": "text",
                "int_type": "a whole number",
                "int_parsing": "a whole number",
                "int_from_float": "a whole number",
                "list_type": "a list",
                "model_type": "a set of 'key: value' entries",
                "dict_type": "a set of 'key: value' entries",
            }[kind]
            problems.append(
                parsed.problem(location, f"'{name}' must be {expected}, not {_describe(given)}")
            )
        elif kind.startswith("date_"):
            problems.append(
                parsed.problem(
                    location, f"'{name}' must be a date written YYYY-MM-DD, such as 2030-04-01; got {given!r}"
                )
            )
        elif kind == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            problems.append(
                parsed.problem(location, f"'{name}' must be one of: {expected.replace(' or ', ', ')}; got {given!r}")
            )
        else:
            problems.append(parsed.problem(location, f"'{name}': {item['msg']}"))
    return problems


def _pattern_message(location: tuple[Any, ...], name: str, given: Any) -> str:
    if name in ("id", "related"):
        return f"'{given}' is not a commitment number like '1.4'"
    what = f"key in '{name}'" if isinstance(location[-1], int) else name
    return (
        f"'{given}' is not a valid {what}: use lower-case letters, digits and single hyphens, "
        "for example 'allocating-resources'"
    )


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a set of entries"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(value)


def _fields_at(shape: type[BaseModel], location: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``location`` in ``shape``, for 'expected one of'."""
    current: Any = shape
    for part in location:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None:
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
