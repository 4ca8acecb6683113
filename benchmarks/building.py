"""2. Map building: every named map (`build_all`) vs `GeoDataFrame.explore()` of the same layers.

Each repeat runs in a fresh Python process (``python -m benchmarks.building``), so the
caches of `corridors.maps.build` start empty as in ``corridors build``. Both sides
start from geodata already read and validated (`catalog.load_all`, timed apart):
corridors then derives everything (basemaps, per-country splits, the searoute sea
route, transit tables) and writes its HTML; explore() receives the layers and the
overview's basemap ready made and writes one map.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from benchmarks.report import REPO, Row, faster, median, seconds, size
from corridors.maps.overview import OVERVIEW_LAYERS

FULL = {
    "maps": None,
    "layers": OVERVIEW_LAYERS,
    "basemap": "world",
    "sea_route": True,
}
#: --quick: the border map alone, and its layers for explore().
QUICK = {
    "maps": ["border"],
    "layers": ("china-kazakhstan-border", "crossings"),
    "basemap": "border",
    "sea_route": False,
}


#: Where build_all's time goes now (CPU time of one build, by part, after the changes of
#: `CHANGES`); shown on a miss.
SLOW_BUILD = (
    "Where the time goes (CPU time of one build_all, by part): the world view's basemap "
    "countries, about 0.28 s (GEOS coverage_simplify of 1,742 polygons at 1:10m is 0.17 s "
    "of it); the pictures, 0.14 s (GEOS simplification of the projected countries and "
    "border); the calculator data, 0.15 s, and the first sea route, 0.08 s (searoute: "
    "loading its maritime network, then 11 searches); water and boundary lines of the "
    "4 views, 0.16 s; rendering the pages, 0.08 s (branca compiles each element's rendered "
    "script as a Jinja template); the layers' data, 0.08 s; the index figures, 0.05 s."
)

#: What changed in the last round of issue 14, and why the build's figure moved.
CHANGES = (
    "Since the run that measured 3.05 s against explore()'s 1.37 s (2.2× slower), with the "
    "pages' facts unchanged: the calculator data (`transit.calculator_data`, ~0.9 s, now "
    "~0.15 s) searches each corridor's path once per batch on a graph cut once per "
    "corridor (an inland origin's way to the sea ports was searched again for every "
    "destination and both sea variants), resolves node ids without building the candidate "
    "list, tries a port code against node names without difflib suggestions (only an error "
    "needs them) and keeps a failed sea route too (searoute finds none between Poti and "
    "Batumi, and was asked again for every pair that met it); the per-country split of "
    "each railway, road and pipeline is measured once, by validation, and kept for the "
    "network and the popups (a build measured 52 lines again, now 2); a layer's map data "
    "is made once and shared by the maps that show it, and the basemap files are parsed "
    "once, with water, boundary lines and countries kept per view (the overview and the "
    "Middle Corridor share one); the basemap countries are cut only where they cross the "
    "view's edge and joined with the coverage union (the same shapes, checked by a test; "
    "only the order of their vertices in the page changed); pictures are projected, "
    "simplified and unpacked a layer at a time; and build_all freezes the objects that "
    "exist before it (gc.freeze), so that the collector's full passes stop walking the "
    "loaded geodata (~0.1 s)."
)


def _explore_inputs(spec: dict[str, Any]) -> list[tuple[str, Any]]:
    """(name, GeoDataFrame) pairs: the same layers and polygons the corridors maps draw."""
    # Private helpers on purpose: explore() gets exactly the geometry the maps draw.
    from corridors import catalog  # noqa: PLC0415
    from corridors.maps.common import WORLD, basemap_countries  # noqa: PLC0415
    from corridors.maps.middle_corridor import computed_legs  # noqa: PLC0415

    everything = catalog.load_all()
    pairs = [(name, everything[everything["layer"] == name]) for name in spec["layers"]]
    if spec["sea_route"]:
        pairs.append(("sea route", computed_legs()))  # the sea legs the map draws
    box, tolerance = (WORLD, 0.05) if spec["basemap"] == "world" else ((70, 38, 92, 52), 0.005)
    pairs.insert(0, ("countries", basemap_countries(box, tolerance)))
    return pairs


def explore_map(pairs: list[tuple[str, Any]], path: Path) -> Path:
    """The peer: one `explore()` per layer into one folium map, with a layer control, saved."""
    import folium  # noqa: PLC0415

    m = None
    for name, gdf in pairs:
        m = gdf.explore(m=m, name=name)
    folium.LayerControl().add_to(m)
    m.save(path)
    return path


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    """One repeat, in this (fresh) process: load, build ours, then explore()."""
    from corridors import catalog, maps  # noqa: PLC0415

    out = Path(tempfile.mkdtemp(prefix="corridors-bench-build-"))
    start = time.perf_counter()
    catalog.load_all()
    load_s = time.perf_counter() - start

    marks: list[tuple[str, float]] = []
    start = time.perf_counter()
    paths = maps.build_all(
        out / "ours",
        names=spec["maps"],
        progress=lambda name: marks.append((name, time.perf_counter())),
    )
    ours_s = time.perf_counter() - start
    ends = [t for _, t in marks[1:]] + [start + ours_s]
    per_map = {name: end - t for (name, t), end in zip(marks, ends, strict=True)}

    pairs = _explore_inputs(spec)
    try:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # explore()'s own deprecation chatter
            peer = explore_map(pairs, out / "explore.html")
        explore_s: float | None = time.perf_counter() - start
        explore_bytes: int | None = peer.stat().st_size
    except ImportError as exc:
        explore_s, explore_bytes = None, None
        print(f"explore() unavailable: {exc}", file=sys.stderr)
    return {
        "load_s": load_s,
        "ours_s": ours_s,
        "per_map_s": per_map,
        "ours_bytes": {p.stem: p.stat().st_size for p in paths},
        "explore_s": explore_s,
        "explore_bytes": explore_bytes,
        "explore_features": sum(len(gdf) for _, gdf in pairs),
    }


def _fresh_process(spec: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.building", json.dumps(spec)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(*, quick: bool, repeat: int) -> list[Row]:
    """`repeat` fresh processes; medians of each side."""
    spec = QUICK if quick else FULL
    results = [_fresh_process(spec) for _ in range(repeat)]
    last = results[-1]
    ours_s = median([r["ours_s"] for r in results])
    n_maps = len(last["ours_bytes"]) - 1  # index.html is not a map
    ours_bytes = sum(v for k, v in last["ours_bytes"].items() if k != "index")
    per_map = ", ".join(
        f"{name} {seconds(median([r['per_map_s'][name] for r in results]))}"
        for name in last["per_map_s"]
    )
    what = f"all {n_maps} named maps" if n_maps > 1 else f"{n_maps} named map"
    if last["explore_s"] is None:
        note = "explore() needs matplotlib and mapclassify: pip install -e '.[bench]'"
        return [Row("2", what, seconds(ours_s), "not measured", "–", "–", None, note)]
    explore_s = median([r["explore_s"] for r in results])
    load_s = median([r["load_s"] for r in results])
    sizes = ", ".join(f"{k} {size(v)}" for k, v in last["ours_bytes"].items() if k != "index")
    return [
        Row(
            "2",
            f"build {what} (`build_all`, HTML written)",
            seconds(ours_s),
            f"`explore()` of the same {last['explore_features']} features "
            f"(overview's layers and basemap) into one map, saved: {seconds(explore_s)}",
            faster(explore_s, ours_s),
            "all ours < one explore() (≥ 1×)",
            ours_s < explore_s,
            f"median of {repeat} fresh processes. Per map: {per_map}. Not in either figure: "
            f"reading and validating geodata, {seconds(load_s)} (once per process), which "
            "also splits every railway, road and pipeline by country (geodesic densify + "
            "clip; the build reuses those splits). Ours also computes what explore() is "
            "handed: 4 clipped and simplified basemaps (the overview and the Middle "
            "Corridor share the world view), the searoute sea route, and the transit "
            "tables and calculator data. "
            + CHANGES
            + ("" if ours_s < explore_s else " " + SLOW_BUILD),
        ),
        Row(
            "2′",
            f"HTML of {what}",
            f"{size(ours_bytes)} in total ({sizes})",
            f"explore() map: {size(last['explore_bytes'])}",
            f"{ours_bytes / last['explore_bytes']:.2f}× the size",
            "–",
            None,
            "ours inline Leaflet (about 150 KB per map) so they open offline; explore() "
            "links Leaflet, jQuery and Bootstrap from CDNs.",
        ),
    ]


if __name__ == "__main__":
    print(json.dumps(worker(json.loads(sys.argv[1]))))
