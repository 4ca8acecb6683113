"""The Khorgos map: the complex and the crossing, with distances from Horgos."""

from __future__ import annotations

from markupsafe import Markup

from corridors import fmt, lookup
from corridors.maps import basemap
from corridors.maps.assets import AtlasMap
from corridors.maps.charts import chart_html
from corridors.maps.common import (
    MapSpec,
    add_basemap,
    add_layers,
    add_rail_network,
    finish,
    layer,
    legend,
    path,
    path_km,
)
from corridors.maps.frontend import render
from corridors.maps.styles import KIND_STYLE

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
        direct = lookup.distance_km(KHORGOS, place)
        along = path_km(path(KHORGOS, place, "titr"))
        rows.append(
            {
                "label": label,
                "direct": fmt.km_computed(direct, decimals=0),
                "along": fmt.km_computed(along, decimals=0),
            }
        )
    return render("panels/khorgos.html", rows=rows, chart=Markup(chart_html("khorgos-gateway-teu")))


def build(m: AtlasMap) -> None:
    """Draw the Khorgos map on `m`."""
    add_basemap(m, (78.0, 42.5, 83.0, 45.5), 0.002)
    add_rail_network(m)
    add_layers(
        m, ("cagp", "titr", "roads", "china-kazakhstan-border", "nodes", "khorgos", "crossings")
    )
    basemap.name_points(m, [layer("nodes")], minzoom=9, keep=False)
    basemap.name_points(m, [layer("khorgos"), layer("crossings")], minzoom=9)
    key = legend(
        "Khorgos",
        [(KIND_STYLE["border"], "China–Kazakhstan border (OpenStreetMap)")],
        ["dry_port", "economic_zone", "border_crossing", "rail_station", "city"],
    )
    finish(m, key, _khorgos_panel(), info_title="Distances from Horgos")
    # West to Zharkent (GeoNames 1520253, 80.007°E): the reader finds the town by name.
    m.fit_bounds([[44.06, 79.9], [44.30, 80.58]], padding_bottom_right=(400, 20))


MAP = MapSpec(
    "khorgos",
    "Khorgos",
    "The Khorgos complex and crossing, with distances to Almaty, Ürümqi, Aktau and Lianyungang.",
    build,
)
