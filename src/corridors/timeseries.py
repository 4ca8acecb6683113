"""Sourced yearly series (cargo, gas, trade, containers): the data, validated.

Each series is one TOML file in ``geodata/series/`` (not GeoJSON: the catalog reads
every ``*.geojson`` as a map layer), described by ``series.schema.json``. A file
holds ``title``, ``unit``, ``axis`` (the y-axis label, with the unit), ``about``, a
list of ``values``, each citing its source, and the documents it cites, listed once
by id (the citation shape of every data file of the project)::

    [[values]]
    year = 2023
    value = 41
    quoted = "41"            # the figure as the quote writes it
    basis = "Chinese customs" # optional: which statistic, when sources disagree
    note = "more than"        # optional
    source = { ref = "kazinform-2024", quote = "... $41 billion ..." }

    [sources.kazinform-2024]
    title = "..."
    url = "https://..."

`validate` checks the file against its schema, then that every citation names a
listed document, its quote contains ``quoted`` and ``quoted`` is the value (allowing
for thousands and millions), once per year and basis. `series` returns a
series as a DataFrame; `corridors.maps.charts.chart_svg` draws it for the maps.
"""

from __future__ import annotations

import copy
import math
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from corridors import arguments, catalog, schemas
from corridors.catalog import Catalog
from corridors.errors import GeodataError, GeodataErrors, UnknownNameError

__all__ = ["names", "series", "series_meta", "validate"]

#: The folder, inside the geodata folder, that holds one TOML file per series.
SERIES_FOLDER = "series"
#: The schema of a series file (the validator of its shape).
SCHEMA = "series.schema.json"
_NUMBER = re.compile(r"\d[\d,.\s]*")
#: Scale words a quote may write after a figure (``25.2 thousand``, ``1.485 million``).
_SCALES = (1.0, 1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)


def _folder() -> Path:
    return catalog.in_use().root / SERIES_FOLDER


@catalog.with_geodata
def names(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> list[str]:
    """The names of the series in the geodata folder (file names without ``.toml``).

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    names
        Sorted series names, e.g. ``china-kazakhstan-trade``.
    """
    return sorted(p.stem for p in _folder().glob("*.toml"))


def _readings(quoted: str) -> set[float]:
    """What number `quoted` may mean: ``43,2`` is 43.2 or 432; ``80,000`` is 80000."""
    digits = _NUMBER.search(quoted)
    if not digits:
        return set()
    text = digits.group(0).strip().replace(" ", "").rstrip(",.")
    out = set()
    for grouping, decimal in ((",", "."), (".", ",")):
        candidate = text.replace(grouping, "").replace(decimal, ".")
        try:
            out.add(float(candidate))
        except ValueError:
            continue
    return out


def problems(data: Mapping[str, Any], *, origin: str) -> list[GeodataError]:
    """Every problem of a parsed series file, one `GeodataError` each.

    ``series.schema.json`` is the validator of the file's shape; then what a schema
    cannot say: citations name the file's sources, each quote contains its
    ``quoted`` figure, ``quoted`` states the value, one value per year and basis.
    """
    found = []
    for problem in schemas.problems(data, SCHEMA):
        path = problem.path
        if len(path) >= 2 and path[0] == "values":
            rest = schemas.field_name(path[2:]) or None
            found.append(
                GeodataError(problem.message, file=origin, feature=f"values[{path[1]}]", field=rest)
            )
        else:
            found.append(GeodataError(problem.message, file=origin, field=problem.field or None))
    if found:
        return found
    sources = data["sources"]
    seen: dict[tuple[int, str], int] = {}
    for i, value in enumerate(data["values"]):
        where = {"file": origin, "feature": f"values[{i}]"}
        number, quoted, citation = value["value"], value["quoted"], value["source"]
        if citation["ref"] not in sources:
            msg = f"cites {citation['ref']!r}, which is not in the file's [sources]."
            found.append(GeodataError(msg, field="source.ref", **where))
        if quoted not in citation["quote"]:
            msg = (
                f"the quote does not contain the figure {quoted!r}; quote the sentence stating it."
            )
            found.append(GeodataError(msg, field="quoted", **where))
        if not any(
            math.isclose(reading * scale, number, rel_tol=1e-9)
            for reading in _readings(quoted)
            for scale in _SCALES
        ):
            msg = f"'quoted' {quoted!r} does not state the value {number!r} (nor a multiple)."
            found.append(GeodataError(msg, field="value", **where))
        key = (value["year"], value.get("basis", ""))
        if key in seen:
            msg = (
                f"a second value for {key[0]} with the same basis (also values[{seen[key]}]); "
                "give each its 'basis' or remove one."
            )
            found.append(GeodataError(msg, field="year", **where))
        seen.setdefault(key, i)
    return found


def validate(data: Mapping[str, Any], *, origin: str) -> None:
    """Raise every problem of a parsed series file (a `GeodataErrors` when several)."""
    found = problems(data, origin=origin)
    if found:
        raise found[0] if len(found) == 1 else GeodataErrors(found)


def read(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate one series file; its values' sources resolved to {title, url, quote}.

    Read from the file on every call: `series_meta` keeps what it reads in the
    folder's catalog until a file of the folder changes.

    Parameters
    ----------
    path
        A series TOML file.

    Returns
    -------
    data
        The file's tables, each value's ``source`` resolved.

    Raises
    ------
    GeodataError
        If the file cannot be read, is not TOML or breaks the series' rules.
    """
    return _load(Path(path))


def _load(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"not valid TOML ({exc})."
        raise GeodataError(msg, file=str(path)) from None
    except RecursionError:
        msg = "the TOML is nested too deeply to be a series; check the file."
        raise GeodataError(msg, file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read the series ({exc})."
        raise GeodataError(msg, file=str(path)) from None
    validate(data, origin=str(path))
    sources = data["sources"]
    for value in data["values"]:
        citation = value["source"]
        value["source"] = {**sources[citation["ref"]], "quote": citation["quote"]}
    return data


@catalog.with_geodata
def series_meta(
    name: str, *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> dict[str, Any]:
    """The parsed, validated series file `name` (title, unit, axis, about, values).

    Parameters
    ----------
    name
        A series name (see `names`).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    meta
        The file's tables as a dict (a copy); kept by the folder's catalog until a
        file of the folder changes.

    Raises
    ------
    UnknownNameError
        If the folder has no such series.
    GeodataError
        If the file is not valid TOML or breaks the series' rules.
    """
    arguments.name(name, argument="name", what="a series name such as 'cagp-gas'")
    available = names()
    if name not in available:
        raise UnknownNameError("series name", name, available)  # noqa: EM101
    folder = _folder()
    kept = catalog.in_use().kept(f"series {name}", lambda: read(folder / f"{name}.toml"))
    return copy.deepcopy(kept)


@catalog.with_geodata
def series(name: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """A sourced yearly series as a DataFrame, one row per value, sorted by basis and year.

    Parameters
    ----------
    name
        A series name, e.g. ``china-kazakhstan-trade`` (a file of ``geodata/series/``).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    values
        Columns ``year``, ``value``, ``unit``, ``basis`` (which statistic; empty when
        the sources agree), ``note``, ``quoted`` (the figure as quoted),
        ``source_title``, ``source_url`` and ``quote``.

    Raises
    ------
    UnknownNameError
        If the folder has no such series.
    GeodataError
        If the file breaks the series' rules.

    Examples
    --------
    >>> import corridors
    >>> trade = corridors.series("china-kazakhstan-trade")
    >>> float(trade.query("year == 2023 and value == 41")["value"].iloc[0])
    41.0
    """
    meta = series_meta(name)
    rows = [
        {
            "year": v["year"],
            "value": float(v["value"]),
            "unit": meta["unit"],
            "basis": v.get("basis", ""),
            "note": v.get("note", ""),
            "quoted": v["quoted"],
            "source_title": v["source"]["title"],
            "source_url": v["source"]["url"],
            "quote": v["source"]["quote"],
        }
        for v in meta["values"]
    ]
    frame = pd.DataFrame(rows)
    return frame.sort_values(["basis", "year"], kind="stable").reset_index(drop=True)
