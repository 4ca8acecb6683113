"""A small SVG picture of a named map, drawn from the map's own layers without a browser.

`picture` reads a built map (an `AtlasMap`): the view it fits, and the data and
styles of every GeoJSON layer shown when the map opens (the basemap first, the
overlays in their order). It projects them to Web Mercator, as Leaflet does,
simplifies and clips them to the picture, and writes one SVG with the same
colours, widths and dashes as the map, scaled down. No Chromium: ``make maps``
stays browser-free, and the pictures are byte-for-byte the same for the same data.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from folium.map import FitBounds

from corridors.maps import basemap
from corridors.maps.assets import AtlasMap, _walk
from corridors.maps.frontend import esc
from corridors.maps.layers import GeoJsonLayer
from corridors.maps.packing import COORD_DECIMALS
from corridors.maps.view import FitView

#: Picture size in SVG pixels (16:10, shown scaled to the width of its card).
WIDTH, HEIGHT = 640, 400
#: Line widths and dashes scale by this (the map at about half its laptop size).
LINE_SCALE = 0.6
#: Point markers scale by this (as the maps shrink them when zoomed out).
POINT_SCALE = 0.55
#: The sea, as the maps' background (controls.py, ``.leaflet-container``).
SEA = "#cfe3ee"
#: Simplification tolerance in picture pixels.
TOLERANCE_PX = 0.35
_MAX_LAT = 85.0511287798


def _mercator(lonlat: np.ndarray) -> np.ndarray:
    """Web Mercator in units of the world's width (x 0..1 east, y 0..1 south)."""
    lon = lonlat[:, 0]
    lat = np.radians(np.clip(lonlat[:, 1], -_MAX_LAT, _MAX_LAT))
    x = (lon + 180.0) / 360.0
    y = (1.0 - np.log(np.tan(np.pi / 4 + lat / 2)) / np.pi) / 2.0
    return np.column_stack([x, y])


#: shapely's type of each packed geometry type (`pack_geometries`).
_RAGGED = {
    "Point": shapely.GeometryType.POINT,
    "LineString": shapely.GeometryType.LINESTRING,
    "MultiPoint": shapely.GeometryType.MULTIPOINT,
    "MultiLineString": shapely.GeometryType.MULTILINESTRING,
    "Polygon": shapely.GeometryType.POLYGON,
    "MultiPolygon": shapely.GeometryType.MULTIPOLYGON,
}


def _unpack(data: Mapping[str, Any]) -> tuple[list[Any], list[dict[str, Any]]]:
    """Shapely geometries and bundle styles of a layer's data (`feature_collection`).

    The geometries of each type are made in one call from the packed vertices and
    the skeletons' counts (`shapely.from_ragged_array`), not ring by ring.
    """
    raw = base64.b64decode(data.get("coords", ""))
    coords = np.frombuffer(raw, dtype="<i4").reshape(-1, 2) / 10**COORD_DECIMALS
    features = data["features"]
    # Per feature: its type, and its counts as nested lists (parts, then rings).
    kinds = [f["geometry"]["type"] for f in features]
    nested = [f["geometry"].get("n", 1) for f in features]
    sizes = [_total(n) for n in nested]
    starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
    geoms: list[Any] = [None] * len(features)
    for kind in dict.fromkeys(kinds):
        which = [i for i, k in enumerate(kinds) if k == kind]
        part = np.concatenate([coords[starts[i] : starts[i + 1]] for i in which])
        made = shapely.from_ragged_array(
            _RAGGED[kind], part, _offsets(kind, [nested[i] for i in which])
        )
        for i, geom in zip(which, made, strict=True):
            geoms[i] = geom
    bundles = data.get("bundles", [])
    styles = [bundles[f["properties"]["b"]].get("style", {}) for f in features]
    return geoms, styles


def _total(counts: Any) -> int:
    """How many vertices nested counts add up to."""
    return counts if isinstance(counts, int) else sum(_total(c) for c in counts)


def _offsets(kind: str, counts: list[Any]) -> tuple[np.ndarray, ...] | None:
    """`shapely.from_ragged_array`'s offsets for geometries of one type."""

    def offsets(sizes: list[int]) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])

    if kind == "Point":
        return None
    if kind in ("LineString", "MultiPoint"):
        return (offsets(counts),)
    if kind in ("MultiLineString", "Polygon"):  # lines (rings) per geometry
        return offsets([k for n in counts for k in n]), offsets([len(n) for n in counts])
    rings = [k for n in counts for polygon in n for k in polygon]  # MultiPolygon
    per_polygon = [len(polygon) for n in counts for polygon in n]
    return offsets(rings), offsets(per_polygon), offsets([len(n) for n in counts])


class _View:
    """The picture's window: a lon/lat box fitted into WIDTH x HEIGHT, in Mercator."""

    def __init__(self, bounds: Sequence[Sequence[float]], *, pad: float = 0.04) -> None:
        (south, west), (north, east) = bounds
        corners = _mercator(np.array([[west, north], [east, south]], dtype=float))
        (x0, y0), (x1, y1) = corners
        span = max((x1 - x0) / WIDTH, (y1 - y0) / HEIGHT, 1e-9) * (1 + 2 * pad)
        self.scale = 1.0 / span
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2

    def project(self, lonlat: np.ndarray) -> np.ndarray:
        merc = _mercator(lonlat)
        return np.column_stack(
            [
                (merc[:, 0] - self.cx) * self.scale + WIDTH / 2,
                (merc[:, 1] - self.cy) * self.scale + HEIGHT / 2,
            ]
        )


def _path_d(geom: Any) -> str:
    """SVG path data of a projected (Multi)LineString or (Multi)Polygon."""
    parts = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
            parts += [_ring(np.asarray(r.coords), close=True) for r in rings]
        elif part.geom_type == "LineString" and not part.is_empty:
            parts.append(_ring(np.asarray(part.coords), close=False))
    return "".join(p for p in parts if p)


def _ring(xy: np.ndarray, *, close: bool) -> str:
    if len(xy) < 2:
        return ""
    # One flat list of Python floats: "x y x y ...", formatted as "{:g}" each.
    text = " ".join(map("{:g}".format, np.round(xy, 1).ravel().tolist()))
    return f"M{text}{'Z' if close else ''}"


def _dash(style: Mapping[str, Any]) -> str:
    dash = style.get("dashArray")
    if not dash:
        return ""
    numbers = [float(v) for v in str(dash).replace(",", " ").split()]
    scaled = " ".join(f"{max(0.5, v * LINE_SCALE):g}" for v in numbers)
    return f' stroke-dasharray="{scaled}"'


def _stroke(style: Mapping[str, Any]) -> str:
    width = max(0.4, float(style.get("weight", 3)) * LINE_SCALE)
    return (
        f' stroke="{esc(style.get("color", "#3388ff"))}" stroke-width="{width:g}"'
        f' stroke-opacity="{float(style.get("opacity", 1)):g}"{_dash(style)}'
    )


def _shapes(view: _View, geoms: list[Any], styles: list[dict[str, Any]]) -> Iterator[str]:
    """SVG elements of one layer: paths grouped by style, then point markers.

    Lines and areas are projected, tested against the window, simplified and clipped
    all at once (each step works shape by shape, so the result is the same as one
    shape at a time); the loop only writes them out.
    """
    window = shapely.box(-20, -20, WIDTH + 20, HEIGHT + 20)
    shapes = np.empty(len(geoms), dtype=object)
    shapes[:] = geoms
    pointlike = np.isin(shapely.get_type_id(shapes), (0, 4))  # Point, MultiPoint
    drawn = np.full(len(shapes), None, dtype=object)
    lines = np.flatnonzero(~pointlike)
    projected = shapely.transform(shapes[lines], view.project)
    seen = shapely.intersects(projected, window)
    inside, projected = lines[seen], projected[seen]
    drawn[inside] = shapely.clip_by_rect(shapely.simplify(projected, TOLERANCE_PX), *window.bounds)
    paths: dict[str, list[str]] = {}
    points: list[str] = []
    for geom, style, is_point, shape in zip(geoms, styles, pointlike, drawn, strict=True):
        if is_point:
            for x, y in view.project(shapely.get_coordinates(geom)):
                if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
                    continue
                r = max(1.5, float(style.get("radius", 5)) * POINT_SCALE)
                points.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}"'
                    f' fill="{esc(style.get("fillColor", style.get("color", "#3388ff")))}"'
                    f' fill-opacity="{float(style.get("fillOpacity", 0.2)):g}"'
                    f"{_stroke({**style, 'weight': min(float(style.get('weight', 2)), 2)})}/>"
                )
            continue
        if shape is None:  # outside the picture
            continue
        d = _path_d(shape)
        if not d:
            continue
        polygon = geom.geom_type in ("Polygon", "MultiPolygon")
        if polygon:
            fill = (
                f' fill="{esc(style.get("fillColor", style.get("color", "#3388ff")))}"'
                f' fill-opacity="{float(style.get("fillOpacity", 0.2)):g}" fill-rule="evenodd"'
            )
        else:
            fill = ' fill="none"'
        attrs = fill + _stroke(style)
        paths.setdefault(attrs, []).append(d)
        if isinstance(style.get("core"), dict):  # schematic: hollow, as the map draws it
            core = {**style, **style["core"]}
            paths.setdefault(' fill="none"' + _stroke(core), []).append(d)
    for attrs, ds in paths.items():
        yield f'<path d="{"".join(ds)}"{attrs}/>'
    yield from points


def picture(m: AtlasMap, *, title: str) -> str:
    """An SVG picture of a built map: the layers shown when it opens, in its fitted view.

    Parameters
    ----------
    m
        A map from `corridors.maps.build` (its GeoJSON layers and its opening view, or
        its ``picture_view``, are read; other elements, such as chainage markers,
        are left out).
    title
        The picture's accessible title.
    """
    elements = list(_walk(m))
    # The opening view (FitView; folium's FitBounds in maps made without AtlasMap).
    fits = [e for e in elements if isinstance(e, FitBounds | FitView)]
    # Only the layers shown when the map opens are drawn (and decoded).
    layers = [e for e in elements if isinstance(e, GeoJsonLayer) and e.show]
    decoded = [(layer, json.loads(layer.deferred_data)) for layer in layers]
    bounds: Sequence[Sequence[float]]
    if m.picture_view is not None:  # the map's own choice (its subject is wider)
        bounds = m.picture_view
    elif fits:
        bounds = fits[-1].bounds
    else:  # no fitted view: every shown overlay
        boxes = [shapely.total_bounds(_unpack(data)[0]) for layer, data in decoded if layer.overlay]
        b = np.array(boxes) if boxes else np.array([[-180.0, -60.0, 180.0, 75.0]])
        bounds = [[b[:, 1].min(), b[:, 0].min()], [b[:, 3].max(), b[:, 2].max()]]
    view = _View(bounds)
    body: list[str] = []
    credits = False
    # The basemap's countries first, then base layers, then overlays in map order.
    countries = basemap.countries_data(m)
    if countries is not None:
        geoms, styles = _unpack(json.loads(countries))
        body.extend(_shapes(view, geoms, styles))
    for layer, data in sorted(decoded, key=lambda item: item[0].overlay):
        geoms, styles = _unpack(data)
        body.extend(_shapes(view, geoms, styles))
        credits = credits or "attribution" in json.loads(layer.template_json)
    credit = (
        f'<text x="{WIDTH - 5}" y="{HEIGHT - 6}" text-anchor="end" font-size="12" '
        'font-family="system-ui,sans-serif" fill="#333">© OpenStreetMap contributors'
        "</text>"
        if credits
        else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" stroke-linecap="round" stroke-linejoin="round">'
        f"<title>{esc(title)}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{SEA}"/>'
        + "".join(body)
        + credit
        + "</svg>\n"
    )


def scale_note() -> str:
    """How the pictures relate to the maps (for the index page)."""
    return (
        f"Pictures drawn at build time from each map's layers (Web Mercator, lines at "
        f"{math.floor(LINE_SCALE * 100)} % of their width on the map); open the map for detail."
    )
