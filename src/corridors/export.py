"""Open-data export: every layer, the computed tables and the licences, in one download.

`export` writes

- a GeoPackage (``gpkg``): one table per geodata layer and geometry type, the
  computed tables (`tables`: lengths, transit, backtest) as attribute tables, and
  every cited document (table ``sources``: the original's url and the copy read, if
  any), the licences (table ``licences``) and the read-me texts (table ``readme``)
  inside the file, each table with a description, and the atlas' metadata;
- or a zip (``geojson`` or ``csv``): one file per layer and geometry type, the
  computed tables as CSV, and ``README.md`` (contents, licences, how to cite) and
  ``SOURCES.md``.

Every format converts cleanly with GDAL (`export_tables`): a layer mixing points
and lines is split into ``<layer>_points`` and ``<layer>_lines``; table and
column names need no quoting in SQL (``-`` becomes ``_``; ``from``/``to`` become
``from_node``/``to_node``); a date (``opened``, ISO 8601 of year, month or day
precision) gains ``opened_date`` (its first day, a real date) and
``opened_precision`` (``year``, ``month`` or ``day``); polygons are wound as RFC
7946 asks. Nested properties are flattened into readable text for GIS tools
(`flatten`): ``sources`` becomes ``title <url>; ...`` (with "(read at <copy host>)"
after a source only a copy of which could be read) and the full JSON is kept
in ``sources_json``; likewise ``waypoints``, ``stretches``, ``capacity``... The
GeoJSON export keeps objects and lists of objects nested, as in geodata/, and
lists of plain values (``countries``) as text. Each feature's ``data_licences``
names the licensed datasets its geometry or facts come from (`LICENCES`). The
same data gives the same bytes, in every format.
"""

from __future__ import annotations

import errno
import functools
import io
import json
import math
import os
import re
import sqlite3
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from corridors import atomic, catalog, measure, paths, sourcing
from corridors.errors import CorridorsError, InputError
from corridors.schema import json_schema

#: The formats of `export`, and the file name each expects.
FORMATS = {"gpkg": ".gpkg", "geojson": ".zip", "csv": ".zip"}
#: The file names the CLI writes by default, in its output folder (and the index links).
DEFAULT_NAMES = {"gpkg": "atlas.gpkg", "geojson": "atlas-geojson.zip", "csv": "atlas-csv.zip"}
#: The origin of the transit table (as on the Middle Corridor map).
TRANSIT_ORIGIN = "lianyungang"
#: Attribute tables written beside the layers (their names may not be layer names).
TABLES = (
    "length_table",
    "transit",
    "backtest",
    "owners",
    "financing",
    "organisations",
    "sources",
    "licences",
    "readme",
)
#: Columns renamed in every export: SQL keywords that would need quoting.
RENAMED_COLUMNS = {"from": "from_node", "to": "to_node"}
#: The table suffix of each geometry type, for layers that hold several.
FAMILIES = {
    "Point": "points",
    "MultiPoint": "points",
    "LineString": "lines",
    "MultiLineString": "lines",
    "Polygon": "polygons",
    "MultiPolygon": "polygons",
}
#: The precision of an ISO 8601 date, by its length (``2009``, ``2009-12``, ``2009-12-14``).
DATE_PRECISION = {4: "year", 7: "month", 10: "day"}
#: The GeoPackage version written: the newest that GDAL 3.6 (Debian 12) reads without a
#: warning (1.4 makes it warn on every command).
GPKG_VERSION = "1.2"
#: The timestamp written into the GeoPackage (``last_change``), so the same data gives
#: the same bytes; the atlas' version is in the metadata instead.
GPKG_TIMESTAMP = "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class DataLicence:
    """The terms of one part of the data.

    ``matches`` are fragments of a cited URL or title (in a feature's sources,
    waypoints, drawn_from...) that mark a feature as holding this part.
    """

    key: str
    part: str
    licence: str
    url: str
    attribution: str
    matches: tuple[str, ...]


#: The parts of the data and their licences (geodata/SOURCES.md, "Licences").
LICENCES: tuple[DataLicence, ...] = (
    DataLicence(
        "openstreetmap",
        "OpenStreetMap-derived data: the China–Kazakhstan border line, the rail and road legs "
        "drawn on the network (PyPI scgraph-data), the railway grid",
        "ODbL 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "© OpenStreetMap contributors (https://www.openstreetmap.org/copyright)",
        ("openstreetmap.org", "OpenStreetMap"),
    ),
    DataLicence(
        "natural-earth",
        "Natural Earth: the country polygons and the border at Natural Earth scales",
        "public domain",
        "https://www.naturalearthdata.com/about/terms-of-use/",
        "Made with Natural Earth (https://www.naturalearthdata.com/)",
        ("naturalearthdata.com",),
    ),
    DataLicence(
        "geonames",
        "GeoNames: place coordinates that cite geonames.org",
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "GeoNames (https://www.geonames.org/)",
        ("geonames.org",),
    ),
    DataLicence(
        "searoute",
        "searoute: the Caspian ferry paths and the sea route (maritime network of Eurostat "
        "SeaRoute / Oak Ridge National Laboratory, as shipped in PyPI searoute)",
        "Apache-2.0",
        "https://www.apache.org/licenses/LICENSE-2.0",
        "searoute (https://github.com/genthalili/searoute-py)",
        ("searoute",),
    ),
    DataLicence(
        "corridors",
        "The project's own compilation: ids, names, kinds, statuses, waypoint lists, cited "
        "facts with their sources, transit parameters and every computed figure; quotes "
        "stay their publishers' and are kept only to back the figures",
        "MIT (the project's licence)",
        "https://opensource.org/license/mit",
        "corridors contributors",
        (),
    ),
)


def place_name(node: str) -> str:
    """A transit node's or searoute port's name (``constanta`` -> ``Constanța``)."""
    from corridors import network  # noqa: PLC0415 (networkx and searoute only here)

    nodes = network.corridor_network().nodes
    if node in nodes:
        return str(nodes[node]["name"])
    return str(network.searoute_port(node)["name"])


def tables() -> dict[str, pd.DataFrame]:
    """The computed tables of the export, by table name.

    - ``length_table``: `corridors.measure.length_table` (computed vs published km,
      and ``network_pct``, the share drawn from the OpenStreetMap-derived network);
    - ``transit``: `corridors.transit.compare` from Lianyungang to each corridor's
      end in Europe (days low / typical / high), with ``destination_name``;
    - ``backtest``: `corridors.transit.backtest`, the model against every reported
      door-to-door time;
    - ``owners``, ``financing``, ``organisations``: `corridors.control` (who owns each
      asset, directly and in the end; every loan; the organisations and their parents),
      when the folder has control data.
    """
    from corridors import transit  # noqa: PLC0415 (networkx and searoute only here)

    compare = transit.compare(TRANSIT_ORIGIN)
    compare.insert(
        _position(compare, "destination") + 1,
        "destination_name",
        [place_name(d) if isinstance(d, str) else "" for d in compare["destination"]],
    )
    from corridors import control  # noqa: PLC0415 (owners, financing, organisations)

    return {
        "length_table": measure.length_table(),
        "transit": compare,
        "backtest": transit.backtest(),
        **control.export_tables(),
    }


def _present(value: Any) -> bool:
    if value is None:
        return False
    return not (isinstance(value, float) and math.isnan(value))


def _number(value: Any) -> str:
    return format(value, ".10g") if isinstance(value, float) else str(value)


def _item_text(item: Any) -> str:
    """One element of a nested list, as readable text."""
    if not isinstance(item, dict):
        return _number(item) if _present(item) else "–"
    if "step" in item:  # a history step: "opened 2017-10-30 (title)" or what sources expect
        step = str(item["step"]).replace("_", " ")
        if "date" in item:
            return f"{step} {item['date']} ({(item.get('source') or {}).get('title', '?')})"
        said = ", ".join(
            f"{e.get('date')} ({(e.get('source') or {}).get('title', '?')})"
            for e in item.get("expected") or []
        )
        return f"{step} expected {said}"
    if "title" in item and "url" in item:
        return sourcing.cited_text(item)
    if "name" in item and "lon" in item and "lat" in item:
        return f"{item['name']} [{_number(item['lon'])}, {_number(item['lat'])}]"
    if "method" in item and "from" in item:
        why = f": {item['why']}" if item.get("why") else ""
        return f"{item['from']} – {item['to']}: {item['method']}{why}"
    if "label" in item and "value" in item:
        unit = f" {item['unit']}" if item.get("unit") else ""
        return f"{item['label']}: {_number(item['value'])}{unit}"
    if "value_km" in item:
        span = f" ({item['span']})" if item.get("span") else ""
        return f"{_number(item['value_km'])} km{span}"
    return json.dumps(item, ensure_ascii=False)


def _text(value: Any) -> Any:
    """A nested property as readable text; other values unchanged."""
    if isinstance(value, list):
        separator = "; " if any(isinstance(v, dict) for v in value) else ", "
        return separator.join(_item_text(v) for v in value)
    if isinstance(value, dict):
        if "value" in value and "unit" in value:  # a quantity: capacity
            note = f" ({value['note']})" if value.get("note") else ""
            return f"{_number(value['value'])} {value['unit']}{note}"
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return value


def feature_licences(row: pd.Series) -> str:
    """The `LICENCES` keys that apply to a feature, from what it cites (``; ``-joined)."""
    cited = json.dumps(
        [v for v in row.drop(labels="geometry", errors="ignore").tolist() if _is_nested(v)],
        ensure_ascii=False,
        default=str,
    )
    keys = [lic.key for lic in LICENCES if any(m in cited for m in lic.matches)]
    return "; ".join([*keys, "corridors"] if "corridors" not in keys else keys)


def _is_nested(value: Any) -> bool:
    return isinstance(value, list | dict)


@functools.cache
def date_properties() -> tuple[str, ...]:
    """The properties the data model types as ISO 8601 dates (``opened``...)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.extend(
                    name
                    for name, spec in properties.items()
                    if spec == {"$ref": "#/$defs/date"} and name not in found
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json_schema())
    return tuple(found)


def _first_day(value: Any) -> str | None:
    """An ISO 8601 date of any precision as the first day it covers (``2009-12-01``)."""
    if not isinstance(value, str) or len(value) not in DATE_PRECISION:
        return None
    return (value + "-01-01"[len(value) - 4 :])[:10]


def _precision(value: Any) -> str | None:
    return DATE_PRECISION.get(len(value)) if isinstance(value, str) else None


def rfc7946_geometry(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """Geometries as RFC 7946 asks: exterior rings counter-clockwise, holes clockwise,
    no point repeated right after itself."""
    values = shapely.remove_repeated_points(geometry.values, 0.0)
    oriented = shapely.orient_polygons(values, exterior_cw=False)
    return gpd.GeoSeries(oriented, index=geometry.index, crs=geometry.crs)


def _position(frame: pd.DataFrame, column: str) -> int:
    """Where `column` is among `frame`'s columns (0 for the first)."""
    at = frame.columns.get_loc(column)
    if not isinstance(at, int):  # a slice or a mask: the name is not unique
        msg = f"the column {column!r} appears more than once; give each column its own name."
        raise CorridorsError(msg)
    return at


def prepared(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer as every export writes it, before nested properties are flattened.

    Adds ``data_licences`` (the `LICENCES` that apply to each feature), renames
    `RENAMED_COLUMNS`, puts ``<date>_date`` and ``<date>_precision`` beside each
    date property, winds the geometry as RFC 7946 asks and puts it last.
    """
    out = gdf.rename(columns=RENAMED_COLUMNS)
    out["data_licences"] = [feature_licences(row) for _, row in gdf.iterrows()]
    for column in date_properties():
        if column in out.columns:
            at = _position(out, column) + 1
            out.insert(at, f"{column}_date", out[column].map(_first_day))
            out.insert(at + 1, f"{column}_precision", out[column].map(_precision))
    geometry = out.geometry.name
    out[geometry] = rfc7946_geometry(out.geometry)
    return out[[c for c in out.columns if c != geometry] + [geometry]]


def flatten(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer with its nested properties as text, ready for a GeoPackage or a CSV.

    The layer is `prepared` first. Each column holding lists or objects
    (``sources``, ``waypoints``, ``countries``, ``capacity``...) becomes readable
    text (sources as ``title <url>; ...``), and the full JSON goes into a
    ``<column>_json`` column beside it.
    """
    out = prepared(gdf)
    for column in list(out.columns):
        if column == out.geometry.name or not out[column].map(_is_nested).any():
            continue
        at = _position(out, column)
        nested = out[column]
        out[column] = nested.map(_text)
        out.insert(
            at + 1,
            f"{column}_json",
            nested.map(lambda v: json.dumps(v, ensure_ascii=False) if _is_nested(v) else None),
        )
    return out


def _plain_list(value: Any) -> bool:
    return isinstance(value, list) and not any(_is_nested(v) for v in value)


def geojson_ready(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer for the GeoJSON export: `prepared`, objects and lists of objects kept
    nested (GDAL reads them as JSON text), lists of plain values (``countries``) as
    ``, ``-joined text (GDAL's list types do not convert to Shapefile or FlatGeobuf)."""
    out = prepared(gdf)
    for column in out.columns:
        if column != out.geometry.name and out[column].map(_plain_list).any():
            out[column] = out[column].map(lambda v: _text(v) if _plain_list(v) else v)
    return out


def table_name(layer: str) -> str:
    """A layer's name as a table name that needs no quoting in SQL (``-`` -> ``_``)."""
    return re.sub(r"[^0-9a-z_]", "_", layer.lower())


def _without_empty_columns(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    keep = [c for c in gdf.columns if c == gdf.geometry.name or gdf[c].map(_present).any()]
    return gdf[keep]


def export_tables(frames: dict[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """The layers as the export's tables: one geometry type each, SQL-safe names.

    A layer of one geometry type keeps its name (``-`` -> ``_``); a layer mixing
    types is split into ``<name>_points``, ``<name>_lines``, ``<name>_polygons``,
    each without the columns that are empty in it. Raises `CorridorsError` if two
    layers end up with one name.
    """
    out: dict[str, gpd.GeoDataFrame] = {}
    for layer, gdf in frames.items():
        family = gdf.geom_type.map(FAMILIES).fillna("other")
        kinds = sorted(set(family))
        parts = (
            {table_name(layer): gdf}
            if len(kinds) == 1
            else {
                f"{table_name(layer)}_{kind}": _without_empty_columns(gdf[family == kind])
                for kind in kinds
            }
        )
        for name, part in parts.items():
            if name in out or name in TABLES:
                msg = (
                    f"layer {layer!r} would be exported as {name!r}, a name already taken; "
                    "rename the file."
                )
                raise CorridorsError(msg)
            out[name] = part
    return out


def licences_table() -> pd.DataFrame:
    """`LICENCES` as a table: key, part, licence, url, attribution."""
    return pd.DataFrame(
        [
            {
                "key": lic.key,
                "part": lic.part,
                "licence": lic.licence,
                "url": lic.url,
                "attribution": lic.attribution,
            }
            for lic in LICENCES
        ]
    )


@catalog.with_geodata
def sources_table(
    *, geodata: str | os.PathLike[str] | catalog.Catalog | None = None
) -> pd.DataFrame:
    """Every document the data cites, once per file: file, id, title, url, copy.

    ``url`` is the original page; ``copy`` the address of the copy that was read when
    only a copy could be (a mirror, an archive, a re-post), else empty.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per document and file citing it, in file order.
    """
    from corridors import validation  # noqa: PLC0415 (the list of files that cite sources)

    root = catalog.in_use().root
    paths_ = sorted(root.rglob("*.geojson"))
    paths_ += [p for pattern in validation.SOURCED_FILES for p in sorted(root.glob(pattern))]
    rows = []
    for path in paths_:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
        for field, source in sourcing.listed_sources(data):
            rows.append(
                {
                    "file": path.relative_to(root).as_posix(),
                    "id": field.removeprefix("sources."),
                    "title": source["title"],
                    "url": source["url"],
                    "copy": source.get("copy", ""),
                }
            )
    return pd.DataFrame(rows, columns=["file", "id", "title", "url", "copy"])


def citation() -> str:
    """How to cite the atlas (plain text, with the installed version)."""
    return (
        f"corridors contributors. corridors: an open, sourced atlas and calculator of the Belt "
        f"and Road corridors and pipelines between China, Kazakhstan and the Caspian "
        f"(version {version('corridors')}). Data © OpenStreetMap contributors (ODbL 1.0), "
        f"Natural Earth, GeoNames (CC BY 4.0)."
    )


def readme_text(layers: dict[str, int], file_format: str) -> str:
    """The read-me of a download: what is inside, the licences, how to cite."""
    where = {
        "gpkg": "one table per layer in this GeoPackage",
        "geojson": "layers/<layer>.geojson (objects kept nested as in geodata/)",
        "csv": "layers/<layer>.csv (points with lon and lat columns; every geometry as WKT "
        "in the last column, 'geometry')",
    }[file_format]
    tables_at = "attribute tables of the GeoPackage" if file_format == "gpkg" else "tables/*.csv"
    lines = [
        "# corridors: open data",
        "",
        f"Exported by corridors {version('corridors')} (`corridors export --format "
        f"{file_format}`). Coordinates are WGS 84 longitude/latitude (EPSG:4326).",
        "",
        f"## Layers ({where})",
        "",
        *[f"- {name}: {count} features" for name, count in layers.items()],
        "",
        "One table per layer of geodata/ and geometry type: a layer holding points and "
        "lines is split into <layer>_points and <layer>_lines. Names need no quoting in "
        "SQL: '-' became '_', and the columns 'from' and 'to' are 'from_node' and "
        "'to_node'. A date of the data ('opened', ISO 8601 of year, month or day "
        "precision, as cited) has '<date>_date' beside it, the first day it covers, and "
        "'<date>_precision' (year, month or day). Lists of plain values ('countries') are "
        "text ('KAZ, CHN'). Polygons follow RFC 7946 (counter-clockwise exterior rings).",
        "",
        "Every feature names its sources. In the GeoPackage and the CSV files, nested "
        "properties are flattened to text (sources as 'title <url>; ...') and kept in full "
        "as JSON in the '<property>_json' columns. 'data_licences' names the parts below "
        "whose terms apply to a feature.",
        "",
        "'history' lists each feature's dated life cycle (proposed, construction started, "
        "opened, capacity changed...), each step with its source; 'history_json' holds it in "
        "full, with the quotes and, for what has not happened yet, every source's expected "
        "date. 'status' and 'opened' are derived from it for the data's as-of date"
        f"{_as_of_text()}, never typed.",
        "",
        f"## Tables ({tables_at})",
        "",
        "- length_table: computed (geodesic, WGS 84) vs published length of every route with "
        "a published figure; network_pct is the share of the drawn line taken from the "
        "OpenStreetMap-derived network (the rest, schematic: straight chords between cited "
        "places and the network's own straight edges over 100 km).",
        f"- transit: transit days (low / typical / high) from {TRANSIT_ORIGIN} to each "
        "corridor's end in Europe, from the transit model and geodata/transit.toml.",
        "- backtest: the transit model against every reported door-to-door time, with sources.",
        "- sources: every document the data cites: title, the original page (url) and, where "
        "only a copy could be read, the copy's address (copy).",
        "",
        "The tables have no geometry: formats that need one per feature (FlatGeobuf, KML) "
        "cannot hold them; take them as CSV or as a Shapefile's .dbf.",
        "",
        "## Licences",
        "",
        *[
            f"- {lic.part}: {lic.licence} <{lic.url}>. Attribution: {lic.attribution}."
            for lic in LICENCES
        ],
        "",
        "The layers holding OpenStreetMap-derived data are a derivative database of "
        "OpenStreetMap, offered under the ODbL 1.0; keep the attribution "
        "'© OpenStreetMap contributors' with any use. SOURCES.md (included) says how each "
        "part was derived and what could not be sourced.",
        "",
        "## How to cite",
        "",
        citation(),
        "",
    ]
    return "\n".join(lines)


def _as_of_text() -> str:
    found = catalog.catalog().as_of
    return f" ({found.isoformat()}, geodata/atlas.toml)" if found else ""


def sources_md() -> str:
    """geodata/SOURCES.md of the geodata folder in use (empty if it has none)."""
    path = catalog.default_root() / "SOURCES.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _layers() -> dict[str, gpd.GeoDataFrame]:
    cat = catalog.catalog()
    cat.load_all()  # validates the folder as a whole before anything is written
    frames = {layer.name: cat.load(layer.name) for layer in cat.layers}
    clash = sorted(set(frames) & set(TABLES))
    if clash:
        msg = f"layer names {clash} are reserved for the export's tables; rename the files."
        raise CorridorsError(msg)
    return frames


def check_out(path: str | os.PathLike[str], file_format: str, *, what: str = "path") -> Path:
    """Check an output path for a format, before any work; return it as a Path.

    The folder is made if missing and a temporary file is tried in it
    (`corridors.paths.output_file`), so a read-only or full file system fails here.

    Parameters
    ----------
    path
        The file to write.
    file_format
        A key of `FORMATS`.
    what
        How the caller names the path in messages (``--out`` at the command line).

    Raises
    ------
    TypeError
        If `path` is not a str or os.PathLike, or `file_format` not a str.
    CorridorsError
        For an unknown format, a folder, a special file, a parent that is a file or
        cannot be written, or a file name whose extension does not fit the format.
    """
    if not isinstance(file_format, str):
        msg = f"file_format must be one of {', '.join(FORMATS)} (str), got {file_format!r:.60}."
        raise TypeError(msg)
    if file_format not in FORMATS:
        msg = f"unknown format {file_format!r:.60}; choose one of {', '.join(FORMATS)}."
        raise InputError(msg)
    out = paths.user_path(path, what=what)
    suffix = FORMATS[file_format]
    if out.is_dir():
        msg = (
            f"{what} {str(out)!r} is a folder; give a file name, "
            f"e.g. {str(out / DEFAULT_NAMES[file_format])!r}."
        )
        raise InputError(msg)
    if out.suffix.lower() != suffix:
        msg = (
            f"{what} {str(out)!r:.100} does not end in {suffix}; the {file_format} export is a "
            f"{suffix} file, e.g. {DEFAULT_NAMES[file_format]!r}."
        )
        raise InputError(msg)
    return paths.output_file(out, what=what)


def export(path: str | os.PathLike[str], *, file_format: str = "gpkg") -> Path:
    """Write every layer, the computed tables and the licences to one file.

    Parameters
    ----------
    path
        The file to write: ``.gpkg`` for ``gpkg``, ``.zip`` for ``geojson`` and
        ``csv``. Missing parent folders are created; the file is replaced
        atomically (temporary file, then rename).
    file_format
        ``gpkg`` (a GeoPackage: layers, tables, ``licences`` and ``readme``),
        ``geojson`` or ``csv`` (a zip of files with README.md and SOURCES.md).

    Returns
    -------
    path
        The file written.

    Raises
    ------
    CorridorsError
        For a bad path or format (see `check_out`) or a failed write.
    """
    out = check_out(path, file_format)
    layers = export_tables(_layers())
    computed = tables()
    readme = readme_text({name: len(gdf) for name, gdf in layers.items()}, file_format)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = (
            f"cannot create the folder {str(out.parent)!r} ({exc.strerror}); choose another --out."
        )
        raise CorridorsError(msg) from None
    writer = _write_gpkg if file_format == "gpkg" else _zip_writer(file_format)
    _atomic(out, lambda tmp: writer(tmp, layers, computed, readme))
    return out


def _atomic(out: Path, write: Callable[[Path], None]) -> None:
    try:
        atomic.replace(out, write, suffix=out.suffix)
    except OSError as exc:
        msg = f"cannot write {str(out)!r} ({exc.strerror or exc}); choose another --out."
        raise CorridorsError(msg) from None


def _attribute_tables(
    computed: dict[str, pd.DataFrame], readme: str
) -> Iterator[tuple[str, pd.DataFrame]]:
    yield from computed.items()
    yield "sources", sources_table()
    yield "licences", licences_table()
    yield (
        "readme",
        pd.DataFrame({"file": ["README.md", "SOURCES.md"], "text": [readme, sources_md()]}),
    )


#: What each attribute table holds (the GeoPackage's table descriptions).
TABLE_DESCRIPTIONS = {
    "length_table": "Computed (geodesic, WGS 84) vs published length of every route with a "
    "published figure; network_pct: the share of the drawn line taken from the "
    "OpenStreetMap-derived network.",
    "transit": f"Transit days (low / typical / high) from {TRANSIT_ORIGIN} to each corridor's "
    "end in Europe, from the transit model and geodata/transit.toml.",
    "backtest": "The transit model against every reported door-to-door time, with sources.",
    "owners": "Who owns each asset (a feature or its section in one country): direct owners "
    "with sourced shares and dates, and the ultimate holder of each share up the parent chain "
    "(corridors.control).",
    "financing": "Every sourced loan, grant or equity payment on an asset: lender, amount, "
    "currency, year, instrument, what it paid for.",
    "organisations": "The companies, banks and agencies (geodata/organisations.json): names, "
    "country, kind and parents with shares.",
    "sources": "Every document the data cites, once per file: title, the original page (url) "
    "and, when only a copy could be read, the copy's address (copy).",
    "licences": "The parts of the data, their licences and the attribution each asks for.",
    "readme": "README.md (contents, licences, how to cite) and SOURCES.md (how each layer "
    "was derived) as text.",
}


def layer_description(name: str, gdf: gpd.GeoDataFrame) -> str:
    """One line on an exported layer: its features, geometry, licences and origin."""
    kinds = ", ".join(sorted(set(gdf.geom_type)))
    keys = sorted({k for value in gdf["data_licences"] for k in value.split("; ") if k})
    return (
        f"{name}: {len(gdf)} features ({kinds}) from the corridors geodata; sources cited "
        f"per feature ('sources'); licences: {', '.join(keys)} (table 'licences')."
    )


def _metadata() -> dict[str, str]:
    return {
        "TITLE": "corridors: open data",
        "DESCRIPTION": "The layers of the corridors atlas (Belt and Road corridors and "
        "pipelines between China, Kazakhstan and the Caspian), the computed tables and "
        "the licences. WGS 84 longitude/latitude (EPSG:4326).",
        "VERSION": version("corridors"),
        "LICENCES": "; ".join(f"{lic.part}: {lic.licence}" for lic in LICENCES),
        "CITATION": citation(),
    }


#: GDAL drivers that hold several layers in one file (a mixed layer's parts go side by side).
MULTI_LAYER_DRIVERS = ("GPKG", "SQLite")


def write_layer(
    gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], *, name: str, driver: str = "GPKG"
) -> Path:
    """Write one layer to a GIS file the way the downloads write it.

    Parameters
    ----------
    gdf
        The layer, as `corridors.load` returns it.
    path
        The file to write (its parent folders are created).
    name
        The layer's name; the table is named by `table_name` (``-`` -> ``_``).
    driver
        A GDAL vector driver: ``GPKG`` (GeoPackage 1.2), ``GeoJSON`` (RFC 7946),
        ``ESRI Shapefile``, ``FlatGeobuf``...

    Returns
    -------
    path
        The file written.

    Raises
    ------
    CorridorsError
        If the layer mixes geometry types and the format holds one layer per file
        (write a GeoPackage, or select one ``geom_type`` first), or the write fails.

    The layer is `flatten`ed (nested properties as text, their JSON beside), wound
    as RFC 7946 asks, and split by geometry type like `export_tables`.
    """
    import pyogrio  # noqa: PLC0415 (geopandas' I/O engine, imported where it is used)
    import pyogrio.errors  # noqa: PLC0415 (imported by pyogrio; named for the type checker)

    out = Path(path)
    parts = {table_name(name): gdf} if driver == "GeoJSON" else export_tables({name: gdf})
    if len(parts) > 1 and driver not in MULTI_LAYER_DRIVERS:
        msg = (
            f"layer {name!r} holds {' and '.join(p.rsplit('_', 1)[1] for p in parts)}; "
            f"{driver} takes one geometry type per file: write a GeoPackage (.gpkg), or "
            "select one geom_type first."
        )
        raise CorridorsError(msg)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    options = {"GPKG": {"VERSION": GPKG_VERSION}}.get(driver, {})
    layer_options = {"GeoJSON": {"RFC7946": "YES"}}.get(driver, {})
    try:
        for i, (table, part) in enumerate(parts.items()):
            flat = flatten(part)
            pyogrio.write_dataframe(
                flat,
                out,
                layer=table,
                driver=driver,
                promote_to_multi=flat.geom_type.nunique() > 1 and driver != "GeoJSON",
                layer_options=layer_options,
                dataset_options=options if i == 0 and options else None,
            )
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        msg = f"cannot write {str(out)!r} ({exc}); choose another path or driver."
        raise CorridorsError(msg) from None
    return out


def _write_gpkg(
    tmp: Path, layers: dict[str, gpd.GeoDataFrame], computed: dict[str, pd.DataFrame], readme: str
) -> None:
    import pyogrio  # noqa: PLC0415 (geopandas' I/O engine, imported where it is used)

    # SQLite's fsync after every layer makes the writes slow; the file is renamed into
    # place only once complete, so a crash leaves no half-written GeoPackage. A fixed
    # timestamp: the same data gives the same file, byte for byte.
    options = {"OGR_SQLITE_SYNCHRONOUS": "OFF", "OGR_CURRENT_DATE": GPKG_TIMESTAMP}
    previous = {key: pyogrio.get_gdal_config_option(key) for key in options}
    pyogrio.set_gdal_config_options(options)
    dates: dict[str, list[str]] = {}
    try:
        first = True
        for name, gdf in layers.items():
            flat = flatten(gdf)
            dates[name] = [c for c in flat.columns if c.endswith("_date")]
            pyogrio.write_dataframe(
                flat,
                tmp,
                layer=name,
                driver="GPKG",
                # One type per table: Polygon and MultiPolygon -> MultiPolygon.
                promote_to_multi=flat.geom_type.nunique() > 1,
                layer_options={"IDENTIFIER": name, "DESCRIPTION": layer_description(name, flat)},
                dataset_options={"VERSION": GPKG_VERSION} if first else None,
                dataset_metadata=_metadata() if first else None,
            )
            first = False
        for name, table in _attribute_tables(computed, readme):
            pyogrio.write_dataframe(
                table,
                tmp,
                layer=name,
                driver="GPKG",
                layer_options={"IDENTIFIER": name, "DESCRIPTION": TABLE_DESCRIPTIONS[name]},
            )
    except RuntimeError as exc:  # pyogrio's errors: SQLite's "database or disk is full"...
        text = str(exc).lower()
        if "disk is full" in text or "no space" in text:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        if "disk i/o error" in text or "readonly database" in text:
            raise OSError(errno.EIO, f"SQLite: {exc}") from None
        raise
    finally:
        pyogrio.set_gdal_config_options(previous)
    _declare_dates(tmp, dates)


def _declare_dates(path: Path, columns: dict[str, list[str]]) -> None:
    """Declare the ``*_date`` columns of a GeoPackage as DATE (GeoPackage's date type:
    ISO 8601 text), so GDAL and QGIS read real dates; pyogrio writes them as TEXT.

    Only the declared type changes (SQLite's documented procedure for changes that do
    not touch the stored values).
    """
    wanted = {table: names for table, names in columns.items() if names}
    if not wanted:
        return
    db = sqlite3.connect(path)
    try:
        (schema_version,) = db.execute("PRAGMA schema_version").fetchone()
        db.execute("PRAGMA writable_schema=ON")
        for table, names in wanted.items():
            (sql,) = db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).fetchone()
            for name in names:
                sql = sql.replace(f'"{name}" TEXT', f'"{name}" DATE')
            db.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table)
            )
        db.execute(f"PRAGMA schema_version={schema_version + 1}")
        db.execute("PRAGMA writable_schema=OFF")
        db.commit()
    finally:
        db.close()


def _zip_writer(
    file_format: str,
) -> Callable[[Path, dict[str, gpd.GeoDataFrame], dict[str, pd.DataFrame], str], None]:
    def write(
        tmp: Path,
        layers: dict[str, gpd.GeoDataFrame],
        computed: dict[str, pd.DataFrame],
        readme: str,
    ) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:

            def add(name: str, text: str) -> None:
                # A fixed date: the same data gives the same zip, byte for byte.
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, text)

            add("README.md", readme)
            add("SOURCES.md", sources_md())
            for name, gdf in layers.items():
                if file_format == "geojson":
                    ready = geojson_ready(gdf)
                    add(f"layers/{name}.geojson", ready.to_json(na="drop", drop_id=True) + "\n")
                else:
                    add(f"layers/{name}.csv", _csv(csv_ready(gdf)))
            for name, table in _attribute_tables(computed, readme):
                if name != "readme":
                    add(f"tables/{name}.csv", _csv(table))

    return write


def csv_ready(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """A layer for a CSV file: `flatten`ed; points with ``lon`` and ``lat`` columns; the
    geometry as WKT in the last column, ``geometry``."""
    flat = flatten(gdf)
    geometry = flat.geometry
    out = pd.DataFrame(flat.drop(columns=geometry.name))
    if (geometry.geom_type == "Point").all():
        out["lon"] = geometry.x
        out["lat"] = geometry.y
    out["geometry"] = geometry.to_wkt()
    return out


def _csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


@catalog.with_geodata
def export_layer(
    layer: str | gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    driver: str = "GPKG",
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> Path:
    """Write a layer (by name, or a frame from `load`) to a GIS file, e.g. a GeoPackage.

    As the downloads write it (`corridors.export.write_layer`): properties that hold
    lists or objects (``sources``, ``waypoints``, ``countries``...) become readable
    text with their JSON in ``<property>_json``, since GeoPackage and Shapefile
    columns cannot hold them; names need no quoting (``from`` -> ``from_node``);
    GeoJSON is RFC 7946; a layer mixing points and lines becomes two tables of a
    GeoPackage (``<layer>_points``, ``<layer>_lines``).

    Parameters
    ----------
    layer
        A layer name (read from `geodata`) or a GeoDataFrame.
    path
        The file to write; its folder is made if missing.
    driver
        An OGR driver name (``GPKG``, ``GeoJSON``, ``ESRI Shapefile``...).
    geodata
        The geodata folder a layer name is read from (a path or a
        `corridors.open` catalog); default: the folder in use.

    Returns
    -------
    path
        The file written.
    """
    gdf = catalog.load(layer) if isinstance(layer, str) else layer.copy()
    name = layer if isinstance(layer, str) else Path(path).stem
    return write_layer(gdf, path, name=name, driver=driver)
