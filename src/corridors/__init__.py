"""corridors: an open, sourced atlas and calculator of the China–Kazakhstan–Caspian corridors.

The public API, re-exported from the modules that own each concern.
"""

from importlib.metadata import version as _version

from corridors.catalog import feature, layer_names, load, load_all, read_layer
from corridors.errors import CorridorsError, GeodataError, UnknownNameError
from corridors.measure import (
    densify,
    distance_km,
    geodesic_lengths,
    length_by_country,
    length_table,
    place,
    route_length,
    route_lengths,
)

__version__ = _version("corridors")

__all__ = [
    "CorridorsError",
    "GeodataError",
    "UnknownNameError",
    "__version__",
    "densify",
    "distance_km",
    "feature",
    "geodesic_lengths",
    "layer_names",
    "length_by_country",
    "length_table",
    "load",
    "load_all",
    "place",
    "read_layer",
    "route_length",
    "route_lengths",
]
