"""corridors: an open, sourced atlas and calculator of the China–Kazakhstan–Caspian corridors.

The public API, re-exported from the modules that own each concern.
"""

from importlib.metadata import version as _version

from corridors.catalog import (
    Catalog,
    export_layer,
    feature,
    layer_names,
    load,
    load_all,
    open,
    read_layer,
)
from corridors.control import control_table, owners
from corridors.errors import (
    ControlDataError,
    ControlDataMissingError,
    CorridorsError,
    GeodataError,
    GeodataErrors,
    InputError,
    NoRouteError,
    ParameterError,
    UnknownNameError,
)
from corridors.lookup import (
    distance_along_km,
    distance_km,
    distance_to_route_km,
    length_by_country,
    locate,
    place,
    route_length,
)
from corridors.measure import chainage, densify, geodesic_lengths, length_table, route_lengths
from corridors.network import corridor_network, shortest_path
from corridors.timeseries import series
from corridors.transit import backtest, compare
from corridors.transit import transit as transit_time
from corridors.validation import validate

__version__ = _version("corridors")

__all__ = [
    "Catalog",
    "ControlDataError",
    "ControlDataMissingError",
    "CorridorsError",
    "GeodataError",
    "GeodataErrors",
    "InputError",
    "NoRouteError",
    "ParameterError",
    "UnknownNameError",
    "__version__",
    "backtest",
    "chainage",
    "compare",
    "control_table",
    "corridor_network",
    "densify",
    "distance_along_km",
    "distance_km",
    "distance_to_route_km",
    "export_layer",
    "feature",
    "geodesic_lengths",
    "layer_names",
    "length_by_country",
    "length_table",
    "load",
    "load_all",
    "locate",
    "open",
    "owners",
    "place",
    "read_layer",
    "route_length",
    "route_lengths",
    "series",
    "shortest_path",
    "transit_time",
    "validate",
]
