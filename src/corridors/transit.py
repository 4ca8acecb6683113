"""Transit-time model over the corridor network, and the corridor comparison.

Every estimate is a range: *low* uses the fast end of every sourced parameter
(the high speed, the short dwell), *high* the slow end, *typical* the typical
values. Parameters come from ``geodata/transit.toml`` (see `corridors.parameters`).

A leg's running time is its length per country (`corridors.measure.length_by_country`)
divided by the commercial speed for its mode in that country, or a published
crossing time for the legs that have one (Caspian ferries, Black Sea feeder).
Dwell is counted at the end node of a leg: "through" events (border, break of
gauge) where the route passes a node, "board"/"alight" events (ferry waiting,
berth cycle, port calls) where it boards or leaves a ferry or ship.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from corridors import catalog, measure, network, parameters
from corridors.errors import NoRouteError, ParameterError, UnknownNameError

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
            "distance_km": round(self.distance_km, 1),
            "hours": {b: round(v, 1) for b, v in self.hours.items()},
            "days": {b: round(v, 2) for b, v in self.days.items()},
            "legs": legs,
        }


def transit(
    origin: str,
    destination: str,
    *,
    corridor: str = "titr",
    scenario: str | None = None,
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
        ``"suez-closed"``), or ``None``.

    Returns
    -------
    result
        The per-leg breakdown (`TransitResult.legs`) and totals in hours and days.

    Raises
    ------
    UnknownNameError
        For an unknown place, corridor or scenario (the closest names are suggested).
    NoRouteError
        If the corridor does not reach the destination in the data.

    Examples
    --------
    >>> r = transit("Almaty", "Aktau", corridor="titr")
    >>> r.legs["leg"].tolist()
    ['titr-almaty-aktau']
    >>> r.days["low"] < r.days["typical"] < r.days["high"]
    True
    """
    catalog.load_all()  # the layers first: a broken layer is reported as itself
    data = parameters.load().with_scenario(scenario)
    if corridor not in CORRIDORS:
        raise UnknownNameError("corridor", corridor, CORRIDORS)  # noqa: EM101 (a label)
    graph = network.corridor_network()
    if catalog.normalise_name(destination) == EUROPE:
        destination = data.corridors[corridor].europe
    if corridor == "sea":
        edges = _sea_path(origin, destination, data=data, graph=graph)
    else:
        path = network.shortest_path(origin, destination, corridor=corridor, graph=graph)
        edges = network.path_edges(path, graph=graph)
    if not edges:
        msg = f"origin and destination are the same place ({origin!r}); nothing to estimate."
        raise NoRouteError(msg)
    legs = _breakdown(edges, data)
    return TransitResult(
        origin=edges[0]["from"],
        destination=edges[-1]["to"],
        corridor=corridor,
        scenario=scenario,
        legs=legs,
    )


def compare(origin: str, destination: str = EUROPE, *, scenario: str | None = None) -> pd.DataFrame:
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

    Returns
    -------
    table
        One row per corridor: ``corridor``, ``origin``, ``destination``,
        ``distance_km``, ``days_low``, ``days_typical``, ``days_high`` and ``note``
        (why a corridor does not reach the destination, when it does not).
    """
    rows = []
    for corridor in CORRIDORS:
        try:
            result = transit(origin, destination, corridor=corridor, scenario=scenario)
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
    origin: str, destination: str, *, data: parameters.TransitData, graph: Any
) -> list[dict[str, Any]]:
    spec = data.corridors["sea"]
    start = _sea_end(origin, graph=graph, ports=spec.ports)
    end = _sea_end(destination, graph=graph, ports=spec.ports)
    edges: list[dict[str, Any]] = []
    if start["id"] not in spec.ports and start["id"] in graph:
        # An inland origin reaches the nearest ocean port by land.
        best = None
        for port in spec.ports:
            try:
                path = network.shortest_path(
                    start["id"], port, corridor=spec.land_corridor, graph=graph
                )
            except NoRouteError:
                continue
            if best is None or path["length_km"].sum() < best["length_km"].sum():
                best = path
        if best is None:
            msg = f"{start['id']!r} reaches none of the ocean ports {list(spec.ports)} by land."
            raise NoRouteError(msg)
        edges = network.path_edges(best, graph=graph)
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
    line = network.sea_line(
        (start["lon"], start["lat"]), (end["lon"], end["lat"]), restrictions=spec.restrictions
    )
    km = float(measure.geodesic_lengths([line])[0]) / 1000
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


def _sea_end(name: str, *, graph: Any, ports: tuple[str, ...]) -> dict[str, Any]:
    try:
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
    legs = pd.DataFrame(rows)
    legs["cumulative_km"] = legs["distance_km"].cumsum()
    for b in BOUNDS:
        legs[f"cumulative_h_{b}"] = (legs[f"running_h_{b}"] + legs[f"dwell_h_{b}"]).cumsum()
    return legs


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


def _running_hours(edge: dict[str, Any], data: parameters.TransitData) -> dict[str, float]:
    for p in data.parameters.values():
        if p.kind == "crossing_time" and edge["leg"] in p.legs:
            return p.in_model_units()
    if edge["kind"] == "transfer":
        return dict.fromkeys(BOUNDS, 0.0)
    hours = dict.fromkeys(BOUNDS, 0.0)
    for country, km in edge["country_km"].items():
        speed = _speed(edge, country, data).in_model_units()
        for b in BOUNDS:
            hours[b] += km / speed[_FAST[b]]
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


def _dwell(
    arriving: dict[str, Any] | None,
    leaving: dict[str, Any] | None,
    node: str,
    data: parameters.TransitData,
    *,
    at_end: bool,
) -> dict[str, Any]:
    hours = dict.fromkeys(BOUNDS, 0.0)
    events: list[str] = []
    notes: list[str] = []
    for p in data.parameters.values():
        if p.kind != "dwell" or (p.nodes and node not in p.nodes and "through" not in p.on):
            continue
        applies = (
            ("through" in p.on and arriving is not None and not at_end and node in p.nodes)
            or (
                "alight" in p.on
                and arriving is not None
                and arriving["mode"] in p.modes
                and (not p.nodes or node in p.nodes)
            )
            or (
                "board" in p.on
                and leaving is not None
                and leaving["mode"] in p.modes
                and (not p.nodes or node in p.nodes)
            )
        )
        if not applies:
            continue
        for b, value in p.in_model_units().items():
            hours[b] += value
        events.append(p.id)
        if not p.sources:
            notes.append(f"{p.id}: {p.note}")
    return {"hours": hours, "events": events, "notes": notes}


def describe(result: TransitResult) -> str:
    """Return a short plain-text summary of a result (for logs and notebooks)."""
    d = result.days
    return (
        f"{result.corridor}: {result.origin} → {result.destination}, "
        f"{result.distance_km:,.0f} km, {d['low']:.1f} / {d['typical']:.1f} / {d['high']:.1f} days"
    )
