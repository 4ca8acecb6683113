"""What is being built: km opened since 2021 and under construction, and the projects.

The landing page and the overview show the same panel, computed from the data by
`corridors.years` (lengths geodesic, split by the countries each drawn line
crosses; nothing typed): the km of line opened since `SINCE` (second tracks
apart), the km being built and planned on the data's as-of date, by country and
mode, and every project with the dates its sources expect, each with its source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from corridors import years
from corridors.maps.layers import esc, link

#: The first year of "opened since".
SINCE = 2021
#: How the panel names the modes and kinds of line.
MODE_NAMES = {
    "rail_1435": "rail (1435 mm)",
    "rail_1520": "rail (1520 mm)",
    "road": "road",
    "ferry": "ferry",
    "gas_pipeline": "gas pipeline",
    "oil_pipeline": "oil pipeline",
}


def _km(value: float) -> str:
    return f"{value:,.0f}" if value else "–"


def _table(frame: pd.DataFrame, columns: Sequence[tuple[str, str]]) -> str:
    """A small table by country and mode; only rows with a figure in `columns`."""
    keep = frame[(frame[[c for c, _ in columns]] > 0).any(axis=1)]
    if keep.empty:
        return "<p class='c-note'>None in the data.</p>"
    head = "".join(f"<th>{esc(label)}</th>" for _, label in columns)
    rows = "".join(
        "<tr><td>"
        + esc("at sea" if r["country"] == "-" else r["country"])
        + "</td><td>"
        + esc(MODE_NAMES.get(str(r["mode"]), str(r["mode"])))
        + "</td>"
        + "".join(f"<td class='c-num'>{_km(float(r[c]))}</td>" for c, _ in columns)
        + "</tr>"
        for _, r in keep.iterrows()
    )
    total = "".join(
        f"<td class='c-num'><b>{_km(float(keep[c].sum()))}</b></td>" for c, _ in columns
    )
    return (
        f"<table class='c-building'><tr><th>country</th><th>mode</th>{head}</tr>{rows}"
        f"<tr><td colspan='2'><b>total</b></td>{total}</tr></table>"
    )


def _projects(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p class='c-note'>No project in the data has an expected date.</p>"
    items = []
    for (fid, name), group in frame.groupby(["id", "name"], sort=False):
        status = group["status"].iloc[0]
        now = str(status).replace("_", " ") if isinstance(status, str) else "planned"
        said = []
        for _, r in group.iterrows():
            when = f", said {esc(r['said'])}" if isinstance(r["said"], str) else ""
            said.append(
                f"{esc(str(r['step']).replace('_', ' '))} {esc(r['date'])} "
                f"({link(r['url'], r['source'])}{when})"
            )
        items.append(
            f"<li data-id='{esc(fid)}'><b>{esc(name)}</b> – {esc(now)}; expected: "
            + "; ".join(said)
            + "</li>"
        )
    return f"<ul class='c-projects'>{''.join(items)}</ul>"


def panel_data() -> Mapping[str, Any]:
    """The panel's tables: ``opened`` (since `SINCE`), ``status`` (today), ``projects``."""
    return {
        "year": years.resolve_year(None),
        "opened": years.opened_since(SINCE),
        "status": years.km_by_status(),
        "projects": years.projects(),
    }


def panel_html() -> str:
    """The panel: km opened since 2021, km being built and planned, and the projects."""
    data = panel_data()
    as_of = years.today().isoformat()
    return (
        f"<div class='c-building-panel'><h4>Opened since {SINCE} (km, to {as_of})</h4>"
        + _table(
            data["opened"],
            [("opened_km", "new line"), ("second_track_km", "second track")],
        )
        + f"<h4>Being built and planned on {as_of} (km)</h4>"
        + _table(
            data["status"],
            [("under_construction_km", "being built"), ("planned_km", "planned")],
        )
        + "<h4>Projects and when sources expect them</h4>"
        + _projects(data["projects"])
        + "<p class='c-note'>Km computed from the drawn lines (geodesic, split by country; "
        "lines being built or planned are drawn schematically through their cited places). "
        "Each expected date is one source's; sources that disagree are all listed.</p></div>"
    )
