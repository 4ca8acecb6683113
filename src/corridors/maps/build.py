"""The named maps and the index page."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from corridors import catalog, measure
from corridors.errors import CorridorsError, UnknownNameError
from corridors.maps import basemap
from corridors.maps.assets import AtlasMap, render_html, write_atomic
from corridors.maps.controls import Controls, Header, Panel
from corridors.maps.layers import (
    KIND_STYLE,
    MODE_STYLE,
    NORTHERN_STYLE,
    POINT_STYLE,
    STATUS_COLOR,
    GeoJsonLayer,
    bounds_of,
    capacity_weight,
    esc,
    feature_collection,
    fmt_km,
    link,
    safe_json,
)

#: The corridors' main lines, as (origin, destination, corridor) for the network's
#: shortest path: the legs come from corridors.network, never listed here by hand.
TITR_MAIN = ("lianyungang", "kars", "titr")
NORTHERN_MAIN = ("lianyungang", "duisburg", "northern")
SEA_ORIGIN = "lianyungang"
CHAINAGE_EVERY_KM = 250.0

LAYER_TITLES = {
    "cagp": ("Energy", "Central Asia–China gas pipeline"),
    "kz-china-oil": ("Energy", "Kazakhstan–China oil pipeline"),
    "beineu-bozoi-shymkent": ("Energy", "Beineu–Bozoi–Shymkent gas pipeline"),
    "titr": ("Transport", "Middle Corridor (TITR) legs"),
    "northern": ("Transport", "Northern corridor (via Russia)"),
    "roads": ("Transport", "Western Europe–Western China highway"),
    "nodes": ("Transport", "Corridor nodes (cities, stations, ports)"),
    "khorgos": ("Sites", "Khorgos complex"),
    "energy-projects": ("Energy", "Chinese-backed wind and solar plants"),
    "crossings": ("Border", "Border crossings"),
    "china-kazakhstan-border": ("Border", "China–Kazakhstan border"),
}


@dataclass(frozen=True)
class MapSpec:
    """One named map: its file stem, title, one-line description and builder."""

    name: str
    title: str
    description: str
    builder: Callable[[AtlasMap], None]


def _title(layer: str) -> str:
    group, title = LAYER_TITLES.get(layer, ("Other", layer))
    return f"{group} · {title}"


def _everything() -> gpd.GeoDataFrame:
    return catalog.load_all()  # kept per geodata folder by the catalog


def _layer(name: str) -> gpd.GeoDataFrame:
    everything = _everything()
    return everything[everything["layer"] == name]


def _legs(ids: Iterable[str]) -> gpd.GeoDataFrame:
    everything = _everything().set_index("id", drop=False)
    ids = list(ids)
    missing = [i for i in ids if i not in everything.index]
    if missing:
        raise UnknownNameError("route", missing[0], everything.index)  # noqa: EM101
    return everything.loc[ids]


@functools.cache
def _basemap(
    box: tuple[float, float, float, float], tolerance: float, root: Path
) -> gpd.GeoDataFrame:
    """Country polygons clipped to `box` and simplified (shared edges kept) for display."""
    countries = catalog.load("countries")
    clip = shapely.box(*box)
    countries = countries[countries.intersects(clip)].copy()
    countries["geometry"] = shapely.intersection(countries.geometry.values, clip)
    countries = countries.explode(ignore_index=True)
    countries = countries[countries.geometry.geom_type == "Polygon"]
    simplified = shapely.coverage_simplify(countries.geometry.values, tolerance)
    countries["geometry"] = shapely.make_valid(simplified)
    return countries.dissolve(by="iso3", as_index=False, sort=True)


@functools.lru_cache(maxsize=512)
def _country_split(wkb: bytes, root: Path) -> pd.DataFrame:
    return measure.length_by_country(shapely.from_wkb(wkb))


def _split_for(row: Mapping[str, Any]) -> pd.DataFrame | None:
    if row["kind"] in ("border", "ferry", "sea_route"):
        return None
    return _country_split(shapely.to_wkb(row["geometry"]), catalog.default_root())


def _new_map(bounds: list[list[float]], *, offline: bool) -> AtlasMap:
    m = AtlasMap(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=4,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        offline=offline,
        zoom_snap=0.25,
    )
    # No fitBounds here: each map fits its own layers once. A second fitBounds
    # while Leaflet animates the first is ignored.
    Header().add_to(m)
    return m


def _add_basemap(m: AtlasMap, box: tuple[float, float, float, float], tolerance: float) -> None:
    # Relief, water, boundaries, place names and the base-layer choice (tiles on demand).
    basemap.add(m, _basemap(box, tolerance, catalog.default_root()), box=box, tolerance=tolerance)


def _add_layer(
    m: AtlasMap, gdf: gpd.GeoDataFrame, name: str, *, scheme: str = "mode", show: bool = True
) -> None:
    if gdf.empty:
        return
    data = feature_collection(gdf, scheme=scheme, split_countries=_split_for)
    GeoJsonLayer(data, name=name, show=show).add_to(m)


def _details(summary: str, body: str, *, open_: bool) -> str:
    return f"<details{' open' if open_ else ''}><summary>{esc(summary)}</summary>{body}</details>"


def _add_layers(m: AtlasMap, names: Sequence[str]) -> None:
    for name in names:
        _add_layer(m, _layer(name), _title(name))


def _finish(
    m: AtlasMap,
    legend: str,
    info: str | None = None,
    *,
    info_title: str = "",
    info_open: bool = True,
) -> None:
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    Panel(
        safe_json(_details("Legend", legend, open_=True)),
        position="bottomright",
        css_class="c-legend",
    ).add_to(m)
    if info:
        Panel(
            safe_json(_details(info_title, info, open_=info_open)),
            position="bottomleft",
            css_class="c-info",
        ).add_to(m)
    Controls().add_to(m)


def _legend(title: str, lines: Sequence[tuple[dict, str]], points: Sequence[str] = ()) -> str:
    rows = [f"<h3>{esc(title)}</h3><table>"]
    for style, label in lines:
        border = "dashed" if style.get("dashArray") else "solid"
        rows.append(
            f"<tr><td><span class='sw' style='border-top-color:{style['color']};"
            f"border-top-style:{border};border-top-width:{min(style.get('weight', 3), 12)}px'>"
            f"</span></td><td>{esc(label)}</td></tr>"
        )
    for kind in points:
        style = POINT_STYLE[kind]
        label = kind.replace("_", " ")
        rows.append(
            f"<tr><td><span class='dot' style='border-color:{style['color']};"
            f"background:{style['fillColor']}'></span></td><td>{esc(label)}</td></tr>"
        )
    country = KIND_STYLE["country"]
    rows.append(
        f"<tr><td><span class='fill' style='background:{country['fillColor']}'></span></td>"
        "<td>country (Natural Earth 1:10m)</td></tr></table>"
    )
    return "".join(rows)


def _path_legs(origin: str, destination: str, corridor: str) -> list[str]:
    """The drawn legs of the network's shortest path (transfers, not drawn, left out)."""
    from corridors import network  # noqa: PLC0415 (networkx only for these panels)

    path = network.shortest_path(origin, destination, corridor=corridor)
    drawn = set(_everything()["id"])
    return [leg for leg in path["leg"] if leg in drawn]


def _path_km(ids: Sequence[str]) -> float:
    return float(measure.route_lengths(_legs(ids)).sum())


def _chainage(ids: Sequence[str], every_km: float) -> gpd.GeoDataFrame:
    """Markers every `every_km` of cumulative km along consecutive legs."""
    rows = []
    offset = 0.0
    for _, leg in _legs(ids).iterrows():
        length = float(measure.cumulative_km(leg.geometry)[-1])
        first = np.ceil(offset / every_km) * every_km
        marks = np.arange(first, offset + length + 1e-9, every_km)
        for km, point in zip(marks, measure.points_at(leg.geometry, marks - offset), strict=True):
            rows.append({"km": km, "leg": leg["id"], "geometry": point})
        offset += length
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


def _add_chainage(m: AtlasMap, marks: gpd.GeoDataFrame) -> None:
    group = folium.FeatureGroup(name=f"Chainage every {CHAINAGE_EVERY_KM:,.0f} km (TITR main line)")
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
                f"{mark['km']:,.0f} km",
                permanent=mark["km"] % 1000 == 0,
                direction="right",
                class_name="chainage-label",
            ),
        ).add_to(group)
    group.add_to(m)


@functools.cache
def _sea_route(root: Path) -> gpd.GeoDataFrame:
    """The sea route to Europe as the transit model takes it (same ports and restrictions)."""
    from corridors import network, parameters  # noqa: PLC0415 (searoute only when drawn)

    spec = parameters.load().corridors["sea"]
    origin = measure.place(SEA_ORIGIN).geometry
    port = network.searoute_port(spec.europe)
    line = network.sea_line(
        (origin.x, origin.y), (port["lon"], port["lat"]), restrictions=spec.restrictions
    )
    props = {
        "id": f"sea-{SEA_ORIGIN}-{port['id']}",
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


def _transit_table() -> str:
    """Transit-time ranges from Lianyungang to each corridor's end in Europe."""
    from corridors import transit  # noqa: PLC0415 (maps annotate with the transit model)

    table = transit.compare(SEA_ORIGIN)
    rows = "".join(
        f"<tr><td>{esc(r.corridor)} → {esc(r.destination)}</td>"
        f"<td>{r.days_low:.0f} / <b>{r.days_typical:.0f}</b> / {r.days_high:.0f}</td></tr>"
        for r in table.itertuples()
        if pd.notna(r.days_typical)
    )
    return (
        "<br><b>Transit from Lianyungang, days (low / typical / high)</b><table>"
        + rows
        + "</table><div class='c-note'>Transit model of corridors with sourced parameters "
        "(geodata/transit.toml). Reported: Middle Corridor 31–37 days (2025), advertised "
        "14–18; Northern 12–18; sea via Suez 27–35.</div>"
    )


def _corridor_summary() -> str:
    titr = _path_km(_path_legs(*TITR_MAIN))
    northern = _path_km(_path_legs(*NORTHERN_MAIN))
    sea = float(measure.route_lengths(_sea_route(catalog.default_root())).iloc[0])
    rows = [
        ("Middle Corridor (TITR): Lianyungang – Aktau – Baku / Alat – Tbilisi – Kars", titr),
        ("Northern corridor: Lianyungang – Alashankou – Moscow – Brest – Duisburg", northern),
        ("Sea via Suez: Lianyungang – Rotterdam (searoute)", sea),
    ]
    body = "".join(
        f"<tr><td>{esc(t)}</td><td><b>{fmt_km(round(k))}</b> km</td></tr>" for t, k in rows
    )
    return (
        "<table>" + body + "</table>"
        "<div class='c-note'>Sums of the drawn legs' geodesic lengths, computed by corridors. "
        "Many legs are drawn short of their published lengths (see each popup); the Baku–Alat "
        "gap between the ferry and the railway is not drawn.</div>" + _transit_table()
    )


def _context_panel() -> str:
    facts = [
        (
            "China–Kazakhstan trade 2023: $41 bn (Tokayev; $31.4 bn by Kazakh statistics)",
            "https://www.interfax.com/newsroom/top-stories/100830/",
            "Interfax, 28 Mar 2024",
        ),
        (
            "Shanghai Cooperation Organisation founded 15 Jun 2001, Kazakhstan a founding member",
            "https://tass.com/politics/1811491",
            "TASS, 3 Jul 2024",
        ),
        (
            "2016 land-code protests against 25-year leases of farmland to foreigners",
            "https://www.albawaba.com/loop/fears-chinese-land-grab-are-destabilizing-kazakhstan-843040",
            "Albawaba, 22 May 2016",
        ),
        (
            "2019 protests in Almaty against Chinese economic expansion; 2021 law bans land sales "
            "to foreigners",
            "https://central.asia-news.com/en_GB/articles/cnmi_ca/features/2021/05/14/feature-01",
            "Caravanserai, 14 May 2021",
        ),
        (
            "Chinese-built Zhanatas 100 MW wind farm in full operation since 20 Jun 2021 "
            "(drawn at Zhanatas town; the farm is about 9 km south-west of it)",
            "http://en.sasac.gov.cn/2021/06/23/c_7253.htm",
            "SASAC / China Daily, 23 Jun 2021",
        ),
    ]
    items = "".join(f"<li>{esc(text)} – {link(url, src)}</li>" for text, url, src in facts)
    return f"<ul style='margin:0;padding-left:16px'>{items}</ul>"


def _fit(m: AtlasMap, layers: Sequence[str]) -> None:
    # Keep the data clear of the layer control and legend on the right (pixels).
    m.fit_bounds(
        bounds_of([_layer(name) for name in layers]),
        padding_top_left=(20, 20),
        padding_bottom_right=(260, 20),
    )


WORLD = (-20.0, -36.0, 150.0, 72.0)
#: Every layer the overview map draws, in drawing order (points last, on top).
OVERVIEW_LAYERS = (
    "cagp",
    "kz-china-oil",
    "beineu-bozoi-shymkent",
    "titr",
    "northern",
    "roads",
    "china-kazakhstan-border",
    "nodes",
    "khorgos",
    "crossings",
    "energy-projects",
)


def _overview(m: AtlasMap) -> None:
    _add_basemap(m, WORLD, 0.05)
    _fit(m, ("cagp", "titr", "northern"))
    _add_layers(m, OVERVIEW_LAYERS)
    legend = _legend(
        "Overview",
        [
            (MODE_STYLE["rail_1435"], MODE_STYLE["rail_1435"]["label"]),
            (MODE_STYLE["rail_1520"], MODE_STYLE["rail_1520"]["label"]),
            (MODE_STYLE["ferry"], MODE_STYLE["ferry"]["label"]),
            (MODE_STYLE["road"], MODE_STYLE["road"]["label"]),
            (NORTHERN_STYLE, NORTHERN_STYLE["label"]),
            (KIND_STYLE["gas_pipeline"], "Gas pipeline"),
            (KIND_STYLE["oil_pipeline"], "Oil pipeline"),
            ({**KIND_STYLE["gas_pipeline"], "dashArray": "1"}, "Planned pipeline (dashed)"),
            (KIND_STYLE["border"], "China–Kazakhstan border"),
        ],
        [
            "city",
            "seaport",
            "rail_station",
            "border_crossing",
            "dry_port",
            "compressor_station",
            "power_plant",
        ],
    )
    _finish(m, legend, _context_panel(), info_title="Context (sourced notes)", info_open=False)


def _energy(m: AtlasMap) -> None:
    _add_basemap(m, (40.0, 30.0, 95.0, 56.0), 0.02)
    _fit(m, ("cagp", "kz-china-oil", "beineu-bozoi-shymkent"))
    for layer in ("cagp", "kz-china-oil", "beineu-bozoi-shymkent"):
        _add_layer(m, _layer(layer), _title(layer), scheme="status")
    _add_layer(m, _layer("energy-projects"), _title("energy-projects"))
    _add_layer(m, _layer("china-kazakhstan-border"), _title("china-kazakhstan-border"))
    statuses = [
        (
            {
                "color": STATUS_COLOR[s],
                "weight": 4,
                **({"dashArray": "1"} if s == "planned" else {}),
            },
            s.replace("_", " "),
        )
        for s in ("operating", "planned")
    ]
    statuses.append(
        (
            {"color": STATUS_COLOR["operating"], "weight": 4, "dashArray": "1"},
            "oil pipeline: dash-dot (gas: solid)",
        )
    )
    widths = [
        (
            {"color": "#555", "weight": capacity_weight({"capacity": {"value": c}})},
            f"{c} bcm/yr or Mt/yr",
        )
        for c in (10, 20, 30)
    ]
    legend = _legend(
        "Pipelines: colour = status, width = capacity",
        statuses + widths,
        ["compressor_station", "pump_station", "power_plant"],
    )
    _finish(
        m,
        legend + "<div class='c-note'>width = 2 px + 0.25 px per unit of capacity "
        "(bcm/yr for gas, Mt/yr for oil); 3 px where no capacity is sourced</div>",
    )


def _middle_corridor(m: AtlasMap) -> None:
    _add_basemap(m, WORLD, 0.05)
    _fit(m, ("titr", "northern"))
    _add_layer(m, _layer("titr"), _title("titr"))
    _add_layer(m, _layer("roads"), _title("roads"))
    _add_layer(m, _layer("northern"), "Compare · Northern corridor (via Russia)")
    _add_layer(m, _sea_route(catalog.default_root()), "Compare · Sea route via Suez (searoute)")
    _add_chainage(m, _chainage(_path_legs(*TITR_MAIN), CHAINAGE_EVERY_KM))
    _add_layer(m, _layer("nodes"), _title("nodes"))
    legend = _legend(
        "Middle Corridor",
        [
            (MODE_STYLE[k], MODE_STYLE[k]["label"])
            for k in ("rail_1435", "rail_1520", "ferry", "road", "sea")
        ]
        + [(NORTHERN_STYLE, NORTHERN_STYLE["label"])],
        ["city", "seaport", "rail_station"],
    )
    _finish(m, legend, _corridor_summary(), info_title="Corridor lengths")


KHORGOS = "horgos"  # the node where the drawn legs meet at the crossing
KHORGOS_DISTANCES = (
    ("Almaty", "almaty"),
    ("Ürümqi", "urumqi"),
    ("Aktau", "aktau"),
    ("Lianyungang", "lianyungang"),
)


def _khorgos_panel() -> str:
    rows = []
    for label, place in KHORGOS_DISTANCES:
        direct = measure.distance_km(KHORGOS, place)
        along = _path_km(_path_legs(KHORGOS, place, "titr"))
        rows.append(
            f"<tr><td>{esc(label)}</td><td>{fmt_km(round(direct))} km</td>"
            f"<td>{fmt_km(round(along))} km</td></tr>"
        )
    return (
        "<table><tr><th></th><th>geodesic</th>"
        "<th>along the drawn corridor</th></tr>" + "".join(rows) + "</table>"
        "<div class='c-note'>Computed by corridors on WGS 84; 'along' sums the drawn TITR legs "
        "(Horgos – Altynkol – Almaty – Aktau, or Horgos – Ürümqi – Xi'an – Lianyungang).</div>"
    )


def _khorgos(m: AtlasMap) -> None:
    _add_basemap(m, (78.0, 42.5, 83.0, 45.5), 0.002)
    _add_layers(
        m, ("cagp", "titr", "roads", "china-kazakhstan-border", "nodes", "khorgos", "crossings")
    )
    basemap.name_points(m, [_layer("nodes")], minzoom=9, keep=False)
    basemap.name_points(m, [_layer("khorgos"), _layer("crossings")], minzoom=9)
    legend = _legend(
        "Khorgos",
        [
            (MODE_STYLE["rail_1435"], MODE_STYLE["rail_1435"]["label"]),
            (MODE_STYLE["rail_1520"], MODE_STYLE["rail_1520"]["label"]),
            (MODE_STYLE["road"], MODE_STYLE["road"]["label"]),
            (KIND_STYLE["gas_pipeline"], "Gas pipeline"),
            (KIND_STYLE["border"], "China–Kazakhstan border (OpenStreetMap)"),
        ],
        ["dry_port", "economic_zone", "border_crossing", "rail_station", "city"],
    )
    _finish(m, legend, _khorgos_panel(), info_title="Distances from Horgos")
    # West to Zharkent (GeoNames 1520253, 80.007°E): the reader finds the town by name.
    m.fit_bounds([[44.06, 79.9], [44.30, 80.58]], padding_bottom_right=(400, 20))


def _border_panel() -> str:
    row = _everything().set_index("id").loc["border-china-kazakhstan"]
    drawn = float(measure.geodesic_lengths([row.geometry])[0] / 1000)
    published = float(row["published_length_km"])
    (source, *_) = measure.fact_sources(row["sources"], "published_length_km")
    coarse = _layer("border-scales")
    scales = "".join(
        f"<tr><td>{esc(name.rsplit(', ', 1)[-1])} (drawn)</td><td>{km:,.1f} km</td></tr>"
        for name, km in zip(coarse["name"], measure.route_lengths(coarse), strict=True)
    )
    return (
        "<table>"
        "<tr><td>Published (demarcation commissions)</td>"
        f"<td><b>{fmt_km(published)} km</b></td></tr>"
        f"<tr><td>Drawn line (OpenStreetMap), geodesic</td><td><b>{drawn:,.1f} km</b></td></tr>"
        f"<tr><td>Difference</td><td>{(drawn - published) / published * 100:+.1f} %</td></tr>"
        + scales
        + "</table><div class='c-note'>Published figure: "
        f"{link(source['url'], source['title'])}. Lengths of the drawn lines are computed by "
        "corridors; coarser maps straighten the line and measure shorter (toggle the "
        "Natural Earth lines in the layer control).</div>"
    )


def _border(m: AtlasMap) -> None:
    _add_basemap(m, (70.0, 38.0, 92.0, 52.0), 0.005)
    _fit(m, ("china-kazakhstan-border",))
    _add_layer(m, _layer("china-kazakhstan-border"), _title("china-kazakhstan-border"))
    _add_layer(
        m, _layer("border-scales"), "Compare · the border at Natural Earth scales", show=False
    )
    _add_layer(m, _layer("crossings"), _title("crossings"))
    legend = _legend(
        "Border", [(KIND_STYLE["border"], "China–Kazakhstan border")], ["border_crossing"]
    )
    _finish(m, legend, _border_panel(), info_title="Length")


MAPS: dict[str, MapSpec] = {
    spec.name: spec
    for spec in (
        MapSpec(
            "overview",
            "Overview",
            "Every layer: pipelines, corridors, sites, the border and crossings.",
            _overview,
        ),
        MapSpec(
            "energy",
            "Energy",
            "Pipelines coloured by status, line width by capacity, "
            "per-country lengths in the popups.",
            _energy,
        ),
        MapSpec(
            "middle-corridor",
            "Middle Corridor",
            "TITR legs by mode, nodes, chainage every "
            "250 km, and the Northern and sea routes to compare.",
            _middle_corridor,
        ),
        MapSpec(
            "khorgos",
            "Khorgos",
            "The Khorgos complex and crossing, with distances to "
            "Almaty, Ürümqi, Aktau and Lianyungang.",
            _khorgos,
        ),
        MapSpec(
            "border",
            "Border",
            "The China–Kazakhstan border: drawn and published length, and the crossings.",
            _border,
        ),
    )
}


def build(name: str, *, offline: bool = True) -> AtlasMap:
    """Build one named map and return it (a folium Map; it displays in Jupyter).

    Parameters
    ----------
    name
        One of ``overview``, ``energy``, ``middle-corridor``, ``khorgos``, ``border``.
    offline
        Inline Leaflet so the map needs no network (default); False links the CDN
        and offers OpenStreetMap tiles as an extra base layer.
    """
    if name not in MAPS:
        raise UnknownNameError("map", name, MAPS)  # noqa: EM101 (a label, not the message)
    spec = MAPS[name]
    everything = _everything()
    bounds = bounds_of([everything[everything["kind"] != "country"]])
    m = _new_map(bounds, offline=offline)
    m.get_root().header.add_child(
        folium.Element(f"<title>corridors · {esc(spec.title)}</title>"), name="title"
    )
    spec.builder(m)
    return m


def index_html(names: Sequence[str]) -> str:
    """The index page linking the named maps, with a one-line description each."""
    items = "".join(
        f"<li><a href='{esc(n)}.html'>{esc(MAPS[n].title)}</a> – {esc(MAPS[n].description)}</li>"
        for n in names
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>corridors · maps</title><style>body{font:15px/1.5 system-ui,sans-serif;"
        "max-width:760px;margin:2em auto;padding:0 1em}li{margin:.4em 0}</style></head><body>"
        "<h1>China–Kazakhstan–Caspian corridors</h1><p>Sourced maps of the Belt and Road "
        "corridors and pipelines. Each map works offline; click a feature for its facts and "
        "sources.</p><ul>" + items + "</ul><p style='color:#666;font-size:13px'>Data: see "
        "geodata/SOURCES.md. Basemap: Natural Earth (public domain); China–Kazakhstan border "
        "© OpenStreetMap contributors (ODbL); places: GeoNames (CC BY 4.0).</p></body></html>\n"
    )


def build_all(
    out_dir: str | Path,
    *,
    names: Sequence[str] | None = None,
    offline: bool = True,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write every named map and ``index.html`` to `out_dir`; return the paths written.

    Files are written atomically (temporary file, then rename) and are
    byte-for-byte identical for identical inputs.
    """
    out = Path(out_dir)
    names = list(dict.fromkeys(names)) if names is not None else list(MAPS)
    for name in names:
        if name not in MAPS:
            raise UnknownNameError("map", name, MAPS)  # noqa: EM101
    written = []
    for name in names:
        if progress:
            progress(name)
        page = render_html(build(name, offline=offline))  # bad data fails before any write
        try:
            written.append(write_atomic(out / f"{name}.html", page))
        except OSError as exc:
            target = str(out / f"{name}.html")
            msg = f"cannot write {target!r} ({exc.strerror}); choose another --out."
            raise CorridorsError(msg) from None
    # The index lists every named map in the folder, not only the ones just built.
    listed = [name for name in MAPS if (out / f"{name}.html").exists()]
    written.append(write_atomic(out / "index.html", index_html(listed)))
    return written
