"""The transit-model data file ``geodata/transit.toml``: loading and validation.

The file holds the sourced parameters (speeds, crossing times, dwell times,
intervals between scheduled sailings, each low / typical / high), the corridors'
definitions, transfers and sea links that are not drawn as legs, the scenarios, and
the reported door-to-door times the model is backtested against. It is validated on
load; every problem raises `corridors.errors.ParameterError` naming the file, the
table and the key.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corridors import catalog, schemas
from corridors.errors import GeodataErrors, ParameterError, UnknownNameError

FILE_NAME = "transit.toml"
#: The file's schema (the validator of every rule it can state).
SCHEMA = "transit.schema.json"
_DEFS: dict[str, Any] = schemas.load(SCHEMA)["$defs"]
BOUNDS = ("low", "typical", "high")
#: Passages the searoute network can avoid (its `restrictions`); anything else would
#: be ignored silently by searoute, so the schema refuses it.
SEA_PASSAGES = frozenset(_DEFS["passages"]["items"]["enum"])
KINDS = tuple(_DEFS["parameter"]["properties"]["kind"]["enum"])
#: Accepted units per kind and their factor to km/h (speeds) or hours (durations).
UNITS: dict[str, dict[str, float]] = {
    "speed": {"km/h": 1.0, "km/day": 1 / 24, "kn": 1.852},
    "crossing_time": {"h": 1.0, "days": 24.0},
    "dwell": {"h": 1.0, "days": 24.0},
    "service_interval": {"h": 1.0, "days": 24.0},
}
DWELL_ON = tuple(_DEFS["parameter"]["properties"]["on"]["items"]["enum"])
#: Kinds of reported door-to-door time in ``[[reported]]`` (what the figure claims to be).
REPORTED_KINDS = tuple(_DEFS["reported"]["properties"]["kind"]["enum"])
CORRIDOR_IDS = tuple(_DEFS["corridorId"]["enum"])
#: Where the time goes, for charts and the calculator: every parameter falls in one.
CATEGORIES = tuple(_DEFS["parameter"]["properties"]["category"]["enum"])


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
    except UnicodeDecodeError:
        msg = "the file is not UTF-8 text; TOML must be UTF-8."
        raise ParameterError(msg, file=origin) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = f"not valid TOML ({exc}); check quotes and brackets."
        raise ParameterError(msg, file=origin) from None
    except RecursionError:
        msg = "the TOML is nested too deeply to be transit parameters; check the file."
        raise ParameterError(msg, file=origin) from None
    return parse(raw, origin=origin)


def parse(raw: dict[str, Any], *, origin: str) -> TransitData:
    """Validate the parsed TOML `raw` and build the `TransitData`.

    ``transit.schema.json`` is the validator of every rule it can state; then this
    checks what a schema cannot (bounds in order, an unsourced bound equal to the
    typical value, citations naming the file's sources, names that refer to each
    other). Every problem found is raised at once.

    Parameters
    ----------
    raw
        The parsed file (a dict, as from `tomllib.loads`).
    origin
        The file name used in messages.

    Raises
    ------
    ParameterError
        One problem (a `GeodataErrors` of them when there are several), naming the
        file, the table and the key.
    """
    found = [_error(p.path, p.message, origin) for p in schemas.problems(raw, SCHEMA)]
    if not found:
        found = list(_cross_problems(raw, origin))
    if found:
        raise found[0] if len(found) == 1 else GeodataErrors(list(found))
    sources = raw["sources"]

    def cite(body: dict[str, Any]) -> tuple[Source, ...]:
        return tuple(
            Source(sources[c["ref"]]["title"], sources[c["ref"]]["url"], c["quote"])
            for c in body["sources"]
        )

    parameters = {pid: _parameter(pid, body, cite(body)) for pid, body in raw["parameters"].items()}
    corridors = {cid: _corridor(cid, body) for cid, body in raw["corridors"].items()}
    links = tuple(
        Link(
            id=body["id"],
            kind="transfer" if kind == "transfers" else "sea_link",
            start=body["from"],
            end=body["to" if kind == "transfers" else "to_port"],
            corridor=body["corridor"],
            note=body["note"],
            sources=cite(body),
        )
        for kind in ("transfers", "sea_links")
        for body in raw.get(kind, [])
    )
    scenarios = {
        sid: _scenario(sid, body, parameters, cite(body))
        for sid, body in raw.get("scenarios", {}).items()
    }
    reported = tuple(_reported(body, cite(body)) for body in raw.get("reported", []))
    return TransitData(origin, parameters, corridors, links, scenarios, reported=reported)


def _error(path: tuple[str | int, ...], message: str, origin: str) -> ParameterError:
    """A schema problem at `path` as ``file: [table]: 'field': message``."""
    if not path:
        return ParameterError(message, file=origin)
    head = path[:2] if len(path) >= 2 else path[:1]
    table = schemas.field_name(head) if head[0] != "reported" or len(head) < 2 else None
    if table is None:
        table = f"reported[{head[1]}]"
    rest = schemas.field_name(path[len(head) :])
    return ParameterError(message, file=origin, table=table, field=rest or None)


def _cross_problems(raw: dict[str, Any], origin: str) -> list[ParameterError]:
    """What the schema cannot say: orders of values, citations and names that refer."""
    out: list[ParameterError] = []
    sources = raw["sources"]
    tables: list[tuple[str, dict[str, Any]]] = [
        *((f"parameters.{k}", v) for k, v in raw["parameters"].items()),
        *((f"scenarios.{k}", v) for k, v in raw.get("scenarios", {}).items()),
        *(
            (f"{kind}[{i}]", v)
            for kind in ("transfers", "sea_links")
            for i, v in enumerate(raw.get(kind, []))
        ),
        *((f"reported {v['id']}", v) for v in raw.get("reported", [])),
    ]
    for table, body in tables:
        for i, citation in enumerate(body["sources"]):
            if citation["ref"] not in sources:
                hint = difflib.get_close_matches(citation["ref"], list(sources), n=1)
                also = f"; did you mean {hint[0]!r}?" if hint else "; list it under [sources]."
                msg = f"cites {citation['ref']!r}, which is not in the file's sources{also}"
                out.append(ParameterError(msg, file=origin, table=table, field=f"sources[{i}].ref"))
    parameters = raw["parameters"]
    for pid, body in parameters.items():
        out.extend(_value_problems(body, body, origin, f"parameters.{pid}"))
    for sid, body in raw.get("scenarios", {}).items():
        table = f"scenarios.{sid}"
        pid = body.get("parameter")
        if pid is None:
            continue
        if pid not in parameters:
            msg = f"names parameter {pid!r}, which is not defined; one of {sorted(parameters)}."
            out.append(ParameterError(msg, file=origin, table=table, field="parameter"))
            continue
        merged = {**parameters[pid], **{b: body[b] for b in BOUNDS if b in body}, "unsourced": []}
        out.extend(_value_problems(merged, body, origin, table))
    legs_named = {
        leg
        for p in parameters.values()
        if p["kind"] == "crossing_time"
        for leg in p.get("legs", [])
    }
    for link in raw.get("sea_links", []):
        if link["id"] not in legs_named:
            msg = "this sea link has no crossing_time parameter naming it in `legs`; add one."
            out.append(ParameterError(msg, file=origin, table=f"sea_links {link['id']}"))
    scenarios = raw.get("scenarios", {})
    seen: set[str] = set()
    for item in raw.get("reported", []):
        table = f"reported {item['id']}"
        if item.get("scenario") is not None and item["scenario"] not in scenarios:
            msg = f"names scenario {item['scenario']!r}, which is not defined; {sorted(scenarios)}."
            out.append(ParameterError(msg, file=origin, table=table, field="scenario"))
        if item["id"] in seen:
            msg = f"duplicate id {item['id']!r}; each reported figure appears once."
            out.append(ParameterError(msg, file=origin, table="reported", field="id"))
        seen.add(item["id"])
        if "low" in item and "high" in item and item["high"] < item["low"]:
            msg = f"high ({item['high']}) is below low ({item['low']})."
            out.append(ParameterError(msg, file=origin, table=table, field="high"))
    return out


def _value_problems(
    values: dict[str, Any], body: dict[str, Any], origin: str, table: str
) -> list[ParameterError]:
    """low <= typical <= high, and a bound listed unsourced equal to typical."""
    low, typical, high = (float(values[b]) for b in BOUNDS)
    if not low <= typical <= high:
        msg = f"values must satisfy low <= typical <= high; got {low} / {typical} / {high}."
        return [ParameterError(msg, file=origin, table=table, field="typical")]
    out = []
    for bound in values.get("unsourced", []):
        if bound != "typical" and float(values[bound]) != typical:
            msg = (
                f"{bound!r} is listed as unsourced, so it must equal typical "
                f"({typical}), got {values[bound]}; do not invent a bound."
            )
            out.append(ParameterError(msg, file=origin, table=table, field=bound))
    if values is not body and values.get("kind") == "speed" and low <= 0:
        msg = "a speed must be positive."
        out.append(ParameterError(msg, file=origin, table=table, field="low"))
    return out


def _parameter(pid: str, body: dict[str, Any], sources: tuple[Source, ...]) -> Parameter:
    return Parameter(
        id=pid,
        kind=body["kind"],
        what=body["what"],
        unit=body["unit"],
        low=float(body["low"]),
        typical=float(body["typical"]),
        high=float(body["high"]),
        sources=sources,
        note=body.get("note", ""),
        unsourced=tuple(body.get("unsourced", ())),
        derived=tuple(body.get("derived", ())),
        modes=tuple(body.get("modes", ())),
        countries=tuple(body.get("countries", ())),
        legs=tuple(body.get("legs", ())),
        nodes=tuple(body.get("nodes", ())),
        on=tuple(body.get("on", ())),
        category=body.get("category", ""),
    )


def _corridor(cid: str, body: dict[str, Any]) -> Corridor:
    return Corridor(
        id=cid,
        title=body["title"],
        europe=body["europe"],
        note=body.get("note", ""),
        leg_corridors=tuple(body.get("leg_corridors", ())),
        shared_legs=tuple(body.get("shared_legs", ())),
        land_corridor=body.get("land_corridor"),
        ports=tuple(body.get("ports", ())),
        restrictions=tuple(body.get("restrictions", ())),
    )


def _scenario(
    sid: str, body: dict[str, Any], parameters: dict[str, Parameter], sources: tuple[Source, ...]
) -> Scenario:
    if "sea_restrictions" in body:
        return Scenario(
            sid, body["description"], sources, sea_restrictions=tuple(body["sea_restrictions"])
        )
    base = parameters[body["parameter"]]
    values = {b: float(body.get(b, getattr(base, b))) for b in BOUNDS}
    return Scenario(sid, body["description"], sources, parameter=body["parameter"], values=values)


def _reported(body: dict[str, Any], sources: tuple[Source, ...]) -> Reported:
    return Reported(
        id=body["id"],
        what=body["what"],
        kind=body["kind"],
        corridor=body["corridor"],
        origin=body["origin"],
        destination=body["destination"],
        as_reported=body["as_reported"],
        low=float(body["low"]) if "low" in body else None,
        high=float(body["high"]) if "high" in body else None,
        sources=sources,
        mapping=body.get("mapping", ""),
        unmodelled=tuple(body.get("unmodelled", ())),
        ratio_to=body.get("ratio_to"),
        scenario=body.get("scenario"),
    )
