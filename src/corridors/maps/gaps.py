"""Stretches of a line the data does not draw, said on the map where the pieces stop.

The Kazakhstan–China oil pipeline is drawn in two pieces (Atyrau – Kenkiyak and
Atasu – Alashankou): the stretch between them, Kenkiyak – Kumkol and the older
Kumkol – Atasu link, is not drawn because no source found gives Kumkol's
coordinates. A map that draws both pieces joins their nearest ends with a thin grey
connector outside the grammar of lines (`corridors.maps.grammar`: no mode colour, no
status pattern, not hollow), named where it runs and with a popup that says what is
missing and why, with sources. The connector is not the route.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import shapely

#: How a connector is drawn (`corridors.maps.styles.KIND_STYLE`): thin, neutral grey.
GAP_KIND = "gap"


@dataclass(frozen=True)
class Gap:
    """A stretch not drawn between two drawn pieces (feature ids) of one line."""

    id: str
    name: str
    label: str
    pieces: tuple[str, str]
    description: str
    sources: tuple[dict[str, Any], ...]


GAPS: tuple[Gap, ...] = (
    Gap(
        id="kcop-not-drawn-kenkiyak-atasu",
        name="Kazakhstan–China oil pipeline: Kenkiyak – Kumkol – Atasu, not drawn",
        label="Oil pipeline: not drawn",
        pieces=("kcop-atyrau-kenkiyak", "kcop-atasu-alashankou"),
        description=(
            "The oil pipeline to China runs on from Kenkiyak to Kumkol (483 km to the "
            "Aralsk area and 311 km on to Kumkol station, by the operator KCP: 794 km, "
            "the sum computed here), then by the older Kumkol – Atasu link (its length "
            "was not found) to the Atasu – Alashankou section. None of it is drawn: no "
            "source found gives the coordinates of Kumkol. This thin grey line only "
            "joins the two drawn pieces; it is not the route, which runs by the Aralsk "
            "area, south of it."
        ),
        sources=(
            {
                "title": "Kazakhstan-China Pipeline LLP – Kenkiyak - Kumkol",
                "url": "https://kcp.kz/projects/project1?language=en",
                "quote": "KazStroyService OGCC JSC for construction of the section 483 km "
                "from Kenkiyak station to Aralsk area ... CPPE was chosen for construction "
                "of 311 km of the pipeline to Kumkol station.",
                "supports": ["Kenkiyak – Kumkol, 483 + 311 km"],
            },
            {
                "title": "Kazakhstan-China Pipeline – Global Energy Monitor wiki",
                "url": "https://www.gem.wiki/Kazakhstan-China_Pipeline",
                "quote": "The 2,228-km long pipeline runs from Atyrau in Kazakhstan to "
                "Alashankou in China's Xinjiang.",
                "supports": ["one pipeline from Atyrau to Alashankou"],
            },
        ),
    ),
)


def _ends(line: Any) -> list[Any]:
    parts = line.geoms if line.geom_type == "MultiLineString" else [line]
    return [shapely.Point(c) for p in parts for c in (p.coords[0], p.coords[-1])]


def gap_features(drawn: Iterable[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """The connectors of `GAPS` whose two pieces are both in the `drawn` frames.

    Each joins the nearest ends of its two pieces, as the data draws them.
    """
    lines = {
        str(fid): geom
        for frame in drawn
        for fid, geom in zip(frame["id"], frame.geometry, strict=True)
        if geom is not None and geom.geom_type in ("LineString", "MultiLineString")
    }
    rows, geoms = [], []
    for gap in GAPS:
        first, second = gap.pieces
        if first not in lines or second not in lines:
            continue
        a, b = min(
            ((p, q) for p in _ends(lines[first]) for q in _ends(lines[second])),
            key=lambda pq: pq[0].distance(pq[1]),
        )
        geoms.append(shapely.LineString([a, b]))
        rows.append(
            {
                "id": gap.id,
                "name": gap.name,
                "kind": GAP_KIND,
                "description": gap.description,
                "geometry_method": "straight line between the ends of the two drawn pieces "
                "(a connector, not the route)",
                "sources": [dict(s) for s in gap.sources],
            }
        )
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=4326)


def label_points(gaps: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A point at the middle of each connector named with its short label, for the map."""
    labels = {gap.id: gap.label for gap in GAPS}
    return gpd.GeoDataFrame(
        {"id": list(gaps["id"]), "name": [labels[i] for i in gaps["id"]]},
        geometry=[line.interpolate(0.5, normalized=True) for line in gaps.geometry],
        crs=4326,
    )
