"""The Middle Corridor map draws every leg its calculator counts (issue 26, item 4)."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from shapely import LineString, MultiLineString

from corridors import maps, measure, transit
from corridors.maps import calculator, middle_corridor
from corridors.maps.calculator_data import CALCULATOR_VARIANTS
from corridors.maps.layers import GeoJsonLayer


def _layers(element):
    for child in element._children.values():  # noqa: SLF001 (folium's tree)
        if isinstance(child, GeoJsonLayer):
            yield child
        yield from _layers(child)


def _unpack(collection):
    """Each drawn feature's id and geometry, rebuilt as the page's `corridors.unpack` does."""
    coords = np.frombuffer(base64.b64decode(collection["coords"]), dtype="<i4").reshape(-1, 2)
    coords = coords / 1e5
    at = 0
    out = []
    for feature in collection["features"]:
        skeleton = feature["geometry"]
        if skeleton["type"] == "LineString":
            n = skeleton["n"]
            geom = LineString(coords[at : at + n])
            at += n
        elif skeleton["type"] == "MultiLineString":
            parts = []
            for n in skeleton["n"]:
                parts.append(coords[at : at + n])
                at += n
            geom = MultiLineString(parts)
        else:  # points and polygons: not legs
            at += 1 if skeleton["type"] == "Point" else int(np.sum(np.ravel(skeleton["n"])))
            geom = None
        out.append((feature["properties"], geom))
    return out


@pytest.fixture(scope="module")
def drawn():
    m = maps.build("middle-corridor")
    out = {}
    for layer in _layers(m):
        for props, geom in _unpack(json.loads(layer.deferred_data)):
            if not props.get("part"):
                out[props["id"]] = (layer, geom)
    return m, out


@pytest.mark.parametrize("variant", sorted(CALCULATOR_VARIANTS))
def test_every_leg_the_calculator_counts_is_drawn(drawn, variant):
    _, features = drawn
    corridor, scenario = CALCULATOR_VARIANTS[variant]
    result = transit.transit(
        middle_corridor.ROW_ORIGIN,
        middle_corridor.ROW_DESTINATION,
        corridor=corridor,
        scenario=scenario,
    )
    moving = result.legs[result.legs["kind"] != "dwell"]  # a stop at the origin: no leg
    assert not moving.empty
    for leg in moving.itertuples():
        fid = f"{leg.leg}@{scenario}" if f"{leg.leg}@{scenario}" in features else leg.leg
        assert fid in features, f"{variant}: leg {leg.leg} is counted but not drawn"
        _, geom = features[fid]
        if leg.kind in ("sea_link", "sea_route"):
            # The drawn line is the one the model measured (within the 1e-5° rounding).
            km = float(measure.geodesic_lengths([geom])[0]) / 1000
            assert km == pytest.approx(leg.distance_km, rel=1e-3), fid


def test_black_sea_leg_is_drawn_as_a_sea_leg(drawn):
    _, features = drawn
    titr = transit.transit("lianyungang", "europe", corridor="titr").legs
    sea = titr[titr["kind"] == "sea_link"]
    assert not sea.empty  # the model counts the Batumi–Constanța feeder
    layer, geom = features[sea["leg"].iloc[0]]
    assert "Black Sea" in layer.layer_name
    assert geom.coords[0][0] == pytest.approx(41.6, abs=0.3)  # leaves from Batumi (lon ~41.6)


def test_suez_toggle_switches_between_the_two_drawn_sea_routes(drawn):
    m, features = drawn
    children = m._children.values()  # noqa: SLF001 (folium's tree)
    calc = next(c for c in children if isinstance(c, calculator.Calculator))
    suez, cape = calc.routes["sea"], calc.routes[calculator.SUEZ_CLOSED]
    assert suez.show  # the page opens on the Suez route
    assert not cape.show
    ids = {layer.get_name(): fid for fid, (layer, _) in features.items()}
    assert ids[cape.get_name()].endswith("@suez-closed")
    assert cape.get_name() in calc.routes_js
    assert suez.get_name() in calc.routes_js
