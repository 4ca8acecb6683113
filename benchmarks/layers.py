"""3. Large layers: the project's writer vs `folium.GeoJson` with default options.

Ours is `feature_collection` + `GeoJsonLayer` on an `AtlasMap`, rendered with
`render_html` (Leaflet inlined, coordinates rounded to `COORD_DECIMALS`). The
headline runs it with popups and tooltips on (``popups=True``), as the named maps
do: folium.GeoJson's default writes every property of every feature into the page,
so each side carries the features' facts; a second pair of rows shows
``popups=False`` (geometry, id, name and style only). Popups and tooltips are
built in the browser from each feature's view and one template per layer.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import folium
import geopandas as gpd

from benchmarks import synthetic
from benchmarks.report import Row, faster, median, seconds, size
from corridors.maps import AtlasMap, render_html
from corridors.maps.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, leaflet_css, leaflet_js
from corridors.maps.controls import Header
from corridors.maps.layers import COORD_DECIMALS, GeoJsonLayer, feature_collection

CENTRE = (45.0, 65.0)  # (lat, lon), as folium takes it


@dataclass
class Written:
    """A written page: its path, size and the seconds spent in each stage."""

    path: Path
    n_bytes: int
    stages: dict[str, float]

    @property
    def total_s(self) -> float:
        """Seconds from the GeoDataFrame to the file on disk."""
        return sum(self.stages.values())


def _stage(stages: dict[str, float], name: str, start: float) -> float:
    now = time.perf_counter()
    stages[name] = now - start
    return now


def write_ours(gdf: gpd.GeoDataFrame, path: Path, *, popups: bool = True) -> Written:
    """The project's writer: feature_collection → GeoJsonLayer on an AtlasMap → render_html."""
    stages: dict[str, float] = {}
    t = time.perf_counter()
    m = AtlasMap(location=CENTRE, zoom_start=4, tiles=None)
    Header().add_to(m)  # the page's `corridors` script, which GeoJsonLayer's features call
    data = feature_collection(gdf, popups=popups)
    t = _stage(stages, "feature_collection", t)
    GeoJsonLayer(data, name="synthetic").add_to(m)
    t = _stage(stages, "GeoJsonLayer (serialise)", t)
    page = render_html(m)
    t = _stage(stages, "render_html", t)
    path.write_text(page, encoding="utf-8")
    _stage(stages, "write", t)
    return Written(path, path.stat().st_size, stages)


def write_folium(gdf: gpd.GeoDataFrame, path: Path) -> Written:
    """The peer: `folium.GeoJson(gdf)` with default options on a default `folium.Map`."""
    stages: dict[str, float] = {}
    t = time.perf_counter()
    m = folium.Map(location=CENTRE, zoom_start=4)
    folium.GeoJson(gdf).add_to(m)
    t = _stage(stages, "folium.GeoJson", t)
    page = m.get_root().render()
    t = _stage(stages, "render", t)
    path.write_text(page, encoding="utf-8")
    _stage(stages, "write", t)
    return Written(path, path.stat().st_size, stages)


def offline_copy(folium_page: Path, path: Path) -> Path:
    """The folium page with Leaflet inlined, so it can be opened with the network off.

    Its other CDN assets (jQuery, Bootstrap, icon fonts) fail at once offline; the
    GeoJSON layer needs none of them.
    """
    page = folium_page.read_text(encoding="utf-8")
    js, css = leaflet_js(), leaflet_css()
    page = page.replace(f'<script src="{LEAFLET_JS_URL}"></script>', f"<script>{js}</script>")
    page = re.sub(
        r'<link rel="stylesheet" href="' + re.escape(LEAFLET_CSS_URL) + r'"\s*/?>',
        lambda _m: f"<style>{css}</style>",
        page,
    )
    path.write_text(page, encoding="utf-8")
    return path


def _breakdown(written: Written) -> str:
    return ", ".join(f"{k} {seconds(v)}" for k, v in written.stages.items())


def run(
    *, n_lines: int, n_vertices: int, repeat: int, out: Path
) -> tuple[list[Row], dict[str, Path]]:
    """Rows of section 3 and the pages written (for section 4)."""
    gdf = synthetic.layer(n_lines, n_vertices)
    label = f"{n_lines:,} lines × {n_vertices} vertices"
    runs: dict[str, list[Written]] = {"ours": [], "lean": [], "folium": []}
    for _ in range(repeat):  # interleaved
        runs["ours"].append(write_ours(gdf, out / "layer-ours.html"))
        runs["lean"].append(write_ours(gdf, out / "layer-ours-nopopups.html", popups=False))
        runs["folium"].append(write_folium(gdf, out / "layer-folium.html"))
    t = {k: median([w.total_s for w in v]) for k, v in runs.items()}
    last = {k: v[-1] for k, v in runs.items()}
    peer = f"`folium.GeoJson` defaults: {seconds(t['folium'])}"
    cause = (
        "folium pays for a Jinja parse of the page's script with the data in it (branca's "
        "`MacroElement.render` wraps the rendered script in a new `Element(template)`); "
        "ours pastes each layer's data in after that pass. Ours: "
        f"{_breakdown(last['ours'])}; feature_collection is mostly the geodesic length of "
        "every line (popups only), then per-feature Python (its own view and one small "
        "JSON dump; style and facts are found by value and dumped once per distinct "
        "bundle) and the packing of all vertices in numpy. Since issue 14 no popup or "
        "tooltip HTML is written in Python (the browser builds it when a popup opens, from "
        "the feature's view and the layer's template) and no coordinate is formatted as "
        "text (before: shapely's GeoJSON writer, about 0.4 s here). "
        f"folium: {_breakdown(last['folium'])}."
    )
    rows = [
        Row(
            "3a",
            f"write a layer of {label}, popups on",
            seconds(t["ours"]),
            peer,
            faster(t["folium"], t["ours"]),
            "≥ 10×",
            t["folium"] / t["ours"] >= 10,
            f"median of {repeat}. {cause}",
        ),
        Row(
            "3b",
            f"HTML size, {label}, popups on",
            size(last["ours"].n_bytes),
            f"folium: {size(last['folium'].n_bytes)}",
            f"{last['ours'].n_bytes / last['folium'].n_bytes:.2f}× the size",
            "≤ 0.5×",
            last["ours"].n_bytes <= 0.5 * last["folium"].n_bytes,
            f"ours rounds coordinates to {COORD_DECIMALS} decimals (~1 m) and, since issue "
            "14, packs them as little-endian int32 pairs in one base64 string per layer "
            "(10.7 characters a vertex; the page script rebuilds the GeoJSON), where folium "
            "writes 15–17 digits and `, `/`: ` separators (about 40). With popups "
            "on, each feature carries only what is its own (id, name, computed length: "
            f"{size((last['ours'].n_bytes - last['lean'].n_bytes) / n_lines)} per feature "
            "more than 3d) and the index of its bundle of style and facts, written once for "
            "all features that share it; the popup template (labels, notes) is written once "
            "per layer. Before issue 14 each feature carried about 1 KB of popup and tooltip "
            "HTML (0.74× folium's size).",
        ),
        Row(
            "3c",
            f"write a layer of {label}, `popups=False`",
            seconds(t["lean"]),
            peer,
            faster(t["folium"], t["lean"]),
            "≥ 10×",
            t["folium"] / t["lean"] >= 10,
            f"Ours: {_breakdown(last['lean'])}.",
        ),
        Row(
            "3d",
            f"HTML size, {label}, `popups=False`",
            size(last["lean"].n_bytes),
            f"folium: {size(last['folium'].n_bytes)}",
            f"{last['lean'].n_bytes / last['folium'].n_bytes:.2f}× the size",
            "≤ 0.5×",
            last["lean"].n_bytes <= 0.5 * last["folium"].n_bytes,
        ),
    ]
    pages = {
        "ours": last["ours"].path,
        "folium": offline_copy(last["folium"].path, out / "layer-folium-offline.html"),
    }
    return rows, pages
