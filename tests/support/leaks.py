"""What another Compact's site must never show of Bristol's, and the text of every kind of built file.

Shared by the synthetic Compacts' tests (tests/any_compact/): the real Compact's words, its
vocabulary for provisions and parts as a reader would see it, and each built file read as text
(pages without their scripts, handouts through ``pdftotext`` or pypdf, gzipped sitemaps).
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

#: Words of the real Compact that must never leak into another Compact's site.
CASE_SENSITIVE = ("Bristol", "2012", "VCS")
ANY_CASE = ("Voluntary and Community Sector", "Compact Partners' Group", "bristolcompact")
#: The real Compact's words for its provisions and parts, as a reader would see them: not inside an
#: address, a file name or a query (``/commitments/1.1/``, ``commitments.csv``, ``?commitment=``).
BRISTOL_VOCABULARY = re.compile(r"(?<![\w/#?&.=<-])(?:commitments?|themes?)(?![\w/.=-])", re.IGNORECASE)
#: Built files read as text when looking for leaks.
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def visible_text(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in page(["script", "style"]):
        hidden.decompose()
    return squash(page.get_text(" "))


def forbidden_in(text: str) -> list[str]:
    found = [word for word in CASE_SENSITIVE if word in text]
    found += [word for word in ANY_CASE if word.lower() in text.lower()]
    return found


def file_text(path: Path) -> str | None:
    """A built file's text where it has one a reader or a program sees (None for images, fonts …)."""
    if path.suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf-8")
    if path.name.endswith(".xml.gz"):
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    if path.suffix == ".pdf":
        return pdf_text(path)
    return None


def leaks(site: Path) -> tuple[list[str], list[str]]:
    """Every built file read (relative names), and each real-Compact word found in one."""
    checked: list[str] = []
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        text = file_text(path) if path.is_file() else None
        if text is None:
            continue
        name = path.relative_to(site).as_posix()
        checked.append(name)
        found += [f"{name}: {word!r}" for word in forbidden_in(text)]
    return checked, found


def vocabulary_in(site: Path) -> list[str]:
    """Each place a page, handout or the CSV's description calls a provision or a part by Bristol's words."""
    found = []
    for path in [*sorted(site.rglob("*.html")), *sorted(site.rglob("*.pdf"))]:
        text = visible_text(path) if path.suffix == ".html" else squash(pdf_text(path))
        found += [f"{path.relative_to(site)}: …{text[max(0, m.start() - 40):m.end() + 20]}…"
                  for m in BRISTOL_VOCABULARY.finditer(text)]
    metadata = (site / "data" / "commitments.csv-metadata.json").read_text(encoding="utf-8")
    found += [f"CSV metadata: {m.group(0)}" for m in BRISTOL_VOCABULARY.finditer(metadata)]
    return found
