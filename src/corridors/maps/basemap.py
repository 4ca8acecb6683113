"""The offline basemap: relief, water, boundaries, rivers and place names; tiles on demand.

Everything drawn here is read from the compact files of ``geodata/basemap/``
(made by ``tools/derive_basemap.py`` from registry packages; see
``geodata/SOURCES.md``), clipped to each map's box and written into the page, so
the default view makes no request at all. Online tile layers are offered in the
layer control and request tiles only once the reader picks one.

Panes, bottom to top: relief (an image reprojected to Web Mercator rows), the
country polygons, water and rivers, first-level boundaries, place names, then
Leaflet's overlay pane with the routes and their markers: names never cover a
route's marker and never catch a click.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from folium.map import Layer
from jinja2 import Template

from corridors import bundled, catalog
from corridors.maps.assets import DATA_SLOT_PREFIX, AtlasMap
from corridors.maps.element import PageElement
from corridors.maps.frontend import static
from corridors.maps.layers import feature_collection
from corridors.maps.packing import COORD_DECIMALS, safe_json
from corridors.maps.styles import point_style

FOLDER = "basemap"
#: A map whose box is narrower than this (degrees of longitude) also gets the
#: full-resolution relief of the region.
DETAIL_MAX_WIDTH = 60.0
#: Where continental maps draw first-level boundaries (west, south, east, north).
ADMIN_WIDE_BOX = (40.0, 32.0, 100.0, 56.0)
#: Decimal places of the basemap's vector coordinates in the page (~100 m).
DECIMALS = 3

#: Online base layers: (name, URL template, options). Both providers allow use
#: with attribution (OSM tile usage policy; OpenTopoMap CC BY-SA). Nothing is
#: requested until the reader picks one.
TILES = (
    (
        "OpenStreetMap (online)",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        {
            "maxZoom": 19,
            "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
            "OpenStreetMap</a> contributors",
        },
    ),
    (
        "OpenTopoMap (online)",
        "https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png",
        {
            "maxZoom": 17,
            "subdomains": "abc",
            "attribution": 'Map data: &copy; <a href="https://www.openstreetmap.org/copyright">'
            'OpenStreetMap</a> contributors, SRTM | Map style: &copy; <a href="https://'
            'opentopomap.org">OpenTopoMap</a> (<a href="https://creativecommons.org/licenses/'
            'by-sa/3.0/">CC-BY-SA</a>)',
        },
    ),
)
ATTRIBUTION = (
    'Basemap: <a href="https://www.naturalearthdata.com/">Natural Earth</a>; rivers: WDBII '
    '(GSHHG, LGPL); places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
)
RELIEF_NAME = "Relief (offline, Natural Earth)"
PLAIN_NAME = "Plain countries (offline)"
WATER_NAME = "Basemap · lakes, rivers, coast, provinces"
LABELS_NAME = "Basemap · place names (GeoNames)"


class _Setup(PageElement):
    """The basemap's CSS, helper script, panes and data (pasted in after rendering)."""

    _template = Template(
        """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.js }}
corridorsBasemap.init({{ this._parent.get_name() }}, {{ this.data_slot }});
{% endmacro %}
"""
    )

    def __init__(self, data: dict[str, Any], geojson: dict[str, str]) -> None:
        super().__init__()
        self._name = "BasemapSetup"
        self.css = "\n" + static("basemap.css")
        self.js = "\n" + static("basemap.js")
        self.data = data
        self.geojson = geojson

    @property
    def deferred_data(self) -> str:
        """The data as script-safe JSON; the GeoJSON parts (already safe) verbatim."""
        text = safe_json(self.data)[:-1]
        for key, value in self.geojson.items():
            text += f',"{key}":{value}'
        return text + "}"

    @property
    def data_slot(self) -> str:
        return f"{DATA_SLOT_PREFIX}{self.get_name()}__"


class _JsLayer(Layer):
    """A layer made by a JavaScript expression; `base` names the basemap mode it sets."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = {{ this.expression.replace("__MAP__", this._parent.get_name()) }};
{% if this.base %}{{ this.get_name() }}.on("add", function () {
  corridorsBasemap.setBase({{ this._parent.get_name() }}, "{{ this.base }}");
});{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        expression: str,
        *,
        name: str,
        overlay: bool,
        show: bool,
        base: str = "",
        control: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "BasemapLayer"
        self.expression = expression
        self.base = base


def folder(root: Path | None = None) -> Path:
    """The basemap folder: ``basemap/`` of the geodata in use, else the bundled one."""
    path = (root or catalog.default_root()) / FOLDER
    if path.is_dir():
        return path
    return bundled.geodata_root() / FOLDER


def _read_json(path: Path) -> Any:
    """A basemap file, read again when it changes (keyed by size and modification time)."""
    stat = path.stat()
    return _read_json_at(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _read_json_at(path: Path, _size: int, _mtime_ns: int) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _data_uri(path: Path) -> str:
    stat = path.stat()
    return _data_uri_at(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _data_uri_at(path: Path, _size: int, _mtime_ns: int) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _stamp(path: Path) -> tuple[int, int]:
    """Size and modification time of a basemap file: what its caches are keyed by."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _geoms(path: Path) -> np.ndarray:
    """The shapes of a basemap file (read-only), made once per state of the file.

    Every map clips the same rivers, coasts, lakes and boundaries to its own box:
    parsing them into shapes again for each of them cost more than the clipping.
    """
    return _geoms_at(path, *_stamp(path))


@functools.lru_cache(maxsize=16)
def _geoms_at(path: Path, size: int, mtime_ns: int) -> np.ndarray:
    collection = _read_json_at(path, size, mtime_ns)
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in collection["features"]])
    geoms.flags.writeable = False
    return geoms


def _clip(geoms: np.ndarray, box: tuple[float, float, float, float], tolerance: float) -> list[str]:
    """GeoJSON geometries of `geoms` inside `box`, simplified at `tolerance` degrees."""
    return _clip_indexed(geoms, box, tolerance)[0]


def _clip_indexed(
    geoms: np.ndarray, box: tuple[float, float, float, float], tolerance: float
) -> tuple[list[str], np.ndarray]:
    """`_clip`, and for each piece the index in `geoms` of the shape it comes from.

    Each step works shape by shape and keeps the order, so clipping many shapes at
    once gives the pieces that clipping them one at a time gives, in the same order.
    """
    clip = shapely.box(*box)
    index = np.flatnonzero(shapely.intersects(geoms, clip))
    geoms = shapely.intersection(geoms[index], clip)
    # Clipping can leave stray points (a line touching the box); keep lines and areas.
    parts, of = shapely.get_parts(geoms, return_index=True)
    keep = (shapely.get_type_id(parts) != 0) & ~shapely.is_empty(parts)
    geoms, index = parts[keep], index[of[keep]]
    geoms = shapely.simplify(geoms, tolerance, preserve_topology=True)
    # ~100 m for close-ups, ~1 km where a pixel spans kilometres anyway.
    geoms = shapely.set_precision(geoms, 10**-DECIMALS if tolerance < 0.02 else 0.01)
    keep = ~shapely.is_empty(geoms)
    return list(shapely.to_geojson(geoms[keep])), index[keep]


def _lines(path: Path, box: tuple[float, float, float, float], tolerance: float) -> list[str]:
    """The lines of one basemap file in `box` as a single MultiLineString (or none)."""
    clip = shapely.box(*box)
    geoms = _geoms(path)
    geoms = shapely.intersection(geoms[shapely.intersects(geoms, clip)], clip)
    parts = shapely.get_parts(geoms)
    parts = parts[np.isin(shapely.get_type_id(parts), (1, 2))]  # LineString, LinearRing
    if not len(parts):
        return []
    merged = shapely.line_merge(shapely.multilinestrings(parts))
    return _clip(np.array([merged]), box, tolerance)


def _features(geoms: Sequence[str], props: Sequence[dict[str, Any]]) -> str:
    parts = [
        f'{{"type":"Feature","properties":{safe_json(p)},"geometry":{g}}}'
        for g, p in zip(geoms, props, strict=True)
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _water(root: Path, box: tuple[float, float, float, float], tolerance: float) -> str:
    """Lakes, coastline and rivers in `box`, one FeatureCollection with a style each.

    Kept per box and tolerance while the files stay the same: maps that share a
    view (the overview and the Middle Corridor) share it.
    """
    here = folder(root)
    stamps = tuple(_stamp(here / n) for n in ("lakes.json", "coastline.json", "rivers.json"))
    return _water_at(here, stamps, box, tolerance)


@functools.lru_cache(maxsize=16)
def _water_at(
    here: Path, _stamps: tuple[Any, ...], box: tuple[float, float, float, float], tolerance: float
) -> str:
    lake_collection = _read_json(here / "lakes.json")
    lakes = _geoms(here / "lakes.json")
    geoms: list[str] = []
    props: list[dict[str, Any]] = []
    clipped, of = _clip_indexed(lakes, box, tolerance)  # all lakes at once
    for geom, i in zip(clipped, of, strict=True):
        name = lake_collection["features"][i]["properties"].get("name")
        props.append({"c": "lake " + (f"c-lake-{_slug(name)}" if name else "")})
        geoms.append(geom)
    for name, kind in (("coastline.json", "coast"), ("rivers.json", "river")):
        clipped = _lines(here / name, box, tolerance)
        geoms += clipped
        props += [{"c": kind}] * len(clipped)
    return _features(geoms, props)


def _admin(root: Path, box: tuple[float, float, float, float], tolerance: float) -> str:
    # Faint context lines, simplified twice as much as the rest; on continental
    # maps only around the corridors' heartland (`ADMIN_WIDE_BOX`), to stay small.
    if box[2] - box[0] > DETAIL_MAX_WIDTH:
        box = (
            max(box[0], ADMIN_WIDE_BOX[0]),
            max(box[1], ADMIN_WIDE_BOX[1]),
            min(box[2], ADMIN_WIDE_BOX[2]),
            min(box[3], ADMIN_WIDE_BOX[3]),
        )
    path = folder(root) / "admin1.json"
    return _admin_at(path, _stamp(path), box, 2 * tolerance)


@functools.lru_cache(maxsize=16)
def _admin_at(
    path: Path, _state: tuple[int, int], box: tuple[float, float, float, float], tolerance: float
) -> str:
    """`_admin`, kept per box and tolerance while the file stays the same."""
    clipped = _lines(path, box, tolerance)
    return _features(clipped, [{}] * len(clipped))


#: Label kinds and anchors, coded as list indexes in the page (see ``static/basemap.js``).
LABEL_KINDS = ("capital", "city", "town", "country", "water", "site", "node")
ANCHORS = ("right", "left", "above", "below", "centre")


def _labels(root: Path, box: tuple[float, float, float, float]) -> list[list[Any]]:
    """Place and country names in `box` (and a margin), and the named lakes.

    Each as ``[name, kind, lon, lat, minzoom, maxzoom or 0, anchor]``, kind and
    anchor as indexes into `LABEL_KINDS` and `ANCHORS`.
    """
    here = folder(root)
    west, south, east, north = box
    mx, my = (east - west) * 0.1, (north - south) * 0.1
    rows = [
        (p["name"], p["kind"], p["lon"], p["lat"], p["minzoom"], p.get("maxzoom", 0), p["anchor"])
        for p in _read_json(here / "places.json")
        if west - mx <= p["lon"] <= east + mx and south - my <= p["lat"] <= north + my
    ]
    for feature in _read_json(here / "lakes.json")["features"]:
        p = feature["properties"]
        if not p.get("name"):
            continue
        lon, lat = p["label"]
        if not (west <= lon <= east and south <= lat <= north):
            continue
        area = shapely.geometry.shape(feature["geometry"]).area  # square degrees
        minzoom = 4.0 if area >= 1.5 else (6.0 if area >= 0.3 else 7.5)
        rows.append((p["name"], "water", lon, lat, minzoom, 0, "centre"))
    return [
        [name, LABEL_KINDS.index(kind), lon, lat, minzoom, maxzoom, ANCHORS.index(anchor)]
        for name, kind, lon, lat, minzoom, maxzoom, anchor in rows
    ]


def _relief(root: Path, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """The relief images for a map: the wide one, and the detailed one for regional maps."""
    here = folder(root)
    manifest = _read_json(here / "basemap.json")
    (south, west), (north, east) = manifest["relief"]["detail"]["bounds"]
    within = west <= box[0] and south <= box[1] and box[2] <= east and box[3] <= north
    names = [] if within else ["wide"]
    if box[2] - box[0] <= DETAIL_MAX_WIDTH:
        names.append("detail")
    return [
        {
            "url": _data_uri(here / manifest["relief"][n]["file"]),
            "bounds": manifest["relief"][n]["bounds"],
        }
        for n in names
    ]


def add(
    m: AtlasMap,
    countries: gpd.GeoDataFrame | str,
    *,
    box: tuple[float, float, float, float],
    tolerance: float,
) -> None:
    """Draw the basemap of one map and offer its base layers in the layer control.

    Parameters
    ----------
    m
        The map.
    countries
        Country polygons to draw (clipped and simplified for this map), or their
        `feature_collection` text (``popups=False``) made already.
    box
        (west, south, east, north) in degrees: what the map can show.
    tolerance
        Simplification tolerance in degrees for the basemap's lines.
    """
    root = catalog.default_root()
    relief = _relief(root, box)
    data = {
        "attribution": ATTRIBUTION,
        "box": list(box),  # what the basemap covers: a test checks each first view lies in it
        "relief": relief,
        "labels": _labels(root, box),
    }
    geojson = {
        "countries": (
            countries if isinstance(countries, str) else feature_collection(countries, popups=False)
        ),
        "water": _water(root, box, tolerance),
        "admin": _admin(root, box, tolerance),
    }
    _Setup(data, geojson).add_to(m)
    relief_js = "corridorsBasemap.relief()"  # the layers' code: static/basemap.js
    _JsLayer(relief_js, name=RELIEF_NAME, overlay=False, show=True, base="relief").add_to(m)
    _JsLayer("L.layerGroup()", name=PLAIN_NAME, overlay=False, show=False, base="plain").add_to(m)
    for name, url, options in TILES:
        _JsLayer(
            f"corridorsBasemap.tiles(__MAP__, {json.dumps(url)}, "
            f"{json.dumps(options, sort_keys=True)})",
            name=name,
            overlay=False,
            show=False,
            base="tiles",
        ).add_to(m)
    _JsLayer(
        f"corridorsBasemap.countries({COORD_DECIMALS})",
        name="Countries",
        overlay=True,
        show=True,
        control=False,
    ).add_to(m)
    _JsLayer("corridorsBasemap.water()", name=WATER_NAME, overlay=True, show=True).add_to(m)
    labels_js = "corridorsBasemap.labels(__MAP__, corridorsBasemap.data().labels)"
    _JsLayer(labels_js, name=LABELS_NAME, overlay=True, show=True).add_to(m)


def _marker_radius() -> dict[tuple[float, float], int]:
    """The largest circle-marker radius (pixels) of the data's points, by place (1e-4°)."""
    return catalog.in_use().kept("marker radius", _marker_radius_now)


def _marker_radius_now() -> dict[tuple[float, float], int]:
    everything = catalog.load_all()
    points = everything[shapely.get_type_id(everything.geometry.values) == 0]
    radius: dict[tuple[float, float], int] = {}
    for row in points.itertuples():
        key = (round(row.geometry.x, 4), round(row.geometry.y, 4))
        radius[key] = max(radius.get(key, 0), int(point_style({"kind": row.kind})["radius"]))
    return radius


def countries_data(m: AtlasMap) -> str | None:
    """The packed country polygons (`feature_collection` text) a map's basemap draws."""
    for child in m._children.values():  # noqa: SLF001 (folium keeps children there)
        if isinstance(child, _Setup):
            return child.geojson["countries"]
    return None


def name_points(
    m: AtlasMap, frames: Sequence[gpd.GeoDataFrame], *, minzoom: float, keep: bool = True
) -> None:
    """Write the names of the data's own points (sites, crossings, nodes) on the map.

    They join the basemap's names: from `minzoom` on, each sits beside its
    marker on the side clear of other markers and names. By default they come
    first and are written in any case (place names give way to them); with
    ``keep=False`` they come after the place names and give way too (hidden
    where no side is clear). Call after `add`.
    """
    setup = next((c for c in m._children.values() if isinstance(c, _Setup)), None)  # noqa: SLF001
    if setup is None:
        msg = "basemap.add(m, ...) must come before basemap.name_points(m, ...)"
        raise ValueError(msg)
    rows = []
    for frame in frames:
        points = frame[shapely.get_type_id(frame.geometry.values) == 0]
        for row in points.itertuples():
            x, y = round(row.geometry.x, 5), round(row.geometry.y, 5)
            kind = LABEL_KINDS.index("site" if keep else "node")
            rows.append([str(row.name), kind, x, y, minzoom, 0, ANCHORS.index("right"), 0])
    # Offset each name by the largest marker at its point (two sites may share one).
    radius = _marker_radius()
    for r in rows:
        r[7] = radius.get((round(r[2], 4), round(r[3], 4)), 5) + 4
    labels = setup.data["labels"]
    setup.data["labels"] = rows + labels if keep else labels + rows
