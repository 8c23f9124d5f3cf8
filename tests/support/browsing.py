"""Helpers shared by the browser tests of issue 6 (accessibility, search, privacy).

Kept out of conftest.py so the fixtures there stay small; imported by the
test modules as ``from browsing import …`` (tests/ is on ``sys.path``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}

# The main page types -> their address (with the query the issue asks for where it matters),
# for axe on every build (tests/browser/test_accessibility.py, tests/zensical/).
PAGES = {
    "home": "",
    "about": "about/",
    "values": "values/",
    "themes": "themes/",
    "theme": "themes/allocating-resources/",
    "commitment": "commitments/1.4/",
    "sectors": "sectors/",
    "sector-shared": "sectors/shared/",
    "sector-public": "sectors/public-sector/",
    "sector-vcs": "sectors/vcs/",
    "all-commitments-filtered": "commitments/?sector=vcs&theme=3",
    "complaints-for-1.4": "complaints/?commitment=1.4",
    "topic-with-a-question": "topics/change/",
    "topic": "topics/partnership/",
    "self-assessment": "self-assessment/",  # as it opens, empty; the states filling it in make: test_self_assessment.py
    "glossary": "glossary/",
    "downloads": "downloads/",
    "accessibility-statement": "accessibility/",
    "linking": "linking/",
    "editions": "editions/",
    "partners-group": "compact-partners-group/",
    "edition-commitment": "editions/2012/commitments/1.4/",
    "404": "no-such-page/",
    "404-unknown-commitment": "commitments/9.9/",
}
NOT_FOUND = {"404", "404-unknown-commitment"}

#: Added to a page before it loads: the cumulative layout shift not caused by input, in ``window.__cls``.
MEASURE = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__cls += entry.value; } }
}).observe({type: "layout-shift", buffered: true});
"""

# axe-core as bundled in the axe-playwright-python wheel: injected from disk,
# never fetched.
_AXE = Axe()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (after scripts ran).

    axe-core (half a megabyte of script) is put into a document once: a page checked again in
    another state runs the copy it has."""
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(_AXE.axe_script)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]  # type: ignore[no-any-return]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Readable details for an assertion message: rule, impact, help, each element and why."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"      * {check['message']}")
    return "\n".join(lines)


def html_files(site_dir: Path) -> list[str]:
    """Every HTML file of a built site, relative and in a stable order."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def url_for(relative_file: str) -> str:
    """The URL path (without the leading ``/``) that serves an HTML file of the site."""
    if relative_file == "index.html":
        return ""
    return relative_file.removesuffix("index.html")
