"""Map layers: styles, popup views and templates, and one GeoJSON layer element.

Popups and tooltips are built in the browser (``corridors.popup`` in the page
script) from each feature's *view* (`popup_view`: plain text, figures formatted by
`corridors.fmt`) and the layer's template (`POPUP_ROWS`), written once per layer.
Text from the data reaches the page only as text nodes and links only for http(s)
URLs, so it is never read as markup; `esc` and `link` serve the panels, which are
written here as HTML. A layer's data is serialised once: coordinates rounded to
`COORD_DECIMALS` and packed, facts shared by several features written once.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.map import Layer
from jinja2 import Template

from corridors import fmt, lifecycle, measure
from corridors.maps.assets import DATA_SLOT_PREFIX

#: Decimal places kept in map coordinates: 1e-5° is about 1 m.
COORD_DECIMALS = 5
_HTTP = re.compile(r"^https?://[^\s<>\"']+$")

MODE_STYLE = {
    "rail_1435": {"color": "#1f5fbf", "weight": 4, "label": "Rail, standard gauge 1,435 mm"},
    "rail_1520": {"color": "#c0392b", "weight": 4, "label": "Rail, broad gauge 1,520 mm"},
    "ferry": {"color": "#0e9aa7", "weight": 4, "dashArray": "8 6", "label": "Caspian ferry"},
    "road": {"color": "#8e5a2b", "weight": 3, "dashArray": "2 5", "label": "Road"},
    "sea": {"color": "#5d6d7e", "weight": 3, "dashArray": "10 6", "label": "Sea route"},
}
NORTHERN_STYLE = {"color": "#7d3c98", "weight": 4, "label": "Northern corridor (via Russia)"}
STATUS_COLOR = {
    "operating": "#1e8449",
    "under_construction": "#b9770e",
    "planned": "#d35400",
    "proposed": "#a04000",
    "historic": "#7f8c8d",
    "existing": "#1e8449",
}
KIND_STYLE = {
    "railway_network": {"color": "#5d6d7e", "weight": 1, "opacity": 0.6},
    "gas_pipeline": {"color": "#1e8449", "weight": 4},
    "oil_pipeline": {"color": "#17202a", "weight": 4},
    "border": {"color": "#2c3e50", "weight": 3, "dashArray": "12 4 2 4"},
    "country": {"color": "#9aa5ad", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 1},
}
POINT_STYLE = {
    "city": {"color": "#34495e", "fillColor": "#ffffff", "radius": 5},
    "seaport": {"color": "#0e6655", "fillColor": "#48c9b0", "radius": 6},
    "rail_station": {"color": "#7b241c", "fillColor": "#f1948a", "radius": 6},
    "border_crossing": {"color": "#17202a", "fillColor": "#f4d03f", "radius": 7},
    "dry_port": {"color": "#4a235a", "fillColor": "#bb8fce", "radius": 8},
    "economic_zone": {"color": "#4a235a", "fillColor": "#d7bde2", "radius": 13},
    "compressor_station": {"color": "#145a32", "fillColor": "#82e0aa", "radius": 5},
    "pump_station": {"color": "#17202a", "fillColor": "#aab7b8", "radius": 5},
    "power_plant": {"color": "#7d6608", "fillColor": "#f7dc6f", "radius": 7},
    "annotation": {"color": "#6e2c00", "fillColor": "#f5cba7", "radius": 6},
}
KIND_LABEL = {
    "gas_pipeline": "gas pipeline",
    "oil_pipeline": "oil pipeline",
    "railway": "railway",
    "road": "road",
    "ferry": "ferry",
    "sea_route": "sea route",
    "border": "border",
    "border_crossing": "border crossing",
    "dry_port": "dry port",
    "economic_zone": "economic zone",
    "seaport": "sea port",
    "rail_station": "rail station",
    "city": "city",
    "compressor_station": "compressor station",
    "pump_station": "pump station / terminal",
    "power_plant": "power plant",
    "country": "country",
    "annotation": "note",
    "railway_network": "railway network (context)",
}
#: Routes whose stretches between cited waypoints are either drawn from a network or
#: straight chords; the chords are drawn as schematic (`schematic_style`).
SCHEMATIC_KINDS = measure.NETWORK_DRAWN_KINDS
#: How a schematic stretch differs from a drawn one: dashed, thinner, paler.
SCHEMATIC_DASH = "5 7"
#: How a line or place not built on the data's as-of date is drawn: dashed and lighter.
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


def esc(value: Any) -> str:
    """HTML-escape any value for a popup or tooltip (quotes included)."""
    return html.escape(str(value), quote=True)


def link(url: Any, text: Any) -> str:
    """An escaped link that opens in a new tab, or plain escaped text if not http(s)."""
    if isinstance(url, str) and _HTTP.match(url):
        return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str | list | dict) and not value)


def _items(row: Mapping[str, Any], field: str) -> list[Any]:
    value = row.get(field)
    return value if isinstance(value, list) else []


def line_style(row: Mapping[str, Any], *, scheme: str) -> dict[str, Any]:
    """Leaflet path options for a line feature under a map's colour scheme."""
    kind = row["kind"]
    if scheme == "status" and kind in ("gas_pipeline", "oil_pipeline"):
        style: dict[str, Any] = {
            "color": STATUS_COLOR.get(row.get("status"), "#555555"),
            "weight": capacity_weight(row),
        }
        if kind == "oil_pipeline":
            style["dashArray"] = "14 4 3 4"
    elif _present(row.get("mode")) and row.get("corridor") == "northern":
        style = dict(NORTHERN_STYLE)
    elif _present(row.get("mode")):
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


def drawn_summary(row: Mapping[str, Any]) -> str | None:
    """How much of a route follows a network and how much is schematic, as one line."""
    if row.get("kind") not in SCHEMATIC_KINDS or not isinstance(row.get("waypoints"), list):
        return None
    table = measure.stretch_lengths(row)
    total = float(table["length_km"].sum())
    if table.empty or total <= 0:
        return None
    chords = table[table["method"] == "chord"]
    straight = int(table["straight_edges"].sum())
    schematic = float(table["schematic_km"].sum())
    if chords.empty and not straight:
        return "100 % along the OpenStreetMap-derived network (ODbL) between cited places"
    share = 100 * schematic / total
    if len(chords) == len(table):
        return (
            f"schematic throughout: {len(table)} straight chord(s) between cited places "
            f"({fmt.km(schematic)} km)"
        )
    parts = []
    if len(chords):
        parts.append(
            f"{len(chords)} of {len(table)} stretches are straight chords between cited "
            f"places ({fmt.km(float(chords['schematic_km'].sum()))} km)"
        )
    if straight:
        edges_km = float(table.loc[table["method"] == "network", "schematic_km"].sum())
        parts.append(
            f"{straight} straight edge{'s' if straight != 1 else ''} of the network over "
            f"{measure.STRAIGHT_EDGE_KM:g} km, where OpenStreetMap was simplified "
            f"({fmt.km(edges_km)} km)"
        )
    return (
        f"{100 - share:.0f} % along the OpenStreetMap-derived network (ODbL); {share:.0f} % "
        f"schematic (dashed): {'; '.join(parts)}"
    )


def capacity_weight(row: Mapping[str, Any]) -> float:
    """Line width (px) from capacity: 2 px + 0.25 px per bcm/yr or Mt/yr, 3 px if unknown."""
    capacity = row.get("capacity")
    if isinstance(capacity, dict) and isinstance(capacity.get("value"), int | float):
        return round(2 + 0.25 * float(capacity["value"]), 1)
    return 3.0


def point_style(row: Mapping[str, Any]) -> dict[str, Any]:
    """Leaflet circle-marker options for a point feature."""
    style = dict(POINT_STYLE.get(row["kind"], {"color": "#333", "fillColor": "#ccc", "radius": 5}))
    style.update({"weight": 2, "fillOpacity": 0.95, "opacity": 1})
    if not_built(row):
        style.update({"dashArray": "2 3", "fillOpacity": 0.3, "opacity": 0.7})
    return style


@dataclass(frozen=True)
class PopupRow:
    """One row of a layer's popup template, filled in the browser from a feature's view.

    Parameters
    ----------
    label
        The row's heading (items of a ``sourced`` row may bring their own).
    field
        The key of the feature's view (see `popup_view`) the row shows; a feature
        without it (or with an empty value) shows no row.
    format
        How the browser lays the value out (``corridors.FORMATS`` in the page script):
        ``text`` (a string), ``list`` (strings joined by commas), ``lines`` (strings
        one per line), ``km`` (a formatted length and the row's `note`), ``published``
        (``[km, span]`` and the feature's ``vs``), ``noted`` (``[text, note]``) or
        ``sourced`` (``[[label, text, source title, source url], ...]``, one row each).
    note
        A fixed note the ``km`` format adds after the value (written once per page).
    """

    label: str
    field: str
    format: str = "text"
    note: str = ""

    def to_json(self) -> dict[str, str]:
        """The row as the page script reads it."""
        return {"label": self.label, "field": self.field, "format": self.format, "note": self.note}


#: The popup every layer uses unless a map passes its own rows: all facts with units,
#: computed against published length, sources as links. A new row is one entry here
#: and one key in `popup_view` (e.g. how each stretch of a route was drawn).
POPUP_ROWS: tuple[PopupRow, ...] = (
    PopupRow(
        "Length (computed)",
        "km",
        "km",
        note="geodesic, WGS 84, along the drawn line; computed by corridors",
    ),
    PopupRow("Length (published)", "published", "published"),
    PopupRow("Why they differ", "length_note"),
    PopupRow("Other published length", "alternatives", "sourced"),
    PopupRow("By country (computed)", "split", "lines"),
    PopupRow("Capacity", "capacity", "noted"),
    PopupRow("Opened", "opened"),
    PopupRow("Operator", "operator"),
    PopupRow("Role", "role"),
    PopupRow("Line", "line"),
    PopupRow("Diameter", "diameter"),
    PopupRow("", "other_facts", "sourced"),
    PopupRow("Countries", "countries", "list"),
    PopupRow("About", "description"),
    PopupRow("Drawn", "drawn"),
    PopupRow("Drawn through", "waypoints"),
    PopupRow("Geometry", "geometry_method"),
)

#: View keys that belong to one feature only; every other key may be shared by
#: several features of a layer and is then written once (see `feature_collection`).
OWN_KEYS = ("id", "name", "km", "vs", "split", "drawn")


def _source(src: Any) -> tuple[str, str]:
    src = src if isinstance(src, dict) else {}
    return str(src.get("title") or "source"), str(src.get("url") or "")


def _split_lines(row: Mapping[str, Any], split: pd.DataFrame) -> list[str]:
    """Per-country lengths, computed and (where published) published, one line each."""
    per_pub = row.get("published_country_km")
    per_pub = per_pub if isinstance(per_pub, dict) else {}
    lines = []
    for name, country, km in zip(split["name"], split["country"], split["length_km"], strict=True):
        pub = per_pub.get(country)
        extra = f" / published {fmt.km(pub)}" if pub else ""
        lines.append(f"{name}: {fmt.km_computed(km, decimals=0)} km{extra}")
    drawn = set(split["country"])
    lines += [
        f"{k}: published {fmt.km(v)} km, not drawn" for k, v in per_pub.items() if k not in drawn
    ]
    return lines


def popup_view(
    row: Mapping[str, Any], *, computed_km: float | None, split: pd.DataFrame | None
) -> dict[str, Any]:
    """What a feature's popup and tooltip show, as plain (unescaped) text and lists.

    Figures are formatted here by `corridors.fmt`, the formatter the CLI and the
    panels use; the browser only places the text (as text nodes: no escaping
    here, none needed there). Keys are those of `POPUP_ROWS` plus ``id``,
    ``name``, ``kind_line`` (kind · status · mode), ``vs`` (computed against
    published) and ``sources`` (``[title, url, supports]`` each).
    """
    return {**facts_view(row), **own_view(row, computed_km=computed_km, split=split)}


def own_view(
    row: Mapping[str, Any], *, computed_km: float | None, split: pd.DataFrame | None
) -> dict[str, Any]:
    """The part of `popup_view` that is the feature's own (`OWN_KEYS`)."""
    view: dict[str, Any] = {"id": row["id"], "name": str(row["name"])}
    if computed_km is not None:
        view["km"] = fmt.km_computed(computed_km)
        published = row.get("published_length_km")
        if computed_km and _present(published):
            view["vs"] = fmt.difference(computed_km, published)
    if split is not None and not split.empty:
        view["split"] = _split_lines(row, split)
    drawn = drawn_summary(row) if computed_km is not None else None
    if drawn:
        view["drawn"] = drawn
    return view


def facts_view(row: Mapping[str, Any]) -> dict[str, Any]:
    """The part of `popup_view` that several features may share (facts and sources)."""
    view: dict[str, Any] = {}
    kind_line = [KIND_LABEL.get(row["kind"], row["kind"])]
    if _present(row.get("status")):
        kind_line.append(str(row["status"]).replace("_", " "))
    if _present(row.get("mode")):
        kind_line.append(MODE_STYLE.get(row["mode"], {}).get("label", row["mode"]))
    view["kind_line"] = " · ".join(kind_line)
    published = row.get("published_length_km")
    if _present(published):
        span = row.get("length_span")
        view["published"] = [fmt.km(published), str(span) if _present(span) else ""]
    for field in ("length_note", "opened", "operator", "role", "line", "description"):
        if _present(row.get(field)):
            view[field] = str(row[field])
    alternatives = [
        ["", f"{fmt.km(alt['value_km'])} km ({alt.get('span', '')})", *_source(alt.get("source"))]
        for alt in _items(row, "published_length_alternatives")
    ]
    if alternatives:
        view["alternatives"] = alternatives
    if _present(row.get("capacity")):
        cap = row["capacity"]
        view["capacity"] = [f"{fmt.number(cap['value'])} {cap['unit']}", cap.get("note") or ""]
    if _present(row.get("diameter_mm")):
        view["diameter"] = f"{fmt.number(row['diameter_mm'])} mm"
    other = []
    for fact in _items(row, "other_facts"):
        value = fact["value"]
        text = fmt.number(value) if isinstance(value, int | float) else str(value)
        unit = f" {fact['unit']}" if fact.get("unit") else ""
        other.append([str(fact["label"]), f"{text}{unit}", *_source(fact.get("source"))])
    if other:
        view["other_facts"] = other
    if _present(row.get("countries")):
        view["countries"] = [str(c) for c in row["countries"]]
    waypoints = row.get("waypoints")
    if _present(waypoints):
        names = ", ".join(w["name"] for w in waypoints)
        view["waypoints"] = f"{len(waypoints)} cited waypoints: {names}"
    if _present(row.get("geometry_method")):
        view["geometry_method"] = str(row["geometry_method"])
    view["sources"] = [
        [str(s.get("title")), str(s.get("url") or ""), ", ".join(s.get("supports") or [])]
        for s in _items(row, "sources")
    ]
    return view


#: Nesting depth of the coordinate counts ``n`` of a packed geometry, by shapely type id.
_PACKED_TYPES = {
    0: "Point",
    1: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
}


def _counts(geom: Any, type_id: int) -> Any:
    """How many vertices each part and ring of a geometry has, nested like its coordinates."""
    if type_id in (1, 4):  # LineString, MultiPoint
        return int(shapely.get_num_coordinates(geom))
    if type_id == 3:  # Polygon: exterior, then holes
        rings = [geom.exterior, *geom.interiors]
        return [len(ring.coords) for ring in rings]
    parts = shapely.get_parts(geom)
    return [_counts(part, 1 if type_id == 5 else 3) for part in parts]


def pack_geometries(geometries: Any) -> tuple[str, list[str]]:
    """All vertices of a layer as one base64 string, and each feature's geometry skeleton.

    Coordinates are rounded to `COORD_DECIMALS` and written as little-endian int32
    (lon, lat) × 10^COORD_DECIMALS, in shapely's order (parts, then rings, then
    vertices): 8 bytes a vertex before base64 instead of about 20 characters of JSON
    text, and no float formatting in Python. Each skeleton is a GeoJSON geometry
    without its coordinates: its ``type`` and ``n``, the vertex count of the line
    or of each ring and part. The page script (``corridors.layer``) rebuilds the
    coordinates before Leaflet reads the layer.

    Raises
    ------
    ValueError
        For a geometry type a map layer cannot hold (a GeometryCollection).
    """
    types = shapely.get_type_id(geometries)
    unknown = sorted({int(t) for t in types} - set(_PACKED_TYPES))
    if unknown:
        msg = (
            f"map layers hold Points, Lines and Polygons (single or multi), got shapely type "
            f"id {unknown[0]}; explode GeometryCollections first."
        )
        raise ValueError(msg)
    coords = shapely.get_coordinates(geometries)
    scaled = coords * 10**COORD_DECIMALS
    # Half away from zero, as GEOS's set_precision rounds (np.round would round half to even).
    ints = np.trunc(scaled + np.copysign(0.5, scaled)).astype("<i4")
    packed = base64.b64encode(ints.tobytes()).decode("ascii")
    skeletons = []
    for geom, type_id in zip(np.asarray(geometries), types, strict=True):
        name = _PACKED_TYPES[int(type_id)]
        if type_id == 0:
            skeletons.append(f'{{"type":"{name}"}}')
        else:
            counts = json.dumps(_counts(geom, int(type_id)), separators=(",", ":"))
            skeletons.append(f'{{"type":"{name}","n":{counts}}}')
    return packed, skeletons


def _frozen(value: Any, seen: dict[int, str]) -> Any:
    """A hashable stand-in for a property value (lists and dicts as JSON, NaN as None).

    `seen` maps the id of a list or dict already frozen to its JSON (rows often share
    one object); it must only live while the values do.
    """
    if isinstance(value, list | dict):
        key = id(value)
        if key not in seen:
            seen[key] = json.dumps(value, sort_keys=True, default=str)
        return seen[key]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")


def script_safe(text: str) -> str:
    """JSON text made safe inside a <script> element of a folium page (see `safe_json`)."""
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _JINJA_OPENERS.sub(r"\\u007b", text)


def safe_json(data: Any) -> str:
    """JSON that is safe inside a <script> element of a folium page.

    No '<', '>' or '&' is left raw (no ``</script>`` or markup from data), and no
    Jinja opener (``{{``, ``{%``, ``{#``): folium's page builder renders the
    assembled script as a Jinja template once more, so data text like
    ``{{ 7*7 }}`` would otherwise be evaluated at build time. JSON structure
    never writes those pairs; inside strings the brace becomes ``\\u007b``.
    """
    return script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True))


#: One encoder for the many small objects of `feature_collection` (made safe as a whole).
_compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def feature_collection(
    gdf: gpd.GeoDataFrame,
    *,
    scheme: str = "mode",
    popups: bool = True,
    split_countries: Callable[[Mapping[str, Any]], pd.DataFrame | None] | None = None,
) -> str:
    """The layer's data sent to the page: geometry, style and each feature's popup view.

    A JSON object, script-safe (see `safe_json`), with

    - ``features``: GeoJSON Features whose geometry is a skeleton (type and vertex
      counts, see `pack_geometries`) and whose properties hold what is the feature's
      own (`OWN_KEYS`: ``id``, ``name``, computed length, per-country split) and
      ``b``, the index of its *bundle*;
    - ``bundles``: style and facts (`facts_view`), each written once for every
      feature that shares it;
    - ``coords``: every vertex, packed (`pack_geometries`).

    The page script rebuilds GeoJSON from it, and popups and tooltips from the
    views with the layer's template (`GeoJsonLayer`).
    """
    geometries = gdf.geometry.values
    # Lengths only feed popups and tooltips; a layer without them skips the work.
    lengths = measure.geodesic_lengths(geometries) / 1000 if popups else np.full(len(gdf), np.nan)
    types = shapely.get_type_id(geometries)
    # Plain lists, column by column: much faster than DataFrame.to_dict("records").
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    values = [gdf[c].tolist() for c in columns]
    facts_columns = [i for i, c in enumerate(columns) if c not in ("id", "name")]
    bundles: dict[str, int] = {}
    bundle_of: dict[tuple[Any, ...], int] = {}  # facts (frozen) and style -> bundle index
    seen: dict[int, str] = {}
    drawn: list[Any] = []  # what is packed: each feature's line, then the schematic parts
    owns: list[dict[str, Any]] = []
    for vals, geom, length, type_id in zip(
        zip(*values, strict=True), np.asarray(geometries), lengths, types, strict=True
    ):
        row = dict(zip(columns, vals, strict=True))
        row["geometry"] = geom
        is_line = type_id in (1, 5)  # LineString, MultiLineString
        facts_key = tuple(_frozen(vals[i], seen) for i in facts_columns)
        network, chords = drawn_parts(row) if is_line else (geom, None)
        view: dict[str, Any] | None = None
        for part, schematic, primary in (
            (network if network is not None else chords, network is None, True),
            (chords if network is not None else None, True, False),
        ):
            if part is None:
                continue
            key = (int(type_id), schematic, *facts_key)
            if key not in bundle_of:
                if type_id == 0:  # Point
                    style = point_style(row)
                elif row["kind"] == "country":
                    style = dict(KIND_STYLE["country"])
                else:
                    style = line_style(row, scheme=scheme)
                    if schematic and row.get("kind") in SCHEMATIC_KINDS:
                        style = schematic_style(style)
                view = view if view is not None else (facts_view(row) if popups else {})
                bundle = json.dumps(
                    {**view, "style": style},
                    ensure_ascii=False,
                    separators=(",", ":"),
                    sort_keys=True,
                )
                bundle_of[key] = bundles.setdefault(bundle, len(bundles))
            if popups:
                split = split_countries(row) if (split_countries and is_line) else None
                own = own_view(row, computed_km=float(length) if is_line else None, split=split)
            else:
                own = {"id": row["id"], "name": str(row["name"])}
            own["b"] = bundle_of[key]
            if not primary:
                own["part"] = "schematic"  # a second piece of the same route: not searched
            drawn.append(part)
            owns.append(own)
    packed, skeletons = pack_geometries(np.asarray(drawn, dtype=object))
    parts = [
        f'{{"type":"Feature","properties":{_compact_json(own)},"geometry":{skeleton}}}'
        for own, skeleton in zip(owns, skeletons, strict=True)
    ]
    # Made script-safe as a whole: JSON structure and base64 hold none of the characters
    # `script_safe` replaces, so this equals making each piece safe.
    return script_safe(
        '{"type":"FeatureCollection","bundles":['
        + ",".join(bundles)
        + '],"coords":"'
        + packed
        + '","features":['
        + ",".join(parts)
        + "]}"
    )


class GeoJsonLayer(Layer):
    """A Leaflet GeoJSON layer whose popups and tooltips the browser builds.

    Parameters
    ----------
    data
        The FeatureCollection text made by `feature_collection`.
    name
        The name shown in the layer control.
    overlay, show, control
        As for `folium.map.Layer`.
    searchable
        Whether the features are offered by the search box.
    popup
        The layer's popup template, written once in the page (default `POPUP_ROWS`);
        ``None`` for a layer without popups or tooltips (the basemap).
    attribution
        Credit shown in the map's attribution while the layer is on (project text,
        never data: it is HTML).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = corridors.layer({{ this.data_slot }}, {{ this.template_json }});
{% if this.searchable %}corridors.index({{ this.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        data: str,
        *,
        name: str,
        overlay: bool = True,
        show: bool = True,
        control: bool = True,
        searchable: bool = True,
        popup: Sequence[PopupRow] | None = POPUP_ROWS,
        attribution: str | None = None,
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "GeoJsonLayer"
        self.deferred_data = data
        self.searchable = searchable
        rows = None if popup is None else [row.to_json() for row in popup]
        template: dict[str, Any] = {"rows": rows, "decimals": COORD_DECIMALS}
        if attribution:
            template["attribution"] = attribution
        self.template_json = safe_json(template)

    @property
    def data_slot(self) -> str:
        """The placeholder the page carries until `render_html` pastes the data in.

        The data never passes through folium's Jinja rendering: that is faster for
        large layers and means no text in the data can be read as a template.
        """
        return f"{DATA_SLOT_PREFIX}{self.get_name()}__"


def bounds_of(frames: Iterable[gpd.GeoDataFrame]) -> list[list[float]]:
    """[[south, west], [north, east]] of the frames, in folium's (lat, lon) order."""
    boxes = np.array([f.total_bounds for f in frames if not f.empty])
    west, south = boxes[:, 0].min(), boxes[:, 1].min()
    east, north = boxes[:, 2].max(), boxes[:, 3].max()
    # folium/Leaflet take (lat, lon): the one place the order flips.
    return [[float(south), float(west)], [float(north), float(east)]]
