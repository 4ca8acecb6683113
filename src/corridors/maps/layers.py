"""Map layers: styles, escaped popups and tooltips, and one GeoJSON layer element.

Every string that comes from the data is HTML-escaped here, in Python, before it
reaches the page; links are written only for http(s) URLs. The layer's GeoJSON
is serialised once, with coordinates rounded to `COORD_DECIMALS`.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.map import Layer
from jinja2 import Template

from corridors import measure
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
}


def esc(value: Any) -> str:
    """HTML-escape any value for a popup or tooltip (quotes included)."""
    return html.escape(str(value), quote=True)


def link(url: Any, text: Any) -> str:
    """An escaped link that opens in a new tab, or plain escaped text if not http(s)."""
    if isinstance(url, str) and _HTTP.match(url):
        return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def fmt_km(value: float) -> str:
    """1,833 or 1,782.75 (as published) or 1,796.7 (computed)."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


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
        if row.get("status") in ("planned", "proposed"):
            style["dashArray"] = "10 8"
    elif _present(row.get("mode")) and row.get("corridor") == "northern":
        style = dict(NORTHERN_STYLE)
    elif _present(row.get("mode")):
        style = dict(MODE_STYLE[row["mode"]])
    else:
        style = dict(KIND_STYLE.get(kind, {"color": "#555555", "weight": 3}))
        if kind in ("gas_pipeline", "oil_pipeline") and row.get("status") in (
            "planned",
            "proposed",
        ):
            style["dashArray"] = "10 8"
    style.pop("label", None)
    style["opacity"] = 0.9
    return style


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
    return style


def popup_html(
    row: Mapping[str, Any], *, computed_km: float | None, split: pd.DataFrame | None
) -> str:
    """All facts of a feature as escaped HTML: lengths, facts with units, sources as links."""
    rows: list[tuple[str, str]] = []
    kind = KIND_LABEL.get(row["kind"], row["kind"])
    status = row.get("status")
    head = f"<h4>{esc(row['name'])}</h4><div class='c-kind'>{esc(kind)}"
    if _present(status):
        head += f" · {esc(str(status).replace('_', ' '))}"
    if _present(row.get("mode")):
        head += f" · {esc(MODE_STYLE.get(row['mode'], {}).get('label', row['mode']))}"
    head += "</div>"
    published = row.get("published_length_km")
    if computed_km is not None:
        rows.append(
            (
                "Length (computed)",
                f"{fmt_km(round(computed_km, 1))} km <span class='c-note'>geodesic, WGS 84, "
                "along the drawn line; computed by corridors</span>",
            )
        )
    if _present(published):
        diff = (computed_km - published) / published * 100 if computed_km else None
        text = f"{fmt_km(published)} km <span class='c-note'>({esc(row.get('length_span'))})</span>"
        if diff is not None:
            text += f"<br>drawn line: {diff:+.1f} % against it"
        rows.append(("Length (published)", text))
    if _present(row.get("length_note")):
        rows.append(("Why they differ", esc(row["length_note"])))
    for alt in _items(row, "published_length_alternatives"):
        src = alt.get("source") or {}
        rows.append(
            (
                "Other published length",
                f"{fmt_km(alt['value_km'])} km ({esc(alt.get('span', ''))}) – "
                f"{link(src.get('url'), src.get('title', 'source'))}",
            )
        )
    if split is not None and not split.empty:
        per_pub = row.get("published_country_km")
        per_pub = per_pub if isinstance(per_pub, dict) else {}
        cells = []
        for _, part in split.iterrows():
            pub = per_pub.get(part["country"])
            extra = f" / published {fmt_km(pub)}" if pub else ""
            cells.append(f"{esc(part['name'])}: {part['length_km']:,.0f} km{extra}")
        missing = [
            f"{esc(k)}: published {fmt_km(v)} km, not drawn"
            for k, v in per_pub.items()
            if k not in set(split["country"])
        ]
        rows.append(("By country (computed)", "<br>".join(cells + missing)))
    if _present(row.get("capacity")):
        cap = row["capacity"]
        note = f" <span class='c-note'>({esc(cap['note'])})</span>" if cap.get("note") else ""
        rows.append(("Capacity", f"{cap['value']:,} {esc(cap['unit'])}{note}"))
    for field, label in (
        ("opened", "Opened"),
        ("operator", "Operator"),
        ("role", "Role"),
        ("line", "Line"),
    ):
        if _present(row.get(field)):
            rows.append((label, esc(row[field])))
    if _present(row.get("diameter_mm")):
        rows.append(("Diameter", f"{row['diameter_mm']:,} mm"))
    for fact in _items(row, "other_facts"):
        unit = f" {esc(fact['unit'])}" if fact.get("unit") else ""
        value = (
            f"{fact['value']:,}" if isinstance(fact["value"], int | float) else esc(fact["value"])
        )
        src = fact.get("source") or {}
        rows.append(
            (
                esc(fact["label"]),
                f"{value}{unit} – {link(src.get('url'), src.get('title', 'source'))}",
            )
        )
    if _present(row.get("countries")):
        rows.append(("Countries", esc(", ".join(row["countries"]))))
    if _present(row.get("description")):
        rows.append(("About", esc(row["description"])))
    waypoints = row.get("waypoints")
    if _present(waypoints):
        names = ", ".join(w["name"] for w in waypoints)
        rows.append(("Drawn through", f"{len(waypoints)} cited waypoints: {esc(names)}"))
    if _present(row.get("geometry_method")):
        rows.append(("Geometry", esc(row["geometry_method"])))
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    sources = "".join(
        f"<li>{link(s.get('url'), s.get('title'))}"
        + (
            f" <span class='c-note'>({esc(', '.join(s['supports']))})</span>"
            if s.get("supports")
            else ""
        )
        + "</li>"
        for s in row["sources"]
    )
    return (
        f"<div class='c-popup'>{head}<table>{body}</table>"
        f"<div class='c-sources'><b>Sources</b><ol>{sources}</ol></div></div>"
    )


def tooltip_html(row: Mapping[str, Any], computed_km: float | None) -> str:
    """Name, and the computed length for lines."""
    text = esc(row["name"])
    if computed_km is not None:
        text += f" – {fmt_km(round(computed_km, 1))} km"
    return text


def _round_geometry(geom: Any) -> Any:
    return shapely.set_precision(geom, 10**-COORD_DECIMALS, mode="pointwise")


_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")


def safe_json(data: Any) -> str:
    """JSON that is safe inside a <script> element of a folium page.

    No '<', '>' or '&' is left raw (no ``</script>`` or markup from data), and no
    Jinja opener (``{{``, ``{%``, ``{#``): folium's page builder renders the
    assembled script as a Jinja template once more, so data text like
    ``{{ 7*7 }}`` would otherwise be evaluated at build time. JSON structure
    never writes those pairs; inside strings the brace becomes ``\\u007b``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _JINJA_OPENERS.sub(r"\\u007b", text)


def feature_collection(
    gdf: gpd.GeoDataFrame,
    *,
    scheme: str = "mode",
    popups: bool = True,
    split_countries: Callable[[Mapping[str, Any]], pd.DataFrame | None] | None = None,
) -> str:
    """The GeoJSON text sent to the page: geometry, style, popup, tooltip, id and name.

    Serialised once, script-safe (see `safe_json`); geometries are written by
    `shapely.to_geojson` at `COORD_DECIMALS` and pasted in as they are. Rows are
    read as plain dicts (``row["geometry"]`` included) for the style and popup code.
    """
    geometries = gdf.geometry.values
    # Lengths only feed popups and tooltips; a layer without them skips the work.
    lengths = measure.geodesic_lengths(geometries) / 1000 if popups else np.full(len(gdf), np.nan)
    geoms = shapely.to_geojson(_round_geometry(geometries))
    types = shapely.get_type_id(geometries)
    records = gdf.to_dict("records")
    parts = []
    for row, length, geom, type_id in zip(records, lengths, geoms, types, strict=True):
        is_line = type_id in (1, 5)  # LineString, MultiLineString
        km = float(length) if is_line else None
        props: dict[str, Any] = {"id": row["id"], "name": row["name"]}
        if type_id == 0:  # Point
            props["style"] = point_style(row)
        elif row["kind"] == "country":
            props["style"] = dict(KIND_STYLE["country"])
        else:
            props["style"] = line_style(row, scheme=scheme)
        props["style"]["className"] = f"f-{row['id']}"
        if popups:
            split = split_countries(row) if (split_countries and is_line) else None
            props["popup"] = popup_html(row, computed_km=km, split=split)
            props["tooltip"] = tooltip_html(row, km)
        # shapely writes only numbers and type names: nothing to escape there.
        parts.append(f'{{"type":"Feature","properties":{safe_json(props)},"geometry":{geom}}}')
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


class GeoJsonLayer(Layer):
    """A Leaflet GeoJSON layer whose features carry their own style, popup and tooltip.

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
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({{ this.data_slot }}, {
    style: function (f) { return f.properties.style; },
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, f.properties.style); },
    onEachFeature: corridors.bind,
    bubblingMouseEvents: false
});
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
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "GeoJsonLayer"
        self.deferred_data = data
        self.searchable = searchable

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
