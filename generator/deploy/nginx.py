"""The server configuration and the static-host files, rendered from :mod:`generator.deploy.rules`.

Templates are Jinja2 files beside this module (``templates/``); the values they are
given come from the data (redirects) and the built site (the inline scripts' hashes,
the fingerprinted assets), so nothing in them is typed by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from generator.deploy import rules
from generator.deploy.compress import compress_site
from generator.model import Compact

TEMPLATES = Path(__file__).parent / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # server configuration, not HTML; every value is checked below
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


#: Characters that could end a quoted nginx string or start a new directive.
UNSAFE = re.compile(r'["\\;{}$\s]')


def _checked(*values: str) -> None:
    for value in values:
        if UNSAFE.search(value.replace(" ", "")):
            raise ValueError(f"cannot put {value!r} in a server configuration")


def nginx_config(compact: Compact, site_dir: Path, listen: str) -> str:
    """A complete nginx configuration serving ``site_dir`` on ``listen`` (``HOST:PORT``)."""
    site = site_dir.resolve()
    redirects = rules.redirects(compact)
    _checked(str(site), listen, *(r.source for r in redirects), *(r.target for r in redirects))
    headers = rules.security_headers(rules.content_security_policy(rules.script_hashes(site)))
    return _environment().get_template("nginx.conf.j2").render(
        site_dir=site.as_posix(), listen=listen, redirects=redirects, headers=headers, types=rules.TYPES,
        immutable=rules.IMMUTABLE, revalidate=rules.REVALIDATE, fingerprinted=rules.FINGERPRINTED,
        host_files=rules.HOST_FILES, protocols=rules.PROTOCOLS,
    )


def static_host_files(compact: Compact, site_dir: Path) -> dict[str, str]:
    """``_headers`` and ``_redirects`` for Netlify and Cloudflare Pages, from the same rules."""
    headers = rules.security_headers(rules.content_security_policy(rules.script_hashes(site_dir)))
    env = _environment()
    fingerprinted = sorted(
        "/" + path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and re.search(rules.FINGERPRINTED, path.name)
    )
    return {
        "_headers": env.get_template("_headers.j2").render(
            headers=headers, revalidate=rules.REVALIDATE, immutable=rules.IMMUTABLE, immutable_paths=fingerprinted,
        ),
        "_redirects": env.get_template("_redirects.j2").render(redirects=rules.redirects(compact),
                                                              hidden=rules.HIDDEN_KEPT),
    }


def write_host_files(compact: Compact, site_dir: Path, gzip_cache: Path | None = None) -> None:
    """What a server needs beside the pages of a built site, whichever engine built it: the
    static-host rules (``_headers``, ``_redirects``) and compressed copies (kept by content
    in ``gzip_cache``, if given)."""
    for name, text in static_host_files(compact, site_dir).items():
        (site_dir / name).write_text(text, encoding="utf-8")
    compress_site(site_dir, gzip_cache)
