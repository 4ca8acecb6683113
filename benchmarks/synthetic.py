"""Synthetic lines over Central Asia, with the properties the map writer reads."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

#: One source, as every feature of geodata carries at least one.
SOURCE = {
    "title": "Synthetic benchmark line (random walk)",
    "url": "https://example.org/benchmark",
    "supports": ["geometry"],
}


def random_walks(n_lines: int, n_vertices: int, *, seed: int = 7) -> np.ndarray:
    """Lon/lat coordinates, shape (n_lines, n_vertices, 2): random walks of ~5 km steps.

    Starts are spread over 40–90°E, 30–55°N (the corridors' region).
    """
    rng = np.random.default_rng(seed)
    start = np.column_stack([rng.uniform(40, 90, n_lines), rng.uniform(30, 55, n_lines)])
    steps = rng.normal(0, 0.05, (n_lines, n_vertices, 2))
    steps[:, 0, :] = 0
    return start[:, None, :] + np.cumsum(steps, axis=1)


def lines(n_lines: int, n_vertices: int, *, seed: int = 7) -> np.ndarray:
    """Shapely LineStrings from `random_walks`."""
    return shapely.linestrings(random_walks(n_lines, n_vertices, seed=seed))


def layer(n_lines: int, n_vertices: int, *, seed: int = 7) -> gpd.GeoDataFrame:
    """A railway layer as geodata has it: what `feature_collection` reads for style and popup.

    Properties: ``id``, ``name``, ``kind``, ``status``, ``mode``, ``countries``,
    ``description``, ``geometry_method`` and ``sources`` (one source each).
    """
    n = n_lines
    return gpd.GeoDataFrame(
        {
            "id": [f"synthetic-{i}" for i in range(n)],
            "name": [f"Synthetic line {i}" for i in range(n)],
            "kind": ["railway"] * n,
            "status": ["operating"] * n,
            "mode": ["rail_1520"] * n,
            "countries": [["KAZ"]] * n,
            "description": ["A random walk drawn for the benchmarks."] * n,
            "geometry_method": ["synthetic random walk, 5 km steps"] * n,
            "sources": [[SOURCE]] * n,
        },
        geometry=lines(n_lines, n_vertices, seed=seed),
        crs=4326,
    )
