"""Benchmark: build speed, scale, page weight and long texts, against the targets of issues 8, 17 and 29.

Usage (from the repository root)::

    .venv/bin/python benchmarks/run.py            # the full table (a few minutes)
    .venv/bin/python benchmarks/run.py --check    # ... and exit 1 if a target is missed
    .venv/bin/python benchmarks/run.py --smoke    # 1x only, one repetition, never fails on timings

Every build runs in a subprocess, in a temporary copy of the project, so that
each run's peak memory is its own (``os.wait4`` returns that child's rusage)
and ``site/`` is never touched. The references are measured in the same run,
on the same machine, so the ratios hold even when the machine is busy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(ROOT / "tests"))  # the helpers the tests use: tests/support/

import support  # noqa: E402
from support import SITE, serving  # noqa: E402
from synthetic import LONG_TEXT_UNITS, make_long_text, make_synthetic  # noqa: E402

from generator import urls  # noqa: E402
from generator.build import build  # noqa: E402
from generator.model import load_compact  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = "/usr/bin/chromium"
KB = 1024
MB = 1024 * 1024


# -- results ------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a figure and, if it has one, its target."""

    measure: str
    figure: str
    target: str = ""
    met: bool | None = None  # None: no target, or not measurable in this run


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, figure: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(measure, figure, target, met))
        print(f"  {measure}: {figure}" + (f"  [{target}: {_verdict(met)}]" if target else ""), flush=True)

    def table(self) -> str:
        lines = ["| Measure | Figure | Target | Met |", "| --- | --- | --- | --- |"]
        for row in self.rows:
            lines.append(f"| {row.measure} | {row.figure} | {row.target} | {_verdict(row.met) if row.target else ''} |")
        return "\n".join(lines)

    @property
    def missed(self) -> list[Row]:
        return [row for row in self.rows if row.met is False]


def _verdict(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "n/a"}[met]


# -- running builds -------------------------------------------------------------


@dataclass
class Run:
    """Wall time, CPU time (user + system: what the build itself costs, whatever else
    the machine is doing) and peak resident memory of one build."""

    seconds: float
    cpu: float
    peak_mb: float

    def __str__(self) -> str:
        return f"{self.cpu:.2f} s CPU ({self.seconds:.2f} s wall), {self.peak_mb:.0f} MB peak"


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command``; wall time and the peak RSS of that one child process."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**ENV, **(env or {})}, stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")[-4000:]
            raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{text}")
    # ru_maxrss is in KiB on Linux
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def mkdocs_build(project: Path, site: Path, strict: bool = True, env: dict[str, str] | None = None) -> Run:
    # Never -q with --strict: quiet mode hides the warnings strict counts.
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    return measure(command, project, env)


def cold(work: Path) -> dict[str, str]:
    """The environment of a build with empty caches (no kept handouts, templates or compressed copies)."""
    return {"COMPACT_CACHE": tempfile.mkdtemp(prefix="cold-cache-", dir=work)}


def median_runs(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
    )


@dataclass(frozen=True)
class Runs:
    """One build's runs, one per round, and their median."""

    runs: list[Run]

    @property
    def median(self) -> Run:
        return median_runs(self.runs)

    def __truediv__(self, other: Runs) -> float:
        """The CPU ratio of two builds: the median of each round's own ratio. The rounds are
        interleaved, so within a round both builds meet the machine at about the same speed;
        a slow minute then slows both sides of one ratio, where a ratio of medians can take
        one build's median from a slow minute and the other's from a quick one."""
        return statistics.median(a.cpu / b.cpu for a, b in zip(self.runs, other.runs, strict=True))


def repeated(times: int, *builds: Callable[[], Run]) -> list[Runs]:
    """Run each build ``times`` times, interleaved so that load on the machine hits all alike."""
    results: list[list[Run]] = [[] for _ in builds]
    for _ in range(times):
        for index, run_build in enumerate(builds):
            results[index].append(run_build())
    return [Runs(r) for r in results]


# -- projects -------------------------------------------------------------------


def copy_project(target: Path, data: Path | None = None, pdf: bool | None = None) -> Path:
    """A copy of the site's sources (the tests' own copy), optionally with other data and the PDF option set."""
    support.copy_project(target, data)
    if pdf is not None:
        config = target / "mkdocs.yml"
        config.write_text(set_plugin_option(config.read_text(encoding="utf-8"), "pdf", pdf), encoding="utf-8")
    return target


def _plugin_block(lines: list[str]) -> tuple[int, int, str]:
    """Where ``- compact`` and its indented options sit in mkdocs.yml's lines."""
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)- compact(:)?\s*$", line)
        if match:
            indent = len(match.group(1))
            end = index + 1
            while end < len(lines) and (
                not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent + 1
            ):
                end += 1
            return index, end, match.group(1)
    raise RuntimeError("mkdocs.yml has no '- compact' plugin entry")


def set_plugin_option(config: str, option: str, value: bool) -> str:
    lines = config.splitlines()
    start, end, indent = _plugin_block(lines)
    options = [line for line in lines[start + 1 : end] if line.strip() and not line.strip().startswith(f"{option}:")]
    block = [f"{indent}- compact:", *options, f"{indent}    {option}: {str(value).lower()}"]
    return "\n".join(lines[:start] + block + lines[end:]) + "\n"


def plain_project(target: Path, data: Path) -> Path:
    """The site as `python -m generator export` writes it (plain Markdown and files, the same theme
    and navigation), without PDFs, to build with MkDocs and no plugin."""
    source = copy_project(target.with_name(target.name + "-source"), data)
    subprocess.run([sys.executable, "-m", "generator", "export", "--no-pdf", "--config", str(source / "mkdocs.yml"),
                    str(target)], cwd=ROOT, env=ENV, check=True, capture_output=True)
    config = target / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^strict:.*$", "strict: false", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    return target


PARAGRAPH = (
    "Work together to design funding, investment and commissioning opportunities so that "
    "resources are used effectively and value for money is achieved, and review the efficiency "
    "of every stage of the process with the people it affects."
)


def reference_project(target: Path, pages: int) -> Path:
    """Plain MkDocs + Material: ``pages`` one-paragraph pages and a one-entry navigation."""
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text(f"# Home\n\n{PARAGRAPH}\n", encoding="utf-8")
    for number in range(1, pages):
        (docs / "pages" / f"{number:05d}.md").write_text(f"# Page {number}\n\n{PARAGRAPH}\n", encoding="utf-8")
    config = {
        "site_name": "Reference",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "nav": [{"Home": "index.md"}],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return target


def page_count(data: Path) -> int:
    """Markdown pages our build has: the generated ones plus the hand-written ones."""
    generated = len(build(load_compact(data), SITE, pdf=False).pages)
    return generated + sum(1 for _ in (ROOT / "content").rglob("*.md"))


# -- the measurements -----------------------------------------------------------


def bench_load(report: Report, repeat: int) -> None:
    data = ROOT / "compact_data"
    load_compact(data)  # warm: imports, compiled regexes
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load_compact(data)
        times.append(time.perf_counter() - start)
    report.add(f"Load and validate the data (median of {repeat}, in-process)",
               f"{statistics.median(times) * 1000:.0f} ms")


def bench_bristol(report: Report, work: Path, repeat: int) -> tuple[Path, Run]:
    """Our build with and without PDFs, with warm and cold caches, and the same pages built by plain MkDocs.

    "Warm" is a build after another of the same data (nothing changed: every handout, compiled
    template and compressed copy is kept); "cold" is a first build, with an empty cache folder.
    """
    off = copy_project(work / "bristol-off", pdf=False)
    on = copy_project(work / "bristol-on", pdf=True)
    plain = plain_project(work / "plain", ROOT / "compact_data")
    mkdocs_build(off, work / "site-off")  # fills the caches of the warm builds (not measured)
    mkdocs_build(on, work / "site-on")
    ours, plain_run, with_pdf, pdf_cold, off_cold = repeated(
        repeat,
        lambda: mkdocs_build(off, work / "site-off"),
        lambda: mkdocs_build(plain, work / "site-plain", strict=False),
        lambda: mkdocs_build(on, work / "site-on"),
        lambda: mkdocs_build(on, work / "site-on-cold", env=cold(work)),
        lambda: mkdocs_build(off, work / "site-off-cold", env=cold(work)),
    )
    report.add(f"Bristol site, full build with PDFs, warm cache, nothing changed (median of {repeat})",
               str(with_pdf.median))
    report.add(f"Bristol site, full build with PDFs, cold cache (median of {repeat})", str(pdf_cold.median))
    report.add(f"Bristol site, build without PDFs, warm cache (median of {repeat})", str(ours.median))
    report.add(f"Bristol site, build without PDFs, cold cache (median of {repeat})", str(off_cold.median))
    report.add(f"Same pages as plain Markdown, plain MkDocs + Material, no plugin (median of {repeat})",
               str(plain_run.median))
    # Ratios: the median of the rounds' own ratios (see Runs).
    ratio = ours / plain_run
    report.add("Generator overhead: our build without PDFs / plain build (CPU)", f"{ratio:.2f}", "≤ 1.10",
               ratio <= 1.10)
    report.add("Generator overhead, cold cache: our first build without PDFs / plain build (CPU)",
               f"{off_cold / plain_run:.2f}")
    warm = with_pdf / ours
    report.add("Full build, warm handout cache / build without PDFs (CPU)", f"{warm:.2f}", "≤ 1.15", warm <= 1.15)
    report.add("Full build, cold handout cache / build without PDFs (CPU; wall)",
               f"{pdf_cold / ours:.2f}; {pdf_cold.median.seconds / ours.median.seconds:.2f}")
    return work / "site-on", ours.median


def bench_scale(report: Report, work: Path, factors: list[int], repeat: int) -> None:
    cpu: dict[int, float] = {}
    for factor in factors:
        data = make_synthetic(ROOT / "compact_data", work / f"data-{factor}x", factor)
        pages = page_count(data)
        ours_project = copy_project(work / f"scale-{factor}x", data=data, pdf=False)
        ref_project = reference_project(work / f"ref-{factor}x", pages)
        same_project = plain_project(work / f"same-{factor}x", data)
        runs = repeat if factor < 100 else 1  # a 100× set takes minutes
        ours, ref, same = repeated(
            runs,
            lambda p=ours_project, f=factor: mkdocs_build(p, work / f"site-scale-{f}x"),
            lambda p=ref_project, f=factor: mkdocs_build(p, work / f"site-ref-{f}x", strict=False),
            lambda p=same_project, f=factor: mkdocs_build(p, work / f"site-same-{f}x", strict=False),
        )
        cpu[factor] = ours.median.cpu
        commitments = len(load_compact(data).commitments)
        big = factor == 100
        report.add(f"Scale {factor}×: ours, {commitments} commitments, {pages} pages, PDFs off (median of {runs})",
                   str(ours.median), "< 500 MB" if big else "", ours.median.peak_mb < 500 if big else None)
        report.add(f"Scale {factor}×: reference, {pages} one-paragraph pages, one-entry nav", str(ref.median))
        ratio = ours / ref
        report.add(f"Scale {factor}×: ours / reference (CPU)", f"{ratio:.2f}", "≤ 1.5", ratio <= 1.5)
        same_ratio = ours / same
        report.add(f"Scale {factor}×: ours / the same pages built by plain MkDocs, no plugin (CPU)",
                   f"{same_ratio:.2f} (plain: {same.median})", "≤ 1.15" if big else "",
                   same_ratio <= 1.15 if big else None)
        for name in (f"site-scale-{factor}x", f"site-ref-{factor}x", f"site-same-{factor}x",
                     f"scale-{factor}x", f"ref-{factor}x", f"same-{factor}x", f"same-{factor}x-source"):
            shutil.rmtree(work / name, ignore_errors=True)
    if 10 in cpu and 100 in cpu:
        growth = cpu[100] / cpu[10]
        report.add("Scale: time at 100× / time at 10× (CPU)", f"{growth:.1f}", "≤ 11", growth <= 11)


HANDOUTS_CHILD = """
import json, resource, sys, time
from pathlib import Path
from generator import urls
from generator.handouts.pdf import build_handouts
from generator.model import load_compact

def cpu():  # this process and its layout workers (reaped when the pool closes)
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

compact = load_compact(Path(sys.argv[1]))
start, cpu_start = time.perf_counter(), cpu()
files = build_handouts(compact, urls.Site(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": cpu() - cpu_start, "files": len(files),
                  "pages": sum(f.pages for f in files)}))
"""


def handouts_run(data: Path) -> dict[str, float]:
    """``build_handouts`` of the data folder ``data`` in a fresh process: seconds, CPU, files, pages."""
    done = subprocess.run([sys.executable, "-c", HANDOUTS_CHILD, str(data), SITE.url], cwd=ROOT,
                          env=ENV, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench_pdfs(report: Report, repeat: int) -> None:
    """Every handout, through the function the build calls (``generator.handouts.pdf.build_handouts``).

    Layout runs in worker processes on every core, so wall time is the figure
    that matters here; CPU time (workers included) says what it costs.
    """
    results = [handouts_run(ROOT / "compact_data") for _ in range(repeat)]
    seconds = statistics.median(r["seconds"] for r in results)
    cpu = statistics.median(r["cpu"] for r in results)
    files, pages = results[0]["files"], results[0]["pages"]
    report.add(f"PDF handouts: all of them, `build_handouts` (median of {repeat})",
               f"{seconds:.2f} s wall ({cpu:.2f} s CPU) for {files} PDFs, {pages} pages: "
               f"{pages / seconds:.1f} pages per second")


#: The long texts' sizes, in characters: the larger ten times the smaller.
LONG_TEXT_SIZES = (24_000, 240_000)


def growth(base: Runs, small: Runs, large: Runs) -> float:
    """How much more a large text costs than a small one, over what the data costs without it:
    (large − base) / (small − base) in CPU time, the median of the rounds' own figures. A build
    linear in the text's length gives the ratio of the sizes (10)."""
    ratios = []
    for without, one, ten in zip(base.runs, small.runs, large.runs, strict=True):
        extra = one.cpu - without.cpu
        ratios.append((ten.cpu - without.cpu) / extra if extra > 0 else float("inf"))
    return statistics.median(ratios)


def bench_texts(report: Report, work: Path, repeat: int, pdf: bool, warm: bool = True) -> None:
    """One commitment 24,000 and 240,000 characters long, of prose and of punctuation: the build
    without PDFs (``warm``: a build after another of the same data, else a first build), and with
    ``pdf`` the handouts' layout (``build_handouts``, as in "PDF handouts"). The ratio that says whether a
    build is linear is that of the extra times over the data as it is (:func:`growth`)."""
    small, large = LONG_TEXT_SIZES
    base_data = work / "text-base"  # the commitment's own words (without source:, as the others)
    shutil.copytree(ROOT / "compact_data", base_data)
    support.without_source(base_data)
    data = {("base", 0): base_data}
    for kind in LONG_TEXT_UNITS:
        for size in LONG_TEXT_SIZES:
            data[(kind, size)] = make_long_text(ROOT / "compact_data", work / f"text-{kind}-{size}", kind, size)
    projects = {key: copy_project(work / f"project-{key[0]}-{key[1]}", data=folder, pdf=False)
                for key, folder in data.items()}
    if warm:  # fills each one's caches: the builds measured are warm (less noise)
        for key, project in projects.items():
            mkdocs_build(project, work / f"site-text-{key[0]}-{key[1]}")
    builds = repeated(repeat, *(
        lambda p=project, k=key: mkdocs_build(p, work / f"site-text-{k[0]}-{k[1]}")
        for key, project in projects.items()
    ))
    runs = dict(zip(projects, builds, strict=True))
    base = runs[("base", 0)]
    report.add(f"Long texts: the data as it is, build without PDFs, {'warm' if warm else 'cold'} cache "
               f"(median of {repeat})", str(base.median))
    for kind in LONG_TEXT_UNITS:
        a, b = runs[(kind, small)], runs[(kind, large)]
        report.add(f"Long texts, {kind}: one commitment of {small // 1000} K / {large // 1000} K characters, "
                   f"build without PDFs (median of {repeat})",
                   f"{a.median.cpu:.2f} / {b.median.cpu:.2f} s CPU "
                   f"({b.median.peak_mb:.0f} MB peak at {large // 1000} K)")
        report.add(f"Long texts, {kind}: extra time at {large // 1000} K / extra time at {small // 1000} K (CPU; "
                   "10 is linear)", f"{growth(base, a, b):.1f} ({b / a:.2f} for the whole builds)")
    if not pdf:
        return
    layouts = {}
    for key, folder in data.items():
        laid = [handouts_run(folder) for _ in range(repeat)]
        layouts[key] = Runs([Run(r["seconds"], r["cpu"], 0.0) for r in laid])
    for kind in LONG_TEXT_UNITS:
        a, b = layouts[(kind, small)], layouts[(kind, large)]
        report.add(f"Long texts, {kind}: all handouts laid out with {small // 1000} K / {large // 1000} K characters "
                   f"(median of {repeat})", f"{a.median.cpu:.2f} / {b.median.cpu:.2f} s CPU (the data as it is: "
                   f"{layouts[('base', 0)].median.cpu:.2f} s)")
        report.add(f"Long texts, {kind}: handouts' extra time at {large // 1000} K / at {small // 1000} K (CPU; "
                   "10 is linear)", f"{growth(layouts[('base', 0)], a, b):.1f}")


BEING_MADE = "being made for this preview"


def bench_serve(report: Report, work: Path, repeat: int, pdf: bool | None) -> None:
    """From saving a YAML edit to ``mkdocs serve`` serving the rebuilt page (and, PDFs on, to the
    downloads page listing the handouts laid out again after it, no longer "being made").

    The server waits for a rebuild to finish before it serves anything, so "served" is the
    end of the rebuild. Each edit starts once the previous one's handouts are made.
    """
    project = copy_project(work / f"serve-{pdf}", pdf=pdf)
    support.without_source(project / "compact_data")  # the edit below changes the Compact's words
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/commitments/1.4/"
    downloads = f"http://127.0.0.1:{port}/{urls.url_path(urls.DOWNLOADS)}"
    log = (work / f"serve-{pdf}.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    handouts_made = pdf is not False
    try:
        _wait_for(url, lambda body: "1.4" in body and not (handouts_made and BEING_MADE in body), timeout=300)
        theme_file = next((project / "compact_data" / "themes").glob("1-*.yaml"))
        delays, made = [], []
        for attempt in range(repeat):
            time.sleep(1.5)  # let the watcher settle after the previous build
            marker = f"Benchmarkedit{attempt}x{os.getpid()}"
            text = _edit_commitment(theme_file.read_text(encoding="utf-8"), "1.4", marker)
            start = time.perf_counter()
            theme_file.write_text(text, encoding="utf-8")
            _wait_for(url, lambda body, m=marker: m in body, timeout=300)
            delays.append(time.perf_counter() - start)
            if handouts_made:
                _wait_for(downloads, lambda body: BEING_MADE not in body, timeout=300)
                made.append(time.perf_counter() - start)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
    label = {None: "", True: ", PDFs on (the default)", False: ", PDFs off"}[pdf]
    delay = statistics.median(delays)
    report.add(f"`mkdocs serve`: YAML edit saved → rebuilt page served{label} (median of {repeat})",
               f"{delay:.2f} s", "≤ 1.0 s" if pdf else "", delay <= 1.0 if pdf else None)
    if made:
        report.add(f"`mkdocs serve`: YAML edit saved → its handouts laid out again and listed (median of {repeat})",
                   f"{statistics.median(made):.2f} s")


def _edit_commitment(text: str, commitment_id: str, marker: str) -> str:
    """Append ``marker`` to a commitment's text in a theme file (one-line or block text)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(rf"id:\s*[\"']{re.escape(commitment_id)}[\"']", line))
    index = next(i for i in range(start + 1, len(lines)) if re.match(r"^\s+text:", lines[i]))
    if lines[index].rstrip().endswith((">", "|", ">-", "|-")):
        index += 1
    lines[index] = lines[index].rstrip() + " " + marker
    return "\n".join(lines) + "\n"


def _wait_for(url: str, ready: Callable[[str], bool], timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} not ready within {timeout:.0f} s")


class _Assets(HTMLParser):
    """The URLs a page makes the browser fetch: stylesheets, scripts, icons, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and a.get("href") and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.found.append(a["href"] or "")
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.found.append(a["src"] or "")


def referenced_assets(site: Path, page: Path) -> tuple[list[Path], list[str]]:
    """Local files a first visit to ``page`` loads by reference, and any external URLs."""
    base = "http://site.invalid/" + page.relative_to(site).as_posix()
    queue = [base]
    seen: set[str] = set()
    files: list[Path] = []
    external: list[str] = []
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        if parts.netloc != "site.invalid":
            external.append(url)
            continue
        path = parts.path.lstrip("/")
        if path in seen:
            continue
        seen.add(path)
        local = site / path
        if local.is_dir() or path.endswith("/") or not path:
            local = local / "index.html"
        if not local.is_file():
            continue
        files.append(local)
        if local.suffix == ".html":
            parser = _Assets()
            parser.feed(local.read_text(encoding="utf-8"))
            queue += [urljoin(url, ref) for ref in parser.found]
        elif local.suffix == ".css":
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", local.read_text(encoding="utf-8")):
                if not ref.startswith("data:"):
                    queue.append(urljoin(url, ref))
    return files, external


def browser_transfer(site: Path, path: str) -> tuple[int, int, list[str]] | None:
    """Bytes and requests of a first visit in headless Chromium, and any third-party URLs."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    sizes: dict[str, int] = {}
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            context = browser.new_context()

            def record(response: object) -> None:
                try:
                    sizes[response.url] = len(response.body())  # type: ignore[attr-defined]
                except Exception:  # redirects and aborted requests have no body
                    sizes.setdefault(response.url, 0)  # type: ignore[attr-defined]

            context.on("response", record)
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            context.close()
        finally:
            browser.close()
        external = [u for u in sizes if not u.startswith(base)]
    return sum(sizes.values()), len(sizes), external


def bench_weight(report: Report, site: Path) -> None:
    compact = load_compact(ROOT / "compact_data")
    kinds = {
        "Home": urls.HOME, "About": urls.ABOUT, "Values": urls.VALUES, "Themes": urls.THEMES,
        "A theme": urls.theme_page(compact.themes[0]), "All commitments": urls.COMMITMENTS,
        "Sectors": urls.SECTORS, "A sector": urls.sector_page(compact.sectors[0]),
        "Glossary": urls.GLOSSARY, "Complaints": urls.COMPLAINTS,
    }
    sizes = ", ".join(
        f"{name} {(site / urls.url_path(page) / 'index.html').stat().st_size / KB:.0f}"
        for name, page in kinds.items()
    )
    report.add("HTML per page type, KB", sizes)
    commitment_pages = [site / urls.url_path(urls.commitment_page(c)) / "index.html" for c in compact.commitments]
    largest = max(commitment_pages, key=lambda p: p.stat().st_size)
    size = largest.stat().st_size
    median = statistics.median(p.stat().st_size for p in commitment_pages)
    report.add("Commitment page HTML (largest of all)", f"{size / KB:.1f} KB ({largest.parent.name}; median "
               f"{median / KB:.1f} KB)", "< 40 KB", size < 40 * KB)
    example = site / "commitments" / "1.4" / "index.html"
    files, external = referenced_assets(site, example)
    total = sum(f.stat().st_size for f in files)
    zipped = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    report.add("First visit to /commitments/1.4/: HTML + referenced CSS, JS, images",
               f"{total / KB:.0f} KB in {len(files)} files ({zipped / KB:.0f} KB gzipped)")
    measured = browser_transfer(site, "commitments/1.4/")
    if measured is None:
        report.notes.append("Playwright or /usr/bin/chromium missing: no in-browser transfer figure")
    else:
        total_b, requests, third = measured
        report.add("First visit to /commitments/1.4/ in headless Chromium (all responses, uncompressed)",
                   f"{total_b / KB:.0f} KB in {requests} requests")
        external += third
    report.add("Requests to third parties on a first visit", str(len(set(external))), "0", not external)
    index = site / "search" / "search_index.json"
    index_size = index.stat().st_size
    report.add("Search index", f"{index_size / KB:.0f} KB ({len(gzip.compress(index.read_bytes(), 6)) / KB:.0f} KB "
               "gzipped)", "< 150 KB", index_size < 150 * KB)


# -- the command ------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--smoke", action="store_true", help="1× only, one repetition; never fails on timings")
    parser.add_argument("--repeat", type=int, default=3, help="builds per median (default 3)")
    parser.add_argument("--scales", default="1,10,100", help="synthetic sizes (default 1,10,100)")
    parser.add_argument("--only", default="load,bristol,weight,serve,scale,texts",
                        help="comma-separated parts to run (default: all of load,bristol,weight,serve,scale,texts)")
    args = parser.parse_args(argv)
    repeat = 1 if args.smoke else args.repeat
    factors = [1] if args.smoke else [int(f) for f in args.scales.split(",")]
    parts = set(args.only.split(","))

    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="compact-bench-") as temp:
        work = Path(temp)
        if "load" in parts:
            print("Loading the data", flush=True)
            bench_load(report, 5 if args.smoke else 50)
        if parts & {"bristol", "weight"}:
            print("Building the Bristol site", flush=True)
            site, ours = bench_bristol(report, work, repeat)
            print("PDFs", flush=True)
            bench_pdfs(report, repeat)
            if "weight" in parts:
                print("Page weight", flush=True)
                bench_weight(report, site)
        if "serve" in parts:
            print("mkdocs serve", flush=True)
            for pdf in (True, False):
                bench_serve(report, work, 1 if args.smoke else 3, pdf)
        if "scale" in parts:
            print("Scale", flush=True)
            bench_scale(report, work, factors, repeat)
        if "texts" in parts:
            print("Long texts", flush=True)
            # --smoke: first builds only, no handouts (their layout takes two minutes)
            bench_texts(report, work, repeat, pdf=not args.smoke, warm=not args.smoke)

    print()
    print(f"Benchmark ({'smoke' if args.smoke else 'full'}), {time.strftime('%Y-%m-%d')}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {time.perf_counter() - started:.0f} s in all")
    print()
    print(report.table())
    for note in report.notes:
        print(f"Note: {note}")
    if report.missed:
        print("\nMissed: " + "; ".join(f"{row.measure} ({row.figure}, target {row.target})" for row in report.missed))
        if args.check and not args.smoke:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
