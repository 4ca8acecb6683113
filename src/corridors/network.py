"""The multimodal corridor network: places as nodes, legs as edges (networkx).

Nodes are the places the corridor legs of geodata name in ``from``/``to``
(``corridors/nodes.geojson``, the crossings); edges are the legs, in both
directions, keyed by leg id, with ``mode``, ``corridor`` and ``length_km``
computed by `corridors.measure` (never typed in). Two kinds of edge come from
``geodata/transit.toml`` instead of a GeoJSON leg, each labelled and sourced there:

- **transfers** between two nodes of one port system (Baku–Alat): length = the
  geodesic distance between the nodes, mode ``"transfer"``; left out where a drawn
  leg already joins the two nodes (the drawn leg, with its mode, is used instead);
- **sea links** (the Black Sea feeder Batumi–Constanța): the path of the
  maritime network shipped with `searoute`, measured by `corridors.measure`; left out,
  like a transfer, where a drawn leg already joins the two places.

Known gaps in the data are kept visible rather than bridged: Kuryk has no rail
leg (the Kuryk–Alat ferry is unreachable by rail), and the Dostyk–Moyinty leg
ends at Moyinty, which joins nothing further west.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
import pandas as pd
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from corridors import arguments, catalog, lifecycle, measure, parameters, years
from corridors.catalog import Catalog
from corridors.errors import NoRouteError, UnknownNameError
from corridors.lifecycle import Expectation

#: Layers whose legs (features with ``from``/``to``) form the network.
LEG_LAYERS = ("titr", "northern", "roads")
#: Modes of legs that board and leave a ship at their end places.
WATER_MODES = ("ferry", "sea")
#: Columns of a path table (`shortest_path`).
PATH_COLUMNS = ("leg", "kind", "mode", "corridor", "from", "to", "length_km")


@catalog.with_geodata
def corridor_network(
    year: int | None = None,
    *,
    expectation: Expectation = "earliest",
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> nx.MultiDiGraph[str]:
    """Return the corridor network open in `year` as a networkx MultiDiGraph (a fresh copy).

    Parameters
    ----------
    year
        Only legs and places open in that year are in the network (default: the data's
        as-of year; see `corridors.years`). After the as-of date, a leg expected to open
        by then counts from the earliest (or latest) date its sources give; its edges
        say ``expected=True``. Undated legs and places are in every year.
    expectation
        ``"earliest"`` or ``"latest"`` sourced expectation.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use. Its ``transit.toml`` supplies the transfers and sea links.
        The network is built once per year and state of the folder's files.

    Returns
    -------
    graph
        Nodes keyed by feature id with ``name``, ``kind``, ``countries``, ``lon``,
        ``lat``. Each leg gives two edges (both directions) keyed by leg id with
        ``leg``, ``kind`` ("leg", "transfer" or "sea_link"), ``mode``, ``corridor``,
        ``from``, ``to`` (in the direction of travel), ``length_km``,
        ``country_km`` (length per ISO alpha-3 country, ``"-"`` at sea), ``geometry``
        (lon/lat, in the direction of travel), ``note``, ``opened`` and ``expected``.
        ``graph.graph`` holds ``year``, ``expectation`` and ``not_open``: the legs and
        places of the data left out that year, by id, each ``{name, status, opened,
        expected}`` (``opened``: the date it opened or is expected to, if known).

    Examples
    --------
    >>> g = corridor_network()
    >>> g.has_edge("aktau", "baku", key="titr-aktau-baku-ferry")
    True
    >>> "titr-akhalkalaki-kars" in corridor_network(2010).graph["not_open"]
    True
    """
    year = years.resolve_year(year)
    return (
        catalog.in_use()
        .kept(f"network:{year}:{expectation}", lambda: _network(year, expectation))
        .copy()
    )


def _left_out(row: Any, why: str | None = None) -> dict[str, Any]:
    found = lifecycle.opening(row.get("history"))
    return {
        "name": row["name"],
        "status": row["status"] if isinstance(row["status"], str) else None,
        "opened": found[0] if found else None,
        "expected": bool(found and found[1]),
        **({"because": why} if why else {}),
    }


def _network(year: int, expectation: Expectation) -> nx.MultiDiGraph[str]:
    everything = years.frame_in(catalog.load_all(), year, expectation=expectation)
    all_legs = everything[everything["layer"].isin(LEG_LAYERS) & everything["from"].notna()]
    ends = set(all_legs["from"]) | set(all_legs["to"])
    all_places = everything[everything["id"].isin(ends)]
    shut_places = set(all_places.loc[~all_places["open"], "id"])
    not_open = {row["id"]: _left_out(row) for _, row in all_places[~all_places["open"]].iterrows()}
    # A place not open yet (a port) is no place to board a ferry or to transfer;
    # a railway that ran through the place before the port was built keeps running.
    by_water = all_legs["mode"].isin(WATER_MODES)
    port_shut = by_water & (all_legs["from"].isin(shut_places) | all_legs["to"].isin(shut_places))
    keep = all_legs["open"] & ~port_shut
    for _, row in all_legs[~keep].iterrows():
        shut = [row[end] for end in ("from", "to") if row[end] in shut_places]
        why = None if not row["open"] else f"{' and '.join(shut)} not open"
        not_open[row["id"]] = _left_out(row, why)
    legs = all_legs[keep]
    used = set(legs["from"]) | set(legs["to"])
    places = all_places[all_places["open"] | all_places["id"].isin(used)]
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        year=year, expectation=expectation, not_open=not_open
    )
    for _, row in places.iterrows():
        point = row.geometry if isinstance(row.geometry, Point) else row.geometry.centroid
        graph.add_node(
            row["id"],
            name=row["name"],
            kind=row["kind"],
            countries=list(row["countries"]),
            lon=point.x,
            lat=point.y,
        )
    lengths = measure.route_lengths(legs)
    for (_, row), length in zip(legs.iterrows(), lengths, strict=True):
        _add_both_ways(
            graph,
            leg=row["id"],
            kind="leg",
            mode=row["mode"],
            corridor=row["corridor"],
            start=row["from"],
            end=row["to"],
            geometry=row.geometry,
            length_km=float(length),
            country_km=_country_km(
                row.geometry, sea=row["mode"] in ("ferry", "sea"), declared=row["countries"]
            ),
            note="",
            opened=row["opened"] if isinstance(row["opened"], str) else None,
            expected=bool(row["expected"]),
        )
    data = parameters.load()
    for link in data.links:
        shut = [n for n in (link.start, link.end) if n in shut_places]
        if shut:
            not_open[link.id] = {
                "name": link.id,
                "status": None,
                "opened": None,
                "expected": False,
                "because": f"{' and '.join(shut)} not open",
            }
            continue
        _add_link(graph, link)
    return graph


def _country_km(
    geometry: BaseGeometry, *, sea: bool, declared: Sequence[str] = ()
) -> dict[str, float]:
    """Split a leg's length by country; on land, spread gaps in the polygons pro rata.

    Length that the basemap puts in a country the leg does not declare (a line
    running along a border drawn at 1:10m can stray a few km across it) counts
    as a gap too: the leg's sourced ``countries`` say where it runs.
    """
    split = measure.country_split(geometry)  # shared with validation and the maps' popups
    km = dict(zip(split["country"], split["length_km"].astype(float), strict=True))
    if sea:
        return {"-": sum(km.values())}
    gap = km.pop("-", 0.0)
    if declared:
        for country in [c for c in km if c not in declared]:
            gap += km.pop(country)
    land = sum(km.values())
    if not land:
        return {"-": gap}
    return {country: value * (1 + gap / land) for country, value in km.items()}


def _add_both_ways(graph: nx.MultiDiGraph[str], **edge: Any) -> None:
    start, end, geometry = edge.pop("start"), edge.pop("end"), edge.pop("geometry")
    for a, b, geom in ((start, end, geometry), (end, start, shapely.reverse(geometry))):
        graph.add_edge(a, b, key=edge["leg"], **{"from": a, "to": b}, geometry=geom, **edge)


def _add_link(graph: nx.MultiDiGraph[str], link: parameters.Link) -> None:
    for node in (link.start, *((link.end,) if link.kind == "transfer" else ())):
        if node not in graph:
            raise UnknownNameError("network node", node, graph.nodes)  # noqa: EM101 (a label)
    if link.kind == "transfer" and graph.has_edge(link.start, link.end):
        return  # a drawn leg joins the two nodes: it replaces the transfer
    a = graph.nodes[link.start]
    if link.kind == "transfer":
        b = graph.nodes[link.end]
        end = link.end
        geometry = LineString([(a["lon"], a["lat"]), (b["lon"], b["lat"])])
        mode, country_km_sea = "transfer", False
    else:
        port = searoute_port(link.end)
        end = port["id"]
        if graph.has_edge(link.start, end):
            return  # a drawn leg joins the two places: it replaces the sea link
        graph.add_node(end, **{k: v for k, v in port.items() if k != "id"})
        b = graph.nodes[end]
        geometry = sea_line((a["lon"], a["lat"]), (b["lon"], b["lat"]))
        mode, country_km_sea = "sea", True
    length = float(measure.geodesic_lengths([geometry])[0]) / 1000
    _add_both_ways(
        graph,
        leg=link.id,
        kind=link.kind,
        mode=mode,
        corridor=link.corridor,
        start=link.start,
        end=end,
        geometry=geometry,
        length_km=length,
        country_km={"-" if country_km_sea else a["countries"][0]: length},
        note=link.note,
        opened=None,
        expected=False,
    )


@cache
def _searoute_ports() -> tuple[dict[str, Any], ...]:
    path = files("searoute") / "data" / "ports.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return tuple(
        {
            "code": f["properties"]["port"],
            "name": f["properties"]["name"],
            "country_name": f["properties"]["cty"],
            "lon": float(f["geometry"]["coordinates"][0]),
            "lat": float(f["geometry"]["coordinates"][1]),
        }
        for f in features
    )


def searoute_port(name: str) -> dict[str, Any]:
    """Return a port of the `searoute` port list by UN/LOCODE (``NLRTM``) or name.

    Returns
    -------
    port
        ``id`` (the UN/LOCODE, e.g. ``NLRTM``: upper case, so it never equals a
        network node's id, which is lower-case kebab), ``name``,
        ``kind`` ("seaport"),
        ``countries`` (empty: searoute gives country names, not ISO codes),
        ``country_name``, ``code``, ``lon``, ``lat``.
    """
    return _port(catalog.match_name("searoute port", name, _port_candidates()))


def find_port(name: str) -> dict[str, Any] | None:
    """`searoute_port`, or None when nothing matches (no suggestions computed)."""
    found = catalog.find_name(name, _port_candidates())
    return None if found is None else _port(found[0])


@cache
def _port_candidates() -> tuple[tuple[int, tuple[str, str]], ...]:
    """(index, (code, name)) of every searoute port: built once, not per look-up."""
    return tuple((i, (p["code"], p["name"])) for i, p in enumerate(_searoute_ports()))


def _port(index: int) -> dict[str, Any]:
    port = _searoute_ports()[index]
    return {
        "id": port["code"],
        "name": port["name"],
        "kind": "seaport",
        "countries": [],
        "country_name": port["country_name"],
        "code": port["code"],
        "lon": port["lon"],
        "lat": port["lat"],
    }


def sea_line(
    start: tuple[float, float], end: tuple[float, float], *, restrictions: tuple[str, ...] = ()
) -> LineString:
    """Return the sea route between two lon/lat points on searoute's maritime network.

    Parameters
    ----------
    start, end
        (lon, lat) of the ports; searoute snaps them to its nearest network node.
    restrictions
        Passages to avoid, e.g. ``("northwest", "suez", "panama")`` to go round the
        Cape (with Suez closed searoute uses Panama unless Panama is excluded too).

    Raises
    ------
    NoRouteError
        If searoute finds no route (two ports on the same node of its network).
    """
    found = _sea_line(tuple(start), tuple(end), tuple(restrictions))
    if isinstance(found, str):
        raise NoRouteError(found)
    return found


@cache
def _sea_line(
    start: tuple[float, float], end: tuple[float, float], restrictions: tuple[str, ...]
) -> LineString | str:
    """`sea_line`, or why there is none: kept either way.

    A miss used to be searched again for every pair of the calculator that met it (two
    ports that searoute snaps to one node of its network: Poti and Batumi).
    """
    import searoute  # noqa: PLC0415 (loads its network on first use only)

    feature = searoute.searoute(list(start), list(end), units="km", restrictions=list(restrictions))
    coords = feature["geometry"]["coordinates"]
    if len(coords) < 2:
        return f"searoute found no sea route between {start} and {end}."
    return LineString(coords)


@catalog.with_geodata
def node_id(
    name: str,
    *,
    graph: nx.MultiDiGraph[str] | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> str:
    """Return the id of the network node called `name` (an id or a place name).

    Names match without regard to case, accents or punctuation ("Ürümqi", "urumqi").

    Parameters
    ----------
    name
        A node id or a place name, in any script.
    graph
        The network to look in (default: `corridor_network` of `geodata`).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    node
        The node's id (a feature id of geodata).

    Raises
    ------
    UnknownNameError
        If no node matches; the message suggests the closest node names.
    """
    graph = corridor_network() if graph is None else graph
    if name in graph:  # an id, the common case: no candidate list to build
        return str(name)
    return catalog.match_name("network node", name, _node_candidates(graph))


def find_node(name: str, *, graph: nx.MultiDiGraph[str]) -> str | None:
    """`node_id`, or None when nothing matches (no suggestions computed)."""
    if name in graph:
        return str(name)
    found = catalog.find_name(name, _node_candidates(graph))
    return None if found is None else found[0]


def _node_candidates(graph: nx.MultiDiGraph[str]) -> list[tuple[str, tuple[str, str]]]:
    return [(str(node), (str(node), str(label))) for node, label in graph.nodes(data="name")]


@catalog.with_geodata
def corridor_graph(
    corridor: str,
    *,
    graph: nx.MultiDiGraph[str] | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> nx.MultiDiGraph[str]:
    """Return the part of the network a land corridor ("titr", "northern") may use.

    Parameters
    ----------
    corridor
        A land corridor of ``transit.toml``: ``titr`` or ``northern``.
    graph
        The network (default: `corridor_network` of `geodata`).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    graph
        A read-only view of `graph` with the corridor's legs and shared legs.

    Raises
    ------
    UnknownNameError
        If `corridor` is no land corridor.
    """
    graph = corridor_network() if graph is None else graph
    land = {cid: c for cid, c in parameters.load().corridors.items() if c.leg_corridors}
    if corridor not in land:
        raise UnknownNameError("land corridor", corridor, land)  # noqa: EM101 (a label)
    spec = land[corridor]
    keep = [
        (a, b, k)
        for a, b, k, attrs in graph.edges(keys=True, data=True)
        if attrs["corridor"] in spec.leg_corridors or k in spec.shared_legs
    ]
    # networkx's stubs type edge_subgraph with (u, v) pairs; a MultiGraph takes (u, v, key).
    return graph.edge_subgraph(keep)  # type: ignore[arg-type]


@catalog.with_geodata
def shortest_path(
    origin: str,
    destination: str,
    *,
    corridor: str | None = None,
    graph: nx.MultiDiGraph[str] | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> pd.DataFrame:
    """Return the shortest chain of legs (by geodesic km) between two places.

    Parameters
    ----------
    origin, destination
        Node ids or names (``"Lianyungang"``, ``"kars"``).
    corridor
        Restrict to the legs of one land corridor (``"titr"``, ``"northern"``);
        ``None`` uses every leg, transfer and sea link.
    graph
        The network to search (default: `corridor_network` of `geodata`).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    legs
        One row per leg in travel order: ``leg``, ``kind``, ``mode``, ``corridor``,
        ``from``, ``to``, ``length_km``.

    Raises
    ------
    UnknownNameError
        If a place is not a node of the network (the closest names are suggested).
    NoRouteError
        If the two places are not connected (on that corridor).

    Examples
    --------
    >>> shortest_path("Almaty", "Aktau")["leg"].tolist()
    ['titr-almaty-aktau']
    """
    arguments.name(origin, argument="origin", what="a place id or name such as 'almaty'")
    arguments.name(destination, argument="destination", what="a place id or name")
    arguments.optional_name(corridor, argument="corridor", what="a corridor such as 'titr'")
    full = corridor_network() if graph is None else graph
    a, b = node_id(origin, graph=full), node_id(destination, graph=full)
    search = full if corridor is None else corridor_graph(corridor, graph=full)
    rows = [
        {column: search.edges[u, v, key][column] for column in PATH_COLUMNS}
        for u, v, key in legs_between(a, b, search=search, corridor=corridor)
    ]
    return pd.DataFrame(rows, columns=list(PATH_COLUMNS))


def legs_between(
    a: str, b: str, *, search: nx.MultiDiGraph[str], corridor: str | None = None
) -> list[tuple[str, str, str]]:
    """The shortest chain of legs between two node ids of `search`: (from, to, leg) each.

    `shortest_path` without the name look-ups and the table, for callers that search
    one network many times (`corridors.transit`); `corridor` only words the error.
    """
    if a == b:
        return []
    try:
        nodes = nx.shortest_path(search, a, b, weight="length_km")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        on = f" on corridor {corridor!r}" if corridor else ""
        reach = sorted(nx.descendants(search, a)) if a in search else []
        msg = (
            f"no route from {a!r} to {b!r}{on}; from {a!r} the data reaches "
            f"{', '.join(reach) if reach else 'nothing'}. A leg is missing in geodata "
            "(see the corridor notes in transit.toml)."
        )
        raise NoRouteError(msg) from None
    legs: list[tuple[str, str, str]] = []
    for u, v in itertools.pairwise(nodes):
        edges = search.get_edge_data(u, v)
        legs.append((u, v, str(min(edges, key=lambda k: edges[k]["length_km"]))))
    return legs


@catalog.with_geodata
def path_edges(
    path: pd.DataFrame,
    *,
    graph: nx.MultiDiGraph[str] | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> list[dict[str, Any]]:
    """Return the full edge attributes (geometry, country_km...) of a path's legs.

    Parameters
    ----------
    path
        A path table (`shortest_path`).
    graph
        The network the path was found in (default: `corridor_network` of `geodata`).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    edges
        One dict of edge attributes per row of `path`, in order.
    """
    graph = corridor_network() if graph is None else graph
    return [dict(graph.edges[row["from"], row["to"], row["leg"]]) for _, row in path.iterrows()]
