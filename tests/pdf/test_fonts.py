"""The handouts' fonts are named by their files: no other installed font can change a PDF's bytes.

Issue 14: installing an unrelated font package (fonts-liberation) between two builds changed the
embedded font programs of every PDF, and so the file sizes printed on the pages. Here one handout
is laid out in a fresh process twice: once with the machine's fonts, once with a font
configuration (``FONTCONFIG_FILE``) that adds a folder with another font and prefers it to every
family. The bytes must not change.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import ROOT, SITE

from generator.handouts.pdf import FONT_DIR, FONT_FAMILY, FONT_FILES, PdfError, font_faces

#: Lays out the first theme handout and writes its bytes to the file given.
SCRIPT = """
import sys
from pathlib import Path
from generator import urls
from generator.handouts.pdf import build_handouts
from generator.handouts.plan import plan_handouts
from generator.model import load_compact

compact = load_compact(Path(sys.argv[1]))
handout = next(h for h in plan_handouts(compact) if h.kind == "theme")
(made,) = build_handouts(compact, urls.Site(sys.argv[2]), handouts=[handout])
Path(sys.argv[3]).write_bytes(made.content)
"""

INTRUDER = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <match target="pattern">
    <edit name="family" mode="prepend" binding="strong"><string>{family}</string></edit>
  </match>
</fontconfig>
"""


def another_font() -> tuple[Path, str]:
    """A font file that is not DejaVu Sans, and its family."""
    for path, family in (
        (Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"), "Liberation Serif"),
        (Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"), "Liberation Sans"),
        (FONT_DIR / "DejaVuSerif.ttf", "DejaVu Serif"),
    ):
        if path.is_file():
            return path, family
    pytest.fail("no font other than DejaVu Sans to add (make system-deps installs fonts-liberation)")


def lay_out(out: Path, environment: dict[str, str]) -> bytes:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "compact_data"), SITE.url, str(out)],
        capture_output=True, text=True, env=environment, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_another_font_and_font_configuration_change_no_byte(tmp_path: Path) -> None:
    font, family = another_font()
    (tmp_path / "fonts").mkdir()
    shutil.copy(font, tmp_path / "fonts" / font.name)
    config = tmp_path / "fonts.conf"
    config.write_text(INTRUDER.format(fonts=tmp_path / "fonts", cache=tmp_path / "cache", family=family),
                      encoding="utf-8")
    check = subprocess.run(["fc-match", "DejaVu Sans"], capture_output=True, text=True,
                           env={**os.environ, "FONTCONFIG_FILE": str(config)})
    assert family in check.stdout, "the configuration really does put another font first"
    plain = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    usual = lay_out(tmp_path / "usual.pdf", plain)
    intruded = lay_out(tmp_path / "intruded.pdf", {**plain, "FONTCONFIG_FILE": str(config)})
    assert usual.startswith(b"%PDF-")
    assert intruded == usual
    reader = PdfReader(io.BytesIO(usual))
    families = {
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFamily"]
        for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert families == {FONT_FAMILY}


def test_the_font_faces_name_the_dejavu_files() -> None:
    faces = font_faces()
    for name in FONT_FILES.values():
        assert f'url("file://{FONT_DIR / name}")' in faces
    assert faces.count("@font-face") == 4
    css = (ROOT / "generator" / "handouts" / "templates" / "handout.css").read_text(encoding="utf-8")
    assert f'font-family: "{FONT_FAMILY}";' in css
    assert "Liberation" not in css


def test_missing_font_files_are_one_clear_sentence(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match=r"^the handouts' fonts are missing from .*: DejaVuSans\.ttf, .*"
                                       r"\(install the Debian packages fonts-dejavu-core and fonts-dejavu-extra"):
        font_faces(tmp_path)
