"""Which layers exist, where their files are, and loading them as GeoDataFrames.

A geodata folder is an explicit object, a `Catalog`: ``corridors.open(path)``
returns one (``corridors.open()`` the data shipped with the package, read through
`importlib.resources`). Everything computed from a folder is kept by its catalog,
and only there: the layers, `Catalog.load_all`, the country boxes, the alternate
names, and through `Catalog.kept` the transit parameters, the series, the
network and the per-country splits. All of it is recomputed when a file of the
folder changes (keyed by the files' sizes and modification times);
`Catalog.reload` drops it all.

Every public function that reads geodata has a keyword-only parameter
``geodata`` (a catalog or a path; the bundled data by default) and runs with that
folder *in use* (`using`, `in_use`), so that nothing below it can mix two folders.
No environment variable is read here: the CLI reads ``CORRIDORS_GEODATA``.

This module is the bottom of the data flow: it imports no computation
(`corridors.measure`, `corridors.network`...) and nothing of the presentation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import geopandas as gpd
import pandas as pd

from corridors import arguments, bundled, names, paths
from corridors.errors import GeodataError, GeodataErrors, UnknownNameError
from corridors.lifecycle import as_of_problems, latest_dated_step, read_as_of, with_state_columns
from corridors.schema import (
    MAX_FILE_BYTES,
    parse_geojson,
    resolve_collection,
    validate_collection,
)

#: The environment variable the CLI reads for ``--geodata`` (the library reads none).
ENV_VAR = "CORRIDORS_GEODATA"

#: The layer groups of the maps, by folder under geodata/.
GROUPS = ("base", "pipelines", "corridors", "sites")


@dataclass(frozen=True)
class Layer:
    """One GeoJSON file of geodata: its name (file stem), group (folder) and path."""

    name: str
    group: str
    path: Path


@dataclass(eq=False)
class Catalog:
    """A geodata folder: its layers, loaded and validated once until a file changes.

    Make one with `corridors.open`. Pass it as ``geodata=`` to any function of
    the API, or use it as a context manager (``with corridors.open(path): ...``)
    to put it in use for a block.

    Parameters
    ----------
    root
        The folder holding ``<group>/<layer>.geojson`` files and ``transit.toml``.
    """

    root: Path
    _frames: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)
    _everything: gpd.GeoDataFrame | None = field(default=None, repr=False)
    _kept: dict[str, Any] = field(default_factory=dict, repr=False)
    _signature: tuple[Any, ...] | None = field(default=None, repr=False)
    _tokens: list[Any] = field(default_factory=list, repr=False)

    def signature(self) -> tuple[Any, ...]:
        """Path, size and modification time of every file of the folder (sorted)."""
        if not self.root.is_dir():
            return ()
        found = []
        for p in paths.walk_files(self.root):
            with contextlib.suppress(OSError):  # vanished since the walk
                st = p.stat()
                found.append((str(p.relative_to(self.root)), st.st_size, st.st_mtime_ns))
        return tuple(found)

    def _fresh(self) -> None:
        """Drop what was kept if a file of the folder changed since it was computed.

        Inside a call of the public API (`with_geodata`) the folder is looked at once,
        when the call starts: what it computes then belongs to one state of the files.
        """
        if _CHECKED.get() is self:
            return
        now = self.signature()
        if now != self._signature:
            self._frames.clear()
            self._everything = None
            self._kept.clear()
            self._signature = now

    def reload(self) -> None:
        """Forget everything kept: the next call reads the files again."""
        self._frames.clear()
        self._everything = None
        self._kept.clear()
        self._signature = None

    def kept(self, key: str, compute: Callable[[], _T]) -> _T:
        """`compute()` once per state of the folder's files (e.g. the network)."""
        self._fresh()
        if key not in self._kept:
            self._kept[key] = compute()
        return self._kept[key]  # type: ignore[no-any-return]

    @property
    def as_of(self) -> dt.date | None:
        """The data's "today": ``as_of`` in the folder's ``atlas.toml``.

        A folder without one falls back to the latest dated history step of its
        features (None if none has any), so that results never depend on the clock.
        """

        def compute() -> dt.date | None:
            try:
                found = read_as_of(self.root)
            except ValueError as exc:
                raise GeodataError(str(exc)) from None
            if found is None and "history" in (everything := self.load_all()).columns:
                found = latest_dated_step(everything["history"])
            return found

        return self.kept("as_of", compute)

    def __enter__(self) -> Catalog:
        self._tokens.append(_IN_USE.set(self))
        return self

    def __exit__(self, *exc: object) -> None:
        _IN_USE.reset(self._tokens.pop())

    @property
    def layers(self) -> list[Layer]:
        """All layers of the folder, sorted by group then name."""
        if not self.root.is_dir():
            msg = f"geodata folder {str(self.root)!r} does not exist or is not a folder."
            raise GeodataError(msg)
        found = [
            Layer(path.stem, path.parent.name if path.parent != self.root else "", path)
            for path in paths.walk_files(self.root)
            if path.suffix == ".geojson"
        ]
        if not found:
            msg = (
                f"no .geojson files under {str(self.root)!r}; "
                "expected <group>/<layer>.geojson files."
            )
            raise GeodataError(msg)
        names = [layer.name for layer in found]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            msg = f"layer names must be unique (file stems); repeated: {dupes}."
            raise GeodataError(msg, file=str(self.root))
        return sorted(found, key=lambda layer: (_group_rank(layer.group), layer.name))

    def layer(self, name: str) -> Layer:
        """Return the layer called `name` (a file stem such as ``cagp``)."""
        by_name = {layer.name: layer for layer in self.layers}
        if name not in by_name:
            raise UnknownNameError("layer", name, by_name)  # noqa: EM101 (a label, not the message)
        return by_name[name]

    def load(self, name: str) -> gpd.GeoDataFrame:
        """Load and validate one layer as a GeoDataFrame in EPSG:4326."""
        self._fresh()
        if name not in self._frames:
            self._frames[name] = _read_layer(self.layer(name).path, self.country_boxes)
        return self._frames[name].copy()

    def country_boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """Bounding box of each country polygon of the folder, by ISO alpha-3 code.

        From the folder's ``countries`` layer; a folder without one borrows the
        bundled basemap's (the lon/lat swap check of `read_layer` needs them).
        """
        return self.kept("country boxes", self._country_boxes)

    def _country_boxes(self) -> dict[str, tuple[float, float, float, float]]:
        path = self.root / "base" / "countries.geojson"
        if not path.is_file():
            found = (
                [p for p in paths.walk_files(self.root) if p.name == "countries.geojson"]
                if self.root.is_dir()
                else []
            )
            if not found:
                shipped = open()
                return {} if shipped is self else shipped.country_boxes()
            path = found[0]
        try:  # unvalidated: the layer's own load reports what is wrong with it
            features = json.loads(path.read_text(encoding="utf-8-sig"))["features"]
            countries = frame_from_features(features)
            countries = countries[(countries["kind"] == "country") & countries.geometry.notna()]
            bounds = countries.geometry.bounds
            return {
                str(iso3): (float(x0), float(y0), float(x1), float(y1))
                for iso3, x0, y0, x1, y1 in zip(
                    countries["iso3"],
                    bounds["minx"],
                    bounds["miny"],
                    bounds["maxx"],
                    bounds["maxy"],
                    strict=True,
                )
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return {}

    def load_all(self) -> gpd.GeoDataFrame:
        """Load every layer into one GeoDataFrame with ``layer`` and ``group`` columns.

        Also checks what only shows across files: ids unique over all of geodata
        and corridor legs whose ``from``/``to`` name existing features. The result
        is kept until a file of the folder changes; a copy is returned.

        What needs measuring (the countries a line crosses) is checked above the
        data, by `corridors.checks` (``corridors validate``).
        """
        self._fresh()
        if self._everything is None:
            self._everything = self._load_all()
        return self._everything.copy()

    def _load_all(self) -> gpd.GeoDataFrame:
        frames = []
        problems: list[GeodataError] = []
        for layer in self.layers:
            try:
                gdf = self.load(layer.name)
            except GeodataErrors as exc:
                problems.extend(exc.problems)
                continue
            except GeodataError as exc:
                problems.append(exc)
                continue
            gdf.insert(0, "layer", layer.name)
            gdf.insert(1, "group", layer.group)
            frames.append(gdf)
        if frames:
            everything = pd.concat(frames, ignore_index=True)
        if frames and not problems:  # across files only once every file reads: no echoes
            problems.extend(_cross_file_problems(everything, self))
            problems.extend(_as_of_problems(everything, self))
            problems.extend(_country_code_problems(everything, self))
        if problems:
            raise GeodataErrors(problems) if len(problems) > 1 else problems[0]
        return gpd.GeoDataFrame(everything, geometry="geometry", crs=4326)


def _as_of_problems(everything: pd.DataFrame, catalog: Catalog) -> Iterable[GeodataError]:
    """Steps dated after the folder's as-of date, and an unreadable ``atlas.toml``."""
    try:
        today = read_as_of(catalog.root)
    except ValueError as exc:
        yield GeodataError(str(exc))
        return
    layer_path = {layer.name: str(layer.path) for layer in catalog.layers}
    rows = everything.drop(columns=everything.geometry.name).to_dict("records")
    for file, fid, where, msg in as_of_problems(
        rows, today, origin=lambda row: layer_path[row["layer"]]
    ):
        yield GeodataError(msg, file=file, feature=fid, field=where)


def _group_rank(group: str) -> int:
    return GROUPS.index(group) if group in GROUPS else len(GROUPS)


def read_layer(
    path: str | os.PathLike[str], *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> gpd.GeoDataFrame:
    """Read one GeoJSON file, validate it and return it as a GeoDataFrame.

    Parameters
    ----------
    path
        A GeoJSON FeatureCollection in WGS 84 lon/lat.
    geodata
        The geodata folder (a path or a `Catalog`) whose country polygons tell
        swapped coordinates apart; default: the folder in use.

    Returns
    -------
    features
        One row per feature, indexed 0..n-1, with the properties as columns
        (lists and dicts kept as Python objects) and CRS EPSG:4326.

    Raises
    ------
    GeodataError
        If the file cannot be read or breaks the data model; the message names
        the file, the feature id and the field.
    """
    return _read_layer(Path(path), catalog(geodata).country_boxes)


def _read_layer(
    path: Path, boxes: Callable[[], dict[str, tuple[float, float, float, float]]]
) -> gpd.GeoDataFrame:
    origin = str(path)
    try:
        st = path.stat()
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})."
        raise GeodataError(msg, file=origin) from None
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "a special file (pipe, device...)"
        msg = f"this is {what}, not a regular file; a layer is a .geojson file."
        raise GeodataError(msg, file=origin)
    size = st.st_size
    if size > MAX_FILE_BYTES:
        msg = (
            f"the file is {size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB. "
            "Simplify the geometry or split the layer into several files."
        )
        raise GeodataError(msg, file=origin)
    try:  # utf-8-sig: a byte order mark (Windows editors write one) is dropped, not an error
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        msg = "the file is not UTF-8 text; GeoJSON must be UTF-8 (RFC 7946)."
        raise GeodataError(msg, file=origin) from None
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})."
        raise GeodataError(msg, file=origin) from None
    try:
        data = parse_geojson(text, origin=origin)
        validate_collection(data, origin=origin)
        gdf: gpd.GeoDataFrame = with_state_columns(frame_from_features(resolve_collection(data)))
    except RecursionError:
        msg = (
            "the JSON is nested too deeply to read (thousands of levels of [ or {); "
            "GeoJSON needs about ten."
        )
        raise GeodataError(msg, file=origin) from None
    if not (gdf["kind"] == "country").any():
        problems = list(_swapped_problems(gdf, boxes(), origin=origin))
        if problems:
            raise GeodataErrors(problems) if len(problems) > 1 else problems[0]
    return gdf


def _swapped_problems(
    gdf: gpd.GeoDataFrame, boxes: dict[str, tuple[float, float, float, float]], *, origin: str
) -> Iterable[GeodataError]:
    """Features lying far outside their declared countries, where swapping lon/lat fits.

    Coordinates within range can still be swapped (Almaty written [43.26, 76.95] lands
    in the Arctic); the declared ``countries`` tell the two apart. Checked only where
    every declared country has a polygon (`Catalog.country_boxes`); a margin of 2°
    allows for routes that end just across a border.
    """
    for fid, declared, geometry in zip(gdf["id"], gdf["countries"], gdf.geometry, strict=True):
        codes: list[str] = declared if isinstance(declared, list) else []
        if not codes or any(c not in boxes for c in codes) or geometry is None:
            continue
        west = min(boxes[c][0] for c in codes) - 2
        south = min(boxes[c][1] for c in codes) - 2
        east = max(boxes[c][2] for c in codes) + 2
        north = max(boxes[c][3] for c in codes) + 2
        x0, y0, x1, y1 = geometry.bounds
        inside = west <= x0 and x1 <= east and south <= y0 and y1 <= north
        swapped_inside = west <= y0 and y1 <= east and south <= x0 and x1 <= north
        if not inside and swapped_inside:
            msg = (
                f"the geometry lies outside its countries {codes} but would fit them with "
                "longitude and latitude swapped; GeoJSON order is [lon, lat]."
            )
            yield GeodataError(msg, file=origin, feature=str(fid), field="geometry")
        elif not inside:
            msg = (
                f"the geometry (lon {x0:.2f}..{x1:.2f}, lat {y0:.2f}..{y1:.2f}) lies far "
                f"outside its declared countries {codes}; check the coordinates or 'countries'."
            )
            yield GeodataError(msg, file=origin, feature=str(fid), field="geometry")


def frame_from_features(features: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame (EPSG:4326) from already validated GeoJSON features."""
    gdf = gpd.GeoDataFrame.from_features(features, crs=4326)
    columns = ["id", *[c for c in gdf.columns if c not in ("id", "geometry")], "geometry"]
    return gdf[columns]


def check_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[dict[Path, gpd.GeoDataFrame], list[GeodataError]]:
    """Validate GeoJSON files as they would be validated inside a geodata folder.

    Each file is read and validated on its own; then ids must be unique across the
    files, and corridor legs must name nodes found in these files or in the geodata
    folder in use (`default_root`).

    Returns
    -------
    frames, problems
        The files that read cleanly, and every problem found (empty when all is well).
    """
    frames: dict[Path, gpd.GeoDataFrame] = {}
    problems: list[GeodataError] = []
    for raw in paths:
        path = Path(raw)
        try:
            frames[path] = read_layer(path)
        except GeodataErrors as exc:
            problems.extend(exc.problems)
        except GeodataError as exc:
            problems.append(exc)
    known: set[str] = set()
    seen: dict[str, Path] = {}
    for path, gdf in frames.items():
        for fid in gdf["id"]:
            if fid in seen and seen[fid] != path:
                msg = f"duplicate id (also in {seen[fid]}); ids must be unique in all of geodata."
                problems.append(GeodataError(msg, file=str(path), feature=fid, field="id"))
            seen.setdefault(fid, path)
        known.update(gdf["id"])
    with contextlib.suppress(GeodataError):  # a broken folder in use reports itself
        known.update(catalog().load_all()["id"])
    for path, gdf in frames.items():
        if "from" not in gdf.columns:
            continue
        for _, row in gdf[gdf["from"].notna()].iterrows():
            for end in ("from", "to"):
                if row[end] not in known:
                    msg = (
                        f"names node {row[end]!r}, which is no feature id in these files or "
                        f"in {default_root()}; add the node or fix the id."
                    )
                    problems.append(GeodataError(msg, file=str(path), feature=row["id"], field=end))
    return frames, problems


def _country_code_problems(everything: pd.DataFrame, catalog: Catalog) -> Iterable[GeodataError]:
    """Codes in ``countries`` and ``drawn_crosses`` must be countries of the folder.

    That is, ``iso3`` of a feature of kind ``country`` (the countries layer); a
    folder without one is not checked.
    """
    known = (
        set(everything.loc[everything["kind"] == "country", "iso3"])
        if "iso3" in everything
        else set()
    )
    if not known:
        return
    layer_path = {layer.name: str(layer.path) for layer in catalog.layers}
    for _, row in everything.iterrows():
        for prop in ("countries", "drawn_crosses"):
            codes = row.get(prop)
            if not isinstance(codes, list | dict):
                continue
            for code in sorted(set(codes) - known):
                msg = (
                    f"{code!r} is not a country of this geodata folder (the iso3 of a feature "
                    "of kind 'country'); use an ISO 3166 alpha-3 code such as 'KAZ'."
                )
                yield GeodataError(
                    msg, file=layer_path[row["layer"]], feature=row["id"], field=prop
                )


def _cross_file_problems(everything: pd.DataFrame, catalog: Catalog) -> Iterable[GeodataError]:
    layer_path = {layer.name: str(layer.path) for layer in catalog.layers}
    counts = everything["id"].value_counts()
    for fid in counts[counts > 1].index:
        where = everything.loc[everything["id"] == fid, "layer"].tolist()
        msg = f"duplicate id across layers {where}; ids must be unique in all of geodata."
        yield GeodataError(msg, file=layer_path[where[0]], feature=fid, field="id")
    if "from" in everything.columns:
        ids = set(everything["id"])
        legs = everything[everything["from"].notna()]
        for _, leg in legs.iterrows():
            for end in ("from", "to"):
                if leg[end] not in ids:
                    msg = (
                        f"names node {leg[end]!r}, which is no feature id in geodata; "
                        "add the node (e.g. to corridors/nodes.geojson) or fix the id."
                    )
                    yield GeodataError(
                        msg, file=layer_path[leg["layer"]], feature=leg["id"], field=end
                    )


_T = TypeVar("_T")
_P = ParamSpec("_P")
_IN_USE: ContextVar[Catalog | None] = ContextVar("corridors_geodata", default=None)
#: The catalog whose files the current public call has already looked at.
_CHECKED: ContextVar[Catalog | None] = ContextVar("corridors_checked", default=None)
_OPENED: dict[Path, Catalog] = {}
_BUNDLED: list[Catalog] = []


def bundled_root() -> Path:
    """The geodata folder shipped with the package."""
    return bundled.geodata_root()


def open(path: str | os.PathLike[str] | Catalog | None = None) -> Catalog:
    """Return the catalog of a geodata folder (the bundled data when `path` is None).

    The same folder gives the same catalog object, so what it keeps is shared;
    it is recomputed whenever a file of the folder changes.

    Parameters
    ----------
    path
        A folder holding ``<group>/<layer>.geojson`` files (and ``transit.toml``,
        ``series/``...), or a catalog (returned as it is); None for the bundled data.

    Returns
    -------
    catalog
        Pass it as ``geodata=`` to any function of the API, or put it in use for a
        block with ``with corridors.open(path): ...``.

    Raises
    ------
    TypeError
        If `path` is not a path, a catalog or None.
    InputError
        If the folder does not exist, is a file, a symlink loop or unreadable,
        or the path is empty or too long: at once, not at the first read.

    Examples
    --------
    >>> import corridors
    >>> atlas = corridors.open()
    >>> round(corridors.route_length("cagp-line-a", geodata=atlas))
    1575
    """
    if isinstance(path, Catalog):
        return path
    root = (
        paths.existing_folder(path, what="geodata folder")
        if path is not None
        else bundled_root().resolve()
    )
    if root not in _OPENED:
        _OPENED[root] = Catalog(root)
    return _OPENED[root]


def in_use() -> Catalog:
    """The catalog in use: the one a caller passed as ``geodata=``, or the bundled data."""
    current = _IN_USE.get()
    if current is not None:
        return current
    if not _BUNDLED:
        _BUNDLED.append(open())
    return _BUNDLED[0]


@contextlib.contextmanager
def using(geodata: str | os.PathLike[str] | Catalog | None) -> Iterator[Catalog]:
    """Put a geodata folder in use for a block (None: leave the one in use)."""
    if geodata is None:
        yield in_use()
        return
    with open(geodata) as catalog_:
        yield catalog_


def with_geodata(func: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run a public function with the folder of its ``geodata`` argument in use.

    The function declares ``geodata`` itself, keyword-only with default None, so
    that it shows in its signature and documentation; the decorator puts that
    folder in use (`using`) for the call, so everything it calls reads the same
    folder, and looks at the folder's files once, when the outermost call starts:
    what the call computes belongs to one state of the files.

    Raises
    ------
    TypeError
        At decoration, if `func` has no keyword-only ``geodata=None`` parameter.
    """
    parameter = inspect.signature(func).parameters.get("geodata")
    if (
        parameter is None
        or parameter.kind is not inspect.Parameter.KEYWORD_ONLY
        or parameter.default is not None
    ):
        msg = f"{func.__qualname__} must declare a keyword-only parameter geodata=None."
        raise TypeError(msg)

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        geodata = kwargs.get("geodata")
        if geodata is not None and not isinstance(geodata, str | os.PathLike | Catalog):
            msg = f"geodata must be a folder path or a corridors.open() catalog, got {geodata!r}."
            raise TypeError(msg)
        with using(geodata) as catalog_:
            if _CHECKED.get() is catalog_:  # an inner call: the files were looked at
                return func(*args, **kwargs)
            catalog_._fresh()  # noqa: SLF001 (the module's own class)
            token = _CHECKED.set(catalog_)
            try:
                return func(*args, **kwargs)
            finally:
                _CHECKED.reset(token)

    return wrapper


def default_root() -> Path:
    """The folder of the catalog in use (see `in_use`)."""
    return in_use().root


def catalog(root: str | os.PathLike[str] | Catalog | None = None) -> Catalog:
    """Return the catalog of `root` (a folder or a catalog), or the one in use."""
    return open(root) if root is not None else in_use()


@with_geodata
def load(
    layer: str, *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> gpd.GeoDataFrame:
    """Load one layer by name (e.g. ``"cagp"``) as a validated GeoDataFrame.

    Parameters
    ----------
    layer
        The layer's name: its file stem, e.g. ``cagp`` for ``pipelines/cagp.geojson``.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use, the bundled data unless a block put another in use.

    Returns
    -------
    features
        One row per feature, properties as columns, CRS EPSG:4326 (a copy).

    Raises
    ------
    UnknownNameError
        If the folder has no such layer; the closest names are suggested.
    GeodataError
        If the file breaks the data model.

    Examples
    --------
    >>> import corridors
    >>> cagp = corridors.load("cagp")
    >>> "cagp-line-a" in set(cagp["id"])
    True
    """
    arguments.name(layer, argument="layer", what="a layer name such as 'cagp'")
    return in_use().load(layer)


@with_geodata
def load_all(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> gpd.GeoDataFrame:
    """Load every layer into one GeoDataFrame (columns ``layer`` and ``group`` added).

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    features
        Every feature of every layer, with the layer's name and group (a copy).

    Raises
    ------
    GeodataError
        If a file breaks the data model, an id repeats across files or a leg
        names no feature (`GeodataErrors` lists every problem at once).
    """
    return in_use().load_all()


@with_geodata
def layer_names(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> list[str]:
    """Return the names of all layers, grouped in map order.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    names
        Layer names (file stems), by group (base, pipelines, corridors, sites) then name.
    """
    return [layer.name for layer in in_use().layers]


def normalise_name(name: str) -> str:
    """Fold case, accents, scripts and punctuation: 'Ürümqi' → 'urumqi', 'Баку' → 'baku'."""
    return names.fold(name)


_Key = TypeVar("_Key")


def match_name(what: str, name: str, candidates: Sequence[tuple[_Key, Sequence[str]]]) -> _Key:
    """Return the key of the candidate one of whose labels is `name`, in any script.

    See `corridors.names.match`: ids, names and the alternate names of the geodata
    folder in use (``alternate-names.json``, keyed by feature id) match without regard
    to case, accents, punctuation or script ("Алматы", "乌鲁木齐", "Bakı").

    Raises
    ------
    UnknownNameError
        If nothing matches; the message suggests the closest labels.
    """
    return names.match(what, name, candidates, alternates=_alternates())


def find_name(name: str, candidates: Sequence[tuple[_Key, Sequence[str]]]) -> tuple[_Key] | None:
    """`match_name` without the error: ``(key,)``, or None (and no suggestions computed)."""
    return names.find(name, candidates, alternates=_alternates())


def _alternates() -> dict[str, tuple[str, ...]]:
    """The alternate names of the folder in use, kept by its catalog."""
    catalog_ = in_use()
    return catalog_.kept("alternate names", lambda: names.alternate_names(catalog_.root))


@with_geodata
def feature(fid: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.Series:
    """Return one feature (a row of `load_all`) by its id.

    Parameters
    ----------
    fid
        The feature's id, e.g. ``cagp-line-a``.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    feature
        The feature's properties, ``layer``, ``group`` and ``geometry``.

    Raises
    ------
    UnknownNameError
        If no feature has that id; the closest ids are suggested.
    """
    arguments.name(fid, argument="fid", what="a feature id such as 'cagp-line-a'")
    everything = load_all()
    match = everything[everything["id"] == fid]
    if match.empty:
        raise UnknownNameError("feature id", fid, everything["id"])  # noqa: EM101 (a label, not the message)
    return match.iloc[0]
