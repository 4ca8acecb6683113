"""The border map: the China–Kazakhstan line, its drawn and published length, the crossings."""

from __future__ import annotations

from corridors import fmt, measure
from corridors.maps.assets import AtlasMap
from corridors.maps.common import (
    MapSpec,
    add_basemap,
    add_layer,
    everything,
    finish,
    fit,
    layer,
    legend,
    title,
)
from corridors.maps.frontend import render
from corridors.maps.styles import KIND_STYLE

BORDER = "border-china-kazakhstan"


def _border_panel() -> str:
    row = everything().set_index("id").loc[[BORDER]].iloc[0]  # ids are unique: one row
    drawn = float(measure.geodesic_lengths([row.geometry])[0] / 1000)
    published = float(row["published_length_km"])
    (source, *_) = measure.fact_sources(row["sources"], "published_length_km")
    coarse = layer("border-scales")
    scales = [
        {"name": name.rsplit(", ", 1)[-1], "km": fmt.km_computed(km)}
        for name, km in zip(coarse["name"], measure.route_lengths(coarse), strict=True)
    ]
    return render(
        "panels/border.html",
        published=fmt.km(published),
        drawn=fmt.km_computed(drawn),
        difference=fmt.difference(drawn, published),
        scales=scales,
        source=source,
    )


def build(m: AtlasMap) -> None:
    """Draw the border map on `m`."""
    add_basemap(m, (66.0, 36.0, 96.0, 54.0), 0.005)
    fit(m, ("china-kazakhstan-border",))
    add_layer(m, "china-kazakhstan-border", title("china-kazakhstan-border"))
    add_layer(m, "border-scales", "Compare · the border at Natural Earth scales", show=False)
    add_layer(m, "crossings", title("crossings"))
    key = legend("Border", [(KIND_STYLE["border"], "China–Kazakhstan border")], ["border_crossing"])
    finish(m, key, _border_panel(), info_title="Length")


MAP = MapSpec(
    "border",
    "Border",
    "The China–Kazakhstan border: drawn and published length, and the crossings.",
    build,
)
