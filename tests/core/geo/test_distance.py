"""Geodesic distances with known answers."""

import numpy as np
import pytest

from dashboard.core.geo.distance import distance_km, is_hostile, matrix_km, nearest_hostile
from dashboard.core.model import Model


def test_one_degree_of_longitude_on_the_equator():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.319, abs=0.001)


def test_one_degree_of_latitude_at_the_pole_is_longer_than_at_the_equator():
    assert distance_km(89, 0, 90, 0) > distance_km(0, 0, 1, 0)


def test_tripoli_gharyan_is_about_81_km():
    assert distance_km(32.88743, 13.18733, 32.17222, 13.02028) == pytest.approx(81, abs=1.5)


def test_matrix_is_symmetric_with_zero_diagonal():
    m = matrix_km(np.array([0.0, 10, 20]), np.array([0.0, 5, 7]))
    assert np.allclose(m, m.T)
    assert np.all(np.diag(m) == 0)


@pytest.mark.parametrize(
    ("a", "b", "hostile"),
    [("A", "B", True), ("A", "A", False), ("A", "unknown", False), ("neutral", "B", False)],
)
def test_hostility(a, b, hostile):
    assert is_hostile(a, b) is hostile


def test_nearest_hostile_place(tiny_dir):
    model = Model.load(tiny_dir)
    near = nearest_hostile(model.state("2020-02-01"), "Alphaville")
    assert near["place"] == "Gammaburg"
    assert near["km"] == pytest.approx(distance_km(10, 20, 11, 20))
    assert nearest_hostile(model.state("2020-01-15"), "Alphaville") is None
