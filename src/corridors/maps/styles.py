"""Map styles: how each feature is drawn (Leaflet path and circle-marker options).

Lines by mode or corridor (`MODE_STYLE`, `NORTHERN_STYLE`), pipelines by status and
capacity (`STATUS_COLOR`, `capacity_weight`), other kinds by `KIND_STYLE`, points by
`POINT_STYLE`; the stretches of a route that are straight chords between cited places
are drawn schematic (`drawn_parts`, `schematic_style`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import shapely

from corridors import lifecycle, measure

MODE_STYLE: dict[str, dict[str, Any]] = {
    "rail_1435": {"color": "#1f5fbf", "weight": 4, "label": "Rail, standard gauge 1,435 mm"},
    "rail_1520": {"color": "#c0392b", "weight": 4, "label": "Rail, broad gauge 1,520 mm"},
    "ferry": {"color": "#0e9aa7", "weight": 4, "dashArray": "8 6", "label": "Caspian ferry"},
    "road": {"color": "#8e5a2b", "weight": 3, "dashArray": "2 5", "label": "Road"},
    "sea": {"color": "#5d6d7e", "weight": 3, "dashArray": "10 6", "label": "Sea route"},
}
NORTHERN_STYLE: dict[str, Any] = {
    "color": "#7d3c98",
    "weight": 4,
    "label": "Northern corridor (via Russia)",
}
STATUS_COLOR = {
    "operating": "#1e8449",
    "under_construction": "#b9770e",
    "planned": "#d35400",
    "proposed": "#a04000",
    "historic": "#7f8c8d",
    "existing": "#1e8449",
}
KIND_STYLE: dict[str, dict[str, Any]] = {
    "railway_network": {"color": "#5d6d7e", "weight": 1, "opacity": 0.6},
    "gas_pipeline": {"color": "#1e8449", "weight": 4},
    "oil_pipeline": {"color": "#17202a", "weight": 4},
    # A railway with no gauge in the data (a line being built): dark slate.
    "railway": {"color": "#1b2631", "weight": 4},
    "border": {"color": "#2c3e50", "weight": 3, "dashArray": "12 4 2 4"},
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
#: How a schematic stretch differs from a drawn one: dashed, thinner, paler.
SCHEMATIC_DASH = "5 7"
#: How a line or place not built on the data's as-of date is drawn: dotted and lighter.
PLANNED_DASH = "2 7"
PLANNED_OPACITY = 0.5
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
    """Leaflet path options for a line feature under a map's colour scheme."""
    kind = row["kind"]
    if scheme == "control" and isinstance(row.get("map_style"), dict):  # maps/control.py
        style: dict[str, Any] = dict(row["map_style"])
    elif scheme == "status" and kind in ("gas_pipeline", "oil_pipeline"):
        style = {
            "color": STATUS_COLOR.get(str(row.get("status")), "#555555"),
            "weight": capacity_weight(row),
        }
        if kind == "oil_pipeline":
            style["dashArray"] = "14 4 3 4"
    elif present(row.get("mode")) and row.get("corridor") == "northern":
        style = dict(NORTHERN_STYLE)
    elif present(row.get("mode")):
        style = dict(MODE_STYLE[row["mode"]])
    else:
        style = dict(KIND_STYLE.get(kind, {"color": "#555555", "weight": 3}))
    style.pop("label", None)
    style.setdefault("opacity", 0.9)
    if not_built(row):
        style.update({"dashArray": PLANNED_DASH, "opacity": PLANNED_OPACITY})
    return style


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
    """The style of the same line where it is a straight chord between cited places."""
    weight = float(style.get("weight", 3))
    return {
        **style,
        "weight": max(2.0, round(weight * 0.6, 1)),
        "dashArray": SCHEMATIC_DASH,
        "opacity": 0.75,
    }


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
