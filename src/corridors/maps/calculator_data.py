"""What the map's what-if calculator needs from the transit model, per leg.

`corridors.transit` is the model; this module asks it, per origin–destination
pair and corridor, *which* sourced parameters make each leg's time (km by country
with the speed parameter, a crossing time, the dwell events), so that the page can
re-sum the same figures with other parameter values (`resum` is that arithmetic in
Python, ``corridorsCalc.resum`` in ``static/calculator.js`` the same in the page).
`corridors.maps.calculator` packs it for the page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from corridors import catalog, network, parameters, years
from corridors.errors import NoRouteError

# The model's own steps, reused so that a plan is made exactly as `transit` makes a leg.
from corridors.transit import (
    _FAST,
    BOUNDS,
    EUROPE,
    _dwell_plan,
    _edges,
    _Routes,
    _running_plan,
)

#: The corridors and variants `calculator_data` computes per pair ("sea@suez-closed": the
#: sea route with the scenario suez-closed, for a Suez toggle).
CALCULATOR_VARIANTS = {
    "titr": ("titr", None),
    "northern": ("northern", None),
    "sea": ("sea", None),
    "sea@suez-closed": ("sea", "suez-closed"),
}


@catalog.with_geodata
def calculator_data(
    pairs: Iterable[tuple[str, str]] | None = None,
    *,
    year: int | None = None,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> dict[str, Any]:
    """Return, per origin–destination pair and corridor, what Python computed per leg.

    A page (or any script) re-sums these plans with `resum`'s arithmetic to show
    `transit`'s figures, and again after changing a parameter (a what-if slider):
    the page adds no model of its own.

    Parameters
    ----------
    pairs
        (origin, destination) network ids; ``"europe"`` as destination means each
        corridor's end towards Europe. Default: every ordered pair of network places
        in China and Kazakhstan (origins) and places west of them (destinations),
        plus ``"europe"`` (see `default_pairs`).
    year
        Plans over the network open in that year, as `corridors.transit_time` with
        ``year=`` (default: the data's as-of year).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    data
        JSON-ready: ``year``, ``parameters`` (id -> kind, unit, ``factor`` to hours or km/h,
        ``values`` low/typical/high in the parameter's unit, what, note, sources),
        ``places`` (id -> name), ``variants`` (see `CALCULATOR_VARIANTS`) and
        ``pairs``: a list of {origin, destination, corridors: {variant: plan or
        {"error": reason}}}. A plan has ``origin``, ``destination``, ``distance_km``
        and ``legs`` (no totals: `resum` makes them, as the page does): each with
        leg, kind, mode, from, to, distance_km, ``running`` ({"type":
        "crossing_time", "parameter"}, {"type": "speed", "parts": [{country, km,
        parameter}]} or {"type": "none"}) and ``dwell`` ([{parameter, on, node}]).
    """
    catalog.load_all()
    base = parameters.load()
    year = years.resolve_year(year)
    graph = network.corridor_network(year)
    routes = _Routes(graph)
    pairs = list(default_pairs(graph) if pairs is None else pairs)
    datas = {v: base.with_scenario(scenario) for v, (_, scenario) in CALCULATOR_VARIANTS.items()}
    out_pairs = []
    for origin, destination in pairs:
        plans: dict[str, Any] = {}
        for variant, (corridor, _) in CALCULATOR_VARIANTS.items():
            data = datas[variant]
            try:
                plans[variant] = _plan(origin, destination, corridor, data, routes)
            except NoRouteError as exc:
                plans[variant] = {"error": str(exc)}
        out_pairs.append({"origin": origin, "destination": destination, "corridors": plans})
    return {
        "year": year,
        "bounds": list(BOUNDS),
        "fast": dict(_FAST),
        "parameters": {pid: _parameter_json(p) for pid, p in base.parameters.items()},
        "places": {str(n): str(name) for n, name in graph.nodes(data="name")},
        "variants": {
            v: {"corridor": c, "scenario": sc} for v, (c, sc) in CALCULATOR_VARIANTS.items()
        },
        "pairs": out_pairs,
    }


def default_pairs(graph: Any | None = None) -> list[tuple[str, str]]:
    """The pairs `calculator_data` offers by default.

    Origins: the network places in China and Kazakhstan; destinations: the places in
    other countries (and searoute ports added by sea links), plus ``"europe"``.
    """
    graph = network.corridor_network() if graph is None else graph
    east = {"CHN", "KAZ"}
    origins = [n for n, c in graph.nodes(data="countries") if c and set(c) <= east]
    destinations = [n for n, c in graph.nodes(data="countries") if not (c and set(c) <= east)]
    return [(o, d) for o in origins for d in [*destinations, EUROPE]]


def _parameter_json(p: parameters.Parameter) -> dict[str, Any]:
    return {
        "kind": p.kind,
        "category": p.category_name,
        "what": p.what,
        "unit": p.unit,
        "factor": parameters.UNITS[p.kind][p.unit],
        "values": p.values(),
        "unsourced": list(p.unsourced),
        "derived": list(p.derived),
        "note": p.note,
        "sources": [{"title": s.title, "url": s.url} for s in p.sources],
    }


def _plan(
    origin: str, destination: str, corridor: str, data: parameters.TransitData, routes: _Routes
) -> dict[str, Any]:
    if catalog.normalise_name(destination) == EUROPE:
        destination = data.corridors[corridor].europe
    edges = _edges(origin, destination, corridor=corridor, data=data, routes=routes)
    legs = []
    first = _dwell_plan(None, edges[0], edges[0]["from"], data, at_end=False)
    if first:
        legs.append(
            {
                "leg": "(origin)",
                "kind": "dwell",
                "mode": "",
                "from": edges[0]["from"],
                "to": edges[0]["from"],
                "distance_km": 0.0,
                "running": {"type": "none"},
                "dwell": first,
            }
        )
    for i, edge in enumerate(edges):
        following = edges[i + 1] if i + 1 < len(edges) else None
        legs.append(
            {
                "leg": edge["leg"],
                "kind": edge["kind"],
                "mode": edge["mode"],
                "from": edge["from"],
                "to": edge["to"],
                "distance_km": edge["length_km"],
                "running": _running_plan(edge, data),
                "dwell": _dwell_plan(edge, following, edge["to"], data, at_end=following is None),
            }
        )
    return {
        "origin": edges[0]["from"],
        "destination": edges[-1]["to"],
        # Summed as `transit` sums its table's distances (numpy, in leg order).
        "distance_km": float(np.sum(np.array([leg["distance_km"] for leg in legs], dtype=float))),
        "legs": legs,
    }


def resum(
    plan: Mapping[str, Any],
    parameter_table: Mapping[str, Mapping[str, Any]],
    overrides: Mapping[str, Mapping[str, float]] | None = None,
) -> dict[str, float]:
    """Re-sum a `calculator_data` plan: total hours for low, typical, high.

    Pure arithmetic on the JSON, the same a page does in the browser: running time
    = km / speed (the fast speed bound for the low time) or a crossing time; dwell
    = the parameter's value, or for a service interval H the wait 0 / H/2 / H.

    Parameters
    ----------
    plan
        One corridor plan of `calculator_data` (``data["pairs"][i]["corridors"][v]``).
    parameter_table
        ``calculator_data(...)["parameters"]``.
    overrides
        What-if values by parameter id, in the parameter's unit (as `transit`'s).
    """
    overrides = overrides or {}

    def value(pid: str, bound: str) -> float:
        entry = parameter_table[pid]
        values = {**entry["values"], **overrides.get(pid, {})}
        return float(values[bound]) * float(entry["factor"])

    totals = dict.fromkeys(BOUNDS, 0.0)
    for leg in plan["legs"]:
        running = leg["running"]
        for b in BOUNDS:
            if running["type"] == "crossing_time":
                totals[b] += value(running["parameter"], b)
            elif running["type"] == "speed":
                for part in running["parts"]:
                    totals[b] += part["km"] / value(part["parameter"], _FAST[b])
            for event in leg["dwell"]:
                pid = event["parameter"]
                if parameter_table[pid]["kind"] == "service_interval":
                    wait = parameters.wait_hours({bound: value(pid, bound) for bound in BOUNDS})
                    totals[b] += wait[b]
                else:
                    totals[b] += value(pid, b)
    return totals


@catalog.with_geodata
def row_edges(
    origin: str,
    destination: str,
    *,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The network edges `transit` counts for each variant of `CALCULATOR_VARIANTS`.

    The same steps as `calculator_data` (and `transit`): each edge with its ``leg``,
    ``kind`` ("leg", "transfer", "sea_link" or "sea_route"), ``mode``, ``from``,
    ``to``, ``length_km`` and ``geometry``, so that a map can draw every leg the
    calculator counts (a sea leg is the very searoute line the model measured).
    A variant the corridor cannot make is left out.

    Parameters
    ----------
    origin, destination
        Network node ids or names; ``"europe"`` as the destination means each
        corridor's end towards Europe.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    edges
        Variant name -> the list of edges, in the direction of travel.
    """
    catalog.load_all()
    base = parameters.load()
    routes = _Routes(network.corridor_network())
    out: dict[str, list[dict[str, Any]]] = {}
    for variant, (corridor, scenario) in CALCULATOR_VARIANTS.items():
        data = base.with_scenario(scenario)
        end = destination
        if catalog.normalise_name(end) == EUROPE:
            end = data.corridors[corridor].europe
        try:
            out[variant] = _edges(origin, end, corridor=corridor, data=data, routes=routes)
        except NoRouteError:
            continue
    return out
