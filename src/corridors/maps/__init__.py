"""Interactive maps: five named maps and an index, self-contained HTML by default.

>>> import corridors.maps
>>> sorted(corridors.maps.MAPS)
['border', 'energy', 'khorgos', 'middle-corridor', 'overview']
"""

from corridors.maps.assets import AtlasMap, render_html, write_atomic
from corridors.maps.build import MAPS, build, build_all, index_html

__all__ = ["MAPS", "AtlasMap", "build", "build_all", "index_html", "render_html", "write_atomic"]
