"""Geodesic measuring: known answers, alignment, edge cases."""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pytest
from conftest import straight_edge_line
from pyproj import Geod
from shapely import LineString, MultiLineString, Point, Polygon

from corridors import lookup, measure
from corridors.errors import GeodataError, UnknownNameError

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(
    ("geometry", "expected_m"),
    [
        (LineString([(1, 2), (3, 4)]), 313588.397),  # pyproj's own reference value
        (LineString([(0, 0), (1, 0)]), 111319.491),  # one degree along the equator
        (LineString([(179, 0), (-179, 0)]), 222638.982),  # across the antimeridian
        (MultiLineString([[(0, 0), (1, 0)], [(5, 0), (6, 0)]]), 2 * 111319.491),
        (Point(1, 1), 0.0),
        (LineString(), 0.0),
    ],
    ids=["pyproj-reference", "equator-degree", "antimeridian", "multi", "point", "empty"],
)
def test_geodesic_lengths__known_answers(geometry, expected_m):
    assert measure.geodesic_lengths([geometry])[0] == pytest.approx(expected_m, abs=1e-3)


def test_geodesic_lengths__none_is_nan():
    result = measure.geodesic_lengths([None, LineString([(0, 0), (1, 0)])])
    assert np.isnan(result[0])
    assert result[1] == pytest.approx(111319.491, abs=1e-3)


def test_geodesic_lengths__matches_pyproj_per_line():
    rng = np.random.default_rng(7)
    lines = [
        LineString(np.column_stack([rng.uniform(40, 120, n), rng.uniform(20, 60, n)]))
        for n in rng.integers(2, 50, 200)
    ]
    ours = measure.geodesic_lengths(lines)
    theirs = [GEOD.line_length(*np.asarray(line.coords).T) for line in lines]
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)


def test_geodesic_lengths__polygon_is_perimeter():
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    assert measure.geodesic_lengths([square])[0] == pytest.approx(
        GEOD.geometry_length(square), abs=1e-6
    )


def test_route_lengths__indexed_like_input_and_named():
    routes = gpd.GeoDataFrame(
        geometry=[LineString([(1, 2), (3, 4)]), LineString([(0, 0), (1, 0)])],
        index=["b", "a"],
        crs=4326,
    )
    lengths = measure.route_lengths(routes, unit="km")
    assert lengths.index.tolist() == ["b", "a"]
    assert lengths.name == "length_km"
    assert lengths.round(3).tolist() == [313.588, 111.319]


def test_route_lengths__nautical_miles():
    routes = gpd.GeoDataFrame(geometry=[LineString([(0, 0), (1, 0)])], crs=4326)
    assert measure.route_lengths(routes, unit="nmi").iloc[0] == pytest.approx(60.108, abs=1e-3)


def test_route_lengths__reprojects_declared_crs():
    routes = gpd.GeoDataFrame(geometry=[LineString([(1, 2), (3, 4)])], crs=4326).to_crs(3857)
    assert measure.route_lengths(routes).iloc[0] == pytest.approx(313.588, abs=1e-3)


def test_route_lengths__rejects_missing_crs():
    routes = gpd.GeoDataFrame(geometry=[LineString([(1, 2), (3, 4)])])
    with pytest.raises(GeodataError, match="no CRS"):
        measure.route_lengths(routes)


def test_route_lengths__rejects_unknown_unit():
    routes = gpd.GeoDataFrame(geometry=[LineString([(1, 2), (3, 4)])], crs=4326)
    with pytest.raises(ValueError, match="unit must be one of"):
        measure.route_lengths(routes, unit="miles")


def test_densify__keeps_length_and_spacing():
    line = LineString([(60, 40), (80, 45)])
    dense = measure.densify(line, max_km=5)
    lengths = measure.geodesic_lengths([line, dense])
    assert lengths[1] == pytest.approx(lengths[0], rel=1e-9)
    coords = np.asarray(dense.coords)
    _, _, steps = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    assert steps.max() <= 5000 + 1e-6


def test_length_by_country__splits_along_a_border():
    countries = gpd.GeoDataFrame(
        {"iso3": ["AAA", "BBB"], "name": ["A", "B"]},
        geometry=[
            Polygon([(0, -1), (1, -1), (1, 1), (0, 1)]),
            Polygon([(1, -1), (3, -1), (3, 1), (1, 1)]),
        ],
        crs=4326,
    )
    split = measure.length_by_country(LineString([(0.5, 0), (2.5, 0)]), countries=countries)
    km = dict(zip(split["country"], split["length_km"], strict=True))
    assert km["AAA"] == pytest.approx(111.319 / 2, abs=0.01)
    assert km["BBB"] == pytest.approx(111.319 * 1.5, abs=0.01)
    assert split["fraction"].sum() == pytest.approx(1.0)


def test_length_by_country__reports_sea():
    countries = gpd.GeoDataFrame(
        {"iso3": ["AAA"], "name": ["A"]},
        geometry=[Polygon([(0, -1), (1, -1), (1, 1), (0, 1)])],
        crs=4326,
    )
    split = measure.length_by_country(LineString([(0.5, 0), (1.5, 0)]), countries=countries)
    assert split.set_index("country").loc["-", "length_km"] == pytest.approx(55.66, abs=0.01)


def test_distance_km__symmetric_and_known():
    assert measure.distance_km((0.0, 0.0), (1.0, 0.0)) == pytest.approx(111.319, abs=1e-3)
    a, b = (76.9, 43.2), (51.15, 43.65)
    assert measure.distance_km(a, b) == measure.distance_km(b, a)


def test_distance_km__rejects_swapped_pair():
    with pytest.raises(ValueError, match="longitude first"):
        measure.distance_km((43.2, 176.9), (51.15, 43.65))


def test_place__unknown_suggests_close_names():
    with pytest.raises(UnknownNameError, match="unknown place"):
        lookup.place("Atlantis-on-Caspian")


def test_locate__nearest_point_and_offset():
    line = LineString([(0, 0), (2, 0)])
    found = measure.locate(line, (1.0, 0.5))
    assert found["km_along"] == pytest.approx(111.32, abs=0.6)
    assert found["offset_km"] == pytest.approx(55.3, abs=0.6)


def test_distance_along_km__ends_give_the_length():
    line = LineString([(60, 40), (65, 42), (70, 41)])
    total = measure.geodesic_lengths([line])[0] / 1000
    assert lookup.distance_along_km(line, (60, 40), (70, 41)) == pytest.approx(total, abs=0.01)
    assert lookup.distance_along_km(line, (70, 41), (60, 40)) == pytest.approx(total, abs=0.01)


def test_distance_to_route_km__place_to_border():
    assert lookup.distance_to_route_km("horgos", "border-china-kazakhstan") < 10


def test_geodesic_lengths__threaded_path_matches_one_call(monkeypatch):
    rng = np.random.default_rng(3)
    lines = [LineString(rng.uniform([40, 20], [120, 60], (50, 2))) for _ in range(100)]
    single = measure.geodesic_lengths(lines)
    monkeypatch.setattr(measure, "_PARALLEL_SEGMENTS", 10)
    monkeypatch.setattr(measure.os, "cpu_count", lambda: 4)
    np.testing.assert_array_equal(measure.geodesic_lengths(lines), single)


def test_length_by_country__keeps_every_country_when_one_is_only_near():
    # AAA touches the line's bounding box but not the line: it is dropped as 0 km,
    # and the row for the sea must not overwrite another country's row.
    countries = gpd.GeoDataFrame(
        {"iso3": ["AAA", "BBB", "CCC"], "name": ["A", "B", "C"]},
        geometry=[
            Polygon([(2.2, 0), (2.4, 0), (2.4, 0.1), (2.2, 0.1)]),
            Polygon([(0, -1), (1, -1), (1, 1), (0, 1)]),
            Polygon([(1, -1), (1.2, -1), (1.2, 1), (1, 1)]),
        ],
        crs=4326,
    )
    line = LineString([(0.5, 0), (2.5, 0.8)])
    split = measure.length_by_country(line, countries=countries)
    km = dict(zip(split["country"], split["length_km"], strict=True))
    assert set(km) == {"BBB", "CCC", "-"}
    _, _, ccc = GEOD.inv(1.0, 0.2, 1.2, 0.28)
    assert km["CCC"] == pytest.approx(ccc / 1000, abs=0.05)
    assert split["fraction"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("every", [0, -5, float("nan"), float("inf"), 1e-9])
def test_chainage__rejects_unusable_spacing(every):
    with pytest.raises(ValueError, match="every"):
        measure.chainage(LineString([(0, 0), (10, 0)]), every)


def _steps_km(*lons: float) -> list[float]:
    """Geodesic km of each step between consecutive longitudes along 46° N."""
    return [GEOD.inv(a, 46.0, b, 46.0)[2] / 1000 for a, b in itertools.pairwise(lons)]


def _row(feature: dict) -> dict:
    """A feature of a test collection as `load_all` holds it: properties and a shapely line."""
    return {**feature["properties"], "geometry": LineString(feature["geometry"]["coordinates"])}


def test_stretch_lengths__straight_edges_of_a_network_stretch_are_schematic():
    row = _row(straight_edge_line())
    table = measure.stretch_lengths(row).set_index("from")
    km = _steps_km(70.0, 70.5, 72.0, 72.5, 73.0, 74.0)
    assert table.loc["A", "method"] == "network"
    assert table.loc["A", "length_km"] == pytest.approx(sum(km[:4]))
    assert table.loc["A", "schematic_km"] == pytest.approx(km[1])  # the 116 km straight edge
    assert table.loc["A", "straight_edges"] == 1
    assert table.loc["B", "schematic_km"] == pytest.approx(km[4])  # a chord: all of it
    assert table.loc["B", "straight_edges"] == 0
    assert measure.schematic_steps(row).tolist() == [False, True, False, False, True]
    # The share from the network leaves out the straight edge as well as the chord.
    assert measure.network_share(row) == pytest.approx(1 - (km[1] + km[4]) / sum(km))


def test_network_share__a_network_stretch_without_straight_edges_counts_whole():
    feature = straight_edge_line()
    del feature["properties"]["stretches"][0]["straight_edges"]
    row = _row(feature)
    km = _steps_km(70.0, 70.5, 72.0, 72.5, 73.0, 74.0)
    assert measure.stretch_lengths(row)["schematic_km"].tolist() == pytest.approx([0.0, km[4]])
    assert measure.network_share(row) == pytest.approx(1 - km[4] / sum(km))


def _densify_one_segment_at_a_time(line, max_km):
    """The reference: each segment measured and filled on its own."""
    import math  # noqa: PLC0415

    out = []
    for part in getattr(line, "geoms", [line]):
        xy = np.asarray(part.coords)
        pieces = [xy[:1]]
        for (x1, y1), (x2, y2) in itertools.pairwise(xy):
            n = math.ceil(GEOD.inv(x1, y1, x2, y2)[2] / (max_km * 1000)) - 1
            if n > 0:
                pieces.append(np.asarray(GEOD.npts(x1, y1, x2, y2, n)))
            pieces.append(np.array([[x2, y2]]))
        out.append(np.vstack(pieces))
    return out


def test_densify__same_points_as_one_segment_at_a_time():
    # Short segments left alone, long ones filled, in both parts of a MultiLineString.
    line = MultiLineString(
        [[(60, 40), (60.001, 40.001), (62, 41), (62.0005, 41)], [(70, 45), (75, 44), (75, 44.01)]]
    )
    dense = measure.densify(line, max_km=3)
    expected = _densify_one_segment_at_a_time(line, 3)
    assert [np.asarray(g.coords).tolist() for g in dense.geoms] == [e.tolist() for e in expected]


def test_country_split__kept_per_line_and_same_as_length_by_country():
    line = LineString([(79.0, 44.0), (81.0, 44.3)])  # Kazakhstan into China
    first = measure.country_split(line)
    assert measure.country_split(LineString(line.coords)) is first
    assert first.equals(measure.length_by_country(line))
    assert set(first["country"]) == {"KAZ", "CHN"}
