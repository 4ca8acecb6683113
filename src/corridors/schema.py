"""The feature data model and its validation.

Validation works on the parsed GeoJSON (plain dicts), before geopandas sees the
data, so every problem can name its file, feature id and field. See
``geodata/SOURCES.md`` and the README for the model in prose.
"""

from __future__ import annotations

import copy
import difflib
import functools
import itertools
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from importlib.resources import files
from typing import Any

import shapely
from jsonschema import Draft202012Validator, ValidationError
from pyproj import Geod
from shapely.geometry import shape

from corridors.errors import GeodataError, GeodataErrors

LINE_KINDS = frozenset(
    {
        "gas_pipeline",
        "oil_pipeline",
        "railway",
        "road",
        "ferry",
        "sea_route",
        "border",
        "railway_network",  # the region's OpenStreetMap railways, drawn as context
    }
)
POINT_KINDS = frozenset(
    {
        "border_crossing",
        "seaport",
        "rail_station",
        "city",
        "compressor_station",
        "pump_station",
        "power_plant",
        "annotation",
    }
)
AREA_OR_POINT_KINDS = frozenset({"dry_port", "economic_zone"})
AREA_KINDS = frozenset({"country"})
KINDS = LINE_KINDS | POINT_KINDS | AREA_OR_POINT_KINDS | AREA_KINDS

GEOMETRY_TYPES: dict[str, frozenset[str]] = {
    **dict.fromkeys(LINE_KINDS, frozenset({"LineString", "MultiLineString"})),
    **dict.fromkeys(POINT_KINDS, frozenset({"Point"})),
    **dict.fromkeys(AREA_OR_POINT_KINDS, frozenset({"Point", "Polygon", "MultiPolygon"})),
    **dict.fromkeys(AREA_KINDS, frozenset({"Polygon", "MultiPolygon"})),
}

STATUSES = frozenset(
    {"operating", "under_construction", "planned", "proposed", "historic", "existing"}
)
MODES = frozenset({"rail_1435", "rail_1520", "road", "ferry", "sea"})

#: Properties that state a fact and so must be named in a citation's ``supports``.
FACT_FIELDS = (
    "published_length",
    "published_country_length",
    "capacity",
    "opened",
    "operator",
    "diameter",
)
#: What a citation may support: the feature's position or route, or one of its facts.
SUPPORTS = frozenset({"geometry", "route", "description", *FACT_FIELDS})
#: What `resolve_collection` names them in memory (the units the library computes in).
MEMORY_NAMES = {
    "published_length": "published_length_km",
    "published_country_length": "published_country_km",
    "diameter": "diameter_mm",
}
REQUIRED = ("id", "name", "kind", "countries", "geometry_method", "sources")
#: Properties that hold text (shown in popups and the CLI): a number or a list is a typo.
TEXT_FIELDS = ("operator", "length_span", "length_note", "description", "role")
#: ``opened``: a year, a month or a day, as text.
OPENED_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$")
ACCEPTED_CRS = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "urn:ogc:def:crs:EPSG::4326",
        "EPSG:4326",
    }
)
#: Largest GeoJSON file accepted, in bytes (the project's own layers are < 2 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024


def parse_geojson(text: str, *, origin: str) -> dict[str, Any]:
    """Parse GeoJSON text, turning JSON errors into a `GeodataError` with position."""
    if not text.strip():
        msg = "the file is empty; expected a GeoJSON FeatureCollection."
        raise GeodataError(msg, file=origin)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = (
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "the file may be truncated or hand-edited. Check it with a JSON linter."
        )
        raise GeodataError(msg, file=origin) from None
    if not isinstance(data, dict):
        msg = f"expected a JSON object (a FeatureCollection), got {type(data).__name__}."
        raise GeodataError(msg, file=origin)
    return data


def validate_collection(data: Mapping[str, Any], *, origin: str) -> None:
    """Validate a parsed FeatureCollection; raise every problem found at once.

    Parameters
    ----------
    data
        The parsed GeoJSON object.
    origin
        The file name used in messages.

    Raises
    ------
    GeodataError
        With one line per problem: file, feature id, field, what was expected.
    """
    problems = list(iter_problems(data, origin=origin))
    if problems:
        raise GeodataErrors(problems) if len(problems) > 1 else problems[0]


def iter_problems(data: Mapping[str, Any], *, origin: str) -> Iterator[GeodataError]:
    """Yield every problem in a parsed FeatureCollection."""
    if data.get("type") != "FeatureCollection":
        msg = (
            f"top-level 'type' must be 'FeatureCollection' (got {data.get('type')!r}). "
            'Wrap features as {"type": "FeatureCollection", "features": [...]}.'
        )
        yield GeodataError(msg, file=origin, field="type")
        return
    crs = data.get("crs")
    if crs is not None:
        properties = crs.get("properties") if isinstance(crs, dict) else None
        name = properties.get("name") if isinstance(properties, dict) else crs
        if not isinstance(name, str) or name not in ACCEPTED_CRS:
            msg = (
                f"declares CRS {name!r}; GeoJSON here must be WGS 84 lon/lat "
                "(RFC 7946). Reproject, e.g. gdf.to_crs(4326).to_file(...)."
            )
            yield GeodataError(msg, file=origin, field="crs")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        msg = "'features' must be a non-empty list of GeoJSON Feature objects."
        yield GeodataError(msg, file=origin, field="features")
        return
    catalogue = data.get("sources")
    if not isinstance(catalogue, dict):
        msg = (
            "the file must list its sources once, by id: "
            '"sources": {"<id>": {"title": ..., "url": ...}}; features cite them as '
            '{"ref": "<id>", "quote": ..., "supports": [...]} (see README, Adding a feature).'
        )
        yield GeodataError(msg, file=origin, field="sources")
        catalogue = {}
    reported: set[tuple[str | None, str]] = set()
    for sid, source in catalogue.items():
        for problem in _one_source_problems(
            source, f"sources.{sid}", lambda field, msg: GeodataError(msg, file=origin, field=field)
        ):
            reported.add((None, "sources"))  # the schema's word on it would repeat it
            yield problem
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        fid = _feature_label(feature, index)
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            raw_id = feature["properties"].get("id")
            if isinstance(raw_id, str):
                if raw_id in seen:
                    msg = (
                        f"duplicate id (also feature #{seen[raw_id]}); ids must be "
                        "unique across all of geodata."
                    )
                    yield GeodataError(msg, file=origin, feature=fid, field="id")
                seen.setdefault(raw_id, index)
        for problem in _feature_problems(feature, fid=fid, origin=origin, sources=catalogue):
            reported.add((fid, (problem.field or "").split(".")[0].split("[")[0]))
            yield problem
    yield from _structure_problems(data, origin=origin, reported=reported)


@functools.cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of a geodata layer file (``corridors/geodata.schema.json``)."""
    text = (files("corridors") / "geodata.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def _structure_problems(
    data: Mapping[str, Any], *, origin: str, reported: set[tuple[str | None, str]]
) -> Iterator[GeodataError]:
    """What the JSON Schema finds that the project's own checks did not already report."""
    features = data.get("features") if isinstance(data.get("features"), list) else []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path))):
        path = list(error.path)
        fid = None
        if len(path) >= 2 and path[0] == "features" and isinstance(path[1], int):
            fid = _feature_label(features[path[1]], path[1])
            rest = path[3:] if len(path) > 2 and path[2] == "properties" else path[2:]
        else:
            rest = path
        field = _field_name(rest)
        if fid is not None and (fid, field.split(".")[0].split("[")[0]) in reported:
            continue
        if (
            fid is None
            and field.split(".")[0] in {"type", "features", "crs", "sources"}
            and any(f is None or f == "" for f, _ in reported)
        ):
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(allowed)):
                hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                also = f"did you mean {hint[0]!r}? " if hint else ""
                msg = (
                    f"unknown property {name!r}; {also}The data model "
                    "(src/corridors/geodata.schema.json) does not allow it, so a misspelt "
                    "fact cannot slip past the sourcing rule."
                )
                yield GeodataError(
                    msg, file=origin, feature=fid, field=f"{field}.{name}" if field else name
                )
            continue
        yield GeodataError(_message(error), file=origin, feature=fid, field=field or None)


def _field_name(path: Sequence[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(error: ValidationError) -> str:
    if error.validator == "enum":
        hint = difflib.get_close_matches(str(error.instance), map(str, error.validator_value), n=1)
        also = f"; did you mean {hint[0]!r}?" if hint else ""
        return f"{error.instance!r} is not one of {sorted(map(str, error.validator_value))}{also}"
    return f"{error.message} (data model: src/corridors/geodata.schema.json)."


def _feature_label(feature: Any, index: int) -> str:
    if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
        fid = feature["properties"].get("id")
        if isinstance(fid, str) and fid:
            return fid
    return f"#{index}"


def _feature_problems(
    feature: Any, *, fid: str, origin: str, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    def err(field: str | None, message: str) -> GeodataError:
        return GeodataError(message, file=origin, feature=fid, field=field)

    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        yield err("type", "each item of 'features' must be a GeoJSON Feature object.")
        return
    props = feature.get("properties")
    if not isinstance(props, dict):
        yield err("properties", "'properties' must be an object holding the facts.")
        return
    for field in REQUIRED:
        if props.get(field) in (None, "", []):
            yield err(field, f"required property missing or empty; add {field!r}.")
    fid_value = props.get("id")
    if fid_value is not None and not isinstance(fid_value, str):
        yield err("id", f"must be a string like 'cagp-line-a', got {fid_value!r}.")
    for field in ("name", "geometry_method"):
        value = props.get(field)
        if value is not None and not isinstance(value, str):
            yield err(field, f"must be text, got {type(value).__name__} {value!r}.")
    if isinstance(fid_value, str) and fid_value and not ID_PATTERN.match(fid_value):
        yield err("id", f"{fid_value!r} is not lower-case kebab (e.g. 'cagp-line-a').")
    kind = props.get("kind")
    if kind is not None and not isinstance(kind, str):
        yield err("kind", f"must be text, one of {sorted(KINDS)}; got {kind!r}.")
        kind = None
    if kind is not None and kind not in KINDS:
        yield err("kind", f"unknown kind {kind!r}; expected one of {sorted(KINDS)}.")
    status = props.get("status")
    if status is not None and not isinstance(status, str):
        yield err("status", f"must be text, one of {sorted(STATUSES)}; got {status!r}.")
        status = None
    elif kind not in {"country", "border", "city", "annotation"} and status is None:
        yield err("status", f"required property missing; one of {sorted(STATUSES)}.")
    if status is not None and status not in STATUSES:
        yield err("status", f"unknown status {status!r}; one of {sorted(STATUSES)}.")
    countries = props.get("countries")
    if countries is not None and (
        not isinstance(countries, list)
        or not all(isinstance(c, str) and ISO3_PATTERN.match(c) for c in countries)
    ):
        yield err("countries", f"expected ISO 3166 alpha-3 codes like ['KAZ'], got {countries!r}.")
    yield from _source_problems(props, err, sources)
    yield from _fact_problems(props, err, sources)
    if any(field in props for field in ("mode", "corridor", "from", "to")):
        yield from _leg_problems(props, err)
    yield from _geometry_problems(feature.get("geometry"), props, err, sources)
    yield from drawn_from_problems(props, err)


def _source_problems(
    props: dict[str, Any], err: Any, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    citations = props.get("sources")
    if citations is None:
        return
    if not isinstance(citations, list):
        yield err("sources", "'sources' must be a list of citations {ref, quote?, supports?}.")
        return
    supported: set[str] = set()
    for i, citation in enumerate(citations):
        yield from _citation_problems(citation, f"sources[{i}]", err, sources)
        if isinstance(citation, dict) and isinstance(citation.get("supports"), list):
            supported.update(s for s in citation["supports"] if isinstance(s, str))
    for field in FACT_FIELDS:
        if field in props and field not in supported:
            yield err(
                field,
                "this fact has no source; add a citation whose 'supports' lists "
                f"{field!r} (or mark the figure as computed elsewhere).",
            )
    if "waypoints" not in props and "geometry" not in supported:
        yield err(
            "sources",
            'no source for the geometry; add a citation with "supports": '
            "[\"geometry\"] or list cited 'waypoints'.",
        )


def _citation_problems(
    citation: Any, where: str, err: Any, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    """A citation names a source listed in the file: {ref, quote?, supports?}."""
    if not isinstance(citation, dict) or "ref" not in citation:
        shape = "an inline {title, url}" if isinstance(citation, dict) else repr(citation)
        yield err(
            where,
            f"a citation must be {{'ref': <id of the file's sources>, 'quote'?, 'supports'?}}, "
            f"got {shape}; list the document once under the file's 'sources' and cite its id.",
        )
        return
    ref = citation["ref"]
    if not isinstance(ref, str) or ref not in sources:
        hint = difflib.get_close_matches(str(ref), list(sources), n=1)
        also = f"; did you mean {hint[0]!r}?" if hint else "; add it to the file's 'sources'."
        yield err(f"{where}.ref", f"cites {ref!r}, which is not in the file's sources{also}")
    supports = citation.get("supports")
    if supports is not None and (
        not isinstance(supports, list) or not all(s in SUPPORTS for s in supports)
    ):
        bad = (
            [supports]
            if not isinstance(supports, list)
            else [s for s in supports if s not in SUPPORTS]
        )
        hint = difflib.get_close_matches(str(bad[0]), sorted(SUPPORTS), n=1) if bad else []
        also = f" (did you mean {hint[0]!r}?)" if hint else ""
        yield err(
            f"{where}.supports",
            f"cannot support {bad!r}{also}; a citation supports some of {sorted(SUPPORTS)}.",
        )


def _one_source_problems(source: Any, where: str, err: Any) -> Iterator[GeodataError]:
    if not isinstance(source, dict):
        yield err(where, "a source must be an object {title, url}.")
        return
    title, url = source.get("title"), source.get("url")
    if not isinstance(title, str) or not title.strip():
        yield err(f"{where}.title", "a source needs a non-empty 'title'.")
    if not isinstance(url, str) or not URL_PATTERN.match(url):
        yield err(f"{where}.url", f"a source url must be http(s)://..., got {url!r}.")


def _positive(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def _quantity_ok(value: Any, unit: str | None = None) -> bool:
    return (
        isinstance(value, dict)
        and _positive(value.get("value"))
        and isinstance(value.get("unit"), str)
        and (unit is None or value["unit"] == unit)
    )


def _fact_problems(
    props: dict[str, Any], err: Any, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    for field in TEXT_FIELDS:
        value = props.get(field)
        if field in props and (not isinstance(value, str) or not value.strip()):
            yield err(field, f"must be non-empty text, got {value!r}.")
    if "opened" in props and not (
        isinstance(props["opened"], str) and OPENED_PATTERN.match(props["opened"])
    ):
        yield err(
            "opened",
            f"expected a date as text: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', got {props['opened']!r}.",
        )
    for field, unit in (("published_length", "km"), ("diameter", "mm")):
        if field in props and not _quantity_ok(props[field], unit):
            yield err(
                field,
                f"expected {{'value': <positive number>, 'unit': '{unit}'}}, got {props[field]!r}.",
            )
    if "published_length" in props and not props.get("length_span"):
        yield err(
            "length_span",
            "a published length needs 'length_span' naming the span it is measured over.",
        )
    capacity = props.get("capacity")
    if capacity is not None and not _quantity_ok(capacity):
        shown = capacity.get("unit") if isinstance(capacity, dict) else None
        unit = shown if isinstance(shown, str) and shown.strip() else "bcm/yr"
        yield err(
            "capacity",
            f"expected {{'value': <positive number>, 'unit': '{unit}'}}, got {capacity!r:.200}.",
        )
    per_country = props.get("published_country_length")
    if per_country is not None and (
        not isinstance(per_country, dict)
        or not all(
            isinstance(k, str) and ISO3_PATTERN.match(k) and _quantity_ok(v, "km")
            for k, v in per_country.items()
        )
    ):
        yield err(
            "published_country_length",
            f"expected {{'KAZ': {{'value': <positive>, 'unit': 'km'}}, ...}}, got {per_country!r}.",
        )
    for field in ("published_length_alternatives", "other_facts"):
        if props.get(field) is not None and not isinstance(props[field], list):
            yield err(field, f"must be a list of objects, got {props[field]!r}.")
    alternatives = props.get("published_length_alternatives")
    for i, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
        where = f"published_length_alternatives[{i}]"
        if not _quantity_ok(alt, "km") or "source" not in alt:
            yield err(where, "expected {value: <positive>, unit: 'km', span, source: {ref}}.")
            continue
        yield from _citation_problems(alt["source"], f"{where}.source", err, sources)
    other_facts = props.get("other_facts")
    for i, fact in enumerate(other_facts if isinstance(other_facts, list) else []):
        where = f"other_facts[{i}]"
        if not isinstance(fact, dict) or not fact.get("label") or "value" not in fact:
            yield err(where, "expected {label, value, unit?, source: {ref}}.")
            continue
        yield from _citation_problems(fact.get("source"), f"{where}.source", err, sources)


def _leg_problems(props: dict[str, Any], err: Any) -> Iterator[GeodataError]:
    mode = props.get("mode")
    if not isinstance(mode, str) or mode not in MODES:
        yield err("mode", f"a corridor leg needs a mode in {sorted(MODES)}, got {mode!r}.")
    for field, what in (("corridor", "a corridor id"), ("from", "a node id"), ("to", "a node id")):
        value = props.get(field)
        if not isinstance(value, str) or not value:
            yield err(field, f"a corridor leg needs {field!r} ({what}), got {value!r}.")


def _geometry_problems(
    geometry: Any, props: dict[str, Any], err: Any, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    if geometry is None:
        yield err("geometry", "geometry is null; every feature needs a geometry.")
        return
    if not isinstance(geometry, dict) or "type" not in geometry:
        yield err("geometry", "geometry must be a GeoJSON geometry object.")
        return
    gtype = geometry["type"]
    if not isinstance(gtype, str):
        yield err("geometry", f"geometry 'type' must be text like 'LineString', got {gtype!r}.")
        return
    kind = props.get("kind")
    allowed = GEOMETRY_TYPES.get(kind) if isinstance(kind, str) else None
    if allowed is not None and gtype not in allowed:
        yield err(
            "geometry",
            f"a {props.get('kind')} must be {' or '.join(sorted(allowed))}, got {gtype}.",
        )
        return
    coords = geometry.get("coordinates")
    try:
        positions = list(_positions(gtype, coords))
    except (TypeError, ValueError) as exc:
        yield err("geometry", f"malformed {gtype} coordinates ({exc}).")
        return
    if not positions:
        yield err("geometry", "geometry is empty; give it coordinates.")
        return
    yield from _range_problems(positions, err)
    if gtype in {"LineString", "MultiLineString"}:
        parts = [coords] if gtype == "LineString" else coords
        for part in parts:
            if len(part) < 2:
                yield err("geometry", "a line needs at least two positions.")
            for a, b in itertools.pairwise(part):
                if a[0] == b[0] and a[1] == b[1]:
                    yield err(
                        "geometry",
                        f"zero-length segment: position {a[:2]} repeats; remove the duplicate.",
                    )
                    break
    if gtype in {"Polygon", "MultiPolygon"}:
        yield from _polygon_problems(geometry, err)
    waypoints = props.get("waypoints")
    if waypoints is not None:
        yield from _waypoint_problems(
            waypoints, gtype, coords, props.get("stretches"), props.get("offsets_km"), err
        )
        for i, wp in enumerate(waypoints if isinstance(waypoints, list) else []):
            if not isinstance(wp, dict):
                continue
            for key in ("source", "route_source"):
                if key in wp:
                    yield from _citation_problems(wp[key], f"waypoints[{i}].{key}", err, sources)
            post = wp.get("km_post")
            if isinstance(post, dict) and "source" in post:
                yield from _citation_problems(
                    post["source"], f"waypoints[{i}].km_post.source", err, sources
                )
    elif "stretches" in props:
        yield err("stretches", "'stretches' describe the path between 'waypoints'; add them.")


def _positions(gtype: str, coords: Any) -> Iterator[tuple[float, float]]:
    depth = {
        "Point": 0,
        "LineString": 1,
        "MultiPoint": 1,
        "Polygon": 2,
        "MultiLineString": 2,
        "MultiPolygon": 3,
    }.get(gtype)
    if depth is None:
        msg = f"unsupported geometry type {gtype!r}"
        raise ValueError(msg)

    def walk(node: Any, level: int) -> Iterator[tuple[float, float]]:
        if not isinstance(node, list):
            msg = "expected nested lists of [lon, lat]"
            raise TypeError(msg)
        if level == 0:
            if not 2 <= len(node) <= 3 or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in node
            ):
                msg = f"a position must be [lon, lat] (or [lon, lat, z]) numbers, got {node!r}"
                raise ValueError(msg)
            yield float(node[0]), float(node[1])
            return
        for child in node:
            yield from walk(child, level - 1)

    yield from walk(coords, depth)


def _range_problems(positions: list[tuple[float, float]], err: Any) -> Iterator[GeodataError]:
    for lon, lat in positions:
        if not (math.isfinite(lon) and math.isfinite(lat)):
            yield err("geometry", f"non-finite coordinate [{lon}, {lat}].")
            return
        if abs(lon) <= 180 and abs(lat) <= 90:
            continue
        if abs(lon) > 1000 or abs(lat) > 1000:
            hint = (
                "these look like projected coordinates (metres, e.g. EPSG:3857); "
                "reproject to WGS 84 lon/lat"
            )
        elif abs(lon) > 180 or abs(lat) > 180:
            hint = "longitude must lie within -180..180 and latitude within -90..90"
        else:
            hint = "latitude and longitude look swapped; GeoJSON order is [lon, lat]"
        yield err("geometry", f"coordinate [{lon}, {lat}] is out of range: {hint}.")
        return


def _polygon_problems(geometry: dict[str, Any], err: Any) -> Iterator[GeodataError]:
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
        yield err("geometry", f"cannot build the polygon ({exc}).")
        return
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        yield err(
            "geometry",
            f"invalid polygon ({reason}); fix it, e.g. with shapely.make_valid.",
        )


def _waypoint_problems(
    waypoints: Any, gtype: str, coords: Any, stretches: Any, offsets_km: Any, err: Any
) -> Iterator[GeodataError]:
    if not isinstance(waypoints, list) or len(waypoints) < 2:
        yield err("waypoints", "expected a list of at least two {name, lon, lat, source}.")
        return
    for i, wp in enumerate(waypoints):
        if not isinstance(wp, dict) or not wp.get("name"):
            yield err(f"waypoints[{i}]", "a waypoint needs a 'name'.")
            continue
        if not all(
            isinstance(wp.get(k), int | float) and not isinstance(wp.get(k), bool)
            for k in ("lon", "lat")
        ):
            yield err(
                f"waypoints[{i}]",
                f"'lon' and 'lat' must be numbers, got {wp.get('lon')!r}, {wp.get('lat')!r}.",
            )
            return
        if "km_post" in wp:
            yield from _km_post_problems(wp["km_post"], f"waypoints[{i}].km_post", err)
    if gtype != "LineString":
        yield err("geometry", "a route drawn from waypoints must be a LineString.")
        return
    drawn = [(round(c[0], 6), round(c[1], 6)) for c in coords]
    cited = [
        (round(float(w.get("lon", math.nan)), 6), round(float(w.get("lat", math.nan)), 6))
        for w in waypoints
        if isinstance(w, dict)
    ]
    if stretches is None:
        if drawn != cited:
            yield err(
                "geometry",
                "the line's vertices differ from its cited 'waypoints'; every vertex must be "
                "a cited waypoint, in order (regenerate the geometry from the waypoints).",
            )
        return
    yield from _stretch_problems(stretches, drawn, cited, offsets_km, err)


STRETCH_METHODS = frozenset({"network", "chord"})


def _km_post_problems(post: Any, where: str, err: Any) -> Iterator[GeodataError]:
    """A kilometre post is a fact: {value, unit: km, line, source: {ref}}."""
    value = post.get("value") if isinstance(post, dict) else None
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value < 0
        or post.get("unit") != "km"
        or not isinstance(post.get("line"), str)
        or not post["line"]
        or "source" not in post
    ):
        yield err(
            where,
            f"expected {{value: <km >= 0>, unit: 'km', line, source: {{ref}}}}, got {post!r}.",
        )


def drawn_from_problems(props: Mapping[str, Any], err: Any) -> Iterator[GeodataError]:
    """Stretches drawn from a network name it: package, version and licence."""
    stretches = props.get("stretches")
    if not isinstance(stretches, list) or not any(
        isinstance(s, dict) and s.get("method") == "network" for s in stretches
    ):
        return
    drawn_from = props.get("drawn_from")
    if not isinstance(drawn_from, dict) or not all(
        isinstance(drawn_from.get(k), str) and drawn_from[k]
        for k in ("network", "package", "licence")
    ):
        yield err(
            "drawn_from",
            "stretches drawn from a network need 'drawn_from' {network, package, licence}; "
            "re-run tools/derive_routes.py.",
        )


def _stretch_problems(
    stretches: Any,
    drawn: list[tuple[float, float]],
    cited: list[tuple[float, float]],
    offsets_km: Any,
    err: Any,
) -> Iterator[GeodataError]:
    """The line runs through every cited waypoint in order; between two of them it
    has extra vertices only where the stretch is declared drawn from a network.

    A waypoint may be drawn off its cited coordinates only where ``offsets_km``
    declares it (a town centre a few km from the line it names is drawn where it
    meets the network), by the distance declared and at most
    `MAX_WAYPOINT_OFFSET_KM`.
    """
    if offsets_km is None:
        offsets_km = [None] * len(cited)
    if not isinstance(offsets_km, list) or len(offsets_km) != len(cited):
        yield err(
            "offsets_km",
            f"expected one entry (km or null) per waypoint ({len(cited)}), got {offsets_km!r}.",
        )
        return
    at: list[int] = []
    if not isinstance(stretches, list) or len(stretches) != len(cited) - 1:
        yield err(
            "stretches",
            f"expected one record per stretch between waypoints ({len(cited) - 1}), "
            f"got {len(stretches) if isinstance(stretches, list) else stretches!r}; "
            "re-run tools/derive_routes.py.",
        )
        return
    index = 0
    for k, stretch in enumerate(stretches):
        where = f"stretches[{k}]"
        method = stretch.get("method") if isinstance(stretch, dict) else None
        if method not in STRETCH_METHODS:
            yield err(where, f"'method' must be one of {sorted(STRETCH_METHODS)}, got {method!r}.")
            return
        extra = stretch.get("vertices", 0)
        if method == "chord" and extra != 0:
            yield err(where, f"a chord has no vertices between its waypoints, got {extra!r}.")
            return
        if not isinstance(extra, int) or isinstance(extra, bool) or extra < 0:
            yield err(where, f"'vertices' must be a count of vertices, got {extra!r}.")
            return
        at.append(index)
        index += extra + 1
        if index >= len(drawn):
            yield err("stretches", "the stretches declare more vertices than the line has.")
            return
        if "straight_edges" in stretch:
            yield from _straight_edge_problems(
                stretch["straight_edges"], method, drawn[at[-1] : index + 1], where, err
            )
    if index != len(drawn) - 1:
        yield err(
            "geometry",
            f"the line has {len(drawn)} vertices but its stretches account for {index + 1}; "
            "re-run tools/derive_routes.py.",
        )
        return
    at.append(index)
    for k, (vertex, offset) in enumerate(zip(at, offsets_km, strict=True)):
        yield from _offset_problems(k, drawn[vertex], cited[k], offset, err)


def _straight_edge_problems(
    edges: Any, method: str, vertices: list[tuple[float, float]], where: str, err: Any
) -> Iterator[GeodataError]:
    """A network stretch's ``straight_edges``: each ``{vertex, km}`` names the edge from
    its vertex ``vertex`` (its first waypoint is 0) to the next, in order, with that
    edge's geodesic length (positive, as drawn).
    """
    field = f"{where}.straight_edges"
    if method != "network":
        yield err(
            field, "only a stretch drawn from a network has straight edges; a chord has none."
        )
        return
    if not isinstance(edges, list) or not edges:
        yield err(field, f"expected a non-empty list of {{vertex, km}}, got {edges!r}.")
        return
    last = -1
    for j, edge in enumerate(edges):
        vertex = edge.get("vertex") if isinstance(edge, dict) else None
        km = edge.get("km") if isinstance(edge, dict) else None
        if not isinstance(vertex, int) or isinstance(vertex, bool) or vertex < 0:
            yield err(f"{field}[{j}]", f"'vertex' must be a vertex index, got {vertex!r}.")
            return
        if vertex >= len(vertices) - 1:
            yield err(
                f"{field}[{j}]",
                f"vertex {vertex} is out of range: the stretch has edges from vertex 0 to "
                f"{len(vertices) - 2} (re-run tools/derive_routes.py).",
            )
            return
        if vertex <= last:
            yield err(f"{field}[{j}]", "straight edges must be listed once each, in order.")
            return
        last = vertex
        if not _positive(km):
            yield err(f"{field}[{j}]", f"'km' must be a positive length in km, got {km!r}.")
            return
        (x0, y0), (x1, y1) = vertices[vertex], vertices[vertex + 1]
        measured = _GEOD.inv(x0, y0, x1, y1)[2] / 1000.0
        if abs(measured - km) > 0.01:
            yield err(
                f"{field}[{j}]",
                f"the edge from vertex {vertex} measures {measured:.3f} km as drawn, but "
                f"'km' says {km} (re-run tools/derive_routes.py).",
            )
            return


#: A waypoint (e.g. a town centre) may be drawn this far from its cited point, where
#: the line meets the network (tools/derive_routes.py snaps no farther).
MAX_WAYPOINT_OFFSET_KM = 5.0
_GEOD = Geod(ellps="WGS84")


def _offset_problems(
    k: int, vertex: tuple[float, float], cited: tuple[float, float], offset: Any, err: Any
) -> Iterator[GeodataError]:
    if offset is None:
        if vertex != cited:
            yield err(
                "geometry",
                f"the line should pass through waypoint {k} at {list(cited)}, but its vertex is "
                f"{list(vertex)}; the line must pass through every cited waypoint in order "
                "(re-run tools/derive_routes.py).",
            )
        return
    if not _positive(offset) or offset > MAX_WAYPOINT_OFFSET_KM:
        yield err(
            f"offsets_km[{k}]",
            f"an offset must be a distance in km up to {MAX_WAYPOINT_OFFSET_KM:g}, got {offset!r}.",
        )
        return
    measured = _GEOD.inv(cited[0], cited[1], vertex[0], vertex[1])[2] / 1000.0
    if abs(measured - offset) > 0.01:
        yield err(
            "geometry",
            f"waypoint {k} is drawn {measured:.3f} km from its cited point {list(cited)}, "
            f"but offsets_km declares {offset} km (re-run tools/derive_routes.py).",
        )


def resolve_collection(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The features of a validated collection as the library holds them in memory.

    Citations become ``{title, url, quote?, supports?}`` (the file's source looked
    up by ``ref``), and quantities are held in the units the library computes in:
    ``published_length_km``, ``published_country_km`` (km by country),
    ``diameter_mm``, alternatives' ``value_km`` and km posts' ``km``. ``supports``
    names the in-memory fields. The file itself is never modified.
    """
    sources = data.get("sources") or {}

    def cite(citation: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(sources.get(citation["ref"], {}))
        if "quote" in citation:
            out["quote"] = citation["quote"]
        if "supports" in citation:
            out["supports"] = [MEMORY_NAMES.get(s, s) for s in citation["supports"]]
        return out

    features = []
    for feature in data["features"]:
        props = copy.deepcopy(feature["properties"])
        props["sources"] = [cite(c) for c in props["sources"]]
        if "published_length" in props:
            props["published_length_km"] = props.pop("published_length")["value"]
        if "published_country_length" in props:
            per = props.pop("published_country_length")
            props["published_country_km"] = {iso: q["value"] for iso, q in per.items()}
        if "diameter" in props:
            props["diameter_mm"] = props.pop("diameter")["value"]
        for alt in props.get("published_length_alternatives", []):
            alt["value_km"] = alt.pop("value")
            alt.pop("unit", None)
            alt["source"] = cite(alt["source"])
        for fact in props.get("other_facts", []):
            fact["source"] = cite(fact["source"])
        for wp in props.get("waypoints", []):
            for key in ("source", "route_source"):
                if key in wp:
                    wp[key] = cite(wp[key])
            if "km_post" in wp:
                post = wp["km_post"]
                post["km"] = post.pop("value")
                post.pop("unit", None)
                post["source"] = cite(post["source"])
        features.append({**feature, "properties": props})
    return features
