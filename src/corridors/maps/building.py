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
from corridors.maps.frontend import render

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


def _table(frame: pd.DataFrame, columns: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A small table by country and mode, for the template: only rows with a figure."""
    keep = frame[(frame[[c for c, _ in columns]] > 0).any(axis=1)]
    return {
        "heads": [label for _, label in columns],
        "rows": [
            {
                "country": "at sea" if r["country"] == "-" else r["country"],
                "mode": MODE_NAMES.get(str(r["mode"]), str(r["mode"])),
                "km": [_km(float(r[c])) for c, _ in columns],
            }
            for _, r in keep.iterrows()
        ],
        "total": [_km(float(keep[c].sum())) for c, _ in columns],
    }


def _projects(frame: pd.DataFrame) -> list[dict[str, Any]]:
    projects = []
    for (fid, name), group in frame.groupby(["id", "name"], sort=False):
        status = group["status"].iloc[0]
        if isinstance(status, str):
            now = status.replace("_", " ")
        else:
            now = "in the atlas, no dated opening" if group["undated"].iloc[0] else "planned"
        projects.append(
            {
                "id": fid,
                "name": name,
                "status": now,
                "expected": [
                    {
                        "step": str(r["step"]).replace("_", " "),
                        "date": r["date"],
                        "said": r["said"] if isinstance(r["said"], str) else None,
                        "source": r["source"],
                        "url": r["url"],
                        "read_at": r["read_at"],
                    }
                    for _, r in group.iterrows()
                ],
            }
        )
    return projects


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
    return render(
        "panels/building.html",
        since=SINCE,
        as_of=years.today().isoformat(),
        opened=_table(
            data["opened"],
            [("opened_km", "new line"), ("second_track_km", "line with a second track")],
        ),
        building=_table(
            data["status"], [("under_construction_km", "being built"), ("planned_km", "planned")]
        ),
        projects=_projects(data["projects"]),
    )
