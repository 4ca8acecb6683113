"""4. Opening a map: headless Chromium time to a drawn map, with the network off.

The time is read in the page: `performance.now()` (milliseconds since navigation
started) when the first vector path exists in a Leaflet pane, i.e. Leaflet has
run, the layers' data have been parsed and the features added. Each page opens
in a new browser context (cold cache), `repeat` times; the median is reported.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from benchmarks.layers import write_ours
from benchmarks.report import Row, faster, median, seconds, size
from corridors.maps import build_all
from corridors.maps.screenshot import CHROMIUM_ARGS, chromium_path

LOADED = "() => document.querySelector('.leaflet-pane path') ? performance.now() : false"
GOAL_S = 1.5


def baseline_page(out: Path) -> Path:
    """The peer of the named maps: one short line through the same writer (a bare Leaflet page)."""
    gdf = gpd.GeoDataFrame(
        {
            "id": ["baseline"],
            "name": ["Baseline line"],
            "kind": ["railway"],
            "mode": ["rail_1520"],
            "sources": [[]],
        },
        geometry=[shapely.LineString([(60, 45), (70, 45)])],
        crs=4326,
    )
    return write_ours(gdf, out / "baseline.html").path


def open_times(pages: dict[str, Path], *, repeat: int) -> dict[str, list[float]]:
    """Seconds from navigation start to the first drawn path, per page and repeat."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional: test extra)

    times: dict[str, list[float]] = {name: [] for name in pages}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for _ in range(repeat):
            for name, path in pages.items():  # interleaved
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.set_offline(True)
                page = context.new_page()
                page.goto(path.resolve().as_uri(), wait_until="commit", timeout=120_000)
                ms = page.wait_for_function(LOADED, timeout=120_000).json_value()
                times[name].append(ms / 1000)
                context.close()
        browser.close()
    return times


def chromium_version() -> str:
    """The version string of the Chromium used, or why there is none."""
    executable = chromium_path()
    if executable is None:
        return "not installed"
    import subprocess  # noqa: PLC0415

    done = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def run(
    *, maps: list[str] | None, layer_pages: dict[str, Path], repeat: int, out: Path
) -> list[Row]:
    """Rows of section 4: each named map vs a bare page, ours' large layer vs folium's."""
    if chromium_path() is None:
        return [Row("4", "opening maps", "–", "not measured", "–", "–", None, "no Chromium")]
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        return [Row("4", "opening maps", "–", "not measured", "–", "–", None, "no Playwright")]
    built = {p.stem: p for p in build_all(out / "maps", names=maps) if p.stem != "index"}
    pages = {"baseline": baseline_page(out), **built}
    pages |= {f"layer-{k}": v for k, v in layer_pages.items()}
    times = {k: median(v) for k, v in open_times(pages, repeat=repeat).items()}
    base = times["baseline"]
    base_size = pages["baseline"].stat().st_size
    rows = [
        Row(
            "4",
            f"open map '{name}' ({size(built[name].stat().st_size)})",
            seconds(times[name]),
            f"bare page, one line ({size(base_size)}): {seconds(base)}",
            f"{times[name] / base:.2f}× the bare page's time",
            f"< {GOAL_S} s",
            times[name] < GOAL_S,
        )
        for name in built
    ]
    if "layer-ours" in times:
        ours, peer = times["layer-ours"], times["layer-folium"]
        rows.append(
            Row(
                "4′",
                f"open the section-3 layer ({size(pages['layer-ours'].stat().st_size)})",
                seconds(ours),
                f"folium's page of it ({size(pages['layer-folium'].stat().st_size)}, "
                f"Leaflet inlined to open offline): {seconds(peer)}",
                faster(peer, ours),
                "–",
                None,
                "ours also rebuilds the coordinates from the packed vertices, indexes every "
                "feature for the search box and binds popups and tooltips (built only when "
                "one opens).",
            )
        )
    rows[0].note = (
        f"median of {repeat} opens per page, each in a fresh browser context with the network "
        "off; time = `performance.now()` when `.leaflet-pane path` first exists. "
        f"Chromium: {chromium_version()}."
    )
    return rows
