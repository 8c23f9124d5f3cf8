"""The five synthetic shapes of issue 26, for the tests that read their builds
(test_shapes.py, test_shapes_reading.py): each fixture built once per run (tests/support/shapes.py)."""

from __future__ import annotations

import pytest
from support.shapes import NAMES, Of, Shape, ShapeBuild, built_shape, read_shape

SHAPES = {name: read_shape(name) for name in NAMES}


@pytest.fixture(scope="module", params=NAMES)
def shape(request: pytest.FixtureRequest) -> Shape:
    return SHAPES[request.param]


@pytest.fixture(scope="module")
def built(shape: Shape, tmp_path_factory: pytest.TempPathFactory) -> ShapeBuild:
    return built_shape(tmp_path_factory, shape)


@pytest.fixture(scope="module")
def one(tmp_path_factory: pytest.TempPathFactory) -> Of:
    """For a test about one shape only: its data and its build (the parametrized tests' build)."""
    return lambda name: (SHAPES[name], built_shape(tmp_path_factory, SHAPES[name]))
