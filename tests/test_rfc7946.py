"""geodata/ is RFC 7946 GeoJSON, as an independent validator (PyPI geojson-validator) sees it.

Counter-clockwise exterior rings and clockwise holes (section 3.1.6), closed rings of at
least four positions, no ``crs`` member (section 4), and no line or ring that runs
through a point twice (a spur drawn out and back). The exports are checked the same way
in test_export.py (`rfc7946_problems`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geojson_validator
import pytest
from conftest import GEODATA
from pyproj import Geod

GEOD = Geod(ellps="WGS84")

geojson_validator.configure_logging(enabled=False)

#: What RFC 7946 forbids or the repository rules out, by the validator's names.
FORBIDDEN = ("unclosed", "less_three_unique_nodes", "exterior_not_ccw", "interior_not_cw")
RULED_OUT = ("3d_coordinates", "outside_lat_lon_boundaries")
#: How far a waypoint may lie from the line (tools/derive_routes.py, SNAP_KM).
SNAP_KM = 5.0


def rfc7946_problems(collection: dict[str, Any]) -> dict[str, Any]:
    """What geojson-validator finds wrong in a FeatureCollection (empty: nothing)."""
    problems: dict[str, Any] = {}
    if "crs" in collection:
        problems["crs"] = collection["crs"]
    structure = geojson_validator.validate_structure(collection, check_crs=True)
    if structure:
        problems["structure"] = structure
    geometries = geojson_validator.validate_geometries(
        collection, criteria_invalid=list(FORBIDDEN), criteria_problematic=list(RULED_OUT)
    )
    problems.update({k: v for k, v in geometries["invalid"].items() if v})
    problems.update({k: v for k, v in geometries["problematic"].items() if v})
    return problems


def _collection(path: Path) -> dict[str, Any] | None:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) and data.get("type") == "FeatureCollection" else None


#: Every FeatureCollection of geodata/ (basemap.json and places.json are plain JSON).
COLLECTIONS = [
    path
    for path in sorted([*GEODATA.rglob("*.geojson"), *(GEODATA / "basemap").glob("*.json")])
    if _collection(path) is not None
]


@pytest.mark.parametrize("path", COLLECTIONS, ids=lambda p: str(p.relative_to(GEODATA)))
def test_geodata__rfc7946_as_an_independent_validator_sees_it(path):
    assert rfc7946_problems(_collection(path)) == {}


def test_geodata__polygons_are_checked_at_all():
    """The check covers the files the issue was about: the countries and the lakes."""
    kinds = {}
    for path in (GEODATA / "base" / "countries.geojson", GEODATA / "basemap" / "lakes.json"):
        collection = _collection(path)
        assert collection is not None
        kinds[path.name] = {f["geometry"]["type"] for f in collection["features"]}
    assert kinds["countries.geojson"] <= {"Polygon", "MultiPolygon"}
    assert kinds["lakes.json"] <= {"Polygon", "MultiPolygon"}


def test_validator__catches_rings_wound_the_wrong_way():
    """The validator is not silently passing everything: it flags what was fixed."""
    clockwise = [[0.0, 0.0], [0.0, 4.0], [4.0, 4.0], [4.0, 0.0], [0.0, 0.0]]
    hole = [[1.0, 1.0], [2.0, 1.0], [2.0, 2.0], [1.0, 2.0], [1.0, 1.0]]  # counter-clockwise
    feature = {"type": "Feature", "properties": {}}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {**feature, "geometry": {"type": "Polygon", "coordinates": [clockwise, hole]}}
        ],
    }
    assert set(rfc7946_problems(collection)) == {"exterior_not_ccw", "interior_not_cw"}
    collection["features"][0]["geometry"]["coordinates"] = [clockwise[::-1], hole[::-1]]
    assert rfc7946_problems(collection) == {}


def _km(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000


def _lines():
    for path in COLLECTIONS:
        for feature in _collection(path)["features"]:
            if feature["geometry"]["type"] == "LineString":
                yield feature


def test_lines__no_point_repeated_right_after_itself():
    for feature in _lines():
        coords = feature["geometry"]["coordinates"]
        repeats = [i for i in range(1, len(coords)) if coords[i] == coords[i - 1]]
        assert repeats == [], feature["properties"].get("id")


def test_lines__a_point_comes_back_only_after_a_spur_out_to_a_far_waypoint():
    """A drawn line runs out along a spur and straight back (``p, q, p``) only where the
    spur reaches a cited waypoint more than SNAP_KM from the junction (derive_routes.py
    cuts the others): anything else revisiting a point is a drawing error."""
    for feature in _lines():
        coords = [tuple(c) for c in feature["geometry"]["coordinates"]]
        if len(set(coords)) == len(coords):
            continue
        fid = feature["properties"]["id"]
        waypoints = [(w["lon"], w["lat"]) for w in feature["properties"].get("waypoints", [])]
        first: dict[tuple[float, ...], int] = {}
        for i, point in enumerate(coords):
            j = first.setdefault(point, i)
            if j == i:
                continue
            there_and_back = coords[j : i + 1]
            assert there_and_back == there_and_back[::-1], (fid, point)
            tip = coords[(i + j) // 2]
            waypoint = min(waypoints, key=lambda w, tip=tip: _km(w, tip))
            assert _km(waypoint, tip) <= SNAP_KM, (fid, tip)
            assert _km(waypoint, point) > SNAP_KM, (fid, tip)
