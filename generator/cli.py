"""Command line: ``python -m generator check | schema | export DIR | nginx | host-files | swap-in DIR``."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from generator.cachefiles import write_atomically
from generator.data.problems import DataError, Problem, warnings_report
from generator.data.read import PARTNERS_GROUP_FILE
from generator.environment import EnvironmentProblem, cannot_write
from generator.model import Compact, load_checked
from generator.model.assemble import name_in_text

DEFAULT_DATA = Path("compact_data")
DEFAULT_CONFIG = Path("mkdocs.yml")
LISTEN = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$")
MAX_PORT = 65535


def summary(compact: Compact) -> str:
    """The one line ``check`` prints when the data is good."""
    sectors = Counter(c.sector.key for c in compact.commitments)
    by_sector = ", ".join(f"{sectors[s.key]} {s.name}" for s in compact.sectors)
    checked = "checked against its source" if compact.source else "not checked against a source text"
    line = (
        f"OK: {compact.label}: {len(compact.themes)} {compact.words.parts}, "
        f"{len(compact.commitments)} {compact.words.provisions} "
        f"({by_sector}), {len(compact.values)} values, {len(compact.glossary)} glossary terms, "
        f"{len(compact.references)} references; official text {checked}"
    )
    group = group_summary(compact)
    if group:
        line += f"\n   and {group}"
    for earlier in reversed(compact.history.earlier):
        source = "checked against its source" if earlier.source else "not checked against a source text"
        count = f"{len(earlier.commitments)} {earlier.words.provisions}"
        line += f"\n   and the earlier edition {earlier.edition}: {count}; official text {source}"
    for step in compact.history.steps:
        changed = len(step.changed) + len(step.new) + len(step.withdrawn)
        line += f"\n   {step.later.edition} against {step.earlier.edition}: {changed} changes"
    return line


def counted(count: int, word: str) -> str:
    """ "1 member", "3 members", "no members"."""
    return f"{count or 'no'} {word}{'' if count == 1 else 's'}"


def group_summary(compact: Compact) -> str:
    """What ``check`` read of the Partners' Group's own data ("" if the data gives none): members, records,
    documents, a contact, so that an editor sees the entry they added was read."""
    group = compact.group
    if group is None or not group.published or compact.partners_group is None:
        return ""
    kinds = Counter(record.kind for record in group.records)
    records = counted(len(group.records), "record")
    if kinds:
        records += f" ({', '.join(counted(n, kind) for kind, n in sorted(kinds.items()))})"
    said = [counted(len(group.members), "member"), records]
    documents = sum(1 for record in group.records if record.document)
    if documents:
        said.append(counted(documents, "document"))
    said.append("a contact" if group.contact else "no contact")
    return f"{name_in_text(compact.partners_group.heading, None)} ({PARTNERS_GROUP_FILE}): {', '.join(said)}"


def tell_warnings(warnings: tuple[Problem, ...]) -> None:
    """The warnings about the data, on stderr as problems are: they do not change the exit code."""
    if warnings:
        print(warnings_report(warnings), file=sys.stderr)


def _listen_problems(listen: str) -> list[str]:
    if not LISTEN.match(listen):
        return [f"--listen must be HOST:PORT, such as 127.0.0.1:8080, not {listen!r}"]
    port = int(listen.rsplit(":", 1)[1])
    if not 1 <= port <= MAX_PORT:
        return [f"--listen: the port must be from 1 to {MAX_PORT}, not {port}"]
    return []


def _site_problems(site_dir: Path, what: str) -> list[str]:
    if not (site_dir / "index.html").is_file():
        return [f"no built site in {site_dir}: {what}, or give --site-dir"]
    return []


def _path_problems(site_dir: Path) -> list[str]:
    """nginx reads the site's path as a quoted string: nothing in it may end the string or the directive."""
    from generator.deploy.nginx import UNSAFE

    unsafe = sorted(set(UNSAFE.findall(str(site_dir.resolve()).replace(" ", ""))))
    if unsafe:
        shown = " ".join(repr(c) for c in unsafe)
        return [f"--site-dir {str(site_dir)!r} cannot be written into an nginx configuration: its path holds {shown} "
                "(quotes, backslashes, ';', '{', '}', '$' and line breaks end nginx's strings); "
                "move the site to a plainer path"]
    return []


def write_nginx(compact: Compact, site_dir: Path, listen: str, out: Path | None) -> int:
    """The configuration for a site that has been built (the theme's inline scripts its pages run are in its policy)."""
    from generator.deploy.nginx import nginx_config
    from generator.deploy.rules import UnknownScript

    problems = [*_site_problems(site_dir, "run 'make site' first"), *_path_problems(site_dir),
                *_listen_problems(listen)]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    try:
        config = nginx_config(compact, site_dir, listen)
    except UnknownScript as error:
        print(f"cannot write a security policy for {site_dir}: {error}", file=sys.stderr)
        return 2
    if out is None:
        sys.stdout.write(config)
        return 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, config.encode("utf-8"))
    except OSError as error:
        print(f"{cannot_write(error, str(out))}; give another --out", file=sys.stderr)
        return 2
    print(f"wrote {out}: run it with 'nginx -p PREFIX -c {out.resolve()}' (make PREFIX/logs first)")
    return 0


def host_files(compact: Compact, site_dir: Path) -> int:
    """``host-files``: the server files the plugin writes into ``site/``, for a site Zensical built."""
    from generator.deploy.nginx import write_host_files
    from generator.deploy.rules import UnknownScript

    problems = _site_problems(site_dir, "build it first")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    try:
        write_host_files(compact, site_dir)
    except OSError as error:
        print(cannot_write(error, str(site_dir)), file=sys.stderr)
        return 2
    except UnknownScript as error:
        print(f"cannot write a security policy for {site_dir}: {error}", file=sys.stderr)
        return 2
    print(f"wrote _headers, _redirects and compressed copies into {site_dir}")
    return 0


def swap_in(built: Path, site_dir: Path) -> int:
    """``swap-in``: a site built elsewhere (Zensical's) replaces ``site_dir`` by the plugin's own swap."""
    from generator import staging

    problems = _site_problems(built, "build it first")
    if problems:
        print("\n".join(problems).replace("--site-dir", "another folder"), file=sys.stderr)
        return 2
    try:
        staging.put_in_place(built, site_dir)
    except staging.StagingError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{cannot_write(error, str(site_dir))}; {site_dir} is unchanged or whole "
              "(the next swap-in or build finishes the swap)", file=sys.stderr)
        return 2
    print(f"{built} is now {site_dir}")
    return 0


def write_export(config: Path, out: Path, data: Path | None, site_url: str | None, pdf: bool | None) -> int:
    """``export``: the site as a folder of plain sources, with a configuration for Zensical."""
    import jinja2

    from generator.export import ExportError, export
    from generator.handouts.plan import PdfError

    try:
        written = export(config, out, data_dir=data, site_url=site_url, pdf=pdf)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except (ExportError, PdfError, EnvironmentProblem) as error:
        print(error, file=sys.stderr)
        return 2
    except jinja2.TemplateError as error:
        where = ""
        if isinstance(error, jinja2.TemplateSyntaxError):
            where = f"{error.filename or error.name}:{error.lineno}: "
        print(f"cannot render the Compact's pages: {where}{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    tell_warnings(written.warnings)
    print(f"wrote {written.pages} pages and {written.files} other files to {written.out}: "
          f"build it with 'zensical build -f {written.out / 'mkdocs.yml'}'")
    return 0


def schemas(out: Path | None) -> int:
    """``schema``: the JSON Schemas for editors."""
    from generator.data.editor_schemas import write_schemas

    try:
        written = write_schemas(out) if out else write_schemas()
    except OSError as error:
        print(cannot_write(error, str(out or "")), file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


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
        "export", aliases=["export-markdown"], parents=[data_option],
        help="write the whole site as a source folder that engines without plugins build (Zensical)",
    )
    export.add_argument("out", type=Path)
    export.add_argument("--site-url", default=None, help="the site's address (default: site_url in mkdocs.yml)")
    export.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="the project's mkdocs.yml")
    export.add_argument("--no-pdf", dest="pdf", action="store_false", default=None,
                        help="leave out the PDF handouts (default: as the plugin's pdf option says)")
    nginx = commands.add_parser(
        "nginx", help="write an nginx configuration for a built site", parents=[data_option]
    )
    nginx.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")
    nginx.add_argument("--listen", default="127.0.0.1:8080", help="HOST:PORT to listen on (default: 127.0.0.1:8080)")
    nginx.add_argument("--out", type=Path, default=None, help="the file to write (default: print it)")
    host = commands.add_parser(
        "host-files", parents=[data_option],
        help="write _headers, _redirects and compressed copies into a site another engine built",
    )
    host.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")
    swap = commands.add_parser(
        "swap-in", help="put a site built elsewhere (by Zensical) in place of --site-dir, as a build swaps its site"
    )
    swap.add_argument("built", type=Path, help="the finished site (used up: moved into place)")
    swap.add_argument("--site-dir", type=Path, default=Path("site"), help="the site it replaces (default: site)")
    args = parser.parse_args(argv)

    if args.command in ("export", "export-markdown"):
        data = None if args.data == DEFAULT_DATA else args.data  # by default, the folder mkdocs.yml names
        return write_export(args.config, args.out, data, args.site_url, args.pdf)
    if args.command == "schema":
        return schemas(args.out)
    if args.command == "swap-in":
        return swap_in(args.built, args.site_dir)
    try:
        checked = load_checked(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    compact = checked.compact
    if args.command == "check":
        from generator.export import PUBLISHED_URLS, published_losses  # the build's own planning

        lost = published_losses(DEFAULT_CONFIG, args.data, compact)
        if lost:
            print(f"{PUBLISHED_URLS}: {len(lost)} published address(es) would no longer be served: {', '.join(lost)} "
                  "(a partner may have printed them: keep the page, or give the old address a redirect)",
                  file=sys.stderr)
            return 1
        tell_warnings(checked.warnings)  # once there is nothing worse to say, as with the data's own errors
        print(summary(compact))
        return 0
    if args.command == "nginx":
        return write_nginx(compact, args.site_dir, args.listen, args.out)
    if args.command == "host-files":
        return host_files(compact, args.site_dir)
    raise AssertionError(f"unknown command {args.command!r}")  # argparse allows no other
