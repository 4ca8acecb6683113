"""The overview map: every layer, and sourced context notes."""

from __future__ import annotations

from markupsafe import Markup

from corridors.maps import building
from corridors.maps.assets import AtlasMap
from corridors.maps.charts import chart_html
from corridors.maps.common import (
    WORLD,
    MapSpec,
    add_basemap,
    add_gaps,
    add_layers,
    add_rail_network,
    finish,
    fit,
    legend,
)
from corridors.maps.frontend import render
from corridors.maps.styles import KIND_STYLE
from corridors.maps.timeline import Timeline

#: Every layer the overview map draws, in drawing order (points last, on top).
OVERVIEW_LAYERS = (
    "cagp",
    "kz-china-oil",
    "beineu-bozoi-shymkent",
    "trans-caspian",
    "titr",
    "northern",
    "roads",
    "rail-projects",
    "china-kazakhstan-border",
    "nodes",
    "khorgos",
    "terminals",
    "crossings",
    "energy-projects",
)

#: The sourced yearly series charted in the context panel (geodata/series/<name>.toml).
OVERVIEW_CHARTS = (
    "middle-corridor-cargo",
    "middle-corridor-teu",
    "cagp-gas",
    "china-kazakhstan-trade",
    "khorgos-gateway-teu",
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
    return render(
        "panels/overview-context.html",
        facts=[{"text": text, "url": url, "source": src} for text, url, src in facts],
        charts=[Markup(chart_html(name)) for name in OVERVIEW_CHARTS],
        building=Markup(building.panel_html()),
    )


def build(m: AtlasMap) -> None:
    """Draw the overview map on `m`."""
    add_basemap(m, WORLD, 0.05)
    add_rail_network(m)
    fit(m, ("cagp", "titr", "northern"))
    add_layers(m, OVERVIEW_LAYERS)
    add_gaps(m, OVERVIEW_LAYERS, minzoom=5)
    key = legend(
        "Overview",
        [
            (KIND_STYLE["border"], "China–Kazakhstan border"),
            (KIND_STYLE["gap"], "thin grey: a stretch not drawn (no sourced route; click it)"),
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
    finish(
        m,
        key,
        _context_panel(),
        info_title="Context: what is being built, sourced notes",
        info_open=False,
    )
    Timeline(OVERVIEW_LAYERS).add_to(m)


MAP = MapSpec(
    "overview",
    "Overview",
    "Every layer: pipelines, corridors, sites, the border and crossings; a year slider "
    "shows the network as it stood in any year since the first opening in the data.",
    build,
)
