"""The atlas in a given year: what is open, being built or planned, and what changed.

Every function takes ``year=`` (an int; default: the year of the data's as-of
date, ``as_of`` in ``geodata/atlas.toml``). A year is taken at its end, except the
as-of year, which ends on the as-of date: what has happened, nothing expected.
A later year counts what sources expect by then, by the ``earliest`` sourced
date (or the ``latest``, with ``expectation="latest"``), and flags it
``expected``: an expectation, not a fact.

A feature whose history holds no life-cycle step (no sourced opening, nor any
other step) is *undated*: it is kept in every year, as the atlas has always
drawn it, and flagged ``undated``, never given a guessed date.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, overload

import geopandas as gpd
import pandas as pd

from corridors import catalog, lifecycle, measure, sourcing
from corridors.errors import GeodataError, UnknownNameError
from corridors.lifecycle import Expectation, State

#: Kinds whose length is counted in the km tables (lines carrying traffic).
LINE_KINDS = ("railway", "road", "gas_pipeline", "oil_pipeline", "ferry")
#: How the km tables group a status.
BUCKETS = {
    "operating": "open",
    "under_construction": "under_construction",
    "proposed": "planned",
}
#: Which steps the "what changed" list reports, by what it calls them.
CHANGE_LABELS = {
    "proposed": "proposed",
    "agreed": "agreed",
    "construction_started": "construction started",
    "opened": "opened",
    "partly_opened": "section opened",
    "second_track_opened": "second track opened",
    "capacity_changed": "capacity changed",
    "electrified": "electrified",
    "expanded": "expanded",
    "upgraded": "upgraded",
    "suspended": "suspended",
    "resumed": "resumed",
    "cancelled": "cancelled",
    "closed": "closed",
}


def today() -> dt.date:
    """The data's as-of date (`Catalog.as_of`) of the folder in use.

    Raises
    ------
    GeodataError
        If the folder has neither an as-of date nor any dated step.
    """
    found = catalog.in_use().as_of
    if found is None:
        msg = (
            "the geodata folder has no as-of date (as_of in atlas.toml) and no dated history "
            'step to fall back on; add atlas.toml with as_of = "YYYY-MM-DD".'
        )
        raise GeodataError(msg, file=str(catalog.in_use().root))
    return found


def resolve_year(year: int | None) -> int:
    """`year`, or the as-of year when None; a clear error for anything but an int."""
    if year is None:
        return today().year
    if isinstance(year, bool) or not isinstance(year, int):
        msg = f"year must be a whole year such as 2030, got {year!r}."
        raise TypeError(msg)
    if not 1800 <= year <= 2100:
        msg = f"year {year} is outside 1800–2100; the data's steps lie between them."
        raise ValueError(msg)
    return year


def capacity_in(row: Mapping[Hashable, Any], state: State) -> Any:
    """The capacity in force: the latest sourced change by then, else the feature's own.

    A feature with ``capacity_changed`` steps has no known capacity before the first.
    """
    if state.capacity is not None:
        return dict(state.capacity)
    history = row.get("history")
    changes = isinstance(history, list) and any(
        isinstance(s, Mapping) and s.get("step") == "capacity_changed" for s in history
    )
    capacity = row.get("capacity")
    return None if changes or not isinstance(capacity, Mapping) else dict(capacity)


@overload
def frame_in(
    frame: gpd.GeoDataFrame, year: int | None = None, *, expectation: Expectation = "earliest"
) -> gpd.GeoDataFrame: ...
@overload
def frame_in(
    frame: pd.DataFrame, year: int | None = None, *, expectation: Expectation = "earliest"
) -> pd.DataFrame: ...
def frame_in(
    frame: pd.DataFrame, year: int | None = None, *, expectation: Expectation = "earliest"
) -> pd.DataFrame:
    """`frame` (loaded features) with their state in `year`.

    Adds or replaces ``status``, ``opened``, ``expected`` (the state rests on an
    expectation), ``undated`` (no life-cycle step in the data), ``open`` (operating
    in that year, or undated), ``planned`` (no status yet, every life-cycle step still
    expected) and ``capacity_in_year``; sets ``frame.attrs["year"]``.
    """
    year = resolve_year(year)
    now = today()
    on = lifecycle.cutoff(year, now)
    rows = frame.to_dict("records")
    states = [
        lifecycle.state(r.get("history"), on, today=now, expectation=expectation) for r in rows
    ]
    out: pd.DataFrame = lifecycle.with_state_columns(frame, on, today=now, expectation=expectation)
    out["expected"] = [s.expected for s in states]
    out["undated"] = [lifecycle.undated(r.get("history")) for r in rows]
    out["planned"] = [
        s.status is None
        and on is not None
        and on >= now
        and lifecycle.only_expected(r.get("history"))
        for r, s in zip(rows, states, strict=True)
    ]
    out["open"] = [
        s.status == "operating" or u for s, u in zip(states, out["undated"], strict=True)
    ]
    out["capacity_in_year"] = [capacity_in(r, s) for r, s in zip(rows, states, strict=True)]
    geometry = out.geometry.name if hasattr(out, "geometry") else None
    if geometry is not None:
        out = out[[c for c in out.columns if c != geometry] + [geometry]]
    out.attrs["year"] = year
    out.attrs["expectation"] = expectation
    return out


@catalog.with_geodata
def features(
    year: int | None = None,
    *,
    expectation: Expectation = "earliest",
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> pd.DataFrame:
    """Every feature with its state in `year` (see `frame_in`).

    Parameters
    ----------
    year
        The year (default: the data's as-of year).
    expectation
        After the as-of date, count an expected step from the ``earliest`` or the
        ``latest`` date its sources give.
    geodata
        A geodata folder or `corridors.open` catalog (default: the one in use).

    Examples
    --------
    >>> f = features(2010).set_index("id")
    >>> bool(f.loc["titr-akhalkalaki-kars", "open"])
    False
    """
    return frame_in(catalog.load_all(), year, expectation=expectation)


@catalog.with_geodata
def status(
    feature_id: str,
    year: int | None = None,
    *,
    expectation: Expectation = "earliest",
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> str | None:
    """A feature's status in `year` (``operating``, ``under_construction``, ...), or None.

    None means no life-cycle step of the feature has happened by then (or, after the
    as-of year, is expected by then); `features` says whether it is simply undated.

    Parameters
    ----------
    feature_id
        The feature's id (``"titr-akhalkalaki-kars"``).
    year
        The year (default: the data's as-of year, ``as_of`` in ``geodata/atlas.toml``).
    expectation
        After the as-of date, count what sources expect from the ``earliest`` or the
        ``latest`` date they give.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    status
        ``proposed``, ``under_construction``, ``operating``, ``suspended``,
        ``cancelled``, ``closed``, or None.

    Examples
    --------
    >>> status("titr-akhalkalaki-kars", year=2016), status("titr-akhalkalaki-kars", year=2018)
    ('under_construction', 'operating')
    """
    everything = catalog.load_all()
    match = everything[everything["id"] == feature_id]
    if match.empty:
        raise UnknownNameError("feature", feature_id, everything["id"].tolist())  # noqa: EM101
    row = match.iloc[0]
    year = resolve_year(year)
    now = today()
    found = lifecycle.state(
        row.get("history"), lifecycle.cutoff(year, now), today=now, expectation=expectation
    )
    return found.status


def _line_rows(frame: pd.DataFrame) -> pd.DataFrame:
    lines = frame[frame["kind"].isin(LINE_KINDS)].copy()
    modes = lines["mode"] if "mode" in lines.columns else pd.Series(None, index=lines.index)
    lines["mode_or_kind"] = [
        m if isinstance(m, str) else k for m, k in zip(modes, lines["kind"], strict=True)
    ]
    return lines


def _country_km(lines: pd.DataFrame) -> list[dict[str, float]]:
    """Each line's computed km by country (``-``: at sea), kept per state of the files."""
    known: dict[str, dict[str, float]] = catalog.in_use().kept("line-country-km", dict)
    countries = None
    out = []
    for fid, geometry in zip(lines["id"], lines["geometry"], strict=True):
        if fid not in known:
            if countries is None:
                countries = catalog.load("countries")
            split = measure.length_by_country(geometry, countries=countries)
            known[fid] = {
                str(c): float(km)
                for c, km in zip(split["country"], split["length_km"], strict=True)
            }
        out.append(known[fid])
    return out


@catalog.with_geodata
def km_by_status(
    year: int | None = None,
    *,
    expectation: Expectation = "earliest",
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> pd.DataFrame:
    """Km of line open, under construction and planned in `year`, by country and mode.

    Lines are railways, roads, pipelines and ferries (the context network and the
    borders are not counted). Lengths are computed (geodesic, split by the countries
    the drawn line crosses; sea ``-``), never typed. An undated line counts as open
    (it is in the atlas as built) and is also summed in ``open_undated_km``; a
    status resting on an expectation is also summed in ``expected_km``.

    Parameters
    ----------
    year
        The year (default: the data's as-of year, ``as_of`` in ``geodata/atlas.toml``).
    expectation
        After the as-of date, count what sources expect from the ``earliest`` or the
        ``latest`` date they give.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per country and mode (``mode`` is the leg's mode, or the pipeline
        kind): ``open_km``, ``under_construction_km``, ``planned_km``,
        ``open_undated_km``, ``expected_km``, rounded to 0.1 km; ``attrs["year"]``.
    """
    frame = frame_in(catalog.load_all(), year, expectation=expectation)
    lines = _line_rows(frame)
    records: dict[tuple[str, str], dict[str, float]] = {}
    columns = ("open_km", "under_construction_km", "planned_km", "open_undated_km", "expected_km")
    per_country = _country_km(lines)
    for (_, row), split in zip(lines.iterrows(), per_country, strict=True):
        bucket = (
            "open"
            if row["undated"]
            else "planned"
            if row["planned"]
            else BUCKETS.get(str(row["status"]))
        )
        if bucket is None:
            continue
        for country, km in split.items():
            slot = records.setdefault((country, row["mode_or_kind"]), dict.fromkeys(columns, 0.0))
            slot[f"{bucket}_km"] += km
            if row["undated"]:
                slot["open_undated_km"] += km
            if row["expected"]:
                slot["expected_km"] += km
    table = pd.DataFrame(
        [{"country": c, "mode": m, **v} for (c, m), v in sorted(records.items())],
        columns=["country", "mode", *columns],
    )
    table[list(columns)] = table[list(columns)].astype(float).round(1)
    table.attrs["year"] = frame.attrs["year"]
    return table


@catalog.with_geodata
def opened_since(
    since: int = 2021,
    year: int | None = None,
    *,
    expectation: Expectation = "earliest",
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> pd.DataFrame:
    """Km of line opened from `since` to `year` (inclusive), by country and mode.

    Counts each line whose ``opened`` step falls in those years (after the as-of
    date: expected, by `expectation`, and summed in ``expected_km`` too), and the length
    of each line that got a second track in those years (``second_track_km``): the whole
    line once, even when the steps name sections (the data draws no section on its own).

    Parameters
    ----------
    since
        The first year counted (default 2021).
    year
        The year (default: the data's as-of year, ``as_of`` in ``geodata/atlas.toml``).
    expectation
        After the as-of date, count what sources expect from the ``earliest`` or the
        ``latest`` date they give.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        ``country``, ``mode``, ``opened_km``, ``second_track_km``, ``expected_km``.
    """
    year = resolve_year(year)
    now = today()
    frame = frame_in(catalog.load_all(), year, expectation=expectation)
    lines = _line_rows(frame)
    per_country = _country_km(lines)
    records: dict[tuple[str, str], dict[str, float]] = {}
    columns = ("opened_km", "second_track_km", "expected_km")
    on = lifecycle.cutoff(year, now)
    for (_, row), split in zip(lines.iterrows(), per_country, strict=True):
        counted = lifecycle.state(row.get("history"), on, today=now, expectation=expectation)
        done: set[str] = set()  # a line counts once per column (sections: see the docstring)
        for step, when, is_expected in counted.steps:
            if step not in ("opened", "second_track_opened") or not since <= int(when[:4]) <= year:
                continue
            column = "opened_km" if step == "opened" else "second_track_km"
            if column in done:
                continue
            done.add(column)
            for country, km in split.items():
                slot = records.setdefault(
                    (country, row["mode_or_kind"]), dict.fromkeys(columns, 0.0)
                )
                slot[column] += km
                if is_expected:
                    slot["expected_km"] += km
    table = pd.DataFrame(
        [{"country": c, "mode": m, **v} for (c, m), v in sorted(records.items())],
        columns=["country", "mode", *columns],
    )
    table[list(columns)] = table[list(columns)].astype(float).round(1)
    table.attrs.update(since=since, year=year)
    return table


def _steps_of(row: Mapping[Hashable, Any]) -> Iterable[tuple[int, dict[str, Any]]]:
    history = row.get("history")
    return enumerate(history if isinstance(history, list) else [])


@catalog.with_geodata
def changes(
    year: int | None = None, *, geodata: str | os.PathLike[str] | catalog.Catalog | None = None
) -> pd.DataFrame:
    """What happened in `year` (or, after the as-of date, is expected in it).

    Parameters
    ----------
    year
        The year (default: the data's as-of year, ``as_of`` in ``geodata/atlas.toml``).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per step: ``id``, ``name``, ``kind``, ``step``, ``change`` (a label:
        "opened", "construction started", ...), ``date``, ``expected`` (True when a
        source expects it: every source's date for that step is listed in ``dates``),
        ``source`` (title), ``url`` (the original page) and ``read_at`` ("read at <copy
        host>" when only a copy of it could be read, else empty); sorted by date then name.
    """
    year = resolve_year(year)
    rows = []
    for row in catalog.load_all().to_dict("records"):
        for _, step in _steps_of(row):
            name = step.get("step")
            if isinstance(step.get("date"), str):
                entries = [(step["date"], step.get("source") or {}, False)]
            else:
                entries = [
                    (e["date"], e.get("source") or {}, True) for e in step.get("expected") or []
                ]
            for when, source, is_expected in entries:
                if int(when[:4]) != year:
                    continue
                rows.append(
                    {
                        "id": row["id"],
                        "name": row["name"],
                        "kind": row["kind"],
                        "step": name,
                        "change": CHANGE_LABELS.get(str(name), str(name)),
                        "date": when,
                        "expected": is_expected,
                        "source": source.get("title"),
                        "url": source.get("url"),
                        "read_at": sourcing.read_at(source),
                    }
                )
    columns = ["id", "name", "kind", "step", "change", "date", "expected", "source", "url"]
    columns.append("read_at")
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(["date", "name"], kind="stable").reset_index(drop=True)
    table.attrs["year"] = year
    return table


@catalog.with_geodata
def projects(*, geodata: str | os.PathLike[str] | catalog.Catalog | None = None) -> pd.DataFrame:
    """What is being built or planned on the as-of date, with every sourced expectation.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per expected step of a feature not yet operating or with an expected
        event: ``id``, ``name``, ``kind``, ``status`` (today), ``undated`` (in the atlas
        with no dated life-cycle step), ``step``, ``date``
        (expected), ``said`` (when the source said it), ``source``, ``url``, ``read_at``
        (where a copy was read, see `changes`), ``quote``; sorted by name then date.
    """
    frame = frame_in(catalog.load_all())
    rows = []
    for row in frame.to_dict("records"):
        for _, step in _steps_of(row):
            for entry in step.get("expected") or []:
                source = entry.get("source") or {}
                rows.append(
                    {
                        "id": row["id"],
                        "name": row["name"],
                        "kind": row["kind"],
                        "status": row["status"],
                        "undated": bool(row["undated"]),
                        "step": step.get("step"),
                        "date": entry.get("date"),
                        "said": entry.get("said"),
                        "source": source.get("title"),
                        "url": source.get("url"),
                        "read_at": sourcing.read_at(source),
                        "quote": source.get("quote"),
                    }
                )
    columns = [
        "id",
        "name",
        "kind",
        "status",
        "undated",
        "step",
        "date",
        "said",
        "source",
        "url",
        "read_at",
        "quote",
    ]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["name", "date"], kind="stable").reset_index(drop=True)


#: Life-cycle steps that come before a feature opens (it is planned or being built).
_BEFORE_OPENING = ("proposed", "agreed", "construction_started")
#: Life-cycle steps after which a feature is gone from the network.
_ENDED = ("cancelled", "closed")


def year_marks(history: Any) -> dict[str, int]:
    """The years a slider needs for one feature, from its history (absent: not in the data).

    ``o``: the year it opened (a dated ``opened`` step); ``s``: the first dated step
    before opening (proposed, agreed, construction started); ``b``: the year its
    construction started (the first dated ``construction_started``); ``e`` and ``l``: the
    earliest and latest year a source expects the opening (when it has not happened);
    ``c``: the year it was cancelled or closed (the last such dated step); ``p``: the
    first year a source is known to have expected its opening (``said``), when it has
    no dated step before opening.
    """
    marks: dict[str, int] = {}
    if not isinstance(history, list):
        return marks
    for step in history:
        if not isinstance(step, Mapping):
            continue
        name = step.get("step")
        year = lifecycle.year_of(step.get("date"))
        if year is not None:
            if name == "opened":
                marks.setdefault("o", year)
            elif name in _BEFORE_OPENING:
                marks.setdefault("s", year)
                if name == "construction_started":
                    marks.setdefault("b", year)
            elif name in _ENDED:
                marks["c"] = year
            elif name == "resumed":
                marks.pop("c", None)
        elif name == "opened" and step.get("expected"):
            early = lifecycle.expected_date(step, "earliest")
            late = lifecycle.expected_date(step, "latest")
            if early and late:
                marks["e"], marks["l"] = int(early[:4]), int(late[:4])
            said = [
                year
                for e in step["expected"]
                if isinstance(e, Mapping) and (year := lifecycle.year_of(e.get("said")))
            ]
            if said and "s" not in marks:
                marks["p"] = min(said)
    return marks


def step_list(frame: pd.DataFrame) -> list[list[Any]]:
    """Every step of every feature as ``[year, date, id, name, change, expected, source, url]``,
    and "read at <copy host>" ninth when only a copy of the source could be read.

    An expected step gives one item per source (its date). Sorted by date, then name.
    """
    items = []
    for row in frame.to_dict("records"):
        for _, step in _steps_of(row):
            label = CHANGE_LABELS.get(str(step.get("step")), str(step.get("step")))
            if step.get("section"):
                label = f"{label}: {step['section']}"
            entries = (
                [(step["date"], step.get("source") or {}, False)]
                if isinstance(step.get("date"), str)
                else [(e["date"], e.get("source") or {}, True) for e in step.get("expected") or []]
            )
            for when, source, is_expected in entries:
                items.append(
                    [
                        int(when[:4]),
                        when,
                        str(row["id"]),
                        str(row["name"]),
                        label,
                        is_expected,
                        source.get("title"),
                        source.get("url"),
                        *([sourcing.read_at(source)] if sourcing.read_at(source) else []),
                    ]
                )
    return sorted(items, key=lambda i: (i[1], i[3], i[4]))
