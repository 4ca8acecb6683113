"""Packing a layer's data for the page: coordinates as one base64 string, script-safe JSON.

`pack_geometries` writes every vertex as little-endian int32 (``corridors.unpack`` in
``static/controls.js`` rebuilds GeoJSON from it); `safe_json` and `script_safe` make
JSON text safe inside a ``<script>`` of a folium page.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import numpy as np
import shapely

#: Decimal places kept in map coordinates: 1e-5° is about 1 m.
COORD_DECIMALS = 5


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
