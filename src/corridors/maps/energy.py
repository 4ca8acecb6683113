"""The energy map: pipelines coloured by fuel, patterned by status, line width by capacity."""

from __future__ import annotations

from corridors.maps.assets import AtlasMap
from corridors.maps.charts import chart_html
from corridors.maps.common import (
    MapSpec,
    add_basemap,
    add_gaps,
    add_layer,
    finish,
    fit,
    legend,
    title,
)
from corridors.maps.frontend import render
from corridors.maps.styles import KIND_STYLE, capacity_weight

PIPELINES = ("cagp", "kz-china-oil", "beineu-bozoi-shymkent", "trans-caspian")


def build(m: AtlasMap) -> None:
    """Draw the energy map on `m`."""
    add_basemap(m, (40.0, 0.0, 105.0, 70.0), 0.02)
    fit(m, PIPELINES)
    for name in PIPELINES:
        add_layer(m, name, title(name), scheme="capacity")
    add_gaps(m, PIPELINES, minzoom=4)
    add_layer(m, "energy-projects", title("energy-projects"))
    add_layer(m, "china-kazakhstan-border", title("china-kazakhstan-border"))
    widths = [
        (
            {"color": "#555", "weight": capacity_weight({"capacity": {"value": c}})},
            f"width: {c} bcm/yr (gas) or Mt/yr (oil)",
        )
        for c in (10, 20, 30)
    ] + [(KIND_STYLE["gap"], "thin grey: a stretch not drawn (no sourced route; click it)")]
    key = legend(
        "Pipelines: colour = fuel, pattern = status, width = capacity",
        widths,
        ["compressor_station", "pump_station", "power_plant", "factory"],
    )
    finish(
        m,
        key + render("panels/energy-note.html"),
        chart_html("cagp-gas"),
        info_title="Gas delivered through the Central Asia–China pipeline",
        info_open=False,
    )


MAP = MapSpec(
    "energy",
    "Energy",
    "Pipelines coloured by fuel, patterned by status, line width by capacity, per-country "
    "lengths in the popups.",
    build,
)
