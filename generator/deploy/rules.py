"""What a server must do for the site, worked out once for nginx and for static hosts.

Pure functions over the model and the built files: the permanent redirects (old
commitment addresses, printed addresses), the security headers with a
Content-Security-Policy that allows exactly the theme's own inline scripts,
and the caching rules. :mod:`generator.deploy.nginx` and the static-host files
render these; nothing here knows a server's syntax.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import urls
from generator.model import Compact

#: An inline ``<script>`` that a browser runs (no ``src``; no type, or a JavaScript type).
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
#: The themes whose templates write inline scripts into the pages, where installed: Material for
#: MkDocs, and Zensical, which builds the export.
THEMES = ("material", "zensical")
#: What a theme template fills into its inline scripts: a page's base address (``.``, ``../..``, ``/``, ``/sub/``).
BASE_ADDRESS = r"(?:\.\.?(?:/\.\.)*|/[A-Za-z0-9._~/-]*)"
#: Files a server compresses ahead of time and sends with a charset.
TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".csv", ".svg", ".txt", ".webmanifest", ".map")
#: Material's fingerprinted assets (``bundle.4d2a8b1c.min.js``) and ours (``compact.5e8f0a1b2c.css``).
FINGERPRINTED = r"\.[0-9a-f]{8,}(\.min)?\.(js|css)$"
#: Host files written into the site for static hosts; not public addresses (left out of published-urls.txt).
HOST_FILES = ("_headers", "_redirects")
#: Hidden folders a deployment keeps in the site folder (a build keeps every hidden entry of the
#: site it replaces: a ``.git`` checkout that publishes it). nginx refuses every hidden path; a
#: static host's ``_redirects`` can only name paths, so it answers 404 for these.
HIDDEN_KEPT = (".git",)
#: The versions of HTTP the site is served over (nginx answers others 400 or 505; HTTP/0.9 has
#: no headers, so it could carry none of the security headers).
PROTOCOLS = ("HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/3.0")
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)


@dataclass(frozen=True)
class Redirect:
    """A permanent redirect: ``source`` (a path starting with ``/``) to ``target``."""

    source: str
    target: str


def redirects(compact: Compact) -> list[Redirect]:
    """Every address that must answer ``301``: old commitment addresses that moved or were merged, and
    printed addresses that are not their page's own, each with and without the slash and ``index.html``.

    Withdrawn and split commitments keep their own page (it is the answer), so they are not here.
    """
    pairs: list[tuple[str, str]] = []
    for redirect in compact.redirects:
        if redirect.target is not None:
            pairs.append((urls.url_path(urls.old_page(redirect)), urls.url_path(urls.commitment_page(redirect.target))))
    for address in compact.printed_addresses:
        served, target = urls.printed_page(address), urls.printed_target(address, compact)
        if served != target:
            pairs.append((urls.url_path(served), urls.url_path(target)))
    rules = []
    for old, new in pairs:
        base = "/" + old.rstrip("/")
        for source in (base, base + "/", base + "/index.html"):
            rules.append(Redirect(source, "/" + new))
    return rules


class UnknownScript(Exception):
    """A built page runs an inline script that no theme template writes: one sentence for the user."""


def theme_template_dirs() -> list[Path]:
    """The installed themes' template folders (found, not imported: this module imports no engine)."""
    folders = []
    for name in THEMES:
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec is not None else []:
            if (Path(location) / "templates").is_dir():
                folders.append(Path(location) / "templates")
    return folders


def theme_scripts(folders: Iterable[Path]) -> tuple[re.Pattern[str], ...]:
    """Every inline script the templates in ``folders`` write, as a pattern: the script as written,
    with each ``{{ … }}`` standing for a base address (``.``, ``../..``, ``/``). A script a
    ``{% … %}`` builds (Material's analytics) is left out: no page of this site runs one."""
    patterns = []
    for folder in folders:
        for template in sorted(folder.rglob("*.html")):
            for body in _runnable_scripts(template.read_text(encoding="utf-8")):
                if "{%" not in body:
                    pieces = re.split(r"\{\{.*?\}\}", body, flags=re.S)
                    patterns.append(re.compile(BASE_ADDRESS.join(re.escape(p) for p in pieces), re.S))
    return tuple(patterns)


def script_hashes(site_dir: Path) -> list[str]:
    """``'sha256-…'`` of every distinct inline script the built pages run, sorted: each must be one the
    theme's templates write (:data:`THEME_SCRIPTS`).

    The policy allows the theme's scripts and nothing a page brings of its own. The project's own
    scripts are files (``assets/javascripts/``, allowed by ``script-src 'self'``), never inline; the
    theme's few inline scripts are known from its templates, whatever the data. A page running any
    other inline script means that data became script or that a template changed unnoticed: the
    build stops (:class:`UnknownScript`) rather than allow it. (Only the base address the theme
    fills into its scripts is taken from the page, and only in the shape of one, so the hashes
    name the theme's own code and nothing else.)
    """
    known = THEME_SCRIPTS
    found: set[str] = set()
    checked: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for body in _runnable_scripts(page.read_text(encoding="utf-8")):
            if body not in checked and not any(pattern.fullmatch(body) for pattern in known):
                where = page.relative_to(site_dir).as_posix()
                raise UnknownScript(
                    f"{where} runs an inline script that no template of the theme writes "
                    f"({' '.join(body.split())[:80]!r}): data became script, or a template gained a script "
                    "(the site's own scripts go in files under assets/javascripts/)"
                )
            checked.add(body)
            found.add(_hash(body))
    return sorted(found)


def _runnable_scripts(html: str) -> Iterator[str]:
    """The body of every inline ``<script>`` in ``html`` that a browser runs (a data block is not run,
    so the policy does not govern it)."""
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in RUNNABLE_TYPES:
            yield match.group("body")


#: The installed themes' inline scripts (:func:`theme_scripts`), worked out once, when this module is
#: imported: the themes' templates are part of the installation, as fixed as their version.
THEME_SCRIPTS = theme_scripts(theme_template_dirs())



def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(hashes: Iterable[str]) -> str:
    """The site's policy: everything from itself, scripts only its files and the hashed inline ones."""
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes),
        # Material sets style attributes from its scripts (the header's shadow, search highlights).
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(d.strip() for d in directives)


def security_headers(csp: str) -> list[tuple[str, str]]:
    """The headers every response carries."""
    return [
        ("Content-Security-Policy", csp),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]


#: Cache-Control for fingerprinted assets (their name changes with their content) and for the rest.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

#: The types a server gives the site's files (nginx has no mime.types of its own here).
TYPES = {
    "text/html": ("html",),
    "text/css": ("css",),
    "application/javascript": ("js",),
    "application/json": ("json", "map"),
    "application/manifest+json": ("webmanifest",),
    "text/csv": ("csv",),
    "application/xml": ("xml",),
    "text/plain": ("txt",),
    "application/pdf": ("pdf",),
    "image/svg+xml": ("svg",),
    "image/png": ("png",),
    "image/x-icon": ("ico",),
    "font/woff2": ("woff2",),
    "application/gzip": ("gz",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
}


def fingerprint(path: str, content: bytes) -> str:
    """``assets/stylesheets/compact.css`` → ``assets/stylesheets/compact.<hash>.css``: a name that
    changes with the content, so that browsers may keep the file for good."""
    stem, dot, suffix = path.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{stem}.{digest}.{suffix}" if dot else f"{path}.{digest}"


@dataclass
class Fingerprinter:
    """Renames the site's own CSS and JS by their content and keeps the copies to add: one rule for
    the plugin (reading ``docs_dir``) and the export (reading its files), whatever lists the names."""

    read: Callable[[str], bytes | None]
    copies: dict[str, bytes] = field(default_factory=dict)

    def __call__(self, path: str) -> str:
        """The fingerprinted name of one of the site's files; an address or a file it has not, unchanged."""
        content = None if "://" in path else self.read(path)
        if content is None:
            return path
        name = fingerprint(path, content)
        self.copies[name] = content
        return name
