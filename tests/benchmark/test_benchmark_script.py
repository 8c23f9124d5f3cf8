"""The benchmark's synthetic Compacts are valid data: the scale figures measure real builds.

No timings are asserted here (they depend on the machine); this only checks
that what ``benchmarks/run.py`` builds at N× is a Compact the loader accepts,
with N times the themes and commitments and every related link still valid.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

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
    assert [t.number for t in compact.themes] == [str(n) for n in range(1, len(compact.themes) + 1)]
    assert len({t.slug for t in compact.themes}) == len(compact.themes)
    # The copy keeps the real texts and links within itself: 1.6 ↔ 5.5 becomes 6.6 ↔ 10.5.
    first, copy = compact.commitment("1.6"), compact.commitment("6.6")
    assert copy.text == first.text
    assert [c.id for c in first.related] == ["5.5"]
    assert [c.id for c in copy.related] == ["10.5"]


def _run_module():
    """benchmarks/run.py as a module (its dataclasses need it in ``sys.modules``); nothing runs."""
    if "bench_run" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_run"]


@pytest.mark.parametrize("kind", ["prose", "punctuation"])
def test_long_texts_are_valid_data_of_the_exact_length(tmp_path: Path, kind: str) -> None:
    """What "Long texts" builds: the real data with one commitment of 240,000 characters, under the
    data's file-size limit whatever the characters (so the figure is a real build, not a refusal)."""
    synthetic = _synthetic_module()
    size = _run_module().LONG_TEXT_SIZES[1]
    assert size == 10 * _run_module().LONG_TEXT_SIZES[0] == 240_000

    compact = load_compact(synthetic.make_long_text(ROOT / "compact_data", tmp_path / "data", kind, size))

    text = compact.themes[0].commitments[0].text
    assert text == synthetic.long_text(kind, size)
    assert len(text) == size
    if kind == "punctuation":
        assert set("*_[]()#|\\`<&>!") <= set(text) <= set(synthetic.LONG_TEXT_UNITS["punctuation"])


def test_long_text_growth_is_the_extra_time_ratio() -> None:
    """The reported ratio: (240 K − base) / (24 K − base), each round's own, their median; 10 is linear."""
    run = _run_module()

    def runs(*cpu: float):
        return run.Runs([run.Run(seconds=c, cpu=c, peak_mb=1.0) for c in cpu])

    assert run.growth(runs(2, 2, 2), runs(3, 3, 2.5), runs(12, 12, 7)) == 10.0
    assert run.growth(runs(2), runs(2), runs(5)) == float("inf")  # no extra time at 24 K: not a ratio
