"""Handouts for ``mkdocs serve``: laid out after the pages are served, in a worker process.

A preview build lays nothing out (its use of the cache has stand-ins: see
:class:`~generator.handouts.cache.CacheUse`); its pages say which handouts are being made, and
:func:`start` hands those to a fresh Python process (``python -m generator.handouts.preview
<job file>``), at a lower priority than the server so an editor's next save is rebuilt first.
The worker writes each PDF into the cache and, once all are there, asks for a rebuild
(:func:`ask_for_rebuild`, the one way anything does): the next build finds every handout in
the cache and the browser reloads with the links.

This module imports no WeasyPrint itself; only the worker process loads it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator.cachefiles import unusable
from generator.handouts.cache import HandoutCache, Job

#: The worker's niceness: the server's rebuilds come first.
NICENESS = 10


def ask_for_rebuild(folder: Path, why: str) -> None:
    """Start another `mkdocs serve` build: a file changes in ``folder``, which the server watches."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "next").write_text(f"{time.time_ns()}: {why}\n", encoding="utf-8")
    except OSError as error:  # the page then reloads at the next save
        unusable(folder, error)


def start(cache: HandoutCache, jobs: Sequence[Job], rebuild: Path) -> subprocess.Popen[bytes] | None:
    """Start a worker for ``jobs`` (duplicates dropped), which asks for a rebuild in the folder
    ``rebuild`` once they are made; None if there is nothing to make."""
    unique = list({job.key: job for job in jobs}.values())
    if not unique:
        return None
    job_file = {
        "cache": str(cache.directory),
        "max_bytes": cache.max_bytes,
        "rebuild": str(rebuild),
        "parent": os.getpid(),
        "jobs": [{"key": j.key, "html": j.html, "path": j.path, "stylesheet": list(j.stylesheet_source)}
                 for j in unique],
    }
    try:
        cache.directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".jobs-", suffix=".json", dir=cache.directory)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(job_file, file)
    except OSError as error:  # the worker could keep nothing: the handouts wait for a build with a usable cache
        unusable(cache.directory, error)
        return None
    return subprocess.Popen([sys.executable, "-m", "generator.handouts.preview", name])


def stop(worker: subprocess.Popen[bytes] | None) -> None:
    """End a worker this process started (its finished entries stay in the cache)."""
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=5)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def main(argv: Sequence[str]) -> int:
    """The worker: lay out each job into the cache, then ask for a rebuild."""
    job_path = Path(argv[0])
    spec = json.loads(job_path.read_text(encoding="utf-8"))
    job_path.unlink()
    from generator.handouts.pdf import Typesetter, die_with_parent  # WeasyPrint: only in the worker

    die_with_parent(int(spec["parent"]))
    os.nice(NICENESS)
    cache = HandoutCache(Path(spec["cache"]), int(spec["max_bytes"]))
    by_stylesheet: dict[tuple[str, str], list[dict[str, str]]] = {}
    for job in spec["jobs"]:
        name, css = job["stylesheet"]
        by_stylesheet.setdefault((name, css), []).append(job)
    typesetter = Typesetter()
    for stylesheet_source, jobs in by_stylesheet.items():
        for job, laid in zip(jobs, typesetter.lay_out([j["html"] for j in jobs], stylesheet_source), strict=True):
            cache.put(job["key"], laid)
    ask_for_rebuild(Path(spec["rebuild"]), f"{len(spec['jobs'])} handouts made")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
