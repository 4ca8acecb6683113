"""Open-data export: every layer, the computed tables and the licences, in one download.

`export` writes

- a GeoPackage (``gpkg``): one table per geodata layer, the computed tables
  (`tables`: lengths, transit, backtest) as attribute tables, and the licences
  (table ``licences``) and the read-me texts (table ``readme``) inside the file;
- or a zip (``geojson`` or ``csv``): one file per layer, the computed tables as
  CSV, and ``README.md`` (contents, licences, how to cite) and ``SOURCES.md``.

Nested properties are flattened into readable text for GIS tools (`flatten`):
``sources`` becomes ``title <url>; ...`` and the full JSON is kept in
``sources_json``; likewise ``waypoints``, ``stretches``, ``capacity``... GeoJSON
keeps them nested, as in geodata/. Each feature's ``data_licences`` column names
the licensed datasets its geometry or facts come from (`LICENCES`).
"""

from __future__ import annotations

import errno
import io
import json
import math
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from corridors import atomic, catalog, measure, paths
from corridors.errors import CorridorsError, InputError

#: The formats of `export`, and the file name each expects.
FORMATS = {"gpkg": ".gpkg", "geojson": ".zip", "csv": ".zip"}
#: The file names the CLI writes by default, in its output folder (and the index links).
DEFAULT_NAMES = {"gpkg": "atlas.gpkg", "geojson": "atlas-geojson.zip", "csv": "atlas-csv.zip"}
#: The origin of the transit table (as on the Middle Corridor map).
TRANSIT_ORIGIN = "lianyungang"
#: The date a GeoPackage records as each table's last change (as the zips' fixed date).
GPKG_DATE = "1980-01-01T00:00:00.000Z"
#: Attribute tables written beside the layers (their names may not be layer names).
TABLES = (
    "length_table",
    "transit",
    "backtest",
    "owners",
    "financing",
    "organisations",
    "licences",
    "readme",
)


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
        compare.columns.get_loc("destination") + 1,
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
    if "title" in item and "url" in item:
        return f"{item['title']} <{item['url']}>"
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


def flatten(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer with its nested properties as text, ready for a GeoPackage or a CSV.

    Each column holding lists or objects (``sources``, ``waypoints``, ``countries``,
    ``capacity``...) becomes readable text (sources as ``title <url>; ...``), and
    the full JSON goes into a ``<column>_json`` column beside it. A
    ``data_licences`` column names the `LICENCES` that apply to each feature.
    """
    out = gdf.copy()
    out["data_licences"] = [feature_licences(row) for _, row in gdf.iterrows()]
    for column in gdf.columns:
        if column == gdf.geometry.name or not gdf[column].map(_is_nested).any():
            continue
        at = out.columns.get_loc(column)
        out[column] = gdf[column].map(_text)
        out.insert(
            at + 1,
            f"{column}_json",
            gdf[column].map(lambda v: json.dumps(v, ensure_ascii=False) if _is_nested(v) else None),
        )
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
        "geojson": "layers/<layer>.geojson (nested properties kept as in geodata/)",
        "csv": "layers/<layer>.csv (geometry as WKT in the column 'geometry')",
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
        "Every feature names its sources. In the GeoPackage and the CSV files, nested "
        "properties are flattened to text (sources as 'title <url>; ...') and kept in full "
        "as JSON in the '<property>_json' columns. 'data_licences' names the parts below "
        "whose terms apply to a feature.",
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
    frames = _layers()
    computed = tables()
    readme = readme_text({name: len(gdf) for name, gdf in frames.items()}, file_format)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = (
            f"cannot create the folder {str(out.parent)!r} ({exc.strerror}); choose another --out."
        )
        raise CorridorsError(msg) from None
    writer = _write_gpkg if file_format == "gpkg" else _zip_writer(file_format)
    _atomic(out, lambda tmp: writer(tmp, frames, computed, readme))
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
    yield "licences", licences_table()
    yield (
        "readme",
        pd.DataFrame({"file": ["README.md", "SOURCES.md"], "text": [readme, sources_md()]}),
    )


def _write_gpkg(
    tmp: Path, frames: dict[str, gpd.GeoDataFrame], computed: dict[str, pd.DataFrame], readme: str
) -> None:
    import pyogrio  # noqa: PLC0415 (geopandas' I/O engine, imported where it is used)

    # SQLite's fsync after every layer makes the writes slow; the file is renamed into
    # place only once complete, so a crash leaves no half-written GeoPackage.
    options = {
        "OGR_SQLITE_SYNCHRONOUS": "OFF",
        # gpkg_contents.last_change is the clock's time unless fixed: a fixed date makes the
        # same data give the same GeoPackage, byte for byte (GDAL's option for this).
        "OGR_CURRENT_DATE": GPKG_DATE,
    }
    previous = {key: pyogrio.get_gdal_config_option(key) for key in options}
    pyogrio.set_gdal_config_options(options)
    try:
        for name, gdf in frames.items():
            flatten(gdf).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
        for name, table in _attribute_tables(computed, readme):
            pyogrio.write_dataframe(table, tmp, layer=name, driver="GPKG")
    except RuntimeError as exc:  # pyogrio's errors: SQLite's "database or disk is full"...
        text = str(exc).lower()
        if "disk is full" in text or "no space" in text:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        if "disk i/o error" in text or "readonly database" in text:
            raise OSError(errno.EIO, f"SQLite: {exc}") from None
        raise
    finally:
        pyogrio.set_gdal_config_options(previous)


def _zip_writer(
    file_format: str,
) -> Callable[[Path, dict[str, gpd.GeoDataFrame], dict[str, pd.DataFrame], str], None]:
    def write(
        tmp: Path,
        frames: dict[str, gpd.GeoDataFrame],
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
            for name, gdf in frames.items():
                if file_format == "geojson":
                    add(f"layers/{name}.geojson", gdf.to_json(na="drop", drop_id=True) + "\n")
                else:
                    add(f"layers/{name}.csv", _csv(flatten(gdf).to_wkt()))
            for name, table in _attribute_tables(computed, readme):
                if name != "readme":
                    add(f"tables/{name}.csv", _csv(table))

    return write


def _csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
