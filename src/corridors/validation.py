"""Checking a whole geodata folder: every file `build`, `transit` and `export` read.

`check` reads each file the way its loader does and against its schema: the
layers (with what only shows across them: unique ids, leg nodes, country codes
and what lines cross), ``transit.toml``, the series, the alternate names and the
basemap's metadata and layers; then what refers across files: the corridors'
ends towards Europe, the legs, nodes and ports transit.toml names, the feature
ids the alternate names are keyed by. A folder that passes builds.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridors import catalog, checks, names, parameters, schemas, sourcing, timeseries
from corridors.errors import GeodataError, GeodataErrors, ParameterError, UnknownNameError

__all__ = ["Report", "check", "file_kind", "file_problems", "validate"]

#: The basemap's layers read as GeoJSON, and the list of place labels.
BASEMAP_LAYERS = ("admin1", "coastline", "lakes", "rivers")
BASEMAP_SCHEMA = "basemap.schema.json"


@dataclass(frozen=True)
class Report:
    """What `check` found in a geodata folder."""

    root: Path
    #: Features and layers read (0 when the layers have problems).
    features: int
    layers: int
    #: The other files checked (transit.toml, series, alternate names, basemap).
    files: tuple[str, ...]
    #: Every problem, one line each (file, feature, field where they apply).
    problems: tuple[GeodataError, ...]

    @property
    def ok(self) -> bool:
        """Whether the folder has no problem."""
        return not self.problems


def check(*, geodata: str | os.PathLike[str] | catalog.Catalog | None = None) -> Report:
    """Check every file of a geodata folder; return what was read and every problem.

    Parameters
    ----------
    geodata
        A geodata folder (or its catalog); the bundled data by default.

    Returns
    -------
    report
        What was read (features, layers, other files) and every problem found.

    Raises
    ------
    GeodataError
        Only if the folder itself cannot be read (missing, not a folder, no layers).
    """
    cat = catalog.open(geodata)
    root = cat.root
    cat.layers  # noqa: B018 (a missing folder or one without layers is an error at once)
    problems: list[GeodataError] = []
    everything: pd.DataFrame | None = None
    try:
        everything = cat.load_all()
    except GeodataErrors as exc:
        problems.extend(exc.problems)
    except GeodataError as exc:
        problems.append(exc)
    if everything is not None:  # what needs measuring: the countries drawn lines cross
        problems.extend(checks.crossing_problems(geodata=cat))
    files: list[str] = []
    transit_path = root / parameters.FILE_NAME
    if transit_path.exists():
        files.append(str(transit_path))
        problems.extend(_transit_problems(transit_path, cat, everything))
    series_folder = root / timeseries.SERIES_FOLDER
    if series_folder.is_dir():
        for path in sorted(series_folder.iterdir()):
            files.append(str(path))
            problems.extend(_series_problems(path))
    alternates = root / names.ALTERNATE_NAMES
    if alternates.exists():
        files.append(str(alternates))
        problems.extend(_alternate_name_problems(alternates, everything))
    basemap = root / "basemap"
    if basemap.is_dir():
        files.append(str(basemap))
        problems.extend(_basemap_problems(basemap))
    for name in ("organisations.json", "control.json"):
        if (root / name).exists():
            files.append(str(root / name))
    if (root / "control.json").exists() or (root / "organisations.json").exists():
        problems.extend(_control_problems(cat))
    problems.extend(_mirror_problems(root))
    unique = list({str(p): p for p in problems}.values())  # one line per problem
    return Report(
        root=root,
        features=0 if everything is None else len(everything),
        layers=0 if everything is None else int(everything["layer"].nunique()),
        files=tuple(files),
        problems=tuple(unique),
    )


def validate(*, geodata: str | os.PathLike[str] | catalog.Catalog | None = None) -> Report:
    """`check` a geodata folder and raise its problems, if any.

    Parameters
    ----------
    geodata
        A geodata folder (or its catalog); the bundled data by default.

    Returns
    -------
    report
        What was read, when there is no problem (see `check`).

    Raises
    ------
    GeodataError
        The one problem found, or a `GeodataErrors` listing them all.
    """
    report = check(geodata=geodata)
    if report.problems:
        found = list(report.problems)
        raise found[0] if len(found) == 1 else GeodataErrors(found)
    return report


#: The data files other than layers that list sources, relative to the folder.
SOURCED_FILES = (
    parameters.FILE_NAME,
    f"{timeseries.SERIES_FOLDER}/*.toml",
    names.ALTERNATE_NAMES,
    "basemap/basemap.json",
    "organisations.json",
    "control.json",
)


def _mirror_problems(root: Path) -> list[GeodataError]:
    """Sources of the folder's other data files that cite a copy instead of the original
    (the layers' are the layer validator's)."""
    found: list[GeodataError] = []
    for pattern in SOURCED_FILES:
        for path in sorted(root.glob(pattern)):
            found.extend(_file_mirror_problems(path))
    return found


def _file_mirror_problems(path: Path) -> list[GeodataError]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []  # unreadable: the file's own check says so
    listed = sourcing.listed_sources(data)
    return list(sourcing.mirror_problems(listed, origin=str(path)))


def _control_problems(cat: catalog.Catalog) -> list[GeodataError]:
    """The problems of the folder's ownership data (organisations.json, control.json)."""
    from corridors import control  # noqa: PLC0415 (ownership data only when present)

    try:
        with catalog.using(cat):
            control.validate()
    except GeodataErrors as exc:
        return list(exc.problems)
    except GeodataError as exc:
        return [exc]
    return []


def file_kind(path: str | os.PathLike[str]) -> str | None:
    """Which data file `path` is by its name: "transit", "series", "alternate names",
    "basemap" (its metadata); None for anything else (a layer is a ``.geojson``)."""
    path = Path(path)
    if path.name == parameters.FILE_NAME:
        return "transit"
    if path.suffix == ".toml" and path.parent.name == timeseries.SERIES_FOLDER:
        return "series"
    if path.name == names.ALTERNATE_NAMES:
        return "alternate names"
    if path.name == "basemap.json":
        return "basemap"
    return None


def file_problems(path: str | os.PathLike[str]) -> list[GeodataError]:
    """The problems of one data file that is not a layer, checked on its own.

    What it names in other files (nodes, legs, feature ids) is checked only with its
    folder (`check`).
    """
    path = Path(path)
    kind = file_kind(path)
    if kind == "transit":
        found = _collect(parameters.load, path)[1]
    elif kind == "series":
        found = _series_problems(path)
    elif kind == "alternate names":
        found = _collect(names.read_alternate_names, path)[1]
    elif kind == "basemap":
        found = _collect(_read_json, path, BASEMAP_SCHEMA, None)[1]
    else:
        found = None
    if found is not None:
        return found + _file_mirror_problems(path)
    msg = "not a data file of a geodata folder (transit.toml, series/<name>.toml, ...)."
    return [GeodataError(msg, file=str(path))]


def _collect(call: Any, *args: Any) -> tuple[Any, list[GeodataError]]:
    """``call(*args)`` and the problems it raised (as a list), or its result and none."""
    try:
        return call(*args), []
    except GeodataErrors as exc:
        return None, list(exc.problems)
    except GeodataError as exc:
        return None, [exc]


def _transit_problems(
    path: Path, cat: catalog.Catalog, everything: pd.DataFrame | None
) -> list[GeodataError]:
    data, found = _collect(parameters.load, path)
    if data is None or everything is None:
        return found
    return list(_transit_reference_problems(data, cat))


def _transit_reference_problems(
    data: parameters.TransitData, cat: catalog.Catalog
) -> Iterator[GeodataError]:
    """Names in transit.toml that must be places of the network (as `transit` finds them)."""
    from corridors import network, transit  # noqa: PLC0415 (networkx only when needed)

    origin = data.path
    try:
        with catalog.using(cat):
            graph = network.corridor_network()
    except UnknownNameError as exc:  # a transfer or sea link naming no node
        yield ParameterError(str(exc), file=origin, table="transfers/sea_links")
        return
    except GeodataError as exc:
        yield exc
        return
    legs = {key for _, _, key in graph.edges(keys=True)}
    for cid, corridor in data.corridors.items():
        table = f"corridors.{cid}"
        if cid == "sea":
            if network.find_port(corridor.europe) is None:
                msg = f"{corridor.europe!r} is no port of searoute's list (a UN/LOCODE: NLRTM)."
                yield ParameterError(msg, file=origin, table=table, field="europe")
        elif network.find_node(corridor.europe, graph=graph) is None:
            yield _unknown(corridor.europe, "network node", graph.nodes, origin, table, "europe")
        for port in corridor.ports:
            if network.find_node(port, graph=graph) is None:
                yield _unknown(port, "network node", graph.nodes, origin, table, "ports")
        for leg in corridor.shared_legs:
            if leg not in legs:
                yield _unknown(leg, "leg", legs, origin, table, "shared_legs")
        if corridor.land_corridor is not None and corridor.land_corridor not in data.corridors:
            known = data.corridors
            yield _unknown(
                corridor.land_corridor, "corridor", known, origin, table, "land_corridor"
            )
    for pid, p in data.parameters.items():
        for node in p.nodes:
            if node not in graph:
                yield _unknown(
                    node, "network node", graph.nodes, origin, f"parameters.{pid}", "nodes"
                )
    try:
        transit.check_named_legs(data, graph)
    except ParameterError as exc:
        yield exc


def _unknown(
    name: str, what: str, known: Iterable[Any], origin: str, table: str, field: str
) -> GeodataError:
    hint = difflib.get_close_matches(name, sorted(map(str, known)), n=1)
    also = f"; did you mean {hint[0]!r}?" if hint else "."
    msg = f"names {what} {name!r}, which the geodata folder does not have{also}"
    return ParameterError(msg, file=origin, table=table, field=field)


def _series_problems(path: Path) -> list[GeodataError]:
    if path.suffix != ".toml" or not path.is_file():
        msg = (
            "not a series file: the series folder holds one <name>.toml per series "
            "(see corridors.timeseries); move or rename it."
        )
        return [GeodataError(msg, file=str(path))]
    return _collect(timeseries.read, path)[1]


def _alternate_name_problems(path: Path, everything: pd.DataFrame | None) -> list[GeodataError]:
    data, found = _collect(names.read_alternate_names, path)
    if data is None or everything is None:
        return found
    ids = set(everything["id"])
    return [
        GeodataError(
            f"names feature {fid!r}, which is no feature id of the folder; "
            "rerun tools/derive_names.py.",
            file=str(path),
            field=f"places.{fid}",
        )
        for fid in data["places"]
        if fid not in ids
    ]


def _basemap_problems(folder: Path) -> list[GeodataError]:
    found: list[GeodataError] = []
    manifest_path = folder / "basemap.json"
    manifest, problems = _collect(_read_json, manifest_path, BASEMAP_SCHEMA, None)
    found.extend(problems)
    if manifest is not None:
        for key, relief in manifest["relief"].items():
            if not (folder / relief["file"]).is_file():
                msg = (
                    f"the relief image {relief['file']!r} is missing; rerun tools/derive_basemap.py"
                )
                found.append(GeodataError(msg, file=str(manifest_path), field=f"relief.{key}.file"))
    for name in BASEMAP_LAYERS:
        found.extend(_collect(_read_json, folder / f"{name}.json", BASEMAP_SCHEMA, "layer")[1])
    found.extend(_collect(_read_json, folder / "places.json", BASEMAP_SCHEMA, "places")[1])
    return found


def _read_json(path: Path, schema: str, definition: str | None) -> Any:
    """A JSON file checked against `schema` (or one of its ``$defs``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        msg = f"cannot read it ({exc}); rerun tools/derive_basemap.py."
        raise GeodataError(msg, file=str(path)) from None
    found = [
        GeodataError(p.message, file=str(path), field=p.field or None)
        for p in schemas.problems(data, schema, definition=definition)[:20]
    ]
    if found:
        raise found[0] if len(found) == 1 else GeodataErrors(found)
    return data
