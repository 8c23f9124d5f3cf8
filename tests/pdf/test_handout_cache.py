"""The handout cache (issue 17): reused bytes are the bytes an uncached build makes, an edit lays
out again only the handouts it touches, and a damaged entry is laid out again, never served.

Counts come from the cache itself (which handouts it laid out, which it reused), never from
timings. The Compact is the small synthetic one (``support.shapes.SMALL``: 7 handouts, where
Bristol's has 12 of many more pages): what the cache reuses does not depend on the data. The
uncached reference is the run's build of that shape (another process, its own cache).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, without_source
from support.shapes import SMALL, built_shape, read_shape, reword_small

from generator import urls
from generator.build import build
from generator.handouts.cache import CacheUse, HandoutCache, Laid, layout_key
from generator.handouts.pdf import PdfRenderer, qr_code
from generator.handouts.plan import plan_handouts
from generator.model import load_compact

OVERRIDES = [ROOT / "overrides" / "compact"]


WARM_CHILD = """
import sys
from pathlib import Path
from generator import urls
from generator.build import build
from generator.handouts.cache import CacheUse, HandoutCache
from generator.model import load_compact

cache = CacheUse(HandoutCache(Path(sys.argv[1])))
build(load_compact(Path(sys.argv[4])), urls.Site(sys.argv[2]), [Path(sys.argv[3])], cache=cache)
print(len(cache.reused), len(cache.laid_out), "weasyprint" in sys.modules, "segno" in sys.modules)
"""


def pdfs(outputs: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in outputs.items() if path.endswith(".pdf")}


def test_cached_builds_give_the_uncached_bytes_and_an_edit_lays_out_only_its_handouts(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shape = read_shape("undertakings")
    assert shape.data == SMALL
    site_dir = built_shape(tmp_path_factory, shape).site
    site = urls.Site(shape.site_url)  # the address the shape was built for
    compact = load_compact(SMALL)
    every = sorted(h.path for h in plan_handouts(compact))
    cache = CacheUse(HandoutCache(tmp_path / "cache"))

    cold_build = build(compact, site, OVERRIDES, cache=cache)
    cold = pdfs(cold_build.outputs)
    assert sorted(cache.laid_out) == every and cache.reused == []
    assert cold and all(content == (site_dir / path).read_bytes() for path, content in cold.items())

    warm_cache = CacheUse(HandoutCache(tmp_path / "cache"))  # a later build: a new process's view of the folder
    warm = build(compact, site, OVERRIDES, cache=warm_cache)
    assert warm_cache.laid_out == [] and sorted(warm_cache.reused) == every
    assert pdfs(warm.outputs) == cold
    assert [(h.path, h.pages) for h in warm.handouts] == [(h.path, h.pages) for h in cold_build.handouts]
    assert warm.pages == cold_build.pages  # the downloads lists give the same sizes and page counts

    # A later build, in a process of its own, that finds every handout: WeasyPrint is never loaded,
    # nor segno (the QR codes are kept too).
    child = subprocess.run([sys.executable, "-c", WARM_CHILD, str(tmp_path / "cache"), site.url, str(OVERRIDES[0]),
                            str(SMALL)],
                           capture_output=True, text=True, check=True)
    assert child.stdout.split() == [str(len(every)), "0", "False", "False"], child.stderr

    # A damaged entry (a truncated PDF, a garbled record) is laid out again, with the right bytes.
    renderer = PdfRenderer(compact, site, OVERRIDES)
    theme_2, checklist = (next(h for h in plan_handouts(compact) if h.slug == slug)
                          for slug in ("theme-funding-and-resources", "checklist-government"))
    truncated, garbled = (tmp_path / "cache" / layout_key(renderer.html(h), renderer.environment) for h in
                          (theme_2, checklist))
    pdf = truncated.with_suffix(".pdf")
    pdf.write_bytes(pdf.read_bytes()[: len(cold[theme_2.path]) // 2])
    garbled.with_suffix(".json").write_text("{not json", encoding="utf-8")
    repaired_cache = CacheUse(HandoutCache(tmp_path / "cache"))
    repaired = pdfs(build(compact, site, OVERRIDES, cache=repaired_cache).outputs)
    assert sorted(repaired_cache.laid_out) == sorted([theme_2.path, checklist.path])
    assert repaired == cold

    # An edit to one commitment's words: only the handouts that hold it are laid out again.
    data = shutil.copytree(SMALL, tmp_path / "data")
    without_source(data)  # the edit changes the Compact's words
    reword_small(data)
    edited = load_compact(data)
    holding = sorted(h.path for h in plan_handouts(edited) if "1.4" in h.ids)
    edit_cache = CacheUse(HandoutCache(tmp_path / "cache"))
    after = pdfs(build(edited, site, OVERRIDES, cache=edit_cache).outputs)
    assert sorted(edit_cache.laid_out) == holding
    assert 0 < len(holding) < len(every)
    assert sorted(edit_cache.reused) == sorted(set(every) - set(holding))
    assert all(after[path] != cold[path] for path in holding)
    assert all(after[path] == cold[path] for path in set(every) - set(holding))


def test_an_entry_is_used_only_if_its_bytes_match_its_record(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    key = layout_key("<html>one</html>", "environment")
    cache.put(key, Laid(b"%PDF-1.7 one %%EOF", 2))
    assert cache.get(key) == Laid(b"%PDF-1.7 one %%EOF", 2)
    (tmp_path / f"{key}.pdf").write_bytes(b"%PDF-1.7 two %%EOF")  # same size, other bytes
    assert cache.get(key) is None
    assert not (tmp_path / f"{key}.pdf").exists() and not (tmp_path / f"{key}.json").exists()
    cache.put(key, Laid(b"%PDF-1.7 one %%EOF", 2))
    (tmp_path / f"{key}.json").unlink()  # a write killed between the PDF and its record
    assert cache.get(key) is None
    assert list(tmp_path.iterdir()) == []  # no temporary files left behind either


def test_the_key_changes_with_the_html_and_the_environment() -> None:
    keys = {layout_key("a", "b"), layout_key("ab", ""), layout_key("a", "c"), layout_key("", "ab")}
    assert len(keys) == 4
    assert layout_key("a", "b") == layout_key("a", "b")


def test_the_folder_stays_within_its_bound_dropping_the_least_recently_used(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path, max_bytes=2500)
    keys = [layout_key(str(n), "") for n in range(4)]
    for index, key in enumerate(keys[:2]):
        cache.put(key, Laid(bytes([index]) * 1000, 1))
    assert cache.get(keys[0]) is not None  # used: now the most recent
    os.utime(tmp_path / f"{keys[1]}.pdf", (1, 1))  # make the order certain on a coarse clock
    os.utime(tmp_path / f"{keys[1]}.json", (1, 1))
    cache.put(keys[2], Laid(b"\2" * 1000, 1))
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 2500
    assert cache.get(keys[1]) is None
    assert cache.get(keys[0]) is not None and cache.get(keys[2]) is not None


def test_a_kept_qr_code_is_the_code_made_afresh_and_a_damaged_one_is_made_again(tmp_path: Path) -> None:
    url, label = "https://compact.example/themes/one/", "QR code: the web version of this handout"
    made = qr_code(url, label)  # no folder: made, never kept
    assert "<svg" in made and label in made
    assert qr_code(url, label, tmp_path) == made  # made, then kept
    (kept,) = tmp_path.iterdir()
    assert qr_code(url, label, tmp_path) == made  # read back
    assert qr_code("https://compact.example/themes/two/", label, tmp_path) != made
    kept.write_bytes(kept.read_bytes().replace(b"<svg", b"<svG"))  # damaged: a miss, made again
    assert qr_code(url, label, tmp_path) == made
    assert kept.read_bytes().endswith(made.encode("utf-8"))
