"""What the schema cannot say about a feature's geometry.

The JSON Schema (``geodata.schema.json``) fixes a feature's geometry *type* by its
kind and the shape of its waypoints and stretches; this module checks the
coordinates themselves: positions that are numbers within lon/lat range (or look
projected or swapped), lines without repeated positions, polygons with closed
rings that do not cross themselves, and routes drawn from cited waypoints that
pass through them, in order, with the vertices and offsets their stretches declare.
Every check yields `GeodataError` through the ``err(field, message)`` it is given.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import shape

from corridors.errors import GeodataError

#: Makes the error of one feature: ``err(field, message)``.
Err = Callable[[str, str], GeodataError]

#: A waypoint (e.g. a town centre) may be drawn this far from its cited point, where
#: the line meets the network (tools/derive_routes.py snaps no farther; the schema's
#: ``offsets_km`` says the same).
MAX_WAYPOINT_OFFSET_KM = 5.0
_GEOD = Geod(ellps="WGS84")


def geometry_problems(geometry: Any, props: Mapping[str, Any], err: Err) -> Iterator[GeodataError]:
    """Every problem of a feature's geometry, given properties that passed the schema."""
    if geometry is None:
        yield err("geometry", "geometry is null; every feature needs a geometry.")
        return
    gtype = geometry["type"]
    coords = geometry.get("coordinates")
    try:
        positions = list(_positions(gtype, coords))
    except (TypeError, ValueError) as exc:
        yield err("geometry", f"malformed {gtype} coordinates ({exc}).")
        return
    if not positions:
        yield err("geometry", "geometry is empty; give it coordinates.")
        return
    out_of_range = list(_range_problems(positions, err))
    if out_of_range:
        yield from out_of_range
        return
    if gtype in {"LineString", "MultiLineString"}:
        parts = [coords] if gtype == "LineString" else coords
        for part in parts:
            if len(part) < 2:
                yield err("geometry", "a line needs at least two positions.")
            for a, b in itertools.pairwise(part):
                if a[0] == b[0] and a[1] == b[1]:
                    yield err(
                        "geometry",
                        f"zero-length segment: position {a[:2]} repeats; remove the duplicate.",
                    )
                    break
    if gtype in {"Polygon", "MultiPolygon"}:
        yield from _polygon_problems(geometry, err)
    waypoints = props.get("waypoints")
    if waypoints is not None:
        yield from _waypoint_problems(
            waypoints, gtype, coords, props.get("stretches"), props.get("offsets_km"), err
        )


def _positions(gtype: str, coords: Any) -> Iterator[tuple[float, float]]:
    depth = {
        "Point": 0,
        "LineString": 1,
        "MultiPoint": 1,
        "Polygon": 2,
        "MultiLineString": 2,
        "MultiPolygon": 3,
    }.get(gtype)
    if depth is None:
        msg = f"unsupported geometry type {gtype!r}"
        raise ValueError(msg)

    def walk(node: Any, level: int) -> Iterator[tuple[float, float]]:
        if not isinstance(node, list):
            msg = "expected nested lists of [lon, lat]"
            raise TypeError(msg)
        if level == 0:
            if not 2 <= len(node) <= 3 or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in node
            ):
                msg = f"a position must be [lon, lat] (or [lon, lat, z]) numbers, got {node!r}"
                raise ValueError(msg)
            yield float(node[0]), float(node[1])
            return
        for child in node:
            yield from walk(child, level - 1)

    yield from walk(coords, depth)


def _range_problems(positions: list[tuple[float, float]], err: Err) -> Iterator[GeodataError]:
    for lon, lat in positions:
        if not (math.isfinite(lon) and math.isfinite(lat)):
            yield err("geometry", f"non-finite coordinate [{lon}, {lat}].")
            return
        if abs(lon) <= 180 and abs(lat) <= 90:
            continue
        if abs(lon) > 1000 or abs(lat) > 1000:
            hint = (
                "these look like projected coordinates (metres, e.g. EPSG:3857); "
                "reproject to WGS 84 lon/lat"
            )
        elif abs(lat) > 90 and abs(lon) <= 90:
            hint = "latitude and longitude look swapped; GeoJSON order is [lon, lat]"
        else:
            hint = "longitude must lie within -180..180 and latitude within -90..90"
        yield err("geometry", f"coordinate [{lon}, {lat}] is out of range: {hint}.")
        return


def _polygon_problems(geometry: dict[str, Any], err: Err) -> Iterator[GeodataError]:
    coords = geometry["coordinates"]
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    for p, rings in enumerate(polygons):
        for r, ring in enumerate(rings):
            where = f"ring {r}" + (f" of polygon {p}" if geometry["type"] == "MultiPolygon" else "")
            if len(ring) < 4:
                yield err("geometry", f"{where} has {len(ring)} positions; a ring needs 4 or more.")
                return
            if ring[0][:2] != ring[-1][:2]:
                yield err(
                    "geometry",
                    f"{where} is not closed: its last position {ring[-1][:2]} must repeat "
                    f"its first {ring[0][:2]}.",
                )
                return
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
        yield err("geometry", f"cannot build the polygon ({exc}).")
        return
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        yield err(
            "geometry",
            f"invalid polygon ({reason}); fix it, e.g. with shapely.make_valid.",
        )


def _waypoint_problems(
    waypoints: list[dict[str, Any]],
    gtype: str,
    coords: Any,
    stretches: list[dict[str, Any]] | None,
    offsets_km: list[float | None] | None,
    err: Err,
) -> Iterator[GeodataError]:
    """A route drawn from cited waypoints passes through them (their shape: the schema's)."""
    if gtype != "LineString":
        yield err("geometry", "a route drawn from waypoints must be a LineString.")
        return
    drawn = [(round(c[0], 6), round(c[1], 6)) for c in coords]
    cited = [(round(float(w["lon"]), 6), round(float(w["lat"]), 6)) for w in waypoints]
    if stretches is None:
        if drawn != cited:
            yield err(
                "geometry",
                "the line's vertices differ from its cited 'waypoints'; every vertex must be "
                "a cited waypoint, in order (regenerate the geometry from the waypoints).",
            )
        return
    yield from _stretch_problems(stretches, drawn, cited, offsets_km, err)


def _stretch_problems(
    stretches: list[dict[str, Any]],
    drawn: list[tuple[float, float]],
    cited: list[tuple[float, float]],
    offsets_km: list[float | None] | None,
    err: Err,
) -> Iterator[GeodataError]:
    """The line runs through every cited waypoint in order; between two of them it
    has extra vertices only where the stretch is declared drawn from a network.

    A waypoint may be drawn off its cited coordinates only where ``offsets_km``
    declares it (a town centre a few km from the line it names is drawn where it
    meets the network), by the distance declared (at most `MAX_WAYPOINT_OFFSET_KM`,
    which the schema checks).
    """
    if offsets_km is None:
        offsets_km = [None] * len(cited)
    if len(offsets_km) != len(cited):
        yield err(
            "offsets_km",
            f"expected one entry (km or null) per waypoint ({len(cited)}), got {len(offsets_km)}.",
        )
        return
    if len(stretches) != len(cited) - 1:
        yield err(
            "stretches",
            f"expected one record per stretch between waypoints ({len(cited) - 1}), "
            f"got {len(stretches)}; re-run tools/derive_routes.py.",
        )
        return
    at: list[int] = []
    index = 0
    for k, stretch in enumerate(stretches):
        at.append(index)
        index += stretch.get("vertices", 0) + 1
        if index >= len(drawn):
            yield err("stretches", "the stretches declare more vertices than the line has.")
            return
        if "straight_edges" in stretch:
            yield from _straight_edge_problems(
                stretch["straight_edges"], drawn[at[-1] : index + 1], f"stretches[{k}]", err
            )
    if index != len(drawn) - 1:
        yield err(
            "geometry",
            f"the line has {len(drawn)} vertices but its stretches account for {index + 1}; "
            "re-run tools/derive_routes.py.",
        )
        return
    at.append(index)
    for k, (vertex, offset) in enumerate(zip(at, offsets_km, strict=True)):
        yield from _offset_problems(k, drawn[vertex], cited[k], offset, err)


def _straight_edge_problems(
    edges: list[dict[str, Any]], vertices: list[tuple[float, float]], where: str, err: Err
) -> Iterator[GeodataError]:
    """A network stretch's ``straight_edges``: each ``{vertex, km}`` names the edge from
    its vertex ``vertex`` (its first waypoint is 0) to the next, in order, with that
    edge's geodesic length as drawn.
    """
    field = f"{where}.straight_edges"
    last = -1
    for j, edge in enumerate(edges):
        vertex, km = edge["vertex"], edge["km"]
        if vertex >= len(vertices) - 1:
            yield err(
                f"{field}[{j}]",
                f"vertex {vertex} is out of range: the stretch has edges from vertex 0 to "
                f"{len(vertices) - 2} (re-run tools/derive_routes.py).",
            )
            return
        if vertex <= last:
            yield err(f"{field}[{j}]", "straight edges must be listed once each, in order.")
            return
        last = vertex
        (x0, y0), (x1, y1) = vertices[vertex], vertices[vertex + 1]
        measured = _GEOD.inv(x0, y0, x1, y1)[2] / 1000.0
        if abs(measured - km) > 0.01:
            yield err(
                f"{field}[{j}]",
                f"the edge from vertex {vertex} measures {measured:.3f} km as drawn, but "
                f"'km' says {km} (re-run tools/derive_routes.py).",
            )
            return


def _offset_problems(
    k: int,
    vertex: tuple[float, float],
    cited: tuple[float, float],
    offset: float | None,
    err: Err,
) -> Iterator[GeodataError]:
    if offset is None:
        if vertex != cited:
            yield err(
                "geometry",
                f"the line should pass through waypoint {k} at {list(cited)}, but its vertex is "
                f"{list(vertex)}; the line must pass through every cited waypoint in order "
                "(re-run tools/derive_routes.py).",
            )
        return
    measured = _GEOD.inv(cited[0], cited[1], vertex[0], vertex[1])[2] / 1000.0
    if abs(measured - offset) > 0.01:
        yield err(
            "geometry",
            f"waypoint {k} is drawn {measured:.3f} km from its cited point {list(cited)}, "
            f"but offsets_km declares {offset} km (re-run tools/derive_routes.py).",
        )
