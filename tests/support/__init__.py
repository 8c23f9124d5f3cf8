"""What the tests (and the benchmark) share: the project's paths, its site address, real builds, a quiet server.

Importable as ``support`` because ``tests/`` is on ``pythonpath`` (pyproject.toml);
``benchmarks/run.py`` puts ``tests/`` on its path to use the same helpers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import http.server
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from generator import urls
from generator.export import read_config

ROOT = Path(__file__).resolve().parents[2]
#: What a copy of the site needs to build.
SITE_SOURCES = ("mkdocs.yml", "content", "overrides", "compact_templates", "compact_data")
#: The site's address: from mkdocs.yml, its one home.
SITE_URL = str(read_config(ROOT / "mkdocs.yml")["site_url"])
SITE = urls.Site(SITE_URL)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No name resolves but the test server's: nothing a page asks of another host leaves the machine
    # (the request is still made, and seen by the tests that record requests, then fails).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A copy of the site's sources that a test may change freely (``data``: another data folder)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = data if (name == "compact_data" and data is not None) else ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def without_source(data_dir: Path) -> None:
    """Drop ``source:`` from a copy's compact.yaml: a test that puts other words into official
    texts (markup, an edit) then builds with a notice instead of failing the source check."""
    config = data_dir / "compact.yaml"
    kept, skipping = [], False
    for line in config.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("source:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "#")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    config.write_text("".join(kept), encoding="utf-8")


def build_site(
    project: Path, site: Path | None = None, *extra: str, check: bool = True, pdf: bool = False
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``project``, as a user runs it.

    Handouts are off unless ``pdf``: laying them out is most of a build's time, and only
    the tests that read a PDF or a download's size need them. A build that must succeed
    (``check``) and lays out no handout runs in this process, as the command runs it
    (:func:`build_here`): its own process would prove nothing more and cost a second of imports.
    A build whose failure a test reads, or with handouts (a pool of processes), is a process of its own.
    """
    if check and not pdf and not extra:
        return build_here(project, site)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site is not None:
        command += ["-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["COMPACT_PDF"] = "true" if pdf else "false"
    result = subprocess.run([*command, *extra], cwd=project, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def build_here(project: Path, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` without handouts in this process, as MkDocs' build command runs it
    (in ``project``, with this process's environment): what it logged is the result's ``stderr``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level, previous_pdf = logger.level, os.environ.get("COMPACT_PDF")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ["COMPACT_PDF"] = "false"
    try:
        with contextlib.chdir(project):
            config = load_config(strict=True, site_dir=None if site is None else str(site))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as error:
        raise AssertionError(f"mkdocs build failed:\n{log.getvalue()}\n{error}") from error
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        if previous_pdf is None:
            del os.environ["COMPACT_PDF"]
        else:
            os.environ["COMPACT_PDF"] = previous_pdf
    command = ["mkdocs", "build", "--strict", *([] if site is None else ["-d", str(site)])]
    return subprocess.CompletedProcess(command, 0, "", log.getvalue())


@dataclass(frozen=True)
class RealBuild:
    """The session's build of the real repository: where it went and what it said."""

    site: Path
    returncode: int
    output: str


#: The real build as a user runs it: ``mkdocs build --strict`` in the repository, with a
#: bare environment (so handouts are on by mkdocs.yml's own default, and nothing of the
#: caller's environment — a SOURCE_DATE_EPOCH, say — changes the result).
REAL_BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


#: What :func:`once_per_run` makes: a dataclass.
Built = TypeVar("Built")


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Built], kind: type[Built]
) -> Built:
    """``make(folder)`` once for the whole run, a dataclass of paths and plain values.

    Under pytest-xdist the workers share it: the first to need it makes it in the run's common
    temporary folder ``name`` while holding a lock and records it; the others wait and read the record.
    Without xdist it is made once for the process.
    """
    key = (str(tmp_path_factory.getbasetemp()), name)
    if key not in _MADE:
        _MADE[key] = _once_per_run(tmp_path_factory, name, make, kind)
    return _MADE[key]  # type: ignore[return-value]


#: What :func:`once_per_run` has made in this process, by the run's temporary folder and name.
_MADE: dict[tuple[str, str], object] = {}


def _once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Built], kind: type[Built]
) -> Built:
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / name
    shared.mkdir(exist_ok=True)
    record = shared / "record.json"
    paths = {f.name for f in dataclasses.fields(kind) if f.type in ("Path", Path)}  # type: ignore[arg-type]
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if record.is_file():
                saved = json.loads(record.read_text(encoding="utf-8"))
                return kind(**{key: Path(value) if key in paths else value for key, value in saved.items()})
            built = make(shared)
            values = dataclasses.asdict(built)  # type: ignore[call-overload]
            record.write_text(json.dumps({k: str(v) if k in paths else v for k, v in values.items()}), encoding="utf-8")
            return built
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_real_site(site: Path) -> RealBuild:
    """``mkdocs build --strict`` of the repository itself into ``site``, recorded."""
    # Its own, empty cache: the session's handouts are laid out, and nothing is written into the repository.
    env = {**REAL_BUILD_ENV, "COMPACT_CACHE": str(site.parent / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    return RealBuild(site, result.returncode, result.stdout + result.stderr)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that logs nothing and serves the site's own 404 page, as the host does."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:
            page = Path(self.directory) / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """``directory`` served on 127.0.0.1 in a thread; yields the base URL ending in ``/``."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def check_data(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """``python -m generator check`` in ``project`` as an editor runs it, in-process: exit code and output."""
    from generator import cli

    monkeypatch.chdir(project)
    capsys.readouterr()
    code = cli.main(["check", "--data", "compact_data"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@contextmanager
def tmpfs(folder: Path, size: str = "64m", *, read_only: bool = False) -> Iterator[Path]:
    """A fresh tmpfs of ``size`` at ``folder``, unmounted afterwards: another file system, a small
    disk, or (``read_only``) an empty folder nothing can be written to, even by root.

    Mounting needs root, as ``make test`` runs (the browser and nginx tests need it too).
    """
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        raise AssertionError(f"cannot mount a tmpfs at {folder} (run the tests as root): {mounted.stderr}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)
