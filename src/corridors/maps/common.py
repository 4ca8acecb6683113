"""What the named maps share: their data, a new map, the basemap, layers, legend, panels.

A named map is one module of `corridors.maps` (``overview.py``, ``energy.py``...)
that defines ``MAP``, a `MapSpec`, listed in `corridors.maps.build.REGISTRY`.
Its builder receives a new `AtlasMap` (`new_map`) and adds to it, in order: the
basemap (`add_basemap`), the view (`fit`), its layers (`add_layer`), then the
legend, panels and controls (`finish`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from markupsafe import Markup

from corridors import catalog, measure
from corridors.errors import UnknownNameError
from corridors.maps import basemap, gaps
from corridors.maps.assets import AtlasMap
from corridors.maps.controls import Controls, Header, LegendKey, Panel
from corridors.maps.frontend import render
from corridors.maps.layers import GeoJsonLayer, bounds_of, feature_collection
from corridors.maps.packing import safe_json
from corridors.maps.popups import POPUP_ROWS, PopupRow
from corridors.maps.styles import (
    KIND_STYLE,
    OSM_ATTRIBUTION,
    POINT_STYLE,
    drawn_parts,
)

#: lon/lat box of the wide maps' basemap (west, south, east, north).
WORLD = (-20.0, -36.0, 150.0, 72.0)

LAYER_TITLES = {
    "cagp": ("Energy", "Central Asia–China gas pipeline"),
    "kz-china-oil": ("Energy", "Kazakhstan–China oil pipeline"),
    "beineu-bozoi-shymkent": ("Energy", "Beineu–Bozoi–Shymkent gas pipeline"),
    "trans-caspian": ("Energy", "Trans-Caspian gas pipeline (proposed)"),
    "titr": ("Transport", "Middle Corridor (TITR) legs"),
    "northern": ("Transport", "Northern corridor (via Russia)"),
    "roads": ("Transport", "Western Europe–Western China highway"),
    "nodes": ("Transport", "Corridor nodes (cities, stations, ports)"),
    "rail-projects": ("Transport", "Railways being built since 2021"),
    "terminals": ("Sites", "Terminals and ports since 2021"),
    "khorgos": ("Sites", "Khorgos complex"),
    "energy-projects": ("Energy", "Chinese-backed wind, solar and vehicle plants"),
    "crossings": ("Border", "Border crossings"),
    "rail-network": ("Context", "Railway network (OpenStreetMap, ODbL)"),
    "china-kazakhstan-border": ("Border", "China–Kazakhstan border"),
}


@dataclass(frozen=True)
class MapSpec:
    """One named map: its file stem, title, one-line description and builder."""

    name: str
    title: str
    description: str
    builder: Callable[[AtlasMap], None]


def title(layer: str) -> str:
    """The layer control's name of a geodata layer: ``Energy · Central Asia–China...``."""
    group, text = LAYER_TITLES.get(layer, ("Other", layer))
    return f"{group} · {text}"


def everything() -> gpd.GeoDataFrame:
    """Every feature of the geodata folder in use (kept per folder by the catalog)."""
    return catalog.load_all()


def layer(name: str) -> gpd.GeoDataFrame:
    """The features of one geodata layer (a copy of what the catalog keeps)."""
    return catalog.in_use().kept(f"map layer {name}", functools.partial(_layer, name)).copy()


def _by_id() -> gpd.GeoDataFrame:
    return everything().set_index("id", drop=False)


def _layer(name: str) -> gpd.GeoDataFrame:
    features = everything()
    return features[features["layer"] == name]


def features(ids: Iterable[str]) -> gpd.GeoDataFrame:
    """The features with these ids, in the order given."""
    indexed = catalog.in_use().kept("map features by id", _by_id)
    ids = list(ids)
    missing = [i for i in ids if i not in indexed.index]
    if missing:
        raise UnknownNameError("route", missing[0], indexed.index)  # noqa: EM101
    return indexed.loc[ids]


def _basemap(box: tuple[float, float, float, float], tolerance: float) -> gpd.GeoDataFrame:
    """Country polygons clipped to `box` and simplified (shared edges kept) for display."""
    countries = catalog.load("countries")
    clip = shapely.box(*box)
    countries = countries[countries.intersects(clip)].copy()
    # Only the countries across the box's edge are cut: one within it is its own
    # clipped shape (cutting it only rewrote its rings, most of the world view's time
    # here), and the coverage simplification below gives the same shapes either way.
    geoms = np.array(countries.geometry.values, dtype=object)
    across = ~shapely.within(geoms, clip)
    geoms[across] = shapely.intersection(geoms[across], clip)
    # One winding for all, clockwise as GEOS writes a cut: coverage_simplify's result
    # depends on it, and geodata/ winds counter-clockwise (RFC 7946) what is not cut.
    countries["geometry"] = shapely.orient_polygons(geoms, exterior_cw=True)
    countries = countries.explode(ignore_index=True)
    countries = countries[countries.geometry.geom_type == "Polygon"]
    simplified = shapely.coverage_simplify(countries.geometry.values, tolerance)
    countries["geometry"] = shapely.make_valid(simplified)
    # The polygons form a coverage (coverage_simplify keeps shared edges shared and
    # makes no overlap), so a country's parts are joined by the coverage union: the
    # same shapes as the general union, in a fifth of the time for the world view.
    return countries.dissolve(by="iso3", as_index=False, sort=True, method="coverage")


def basemap_countries(box: tuple[float, float, float, float], tolerance: float) -> gpd.GeoDataFrame:
    """The basemap's country polygons for a lon/lat box and a simplification tolerance (°)."""
    return catalog.in_use().kept(
        f"basemap {box} {tolerance}", functools.partial(_basemap, box, tolerance)
    )


def add_basemap(m: AtlasMap, box: tuple[float, float, float, float], tolerance: float) -> None:
    """Add the offline basemap under a map's layers, and tile layers loaded only when picked.

    Every named map calls this first, with its lon/lat box and the simplification
    tolerance (°) fit for its zoom.
    """
    # Relief, water, boundaries, place names and the base-layer choice (tiles on demand).
    countries = catalog.in_use().kept(
        f"basemap countries data {box} {tolerance}",
        lambda: feature_collection(basemap_countries(box, tolerance), popups=False),
    )  # maps of one view share it
    basemap.add(m, countries, box=box, tolerance=tolerance)


def _split_for(row: Mapping[str, Any]) -> pd.DataFrame | None:
    """A line's length by country over its network-drawn parts only.

    A schematic chord between cited places says nothing of where the line runs, so
    it is not split by country: its length is kept in ``attrs["schematic_km"]`` for
    the popup to say so. A line drawn only as chords is split along them, marked
    ``attrs["all_schematic"]`` (the popup says the split is indicative).
    """
    if row["kind"] in ("border", "ferry", "sea_route"):
        return None
    network, chords = drawn_parts(row)
    if network is None:  # chords throughout: split, marked indicative by the popup
        split = measure.country_split(row["geometry"]).copy()
        split.attrs["all_schematic"] = True
        return split
    split = measure.country_split(network)
    if chords is not None:
        split = split.copy()
        split.attrs["schematic_km"] = float(measure.geodesic_lengths([chords])[0]) / 1000
    return split


def new_map(bounds: list[list[float]], *, offline: bool) -> AtlasMap:
    """An empty map centred on `bounds` (folium's [[south, west], [north, east]])."""
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


def add_layer(
    m: AtlasMap,
    gdf: gpd.GeoDataFrame | str,
    name: str,
    *,
    scheme: str = "mode",
    show: bool = True,
    popup: Sequence[PopupRow] = POPUP_ROWS,
) -> GeoJsonLayer | None:
    """Add features as one layer, with popups (template `popup`) and tooltips.

    `gdf` is the features, or the name of a geodata layer: a layer's data is then
    made once per state of the geodata and scheme, and shared by every map that
    shows it (the overview, the Middle Corridor and Khorgos draw the same TITR legs).
    A layer with features drawn from the OpenStreetMap-derived networks credits
    OpenStreetMap in the map's attribution while it is shown. Returns the layer, or
    None when there is nothing to draw.
    """
    if isinstance(gdf, str):
        made = functools.partial(_layer_data, gdf, scheme)
        data, from_osm = catalog.in_use().kept(f"layer data {gdf} {scheme}", made)
    else:
        data, from_osm = _data(gdf, scheme)
    if data is None:
        return None
    attribution = OSM_ATTRIBUTION if from_osm else None
    drawn = GeoJsonLayer(data, name=name, show=show, popup=popup, attribution=attribution)
    drawn.add_to(m)
    return drawn


def _layer_data(name: str, scheme: str) -> tuple[str | None, bool]:
    return _data(layer(name), scheme)


def _data(gdf: gpd.GeoDataFrame, scheme: str) -> tuple[str | None, bool]:
    """A layer's `feature_collection` (None when empty), and whether it credits OSM."""
    if gdf.empty:
        return None, False
    data = feature_collection(gdf, scheme=scheme, split_countries=_split_for)
    from_osm = "drawn_from" in gdf.columns and bool(gdf["drawn_from"].notna().any())
    return data, from_osm


def _rail_network_data() -> str | None:
    grid = layer("rail-network")
    return None if grid.empty else feature_collection(grid, popups=False)


def add_rail_network(m: AtlasMap) -> None:
    """The region's OpenStreetMap railways as thin context, off until the reader picks it."""
    data = catalog.in_use().kept("layer data rail-network (context)", _rail_network_data)
    if data is None:
        return
    GeoJsonLayer(
        data,
        name=title("rail-network"),
        show=False,
        searchable=False,
        popup=None,
        attribution=OSM_ATTRIBUTION,
    ).add_to(m)


def add_gaps(m: AtlasMap, names: Sequence[str], *, minzoom: float) -> None:
    """Say on the map where a line of the layers `names` has a stretch not drawn.

    A thin connector with a popup (`corridors.maps.gaps`) and, from `minzoom` on, its
    short label. Call after `add_basemap` and the layers.
    """
    found = gaps.gap_features(layer(name) for name in names)
    if found.empty:
        return
    add_layer(m, found.drop(columns="label"), "Energy · Stretches not drawn (connectors)")
    basemap.name_points(m, [gaps.label_points(found)], minzoom=minzoom)


def add_layers(m: AtlasMap, names: Sequence[str]) -> None:
    """Add geodata layers by name, each under its `title`."""
    for name in names:
        add_layer(m, name, title(name))


def details(summary: str, body: str, *, open_: bool) -> str:
    """A collapsible panel section (``<details>``) around HTML made by a template."""
    return render("panels/details.html", summary=summary, body=Markup(body), open=open_)


def finish(
    m: AtlasMap,
    legend: str,
    info: str | None = None,
    *,
    info_title: str = "",
    info_open: bool = True,
    classes: Mapping[str, tuple[str, str]] | None = None,
) -> None:
    """Add the layer control, the legend, an optional information panel and the controls.

    `classes` are the colour classes of the legend's lines where the map does not colour
    by mode or fuel (`corridors.maps.controls.LegendKey`).
    """
    # Folded on every screen (its icon opens it): open, it took a quarter of the width.
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    Panel(
        # Folded at first: open, it would cover routes on the right of every map.
        safe_json(details("Legend", legend, open_=False)),
        position="bottomright",
        css_class="c-legend",
    ).add_to(m)
    if info:
        Panel(
            safe_json(details(info_title, info, open_=info_open)),
            position="bottomleft",
            css_class="c-info",
        ).add_to(m)
    Controls().add_to(m)
    LegendKey(classes).add_to(m)


def legend(
    heading: str,
    lines: Sequence[tuple[dict[str, Any], str]] = (),
    points: Sequence[str] = (),
    *,
    dots: Sequence[tuple[str, str, str]] = (),
) -> str:
    """Legend HTML: the grammar's lines (made in the page), other lines, points, the basemap.

    The corridor and pipeline lines are listed by the page from what the map draws in
    the year shown (`corridors.maps.controls.LegendKey`, into the ``c-key`` box): a row
    per colour class, a swatch per status and schematic look drawn. `lines` are other
    line swatches (the border, line widths), `points` the point kinds, `dots` other
    point markers as (outline colour, fill colour, label).
    """
    swatches = [
        {
            "color": style["color"],
            "border": "dashed" if style.get("dashArray") else "solid",
            "width": min(style.get("weight", 3), 12),
            "opacity": style.get("opacity", 1),
            "label": label,
        }
        for style, label in lines
    ]
    markers = [
        {
            "color": POINT_STYLE[kind]["color"],
            "fill": POINT_STYLE[kind]["fillColor"],
            "label": kind.replace("_", " "),
        }
        for kind in points
    ] + [{"color": color, "fill": fill, "label": label} for color, fill, label in dots]
    return render(
        "panels/legend.html",
        heading=heading,
        lines=swatches,
        points=markers,
        country_fill=KIND_STYLE["country"]["fillColor"],
    )


def fit(m: AtlasMap, layers: Sequence[str], *, left_px: int = 20) -> None:
    """Fit the view to geodata layers, clear of the layer control on the right.

    `left_px` keeps the data clear of a panel on the left (the overview's timeline);
    on small screens the view keeps only a margin (`corridors.maps.view.FitView`).
    """
    m.fit_bounds(
        bounds_of([layer(name) for name in layers]),
        padding_top_left=(left_px, 20),
        padding_bottom_right=(260, 20),
    )


def path(origin: str, destination: str, corridor: str) -> pd.DataFrame:
    """The network's shortest path on a corridor, drawn legs only (transfers left out).

    Rows in travel order, as `corridors.network.shortest_path` returns them.
    """
    from corridors import network  # noqa: PLC0415 (networkx only for these panels)

    legs = network.shortest_path(origin, destination, corridor=corridor)
    drawn = catalog.in_use().kept("map feature ids", lambda: frozenset(everything()["id"]))
    return legs[legs["leg"].isin(drawn)].reset_index(drop=True)


def path_km(legs: pd.DataFrame) -> float:
    """Geodesic km of a path's drawn legs (`path`), computed by corridors.measure."""
    return float(measure.route_lengths(features(legs["leg"])).sum())
