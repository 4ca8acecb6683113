"""Chainage, points along a line and cumulative km: known answers."""

from __future__ import annotations

import numpy as np
import pytest
from shapely import LineString

from corridors import lookup, measure

ROUTE = lookup.route_feature("titr-almaty-aktau").geometry


def test_cumulative_km__last_value_is_the_route_length():
    assert measure.cumulative_km(ROUTE)[-1] == pytest.approx(
        lookup.route_length("titr-almaty-aktau"), rel=1e-12
    )


def test_chainage__points_every_100_km_and_each_where_its_km_says():
    total = lookup.route_length("titr-almaty-aktau")
    points = measure.chainage(ROUTE, 100)
    assert points["km"].iloc[0] == 0
    assert (np.diff(points["km"]) == 100).all()
    assert total - 100 < points["km"].iloc[-1] <= total
    assert points.crs.to_epsg() == 4326
    # Each mark lies on the line (on the geodesic between two vertices), and locating it
    # on the line independently (nearest point of the 1 km-densified route) gives its km.
    for km, mark in zip(points["km"][1:], points.geometry[1:], strict=True):
        assert lookup.distance_to_route_km(mark, ROUTE) < 0.5
        assert measure.locate(ROUTE, mark)["km_along"] == pytest.approx(km, abs=1.0)


def test_points_at__ends_are_the_line_ends_and_along_distance_is_the_length():
    total = measure.cumulative_km(ROUTE)[-1]
    start, end = measure.points_at(ROUTE, [0.0, total])
    first, last = ROUTE.coords[0], ROUTE.coords[-1]
    assert (start.x, start.y) == pytest.approx(first, abs=1e-9)
    assert (end.x, end.y) == pytest.approx(last, abs=1e-6)


def test_points_at__chainage_points_lie_on_the_line_at_their_km():
    points = measure.chainage(ROUTE, 250)
    for km, point in zip(points["km"], points.geometry, strict=True):
        # The point's distance along the line, measured again, is its chainage.
        cut = np.searchsorted(measure.cumulative_km(ROUTE), km, side="right")
        head = LineString([*ROUTE.coords[:cut], (point.x, point.y)]) if cut else None
        along = measure.cumulative_km(head)[-1] if head is not None and len(head.coords) > 1 else 0
        assert along == pytest.approx(km, abs=1e-6)


def test_chainage__across_the_antimeridian():
    line = LineString([(179.0, 0.0), (-179.0, 0.0)])  # 2 degrees along the equator
    assert measure.cumulative_km(line)[-1] == pytest.approx(222.639, abs=1e-3)
    assert measure.chainage(line, 50)["km"].tolist() == [0.0, 50.0, 100.0, 150.0, 200.0]
    (middle,) = measure.points_at(line, [222.638982 / 2])
    assert abs(middle.x) == pytest.approx(180.0, abs=1e-6)  # on the antimeridian, not at 0°
    assert middle.y == pytest.approx(0.0, abs=1e-9)


def test_points_at__rejects_distances_off_the_line():
    with pytest.raises(ValueError, match="within 0"):
        measure.points_at(LineString([(0, 0), (1, 0)]), [200.0])


def test_chainage__rejects_non_positive_spacing():
    with pytest.raises(ValueError, match="every_km must be positive"):
        measure.chainage(LineString([(0, 0), (1, 0)]), 0)
