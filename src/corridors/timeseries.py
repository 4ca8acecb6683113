"""Sourced yearly series (cargo, gas, trade, containers): the data, validated.

Each series is one TOML file in ``geodata/series/`` (not GeoJSON: the catalog reads
every ``*.geojson`` as a map layer). A file holds ``title``, ``unit``, ``axis`` (the
y-axis label, with the unit), ``about`` and a list of ``values``, each with its own
source::

    [[values]]
    year = 2023
    value = 41
    quoted = "41"            # the figure as the quote writes it
    basis = "Chinese customs" # optional: which statistic, when sources disagree
    note = "more than"        # optional
    source = { title = "...", url = "https://...", quote = "... $41 billion ..." }

`validate` checks that every value has a source whose quote contains ``quoted`` and
that ``quoted`` is the value (allowing for thousands and millions). `series` returns a
series as a DataFrame; `corridors.maps.charts.chart_svg` draws it for the maps.
"""

from __future__ import annotations

import copy
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from corridors import arguments, catalog
from corridors.catalog import Catalog
from corridors.errors import GeodataError, UnknownNameError

__all__ = ["names", "series", "series_meta", "validate"]

#: The folder, inside the geodata folder, that holds one TOML file per series.
SERIES_FOLDER = "series"
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_NUMBER = re.compile(r"\d[\d,.\s]*")
_KEYS = {"title", "unit", "axis", "about", "values"}
_VALUE_KEYS = {"year", "value", "quoted", "basis", "note", "source"}
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


def _value_problems(value: Any, i: int, origin: str) -> Iterable[GeodataError]:
    where = {"file": origin, "feature": f"values[{i}]"}
    if not isinstance(value, Mapping):
        yield GeodataError("each value must be a table ([[values]]).", **where)
        return
    extra = set(value) - _VALUE_KEYS
    if extra:
        msg = f"unknown keys {sorted(extra)}; expected some of {sorted(_VALUE_KEYS)}."
        yield GeodataError(msg, **where)
    year, number, quoted = value.get("year"), value.get("value"), value.get("quoted")
    if not isinstance(year, int) or not 1900 <= year <= 2100:
        yield GeodataError(f"'year' must be a year (an integer), got {year!r}.", **where)
    if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
        yield GeodataError(f"'value' must be a number >= 0, got {number!r}.", **where)
        return
    if not isinstance(quoted, str) or not quoted.strip():
        msg = "'quoted' must be the figure as the source's quote writes it (a string)."
        yield GeodataError(msg, field="quoted", **where)
        return
    source = value.get("source")
    if not isinstance(source, Mapping):
        msg = "no source; add source = {title, url, quote}, the quote containing the figure."
        yield GeodataError(msg, field="source", **where)
        return
    for key in ("title", "url", "quote"):
        if not isinstance(source.get(key), str) or not source[key].strip():
            yield GeodataError(f"the source has no {key}.", field="source", **where)
    if isinstance(source.get("url"), str) and not _URL.match(source["url"]):
        yield GeodataError(f"the source url {source['url']!r} is not http(s).", **where)
    quote = source.get("quote")
    if isinstance(quote, str) and quoted not in quote:
        msg = f"the quote does not contain the figure {quoted!r}; quote the sentence stating it."
        yield GeodataError(msg, field="quoted", **where)
    if not any(
        math.isclose(reading * scale, number, rel_tol=1e-9)
        for reading in _readings(quoted)
        for scale in _SCALES
    ):
        msg = f"'quoted' {quoted!r} does not state the value {number!r} (nor a thousand-multiple)."
        yield GeodataError(msg, field="value", **where)


def validate(data: Mapping[str, Any], *, origin: str) -> None:
    """Raise one `GeodataError` listing every problem of a parsed series file."""
    problems: list[GeodataError] = []
    missing = sorted(_KEYS - set(data))
    if missing:
        problems.append(GeodataError(f"missing keys {missing}.", file=origin))
    extra = sorted(set(data) - _KEYS)
    if extra:
        problems.append(GeodataError(f"unknown keys {extra}.", file=origin))
    values = data.get("values")
    if not isinstance(values, list) or not values:
        problems.append(GeodataError("'values' must be a non-empty list.", file=origin))
        values = []
    seen: set[tuple[Any, Any]] = set()
    for i, value in enumerate(values):
        problems.extend(_value_problems(value, i, origin))
        if isinstance(value, Mapping):
            key = (value.get("year"), value.get("basis"))
            if key in seen:
                msg = f"two values for {key[0]} with the same basis; give each its 'basis'."
                problems.append(GeodataError(msg, file=origin, feature=f"values[{i}]"))
            seen.add(key)
    if problems:
        if len(problems) == 1:
            raise problems[0]
        lines = "\n".join(f"  - {p}" for p in problems)
        msg = f"{len(problems)} problems:\n{lines}"
        raise GeodataError(msg, file=origin)


def _load(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"not valid TOML ({exc})."
        raise GeodataError(msg, file=str(path)) from None
    except RecursionError:
        msg = "nested too deeply to read (thousands of levels of [ or {)."
        raise GeodataError(msg, file=str(path)) from None
    validate(data, origin=str(path))
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
        raise UnknownNameError("series", name, available)  # noqa: EM101
    folder = _folder()
    kept = catalog.in_use().kept(f"series {name}", lambda: _load(folder / f"{name}.toml"))
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
