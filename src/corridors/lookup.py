"""Routes and places of the geodata folder by id or name, measured by `corridors.measure`.

The public functions that take a route id (``"cagp-line-a"``) or a place name
(``"Almaty"``, ``"Алматы"``, ``"乌鲁木齐"``) live here, above the geodesic core:
they look the name up in the folder in use (`corridors.catalog`), then hand the
geometry to `corridors.measure`, which never resolves a name. Every one of them
also takes geometries and (lon, lat) pairs as they are.
"""

from __future__ import annotations

import os

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from corridors import arguments, catalog, measure
from corridors.catalog import Catalog
from corridors.errors import InputError, UnknownNameError

__all__ = [
    "distance_along_km",
    "distance_km",
    "distance_to_route_km",
    "length_by_country",
    "locate",
    "place",
    "route_feature",
    "route_length",
]

#: A place: an id or name of the folder, a (lon, lat) pair or a geometry.
Where = str | tuple[float, float] | BaseGeometry


@catalog.with_geodata
def route_feature(
    route: str, *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> pd.Series:
    """Return the route (a row of `corridors.load_all`) with id `route`.

    Parameters
    ----------
    route
        A route id, e.g. ``cagp-line-a`` (pipelines, railways, roads, ferries,
        sea routes and borders are routes).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    feature
        The route's properties, ``layer``, ``group`` and ``geometry``.

    Raises
    ------
    UnknownNameError
        If no route has that id; the closest ids are suggested.
    """
    arguments.name(route, argument="route", what="a route id such as 'cagp-line-a'")
    everything = catalog.load_all()
    routes = everything[everything["kind"].isin(measure.ROUTE_KINDS)]
    match = routes[routes["id"] == route]
    if match.empty:
        raise UnknownNameError("route", route, routes["id"])  # noqa: EM101 (a label, not the message)
    return match.iloc[0]


def _line(route: str | BaseGeometry) -> BaseGeometry:
    """The geometry of a route id of the folder in use, or the geometry itself."""
    if isinstance(route, str):
        geometry: BaseGeometry = route_feature(route).geometry
        return geometry
    if not isinstance(route, BaseGeometry):
        msg = (
            "route must be a route id (str) such as 'cagp-line-a' or a line geometry, "
            f"got {type(route).__name__}."
        )
        raise TypeError(msg)
    if route.geom_type not in ("LineString", "MultiLineString") or route.is_empty:
        empty = "an empty " if route.is_empty else "a "
        msg = f"route must be a LineString or MultiLineString, got {empty}{route.geom_type}."
        raise InputError(msg)
    return route


@catalog.with_geodata
def route_length(
    route: str,
    *,
    unit: measure.LengthUnit = "km",
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> float:
    """Return the geodesic length of one route of geodata, by id.

    Parameters
    ----------
    route
        A route id, e.g. ``cagp-line-a``.
    unit
        "m", "km" or "nmi" (nautical miles).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    length
        Along the drawn line, on the WGS 84 ellipsoid, in `unit`.

    Raises
    ------
    UnknownNameError
        If no route has that id.

    Examples
    --------
    >>> import corridors
    >>> round(corridors.route_length("titr-aktau-baku-ferry")) > 300
    True
    """
    lengths = measure.route_lengths(gpd.GeoDataFrame(geometry=[_line(route)], crs=4326), unit=unit)
    return float(lengths.iloc[0])


@catalog.with_geodata
def place(name: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.Series:
    """Return the place feature (city, station, port, crossing...) for an id or name.

    Names match in any script and without regard to case, accents or punctuation
    ("urumqi", "Ürümqi" and "乌鲁木齐" find the same city), alternate names too.

    Parameters
    ----------
    name
        A place id or name.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    feature
        The place's properties, ``layer``, ``group`` and ``geometry``.

    Raises
    ------
    UnknownNameError
        If nothing matches; the closest names are suggested.
    """
    arguments.name(name, argument="name", what="a place id or name such as 'almaty'")
    everything = catalog.load_all()
    places = everything[everything["kind"].isin(measure.PLACE_KINDS)]
    candidates = [
        (i, (fid, label))
        for i, fid, label in zip(places.index, places["id"], places["name"], strict=True)
    ]
    found: pd.Series = places.loc[catalog.match_name("place", name, candidates)]
    return found


def _point(where: Where) -> tuple[float, float] | BaseGeometry:
    """The geometry of a place name of the folder in use, or `where` itself."""
    if isinstance(where, str):
        geometry: BaseGeometry = place(where).geometry
        return geometry
    if isinstance(where, BaseGeometry):
        return where
    if (
        isinstance(where, tuple | list)
        and len(where) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in where)
    ):
        return (float(where[0]), float(where[1]))
    msg = (
        "a place must be an id or name (str), a (lon, lat) pair of numbers or a geometry, "
        f"got {type(where).__name__} {where!r:.60}."
    )
    raise TypeError(msg)


@catalog.with_geodata
def length_by_country(
    route: str | BaseGeometry,
    *,
    countries: gpd.GeoDataFrame | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> pd.DataFrame:
    """Split a route's geodesic length (km) among the countries it crosses.

    The route is densified geodesically (every 2 km), clipped by each country
    polygon of the ``countries`` layer and each piece measured
    (`corridors.measure.length_by_country`).

    Parameters
    ----------
    route
        A route id of geodata or a lon/lat line geometry.
    countries
        Polygons with an ``iso3`` and ``name`` column (default: the ``countries`` layer).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    split
        Columns ``country`` (ISO alpha-3), ``name``, ``length_km`` and ``fraction``
        (of the route's length, 0–1); a row ``country="-"`` holds what falls in
        no polygon (sea, gaps), when more than 1 m does. Rows are sorted by
        length, longest first.
    """
    return measure.length_by_country(_line(route), countries=countries)


@catalog.with_geodata
def distance_km(
    a: Where, b: Where, *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> float:
    """Return the geodesic distance (km) between two places, names or (lon, lat) pairs.

    Parameters
    ----------
    a, b
        Place ids or names of geodata, (lon, lat) pairs in degrees, or geometries.
    geodata
        The geodata folder names are looked up in (a path or a `corridors.open`
        catalog); default: the folder in use.

    Returns
    -------
    km
        The geodesic distance on the WGS 84 ellipsoid.

    Examples
    --------
    >>> import corridors
    >>> round(corridors.distance_km((0.0, 0.0), (1.0, 0.0)), 3)
    111.319
    """
    return measure.distance_km(_point(a), _point(b))


@catalog.with_geodata
def locate(
    route: str | BaseGeometry,
    where: Where,
    *,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> pd.Series:
    """Find the point of a route nearest to a place.

    The route is densified geodesically every 1 km and the nearest vertex is
    taken by geodesic distance, so the answer is within about 0.5 km.

    Parameters
    ----------
    route
        A route id or a lon/lat line geometry.
    where
        A place id or name, a (lon, lat) pair or a geometry.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    location
        ``km_along`` (geodesic km from the route's start), ``offset_km`` (geodesic
        km from the place to the route) and ``geometry`` (the point on the route).
    """
    return measure.locate(_line(route), _point(where))


@catalog.with_geodata
def distance_along_km(
    route: str | BaseGeometry,
    a: Where,
    b: Where,
    *,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> float:
    """Geodesic km along a route between the points of it nearest to `a` and `b`.

    Parameters
    ----------
    route
        A route id or a lon/lat line geometry.
    a, b
        Place ids or names, (lon, lat) pairs or geometries.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    km
        The distance along the line (within about 1 km, see `locate`).
    """
    line = _line(route)
    ends = [float(measure.locate(line, _point(p))["km_along"]) for p in (a, b)]
    return abs(ends[1] - ends[0])


@catalog.with_geodata
def distance_to_route_km(
    where: Where,
    route: str | BaseGeometry,
    *,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> float:
    """Geodesic km from a place to the nearest point of a route (or the border).

    Parameters
    ----------
    where
        A place id or name, a (lon, lat) pair or a geometry.
    route
        A route id (the border too: ``border-china-kazakhstan``) or a line geometry.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    km
        The geodesic distance to the nearest point of the line (within about 0.5 km).

    Examples
    --------
    >>> import corridors
    >>> corridors.distance_to_route_km("almaty", "border-china-kazakhstan") > 100
    True
    """
    return float(measure.locate(_line(route), _point(where))["offset_km"])


def as_point(where: Where) -> Point:
    """A point for a place name of the folder in use, a (lon, lat) pair or a geometry.

    Parameters
    ----------
    where
        A place id or name, a (lon, lat) pair or a geometry.

    Returns
    -------
    point
        The place's point (a representative point for other geometries).
    """
    return measure.as_point(_point(where))
