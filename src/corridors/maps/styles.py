"""Map styles: how each feature is drawn (Leaflet path and circle-marker options).

Lines follow the maps' one grammar (`corridors.maps.grammar`): colour by mode or
fuel, pattern by status, hollow where schematic; on the energy map width by capacity
(`capacity_weight`). Lines outside it (the border, the railway grid, country outlines)
keep `KIND_STYLE`, points `POINT_STYLE`; the stretches of a route that are straight
chords between cited places are drawn schematic (`drawn_parts`, `schematic_style`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import shapely

from corridors import lifecycle, measure
from corridors.maps import grammar

MODE_STYLE: dict[str, dict[str, Any]] = {
    mode: {
        "color": grammar.CLASSES[mode][0],
        "weight": 3 if mode in ("road", "sea") else 4,
        "label": grammar.CLASSES[mode][1],
    }
    for mode in ("rail_1435", "rail_1520", "ferry", "road", "sea")
}
NORTHERN_STYLE: dict[str, Any] = {
    "color": grammar.CLASSES["northern"][0],
    "weight": 4,
    "label": grammar.CLASSES["northern"][1],
}
KIND_STYLE: dict[str, dict[str, Any]] = {
    "railway_network": {"color": "#5d6d7e", "weight": 1, "opacity": 0.6},
    "gas_pipeline": {"color": grammar.CLASSES["gas"][0], "weight": 4},
    "oil_pipeline": {"color": grammar.CLASSES["oil"][0], "weight": 4},
    # A railway with no gauge in the data (a line being built).
    "railway": {"color": grammar.CLASSES["railway"][0], "weight": 4},
    "border": {"color": "#2c3e50", "weight": 3, "dashArray": "12 4 2 4"},
    # A connector across a stretch the data does not draw (corridors.maps.gaps).
    "gap": {"color": "#8a8f94", "weight": 1.5, "opacity": 0.9},
    "country": {"color": "#9aa5ad", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 1},
}
POINT_STYLE: dict[str, dict[str, Any]] = {
    "city": {"color": "#34495e", "fillColor": "#ffffff", "radius": 5},
    "seaport": {"color": "#0e6655", "fillColor": "#48c9b0", "radius": 6},
    "rail_station": {"color": "#7b241c", "fillColor": "#f1948a", "radius": 6},
    "border_crossing": {"color": "#17202a", "fillColor": "#f4d03f", "radius": 7},
    "dry_port": {"color": "#4a235a", "fillColor": "#bb8fce", "radius": 8},
    "economic_zone": {"color": "#4a235a", "fillColor": "#d7bde2", "radius": 13},
    "compressor_station": {"color": "#145a32", "fillColor": "#82e0aa", "radius": 5},
    "pump_station": {"color": "#17202a", "fillColor": "#aab7b8", "radius": 5},
    "power_plant": {"color": "#7d6608", "fillColor": "#f7dc6f", "radius": 7},
    "factory": {"color": "#4d5656", "fillColor": "#d5dbdb", "radius": 6},
    "annotation": {"color": "#6e2c00", "fillColor": "#f5cba7", "radius": 6},
}

#: Routes whose stretches between cited waypoints are either drawn from a network or
#: straight chords; the chords are drawn as schematic (`schematic_style`).
SCHEMATIC_KINDS = measure.NETWORK_DRAWN_KINDS
#: Statuses of what is not (or not yet) built on the as-of date.
NOT_BUILT = frozenset({"proposed", "under_construction"})
#: Attribution shown on the map for layers drawn from the OpenStreetMap-derived networks.
OSM_ATTRIBUTION = (
    'Rail and road lines: © <a href="https://www.openstreetmap.org/copyright" '
    'target="_blank" rel="noopener noreferrer">OpenStreetMap</a> contributors (ODbL), '
    "via scgraph-data"
)


def present(value: Any) -> bool:
    """Whether a property holds something to show (not None, NaN, or an empty text or list)."""
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str | list | dict) and not value)


def line_style(row: Mapping[str, Any], *, scheme: str) -> dict[str, Any]:
    """Leaflet path options for a line feature under a map's scheme (`corridors.maps.grammar`).

    Colour by mode or fuel (``scheme="capacity"``: width by capacity too; ``"control"``:
    the row's own ``map_style`` colour and class), pattern and opacity by status.
    Lines outside the grammar (the border, the railway grid) keep `KIND_STYLE`.
    """
    kind = row["kind"]
    cls = _line_class(row)
    status = grammar.status_of(row.get("status"), not_built=not_built(row))
    if scheme == "control" and isinstance(row.get("map_style"), dict):  # maps/control.py
        own = row["map_style"]
        return grammar.line(
            str(own.get("cls", "share")), status, float(own.get("weight", 4)), color=own["color"]
        )
    if cls is None:
        style = dict(KIND_STYLE.get(kind, {"color": "#555555", "weight": 3}))
        style.setdefault("opacity", 0.9)
        return style
    if scheme == "capacity" and kind in ("gas_pipeline", "oil_pipeline"):
        weight = capacity_weight(row)
    elif cls in MODE_STYLE:
        weight = float(MODE_STYLE[cls]["weight"])
    else:
        weight = 4.0
    return grammar.line(cls, status, weight)


def _line_class(row: Mapping[str, Any]) -> str | None:
    """The grammar's colour class of a line: its mode or fuel (None: not a corridor line)."""
    mode = row.get("mode")
    if present(mode):
        if row.get("corridor") == "northern":
            return "northern"
        return str(mode) if str(mode) in grammar.CLASSES else None
    return grammar.KIND_CLASS.get(str(row["kind"]))


def not_built(row: Mapping[str, Any]) -> bool:
    """Whether a feature is being built or planned (not open) on the data's as-of date.

    Its ``status`` (derived from its history) is proposed or under construction, or it
    has no status yet and every life-cycle step of its history is still expected.
    """
    status = row.get("status")
    if isinstance(status, str):
        return status in NOT_BUILT
    return lifecycle.only_expected(row.get("history"))


def schematic_style(style: Mapping[str, Any]) -> dict[str, Any]:
    """The style of the same line where it is a straight chord between cited places (hollow)."""
    return grammar.schematic(style)


def drawn_parts(row: Mapping[str, Any]) -> tuple[Any, Any]:
    """A route's line split into (what is drawn from a network, what is schematic).

    Either part may be None. Only routes of `SCHEMATIC_KINDS` drawn through cited
    ``waypoints`` have schematic parts: the straight chords between waypoints and
    the network's own straight edges over 100 km (`measure.schematic_steps`); a
    route without ``stretches`` is chords throughout.
    """
    geom = row["geometry"]
    waypoints = row.get("waypoints")
    if row.get("kind") not in SCHEMATIC_KINDS or not isinstance(waypoints, list):
        return geom, None
    if geom is None or geom.geom_type != "LineString":
        return geom, None
    if not isinstance(row.get("stretches"), list):
        return None, geom
    coords = list(geom.coords)
    pieces: dict[bool, list[list[tuple[float, float]]]] = {False: [], True: []}
    step = 0
    for schematic, run in itertools.groupby(measure.schematic_steps(row).tolist()):
        n = len(list(run))
        pieces[schematic].append(coords[step : step + n + 1])
        step += n
    network = shapely.MultiLineString(pieces[False]) if pieces[False] else None
    chords = shapely.MultiLineString(pieces[True]) if pieces[True] else None
    return network, chords


def capacity_weight(row: Mapping[str, Any]) -> float:
    """Line width (px) from capacity: 2 px + 0.25 px per bcm/yr or Mt/yr, 3 px if unknown."""
    capacity = row.get("capacity")
    if isinstance(capacity, dict) and isinstance(capacity.get("value"), int | float):
        return round(2 + 0.25 * float(capacity["value"]), 1)
    return 3.0


def point_style(row: Mapping[str, Any]) -> dict[str, Any]:
    """Leaflet circle-marker options for a point feature."""
    style = dict(POINT_STYLE.get(row["kind"], {"color": "#333", "fillColor": "#ccc", "radius": 5}))
    if isinstance(row.get("map_style"), dict):  # a map's own colouring (maps/control.py)
        style.update(row["map_style"])
    style.update({"weight": 2, "fillOpacity": 0.95, "opacity": 1})
    if not_built(row):
        style.update({"dashArray": "2 3", "fillOpacity": 0.3, "opacity": 0.7})
    return style
