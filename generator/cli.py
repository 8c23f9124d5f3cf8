"""Command line: ``python -m generator check | schema | export-markdown DIR``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from generator.load import load_compact
from generator.problems import DataError

DEFAULT_DATA = Path("compact_data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: compact_data)")
    # `--data` is also accepted after the command (`check --data DIR`), as people type it.
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="data folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the data and print a summary", parents=[data_option])
    schema = commands.add_parser("schema", help="write the JSON Schemas for editors")
    schema.add_argument("out", type=Path, nargs="?", default=None)
    export = commands.add_parser(
        "export-markdown", help="write every generated page as Markdown", parents=[data_option]
    )
    export.add_argument("out", type=Path)
    export.add_argument("--site-url", default="https://www.bristolcompact.org.uk/")
    args = parser.parse_args(argv)

    if args.command == "schema":
        from generator.editor_schemas import write_schemas

        for path in write_schemas(args.out) if args.out else write_schemas():
            print(path)
        return 0
    try:
        compact = load_compact(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if args.command == "check":
        sectors = Counter(c.sector.name for c in compact.commitments)
        by_sector = ", ".join(f"{sectors[s.name]} {s.name}" for s in compact.sectors)
        print(
            f"OK: {len(compact.themes)} themes, {len(compact.commitments)} commitments "
            f"({by_sector}), {len(compact.values)} values, {len(compact.glossary)} glossary terms, "
            f"{len(compact.references)} references"
        )
        return 0
    from generator.render import Renderer

    pages = Renderer(compact, site_url=args.site_url).pages()
    for path, markdown in pages.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {args.out}")
    return 0
