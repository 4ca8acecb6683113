"""The Middle Corridor map: TITR legs by mode, chainage, and the routes to compare."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from corridors import catalog, fmt, measure
from corridors.maps import calculator
from corridors.maps.assets import AtlasMap
from corridors.maps.calculator import Calculator
from corridors.maps.common import (
    WORLD,
    MapSpec,
    add_basemap,
    add_layer,
    add_rail_network,
    finish,
    layer,
    legend,
    path,
    title,
)
from corridors.maps.frontend import render
from corridors.maps.layers import bounds_of

#: The corridors' main lines, as (origin, destination, corridor) for the network's
#: shortest path: the legs come from corridors.network, never listed here by hand.
TITR_MAIN = ("lianyungang", "kars", "titr")
NORTHERN_MAIN = ("lianyungang", "duisburg", "northern")
SEA_ORIGIN = "lianyungang"
CHAINAGE_EVERY_KM = 250.0
#: Pixels kept free at the top of the initial view for the calculator panel.
CALCULATOR_ROOM_PX = 330


def chainage(legs: pd.DataFrame, every_km: float) -> gpd.GeoDataFrame:
    """Markers every `every_km` of cumulative km along a path's legs, in travel order.

    Each leg is measured in the direction of travel (the network's edge geometry),
    whichever way it is drawn in geodata, so km 0 is the path's origin.
    """
    from corridors import network  # noqa: PLC0415 (networkx only for this map)

    rows = []
    offset = 0.0
    for edge in network.path_edges(legs):
        line = edge["geometry"]
        length = float(measure.cumulative_km(line)[-1])
        first = np.ceil(offset / every_km) * every_km
        marks = np.arange(first, offset + length + 1e-9, every_km)
        for km, point in zip(marks, measure.points_at(line, marks - offset), strict=True):
            rows.append({"km": km, "leg": edge["leg"], "geometry": point})
        offset += length
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


def _add_chainage(m: AtlasMap, marks: gpd.GeoDataFrame) -> None:
    group = folium.FeatureGroup(
        name=f"Chainage every {fmt.km(CHAINAGE_EVERY_KM)} km (TITR main line)"
    )
    for _, mark in marks.iterrows():
        # folium takes (lat, lon): the point's (y, x). The km show on hover: labels kept
        # on would hide the place names under them (Tbilisi, Rustavi, Aktau); every
        # 1,000 km the mark is larger and filled.
        thousand = mark["km"] % 1000 == 0
        folium.CircleMarker(
            [mark.geometry.y, mark.geometry.x],
            radius=4 if thousand else 3,
            color="#000",
            weight=1,
            fill=True,
            fill_color="#000" if thousand else "#fff",
            fill_opacity=1,
            tooltip=folium.Tooltip(
                f"{fmt.km_computed(mark['km'], decimals=0)} km",
                permanent=False,
                direction="right",
                class_name="chainage-label",
            ),
        ).add_to(group)
    group.add_to(m)


#: The calculator's opening pair: the map draws every leg its rows count for it.
ROW_ORIGIN = "lianyungang"
ROW_DESTINATION = "europe"
_SEAROUTE_SOURCE = {
    "title": "searoute (PyPI, Apache-2.0), maritime network and port list from "
    "Eurostat SeaRoute / ORNL",
    "url": "https://github.com/genthalili/searoute-py",
    "supports": ["geometry"],
}


def _place_name(node: str, graph: Any) -> str:
    from corridors import network  # noqa: PLC0415 (networkx only for this map)

    if node in graph:
        return str(graph.nodes[node]["name"])
    return str(network.searoute_port(node)["name"])


def _computed_legs() -> gpd.GeoDataFrame:
    from corridors import network, parameters  # noqa: PLC0415 (searoute only when drawn)
    from corridors.maps.calculator_data import CALCULATOR_VARIANTS, row_edges  # noqa: PLC0415

    graph = network.corridor_network()
    base = parameters.load()
    links = {link.id: link for link in base.links}
    drawn: dict[str, Any] = {}  # feature id -> geometry, to reuse a leg a scenario keeps
    rows, geoms = [], []
    for variant, edges in row_edges(ROW_ORIGIN, ROW_DESTINATION).items():
        _, scenario = CALCULATOR_VARIANTS[variant]
        for edge in edges:
            if edge["kind"] == "leg":
                continue  # a geodata feature, drawn by its own layer
            fid = str(edge["leg"])
            line = edge["geometry"]
            if fid in drawn and drawn[fid].equals_exact(line, 1e-9):
                continue
            if fid in drawn or scenario is not None:
                fid = f"{fid}@{scenario}"
                if fid in drawn:
                    continue
            drawn[fid] = line
            ends = f"{_place_name(edge['from'], graph)} – {_place_name(edge['to'], graph)}"
            sea = edge["mode"] == "sea"
            link = links.get(str(edge["leg"]))
            if edge["kind"] == "sea_route":
                via = "the Cape of Good Hope (Suez closed)" if scenario else "Suez"
                name = f"Sea route via {via}: {ends}"
            elif sea:
                name = f"Sea leg: {ends}"
            else:
                name = f"Transfer: {ends}"
            avoid = ", ".join(base.with_scenario(scenario).corridors["sea"].restrictions)
            if sea:
                method = "searoute shortest path between the nearest network ports"
                if edge["kind"] == "sea_route":
                    method += f", avoiding {avoid}"
                how = (
                    "Computed at build time by the searoute package (shortest path on its "
                    "maritime network), the very line the model measures; the length shown "
                    "is its geodesic length. "
                )
            else:
                method = "straight line between the two places (schematic)"
                how = "A straight transfer between two network places. "
            sources = (
                [{"title": s.title, "url": s.url, "quote": s.quote} for s in link.sources]
                if link is not None
                else []
            )
            rows.append(
                {
                    "id": fid,
                    "name": name,
                    "kind": "sea_route" if sea else "transfer",
                    "status": "operating",
                    "mode": "sea" if sea else "transfer",
                    "countries": [],
                    "leg": str(edge["leg"]),
                    "variant": variant,
                    "description": (
                        "Counted by the transit model and its calculator"
                        + (f" with the scenario {scenario}" if scenario else "")
                        + ". "
                        + how
                        + (link.note if link is not None else str(edge.get("note") or ""))
                    ),
                    "geometry_method": method,
                    "sources": [*sources, *([_SEAROUTE_SOURCE] if sea else [])],
                }
            )
            geoms.append(line)
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=4326)


def computed_legs() -> gpd.GeoDataFrame:
    """The legs the calculator counts that no geodata layer draws, as features.

    For each row of the calculator from `ROW_ORIGIN` to `ROW_DESTINATION`: the sea
    links (the Black Sea feeder Batumi–Constanța), transfers and the sea route, each the
    network's own geometry (the searoute line the model measures). A leg a scenario
    changes (the sea route with Suez closed goes round the Cape) is a feature of its
    own, ``<leg>@<scenario>``; ``variant`` names the calculator row that counts it first.
    """
    return catalog.in_use().kept("computed legs", _computed_legs)


#: The summary's rows: the calculator's rows and the Suez-closed variant, with the way.
_SUMMARY_VIA = {
    "titr": "Aktau – Baku / Alat – Tbilisi – Batumi – Black Sea feeder",
    "northern": "Alashankou – Moscow – Brest",
    "sea": "searoute via Suez",
    calculator.SUEZ_CLOSED: "searoute round the Cape of Good Hope",
}


def _corridor_summary(data: dict[str, Any]) -> str:
    plans = next(p[2] for p in data["pairs"] if (p[0], p[1]) == (ROW_ORIGIN, ROW_DESTINATION))
    titles = {**dict(calculator.ROWS), calculator.SUEZ_CLOSED: "Sea via the Cape (Suez closed)"}
    rows = []
    for variant, via in _SUMMARY_VIA.items():
        plan = plans.get(variant)
        if not isinstance(plan, list):
            continue
        end, km, _ = plan
        origin, last = data["places"][ROW_ORIGIN], data["places"][end]
        rows.append(
            {
                "title": f"{titles[variant]}: {origin} – {via} – {last}",
                "end": last,
                "km": fmt.km_computed(km, decimals=0),
            }
        )
    return render("panels/middle-corridor.html", rows=rows)


#: Years the calculator offers besides the data's as-of year (the network open then).
CALCULATOR_YEARS = (2010, 2015, 2018, 2030)


def build(m: AtlasMap) -> None:
    """Draw the Middle Corridor map on `m`."""
    add_basemap(m, WORLD, 0.05)
    add_rail_network(m)
    # Room at the top for the calculator panel (between the left controls and the
    # layer list) and on the right for the layer list and legend: at the initial view
    # no panel covers a route.
    m.fit_bounds(
        bounds_of([layer("titr"), layer("northern")]),
        padding_top_left=(20, CALCULATOR_ROOM_PX),
        padding_bottom_right=(260, 20),
    )
    add_layer(m, "titr", title("titr"))
    add_layer(m, "roads", title("roads"))
    add_layer(m, "rail-projects", title("rail-projects"))
    add_layer(m, "northern", "Compare · Northern corridor (via Russia)")
    legs = computed_legs()
    counted = legs[legs["variant"].isin(["titr", "northern"])]
    add_layer(m, counted, "Middle Corridor · Black Sea feeder Batumi – Constanța (sea leg)")
    routes = {
        "sea": add_layer(m, legs[legs["variant"] == "sea"], "Compare · Sea route via Suez"),
        calculator.SUEZ_CLOSED: add_layer(
            m,
            legs[legs["variant"] == calculator.SUEZ_CLOSED],
            "Compare · Sea route via the Cape (Suez closed)",
            show=False,
        ),
    }
    # Its picture on the index shows what it compares: the corridors and the sea route.
    m.picture_view = bounds_of([layer("titr"), layer("northern"), legs[legs["variant"] == "sea"]])
    _add_chainage(m, chainage(path(*TITR_MAIN), CHAINAGE_EVERY_KM))
    add_layer(m, "nodes", title("nodes"))
    add_layer(m, "terminals", title("terminals"))
    key = legend("Middle Corridor", points=["city", "seaport", "rail_station"])
    data = calculator.page_data(years=CALCULATOR_YEARS)
    finish(m, key, _corridor_summary(data), info_title="Corridor lengths", info_open=False)
    Calculator(data, routes={k: v for k, v in routes.items() if v is not None}).add_to(m)


MAP = MapSpec(
    "middle-corridor",
    "Middle Corridor",
    "TITR legs by mode, nodes, chainage every 250 km, the Northern and sea routes to compare, "
    "and a what-if transit calculator.",
    build,
)
