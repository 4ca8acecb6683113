"""Property tests of the measuring core (hypothesis, 1,000 examples each)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely import LineString

from corridors import measure

GEOD = Geod(ellps="WGS84")
EXAMPLES = settings(max_examples=1000, deadline=None)

lon = st.floats(-180, 180, allow_nan=False)
lat = st.floats(-89.9, 89.9, allow_nan=False)
position = st.tuples(lon, lat)


def _distinct(points: list[tuple[float, float]]) -> bool:
    return all(a != b for a, b in itertools.pairwise(points))


lines = st.lists(position, min_size=2, max_size=12).filter(_distinct).map(LineString)


@EXAMPLES
@given(lines)
def test_length__non_negative_and_finite(line):
    length = measure.geodesic_lengths([line])[0]
    assert np.isfinite(length)
    assert length >= 0


@EXAMPLES
@given(lines)
def test_length__invariant_under_reversal(line):
    forward = measure.geodesic_lengths([line])[0]
    backward = measure.geodesic_lengths([line.reverse()])[0]
    assert abs(forward - backward) <= 1e-6 * max(forward, 1.0)


@EXAMPLES
@given(lines, st.data())
def test_length__additive_when_split_at_a_vertex(line, data):
    coords = list(line.coords)
    i = data.draw(st.integers(1, len(coords) - 1))
    head, tail = coords[: i + 1], coords[i:]
    whole = measure.geodesic_lengths([line])[0]
    pieces = [LineString(part) if len(part) > 1 else LineString() for part in (head, tail)]
    parts = measure.geodesic_lengths(pieces)
    assert abs(parts.sum() - whole) <= 1e-6 * max(whole, 1.0)


@EXAMPLES
@given(st.floats(0.001, 5.0), st.floats(-60, 60), st.floats(0.001, 5.0))
def test_length__across_the_antimeridian_is_short(east, lat_, west):
    line = LineString([(180 - east, lat_), (-180 + west, lat_)])
    length = measure.geodesic_lengths([line])[0]
    # The short way across 180°: never more than the span in degrees at the equator.
    assert length <= (east + west) * 111_320 * 1.001
    assert abs(length - GEOD.line_length([180 - east, -180 + west], [lat_, lat_])) < 1e-6


@EXAMPLES
@given(st.floats(-180, 180), st.floats(-180, 180), st.floats(89.0, 89.999))
def test_length__near_the_pole_matches_pyproj(lon1, lon2, lat_):
    line = LineString([(lon1, lat_), (lon2, lat_)]) if lon1 != lon2 else LineString()
    expected = GEOD.line_length([lon1, lon2], [lat_, lat_]) if lon1 != lon2 else 0.0
    assert abs(measure.geodesic_lengths([line])[0] - expected) < 1e-6
    assert measure.geodesic_lengths([line])[0] <= 2 * (90 - lat_) * 111_700


@EXAMPLES
@given(lines, st.floats(0.0, 1.0))
def test_points_at__lie_on_the_geodesic_segment(line, fraction):
    total = float(measure.cumulative_km(line)[-1])
    (point,) = measure.points_at(line, [fraction * total])
    coords = np.asarray(line.coords)
    cum = measure.cumulative_km(line)
    seg = min(int(np.searchsorted(cum, fraction * total, side="right")) - 1, len(coords) - 2)
    (x1, y1), (x2, y2) = coords[seg], coords[seg + 1]
    _, _, a = GEOD.inv(x1, y1, point.x, point.y)
    _, _, b = GEOD.inv(point.x, point.y, x2, y2)
    _, _, whole = GEOD.inv(x1, y1, x2, y2)
    assert abs(a + b - whole) <= 1e-3 + 1e-9 * whole  # on the segment: no detour


@settings(max_examples=200, deadline=None)
@given(lines, st.floats(50, 2000))
def test_chainage__sums_to_the_length(line, every):
    marks = measure.chainage(line, every)
    total = measure.cumulative_km(line)[-1]
    assert marks["km"].iloc[0] == 0
    assert marks["km"].iloc[-1] <= total + 1e-9
    assert total - marks["km"].iloc[-1] < every
