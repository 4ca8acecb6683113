"""Transit-time model over the corridor network, and the corridor comparison.

Every estimate is a range: *low* uses the fast end of every sourced parameter
(the high speed, the short dwell), *high* the slow end, *typical* the typical
values. Parameters come from ``geodata/transit.toml`` (see `corridors.parameters`).

A leg's running time is its length per country (`corridors.measure.length_by_country`)
divided by the commercial speed for its mode in that country, or a published
crossing time for the legs that have one (Caspian ferries, Black Sea feeder).
Dwell is counted at the end node of a leg: "through" events (border, break of
gauge) where the route passes a node, "board"/"alight" events (berth cycle, port
calls, customs) where it boards or leaves a ferry or ship, and the wait for a
scheduled sailing, derived from the service's interval (a sailing every H: 0, H/2
and H for low, typical, high; `corridors.parameters.wait_hours`).

Besides `transit` and `compare`: `backtest` sets the model against every reported
door-to-door time in transit.toml. What the map's calculator needs per leg lives in
`corridors.maps.calculator_data`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from corridors import arguments, catalog, measure, network, parameters, years
from corridors.catalog import Catalog
from corridors.errors import InputError, NoRouteError, ParameterError, UnknownNameError
from corridors.lifecycle import Expectation

#: The corridors `compare` covers.
CORRIDORS = ("titr", "northern", "sea")
#: The destination meaning "each corridor's end in Europe" (``europe`` in transit.toml).
EUROPE = "europe"
BOUNDS = parameters.BOUNDS
_FAST = {"low": "high", "typical": "typical", "high": "low"}  # time bound -> speed bound


@dataclass(frozen=True)
class TransitResult:
    """A transit estimate: the per-leg breakdown and its totals.

    Attributes
    ----------
    year
        The year the network was taken in (`corridors.years`).
    not_open
        Legs and places of the corridor's part of the data that were not open in
        `year` and so were not used, by id: ``{name, status, opened, expected,
        because?}`` (``opened``: when it opened or is expected to).
    legs
        One row per leg (plus an ``(origin)`` row when dwell happens before the
        first leg): ``leg``, ``kind``, ``mode``, ``from``, ``to``, ``distance_km``,
        ``running_h_<bound>``, ``dwell_h_<bound>`` (at the ``to`` node),
        ``dwell_events``, ``cumulative_km``, ``cumulative_h_<bound>`` and ``note``,
        for bound in low, typical, high.
    """

    origin: str
    destination: str
    corridor: str
    scenario: str | None
    legs: pd.DataFrame
    year: int | None = None
    not_open: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    expected_legs: tuple[str, ...] = ()

    @property
    def distance_km(self) -> float:
        """Total distance (km)."""
        return float(self.legs["distance_km"].sum())

    @property
    def hours(self) -> dict[str, float]:
        """Total time (hours) for the low, typical and high estimates."""
        return {b: float(self.legs[f"cumulative_h_{b}"].iloc[-1]) for b in BOUNDS}

    @property
    def days(self) -> dict[str, float]:
        """Total time (days) for the low, typical and high estimates."""
        return {b: h / 24 for b, h in self.hours.items()}

    def to_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data (for the CLI's ``--json``)."""
        legs = self.legs.replace({np.nan: None}).to_dict(orient="records")
        return {
            "origin": self.origin,
            "destination": self.destination,
            "corridor": self.corridor,
            "scenario": self.scenario,
            "year": self.year,
            "not_open": {k: dict(v) for k, v in self.not_open.items()},
            "expected_legs": list(self.expected_legs),
            "distance_km": round(self.distance_km, 1),
            "hours": {b: round(v, 1) for b, v in self.hours.items()},
            "days": {b: round(v, 2) for b, v in self.days.items()},
            "legs": legs,
        }


@catalog.with_geodata
def transit(
    origin: str,
    destination: str,
    *,
    corridor: str = "titr",
    scenario: str | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    year: int | None = None,
    expectation: Expectation = "earliest",
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> TransitResult:
    """Estimate the transit time between two places along one corridor.

    Parameters
    ----------
    origin, destination
        Network node ids or names (``"Lianyungang"``, ``"kars"``). For the sea
        corridor the destination may also be a port of searoute's list, by
        UN/LOCODE or name (``"NLRTM"``, ``"Rotterdam"``). ``"europe"`` as the
        destination means the corridor's end towards Europe in the data
        (``europe`` in transit.toml: Constanța, Duisburg, Rotterdam).
    corridor
        ``"titr"`` (Middle Corridor), ``"northern"`` (via Russia) or ``"sea"``.
    scenario
        A scenario of transit.toml (``"faster-caspian"``, ``"shorter-border-dwell"``,
        ``"suez-closed"``...), or ``None``.
    overrides
        What-if values for parameters, in each parameter's own unit:
        ``{"caspian_sailing_interval": {"low": 2, "typical": 4, "high": 6}}`` (bounds
        left out keep their value). Applied after the scenario; the result is a
        what-if, not a sourced estimate.
    year
        Route only over legs and places open in that year (default: the data's as-of
        year; `corridors.years`). A later year uses what sources expect to be open by
        then (`expectation`: from the ``earliest`` or the ``latest`` sourced date); the
        result lists those legs in `TransitResult.expected_legs` and what was not open
        in `TransitResult.not_open`.
    expectation
        ``"earliest"`` or ``"latest"``.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    result
        The per-leg breakdown (`TransitResult.legs`) and totals in hours and days.

    Raises
    ------
    UnknownNameError
        For an unknown place, corridor, scenario or parameter (the closest names are
        suggested).
    NoRouteError
        If the corridor does not reach the destination in the data (in `year`: the
        message names what on today's route was not open yet).
    ParameterError
        If an override breaks low <= typical <= high.

    Examples
    --------
    >>> r = transit("Almaty", "Aktau", corridor="titr")
    >>> r.legs["leg"].tolist()
    ['titr-almaty-aktau']
    >>> r.days["low"] < r.days["typical"] < r.days["high"]
    True
    """
    _check_ends(origin, destination)
    arguments.name(corridor, argument="corridor", what=f"one of {', '.join(CORRIDORS)}")
    arguments.optional_name(scenario, argument="scenario", what="a scenario name or None")
    catalog.load_all()  # the layers first: a broken layer is reported as itself
    data = with_overrides(parameters.load().with_scenario(scenario), overrides)
    year = years.resolve_year(year)
    graph = network.corridor_network(year, expectation=expectation)
    routes = _Routes(graph)
    try:
        result = _transit(origin, destination, corridor=corridor, data=data, routes=routes)
    except (NoRouteError, UnknownNameError) as exc:
        if year == years.today().year or (
            isinstance(exc, UnknownNameError) and not _is_place(origin, destination)
        ):
            raise
        msg = _not_open_message(origin, destination, corridor, data, graph, str(exc))
        raise NoRouteError(msg) from None
    expected = tuple(
        str(leg)
        for leg in dict.fromkeys(result.legs["leg"])
        if any(
            attrs.get("expected")
            for _, _, k, attrs in graph.edges(keys=True, data=True)
            if k == leg
        )
    )
    return replace(
        result, year=year, not_open=_not_open_on(result, graph, data), expected_legs=expected
    )


def _is_place(*names: str) -> bool:
    """Whether every name is a place of today's network (or ``europe``)."""
    today = network.corridor_network()
    return all(
        catalog.normalise_name(n) == EUROPE or network.find_node(n, graph=today) is not None
        for n in names
    )


def _corridor_ids(corridor: str, data: parameters.TransitData, graph: Any) -> set[str]:
    """Ids of the legs (and their places) of a corridor, today, and of its transit.toml links."""
    today = network.corridor_network()
    spec = data.corridors[corridor]
    ids: set[str] = set()
    for a, b, key, attrs in today.edges(keys=True, data=True):
        if attrs["corridor"] in spec.leg_corridors or key in spec.shared_legs:
            ids.update((a, b, key))
    return ids


def _not_open_on(
    result: TransitResult, graph: Any, data: parameters.TransitData
) -> dict[str, dict[str, Any]]:
    """What of the corridor was not open in the network's year (so the route avoided it)."""
    wanted = _corridor_ids(result.corridor, data, graph) if result.corridor != "sea" else set()
    return {k: dict(v) for k, v in graph.graph["not_open"].items() if k in wanted}


def _not_open_message(
    origin: str,
    destination: str,
    corridor: str,
    data: parameters.TransitData,
    graph: Any,
    why: str,
) -> str:
    """Why there is no route in the graph's year: what of today's route was not open yet."""
    year = graph.graph["year"]
    try:
        today = _transit(
            origin,
            destination,
            corridor=corridor,
            data=data,
            routes=_Routes(network.corridor_network()),
        )
    except (NoRouteError, UnknownNameError):
        return f"in {year}: {why}"
    shut = graph.graph["not_open"]
    ends = zip(today.legs["leg"], today.legs["to"], strict=True)
    used = [str(x) for leg, to in ends for x in (leg, to)]
    named = []
    for fid in dict.fromkeys([today.origin, *used]):
        if fid in shut:
            item = shut[fid]
            when = (
                (f"expected {item['opened']}" if item["expected"] else f"opened {item['opened']}")
                if item["opened"]
                else (item.get("because") or "no sourced opening date")
            )
            named.append(f"{fid} ({when})")
    if not named:
        return f"in {year}: {why}"
    return (
        f"no route from {today.origin!r} to {today.destination!r} on corridor {corridor!r} in "
        f"{year}; today's route uses what was not open yet: {', '.join(named)}. "
        "Try a later year or another corridor."
    )


def _check_ends(origin: object, destination: object) -> None:
    """Both ends are names; ``europe`` (each corridor's end in Europe) only a destination."""
    arguments.name(origin, argument="origin", what="a place id or name such as 'lianyungang'")
    arguments.name(destination, argument="destination", what="a place id or name, or 'europe'")
    if catalog.normalise_name(str(origin)) == EUROPE:  # a str: arguments.name checked it
        msg = (
            f"origin {origin!r} is not a place: 'europe' stands for each corridor's end in "
            "Europe and can only be the destination; swap the two, e.g. "
            f"'lianyungang' → {origin!r}."
        )
        raise InputError(msg)


def with_overrides(
    data: parameters.TransitData, overrides: Mapping[str, Mapping[str, float]] | None
) -> parameters.TransitData:
    """Return `data` with parameter values replaced (what-ifs; see `transit`)."""
    if not overrides:
        return data
    changed = dict(data.parameters)
    for pid, values in overrides.items():
        if pid not in changed:
            raise UnknownNameError("parameter", pid, changed)  # noqa: EM101 (a label)
        base = changed[pid]
        merged = {b: float(values.get(b, getattr(base, b))) for b in BOUNDS}
        if not merged["low"] <= merged["typical"] <= merged["high"] or merged["low"] < 0:
            msg = f"what-if values must satisfy 0 <= low <= typical <= high; got {merged}."
            raise ParameterError(msg, file="(overrides)", table=pid)
        changed[pid] = replace(
            base,
            low=merged["low"],
            typical=merged["typical"],
            high=merged["high"],
            note=f"what-if: {merged}",
        )
    return replace(data, parameters=changed)


class _Routes:
    """Shortest paths over one network, for a batch of estimates.

    `calculator_data` asks for 4 variants of ~180 pairs and `backtest` for dozens of
    routes over the same network: each land corridor's part of it is cut once (not per
    path), each path searched once (an inland origin's way to the sea ports serves
    every destination and both sea variants) and each sea line measured once.
    """

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self._searches: dict[str, Any] = {}
        self._paths: dict[tuple[str, str, str], list[dict[str, Any]] | str] = {}
        self._sea_km: dict[tuple[Any, ...], float] = {}
        self._sea_ends: dict[str, dict[str, Any]] = {}
        self._checked: set[frozenset[str]] = set()

    def check(self, data: parameters.TransitData) -> None:
        """`check_named_legs`, once per set of legs the parameters name (scenarios keep it)."""
        named = frozenset(leg for p in data.parameters.values() for leg in p.legs)
        if named not in self._checked:
            check_named_legs(data, self.graph)
            self._checked.add(named)

    def _search(self, corridor: str) -> Any:
        if corridor not in self._searches:
            # A graph of its own rather than a filtered view: the same nodes, edges and
            # order, searched without testing every edge against the filter.
            self._searches[corridor] = network.corridor_graph(corridor, graph=self.graph).copy()
        return self._searches[corridor]

    def edges(self, origin: str, destination: str, corridor: str) -> list[dict[str, Any]]:
        """`network.path_edges` of `network.shortest_path` on a land corridor."""
        key = (origin, destination, corridor)
        if key not in self._paths:
            a = network.node_id(origin, graph=self.graph)
            b = network.node_id(destination, graph=self.graph)
            search = self._search(corridor)
            try:
                legs = network.legs_between(a, b, search=search, corridor=corridor)
            except NoRouteError as exc:
                self._paths[key] = str(exc)
            else:
                self._paths[key] = [dict(self.graph.edges[u, v, k]) for u, v, k in legs]
        found = self._paths[key]
        if isinstance(found, str):
            raise NoRouteError(found)
        return list(found)

    def sea_end(self, name: str) -> dict[str, Any]:
        """`_sea_end` of a name, looked up once (a port code is tried on every node first)."""
        if name not in self._sea_ends:
            self._sea_ends[name] = _sea_end(name, graph=self.graph)
        return self._sea_ends[name]

    def sea_km(self, line: Any, key: tuple[Any, ...]) -> float:
        """The geodesic length (km) of the sea line `key` stands for."""
        if key not in self._sea_km:
            self._sea_km[key] = float(measure.geodesic_lengths([line])[0]) / 1000
        return self._sea_km[key]


def _transit(
    origin: str,
    destination: str,
    *,
    corridor: str,
    data: parameters.TransitData,
    routes: _Routes,
) -> TransitResult:
    if corridor not in CORRIDORS:
        raise UnknownNameError("corridor", corridor, CORRIDORS)  # noqa: EM101 (a label)
    routes.check(data)
    if catalog.normalise_name(destination) == EUROPE:
        destination = data.corridors[corridor].europe
    edges = _edges(origin, destination, corridor=corridor, data=data, routes=routes)
    legs = _breakdown(edges, data)
    return TransitResult(
        origin=edges[0]["from"],
        destination=edges[-1]["to"],
        corridor=corridor,
        scenario=data.scenario,
        legs=legs,
    )


def _edges(
    origin: str, destination: str, *, corridor: str, data: parameters.TransitData, routes: _Routes
) -> list[dict[str, Any]]:
    if corridor == "sea":
        edges = _sea_path(origin, destination, data=data, routes=routes)
    else:
        edges = routes.edges(origin, destination, corridor)
    if not edges:
        msg = f"origin and destination are the same place ({origin!r}); nothing to estimate."
        raise NoRouteError(msg)
    return edges


def check_named_legs(data: parameters.TransitData, graph: Any) -> None:
    """A parameter naming a leg the network lacks would silently not apply: refuse it."""
    keys = {key for _, _, key in graph.edges(keys=True)} | set(graph.graph.get("not_open", {}))
    for p in data.parameters.values():
        missing = [leg for leg in p.legs if leg not in keys]
        if missing:
            msg = (
                f"names leg {missing[0]!r}, which is not in the network; use a leg id of "
                "geodata (or of the transfers and sea links in transit.toml)."
            )
            raise ParameterError(msg, file=data.path, table=f"parameters.{p.id}", field="legs")


@catalog.with_geodata
def compare(
    origin: str,
    destination: str = EUROPE,
    *,
    scenario: str | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> pd.DataFrame:
    """Compare the Middle Corridor, the Northern corridor and the sea route.

    Parameters
    ----------
    origin
        A network node (``"Lianyungang"``, ``"Xi'an"``).
    destination
        A place, or ``"europe"`` (default): each corridor's end towards Europe in
        the data (see `transit`).
    scenario
        A scenario name of transit.toml, or ``None``.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per corridor: ``corridor``, ``origin``, ``destination``,
        ``distance_km``, ``days_low``, ``days_typical``, ``days_high`` and ``note``
        (why a corridor does not reach the destination, when it does not).
    """
    _check_ends(origin, destination)
    arguments.optional_name(scenario, argument="scenario", what="a scenario name or None")
    catalog.load_all()  # the layers first: a broken layer is reported as itself
    data = parameters.load().with_scenario(scenario)
    routes = _Routes(network.corridor_network())  # one network for the three corridors
    rows = []
    for corridor in CORRIDORS:
        try:
            result = _transit(origin, destination, corridor=corridor, data=data, routes=routes)
        except NoRouteError as exc:
            rows.append(
                {
                    "corridor": corridor,
                    "origin": origin,
                    "destination": destination,
                    "distance_km": np.nan,
                    **{f"days_{b}": np.nan for b in BOUNDS},
                    "note": str(exc),
                }
            )
            continue
        rows.append(
            {
                "corridor": corridor,
                "origin": result.origin,
                "destination": result.destination,
                "distance_km": round(result.distance_km, 1),
                **{f"days_{b}": round(v, 1) for b, v in result.days.items()},
                "note": "",
            }
        )
    return pd.DataFrame(rows)


def _sea_path(
    origin: str, destination: str, *, data: parameters.TransitData, routes: _Routes
) -> list[dict[str, Any]]:
    graph = routes.graph
    spec = data.corridors["sea"]
    start = routes.sea_end(origin)
    end = routes.sea_end(destination)
    edges: list[dict[str, Any]] = []
    if start["id"] not in spec.ports and start["id"] in graph:
        # An inland origin reaches the nearest ocean port by land.
        land = spec.land_corridor
        if land is None:  # transit.schema.json requires it of the sea corridor
            msg = "the sea corridor has no `land_corridor`; add the land corridor to its ports."
            raise ParameterError(msg, file=data.path, table="corridors.sea")
        best = None
        for port in spec.ports:
            try:
                path = routes.edges(start["id"], port, land)
            except NoRouteError:
                continue
            if best is None or _path_km(path) < _path_km(best):
                best = path
        if best is None:
            msg = f"{start['id']!r} reaches none of the ocean ports {list(spec.ports)} by land."
            raise NoRouteError(msg)
        edges = best
        start = {"id": edges[-1]["to"], **graph.nodes[edges[-1]["to"]]}
    elif start["id"] in graph and start["id"] not in spec.ports:
        msg = (
            f"{start['id']!r} is not an ocean port; the sea corridor starts at one of "
            f"{list(spec.ports)}."
        )
        raise NoRouteError(msg)
    if end["id"] in graph and end["id"] not in spec.ports:
        msg = (
            f"{end['id']!r} is not an ocean port; the sea corridor ends at a port "
            f"({', '.join(spec.ports)} or any port of searoute's list, e.g. 'NLRTM')."
        )
        raise NoRouteError(msg)
    if start["id"] == end["id"]:
        return edges
    ends = ((start["lon"], start["lat"]), (end["lon"], end["lat"]))
    line = network.sea_line(*ends, restrictions=spec.restrictions)
    km = routes.sea_km(line, (*ends, spec.restrictions))
    edges.append(
        {
            "leg": f"sea-{start['id']}-{end['id']}",
            "kind": "sea_route",
            "mode": "sea",
            "corridor": "sea",
            "from": start["id"],
            "to": end["id"],
            "length_km": km,
            "country_km": {"-": km},
            "geometry": line,
            "note": f"searoute, avoiding {', '.join(spec.restrictions) or 'nothing'}",
        }
    )
    return edges


def _path_km(edges: list[dict[str, Any]]) -> float:
    """A path's length: the sum of its legs, as a path table's ``length_km.sum()``."""
    return float(np.sum(np.array([e["length_km"] for e in edges], dtype=float)))


def _sea_end(name: str, *, graph: Any) -> dict[str, Any]:
    if name in graph:  # a node id (or a port code the network already holds)
        return {"id": name, **graph.nodes[name]}
    # Looked up without suggestions first: a port code ("NLRTM") is no node, and
    # comparing it with every node's labels by similarity only serves an error.
    node = network.find_node(name, graph=graph)
    if node is not None:
        return {"id": node, **graph.nodes[node]}
    port = network.find_port(name)
    if port is not None:
        return port
    try:  # neither: the look-ups raise, with their suggestions
        node = network.node_id(name, graph=graph)
    except UnknownNameError as exc:
        try:
            return network.searoute_port(name)
        except UnknownNameError as port_exc:
            # Suggest from both lists: a sea end may be a node or any searoute port.
            close = [*exc.suggestions, *port_exc.suggestions]
            if not close:
                raise port_exc from None
            raise UnknownNameError("place or searoute port", exc.name, close) from None  # noqa: EM101 (a label)
    return {"id": node, **graph.nodes[node]}


def _breakdown(edges: list[dict[str, Any]], data: parameters.TransitData) -> pd.DataFrame:
    legs = pd.DataFrame(_rows(edges, data))
    legs["cumulative_km"] = legs["distance_km"].cumsum()
    for b in BOUNDS:
        legs[f"cumulative_h_{b}"] = (legs[f"running_h_{b}"] + legs[f"dwell_h_{b}"]).cumsum()
    return legs


def _totals(rows: list[dict[str, Any]]) -> tuple[float, dict[str, float]]:
    """`TransitResult.distance_km` and `.hours` of `_breakdown`'s rows, without the table.

    The same arithmetic in the same order: numpy's sum of the distances, and each
    bound's running plus dwell hours added leg after leg (the table's cumulative sum).
    """
    distance = float(np.sum(np.array([r["distance_km"] for r in rows], dtype=float)))
    hours = {}
    for b in BOUNDS:
        total = 0.0
        for r in rows:
            total += r[f"running_h_{b}"] + r[f"dwell_h_{b}"]
        hours[b] = total
    return distance, hours


def _rows(edges: list[dict[str, Any]], data: parameters.TransitData) -> list[dict[str, Any]]:
    """One row per leg of `TransitResult.legs`, before the cumulative columns."""
    rows = []
    origin_dwell = _dwell(None, edges[0], edges[0]["from"], data, at_end=False)
    if origin_dwell["events"]:
        rows.append(
            _row(
                {
                    "leg": "(origin)",
                    "kind": "dwell",
                    "mode": "",
                    "from": edges[0]["from"],
                    "to": edges[0]["from"],
                    "length_km": 0.0,
                    "note": "",
                },
                dict.fromkeys(BOUNDS, 0.0),
                origin_dwell,
            )
        )
    for i, edge in enumerate(edges):
        following = edges[i + 1] if i + 1 < len(edges) else None
        dwell = _dwell(edge, following, edge["to"], data, at_end=following is None)
        rows.append(_row(edge, _running_hours(edge, data), dwell))
    return rows


def _row(edge: dict[str, Any], running: dict[str, float], dwell: dict[str, Any]) -> dict[str, Any]:
    return {
        "leg": edge["leg"],
        "kind": edge["kind"],
        "mode": edge["mode"],
        "from": edge["from"],
        "to": edge["to"],
        "distance_km": edge["length_km"],
        **{f"running_h_{b}": running[b] for b in BOUNDS},
        **{f"dwell_h_{b}": dwell["hours"][b] for b in BOUNDS},
        "dwell_events": "; ".join(dwell["events"]),
        "note": "; ".join(n for n in (edge.get("note", ""), *dwell["notes"]) if n),
    }


def _running_plan(edge: dict[str, Any], data: parameters.TransitData) -> dict[str, Any]:
    """Which parameters give a leg's running time: a crossing time, or speeds by country."""
    for p in data.parameters.values():
        if p.kind == "crossing_time" and edge["leg"] in p.legs:
            return {"type": "crossing_time", "parameter": p.id}
    if edge["kind"] == "transfer":
        return {"type": "none", "note": "transfer: no sourced running time"}
    parts = [
        {"country": country, "km": km, "parameter": _speed(edge, country, data).id}
        for country, km in edge["country_km"].items()
    ]
    return {"type": "speed", "parts": parts}


def _running_hours(edge: dict[str, Any], data: parameters.TransitData) -> dict[str, float]:
    return _running_from(_running_plan(edge, data), data)


def _running_from(plan: dict[str, Any], data: parameters.TransitData) -> dict[str, float]:
    """Running hours per bound of a leg's running plan (`_running_plan`)."""
    if plan["type"] == "crossing_time":
        return data.parameters[plan["parameter"]].in_model_units()
    hours = dict.fromkeys(BOUNDS, 0.0)
    for part in plan.get("parts", []):
        speed = data.parameters[part["parameter"]].in_model_units()
        for b in BOUNDS:
            hours[b] += part["km"] / speed[_FAST[b]]
    return hours


def _speed(
    edge: dict[str, Any], country: str, data: parameters.TransitData
) -> parameters.Parameter:
    for p in data.parameters.values():
        if p.kind != "speed" or edge["mode"] not in p.modes:
            continue
        if (country == "-" and not p.countries) or country in p.countries:
            return p
    where = "at sea" if country == "-" else f"in {country}"
    msg = (
        f"no commercial speed for mode {edge['mode']!r} {where} (leg {edge['leg']!r}); "
        "add a sourced speed parameter with that mode and country."
    )
    raise ParameterError(msg, file=data.path, table="parameters")


def _serves(p: parameters.Parameter, edge: dict[str, Any], node: str) -> bool:
    """Whether a board/alight dwell applies to boarding or leaving `edge` at `node`."""
    if p.legs and edge["leg"] not in p.legs:
        return False
    if p.modes and edge["mode"] not in p.modes:
        return False
    return not p.nodes or node in p.nodes


def _dwell_plan(
    arriving: dict[str, Any] | None,
    leaving: dict[str, Any] | None,
    node: str,
    data: parameters.TransitData,
    *,
    at_end: bool,
) -> list[dict[str, str]]:
    """The dwell events at `node`: each a parameter id and the event (through/board/alight)."""
    events = []
    for p in data.parameters.values():
        if p.kind not in ("dwell", "service_interval"):
            continue
        if "through" in p.on and arriving is not None and not at_end and node in p.nodes:
            on = "through"
        elif "alight" in p.on and arriving is not None and _serves(p, arriving, node):
            on = "alight"
        elif "board" in p.on and leaving is not None and _serves(p, leaving, node):
            on = "board"
        else:
            continue
        events.append({"parameter": p.id, "on": on, "node": node})
    return events


def _dwell(
    arriving: dict[str, Any] | None,
    leaving: dict[str, Any] | None,
    node: str,
    data: parameters.TransitData,
    *,
    at_end: bool,
) -> dict[str, Any]:
    return _dwell_from(_dwell_plan(arriving, leaving, node, data, at_end=at_end), data)


def _dwell_from(plan: list[dict[str, str]], data: parameters.TransitData) -> dict[str, Any]:
    """Dwell hours per bound, event ids and notes of a node's dwell plan (`_dwell_plan`)."""
    hours = dict.fromkeys(BOUNDS, 0.0)
    events: list[str] = []
    notes: list[str] = []
    for event in plan:
        p = data.parameters[event["parameter"]]
        for b, value in p.dwell_hours().items():
            hours[b] += value
        events.append(p.id)
        if not p.sources:
            notes.append(f"{p.id}: {p.note}")
    return {"hours": hours, "events": events, "notes": notes}


#: Columns of the backtest table (`backtest`).
BACKTEST_COLUMNS = (
    "id",
    "kind",
    "corridor",
    "as_reported",
    "origin",
    "destination",
    "scenario",
    "reported_low",
    "reported_high",
    "model_low",
    "model_typical",
    "model_high",
    "verdict",
    "gap_days",
    "explanation",
    "mapping",
    "source",
)


@catalog.with_geodata
def backtest(
    *, scenario: str | None = None, geodata: str | os.PathLike[str] | Catalog | None = None
) -> pd.DataFrame:
    """Set the model against every reported door-to-door time in transit.toml.

    Each ``[[reported]]`` figure (from the project's facts, with its source) is
    compared with the model's low / typical / high for the same corridor, origin and
    destination (or the nearest places the network has; ``mapping`` says how they
    differ). The parameters are never fitted to these totals.

    Parameters
    ----------
    scenario
        A scenario of transit.toml applied to every row (a row that names its own
        scenario, e.g. the Cape route, keeps it).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per reported figure with the columns of `BACKTEST_COLUMNS`: the
        reported range in days (``reported_low`` empty for "up to", ``reported_high``
        for "at least"; a ratio for kind "ratio"), the model's estimate in the same
        unit, ``verdict`` ("inside", "below" or "above": where the model's *typical*
        lies against the reported range), ``gap_days`` (how far outside, days or
        ratio) and ``explanation``: which steps the model counts as 0 h for lack of a
        source (placeholders in transit.toml) and what the reported time includes that
        the network does not, so that a miss is assigned to named steps, not hidden.
    """
    catalog.load_all()
    base = parameters.load()
    routes = _Routes(network.corridor_network())
    rows = []
    for item in base.reported:
        data = base.with_scenario(item.scenario or scenario)
        result = _transit(
            item.origin, item.destination, corridor=item.corridor, data=data, routes=routes
        )
        model = result.days
        results = [result]
        if item.ratio_to is not None:
            other = _transit(
                item.origin, item.destination, corridor=item.ratio_to, data=data, routes=routes
            )
            results.append(other)
            model = {b: model[b] / other.days[b] for b in BOUNDS}
        verdict, gap = _verdict(model["typical"], item.low, item.high)
        rows.append(
            {
                "id": item.id,
                "kind": item.kind,
                "corridor": item.corridor
                + (f" / {item.ratio_to}" if item.ratio_to is not None else ""),
                "as_reported": item.as_reported,
                "origin": result.origin,
                "destination": result.destination,
                "scenario": data.scenario or "",
                "reported_low": item.low if item.low is not None else np.nan,
                "reported_high": item.high if item.high is not None else np.nan,
                **{f"model_{b}": round(v, 2) for b, v in model.items()},
                "verdict": verdict,
                "gap_days": round(gap, 2),
                "explanation": _explain(item, verdict, gap, model, results, data),
                "mapping": item.mapping,
                "source": f"{item.sources[0].title} <{item.sources[0].url}>",
            }
        )
    return pd.DataFrame(rows, columns=list(BACKTEST_COLUMNS))


def _verdict(typical: float, low: float | None, high: float | None) -> tuple[str, float]:
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    if typical < lo:
        return "below", lo - typical
    if typical > hi:
        return "above", typical - hi
    return "inside", 0.0


def _placeholders_on(results: Iterable[TransitResult], data: parameters.TransitData) -> list[str]:
    """Steps on the routes counted as 0 h for lack of a source: placeholders, transfers."""
    named: list[str] = []
    for result in results:
        for _, leg in result.legs.iterrows():
            for pid in filter(None, leg["dwell_events"].split("; ")):
                p = data.parameters[pid]
                if not p.sources:
                    where = f"{pid} (at {leg['to'] if leg['leg'] != '(origin)' else leg['from']})"
                    named.append(where)
            if leg["kind"] == "transfer":
                named.append(f"{leg['leg']} (no running time)")
    return list(dict.fromkeys(named))


def _explain(
    item: parameters.Reported,
    verdict: str,
    gap: float,
    model: dict[str, float],
    results: list[TransitResult],
    data: parameters.TransitData,
) -> str:
    unit = "" if item.kind == "ratio" else " d"
    if verdict == "inside":
        return "the model's typical lies inside the reported range"
    if verdict == "below":
        parts = [f"typical {gap:.1f}{unit} short of the reported low"]
        if item.kind == "ratio":
            parts.append("the ratio's numerator (the TITR) misses the steps listed here")
        unsourced = _placeholders_on(results[:1], data)
        if unsourced:
            parts.append("counted as 0 h for lack of a source: " + ", ".join(unsourced))
        if item.unmodelled:
            parts.append("not in the network: " + ", ".join(item.unmodelled))
        if item.high is None or model["high"] >= (item.low or 0):
            parts.append(f"the slow estimate ({model['high']:.1f}{unit}) reaches it")
        return "; ".join(parts)
    parts = [f"typical {gap:.1f}{unit} above the reported high"]
    if item.kind == "advertised":
        parts.append("an advertised figure (a target, not a measured time)")
    elif item.kind == "record":
        parts.append("a record or best case, not a typical time")
    if item.low is None or model["low"] <= item.high:  # type: ignore[operator]
        parts.append(f"the fast estimate ({model['low']:.1f}{unit}) reaches it")
    else:
        parts.append(f"even the fast estimate ({model['low']:.1f}{unit}) is slower")
    if item.unmodelled:
        parts.append("the reported figure also covers: " + ", ".join(item.unmodelled))
    return "; ".join(parts)


def time_by_category(result: TransitResult) -> pd.DataFrame:
    """Return where the time goes: hours by category and bound.

    Categories are those of `corridors.parameters.CATEGORIES` (running, borders, gauge
    changes, ports, sailings); the columns ``low``, ``typical``, ``high`` sum to
    `TransitResult.hours`. Uses the scenario the result was computed with (not any
    what-if overrides).
    """
    data = parameters.load().with_scenario(result.scenario)
    sums = {c: dict.fromkeys(BOUNDS, 0.0) for c in parameters.CATEGORIES}
    for _, leg in result.legs.iterrows():
        for b in BOUNDS:
            sums["running"][b] += leg[f"running_h_{b}"]
        for pid in filter(None, leg["dwell_events"].split("; ")):
            p = data.parameters[pid]
            for b, hours in p.dwell_hours().items():
                sums[p.category_name][b] += hours
    return pd.DataFrame(
        [[sums[c][b] for b in BOUNDS] for c in parameters.CATEGORIES],
        index=list(parameters.CATEGORIES),
        columns=list(BOUNDS),
    )


def describe(result: TransitResult) -> str:
    """Return a short plain-text summary of a result (for logs and notebooks)."""
    d = result.days
    text = (
        f"{result.corridor}: {result.origin} → {result.destination}, "
        f"{result.distance_km:,.0f} km, {d['low']:.1f} / {d['typical']:.1f} / {d['high']:.1f} days"
    )
    if result.year is not None:
        text += f" (network of {result.year})"
    if result.not_open:
        named = ", ".join(
            f"{v['name']} ({'expected ' if v['expected'] else 'opened '}{v['opened']})"
            if v["opened"]
            else f"{v['name']} ({v.get('because') or 'no sourced opening date'})"
            for v in result.not_open.values()
        )
        text += f"\n  not open yet in {result.year}, so not used: {named}"
    if result.expected_legs:
        text += (
            f"\n  open by {result.year} only as sources expect (not built on the data's as-of "
            f"date): {', '.join(result.expected_legs)}"
        )
    return text
