"""The registry of named maps, and building them and the index page.

Each named map is a module of this package that defines ``MAP`` (a
`corridors.maps.common.MapSpec`); adding a map is adding such a module and one
entry in `REGISTRY`. The index page and the ``corridors build`` command list
the maps from here. The index page (`index_html`) shows a picture of each map
(`corridors.maps.pictures`, written beside it as ``<name>.svg``), the headline
figures computed by the library, the downloads (`corridors.export`) with their
licences, and how to cite the atlas.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.metadata import version as corridors_version
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import Figure
from markupsafe import Markup

from corridors import catalog, export, fmt, measure, paths, validation
from corridors.errors import CorridorsError, UnknownNameError
from corridors.maps import border, building, control, energy, khorgos, middle_corridor, overview
from corridors.maps.assets import AtlasMap, render_html, write_atomic
from corridors.maps.common import MapSpec, everything, new_map
from corridors.maps.frontend import esc, render, static
from corridors.maps.layers import bounds_of
from corridors.maps.pictures import HEIGHT, WIDTH, picture, scale_note

#: Every named map, in the order of the index page and of ``corridors build``.
REGISTRY: tuple[MapSpec, ...] = (
    overview.MAP,
    energy.MAP,
    middle_corridor.MAP,
    khorgos.MAP,
    border.MAP,
    control.MAP,
)
MAPS: dict[str, MapSpec] = {spec.name: spec for spec in REGISTRY}


@catalog.with_geodata
def build(
    name: str,
    *,
    offline: bool = True,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> AtlasMap:
    """Build one named map and return it (a folium Map; it displays in Jupyter).

    Parameters
    ----------
    name
        A key of `MAPS`: ``overview``, ``energy``, ``middle-corridor``, ``khorgos``,
        ``border``.
    offline
        Inline Leaflet so the map needs no network (default); False links the CDN
        and offers OpenStreetMap tiles as an extra base layer.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    map
        The map (save it with ``m.save(path)``).
    """
    if not isinstance(name, str):
        msg = f"name must be a map name (str) such as 'energy', got {type(name).__name__}."
        raise TypeError(msg)
    if name not in MAPS:
        raise UnknownNameError("map", name, MAPS)  # noqa: EM101 (a label, not the message)
    spec = MAPS[name]
    m = new_map(catalog.in_use().kept("map bounds", _bounds), offline=offline)
    page = m.get_root()
    if not isinstance(page, Figure):  # a new folium map is on a page (branca types it Element)
        msg = f"the {name} map is not on a page; build it with new_map."
        raise CorridorsError(msg)
    page.header.add_child(
        folium.Element(f"<title>corridors · {esc(spec.title)}</title>"), name="title"
    )
    spec.builder(m)
    return m


def _bounds() -> list[list[float]]:
    """Where a new map is centred: every feature but the countries."""
    features = everything()
    return bounds_of([features[features["kind"] != "country"]])


#: The question each map answers, on the index page (maps not listed show their description).
QUESTIONS = {
    "overview": "Where do the pipelines, rail corridors, roads and border crossings between "
    "China, Kazakhstan and the Caspian run?",
    "energy": "Which pipelines bring Central Asian gas and Kazakh oil to China, how long are "
    "they and how much can they carry?",
    "middle-corridor": "How does freight go from China to Europe across the Caspian, and how "
    "far and how long is it against the Northern corridor and the sea?",
    "khorgos": "What stands at Khorgos, and how far is it from Almaty, Ürümqi, Aktau and "
    "Lianyungang?",
    "border": "How long is the China–Kazakhstan border, drawn against published, and where "
    "can it be crossed?",
    "control": "Who owns, runs and finances each pipeline, railway, port and plant, and how "
    "much of it is ultimately held in China?",
}

#: What each download format is, for the index page.
DOWNLOAD_FORMATS = {
    "gpkg": "GeoPackage: every layer as a table (QGIS, ArcGIS, GDAL, geopandas), the length, "
    "transit and backtest tables, and the licences and read-me inside",
    "geojson": "GeoJSON: a zip of one file per layer (properties nested as in geodata/), the "
    "tables as CSV, README.md and SOURCES.md",
    "csv": "CSV: a zip of one file per layer (geometry as WKT), the tables, README.md and "
    "SOURCES.md",
}


def _records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Each row of `frame` as column → value, the values as `DataFrame.itertuples` gives them."""
    columns = [str(c) for c in frame.columns]
    for values in zip(*(frame.iloc[:, k] for k in range(len(columns))), strict=True):
        yield dict(zip(columns, values, strict=True))


def _lengths() -> dict[str, Any]:
    """Computed against published length of every route, and its share from the network."""
    table = measure.length_table()
    rows = []
    for r in _records(table):
        share = r["network_pct"]
        rows.append(
            {
                "name": r["name"],
                "computed": fmt.km_computed(r["computed_km"]),
                "published": fmt.km(r["published_km"]),
                "negative": r["difference_pct"] < 0,
                "difference": f"{r['difference_pct']:+.1f}",
                "share": None if share is None or pd.isna(share) else f"{share:.0f}",
            }
        )
    network = table["network_pct"].dropna()
    return {"rows": rows, "wholly": int((network >= 99.95).sum()), "drawn": len(network)}


def _transit() -> dict[str, Any]:
    """Transit days per corridor from Lianyungang, as ranges, and the backtest's verdicts."""
    from corridors import parameters, transit  # noqa: PLC0415 (networkx only here)

    table = transit.compare(export.TRANSIT_ORIGIN)
    titles = {k: v.title for k, v in parameters.load().corridors.items()}
    reachable = table[table["days_typical"].notna()]
    top = max(10.0, float(np.ceil(reachable["days_high"].max() / 10) * 10))
    corridors = [
        {
            "title": titles.get(r["corridor"], r["corridor"]),
            "destination": export.place_name(r["destination"]),
            "km": fmt.km_computed(r["distance_km"], decimals=0),
            "low": f"{r['days_low']:.1f}",
            "typical": f"{r['days_typical']:.1f}",
            "high": f"{r['days_high']:.1f}",
            "left": f"{100 * r['days_low'] / top:.1f}",
            "width": f"{100 * (r['days_high'] - r['days_low']) / top:.1f}",
            "mark": f"{100 * r['days_typical'] / top:.1f}",
        }
        for r in _records(reachable)
    ]
    backtest = transit.backtest()
    return {
        "corridors": corridors,
        "axis": [f"{t:g}" for t in np.linspace(0, top, 5)],
        "inside": int((backtest["verdict"] == "inside").sum()),
        "reported": len(backtest),
    }


def _downloads(downloads: Mapping[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "format": file_format,
            "file": file_name,
            "what": DOWNLOAD_FORMATS[file_format],
            "size": f"{downloads[file_name] / 1e6:.1f}" if file_name in downloads else None,
        }
        for file_format, file_name in export.DEFAULT_NAMES.items()
    ]


def build_year() -> int:
    """The year the citation gives: the data's as-of year (``atlas.toml``), never the clock.

    So the same data builds the same page in any year (reproducible builds).
    """
    as_of = catalog.in_use().as_of
    if as_of is None:
        msg = "the geodata folder has no as_of date (atlas.toml); add one, e.g. as_of = 2026-12-06."
        raise CorridorsError(msg)
    return as_of.year


def _bibtex() -> str:
    """The BibTeX entry: author, title, year, version (no URL: the repository states none)."""
    version = corridors_version("corridors")
    return (
        "@software{corridors,\n"
        "  author = {{corridors contributors}},\n"
        "  title = {corridors: an open, sourced atlas and calculator of the Belt and Road "
        "corridors and pipelines between China, Kazakhstan and the Caspian},\n"
        f"  year = {{{build_year()}}},\n"
        f"  version = {{{version}}},\n"
        "  note = {Data: OpenStreetMap contributors (ODbL 1.0), Natural Earth, GeoNames "
        "(CC BY 4.0)}\n}"
    )


def index_html(
    names: Sequence[str],
    *,
    pictures: Mapping[str, str] | None = None,
    downloads: Mapping[str, int] | None = None,
) -> str:
    """The landing page: a picture and the question of each map, figures, downloads, citation.

    Parameters
    ----------
    names
        The maps to list (keys of `MAPS`), each linked as ``<name>.html``.
    pictures
        Map name -> the picture's file name beside the page (see `picture_file`).
    downloads
        File name -> size in bytes of the exports beside the page
        (`corridors.export.DEFAULT_NAMES`); formats not there are shown with the
        command that makes them.

    The figures (route lengths, transit days, backtest) are computed here by the
    library, never typed in; the page is the template ``templates/index.html``.
    """
    pictures = pictures or {}
    cards = [
        {
            "name": n,
            "picture": pictures.get(n),
            "title": MAPS[n].title,
            "question": QUESTIONS.get(n, MAPS[n].description),
            "description": MAPS[n].description,
        }
        for n in names
    ]
    page = render(
        "index.html",
        css=Markup("\n" + static("index.css")),
        cards=cards,
        picture_width=WIDTH,
        picture_height=HEIGHT,
        scale_note=scale_note(),
        transit=_transit(),
        lengths=_lengths(),
        building=Markup(building.panel_html()),
        control_headline=Markup(control.headline_html()),
        downloads=_downloads(downloads or {}),
        licences=export.LICENCES,
        citation=export.citation(),
        bibtex=_bibtex(),
    )
    return page + "\n"


def picture_file(name: str) -> str:
    """The file name of a map's picture, beside the map: ``<name>.svg``."""
    return f"{name}.svg"


@catalog.with_geodata
def build_all(
    out_dir: str | Path,
    *,
    names: Sequence[str] | None = None,
    offline: bool = True,
    progress: Callable[[str], None] | None = None,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> list[Path]:
    """Write every named map and ``index.html`` to `out_dir`; return the paths written.

    The folder is validated first, as by ``corridors validate``: what it refuses
    is not built. Files are written atomically (temporary file, then rename) and
    are byte-for-byte identical for identical inputs.

    Parameters
    ----------
    out_dir
        The folder to write to (made if missing).
    names
        Only these maps (keys of `MAPS`); default: all.
    offline
        Inline Leaflet (default) or link its CDN (see `build`).
    progress
        Called with each map's name before it is built.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    paths
        The maps written, then ``index.html``.
    """
    names = list(dict.fromkeys(_map_names(names))) if names is not None else list(MAPS)
    for name in names:
        if name not in MAPS:
            raise UnknownNameError("map", name, MAPS)  # noqa: EM101
    out = paths.output_folder(out_dir, what="out_dir")  # before any work
    validation.validate()  # what `corridors validate` refuses is not built either
    with _collector_skips_what_exists():
        return _build_all(out, names, offline=offline, progress=progress)


def _map_names(names: object) -> list[str]:
    """`names` as a list of map names; a lone string is a mistake, not a list of letters."""
    if isinstance(names, str) or not isinstance(names, Sequence | set | frozenset):
        msg = (
            f"names must be a list of map names such as ['energy'], got "
            f"{type(names).__name__} {names!r:.60}."
        )
        raise TypeError(msg)
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        msg = f"names must hold map names (str), got {bad[0]!r:.60}."
        raise TypeError(msg)
    return list(names)


@contextlib.contextmanager
def _collector_skips_what_exists() -> Iterator[None]:
    """Leave the objects that exist before a build out of the garbage collector's passes.

    The geodata loaded before a build is about 200,000 tracked objects (features and
    their lists and dicts, the network); each full collection during a build walked
    them all again, about a tenth of the build's time. What the build makes is still
    collected. Nothing is done if something else has frozen objects already.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _build_all(
    out: Path, names: list[str], *, offline: bool, progress: Callable[[str], None] | None
) -> list[Path]:
    written = []
    for name in names:
        if progress:
            progress(name)
        m = build(name, offline=offline)
        page = render_html(m)  # bad data fails before any write
        svg = picture(m, title=f"{MAPS[name].title} map")
        try:
            written.append(write_atomic(out / f"{name}.html", page))
            write_atomic(out / picture_file(name), svg)
        except OSError as exc:
            target = str(out / f"{name}.html")
            msg = f"cannot write {target!r} ({exc.strerror}); choose another --out."
            raise CorridorsError(msg) from None
    # The index lists every named map in the folder, not only the ones just built.
    listed = [name for name in MAPS if (out / f"{name}.html").exists()]
    pictures = {n: picture_file(n) for n in listed if (out / picture_file(n)).exists()}
    downloads = {
        file_name: (out / file_name).stat().st_size
        for file_name in export.DEFAULT_NAMES.values()
        if (out / file_name).is_file()
    }
    index = index_html(listed, pictures=pictures, downloads=downloads)
    written.append(write_atomic(out / "index.html", index))
    return written
