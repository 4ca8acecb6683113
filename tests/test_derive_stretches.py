"""How tools/derive_routes.py draws a stretch, on small networks made up for the test.

The tool's rules, one by one: a path without the network's straight edges over
``MAX_EDGE_KM`` first; through them only when there is no sound path without them,
and then each is recorded in ``straight_edges``; a waypoint is on the network only
near an edge that is not one of them. Needs no scgraph-data (the networks are
made here), only the tool's own imports.
"""

from __future__ import annotations

import itertools
import sys
import types

import pytest
from pyproj import Geod

derive_routes = pytest.importorskip("derive_routes", reason="the tool's imports (scipy)")

from corridors.schema import validate_collection  # noqa: E402 (after the skip)

GEOD = Geod(ellps="WGS84")
LAT = 46.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def _network(monkeypatch, lines: list[list[tuple[float, float]]]) -> derive_routes.Network:
    """A rail network of polylines given as (lon, lat) nodes, shared nodes joined."""
    nodes: list[tuple[float, float]] = []
    graph: dict[int, dict[int, float]] = {}
    for line in lines:
        for a, b in itertools.pairwise(line):
            for point in (a, b):
                if point not in nodes:
                    nodes.append(point)
                    graph[nodes.index(point)] = {}
            i, j = nodes.index(a), nodes.index(b)
            graph[i][j] = graph[j][i] = _km(a, b)
    module = types.ModuleType("made_up_network")
    module.nodes = [[lat, lon] for lon, lat in nodes]  # scgraph-data holds [lat, lon]
    module.graph = [graph[i] for i in range(len(nodes))]
    monkeypatch.setitem(sys.modules, "made_up_network", module)
    return derive_routes.Network(derive_routes.NetworkSpec("rail", "made_up_network", "made up"))


def _along(*lons: float, lat: float = LAT) -> list[tuple[float, float]]:
    return [(lon, lat) for lon in lons]


#: The file-level sources of the test routes (the data model: features cite them by id).
SOURCES = {
    "test": {"title": "A test source", "url": "https://example.org/a"},
    "openstreetmap": derive_routes.OSM_SOURCE,
}


def _route(*places: tuple[str, float, float]) -> dict:
    source = {"ref": "test"}
    return {
        "type": "Feature",
        "properties": {
            "id": "test-line",
            "name": "Test line",
            "kind": "railway",
            "mode": "rail_1520",
            "corridor": "titr",
            "from": "a",
            "to": "b",
            "countries": ["KAZ"],
            "geometry_method": "test",
            "sources": [{"ref": "test", "supports": ["route"]}],
            "waypoints": [
                {"name": name, "lon": lon, "lat": lat, "source": source}
                for name, lon, lat in places
            ],
        },
        "geometry": None,
    }


def _derive(net: derive_routes.Network, feature: dict) -> dict:
    return derive_routes.derive_feature(feature, {"rail": net}, "openstreetmap")


#: A line along 46° N with nodes about 15 km apart, but for one straight edge of
#: 1.5° (about 116 km) between 71.0° and 72.5° E.
STEPPE = [_along(70.0, 70.2, 70.4, 70.6, 70.8, 71.0, 72.5, 72.7, 72.9, 73.1, 73.3, 73.5)]


def test_straight_edge__taken_only_without_another_path_and_recorded(monkeypatch):
    net = _network(monkeypatch, STEPPE)
    assert net.long_edges == 1
    derived = _derive(net, _route(("A", 70.0, LAT), ("B", 70.6, LAT), ("C", 73.5, LAT)))
    props = derived["properties"]
    first, second = props["stretches"]
    # A–B needs no straight edge: recorded as ever, without `straight_edges`.
    assert first == {"from": "A", "to": "B", "method": "network", "network": "rail", "vertices": 2}
    # B–C has no path without the 116 km edge: it follows the network through it.
    assert second["method"] == "network"
    assert second["vertices"] == 7
    (edge,) = second["straight_edges"]
    coords = derived["geometry"]["coordinates"]
    stretch = coords[3 : 3 + second["vertices"] + 2]  # B (vertex 3 of the line) to C
    assert stretch[0] == [70.6, LAT]
    assert stretch[-1] == [73.5, LAT]
    assert edge["vertex"] == 2  # B, 70.8, then 71.0 -> 72.5
    assert stretch[2:4] == [[71.0, LAT], [72.5, LAT]]
    assert edge["km"] == round(_km((71.0, LAT), (72.5, LAT)), 3)
    assert edge["km"] > derive_routes.MAX_EDGE_KM
    assert (
        "1 straight edge of the network over 100 km that network stretches run through is schematic"
        in props["geometry_method"]
    )
    # What the tool writes is what the validator accepts.
    validate_collection(
        {"type": "FeatureCollection", "sources": SOURCES, "features": [derived]}, origin="x"
    )


def test_straight_edge__not_taken_where_a_sound_path_avoids_it(monkeypatch):
    """The first attempt (no straight edges) wins even when the straight edge is shorter."""
    bulge = _along(71.0, 71.2, 71.4, 71.6, 71.8, 72.0, 72.2, 72.5, lat=LAT)
    bulge = [(lon, LAT + (0.0 if lon in (71.0, 72.5) else 0.2)) for lon, _ in bulge]
    net = _network(monkeypatch, [*STEPPE, bulge])
    derived = _derive(net, _route(("B", 70.6, LAT), ("C", 73.5, LAT)))
    (stretch,) = derived["properties"]["stretches"]
    assert stretch["method"] == "network"
    assert "straight_edges" not in stretch
    assert [71.2, LAT + 0.2] in derived["geometry"]["coordinates"]
    assert [72.5, LAT] in derived["geometry"]["coordinates"]
    assert "straight edge" not in derived["properties"]["geometry_method"]


def test_straight_edge__a_detour_through_it_stays_a_chord(monkeypatch):
    """The detour rule holds for the second attempt too: P and Q, 56 km apart, are linked
    only by 290 km through two straight edges."""
    loop = [(70.0, 46.0), (70.1, 46.0), (71.6, 46.0), (71.6, 46.5), (70.1, 46.5), (70.0, 46.5)]
    net = _network(monkeypatch, [loop])
    assert net.long_edges == 2
    derived = _derive(net, _route(("P", 70.0, 46.0), ("Q", 70.0, 46.5)))
    (stretch,) = derived["properties"]["stretches"]
    assert stretch["method"] == "chord"
    assert stretch["why"] == (
        "no network path within 83 km (chord 56 km) even through edges over 100 km"
    )
    assert derived["geometry"]["coordinates"] == [[70.0, 46.0], [70.0, 46.5]]


def test_straight_edge__a_waypoint_near_only_a_straight_edge_is_off_the_network(monkeypatch):
    net = _network(monkeypatch, STEPPE)
    derived = _derive(net, _route(("A", 70.0, LAT), ("M", 71.75, LAT)))
    (stretch,) = derived["properties"]["stretches"]
    assert stretch == {
        "from": "A",
        "to": "M",
        "method": "chord",
        "why": "M is more than 5 km from the network",
    }


def test_straight_edges__indexes_the_drawn_vertices_of_a_stretch():
    vertices = [[70.0, LAT], [71.0, LAT], [72.5, LAT], [72.7, LAT]]
    steps = [((72.5, LAT), (71.0, LAT))]  # either way round
    assert derive_routes.straight_edges(vertices, steps) == [
        {"vertex": 1, "km": round(_km((71.0, LAT), (72.5, LAT)), 3)}
    ]
    with pytest.raises(RuntimeError, match="not all among the drawn vertices"):
        derive_routes.straight_edges(vertices, [((70.0, LAT), (72.7, LAT))])
