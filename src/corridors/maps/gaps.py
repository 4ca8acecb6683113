"""Stretches of a line the data does not draw, said on the map where the pieces stop.

A feature's ``not_drawn`` (geodata) names the stretch between it and another drawn
piece of the same line that no source places, with what is known of it and its
sources: the Kazakhstan–China oil pipeline is drawn in two pieces (Atyrau – Kenkiyak
and Atasu – Alashankou) because no source found gives Kumkol's coordinates. A map
that draws both pieces joins their nearest ends with a thin grey connector outside
the grammar of lines (`corridors.maps.grammar`: no mode colour, no status pattern,
not hollow), named where it runs and with a popup that says what is missing and why,
with sources. The connector is not the route.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import shapely

#: How a connector is drawn (`corridors.maps.styles.KIND_STYLE`): thin, neutral grey.
GAP_KIND = "gap"


def _ends(line: Any) -> list[Any]:
    parts = line.geoms if line.geom_type == "MultiLineString" else [line]
    return [shapely.Point(c) for p in parts for c in (p.coords[0], p.coords[-1])]


def gap_features(drawn: Iterable[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """A connector for each ``not_drawn`` stretch whose two pieces are both in `drawn`.

    Each joins the nearest ends of its two pieces, as the data draws them; ``label``
    is the short name written at its middle (`label_points`).
    """
    frames = list(drawn)
    lines = {
        str(fid): geom
        for frame in frames
        for fid, geom in zip(frame["id"], frame.geometry, strict=True)
        if geom is not None and geom.geom_type in ("LineString", "MultiLineString")
    }
    rows, geoms = [], []
    for frame in frames:
        if "not_drawn" not in frame:
            continue
        for fid, gap in zip(frame["id"], frame["not_drawn"], strict=True):
            if not isinstance(gap, dict) or str(fid) not in lines or gap["to"] not in lines:
                continue
            a, b = min(
                ((p, q) for p in _ends(lines[str(fid)]) for q in _ends(lines[gap["to"]])),
                key=lambda pq: pq[0].distance(pq[1]),
            )
            geoms.append(shapely.LineString([a, b]))
            rows.append(
                {
                    "id": f"{fid}-not-drawn",
                    "name": gap["name"],
                    "label": gap["label"],
                    "kind": GAP_KIND,
                    "description": gap["description"],
                    "geometry_method": "straight line between the ends of the two drawn "
                    "pieces (a connector, not the route)",
                    "sources": [dict(s) for s in gap["sources"]],
                }
            )
    columns = ["id", "name", "label", "kind", "description", "geometry_method", "sources"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs=4326)


def label_points(gaps: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A point at the middle of each connector named with its short label, for the map."""
    return gpd.GeoDataFrame(
        {"id": list(gaps["id"]), "name": list(gaps["label"])},
        geometry=[line.interpolate(0.5, normalized=True) for line in gaps.geometry],
        crs=4326,
    )
