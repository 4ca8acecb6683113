"""Geodesic lengths and distances on the WGS 84 ellipsoid: the one place they are computed.

Every length in the project (API, CLI, maps, notebooks) comes from here. Lengths
are geodesic (`pyproj.Geod`, Karney's algorithm), never planar in degrees and
never in Web Mercator; they are vectorised over all vertices at once.

This module computes on geometries (lon/lat lines and points) and never resolves
a name: `corridors.lookup`, above it, turns a route id or a place name into a
geometry and measures it here. What it reads from the geodata folder is the
``countries`` layer (splits by country) and, for `length_table`, every route.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, TypeAlias

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from geopandas.array import GeometryArray
from pyproj import Geod
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from corridors import catalog, lifecycle
from corridors.catalog import Catalog
from corridors.errors import GeodataError, InputError
from corridors.schema import LINE_KINDS

_GEOD = Geod(ellps="WGS84")
#: A feature's properties and geometry: a row of `corridors.load_all` or a mapping.
Row: TypeAlias = "Mapping[str, Any] | pd.Series[Any]"
LengthUnit = Literal["m", "km", "nmi"]
_METRES_PER = {"m": 1.0, "km": 1000.0, "nmi": 1852.0}
#: Kinds whose features are measured as routes.
ROUTE_KINDS = tuple(sorted(LINE_KINDS))
#: Kinds whose features are places (``distance`` end points, network nodes).
PLACE_KINDS = (
    "city",
    "rail_station",
    "seaport",
    "border_crossing",
    "dry_port",
    "economic_zone",
    "compressor_station",
    "pump_station",
)


def _per_metre(unit: str) -> float:
    if unit not in _METRES_PER:
        msg = f"unit must be one of {', '.join(map(repr, _METRES_PER))}; got {unit!r}."
        raise InputError(msg)
    return _METRES_PER[unit]


def geodesic_lengths(
    geometries: Sequence[BaseGeometry] | np.ndarray | gpd.GeoSeries | GeometryArray,
) -> np.ndarray:
    """Return the geodesic length (metres) of each line on the WGS 84 ellipsoid.

    All segments of all lines go through one vectorised `pyproj.Geod.inv` call.

    Parameters
    ----------
    geometries
        Lon/lat geometries in degrees (a list, an array or a GeoSeries in EPSG:4326).

    Returns
    -------
    lengths
        Metres, one per geometry. Points and empty geometries measure 0, polygons
        their perimeter; ``None`` gives NaN.

    Examples
    --------
    >>> from shapely import LineString
    >>> f"{geodesic_lengths([LineString([(1, 2), (3, 4)])])[0]:.3f}"
    '313588.397'
    """
    geoms = np.asarray(geometries, dtype=object)
    result = np.zeros(len(geoms))
    missing = np.array([g is None for g in geoms], dtype=bool)
    result[missing] = np.nan
    if len(geoms) == 0 or missing.all():
        return result
    lines = geoms.copy()
    lines[missing] = None
    polygonal = np.isin(shapely.get_type_id(lines), (3, 6))  # (Multi)Polygon
    lines = np.where(polygonal, shapely.boundary(lines), lines)
    parts, owner = shapely.get_parts(lines, return_index=True)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    if len(coords) < 2:
        return result
    same = part_of[1:] == part_of[:-1]
    dist = _segment_lengths(
        coords[:-1, 0][same], coords[:-1, 1][same], coords[1:, 0][same], coords[1:, 1][same]
    )
    per_part = np.bincount(part_of[1:][same], weights=dist, minlength=len(parts))
    result += np.bincount(owner, weights=per_part, minlength=len(geoms))
    return result


#: Above this many segments, `_segment_lengths` splits the work over threads.
_PARALLEL_SEGMENTS = 200_000


def _segment_lengths(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray
) -> np.ndarray:
    """Geodesic length (m) of each segment; large inputs are split over threads.

    pyproj releases the GIL inside `Geod.inv`, so chunks run in parallel on the
    machine's cores; the result is the same as one call, element for element.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(lon1) < _PARALLEL_SEGMENTS or workers == 1:
        return np.asarray(_GEOD.inv(lon1, lat1, lon2, lat2)[2])
    bounds = np.linspace(0, len(lon1), workers + 1, dtype=int)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        chunks = pool.map(
            lambda ab: _GEOD.inv(
                lon1[ab[0] : ab[1]], lat1[ab[0] : ab[1]], lon2[ab[0] : ab[1]], lat2[ab[0] : ab[1]]
            )[2],
            itertools.pairwise(bounds),
        )
        return np.concatenate(list(chunks))


def route_lengths(routes: gpd.GeoDataFrame, *, unit: LengthUnit = "km") -> pd.Series:
    """Return the geodesic length of each route, indexed like `routes`.

    Parameters
    ----------
    routes
        Routes with LineString or MultiLineString geometries and a declared CRS;
        another CRS is converted to EPSG:4326 first.
    unit
        "m", "km" or "nmi" (nautical miles).

    Returns
    -------
    lengths
        Named ``length_<unit>``.

    Raises
    ------
    GeodataError
        If `routes` has no CRS.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import LineString
    >>> routes = gpd.GeoDataFrame(geometry=[LineString([(1, 2), (3, 4)])], crs=4326)
    >>> route_lengths(routes).round(3).tolist()
    [313.588]
    """
    per = _per_metre(unit)
    if routes.crs is None:
        msg = (
            "route_lengths: `routes` has no CRS. Declare it first, "
            "e.g. routes.set_crs(4326) for lon/lat degrees."
        )
        raise GeodataError(msg)
    if not routes.crs.equals(4326):
        routes = routes.to_crs(4326)
    return pd.Series(
        geodesic_lengths(routes.geometry) / per,
        index=routes.index,
        name=f"length_{unit}",
    )


def densify(line: BaseGeometry, *, max_km: float = 2.0) -> BaseGeometry:
    """Return `line` with geodesic intermediate points at most `max_km` apart.

    Straight chords in lon/lat degrees drift from the geodesic on long
    segments; densifying first makes clipping by country polygons follow the
    geodesic the lengths are measured on.

    Parameters
    ----------
    line
        A lon/lat LineString or MultiLineString.
    max_km
        The longest step (km) left between two points; positive.

    Returns
    -------
    line
        The same line through its own vertices and the points added between them.
    """
    if max_km <= 0:
        msg = f"max_km must be positive, got {max_km!r}."
        raise InputError(msg)
    parts = shapely.get_parts(line)
    out = []
    for part in parts:
        xy = np.asarray(part.coords)[:, :2]
        if len(xy) < 2:
            out.append(LineString(xy[:1]))
            continue
        # Every segment's length in one call; points only where a segment needs them.
        x, y = xy[:, 0], xy[:, 1]
        d = np.asarray(_GEOD.inv(x[:-1], y[:-1], x[1:], y[1:])[2])
        n = np.ceil(d / (max_km * 1000)).astype(int) - 1
        pieces = []
        done = 0  # vertices of xy already placed
        for k in np.flatnonzero(n > 0):
            pieces.append(xy[done : k + 1])
            pieces.append(np.asarray(_GEOD.npts(x[k], y[k], x[k + 1], y[k + 1], int(n[k]))))
            done = int(k) + 1
        pieces.append(xy[done:])
        out.append(LineString(np.vstack(pieces)))
    return out[0] if len(out) == 1 else shapely.MultiLineString(out)


def country_split(geometry: BaseGeometry) -> pd.DataFrame:
    """`length_by_country` of a line on the folder's ``countries`` layer, kept per line.

    Kept by the catalog in use, per state of its files and keyed by the line's WKB:
    validation (`corridors.checks`), the network's legs and the maps' popups split
    the same lines. Shared, so treat it as read-only.
    """
    splits: dict[bytes, pd.DataFrame] = catalog.in_use().kept(SPLITS, dict)
    wkb = shapely.to_wkb(geometry)
    if wkb not in splits:
        splits[wkb] = length_by_country(geometry)
    return splits[wkb]


#: The key of `country_split`'s splits in a catalog (`corridors.catalog.Catalog.kept`).
SPLITS = "country splits"


@catalog.with_geodata
def length_by_country(
    line: BaseGeometry,
    *,
    countries: gpd.GeoDataFrame | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> pd.DataFrame:
    """Split a line's geodesic length (km) among the countries it crosses.

    The line is densified geodesically (every 2 km), clipped by each country
    polygon and each piece measured. `corridors.length_by_country` also takes a
    route id.

    Parameters
    ----------
    line
        A lon/lat line geometry.
    countries
        Polygons with an ``iso3`` and ``name`` column (default: the ``countries``
        layer of `geodata`).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    split
        Columns ``country`` (ISO alpha-3), ``name``, ``length_km`` and
        ``fraction`` (of the line's length, 0–1); a row ``country="-"`` holds what
        falls in no polygon (sea, gaps), when more than 1 m does. Rows are sorted
        by length, longest first.
    """
    geom = line
    if countries is None:
        countries = catalog.load("countries")
    line = densify(geom)
    total = float(geodesic_lengths([line])[0]) / 1000
    candidates = countries[countries.intersects(shapely.envelope(line))]
    pieces = shapely.intersection(line, candidates.geometry.values)
    km = geodesic_lengths(pieces) / 1000
    table = pd.DataFrame(
        {"country": candidates["iso3"].values, "name": candidates["name"].values, "length_km": km}
    )
    table = table[table["length_km"] > 0.001].reset_index(drop=True)
    rest = total - table["length_km"].sum()
    if rest > 0.001:
        gap = pd.DataFrame({"country": ["-"], "name": ["(none: sea or gap)"], "length_km": [rest]})
        table = pd.concat([table, gap], ignore_index=True)
    table = table.sort_values("length_km", ascending=False, ignore_index=True)
    table["fraction"] = table["length_km"] / total if total else np.nan
    return table


def as_point(where: tuple[float, float] | BaseGeometry) -> Point:
    """A point for `where`: a (lon, lat) pair, a point or a geometry's representative point.

    Parameters
    ----------
    where
        A (lon, lat) pair in degrees, longitude first, or a geometry.

    Returns
    -------
    point
        The point itself, or a point inside the geometry.

    Raises
    ------
    InputError
        If the pair is out of range (latitude beyond ±90, longitude beyond ±180), or
        `where` is a name (names are looked up by `corridors.lookup`).
    """
    if isinstance(where, BaseGeometry):
        return where if isinstance(where, Point) else where.representative_point()
    if isinstance(where, str):
        msg = (
            f"measure works on geometries and (lon, lat) pairs, got the name {where!r}; "
            "corridors.distance_km, corridors.locate... (corridors.lookup) also take names."
        )
        raise InputError(msg)
    lon, lat = where
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        msg = f"(lon, lat) out of range: ({lon}, {lat}); give longitude first."
        raise InputError(msg)
    return Point(lon, lat)


def distance_km(
    a: tuple[float, float] | BaseGeometry, b: tuple[float, float] | BaseGeometry
) -> float:
    """Return the geodesic distance (km) between two points or (lon, lat) pairs.

    `corridors.distance_km` also takes place names.

    Parameters
    ----------
    a, b
        (lon, lat) pairs in degrees or geometries (a geometry other than a point
        stands for its representative point).

    Returns
    -------
    km
        The geodesic distance on the WGS 84 ellipsoid.

    Examples
    --------
    >>> round(distance_km((0.0, 0.0), (1.0, 0.0)), 3)
    111.319
    """
    pa, pb = as_point(a), as_point(b)
    _, _, d = _GEOD.inv(pa.x, pa.y, pb.x, pb.y)
    return float(d) / 1000


@catalog.with_geodata
def length_table(
    year: int | None = None, *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> pd.DataFrame:
    """Computed vs published length (km) of every route that has a published figure.

    Parameters
    ----------
    year
        The year whose status each route is shown with (default: the data's as-of
        year, ``as_of`` in ``geodata/atlas.toml``). Routes not yet proposed nor
        planned in that year are left out; undated routes are always in.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per route: ``id``, ``name``, ``layer``, ``status`` (in `year`: operating,
        under_construction, proposed...; ``undated`` when the data has no life-cycle step,
        ``planned`` when every step is still expected), ``opened`` (date of the opening
        step, expected or not), ``computed_km``,
        ``published_km``, ``difference_pct`` (computed − published, in % of
        published), ``span``, ``source`` (title of the source of the figure) and
        ``network_pct`` (share of the length drawn from the OpenStreetMap-derived
        network; the rest is schematic: straight chords and straight network edges
        over 100 km; empty for lines without waypoints).
    """
    everything = catalog.load_all()
    routes = everything[everything["kind"].isin(ROUTE_KINDS)].copy()
    routes = _with_status_in(routes, year)
    if "published_length_km" not in routes.columns:
        return pd.DataFrame(
            columns=[
                "id",
                "name",
                "layer",
                "status",
                "opened",
                "computed_km",
                "published_km",
                "difference_pct",
                "span",
                "source",
                "network_pct",
            ]
        )
    routes = routes[routes["published_length_km"].notna()]
    computed = route_lengths(routes)
    published = routes["published_length_km"].astype(float)
    return pd.DataFrame(
        {
            "id": routes["id"],
            "name": routes["name"],
            "layer": routes["layer"],
            "status": routes["status_in_year"],
            "opened": routes["opening"],
            "computed_km": computed.round(1),
            "published_km": published,
            "difference_pct": ((computed - published) / published * 100).round(2),
            "span": routes["length_span"],
            "source": routes["sources"].map(lambda s: source_for(s, "published_length_km")),
            "network_pct": [
                None if share is None else round(share * 100, 1)
                for share in (network_share(row) for _, row in routes.iterrows())
            ],
        }
    ).reset_index(drop=True)


def _with_status_in(routes: gpd.GeoDataFrame, year: int | None) -> gpd.GeoDataFrame:
    """`routes` that exist in `year`, with ``status_in_year`` and ``opening`` columns."""
    today = catalog.in_use().as_of
    on = lifecycle.cutoff(year, today)
    # A project known only by what sources expect is "planned" from today on, not before.
    now_or_later = on is None or today is None or on >= today
    status: list[str | None] = []
    opening: list[Any] = []  # a column: text, or None where no opening is known
    keep: list[bool] = []
    histories = routes["history"] if "history" in routes.columns else [None] * len(routes)
    for history, kind in zip(histories, routes["kind"], strict=True):
        found = lifecycle.state(history, on, today=today)
        when = lifecycle.opening(history)
        if kind == "border":  # a boundary, not a work: no life cycle
            status.append("")
        elif lifecycle.undated(history):
            status.append("undated")
        elif found.status is None and lifecycle.only_expected(history) and now_or_later:
            status.append("planned")
        else:
            status.append(found.status)
        opening.append(when[0] if when else None)
        keep.append(status[-1] is not None)
    status_in_year: list[Any] = [x or None for x in status]
    out = routes.assign(status_in_year=status_in_year, opening=opening)
    return out[keep]


def waypoint_vertices(row: Row) -> np.ndarray:
    """Index of each cited waypoint among the line's vertices, in route order.

    A stretch drawn from a network has ``vertices`` of its own between its two
    waypoints (``stretches``, written by ``tools/derive_routes.py``); a line with
    no ``stretches`` has its waypoints as its only vertices.
    """
    waypoints = row.get("waypoints")
    if not isinstance(waypoints, list):
        msg = f"{row.get('id')!r} has no cited waypoints."
        raise GeodataError(msg)
    stretches = row.get("stretches")
    interior = (
        [int(s.get("vertices", 0)) for s in stretches]
        if isinstance(stretches, list)
        else [0] * (len(waypoints) - 1)
    )
    return np.concatenate([[0], np.cumsum(np.asarray(interior, dtype=int) + 1)])


#: A network stretch may run through edges longer than this that the network itself
#: draws straight (``straight_edges``, tools/derive_routes.py MAX_EDGE_KM); they are
#: schematic, like chords.
STRAIGHT_EDGE_KM = 100.0
#: Why such an edge is schematic, in words.
STRAIGHT_EDGE_WHY = (
    f"a straight edge of the network over {STRAIGHT_EDGE_KM:g} km (OpenStreetMap simplified there)"
)


def _stretch_records(row: Row) -> list[dict[str, Any]]:
    """A route's ``stretches``, or straight chords between its waypoints if it has none."""
    stretches = row.get("stretches")
    if isinstance(stretches, list):
        return stretches
    return [
        {"from": a["name"], "to": b["name"], "method": "chord"}
        for a, b in itertools.pairwise(row["waypoints"])
    ]


def schematic_steps(row: Row) -> np.ndarray:
    """Whether each step of a route's drawn line (vertex i to i + 1) is schematic.

    Schematic are the straight chords between cited waypoints and, on a stretch
    drawn from a network, the network's own straight edges over 100 km that it
    runs through (``straight_edges``: OpenStreetMap simplified there). A line with
    no ``stretches`` is chords throughout.
    """
    at = waypoint_vertices(row)
    flags = np.zeros(int(at[-1]), dtype=bool)
    for stretch, start, end in zip(_stretch_records(row), at[:-1], at[1:], strict=True):
        if stretch["method"] == "chord":
            flags[start:end] = True
        for edge in stretch.get("straight_edges") or []:
            flags[start + int(edge["vertex"])] = True
    return flags


def stretch_lengths(row: Row) -> pd.DataFrame:
    """How each stretch of a route between two cited waypoints was drawn, with its length.

    Parameters
    ----------
    row
        A route feature (a row of `load_all`) with ``waypoints``; ``stretches``
        (written by ``tools/derive_routes.py``) say which stretches follow a
        network. A route with waypoints but no ``stretches`` is straight chords
        between them.

    Returns
    -------
    stretches
        One row per stretch: ``from``, ``to``, ``method`` (``network`` or
        ``chord``), ``length_km`` (geodesic), ``schematic_km`` (how much of it is
        schematic, see `schematic_steps`: all of a chord; of a network stretch, the
        network's straight edges over 100 km it runs through), ``straight_edges``
        (how many such edges) and ``why`` (why a chord could not follow the
        network). Empty for a feature without waypoints.
    """
    columns = ["from", "to", "method", "length_km", "schematic_km", "straight_edges", "why"]
    waypoints = row.get("waypoints")
    if not isinstance(waypoints, list) or len(waypoints) < 2:
        return pd.DataFrame(columns=columns)
    steps = np.diff(cumulative_km(row["geometry"]))
    schematic = np.where(schematic_steps(row), steps, 0.0)
    at = waypoint_vertices(row)
    records = [
        {
            "from": stretch.get("from", ""),
            "to": stretch.get("to", ""),
            "method": stretch["method"],
            "length_km": float(steps[start:end].sum()),
            "schematic_km": float(schematic[start:end].sum()),
            "straight_edges": len(stretch.get("straight_edges") or []),
            "why": stretch.get("why", ""),
        }
        for stretch, start, end in zip(_stretch_records(row), at[:-1], at[1:], strict=True)
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def waypoint_chainage(row: Row) -> np.ndarray:
    """Distance (km) along the drawn line from its start to each cited waypoint, in order."""
    return np.asarray(cumulative_km(row["geometry"])[waypoint_vertices(row)])


#: Routes drawn either along a network or as straight chords between cited places
#: (ferries and sea routes follow searoute's sea lanes: not counted either way).
NETWORK_DRAWN_KINDS = frozenset({"railway", "road", "gas_pipeline", "oil_pipeline"})


def network_share(row: Row) -> float | None:
    """Share (0–1) of a route's length drawn from a network; None without waypoints.

    What is schematic is not counted: straight chords, and the straight edges over
    100 km that a network stretch runs through (``straight_edges``). None too for
    ferries and sea routes, whose vertices are sea-lane nodes.
    """
    if row.get("kind") not in NETWORK_DRAWN_KINDS:
        return None
    table = stretch_lengths(row)
    total = table["length_km"].sum()
    if table.empty or total <= 0:
        return None
    return float(1 - table["schematic_km"].sum() / total)


def fact_sources(sources: list[dict[str, Any]], fact: str) -> list[dict[str, Any]]:
    """Return the sources whose ``supports`` names `fact` (e.g. ``published_length_km``)."""
    return [source for source in sources if fact in (source.get("supports") or [])]


def source_for(sources: list[dict[str, Any]], fact: str) -> str:
    """Return the title of the first source whose ``supports`` names `fact`, or ""."""
    found = fact_sources(sources, fact)
    return str(found[0].get("title")) if found else ""


def _line_coords(line: BaseGeometry) -> np.ndarray:
    parts = shapely.get_parts(line)
    if len(parts) != 1 or parts[0].geom_type != "LineString":
        msg = f"expected a single LineString, got a {line.geom_type} with {len(parts)} parts."
        raise GeodataError(msg)
    return np.asarray(parts[0].coords)[:, :2]


def cumulative_km(line: BaseGeometry) -> np.ndarray:
    """Return the cumulative geodesic distance (km) at each vertex of a LineString."""
    xy = _line_coords(line)
    _, _, d = _GEOD.inv(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])
    return np.concatenate([[0.0], np.cumsum(d) / 1000])


def points_at(line: BaseGeometry, distances_km: Sequence[float] | np.ndarray) -> list[Point]:
    """Return the points at the given geodesic distances (km) along a LineString.

    Each point lies on the geodesic segment that contains it (found with
    `pyproj.Geod.fwd` from the segment's start), so it is on the measured line.
    """
    xy = _line_coords(line)
    cum = cumulative_km(line)
    dist = np.asarray(distances_km, dtype=float)
    if np.any(dist < 0) or np.any(dist > cum[-1] + 1e-9):
        msg = f"distances must lie within 0..{cum[-1]:.3f} km of the line."
        raise InputError(msg)
    seg = np.clip(np.searchsorted(cum, dist, side="right") - 1, 0, len(xy) - 2)
    az, _, _ = _GEOD.inv(xy[seg, 0], xy[seg, 1], xy[seg + 1, 0], xy[seg + 1, 1])
    lon, lat, _ = _GEOD.fwd(xy[seg, 0], xy[seg, 1], az, (dist - cum[seg]) * 1000)
    return [Point(x, y) for x, y in zip(np.atleast_1d(lon), np.atleast_1d(lat), strict=True)]


#: Most points `chainage` returns (a 10,000 km route every 100 m).
MAX_CHAINAGE_POINTS = 100_000


def chainage(line: BaseGeometry, every_km: float) -> gpd.GeoDataFrame:
    """Return points every `every_km` along a line, with their cumulative km.

    Parameters
    ----------
    line
        A lon/lat LineString.
    every_km
        Spacing in km (positive).

    Returns
    -------
    points
        Columns ``km`` (0, every_km, 2*every_km, ...) and ``geometry``, CRS EPSG:4326;
        the line's end is not added unless it falls on the spacing.

    Examples
    --------
    >>> from shapely import LineString
    >>> chainage(LineString([(0, 0), (1, 0)]), 50)["km"].tolist()
    [0.0, 50.0, 100.0]
    """
    if not isinstance(line, BaseGeometry):
        msg = f"line must be a line geometry, got {type(line).__name__}."
        raise TypeError(msg)
    if not isinstance(every_km, int | float) or isinstance(every_km, bool):
        msg = f"every_km must be a number of km, got {type(every_km).__name__}."
        raise TypeError(msg)
    if not (math.isfinite(every_km) and every_km > 0):
        msg = f"every_km must be positive (a number of km), got {every_km!r}."
        raise InputError(msg)
    total = cumulative_km(line)[-1]
    if total / every_km > MAX_CHAINAGE_POINTS:
        msg = (
            f"every {every_km:g} km gives {total / every_km:,.0f} points along {total:,.0f} km; "
            f"the limit is {MAX_CHAINAGE_POINTS:,}. Choose a larger spacing."
        )
        raise InputError(msg)
    kms = np.arange(0.0, total + 1e-9, every_km)
    return gpd.GeoDataFrame({"km": kms}, geometry=points_at(line, kms), crs=4326)


def locate(line: BaseGeometry, where: tuple[float, float] | BaseGeometry) -> pd.Series:
    """Find the point of a line nearest to a point.

    The line is densified geodesically every 1 km and the nearest vertex is
    taken by geodesic distance, so the answer is within about 0.5 km.
    `corridors.locate` also takes a route id and a place name.

    Parameters
    ----------
    line
        A lon/lat line geometry.
    where
        A (lon, lat) pair or a geometry (see `as_point`).

    Returns
    -------
    location
        ``km_along`` (geodesic km from the line's start), ``offset_km`` (geodesic
        km from the point to the line) and ``geometry`` (the point on the line).
    """
    point = as_point(where)
    parts = shapely.get_parts(densify(line, max_km=1.0))
    best: tuple[float, float, Point] | None = None
    start_km = 0.0
    for part in parts:
        xy = np.asarray(part.coords)[:, :2]
        _, _, d = _GEOD.inv(
            np.full(len(xy), point.x), np.full(len(xy), point.y), xy[:, 0], xy[:, 1]
        )
        i = int(np.argmin(d))
        cum = cumulative_km(part)
        if best is None or d[i] / 1000 < best[1]:
            best = (start_km + float(cum[i]), float(d[i]) / 1000, Point(xy[i]))
        start_km += float(cum[-1])
    assert best is not None  # a line has at least one part
    return pd.Series({"km_along": best[0], "offset_km": best[1], "geometry": best[2]})
