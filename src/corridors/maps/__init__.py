"""Interactive maps: five named maps and an index, self-contained HTML by default.

Each named map is a module of this package (``overview``, ``energy``,
``middle_corridor``, ``khorgos``, ``border``) defining ``MAP``, a `MapSpec`;
`corridors.maps.build.REGISTRY` lists them.

>>> import corridors.maps
>>> sorted(corridors.maps.MAPS)
['border', 'control', 'energy', 'khorgos', 'middle-corridor', 'overview']
"""

from corridors.maps.assets import AtlasMap, render_html, write_atomic
from corridors.maps.build import MAPS, build, build_all, index_html
from corridors.maps.common import MapSpec

__all__ = [
    "MAPS",
    "AtlasMap",
    "MapSpec",
    "build",
    "build_all",
    "index_html",
    "render_html",
    "write_atomic",
]
