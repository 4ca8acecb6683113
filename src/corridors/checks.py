"""The checks of a geodata folder that need measuring: the countries a drawn line crosses.

`corridors.catalog` checks what the data says by itself (each file against the
data model, ids unique across files, legs naming existing nodes, country codes).
What needs a geodesic measurement sits here, above `corridors.measure`;
`corridors.validation` runs it with every other check of a folder, as
``corridors validate``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from corridors import catalog, measure
from corridors.catalog import Catalog
from corridors.errors import GeodataError

#: A line may stray this far (km) into a country it does not declare before the
#: validator asks for it to be declared or acknowledged in ``drawn_crosses``.
UNDECLARED_KM = 10.0
#: Lines whose ``countries`` are checked against what they cross.
CHECKED_KINDS = frozenset({"gas_pipeline", "oil_pipeline", "railway", "road"})


@catalog.with_geodata
def crossing_problems(
    *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> list[GeodataError]:
    """Countries a line crosses for more than `UNDECLARED_KM` must be declared.

    Or acknowledged, with why, in ``drawn_crosses`` (a drawing that strays: straight
    chords across a neighbour, a line along a border drawn at 1:10m). Measured on the
    folder's own country polygons; a folder without them is not checked.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    problems
        One error per undeclared crossing (file, feature id, field), or none.
    """
    everything = catalog.load_all()
    countries = everything[everything["kind"] == "country"]
    lines = everything[everything["kind"].isin(CHECKED_KINDS)]
    if countries.empty or lines.empty:
        return []
    layer_path = {layer.name: str(layer.path) for layer in catalog.in_use().layers}
    polygons = gpd.GeoDataFrame(countries, geometry="geometry", crs=4326)
    # On the ``countries`` layer alone, these are the splits the network and the maps'
    # popups use (`measure.country_split`, kept by the catalog): not made twice.
    shared = set(countries["layer"]) == {"countries"}
    return list(_crossings(lines, polygons, layer_path, shared=shared))


def _crossings(
    lines: pd.DataFrame,
    polygons: gpd.GeoDataFrame,
    layer_path: dict[str, str],
    *,
    shared: bool,
) -> Iterable[GeodataError]:
    for _, row in lines.iterrows():
        declared = set(row["countries"]) if isinstance(row["countries"], list) else set()
        acknowledged = row.get("drawn_crosses")
        acknowledged = set(acknowledged) if isinstance(acknowledged, dict) else set()
        split = (
            measure.country_split(row.geometry)
            if shared
            else measure.length_by_country(row.geometry, countries=polygons)
        )
        where = {"file": layer_path[row["layer"]], "feature": row["id"]}
        for iso3, km in zip(split["country"], split["length_km"], strict=True):
            if iso3 == "-" or iso3 in declared:
                continue
            if km > UNDECLARED_KM and iso3 not in acknowledged:
                msg = (
                    f"the drawn line crosses {iso3} for {km:,.1f} km, which 'countries' "
                    f"{sorted(declared)} does not list; declare it if the route runs there, "
                    "or fix the geometry, or say why in 'drawn_crosses': "
                    f'{{"{iso3}": "<why the drawing strays>"}}.'
                )
                yield GeodataError(msg, field="countries", **where)
        for iso3 in sorted(acknowledged & declared):
            msg = f"{iso3} is both declared in 'countries' and acknowledged in 'drawn_crosses'."
            yield GeodataError(msg, field="drawn_crosses", **where)
