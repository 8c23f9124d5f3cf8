"""The benchmark's synthetic Compacts are valid data: the scale figures measure real builds.

No timings are asserted here (they depend on the machine); this only checks
that what ``benchmarks/run.py`` builds at N× is a Compact the loader accepts,
with N times the themes and commitments and every related link still valid.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from generator.model import load_compact

ROOT = Path(__file__).resolve().parents[2]


def _synthetic_module():
    spec = importlib.util.spec_from_file_location("bench_synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_compact_at_2x_loads_with_twice_the_commitments(tmp_path: Path) -> None:
    real = load_compact(ROOT / "compact_data")
    data = _synthetic_module().make_synthetic(ROOT / "compact_data", tmp_path / "data", 2)

    compact = load_compact(data)  # raises DataError if anything is invalid

    assert len(compact.commitments) == 2 * len(real.commitments) == 108
    assert len(compact.themes) == 2 * len(real.themes)
    assert [t.number for t in compact.themes] == list(range(1, len(compact.themes) + 1))
    assert len({t.slug for t in compact.themes}) == len(compact.themes)
    # The copy keeps the real texts and links within itself: 1.6 ↔ 5.5 becomes 6.6 ↔ 10.5.
    first, copy = compact.commitment("1.6"), compact.commitment("6.6")
    assert copy.text == first.text
    assert [c.id for c in first.related] == ["5.5"]
    assert [c.id for c in copy.related] == ["10.5"]
