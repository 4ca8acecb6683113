"""The transit-model data file ``geodata/transit.toml``: loading and validation.

The file holds the sourced parameters (speeds, crossing times, dwell times,
intervals between scheduled sailings, each low / typical / high), the corridors'
definitions, transfers and sea links that are not drawn as legs, the scenarios, and
the reported door-to-door times the model is backtested against. It is validated on
load; every problem raises `corridors.errors.ParameterError` naming the file, the
table and the key.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corridors import catalog
from corridors.errors import ParameterError, UnknownNameError
from corridors.schema import MODES, URL_PATTERN

FILE_NAME = "transit.toml"
BOUNDS = ("low", "typical", "high")
#: Passages the searoute network can avoid (its `restrictions`); anything else would
#: be ignored silently by searoute, so it is refused here.
SEA_PASSAGES = frozenset(
    {"babalmandab", "bosporus", "gibraltar", "suez", "panama", "ormuz", "northwest"}
)
KINDS = ("speed", "crossing_time", "dwell", "service_interval")
#: Accepted units per kind and their factor to km/h (speeds) or hours (durations).
UNITS: dict[str, dict[str, float]] = {
    "speed": {"km/h": 1.0, "km/day": 1 / 24, "kn": 1.852},
    "crossing_time": {"h": 1.0, "days": 24.0},
    "dwell": {"h": 1.0, "days": 24.0},
    "service_interval": {"h": 1.0, "days": 24.0},
}
DWELL_ON = ("through", "board", "alight")
#: Kinds of reported door-to-door time in ``[[reported]]`` (what the figure claims to be).
REPORTED_KINDS = ("reported", "advertised", "record", "average", "estimate", "ratio")
CORRIDOR_IDS = ("titr", "northern", "sea")
#: Where the time goes, for charts and the calculator: every parameter falls in one.
CATEGORIES = ("running", "borders", "gauge changes", "ports", "sailings")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class Source:
    """A published source: title, address and the quote that states the figure."""

    title: str
    url: str
    quote: str


@dataclass(frozen=True)
class Parameter:
    """One sourced model parameter with its low, typical and high values (in `unit`)."""

    id: str
    kind: str
    what: str
    unit: str
    low: float
    typical: float
    high: float
    sources: tuple[Source, ...]
    note: str = ""
    unsourced: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    legs: tuple[str, ...] = ()
    nodes: tuple[str, ...] = ()
    on: tuple[str, ...] = ()
    category: str = ""

    @property
    def category_name(self) -> str:
        """Where this parameter's time goes (one of `CATEGORIES`).

        The ``category`` key of transit.toml, or else: speeds and crossing times are
        "running", service intervals "sailings", dwell "through" a place "borders",
        dwell on boarding or leaving a ferry or ship "ports".
        """
        if self.category:
            return self.category
        if self.kind in ("speed", "crossing_time"):
            return "running"
        if self.kind == "service_interval":
            return "sailings"
        return "borders" if "through" in self.on else "ports"

    def values(self) -> dict[str, float]:
        """Return the three values in the parameter's own unit."""
        return {"low": self.low, "typical": self.typical, "high": self.high}

    def in_model_units(self) -> dict[str, float]:
        """Return the three values in km/h (speeds) or hours (durations, intervals)."""
        factor = UNITS[self.kind][self.unit]
        return {bound: value * factor for bound, value in self.values().items()}

    def dwell_hours(self) -> dict[str, float]:
        """Return the time (hours) this dwell or service interval adds to an estimate.

        A dwell adds its own values. A service interval H (a sailing every H) adds the
        wait for the next sailing, which lies between 0 and H and is H/2 on average for
        a train arriving at a random time: low = 0, typical = H_typical / 2,
        high = H_high (the longest interval, just missed).
        """
        hours = self.in_model_units()
        if self.kind == "service_interval":
            return wait_hours(hours)
        return hours


@dataclass(frozen=True)
class Corridor:
    """Which legs a corridor may use and its end towards Europe in the data."""

    id: str
    title: str
    europe: str
    note: str = ""
    leg_corridors: tuple[str, ...] = ()
    shared_legs: tuple[str, ...] = ()
    land_corridor: str | None = None
    ports: tuple[str, ...] = ()
    restrictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A network edge not drawn as a GeoJSON leg: a transfer or a sea link."""

    id: str
    kind: str  # "transfer" or "sea_link"
    start: str
    end: str  # a node id (transfer) or a searoute port code (sea link)
    corridor: str
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Scenario:
    """A named change of one parameter (or of the sea route's restrictions)."""

    id: str
    description: str
    sources: tuple[Source, ...]
    parameter: str | None = None
    values: dict[str, float] | None = None
    sea_restrictions: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Reported:
    """A published door-to-door time (or ratio) the model is backtested against.

    ``low``/``high`` are the reported range in days (``high`` is ``None`` for "at
    least", ``low`` is ``None`` for "up to"); for kind "ratio" they are the reported
    ratio of this corridor's time to `ratio_to`'s. ``origin``/``destination`` are the
    network places the model uses (``"europe"``: the corridor's end towards Europe);
    ``as_reported`` says what the source names, and ``mapping`` how the two differ;
    ``unmodelled`` names stretches or steps the reported time includes and the model
    does not; ``scenario`` is the transit.toml scenario the figure describes.
    """

    id: str
    what: str
    kind: str
    corridor: str
    origin: str
    destination: str
    as_reported: str
    low: float | None
    high: float | None
    sources: tuple[Source, ...]
    mapping: str = ""
    unmodelled: tuple[str, ...] = ()
    ratio_to: str | None = None
    scenario: str | None = None


@dataclass(frozen=True)
class TransitData:
    """Everything in ``transit.toml``, validated."""

    path: str
    parameters: dict[str, Parameter]
    corridors: dict[str, Corridor]
    links: tuple[Link, ...]
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    scenario: str | None = None
    reported: tuple[Reported, ...] = ()

    def with_scenario(self, name: str | None) -> TransitData:
        """Return the data with scenario `name` applied (``None``: unchanged)."""
        if name is None:
            return self
        if name not in self.scenarios:
            raise UnknownNameError("scenario", name, self.scenarios)  # noqa: EM101 (a label)
        scenario = self.scenarios[name]
        parameters = dict(self.parameters)
        corridors = dict(self.corridors)
        if scenario.parameter is not None and scenario.values is not None:
            parameters[scenario.parameter] = replace(
                parameters[scenario.parameter],
                low=scenario.values["low"],
                typical=scenario.values["typical"],
                high=scenario.values["high"],
                unsourced=(),
                derived=(),
                note=f"scenario {name!r}: {scenario.description}",
                sources=scenario.sources,
            )
        if scenario.sea_restrictions is not None:
            corridors["sea"] = replace(corridors["sea"], restrictions=scenario.sea_restrictions)
        return replace(self, parameters=parameters, corridors=corridors, scenario=name)


def wait_hours(interval_h: dict[str, float]) -> dict[str, float]:
    """Return the wait (hours) for a service every `interval_h` hours: 0, H/2, H.

    Parameters
    ----------
    interval_h
        The interval between departures (hours) for the bounds low, typical, high.

    Examples
    --------
    >>> wait_hours({"low": 72.0, "typical": 168.0, "high": 240.0})
    {'low': 0.0, 'typical': 84.0, 'high': 240.0}
    """
    return {"low": 0.0, "typical": interval_h["typical"] / 2, "high": interval_h["high"]}


def default_path() -> Path:
    """Return the path of ``transit.toml`` in the geodata folder in use."""
    return catalog.default_root() / FILE_NAME


def load(path: str | os.PathLike[str] | None = None) -> TransitData:
    """Load and validate ``transit.toml`` (default: the one in the geodata folder in use).

    Raises
    ------
    ParameterError
        If the file is missing, is not TOML or breaks the schema; the message names
        the file, the table and the key.
    """
    if path is None:
        return catalog.in_use().kept("transit", lambda: _load(default_path()))
    return _load(Path(path))


def _load(path: Path) -> TransitData:
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"cannot read the transit parameter file ({exc.strerror})."
        raise ParameterError(msg, file=origin) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = f"not valid TOML ({exc}); check quotes and brackets."
        raise ParameterError(msg, file=origin) from None
    except RecursionError:
        msg = "nested too deeply to read (thousands of levels of [ or {)."
        raise ParameterError(msg, file=origin) from None
    return parse(raw, origin=origin)


def parse(raw: dict[str, Any], *, origin: str) -> TransitData:
    """Validate the parsed TOML `raw` and build the `TransitData`.

    Parameters
    ----------
    raw
        The parsed file (a dict, as from `tomllib.loads`).
    origin
        The file name used in messages.
    """
    _keys(
        raw,
        set(),
        {"corridors", "transfers", "sea_links", "parameters", "scenarios", "reported"},
        origin,
    )
    parameters = {
        pid: _parameter(pid, body, origin)
        for pid, body in _table(raw, "parameters", origin, required=True).items()
    }
    corridors = {
        cid: _corridor(cid, body, origin)
        for cid, body in _table(raw, "corridors", origin, required=True).items()
    }
    for needed in ("titr", "northern", "sea"):
        if needed not in corridors:
            msg = f"corridor {needed!r} is missing; define [corridors.{needed}]."
            raise ParameterError(msg, file=origin, table="corridors")
    links = tuple(
        _link(kind, i, body, origin)
        for kind in ("transfers", "sea_links")
        for i, body in enumerate(_array(raw, kind, origin))
    )
    scenarios = {
        sid: _scenario(sid, body, parameters, origin)
        for sid, body in _table(raw, "scenarios", origin, required=False).items()
    }
    legs_named = {leg for p in parameters.values() if p.kind == "crossing_time" for leg in p.legs}
    link_ids = {link.id for link in links if link.kind == "sea_link"}
    for link_id in sorted(link_ids - legs_named):
        msg = "this sea link has no crossing_time parameter naming it in `legs`; add one."
        raise ParameterError(msg, file=origin, table=f"sea_links {link_id}")
    reported = tuple(
        _reported(i, body, origin) for i, body in enumerate(_array(raw, "reported", origin))
    )
    seen: set[str] = set()
    for item in reported:
        if item.scenario is not None and item.scenario not in scenarios:
            msg = f"names scenario {item.scenario!r}, which is not defined; {sorted(scenarios)}."
            raise ParameterError(msg, file=origin, table=f"reported {item.id}", field="scenario")
        if item.id in seen:
            msg = f"duplicate id {item.id!r}; each reported figure appears once."
            raise ParameterError(msg, file=origin, table="reported", field="id")
        seen.add(item.id)
    return TransitData(origin, parameters, corridors, links, scenarios, reported=reported)


def _keys(
    body: dict[str, Any],
    required: set[str],
    optional: set[str],
    origin: str,
    table: str | None = None,
) -> None:
    missing = sorted(required - body.keys())
    if missing:
        msg = f"required key missing; add {missing[0]!r}."
        raise ParameterError(msg, file=origin, table=table, field=missing[0])
    unknown = sorted(body.keys() - required - optional)
    if unknown:
        msg = f"unknown key; expected one of {sorted(required | optional)}. Check the spelling."
        raise ParameterError(msg, file=origin, table=table, field=unknown[0])


def _table(raw: dict[str, Any], name: str, origin: str, *, required: bool) -> dict[str, Any]:
    body = raw.get(name, {} if not required else None)
    if not isinstance(body, dict) or (required and not body):
        msg = f"expected a table of [{name}.<name>] entries."
        raise ParameterError(msg, file=origin, table=name)
    for key, value in body.items():
        if not isinstance(value, dict):
            msg = f"expected a table, got {type(value).__name__}."
            raise ParameterError(msg, file=origin, table=f"{name}.{key}")
        if not _NAME.match(key):
            msg = "names are lower-case words joined by '-' or '_'."
            raise ParameterError(msg, file=origin, table=f"{name}.{key}")
    return body


def _array(raw: dict[str, Any], name: str, origin: str) -> list[dict[str, Any]]:
    body = raw.get(name, [])
    if not isinstance(body, list) or not all(isinstance(b, dict) for b in body):
        msg = f"expected an array of tables, written [[{name}]]."
        raise ParameterError(msg, file=origin, table=name)
    return body


def _text(body: dict[str, Any], key: str, origin: str, table: str, *, required: bool = True) -> str:
    value = body.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        msg = f"expected non-empty text, got {value!r}."
        raise ParameterError(msg, file=origin, table=table, field=key)
    return value


def _words(
    body: dict[str, Any],
    key: str,
    origin: str,
    table: str,
    allowed: frozenset[str] | tuple[str, ...] | None = None,
) -> tuple[str, ...]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        msg = f"expected a list of strings, got {value!r}."
        raise ParameterError(msg, file=origin, table=table, field=key)
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            msg = f"{bad[0]!r} is not one of {sorted(allowed)}."
            raise ParameterError(msg, file=origin, table=table, field=key)
    return tuple(value)


def _sources(body: dict[str, Any], origin: str, table: str) -> tuple[Source, ...]:
    value = body.get("sources")
    if not isinstance(value, list):
        msg = "expected a list of {title, url, quote} tables (empty only for a placeholder)."
        raise ParameterError(msg, file=origin, table=table, field="sources")
    out = []
    for i, item in enumerate(value):
        where = f"sources[{i}]"
        if not isinstance(item, dict):
            msg = "expected a table {title, url, quote}."
            raise ParameterError(msg, file=origin, table=table, field=where)
        _keys(item, {"title", "url", "quote"}, set(), origin, f"{table}.{where}")
        title, url, quote = (
            _text(item, k, origin, f"{table}.{where}") for k in ("title", "url", "quote")
        )
        if not URL_PATTERN.match(url):
            msg = f"{url!r} is not an http(s) URL."
            raise ParameterError(msg, file=origin, table=f"{table}.{where}", field="url")
        out.append(Source(title, url, quote))
    return tuple(out)


def _bounds(
    body: dict[str, Any], *, kind: str, unit: str, origin: str, table: str
) -> dict[str, float]:
    """low / typical / high: finite, non-negative, ordered; a speed strictly positive."""
    values = {}
    for bound in BOUNDS:
        value = body[bound]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            msg = f"expected a non-negative number in {unit}, got {value!r}."
            raise ParameterError(msg, file=origin, table=table, field=bound)
        values[bound] = float(value)
    if not values["low"] <= values["typical"] <= values["high"]:
        msg = (
            f"values must satisfy low <= typical <= high; got {values['low']} / "
            f"{values['typical']} / {values['high']}."
        )
        raise ParameterError(msg, file=origin, table=table, field="typical")
    if kind == "speed" and values["low"] <= 0:
        msg = "a speed must be positive."
        raise ParameterError(msg, file=origin, table=table, field="low")
    return values


def _parameter(pid: str, body: dict[str, Any], origin: str) -> Parameter:
    table = f"parameters.{pid}"
    _keys(
        body,
        {"kind", "what", "unit", "low", "typical", "high", "sources"},
        {"note", "unsourced", "derived", "modes", "countries", "legs", "nodes", "on", "category"},
        origin,
        table,
    )
    kind = body["kind"]
    category = body.get("category", "")
    if category and category not in CATEGORIES:
        msg = f"unknown category {category!r}; expected one of {list(CATEGORIES)}."
        raise ParameterError(msg, file=origin, table=table, field="category")
    if kind not in KINDS:
        msg = f"unknown kind {kind!r}; expected one of {list(KINDS)}."
        raise ParameterError(msg, file=origin, table=table, field="kind")
    unit = body["unit"]
    if unit not in UNITS[kind]:
        msg = f"unit {unit!r} does not fit kind {kind!r}; expected one of {list(UNITS[kind])}."
        raise ParameterError(msg, file=origin, table=table, field="unit")
    values = _bounds(body, kind=kind, unit=unit, origin=origin, table=table)
    unsourced = _words(body, "unsourced", origin, table, BOUNDS)
    derived = _words(body, "derived", origin, table, BOUNDS)
    note = _text(body, "note", origin, table, required=bool(unsourced or derived))
    for bound in unsourced:
        if bound != "typical" and values[bound] != values["typical"]:
            msg = (
                f"{bound!r} is listed as unsourced, so it must equal typical "
                f"({values['typical']}), got {values[bound]}; do not invent a bound."
            )
            raise ParameterError(msg, file=origin, table=table, field=bound)
    sources = _sources(body, origin, table)
    if not sources and (set(unsourced) != set(BOUNDS) or any(values.values())):
        msg = (
            "no sources: only a placeholder (all bounds 0 and listed in `unsourced`) "
            "may have none. Add a {title, url, quote} source."
        )
        raise ParameterError(msg, file=origin, table=table, field="sources")
    if "typical" in unsourced and sources:
        msg = "typical cannot be unsourced when the parameter has sources."
        raise ParameterError(msg, file=origin, table=table, field="unsourced")
    parameter = Parameter(
        id=pid,
        kind=kind,
        what=_text(body, "what", origin, table),
        unit=unit,
        sources=sources,
        note=note,
        unsourced=unsourced,
        derived=derived,
        modes=_words(body, "modes", origin, table, MODES),
        countries=_words(body, "countries", origin, table),
        legs=_words(body, "legs", origin, table),
        nodes=_words(body, "nodes", origin, table),
        on=_words(body, "on", origin, table, DWELL_ON),
        category=category,
        **values,
    )
    _applies_to(parameter, origin, table)
    return parameter


def _applies_to(p: Parameter, origin: str, table: str) -> None:
    bad_country = [c for c in p.countries if not _ISO3.match(c)]
    if bad_country:
        msg = f"{bad_country[0]!r} is not an ISO 3166 alpha-3 code like 'KAZ'."
        raise ParameterError(msg, file=origin, table=table, field="countries")
    needs = {
        "speed": ("modes", "a speed applies to `modes` (and `countries`, except at sea)"),
        "crossing_time": ("legs", "a crossing time applies to the leg ids in `legs`"),
        "dwell": ("on", "a dwell applies `on` 'through' (with `nodes`), 'board' or 'alight'"),
        "service_interval": ("on", "a service interval applies `on` 'board' of its service"),
    }
    key, what = needs[p.kind]
    if not getattr(p, key):
        msg = f"missing or empty; {what}."
        raise ParameterError(msg, file=origin, table=table, field=key)
    if p.kind == "speed" and not p.countries and p.modes != ("sea",):
        msg = "a land speed needs `countries` (ISO alpha-3)."
        raise ParameterError(msg, file=origin, table=table, field="countries")
    if p.kind == "dwell" and "through" in p.on and not p.nodes:
        msg = "a dwell 'through' a place needs `nodes` (node ids)."
        raise ParameterError(msg, file=origin, table=table, field="nodes")
    if p.kind == "dwell" and {"board", "alight"} & set(p.on) and not (p.modes or p.legs):
        msg = "a dwell on 'board'/'alight' needs the leg `modes` (or `legs`) it applies to."
        raise ParameterError(msg, file=origin, table=table, field="modes")
    if p.kind == "dwell" and p.legs and "through" in p.on:
        msg = "`legs` selects the leg boarded or left; a dwell 'through' a place takes `nodes`."
        raise ParameterError(msg, file=origin, table=table, field="legs")
    if p.kind == "service_interval":
        if p.on != ("board",):
            msg = "the wait for a sailing happens on 'board'; set on = [\"board\"]."
            raise ParameterError(msg, file=origin, table=table, field="on")
        if not (p.modes or p.legs):
            msg = "a service interval needs the `legs` (or `modes`) of the service."
            raise ParameterError(msg, file=origin, table=table, field="legs")
        if p.low <= 0:
            msg = "an interval between departures must be positive."
            raise ParameterError(msg, file=origin, table=table, field="low")


def _corridor(cid: str, body: dict[str, Any], origin: str) -> Corridor:
    table = f"corridors.{cid}"
    _keys(
        body,
        {"title", "europe"},
        {"note", "leg_corridors", "shared_legs", "land_corridor", "ports", "restrictions"},
        origin,
        table,
    )
    corridor = Corridor(
        id=cid,
        title=_text(body, "title", origin, table),
        europe=_text(body, "europe", origin, table),
        note=_text(body, "note", origin, table, required=False),
        leg_corridors=_words(body, "leg_corridors", origin, table),
        shared_legs=_words(body, "shared_legs", origin, table),
        land_corridor=body.get("land_corridor"),
        ports=_words(body, "ports", origin, table),
        restrictions=_words(body, "restrictions", origin, table, SEA_PASSAGES),
    )
    if cid == "sea" and (not corridor.land_corridor or not corridor.ports):
        msg = "the sea corridor needs `land_corridor` and `ports` (its ocean ports)."
        raise ParameterError(msg, file=origin, table=table, field="ports")
    if cid != "sea" and not corridor.leg_corridors:
        msg = "a land corridor needs `leg_corridors` (the leg `corridor` values it uses)."
        raise ParameterError(msg, file=origin, table=table, field="leg_corridors")
    return corridor


def _link(kind: str, index: int, body: dict[str, Any], origin: str) -> Link:
    table = f"{kind}[{index}]"
    end_key = "to" if kind == "transfers" else "to_port"
    _keys(body, {"id", "from", end_key, "corridor", "note", "sources"}, set(), origin, table)
    sources = _sources(body, origin, table)
    if not sources:
        msg = "a transfer or sea link needs at least one source."
        raise ParameterError(msg, file=origin, table=table, field="sources")
    return Link(
        id=_text(body, "id", origin, table),
        kind="transfer" if kind == "transfers" else "sea_link",
        start=_text(body, "from", origin, table),
        end=_text(body, end_key, origin, table),
        corridor=_text(body, "corridor", origin, table),
        note=_text(body, "note", origin, table),
        sources=sources,
    )


def _scenario(
    sid: str, body: dict[str, Any], parameters: dict[str, Parameter], origin: str
) -> Scenario:
    table = f"scenarios.{sid}"
    _keys(
        body,
        {"description", "sources"},
        {"parameter", "low", "typical", "high", "sea_restrictions"},
        origin,
        table,
    )
    sources = _sources(body, origin, table)
    if not sources:
        msg = "a scenario changes a value to a sourced one; add its source."
        raise ParameterError(msg, file=origin, table=table, field="sources")
    description = _text(body, "description", origin, table)
    if "sea_restrictions" in body:
        if "parameter" in body:
            msg = "a scenario changes one thing: either `parameter` or `sea_restrictions`."
            raise ParameterError(msg, file=origin, table=table, field="sea_restrictions")
        restrictions = _words(body, "sea_restrictions", origin, table, SEA_PASSAGES)
        return Scenario(sid, description, sources, sea_restrictions=restrictions)
    pid = body.get("parameter")
    if pid not in parameters:
        msg = f"names parameter {pid!r}, which is not defined; one of {sorted(parameters)}."
        raise ParameterError(msg, file=origin, table=table, field="parameter")
    base = parameters[pid]
    merged = {b: body.get(b, getattr(base, b)) for b in BOUNDS}
    values = _bounds(merged, kind=base.kind, unit=base.unit, origin=origin, table=table)
    return Scenario(sid, description, sources, parameter=pid, values=values)


def _reported(index: int, body: dict[str, Any], origin: str) -> Reported:
    table = f"reported[{index}]"
    _keys(
        body,
        {"id", "what", "kind", "corridor", "origin", "destination", "as_reported", "sources"},
        {"low", "high", "mapping", "unmodelled", "ratio_to", "scenario"},
        origin,
        table,
    )
    rid = _text(body, "id", origin, table)
    table = f"reported {rid}"
    kind = body["kind"]
    if kind not in REPORTED_KINDS:
        msg = f"unknown kind {kind!r}; expected one of {list(REPORTED_KINDS)}."
        raise ParameterError(msg, file=origin, table=table, field="kind")
    corridor = body["corridor"]
    if corridor not in CORRIDOR_IDS:
        msg = f"unknown corridor {corridor!r}; expected one of {list(CORRIDOR_IDS)}."
        raise ParameterError(msg, file=origin, table=table, field="corridor")
    ratio_to = body.get("ratio_to")
    if (kind == "ratio") != (ratio_to is not None) or (
        ratio_to is not None and ratio_to not in CORRIDOR_IDS
    ):
        msg = f"a 'ratio' names the corridor it compares with in `ratio_to` ({CORRIDOR_IDS})."
        raise ParameterError(msg, file=origin, table=table, field="ratio_to")
    values: dict[str, float | None] = {}
    for key in ("low", "high"):
        value = body.get(key)
        if value is None:
            values[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            msg = f"expected a positive number of days (or a ratio), got {value!r}."
            raise ParameterError(msg, file=origin, table=table, field=key)
        values[key] = float(value)
    if values["low"] is None and values["high"] is None:
        msg = "give `low` (at least), `high` (up to) or both (a range)."
        raise ParameterError(msg, file=origin, table=table, field="low")
    if values["low"] is not None and values["high"] is not None and values["high"] < values["low"]:
        msg = f"high ({values['high']}) is below low ({values['low']})."
        raise ParameterError(msg, file=origin, table=table, field="high")
    sources = _sources(body, origin, table)
    if not sources:
        msg = "a reported figure needs its source {title, url, quote}."
        raise ParameterError(msg, file=origin, table=table, field="sources")
    return Reported(
        id=rid,
        what=_text(body, "what", origin, table),
        kind=kind,
        corridor=corridor,
        origin=_text(body, "origin", origin, table),
        destination=_text(body, "destination", origin, table),
        as_reported=_text(body, "as_reported", origin, table),
        low=values["low"],
        high=values["high"],
        sources=sources,
        mapping=_text(body, "mapping", origin, table, required=False),
        unmodelled=_words(body, "unmodelled", origin, table),
        ratio_to=ratio_to,
        scenario=body.get("scenario"),
    )
