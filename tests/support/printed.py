"""How full printed pages are: the handouts' and the browser's, read from the PDF as images.

A page "mostly blank without reason" (issue 28) is one whose ink stops above the middle of its
content area while more follows, where nothing starts a page on purpose after it.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from generator.pages.text import squash

#: Resolution of the images the fill is read from (a row is 0.85 mm).
DPI = 30
#: The handouts' page margins (handout.css): the running header and footer are outside.
HANDOUT_MARGINS = (22, 20)
#: Headings that start a page on purpose: the whole Compact's contents, a checklist's summary
#: and action plan. The page before one may end early.
PAGE_STARTS = ("Contents", "Summary of this review", "Action plan")
#: Those that are a page of their own, whatever follows: the whole Compact's contents.
ALONE = ("Contents",)


def page_fills(pdf: Path, margins: tuple[float, float] = HANDOUT_MARGINS) -> list[float]:
    """Per page, how far down its content area (between the top and bottom ``margins``, mm) the ink
    goes, from 0 (blank) to 1."""
    fills = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(DPI), str(pdf), f"{folder}/p"], check=True)
        for image_path in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
            image = Image.open(image_path).convert("L")
            width, height = image.size
            top, bottom = (round(mm / 25.4 * DPI) for mm in margins)
            body = image.crop((0, top, width, height - bottom))
            inked = [y for y in range(body.size[1]) if body.crop((0, y, width, y + 1)).getextrema()[0] < 160]
            fills.append((inked[-1] + 1) / body.size[1] if inked else 0.0)
    return fills


def mostly_blank(pdf: Path, inner: float = 0.6, last: float = 0.2) -> list[str]:
    """The pages of a handout left mostly blank without reason: a page before the last filled less
    than ``inner`` (unless the next starts a page on purpose, or it is the cover before the contents),
    and a last page of a longer handout filled less than ``last`` (a few lines alone on a sheet).
    The cover and contents of the whole Compact are pages of their own."""
    fills = page_fills(pdf)
    texts = [squash(page.extract_text()) for page in PdfReader(pdf).pages]
    found = []
    for number, fill in enumerate(fills[:-1], start=1):
        if fill < inner and not _starts_a_page(texts[number]) and not _starts_a_page(texts[number - 1], ALONE):
            found.append(f"{pdf.name}: page {number} of {len(fills)} is {fill:.0%} full")
    if len(fills) > 1 and fills[-1] < last:
        found.append(f"{pdf.name}: its last page ({len(fills)}) is {fills[-1]:.0%} full")
    return found


def _starts_a_page(text: str, starts: Sequence[str] = PAGE_STARTS) -> bool:
    """Whether a page's own heading (after its running header, if any) is one that starts a page."""
    return any(heading in text[:200] for heading in starts)
