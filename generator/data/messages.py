"""Pydantic's validation errors as sentences for editors, from a table by error kind.

A misspelt key (``secotr:``) is one mistake, not "unknown key" plus "missing
key", so typos are paired with the missing key they were meant to be first;
everything else is one row of :data:`MESSAGES`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.data.characters import cut, shown
from generator.data.problems import Problem
from generator.data.shapes import (
    DOCUMENT_KINDS,
    EMAIL_PATTERN,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_KEY_LENGTH,
    RESERVED_SLUGS,
    SEARCH_PHRASE,
    URL_PATTERN,
)
from generator.data.syntax import EXAMPLE_DATE, not_a_date
from generator.data.yamlfile import Location, YamlFile

#: What a type error expected, in words.
EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "model_type": "a set of 'key: value' entries",
    "dict_type": "a set of 'key: value' entries",
}


@dataclass(frozen=True)
class Error:
    """One pydantic error, with what a message needs to know about it."""

    location: Location
    kind: str
    given: Any
    context: dict[str, Any]
    text: str  # pydantic's own words, for kinds the table does not know
    parsed: YamlFile
    shape: type[BaseModel]

    @property
    def name(self) -> str:
        """The key the value belongs to (``id``, ``sector``), as the editor typed it."""
        return next((str(p) for p in reversed(self.location) if isinstance(p, str)), "value")


def _unknown_key(error: Error) -> str:
    allowed = ", ".join(_fields_at(error.shape, error.location[:-1]))
    return f"unknown key '{shown(str(error.location[-1]))}' (expected one of: {allowed})"


def _empty(error: Error) -> str:
    return f"'{error.name}' must not be empty"


def _pattern(error: Error) -> str:
    if error.given == "":
        return _empty(error)
    if error.context.get("pattern") == URL_PATTERN:
        return (f"'{cut(shown(str(error.given)))}' is not a web address the site can link: write it whole, "
                "beginning with https:// (or http://), with no spaces, quotes or brackets, such as "
                "'https://example.org/page'")
    if error.context.get("pattern") == EMAIL_PATTERN:
        return f"'{cut(shown(str(error.given)))}' is not an email address such as 'name@example.org'"
    if error.context.get("pattern") == SEARCH_PHRASE:
        return (f"'{cut(shown(str(error.given)))}' is not a word or a phrase as readers type them: letters and "
                "digits, the words parted by single spaces, hyphens or apostrophes, such as 'notice period'")
    if error.name in ("id", "related", "old", "to"):
        if isinstance(error.given, str) and re.fullmatch(r"[0-9]+(\.[0-9]+)*", error.given):
            return f"'{error.given}' is not a commitment number like '1.4' (write it without leading zeros)"
        return (f"'{shown(str(error.given))}' is not a commitment id: write the number the document prints, such "
                "as '1.4', or a key of lower-case letters, digits, dots and hyphens, such as 'funding-3'")
    if error.name == "edition":
        return (f"'{shown(str(error.given))}' is not an edition: write its year, such as 2012, or the label the "
                "document prints, such as \"2019/22\"")
    if error.name == "number":
        return (f"'{shown(str(error.given))}' is not a number as documents print them: digits (1, 1.2), a letter "
                "(A) or a roman numeral (iv), joined by dots")
    what = f"key in '{error.name}'" if isinstance(error.location[-1], int) else error.name
    rule = f"'{shown(str(error.given))}' is not a valid {what}: use lower-case letters, digits and single hyphens"
    example = "-".join(re.findall(r"[a-z0-9]+", str(error.given).lower()))[:MAX_KEY_LENGTH].strip("-")
    return f"{rule}, such as '{example}'" if example else rule


def _wrong_type(error: Error) -> str:
    if error.given is None:
        return _empty(error)
    if error.kind == "string_type" and error.name == "number":
        return (f"'number' must be a number as the document prints it, such as 1 or \"1.2\", "
                f"not {_describe(error.given)}")
    if error.kind == "string_type" and error.location in error.parsed.scalars:
        # e.g. `id: 1.10`, which YAML reads as the number 1.1: show what was written.
        return f"'{error.name}' must be text; write it in quotes: \"{error.parsed.scalars[error.location]}\""
    if error.kind in ("int_type", "int_parsing") and isinstance(error.given, str):
        if error.given.strip().isdigit():  # `edition: "2030"`: a number, but in quotes
            return f"'{error.name}' must be a number without quotes: write {error.given.strip()}"
        return f"'{error.name}' must be a whole number written in digits, not {error.given!r}"
    return f"'{error.name}' must be {EXPECTED[error.kind]}, not {_describe(error.given)}"


def _date(error: Error) -> str:
    if error.given is None:
        return _empty(error)
    if isinstance(error.given, str):
        unreal = not_a_date(error.name, error.given)
        if unreal:
            return unreal
    return f"'{error.name}' must be a date written YYYY-MM-DD, such as {EXAMPLE_DATE}, not {_describe(error.given)}"


def _choice(error: Error) -> str:
    expected = str(error.context.get("expected", "")).replace(" or ", ", ")
    return f"'{error.name}' must be one of: {expected}; got {error.given!r}"


def _too_long(error: Error) -> str:
    return f"'{error.name}' may hold at most {error.context.get('max_length')} entries"


def _number_range(error: Error) -> str:
    if error.name == "edition":
        return f"'edition' must be a year from {FIRST_YEAR} to {LAST_YEAR}, not {error.given}"
    if "le" in error.context:
        return f"'{error.name}' must be {error.context['le']} or less, not {error.given}"
    bound = error.context.get("ge", error.context.get("gt", ""))
    return f"'{error.name}' must be {bound} or more, not {error.given}"


def _date_range(error: Error) -> str:
    return (f"'{error.name}' must be a date from {error.context['first']} to {error.context['last']}, "
            f"not {error.given}")


def _invisible(error: Error) -> str:
    return f"'{error.name}' must be text that shows something, not only invisible characters"


def _formula(error: Error) -> str:
    return (f"'{error.name}' must not begin with '{error.context['first']}': a spreadsheet opening the "
            "open data would take it for a formula (begin with a word, or put the sign later)")


def _reserved(error: Error) -> str:
    return (f"'{error.context['slug']}' cannot be a slug: the page it would name is the site's own list "
            "(choose another, such as a word of the title)")


def _file_name(error: Error) -> str:
    given = str(error.context["name"])
    stem, _, kind = given.lower().rpartition(".")
    words = "-".join(re.findall(r"[a-z0-9]+", stem or kind))[:MAX_KEY_LENGTH - 5].strip("-") or "document"
    example = f"{'document-' if words in RESERVED_SLUGS else ''}{words}.{kind if kind in DOCUMENT_KINDS else 'pdf'}"
    return (f"'{cut(shown(given))}' cannot name a file the site publishes: a file's name is lower-case letters, "
            f"digits and single hyphens, a dot and its kind ({', '.join(DOCUMENT_KINDS)}), at most "
            f"{MAX_KEY_LENGTH} characters in all and not 'index', such as '{example}' (rename the file to match)")


def _key_too_long(error: Error) -> str:
    return f"'{error.name}' may be at most {error.context.get('max_length')} characters long"


#: Error kind → the sentence for it.
MESSAGES: dict[str, Callable[[Error], str]] = {
    "extra_forbidden": _unknown_key,
    "missing": lambda error: f"missing required key '{error.location[-1]}'",
    "string_too_short": _empty,
    "too_short": _empty,
    "too_long": _too_long,
    "string_pattern_mismatch": _pattern,
    **{kind: _wrong_type for kind in EXPECTED},
    "date_from_datetime_parsing": _date,
    "date_parsing": _date,
    "date_type": _date,
    "date_from_datetime_inexact": _date,
    "literal_error": _choice,
    "greater_than_equal": _number_range,
    "less_than_equal": _number_range,
    "date_range": _date_range,
    "text_invisible": _invisible,
    "text_formula": _formula,
    "slug_reserved": _reserved,
    "string_too_long": _key_too_long,
    "file_name": _file_name,
}

#: Kinds whose message points at the parent mapping, not at the (absent) value.
AT_PARENT = {"missing"}
#: Kinds whose message points at the key rather than its value.
AT_KEY = {"extra_forbidden"}


#: How pydantic names the member of a union an error is about, in its location: not the editor's key.
UNION_MEMBER = re.compile(r"^(constrained-|function-)|^(int|str|bool)$")


def _one_per_union(errors: list[Error]) -> list[Error]:
    """A value that fits no member of a union (``edition``: a year or a label) is told once, by the member
    its kind of value was meant for: digits (even in quotes) the number, other text the text."""
    kept: dict[Location, list[Error]] = {}
    plain: list[Error] = []
    for item in errors:
        members = [p for p in item.location if isinstance(p, str) and UNION_MEMBER.search(p)]
        if not members:
            plain.append(item)
            continue
        where = tuple(p for p in item.location if not (isinstance(p, str) and UNION_MEMBER.search(p)))
        kept.setdefault(where, []).append(dataclasses.replace(item, location=where))
    for choices in kept.values():
        given = choices[0].given
        wants_text = isinstance(given, str) and not given.strip().isdigit()
        chosen = [e for e in choices if e.kind.startswith("string") == wants_text] or choices[:1]
        plain.append(chosen[0])
    return plain


def explain(error: ValidationError, parsed: YamlFile, shape: type[BaseModel]) -> list[Problem]:
    """Every validation error of one file as a ``path:line:col`` problem."""
    errors = _one_per_union([
        Error(tuple(item["loc"]), item["type"], item.get("input"), dict(item.get("ctx") or {}), item["msg"],
              parsed, shape)
        for item in error.errors(include_url=False)
    ])
    typos = _typos(errors)
    meant = {(loc[:-1], wanted) for loc, wanted in typos.items()}
    problems = []
    for item in errors:
        if item.kind == "extra_forbidden" and item.location in typos:
            message = f"unknown key '{shown(str(item.location[-1]))}' (did you mean '{typos[item.location]}'?)"
        elif item.kind == "missing" and (item.location[:-1], item.location[-1]) in meant:
            continue  # reported above as a misspelling
        elif item.kind in MESSAGES:
            message = MESSAGES[item.kind](item)
        else:
            message = f"'{item.name}': {item.text}"
        place = item.location[:-1] if item.kind in AT_PARENT else item.location
        problems.append(parsed.problem(place, message, key=item.kind in AT_KEY))
    return problems


def _typos(errors: list[Error]) -> dict[Location, str]:
    """Unknown keys that are near-misses of a missing key in the same place: ``{location: meant}``."""
    missing = [(e.location[:-1], str(e.location[-1])) for e in errors if e.kind == "missing"]
    typos: dict[Location, str] = {}
    for error in errors:
        if error.kind != "extra_forbidden":
            continue
        parent, typed = error.location[:-1], str(error.location[-1])
        # Each missing key is meant by at most one typo in the same mapping (not in the whole file).
        taken = {meant for where, meant in typos.items() if where[:-1] == parent}
        wanted = [name for place, name in missing if place == parent and name not in taken]
        close = difflib.get_close_matches(typed, wanted, n=1, cutoff=0.6)
        if not close:  # an optional key misspelt: the keys this place may have
            close = difflib.get_close_matches(typed, _fields_at(error.shape, parent), n=1, cutoff=0.75)
        if close:
            typos[error.location] = close[0]
    return typos


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


def _fields_at(shape: type[BaseModel], location: Location) -> list[str]:
    """The field names allowed at ``location`` in ``shape``, for 'expected one of'."""
    current: type[BaseModel] | None = shape
    for part in location:
        if isinstance(part, int):
            continue
        assert current is not None
        current = _model_in(current.model_fields[part].annotation)
        if current is None:
            return []
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None:
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def unknown_key(what: str, given: str, known: Mapping[str, Iterable[str | None]]) -> str:
    """A key that names nothing the other file defines, with the keys it does, and which one was meant.

    ``known`` maps each key to the names its entry also goes by (a sector's name and heading, a
    topic's name), so that ``sector: Public sector`` is told the key of the sector of that name.
    """
    expected = f"(expected one of: {', '.join(known)})"
    meant = meant_key(given, known)
    if meant is not None and meant[1] == "name":
        return f"unknown {what} '{shown(given)}': write its key '{meant[0]}', not its name {expected}"
    if meant is not None:
        return f"unknown {what} '{shown(given)}': did you mean '{meant[0]}'? {expected}"
    return f"unknown {what} '{shown(given)}' {expected}"


def meant_key(given: str, known: Mapping[str, Iterable[str | None]]) -> tuple[str, Literal["name", "close"]] | None:
    """The key an unknown one was meant to be: the key of the entry it names, or the closest key."""
    wanted = _plain(given)
    named = [key for key, names in known.items() if wanted in {_plain(n) for n in names if n}]
    if named and given not in known:
        return named[0], "name"
    close = difflib.get_close_matches(given.lower(), [k.lower() for k in known], n=1, cutoff=0.6)
    if close:
        return next(k for k in known if k.lower() == close[0]), "close"
    return None


def _plain(name: str) -> str:
    """A name as compared with what an editor typed: case, hyphens and spacing aside."""
    return " ".join(name.replace("-", " ").replace("_", " ").casefold().split())


#: Warnings: what the editor should put right, though the site still builds (``check`` exits 0,
#: the build logs them). Kind → sentence; ``{…}`` are filled in from the data.
WARNINGS = {
    "no licence": (
        "compact.yaml states no licence, so the site, its handouts and its open data say that no licence is "
        "stated and re-users cannot tell what they may do: add 'licence:' with the licence's 'name' and 'url' "
        "as the publisher states them (never guess one)"
    ),
    "statement without contact": (
        "the accessibility statement has no contact of its own, which the Public Sector Bodies Accessibility "
        "Regulations 2018 require: it sends readers to the '{group}' page instead; add 'contact:' with an email, "
        "a url or both"
    ),
    "statement without contact, group without": (
        "the accessibility statement has no contact of its own, which the Public Sector Bodies Accessibility "
        "Regulations 2018 require: it sends readers to the '{group}' page, which gives no contact either "
        "(partners-group.yaml has no 'contact:'); add 'contact:' here with an email, a url or both"
    ),
    "procedure not published": (
        "the complaints procedure '{name}' has no address where it is published, so the complaints page tells "
        "readers that it is not published: add its 'url:' here once it is"
    ),
}

#: Problems of ``search.yaml`` found once the provisions are known; ``{…}`` are filled in from the data.
SEARCH = {
    "listed twice": (
        "'{word}' is already listed at line {line}: give each reader's word once, with every phrase of the "
        "document's it stands for in that entry's 'means'"
    ),
    "means nothing": (
        "no {provisions} hold '{phrase}' (as written or with an ending such as -s, -ed or -ing), so search finds "
        "nothing by this entry's words through it: write the words as the {provisions} do"
    ),
}

#: A key of another file's table that several provisions name and the table does not have: told once,
#: with every place that names it. ``{…}`` are filled in from the data.
NAMED_BY_MANY = {
    # At the key in the table that no provision names any more: most likely the old key's new name.
    "renamed": (
        "{what} '{old}' is used by {count} {provisions} but is not in {file}: did you rename it to '{new}' here? "
        "Then rename it in those {provisions}' '{field}:' too, {places}"
    ),
    # At the first provision that names it.
    "missing": (
        "{what} '{old}' is used by {count} {provisions} but is not in {file}{meant}: add it to {file}, or correct "
        "it in each of them, {places}"
    ),
    "meant": " (did you mean '{key}'?)",
    "named": " (write its key '{key}', not its name)",
}

#: A quotation marked as the Compact's words (a glossary definition with 'source: compact') that is in no
#: place of its source; ``{…}`` are filled in from the data, after "<what it is> ".
OFFICIAL_TEXT = {
    "near": (
        "is not in the source text of {label} word for word: the nearest passage reads '{stretch}', and the "
        "two first differ at {differs}"
    ),
    "nothing near": "is not in the source text of {label}, nor is anything near it",
    "own words": ": if these are our own words, not the Compact's, write '{how}'",
}
