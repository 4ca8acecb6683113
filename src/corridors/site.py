"""The published folder: the maps, the landing page and the data download it links.

`write_site` is what ``corridors build`` and ``make maps`` run, so the two write the
same folder: the exports first (`corridors.export`: the GeoPackage, the GeoJSON zip and
the CSV zip), then the maps and ``index.html``, whose downloads section links the files
it finds beside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from corridors import catalog, export
from corridors.errors import UnknownNameError

#: The exports written beside the maps (the index links each as a download), the main one first.
DATA_FORMATS = tuple(export.FORMATS)
DATA_FORMAT = DATA_FORMATS[0]


@catalog.with_geodata
def write_site(
    out_dir: str | Path,
    *,
    names: Sequence[str] | None = None,
    offline: bool = True,
    data: bool = True,
    progress: Callable[[str], None] | None = None,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> list[Path]:
    """Write the data download, the maps and ``index.html`` to `out_dir`.

    Parameters
    ----------
    out_dir
        The folder to write (created if missing).
    names
        The maps to build (keys of `corridors.maps.MAPS`); all when None.
    offline
        Self-contained maps (True) or Leaflet from its CDN.
    data
        Write every export format (``atlas.gpkg``, ``atlas-geojson.zip``,
        ``atlas-csv.zip``) before the maps, so the landing page links them; without
        them, the page shows the command that makes each.
    progress
        Called with each map's name before it is built.

    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    paths
        The files written: the exports (when `data`), each map and ``index.html``.

    Raises
    ------
    CorridorsError
        If a file cannot be written; `UnknownNameError` for a map name not in MAPS.
    """
    from corridors import maps  # noqa: PLC0415 (folium only when building maps)

    out = Path(out_dir)
    for name in names or ():
        if name not in maps.MAPS:  # before the export, which takes a while
            raise UnknownNameError("map", name, maps.MAPS)  # noqa: EM101
    written = []
    if data:
        for file_format in DATA_FORMATS:
            target = out / export.DEFAULT_NAMES[file_format]
            written.append(export.export(target, file_format=file_format))
    written.extend(maps.build_all(out, names=names, offline=offline, progress=progress))
    return written
