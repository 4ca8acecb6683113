"""Map layers: one GeoJSON layer element and the data it sends to the page.

`feature_collection` serialises a layer once: coordinates rounded to `COORD_DECIMALS`
and packed (`corridors.maps.packing`), styles (`corridors.maps.styles`) and popup
views (`corridors.maps.popups`) shared by several features written once. The panels
are Jinja2 templates with autoescaping (`corridors.maps.frontend`). The names of
those modules are also importable from here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.map import Layer
from jinja2 import Template

from corridors import measure
from corridors.maps.assets import DATA_SLOT_PREFIX
from corridors.maps.packing import (
    COORD_DECIMALS,
    pack_geometries,
    safe_json,
    script_safe,
)
from corridors.maps.popups import (
    KIND_LABEL,
    OWN_KEYS,
    POPUP_ROWS,
    PopupRow,
    drawn_summary,
    facts_view,
    own_view,
    popup_view,
)
from corridors.maps.styles import (
    KIND_STYLE,
    MODE_STYLE,
    NORTHERN_STYLE,
    OSM_ATTRIBUTION,
    POINT_STYLE,
    SCHEMATIC_KINDS,
    capacity_weight,
    drawn_parts,
    line_style,
    point_style,
    schematic_style,
)

__all__ = [
    "COORD_DECIMALS",
    "KIND_LABEL",
    "KIND_STYLE",
    "MODE_STYLE",
    "NORTHERN_STYLE",
    "OSM_ATTRIBUTION",
    "OWN_KEYS",
    "POINT_STYLE",
    "POPUP_ROWS",
    "SCHEMATIC_KINDS",
    "GeoJsonLayer",
    "PopupRow",
    "bounds_of",
    "capacity_weight",
    "drawn_parts",
    "drawn_summary",
    "facts_view",
    "feature_collection",
    "line_style",
    "own_view",
    "pack_geometries",
    "point_style",
    "popup_view",
    "safe_json",
    "schematic_style",
    "script_safe",
]


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
