"""The energy map: pipelines coloured by status, line width by capacity."""

from __future__ import annotations

from corridors.maps.assets import AtlasMap
from corridors.maps.charts import chart_html
from corridors.maps.common import MapSpec, add_basemap, add_layer, finish, fit, legend, title
from corridors.maps.frontend import render
from corridors.maps.styles import PLANNED_DASH, PLANNED_OPACITY, STATUS_COLOR, capacity_weight

PIPELINES = ("cagp", "kz-china-oil", "beineu-bozoi-shymkent", "trans-caspian")


def build(m: AtlasMap) -> None:
    """Draw the energy map on `m`."""
    add_basemap(m, (40.0, 0.0, 105.0, 70.0), 0.02)
    fit(m, PIPELINES)
    for name in PIPELINES:
        add_layer(m, name, title(name), scheme="status")
    add_layer(m, "energy-projects", title("energy-projects"))
    add_layer(m, "china-kazakhstan-border", title("china-kazakhstan-border"))
    statuses = [
        (
            {
                "color": STATUS_COLOR[s],
                "weight": 4,
                **(
                    {"dashArray": PLANNED_DASH, "opacity": PLANNED_OPACITY}
                    if s != "operating"
                    else {}
                ),
            },
            s.replace("_", " "),
        )
        for s in ("operating", "under_construction", "proposed")
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
    key = legend(
        "Pipelines: colour = status, width = capacity",
        statuses + widths,
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
    "Pipelines coloured by status, line width by capacity, per-country lengths in the popups.",
    build,
)
