"""Draw the rail and road legs on the OpenStreetMap-derived network, between cited waypoints.

Run by a maintainer after editing waypoints, never at build time; the outputs are
committed. Needs the ``derive`` extra (``pip install -e '.[derive]'``): PyPI
``scgraph-data`` 2.0.0 (railway and highway networks derived from OpenStreetMap,
ODbL 1.0) loaded with ``scgraph`` 2.15.0.

    python tools/derive_routes.py            # rewrites the route files in place
    python tools/derive_routes.py --check    # exit 1 if a committed file differs

The waypoints of each route are the facts a person edits (cited stations and
towns, in route order). For every stretch between two consecutive waypoints the
tool looks for the shortest path on the network and keeps it only when it is
sound; otherwise the stretch stays a straight chord, marked schematic:

- both waypoints lie within ``SNAP_KM`` of a network edge no longer than
  ``MAX_EDGE_KM`` (they are joined to the nearest point on that edge, not to the
  nearest node);
- the path is sought first without edges longer than ``MAX_EDGE_KM`` (the network
  has long straight edges where OpenStreetMap was simplified); only if that finds
  no sound path is it sought again through them, under the same rules. Such a
  stretch is still drawn from the network, but each straight edge it runs through
  is recorded in its ``straight_edges``, ``[{"vertex": i, "km": km}, ...]`` (i: the
  edge's first vertex, counting the stretch's first waypoint as 0; km: its
  geodesic length, to the metre), and is shown and counted as schematic, like a chord;
- the path is at most ``DETOUR_RATIO`` times the chord (or the chord plus
  ``DETOUR_SLACK_KM``, whichever is more), unless both waypoints carry km posts,
  in which case the path may be up to ``KM_POST_TOLERANCE`` longer than their
  difference (plus ``2 * SNAP_KM``: a waypoint may be a town centre near the
  station that carries the km post). A path shorter than the km posts is kept:
  the chord would be shorter still.

The network is split into pieces that are sometimes only metres apart; dead
ends within ``JOIN_KM`` of another piece are joined (dead ends of the network
without its long edges), and a path records how many such joins it used. Each
feature gets ``stretches`` (one record per stretch: how it was drawn, its
vertices, its straight edges, and why a chord stayed a chord) and ``drawn_from``
(package, version, licence). Lengths are geodesic on WGS 84 (pyproj), never the
network's own edge weights.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import itertools
import json
import math
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import shapely
import shapely.geometry
from geodata_format import dumps, source_id
from pyproj import Geod
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
GEOD = Geod(ellps="WGS84")

#: Files whose rail and road routes are drawn on the network.
ROUTE_FILES = ("corridors/titr.geojson", "corridors/northern.geojson", "corridors/roads.geojson")

#: The regional railway grid, drawn as thin context on the maps, and its extent.
CONTEXT_FILE = "base/rail-network.geojson"
CONTEXT_EXTENT = (26.0, 34.0, 122.0, 57.0)
#: Simplification of the context grid (degrees, about 1 km): enough at atlas scales.
CONTEXT_SIMPLIFY_DEG = 0.01
#: Pieces of the grid shorter than this (degrees, about 3 km: yards, sidings) are dropped.
CONTEXT_MIN_PIECE_DEG = 0.03

#: Region of the network loaded (lon/lat): Western Europe to the Yellow Sea.
EXTENT = (-10.0, 25.0, 125.0, 66.0)
#: A waypoint farther than this from every network edge is not on the network.
SNAP_KM = 5.0
#: Network edges longer than this are straight simplifications: left out of the first
#: search, taken only when a stretch has no sound path without them (then schematic).
MAX_EDGE_KM = 100.0
#: A path longer than max(DETOUR_RATIO x chord, chord + DETOUR_SLACK_KM) is a detour.
DETOUR_RATIO = 1.5
DETOUR_SLACK_KM = 10.0
#: With km posts at both ends, the path must be within this share of their difference.
KM_POST_TOLERANCE = 0.15
#: Dead ends of the network this close to another piece are joined to it.
JOIN_KM = 3.0
#: ...unless the network already links them within this distance (parallel tracks).
JOIN_DETOUR_KM = 30.0
#: Vertices kept to this precision (degrees); the network itself is rounded to 0.001°.
DIGITS = 5

SCGRAPH_DATA_VERSION = "2.0.0"
SCGRAPH_VERSION = "2.15.0"
OSM_SOURCE = {
    "title": "© OpenStreetMap contributors (ODbL 1.0): railway and highway networks "
    f"derived from OpenStreetMap, as shipped in PyPI scgraph-data {SCGRAPH_DATA_VERSION}",
    "url": "https://www.openstreetmap.org/copyright",
}


@dataclass(frozen=True)
class NetworkSpec:
    """One network of scgraph-data: the module holding it and its description."""

    key: str
    module: str
    description: str


NETWORKS = {
    "rail": NetworkSpec(
        "rail",
        "scgraph_data.world_railways",
        f"PyPI scgraph-data {SCGRAPH_DATA_VERSION} world_railways "
        "(OpenStreetMap railways, ODbL 1.0)",
    ),
    "road": NetworkSpec(
        "road",
        "scgraph_data.world_highways",
        f"PyPI scgraph-data {SCGRAPH_DATA_VERSION} world_highways "
        "(OpenStreetMap highways, ODbL 1.0)",
    ),
}
MODE_NETWORK = {"rail_1435": "rail", "rail_1520": "rail", "road": "road"}


def geodesic_km(lon0: Any, lat0: Any, lon1: Any, lat1: Any) -> Any:
    """Geodesic distance(s) on WGS 84, in km."""
    return GEOD.inv(lon0, lat0, lon1, lat1)[2] / 1000.0


def line_km(coords: Sequence[Sequence[float]]) -> float:
    """Geodesic length of a lon/lat polyline, in km."""
    arr = np.asarray(coords, dtype=float)
    if len(arr) < 2:
        return 0.0
    return float(np.sum(geodesic_km(arr[:-1, 0], arr[:-1, 1], arr[1:, 0], arr[1:, 1])))


class Network:
    """A routable copy of one scgraph-data network inside `EXTENT`."""

    def __init__(self, spec: NetworkSpec) -> None:
        module = importlib.import_module(spec.module)
        nodes = np.asarray(module.nodes, dtype=float)  # [lat, lon]
        west, south, east, north = EXTENT
        inside = (
            (nodes[:, 1] >= west)
            & (nodes[:, 1] <= east)
            & (nodes[:, 0] >= south)
            & (nodes[:, 0] <= north)
        )
        old_ids = np.flatnonzero(inside)
        new_id = np.full(len(nodes), -1)
        new_id[old_ids] = np.arange(len(old_ids))
        self.lon = nodes[old_ids, 1]
        self.lat = nodes[old_ids, 0]
        pairs = {
            (min(new_id[i], new_id[j]), max(new_id[i], new_id[j]))
            for i in old_ids
            for j in module.graph[i]
            if inside[j] and new_id[i] != new_id[j]
        }
        edges = np.array(sorted(pairs), dtype=np.int64)
        km = geodesic_km(
            self.lon[edges[:, 0]],
            self.lat[edges[:, 0]],
            self.lon[edges[:, 1]],
            self.lat[edges[:, 1]],
        )
        keep = km <= MAX_EDGE_KM
        self.long_edges = int((~keep).sum())
        self.edges = edges[keep]
        self.km = km[keep]
        self.joins = self._join_pieces()
        # The long straight edges, routed through only when a stretch has no sound path
        # without them (`path(..., straight=True)`); they follow the joins, so the index
        # of a snapped edge means the same in both graphs.
        self.straight_pairs = {(int(a), int(b)) for a, b in edges[~keep]}
        self._all_edges = np.concatenate([self.edges, edges[~keep]])
        self._all_km = np.concatenate([self.km, km[~keep]])
        self.spec = spec
        self._segments = shapely.linestrings(
            np.stack(
                [
                    np.column_stack([self.lon[self.edges[:, 0]], self.lat[self.edges[:, 0]]]),
                    np.column_stack([self.lon[self.edges[:, 1]], self.lat[self.edges[:, 1]]]),
                ],
                axis=1,
            )
        )
        self._tree = shapely.STRtree(self._segments)

    def _join_pieces(self) -> int:
        """Join each dead end to the nearest node within `JOIN_KM` it is not yet linked to.

        A node counts as not linked when the network takes more than
        ``JOIN_DETOUR_KM`` to reach it (or cannot reach it at all): a break in the
        data, such as the 0.38 km gap at Beidao that sends Baoji–Tianshui round a
        394 km detour, rather than two parallel tracks.
        """
        n = len(self.lon)
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_weighted_edges_from(
            (int(a), int(b), float(k)) for (a, b), k in zip(self.edges, self.km, strict=True)
        )
        degree = np.bincount(self.edges.ravel(), minlength=n)
        points = shapely.points(self.lon, self.lat)
        tree = shapely.STRtree(points)
        # JOIN_KM in degrees, generous in longitude (checked geodesically below).
        reach = JOIN_KM / 111.0 / math.cos(math.radians(EXTENT[3]))
        joined: set[tuple[int, int]] = set()
        for end in np.flatnonzero(degree == 1):
            near = tree.query(points[end], predicate="dwithin", distance=reach)
            near = near[near != end]
            if not len(near):
                continue
            dist = geodesic_km(
                np.full(len(near), self.lon[end]),
                np.full(len(near), self.lat[end]),
                self.lon[near],
                self.lat[near],
            )
            linked = nx.single_source_dijkstra_path_length(
                graph, int(end), cutoff=JOIN_DETOUR_KM, weight="weight"
            )
            best = None
            for node, km in sorted(
                zip(near.tolist(), dist.tolist(), strict=True), key=lambda t: (t[1], t[0])
            ):
                if km <= JOIN_KM and node not in linked:
                    best = node
                    break
            if best is not None:
                joined.add((min(int(end), best), max(int(end), best)))
        extra = np.array(sorted(joined), dtype=np.int64).reshape(-1, 2)
        extra_km = geodesic_km(
            self.lon[extra[:, 0]],
            self.lat[extra[:, 0]],
            self.lon[extra[:, 1]],
            self.lat[extra[:, 1]],
        )
        self.is_join = np.concatenate([np.zeros(len(self.edges), bool), np.ones(len(extra), bool)])
        self.join_pairs = set(joined)
        self.edges = np.concatenate([self.edges, extra])
        self.km = np.concatenate([self.km, np.atleast_1d(extra_km)])
        return len(extra)

    def snap(self, lon: float, lat: float) -> tuple[int, tuple[float, float], float]:
        """Nearest point on a network edge: (edge index, point, distance in km)."""
        point = shapely.Point(lon, lat)
        candidates = self._tree.query(point, predicate="dwithin", distance=SNAP_KM / 60.0)
        if not len(candidates):
            return -1, (lon, lat), math.inf
        best: tuple[float, int, tuple[float, float]] | None = None
        for edge in candidates:
            segment = self._segments[edge]
            on = segment.interpolate(segment.project(point))
            km = float(geodesic_km(lon, lat, on.x, on.y))
            if best is None or (km, int(edge)) < (best[0], best[1]):
                best = (km, int(edge), (on.x, on.y))
        assert best is not None
        return best[1], best[2], best[0]

    def path(
        self,
        start: tuple[int, tuple[float, float]],
        end: tuple[int, tuple[float, float]],
        limit_km: float,
        *,
        straight: bool = False,
    ) -> tuple[list[tuple[float, float]], int, list[int]] | None:
        """Shortest path between two snapped points, or None.

        Returns the vertices, the joins used and the steps along straight edges
        over `MAX_EDGE_KM` (k: from vertex k to k + 1), which the path may take
        only when `straight` is true (otherwise it has none).
        """
        n = len(self.lon)
        edges, edge_km = (self._all_edges, self._all_km) if straight else (self.edges, self.km)
        s_edge, s_point = start
        e_edge, e_point = end
        if s_edge == e_edge:
            return [s_point, e_point], 0, []
        # Two virtual nodes, n and n+1, split their edges at the snapped points.
        rows, cols, weights = [edges[:, 0]], [edges[:, 1]], [edge_km]
        for virtual, (edge, (x, y)) in ((n, start), (n + 1, end)):
            a, b = edges[edge]
            rows.append(np.array([virtual, virtual]))
            cols.append(np.array([a, b]))
            weights.append(
                np.maximum(
                    geodesic_km(np.full(2, x), np.full(2, y), self.lon[[a, b]], self.lat[[a, b]]),
                    1e-9,
                )
            )
        matrix = coo_matrix(
            (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
            shape=(n + 2, n + 2),
        ).tocsr()
        dist, pred = dijkstra(
            matrix, directed=False, indices=n, return_predecessors=True, limit=limit_km
        )
        if not math.isfinite(dist[n + 1]):
            return None
        order = [n + 1]
        while order[-1] != n:
            order.append(int(pred[order[-1]]))
        order.reverse()
        joins = self._joins_on(order[1:-1])
        coords = [s_point, *[(self.lon[i], self.lat[i]) for i in order[1:-1]], e_point]
        steps = [
            k + 1
            for k, (a, b) in enumerate(itertools.pairwise(order[1:-1]))
            if (min(a, b), max(a, b)) in self.straight_pairs
        ]
        return coords, joins, steps

    def _joins_on(self, order: Sequence[int]) -> int:
        return sum((min(a, b), max(a, b)) in self.join_pairs for a, b in itertools.pairwise(order))


def _round(point: Sequence[float]) -> list[float]:
    return [round(float(point[0]), DIGITS), round(float(point[1]), DIGITS)]


def _cited(waypoint: dict[str, Any]) -> list[float]:
    """A waypoint's coordinates exactly as cited (the line passes through them)."""
    return [waypoint["lon"], waypoint["lat"]]


def _dedupe(coords: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for c in coords:
        if not out or out[-1] != c:
            out.append(c)
    return out


@dataclass(frozen=True)
class Snap:
    """Where a waypoint meets the network: edge index, point on it, distance in km."""

    edge: int
    point: tuple[float, float]
    km: float


#: A step of a drawn stretch along a straight network edge: its two rounded ends.
StraightStep = tuple[tuple[float, float], tuple[float, float]]


def draw_stretch(
    net: Network, a: dict[str, Any], b: dict[str, Any], snap_a: Snap, snap_b: Snap
) -> tuple[list[list[float]], dict[str, Any], list[StraightStep]]:
    """Network vertices strictly between the snapped ends, the stretch's record, and
    the steps of the path along straight edges over `MAX_EDGE_KM`.

    The path is first sought without the straight edges; only if that finds no
    sound path is it sought again through them, under the same rules.
    """
    chord = float(geodesic_km(a["lon"], a["lat"], b["lon"], b["lat"]))
    record: dict[str, Any] = {"method": "chord"}
    if snap_a.km > SNAP_KM or snap_b.km > SNAP_KM:
        far = a["name"] if snap_a.km > SNAP_KM else b["name"]
        record["why"] = f"{far} is more than {SNAP_KM:g} km from the network"
        return [], record, []
    posts = a.get("km_post"), b.get("km_post")
    same_line = None not in posts and posts[0]["line"] == posts[1]["line"]
    expected = abs(posts[1]["value"] - posts[0]["value"]) if same_line else None
    allowed = max(DETOUR_RATIO * chord, chord + DETOUR_SLACK_KM)
    if expected is not None:
        # Each waypoint may lie up to SNAP_KM from the station whose km post it carries.
        allowed = max(allowed, expected * (1 + KM_POST_TOLERANCE) + 2 * SNAP_KM)
    ends = (_round(snap_a.point), _round(snap_b.point))
    for straight in (False, True):
        found = net.path(
            (snap_a.edge, snap_a.point),
            (snap_b.edge, snap_b.point),
            limit_km=allowed,
            straight=straight,
        )
        if found is None:
            through = "even through" if straight else "without"
            record["why"] = (
                f"no network path within {allowed:.0f} km (chord {chord:.0f} km) "
                f"{through} edges over {MAX_EDGE_KM:g} km"
            )
            continue
        path, joins, steps = found
        rounded = [_round(p) for p in path]
        interior = [c for c in _dedupe(rounded) if c not in ends]
        km = line_km([ends[0], *interior, ends[1]])
        if km > allowed:
            record["why"] = f"network path {km:.0f} km is a detour (chord {chord:.0f} km)"
            continue
        record = {"method": "network", "network": net.spec.key, "vertices": len(interior)}
        if joins:
            record["gap_joins"] = joins
        pairs = [(tuple(rounded[k]), tuple(rounded[k + 1])) for k in steps]
        return interior, record, pairs
    return [], record, []


def straight_edges(
    vertices: Sequence[Sequence[float]], steps: Sequence[StraightStep]
) -> list[dict[str, Any]]:
    """``[{"vertex": i, "km": km}, ...]``: each step from vertex i to i + 1 of a drawn
    stretch that is one of `steps` (a straight network edge over `MAX_EDGE_KM`), with
    its geodesic length.

    `vertices` run from the stretch's first waypoint (i = 0) to its last, as drawn.
    """
    wanted = {frozenset(step) for step in steps}
    found = [
        {"vertex": i, "km": round(line_km([p, q]), 3)}
        for i, (p, q) in enumerate(itertools.pairwise(vertices))
        if frozenset((tuple(p), tuple(q))) in wanted
    ]
    if len(found) != len(wanted):
        msg = f"straight edges {sorted(map(sorted, wanted))} not all among the drawn vertices"
        raise RuntimeError(msg)
    return found


def without_spurs(
    coords: list[list[float]], marks: list[int], cited: Sequence[Sequence[float]]
) -> tuple[list[list[float]], list[int]]:
    """The line without the spurs it runs out along and straight back (``p, q, p``), and
    the waypoints' new places in it.

    Such a spur comes from the network (a waypoint snapped to a siding or a station
    track, or two vertices that round to one point): the line would repeat a point and
    count the spur twice. A waypoint on a cut spur moves to the junction where the spur
    left the line (its distance from the cited place goes into ``offsets_km``), unless
    that is more than ``SNAP_KM`` from its `cited` place: then the line does go out to
    the waypoint and back, and the spur stays.
    """
    kept: list[list[float]] = []
    at: list[list[int]] = []  # the waypoints (indices into marks) at each kept point
    where = {m: w for w, m in enumerate(marks)}
    for k, point in enumerate(coords):
        here = [where[k]] if k in where else []
        if kept and kept[-1] == point:
            at[-1].extend(here)
        elif (
            len(kept) >= 2
            and kept[-2] == point
            and all(geodesic_km(*cited[w], *point) <= SNAP_KM for w in at[-1] + here)
        ):
            kept.pop()
            at[-2].extend(at.pop())
            at[-1].extend(here)
        else:
            kept.append(point)
            at.append(here)
    moved = [0] * len(marks)
    for k, waypoints in enumerate(at):
        for w in waypoints:
            moved[w] = k
    if any(b <= a for a, b in itertools.pairwise(moved)):
        msg = f"cutting spurs would put two waypoints at one point (places {moved})"
        raise RuntimeError(msg)
    return kept, moved


def derive_feature(
    feature: dict[str, Any], networks: dict[str, Network], osm_ref: str
) -> dict[str, Any]:
    """The feature with its geometry drawn stretch by stretch and `stretches` recorded.

    A waypoint next to a network stretch is drawn where it meets the network (a
    town centre a few km off the line is not a vertex of the line; the offset is
    recorded in ``offsets_km``); elsewhere it is drawn exactly as cited.
    """
    props = feature["properties"]
    net = networks[MODE_NETWORK[props["mode"]]]
    waypoints = props["waypoints"]
    snaps = [Snap(*net.snap(w["lon"], w["lat"])) for w in waypoints]
    drawn = [
        draw_stretch(net, a, b, snaps[i], snaps[i + 1])
        for i, (a, b) in enumerate(itertools.pairwise(waypoints))
    ]
    on_line: list[list[float]] = []
    offsets: list[float | None] = []
    for i, (waypoint, snap) in enumerate(zip(waypoints, snaps, strict=True)):
        beside = [drawn[k][1]["method"] for k in (i - 1, i) if 0 <= k < len(drawn)]
        if "network" in beside and _round(snap.point) != _cited(waypoint):
            on_line.append(_round(snap.point))
            offsets.append(
                round(float(geodesic_km(waypoint["lon"], waypoint["lat"], *on_line[-1])), 3)
            )
        else:
            on_line.append(_cited(waypoint))
            offsets.append(None)
    coords = [on_line[0]]
    marks = [0]  # where each waypoint is in coords
    for i, (interior, _, _) in enumerate(drawn):
        coords.extend(c for c in interior if c not in (on_line[i], on_line[i + 1]))
        coords.append(on_line[i + 1])
        marks.append(len(coords) - 1)
    coords, marks = without_spurs(coords, marks, [_cited(w) for w in waypoints])
    for i, waypoint in enumerate(waypoints):
        if coords[marks[i]] != on_line[i]:  # its spur was cut: drawn at the junction
            offsets[i] = round(
                float(geodesic_km(waypoint["lon"], waypoint["lat"], *coords[marks[i]])), 3
            )
    stretches = []
    for i, (_, record, steps) in enumerate(drawn):
        vertices = coords[marks[i] : marks[i + 1] + 1]
        if record["method"] == "network":
            record = {**record, "vertices": len(vertices) - 2}
            if steps:
                record["straight_edges"] = straight_edges(vertices, steps)
        stretches.append({"from": waypoints[i]["name"], "to": waypoints[i + 1]["name"], **record})
    props = dict(props)
    on_network = sum(s["method"] == "network" for s in stretches)
    straight = sum(len(s.get("straight_edges", [])) for s in stretches)
    props["geometry_method"] = (
        f"through its {len(waypoints)} cited waypoints in route order (a waypoint off "
        "the network is drawn at the nearest point on it; see 'offsets_km'); "
        f"{on_network} of {len(stretches)} stretches follow the OpenStreetMap-derived "
        f"{net.spec.key} network ({net.spec.description}) by tools/derive_routes.py, "
        "the others are straight chords (schematic)"
        + (
            f"; {straight} straight edge{'s' if straight != 1 else ''} of the network over "
            f"{MAX_EDGE_KM:g} km that network stretches run through "
            f"{'are' if straight != 1 else 'is'} schematic too ('straight_edges')"
            if straight
            else ""
        )
        + "; see 'stretches'"
    )
    props["stretches"] = stretches
    if any(o is not None for o in offsets):
        props["offsets_km"] = offsets
    else:
        props.pop("offsets_km", None)
    props["drawn_from"] = {
        "tool": "tools/derive_routes.py",
        "network": net.spec.description,
        "package": f"scgraph-data=={SCGRAPH_DATA_VERSION}",
        "licence": "ODbL 1.0, © OpenStreetMap contributors",
        "url": OSM_SOURCE["url"],
    }
    sources = [c for c in props["sources"] if c["ref"] != osm_ref]
    if on_network:
        sources.append({"ref": osm_ref, "supports": ["geometry"]})
    props["sources"] = sources
    return {
        **feature,
        "properties": props,
        "geometry": {"type": "LineString", "coordinates": coords},
    }


def derive_file(path: Path, networks: dict[str, Network]) -> str:
    """The derived text of one route file."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    osm_ref = source_id(collection, OSM_SOURCE)
    collection["features"] = [
        derive_feature(f, networks, osm_ref) if f["properties"].get("mode") in MODE_NETWORK else f
        for f in collection["features"]
    ]
    # The file lists only the sources it cites (OpenStreetMap goes if no stretch uses it).
    text = json.dumps(collection["features"], ensure_ascii=False)
    collection["sources"] = {
        sid: src
        for sid, src in collection["sources"].items()
        if f'"ref": {json.dumps(sid, ensure_ascii=False)}' in text
    }
    return dumps(collection)


def _check_versions() -> None:
    for package, wanted in (("scgraph-data", SCGRAPH_DATA_VERSION), ("scgraph", SCGRAPH_VERSION)):
        found = importlib.metadata.version(package)
        if found != wanted:
            msg = (
                f"{package} {found} is installed; this tool is pinned to {wanted} "
                "(pip install -e '.[derive]')."
            )
            raise SystemExit(msg)


def context_collection(net: Network) -> dict[str, Any]:
    """The network's railways inside `CONTEXT_EXTENT`, merged and simplified, as one feature."""
    west, south, east, north = CONTEXT_EXTENT
    real = net.edges[~net.is_join]
    lon0, lat0 = net.lon[real[:, 0]], net.lat[real[:, 0]]
    lon1, lat1 = net.lon[real[:, 1]], net.lat[real[:, 1]]
    inside = (
        (np.minimum(lon0, lon1) >= west)
        & (np.maximum(lon0, lon1) <= east)
        & (np.minimum(lat0, lat1) >= south)
        & (np.maximum(lat0, lat1) <= north)
    )
    segments = shapely.linestrings(
        np.stack(
            [np.column_stack([lon0, lat0])[inside], np.column_stack([lon1, lat1])[inside]], axis=1
        )
    )
    merged = shapely.line_merge(shapely.union_all(segments))
    simple = shapely.set_precision(shapely.simplify(merged, CONTEXT_SIMPLIFY_DEG), 0.001)
    parts = sorted(
        (
            [[round(x, 3), round(y, 3)] for x, y in part.coords]
            for part in shapely.get_parts(simple)
            if part.length >= CONTEXT_MIN_PIECE_DEG and len(part.coords) >= 2
        ),
        key=lambda coords: (coords[0], coords[-1], len(coords)),
    )
    countries = json.loads((GEODATA / "base" / "countries.geojson").read_text(encoding="utf-8"))
    grid = shapely.MultiLineString(parts)
    crossed = sorted(
        f["properties"]["iso3"]
        for f in countries["features"]
        if shapely.geometry.shape(f["geometry"]).intersects(grid)
    )
    feature = {
        "type": "Feature",
        "properties": {
            "id": "rail-network-osm",
            "name": "Railway network (OpenStreetMap)",
            "kind": "railway_network",
            "status": "existing",
            "countries": crossed,
            "description": "The region's railways as OpenStreetMap contributors have mapped "
            "them, for context: simplified to about 1 km, without yards and sidings under "
            "about 3 km; lines the derived network draws as straight edges over 100 km "
            "are left out.",
            "geometry_method": (
                f"edges of {NETWORKS['rail'].description} inside lon {west:g}…{east:g}, "
                f"lat {south:g}…{north:g}, merged, simplified at {CONTEXT_SIMPLIFY_DEG}°, pieces "
                f"under {CONTEXT_MIN_PIECE_DEG}° dropped, by tools/derive_routes.py"
            ),
            "sources": [{"ref": "openstreetmap", "supports": ["geometry"]}],
            "drawn_from": {
                "tool": "tools/derive_routes.py",
                "network": NETWORKS["rail"].description,
                "package": f"scgraph-data=={SCGRAPH_DATA_VERSION}",
                "licence": "ODbL 1.0, © OpenStreetMap contributors",
                "url": OSM_SOURCE["url"],
            },
        },
        "geometry": {"type": "MultiLineString", "coordinates": parts},
    }
    return {
        "type": "FeatureCollection",
        "sources": {"openstreetmap": OSM_SOURCE},
        "features": [feature],
    }


def iter_outputs(files: Sequence[str]) -> Iterator[tuple[Path, str]]:
    """Each output file with the text the tool derives for it (the routes, then the grid)."""
    _check_versions()
    networks = {key: Network(spec) for key, spec in NETWORKS.items()}
    for name in files:
        path = GEODATA / name
        yield path, derive_file(path, networks)
    collection = context_collection(networks["rail"])
    yield GEODATA / CONTEXT_FILE, dumps(collection, compact=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files; write nothing"
    )
    args = parser.parse_args(argv)
    stale = []
    for path, text in iter_outputs(ROUTE_FILES):
        if args.check:
            if path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    if stale:
        print("out of date (re-run tools/derive_routes.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
