"""The Middle Corridor map: TITR legs by mode, chainage, and the routes to compare."""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from corridors import catalog, fmt, lookup, measure
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
    path_km,
    title,
)
from corridors.maps.frontend import render
from corridors.maps.layers import bounds_of
from corridors.maps.styles import MODE_STYLE, NORTHERN_STYLE

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
        # folium takes (lat, lon): the point's (y, x). Every 1,000 km the label stays on.
        folium.CircleMarker(
            [mark.geometry.y, mark.geometry.x],
            radius=3,
            color="#000",
            weight=1,
            fill=True,
            fill_color="#fff",
            fill_opacity=1,
            tooltip=folium.Tooltip(
                f"{fmt.km_computed(mark['km'], decimals=0)} km",
                permanent=mark["km"] % 1000 == 0,
                direction="right",
                class_name="chainage-label",
            ),
        ).add_to(group)
    group.add_to(m)


def _sea_route() -> gpd.GeoDataFrame:
    from corridors import network, parameters  # noqa: PLC0415 (searoute only when drawn)

    spec = parameters.load().corridors["sea"]
    origin = lookup.place(SEA_ORIGIN).geometry
    port = network.searoute_port(spec.europe)
    line = network.sea_line(
        (origin.x, origin.y), (port["lon"], port["lat"]), restrictions=spec.restrictions
    )
    props = {
        "id": f"sea-{SEA_ORIGIN}-{port['code'].lower()}",
        "name": f"Sea route via Suez: Lianyungang – {port['name']}",
        "kind": "sea_route",
        "status": "operating",
        "mode": "sea",
        "countries": [],
        "description": "Computed at build time by the searoute package (shortest path on its "
        "maritime network, via the Suez Canal), as the transit model uses it; the length "
        "shown is the drawn path's geodesic length.",
        "geometry_method": "searoute shortest path between the nearest network ports, "
        f"avoiding {', '.join(spec.restrictions) or 'nothing'}",
        "sources": [
            {
                "title": "searoute (PyPI, Apache-2.0), maritime network and port list from "
                "Eurostat SeaRoute / ORNL",
                "url": "https://github.com/genthalili/searoute-py",
                "supports": ["geometry"],
            },
        ],
    }
    return gpd.GeoDataFrame([props], geometry=[line], crs=4326)


def sea_route() -> gpd.GeoDataFrame:
    """The sea route to Europe as the transit model takes it (same ports and restrictions)."""
    return catalog.in_use().kept("sea route", _sea_route)


def _corridor_summary() -> str:
    titr = path_km(path(*TITR_MAIN))
    northern = path_km(path(*NORTHERN_MAIN))
    sea = float(measure.route_lengths(sea_route()).iloc[0])
    rows = [
        ("Middle Corridor (TITR): Lianyungang – Aktau – Baku / Alat – Tbilisi – Kars", titr),
        ("Northern corridor: Lianyungang – Alashankou – Moscow – Brest – Duisburg", northern),
        ("Sea via Suez: Lianyungang – Rotterdam (searoute)", sea),
    ]
    return render(
        "panels/middle-corridor.html",
        rows=[{"title": t, "km": fmt.km_computed(k, decimals=0)} for t, k in rows],
    )


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
    add_layer(m, "northern", "Compare · Northern corridor (via Russia)")
    add_layer(m, sea_route(), "Compare · Sea route via Suez (searoute)")
    _add_chainage(m, chainage(path(*TITR_MAIN), CHAINAGE_EVERY_KM))
    add_layer(m, "nodes", title("nodes"))
    key = legend(
        "Middle Corridor",
        [
            (MODE_STYLE[k], MODE_STYLE[k]["label"])
            for k in ("rail_1435", "rail_1520", "ferry", "road", "sea")
        ]
        + [(NORTHERN_STYLE, NORTHERN_STYLE["label"])],
        ["city", "seaport", "rail_station"],
    )
    finish(m, key, _corridor_summary(), info_title="Corridor lengths", info_open=False)
    Calculator(calculator.page_data()).add_to(m)


MAP = MapSpec(
    "middle-corridor",
    "Middle Corridor",
    "TITR legs by mode, nodes, chainage every 250 km, the Northern and sea routes to compare, "
    "and a what-if transit calculator.",
    build,
)
