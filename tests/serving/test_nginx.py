"""The site served for real: Debian's nginx with the configuration the generator writes.

One real nginx serves the session's real build; another serves a build of the
synthetic two-edition data (its old addresses must answer 301). Headers, redirects,
404s, compression and types are read over HTTP; Chromium visits every page type and
records every Content-Security-Policy violation. ``COMPACT_BASE_URL`` points the
checks of the real site at a live server instead.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from support import ROOT, build_site, hostile
from support.editions import two_editions_build
from support.nginx import running_nginx
from support.search import COUNT_ANSWERS, type_query

from generator import urls
from generator.cli import main as cli_main
from generator.deploy import rules
from generator.deploy.nginx import static_host_files
from generator.deploy.rules import redirects as redirect_rules
from generator.model import Compact, load_compact

SECURITY_HEADERS = (
    "content-security-policy", "strict-transport-security", "x-content-type-options", "referrer-policy",
    "permissions-policy",
)


@pytest.fixture(scope="module")
def nginx_url(site_dir: Path, compact: Compact, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_nginx(site_dir, compact, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def request(base: str, path: str, method: str = "GET", headers: dict[str, str] | None = None,
            ) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(base)
    assert parts.hostname is not None
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def test_every_published_address_answers(nginx_url: str) -> None:
    entries = urls.read_manifest((ROOT / "published-urls.txt").read_text(encoding="utf-8"))
    failures = []
    for entry in dict.fromkeys(e.partition("#")[0] for e in entries):
        status, _, _ = request(nginx_url, entry, "HEAD")
        if status != 200:
            failures.append(f"{entry}: {status}")
    assert not failures, failures


@pytest.mark.parametrize("path", [
    "/commitments/1.4/", "/", "/data/compact.json", "/data/commitments.csv", "/downloads/sector-vcs.pdf",
    "/sitemap.xml", "/assets/favicon.svg", "/no-such-page/", "/commitments/1.4", "/compact-partners-group",
])
def test_every_response_carries_the_security_headers(nginx_url: str, path: str) -> None:
    status, headers, _ = request(nginx_url, path, "HEAD")
    assert status in (200, 301, 404), (path, status)
    missing = [name for name in SECURITY_HEADERS if name not in headers]
    assert not missing, (path, missing)
    policy = headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "'sha256-" in script_src
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers.get("server", "nginx") == "nginx"  # no version


def test_caching_types_and_charset(nginx_url: str, site_dir: Path) -> None:
    page = request(nginx_url, "/commitments/1.4/", "HEAD")[1]
    assert page["cache-control"] == "no-cache" and page["content-type"] == "text/html; charset=utf-8"
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    ours = re.findall(r'href="(assets/stylesheets/compact\.[0-9a-f]{10}\.css)"', html)
    material = re.findall(r'src="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', html)
    assert ours and material, "the pages load fingerprinted CSS and JS"
    for asset in (ours[0], material[0]):
        headers = request(nginx_url, "/" + asset, "HEAD")[1]
        assert headers["cache-control"] == "public, max-age=31536000, immutable", asset
    types = {
        "/data/compact.json": "application/json; charset=utf-8",
        "/data/commitments.csv": "text/csv; charset=utf-8",
        "/downloads/sector-vcs.pdf": "application/pdf",
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/assets/favicon.svg": "image/svg+xml; charset=utf-8",
    }
    for path, expected in types.items():
        assert request(nginx_url, path, "HEAD")[1]["content-type"] == expected, path


def test_unknown_addresses_answer_404_with_the_404_page(nginx_url: str, site_dir: Path) -> None:
    for path in ("/no-such-page/", "/commitments/1.40", "/commitments/1.40/", "/_headers", "/_redirects"):
        status, _, body = request(nginx_url, path)
        assert status == 404, path
        assert body == (site_dir / "404.html").read_bytes(), path


def test_a_page_without_its_slash_is_sent_to_it(nginx_url: str) -> None:
    for path in ("/commitments/1.4", "/compact-partners-group", "/editions/2012/commitments/1.4"):
        status, headers, _ = request(nginx_url, path, "HEAD")
        assert status == 301 and headers["location"] == path + "/", path


def test_compressed_files_are_served_to_browsers_that_ask(nginx_url: str, site_dir: Path) -> None:
    status, headers, body = request(nginx_url, "/commitments/1.4/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert gzip.decompress(body) == (site_dir / "commitments" / "1.4" / "index.html").read_bytes()
    _, plain_headers, plain = request(nginx_url, "/commitments/1.4/")
    assert "content-encoding" not in plain_headers
    assert plain == (site_dir / "commitments" / "1.4" / "index.html").read_bytes()


def test_the_command_writes_a_configuration_nginx_accepts(site_dir: Path, tmp_path: Path) -> None:
    import subprocess

    from support.nginx import nginx_binary

    out = tmp_path / "nginx.conf"
    assert cli_main(["--data", str(ROOT / "compact_data"), "nginx", "--site-dir", str(site_dir),
                     "--listen", "127.0.0.1:8080", "--out", str(out)]) == 0
    (tmp_path / "logs").mkdir()
    tested = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(out)],
                            capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    assert "[warn]" not in tested.stderr, tested.stderr
    assert cli_main(["nginx", "--site-dir", str(tmp_path / "nothing")]) == 2
    assert cli_main(["nginx", "--site-dir", str(site_dir), "--listen", "8080; evil"]) == 2


# -- hidden files, every status, odd requests ------------------------------------------------

#: Hidden entries a site folder may hold: a deployment's checkout, a build's own, any dot segment.
HIDDEN = {
    ".git/config": "[core]\n", ".git/HEAD": "ref: refs/heads/main\n", ".site.ready/index.html": "<p>old</p>",
    ".hidden.txt": "secret", "assets/.cache/a.css": "a {}", ".x/bundle.1234abcd.min.js": "x",
    "commitments/.1.4/index.html": "<p>old</p>",
}
HIDDEN_PATHS = [
    "/.git/config", "/.git/HEAD", "/.git/", "/.git", "/.site.ready/", "/.site.ready/index.html", "/.hidden.txt",
    "/assets/.cache/a.css", "/.x/bundle.1234abcd.min.js", "/commitments/.1.4/", "/%2Egit/config", "/./.git/config",
    "/commitments/../.git/config",
]


@pytest.fixture(scope="module")
def hidden_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real build holding hidden files and folders, as a deployed site folder may."""
    site = tmp_path_factory.mktemp("hidden") / "site"
    shutil.copytree(site_dir, site)
    for name, text in HIDDEN.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def hidden_url(hidden_site: Path, compact: Compact, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if os.environ.get("COMPACT_BASE_URL"):
        pytest.fail("the hidden files are a local fixture: unset COMPACT_BASE_URL for these tests")
    with running_nginx(hidden_site, compact, tmp_path_factory.mktemp("nginx-hidden")) as url:
        yield url


def raw_request(base: str, data: bytes) -> tuple[str, list[tuple[str, str]], bytes]:
    """``data`` sent as it is on a socket: the status line, every header as sent (repeats kept), the body."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(data)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/"):
        return "", [], received  # HTTP/0.9: a body and nothing else
    status, *lines = head.decode("latin-1").split("\r\n")
    return status, [(k.strip().lower(), v.strip()) for k, _, v in (line.partition(":") for line in lines)], body


def get(path: str, *headers: str, method: str = "GET") -> bytes:
    return "\r\n".join([f"{method} {path} HTTP/1.1", "Host: x", "Connection: close", *headers, "", ""]).encode()


def test_hidden_files_and_folders_are_never_served(hidden_url: str, hidden_site: Path) -> None:
    for path in HIDDEN_PATHS:
        status, headers, body = raw_request(hidden_url, get(path))
        assert status.split()[1] == "404", (path, status)
        assert body == (hidden_site / "404.html").read_bytes(), path
        assert "content-security-policy" in dict(headers), path
    assert raw_request(hidden_url, get("/commitments/1.4/"))[0].split()[1] == "200"  # the rest is served


def _etag(base: str) -> str:
    return dict(raw_request(base, get("/commitments/1.4/"))[1])["etag"]


#: A request for every status the server gives, and the status.
STATUSES = {
    "page": (lambda base: get("/commitments/1.4/"), "200"),
    "range": (lambda base: get("/downloads/sector-vcs.pdf", "Range: bytes=0-9"), "206"),
    "asset": (lambda base: get("/assets/favicon.svg", "Accept-Encoding: gzip"), "200"),
    "slash": (lambda base: get("/commitments/1.4"), "301"),
    "not modified": (lambda base: get("/commitments/1.4/", f"If-None-Match: {_etag(base)}"), "304"),
    "unknown": (lambda base: get("/no-such-page/"), "404"),
    "hidden": (lambda base: get("/.git/config"), "404"),
    "host file": (lambda base: get("/_headers"), "404"),
    "method": (lambda base: get("/commitments/1.4/", "Content-Length: 0", method="POST"), "405"),
    "precondition": (lambda base: get("/commitments/1.4/", 'If-Match: "no"'), "412"),
    "unsatisfiable": (lambda base: get("/commitments/1.4/", "Range: bytes=99999999-"), "416"),
    "unsatisfiable pdf": (lambda base: get("/downloads/sector-vcs.pdf", "Range: bytes=99999999-"), "416"),
    "no host": (lambda base: b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", "400"),
    "long": (lambda base: get("/" + "a" * 9000), "414"),
    "version": (lambda base: b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", "505"),
}


@pytest.mark.parametrize("case", sorted(STATUSES))
def test_every_status_carries_each_header_once(hidden_url: str, case: str) -> None:
    make, expected = STATUSES[case]
    status, headers, _ = raw_request(hidden_url, make(hidden_url))
    assert status.split()[1] == expected, (case, status)
    names = [name for name, _ in headers]
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, (case, twice)
    missing = [name for name in (*SECURITY_HEADERS, "x-frame-options", "cross-origin-opener-policy", "cache-control")
               if name not in names]
    assert not missing, (case, missing)


#: Request lines nginx refuses itself, and those the configuration refuses (HTTP/0.9, odd versions).
ODD_LINES = [
    "GET", "get / HTTP/1.1", "GET / HTTP/01.1", "GET / HTTP/1.1 x", "GET x HTTP/1.1", "GET * HTTP/1.1",
    "OPTIONS * HTTP/1.1", "GET /a b HTTP/1.1", "GET /a\tb HTTP/1.1", "GET /%00 HTTP/1.1", "GET /\x01 HTTP/1.1",
    "GET /../../etc/passwd HTTP/1.1", " GET / HTTP/1.1", "\x16\x03\x01\x00\xa5", "GET / HTTP/1.10", "GET / HTTP/1.99",
]


@pytest.mark.parametrize("line", ODD_LINES)
def test_odd_request_lines_get_400(hidden_url: str, line: str) -> None:
    status, headers, body = raw_request(hidden_url, line.encode("latin-1") + b"\r\nHost: x\r\n\r\n")
    assert status.split()[1] == "400", (line, status)
    names = [name for name, _ in headers]
    assert names.count("content-security-policy") == 1, line
    assert b"<!doctype html>" not in body.lower(), line  # no page, only nginx's short error


@pytest.mark.parametrize("path", ["/", "/commitments/1.4/", "/.git/config", "/downloads/sector-vcs.pdf"])
def test_http_0_9_is_served_nothing(hidden_url: str, hidden_site: Path, path: str) -> None:
    """HTTP/0.9 has no headers, so no security headers: the answer is nginx's "400 Bad Request", never a file."""
    status, headers, body = raw_request(hidden_url, f"GET {path}\r\n".encode())
    assert (status, headers) == ("", [])
    assert b"400 Bad Request" in body, body[:200]
    assert b"<!doctype html>" not in body.lower() and b"%PDF" not in body and b"[core]" not in body


# -- a renumbered edition ------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Compact]:
    built = two_editions_build(tmp_path_factory)  # the run's (read only)
    return built.site, load_compact(built.project / "compact_data")


@pytest.fixture(scope="module")
def editions_url(two_editions: tuple[Path, Compact], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site, compact = two_editions
    if os.environ.get("COMPACT_BASE_URL"):
        pytest.fail("the renumbered build is a local fixture: unset COMPACT_BASE_URL for these tests")
    with running_nginx(site, compact, tmp_path_factory.mktemp("nginx-ed")) as url:
        yield url


def test_old_addresses_answer_301_to_the_new_ones(editions_url: str, two_editions: tuple[Path, Compact]) -> None:
    _, compact = two_editions
    rules = redirect_rules(compact)
    assert {(r.source, r.target) for r in rules} == {
        ("/commitments/1.20", "/commitments/1.19/"), ("/commitments/1.20/", "/commitments/1.19/"),
        ("/commitments/1.20/index.html", "/commitments/1.19/"),
    }
    for rule in rules:
        status, headers, _ = request(editions_url, rule.source, "HEAD")
        assert status == 301 and headers["location"] == rule.target, rule
        assert "content-security-policy" in headers
    # Withdrawn and split commitments keep their page; the 2012 words keep their address.
    for path in ("/commitments/2.6/", "/commitments/4.7/", "/editions/2012/commitments/1.20/"):
        assert request(editions_url, path, "HEAD")[0] == 200, path


def test_static_host_files_hold_the_same_rules(two_editions: tuple[Path, Compact]) -> None:
    site, compact = two_editions
    files = static_host_files(compact, site)
    assert (site / "_redirects").read_text(encoding="utf-8") == files["_redirects"]
    assert "/commitments/1.20/ /commitments/1.19/ 301" in files["_redirects"].splitlines()
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert headers == files["_headers"]
    assert "  X-Content-Type-Options: nosniff" in headers.splitlines()
    # Netlify's format can say that hidden folders a deployment keeps are not served.
    lines = files["_redirects"].splitlines()
    assert "/.git /404.html 404!" in lines and "/.git/* /404.html 404!" in lines
    assert "frame-ancestors 'none'" in headers


@pytest.mark.browser
def test_the_browser_ends_on_the_new_page(page: Any, editions_url: str) -> None:
    page.goto(editions_url + "commitments/1.20")
    page.wait_for_url(editions_url + "commitments/1.19/", timeout=10_000)
    assert page.locator("h1").inner_text() == "Commitment 1.19"


# -- no Content-Security-Policy violation in a browser -------------------------------------

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


def _visit_everything(page: Any, base: str, found: list[str]) -> None:
    """Every page type, and every behaviour a script gives them; each page's violations go to ``found``."""

    def record() -> None:
        found.extend(f"{page.url}: {v}" for v in page.evaluate("window.__violations || []"))

    for path in ("", "about/", "values/", "themes/", "themes/allocating-resources/", "sectors/", "sectors/vcs/",
                 "glossary/", "downloads/", "linking/", "accessibility/", "editions/", "editions/2012/",
                 "editions/2012/commitments/1.4/", "compact-partners-group/", "no-such-page/", "commitments/9.9/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        record()
    page.goto(base + "commitments/?sector=vcs&theme=3")
    page.wait_for_function("() => document.querySelectorAll('#compact-all .compact-item[hidden]').length")
    page.select_option("#filter-theme", "1")
    record()
    page.goto(base + "complaints/?commitment=1.4")
    page.locator("#compact-complaint").wait_for(state="visible")
    record()
    page.goto(base + "commitments/1.4/")
    page.get_by_role("button", name="Copy link").click()
    page.keyboard.press("/")
    search = page.locator(".md-search__input")
    search.wait_for(state="visible")
    type_query(search, "funding")  # every answer drawn
    page.locator(".md-search-result__list > li").first.wait_for(state="visible")
    record()


@pytest.mark.browser
def test_no_content_security_policy_violation_anywhere(browser: Any, nginx_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_VIOLATIONS)
    context.add_init_script(COUNT_ANSWERS)
    console: list[str] = []
    violations: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        _visit_everything(page, nginx_url, violations)
    finally:
        context.close()
    blocked = [m for m in console if "Content Security Policy" in m or "Content-Security-Policy" in m]
    assert not violations and not blocked, violations + blocked


@pytest.mark.browser
def test_old_anchors_work_under_the_policy(browser: Any, editions_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        page = context.new_page()
        page.goto(editions_url + "themes/allocating-resources/#commitment-1.20")
        page.wait_for_url(editions_url + "themes/allocating-resources/#commitment-1.19", timeout=10_000)
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()


# -- data that would be script, behind the generated configuration ----------------------------

#: Every way a script could run, recorded instead: ``alert`` (the hostile texts call it), dialogs,
#: and the policy's violations.
RECORD_SCRIPTS = RECORD_VIOLATIONS + """
window.__alerts = [];
window.alert = function (message) { window.__alerts.push(String(message)); };
"""
#: A page of the site as an escaping mistake would make it: the data's script and image as markup.
INJECTED = '<script>alert("inline")</script><img src="x" onerror="alert(\'attribute\')">'


@pytest.fixture(scope="module")
def hostile_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Hostile text in every free-text field (tests/support/hostile.py), built and served by nginx
    with the configuration ``python -m generator nginx`` writes for that build."""
    if os.environ.get("COMPACT_BASE_URL"):
        pytest.fail("the hostile build is a local fixture: unset COMPACT_BASE_URL for these tests")
    built = hostile.hostile_build(tmp_path_factory)  # the run's, which the escaping tests read
    where = tmp_path_factory.mktemp("nginx-hostile")
    site = shutil.copytree(built.site, where / "site")  # a copy of its own: a test here adds a page
    with running_nginx(site, load_compact(built.project / "compact_data"), where / "nginx") as url:
        yield url, site


def _visit(context: Any, url: str, search: str | None = None) -> tuple[list[str], list[str]]:
    """The page at ``url`` (and a search typed into it): the alerts it called and the violations."""
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    if search is not None:
        page.keyboard.press("/")
        box = page.locator(".md-search__input")
        box.wait_for(state="visible")
        type_query(box, search)  # every answer drawn
        page.locator(".md-search-result__list > li").first.wait_for(state="visible")
    ran = page.evaluate("window.__alerts") + dialogs
    violations = page.evaluate("window.__violations")
    page.close()
    return ran, violations


@pytest.mark.browser
def test_no_script_of_the_data_runs_behind_the_policy(browser: Any, hostile_served: tuple[str, Path]) -> None:
    """Hostile text in every field is text on every page type: nothing it holds runs (and nothing
    needs blocking: the policy is not what stops it)."""
    base, _ = hostile_served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_SCRIPTS)
    context.add_init_script(COUNT_ANSWERS)
    try:
        for path in ("", "about/", "values/", "themes/allocating-resources/", "commitments/", "commitments/1.1/",
                     "sectors/vcs/", "glossary/", "complaints/", "compact-partners-group/", "editions/",
                     "editions/2030/changes/", "no-such-page/", "commitments/9.9/"):
            ran, violations = _visit(context, base + path)
            assert not ran and not violations, (path, ran, violations)
        ran, violations = _visit(context, base + "commitments/1.1/", search="Zq")
        assert not ran and not violations, ("search", ran, violations)
    finally:
        context.close()


@pytest.mark.browser
def test_the_policy_blocks_a_script_an_escaping_mistake_would_let_through(
    browser: Any, hostile_served: tuple[str, Path]
) -> None:
    """Were the data's script written into a page as markup, the policy nginx sends (the theme's
    scripts only) would block it and its event handler: nothing runs, and Chromium says why."""
    base, site = hostile_served
    page_file = site / "about" / "index.html"
    broken = site / "escaping-mistake" / "index.html"
    broken.parent.mkdir()
    broken.write_text(page_file.read_text(encoding="utf-8").replace("</article>", INJECTED + "</article>", 1),
                      encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_SCRIPTS)
    try:
        ran, violations = _visit(context, base + "escaping-mistake/")
    finally:
        context.close()
        broken.unlink()
    assert not ran
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert any(v.startswith("script-src-attr inline") for v in violations), violations


def test_a_page_with_a_script_no_template_writes_gets_no_policy(site_dir: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The policy's hashes are the theme's own scripts, known from its templates: a built page with
    any other inline script (data become script, a template changed unnoticed) stops the command."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("*.pdf", "*.gz"))
    assert rules.script_hashes(site)  # Material's: the palette, the tabs and the base address
    page = site / "commitments" / "1.4" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", INJECTED + "</body>"), encoding="utf-8")
    with pytest.raises(rules.UnknownScript, match=r"commitments/1\.4/index\.html runs an inline script"):
        rules.script_hashes(site)
    capsys.readouterr()
    assert cli_main(["--data", str(ROOT / "compact_data"), "nginx", "--site-dir", str(site)]) == 2
    said = capsys.readouterr().err
    assert "no template of the theme writes" in said and "Traceback" not in said


def test_a_build_whose_template_writes_an_inline_script_fails(project: Path, tmp_path: Path) -> None:
    """The project's own scripts are files: an override that writes one inline stops the build, in a
    sentence, before anything is put in place."""
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% block footer %}{{ super() }}<script>var x = 1;</script>"
                    "{% endblock %}\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert "runs an inline script that no template of the theme writes ('var x = 1;')" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
