"""The feature data model of a geodata layer, and its validation.

A layer is a GeoJSON FeatureCollection described by ``geodata.schema.json``: the
schema is the validator of every structural and conditional rule (required
properties, kinds and the geometry type each takes, leg fields, enums, units,
physical bounds). After it, Python checks only what a schema cannot say, for the
features the schema passed: citations against the file's sources, facts against
their quotes and computed figures against their parts (`corridors.sourcing`), and
the coordinates (`corridors.geometry_checks`). Checks across files (unique ids,
leg nodes, country codes and what lines cross) are the catalog's.

Validation works on the parsed GeoJSON (plain dicts), before geopandas sees the
data, so every problem names its file, feature id and field. See
``docs/data-model.md`` for the model in prose.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from corridors import schemas, sourcing
from corridors.errors import GeodataError, GeodataErrors
from corridors.geometry_checks import MAX_WAYPOINT_OFFSET_KM, geometry_problems
from corridors.lifecycle import history_problems
from corridors.sourcing import FACT_FIELDS, sourcing_problems

SCHEMA = "geodata.schema.json"
_DEFS: dict[str, Any] = schemas.load(SCHEMA)["$defs"]
_COMMON: dict[str, Any] = schemas.load("common.schema.json")["$defs"]

#: The kinds of feature, by how they are drawn (the schema's one list of kinds).
LINE_KINDS = frozenset(_DEFS["lineKind"]["enum"])
POINT_KINDS = frozenset(_DEFS["pointKind"]["enum"])
AREA_OR_POINT_KINDS = frozenset(_DEFS["areaOrPointKind"]["enum"])
AREA_KINDS = frozenset(_DEFS["areaKind"]["enum"])
KINDS = LINE_KINDS | POINT_KINDS | AREA_OR_POINT_KINDS | AREA_KINDS
STATUSES = frozenset(_DEFS["status"]["enum"])
MODES = frozenset(_DEFS["mode"]["enum"])
#: What a citation may support: the feature's position or route, or one of its facts.
SUPPORTS = frozenset(_DEFS["supports"]["enum"])
#: An http(s) address, as every data file's schema states it.
URL_PATTERN = re.compile(_COMMON["url"]["pattern"])
#: What `resolve_collection` names them in memory (the units the library computes in).
MEMORY_NAMES = {
    "published_length": "published_length_km",
    "published_country_length": "published_country_km",
    "diameter": "diameter_mm",
}
#: Largest GeoJSON file accepted, in bytes (the project's own layers are < 2 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024

__all__ = [
    "FACT_FIELDS",
    "KINDS",
    "MAX_FILE_BYTES",
    "MAX_WAYPOINT_OFFSET_KM",
    "MODES",
    "URL_PATTERN",
    "iter_problems",
    "json_schema",
    "parse_geojson",
    "resolve_collection",
    "validate_collection",
]


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
    except RecursionError:
        msg = "the JSON is nested too deeply to be GeoJSON; check the file."
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


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a geodata layer file (``corridors/geodata.schema.json``)."""
    return schemas.load(SCHEMA)


def iter_problems(data: Mapping[str, Any], *, origin: str) -> Iterator[GeodataError]:
    """Yield every problem in a parsed FeatureCollection.

    First what the schema finds; then, for each feature the schema passed, what only
    Python can check (sources, quotes, computed figures, geometry); then ids
    repeated within the file.
    """
    raw = data.get("features")
    features: list[Any] = raw if isinstance(raw, list) else []
    dirty: set[int] = set()
    whole_file = False
    for problem in schemas.problems(data, SCHEMA):
        path = problem.path
        if len(path) >= 2 and path[0] == "features" and isinstance(path[1], int):
            index = path[1]
            dirty.add(index)
            rest = path[3:] if len(path) > 2 and path[2] == "properties" else path[2:]
            if rest[:1] == ("geometry",):
                rest = ("geometry",)
            feature = features[index]
            yield GeodataError(
                problem.message.replace("{kind}", _kind(feature)),
                file=origin,
                feature=_feature_label(feature, index),
                field=schemas.field_name(rest) or None,
            )
        else:
            whole_file = True
            yield GeodataError(problem.message, file=origin, field=problem.field or None)
    sources = data.get("sources")
    if not whole_file and isinstance(sources, Mapping):
        listed = [(f"sources.{sid}", s) for sid, s in sources.items() if isinstance(s, Mapping)]
        cited_by = {f"sources.{sid}": fid for sid, fid in _first_citing(features, dirty).items()}
        yield from sourcing.mirror_problems(listed, origin=origin, cited_by=cited_by)
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        fid = _feature_label(feature, index)
        if not whole_file and index not in dirty:
            yield from _feature_problems(feature, fid=fid, origin=origin, sources=data["sources"])
        props = feature.get("properties") if isinstance(feature, dict) else None
        raw_id = props.get("id") if isinstance(props, dict) else None
        if isinstance(raw_id, str):
            if raw_id in seen:
                msg = (
                    f"duplicate id (also feature #{seen[raw_id]}); ids must be "
                    "unique across all of geodata."
                )
                yield GeodataError(msg, file=origin, feature=fid, field="id")
            seen.setdefault(raw_id, index)


def _first_citing(features: list[Any], dirty: set[int]) -> dict[str, str]:
    """The first feature (of those the schema passed) citing each source id."""
    first: dict[str, str] = {}
    for index, feature in enumerate(features):
        if index in dirty:
            continue
        props = feature["properties"]
        steps = props.get("history", [])
        cited = [c for _, c in sourcing.citations(props)]
        cited += [s["source"] for s in steps if "source" in s]
        cited += [e["source"] for s in steps for e in s.get("expected", [])]
        for citation in cited:
            first.setdefault(citation["ref"], _feature_label(feature, index))
    return first


def _kind(feature: Any) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    kind = props.get("kind") if isinstance(props, dict) else None
    return str(kind) if isinstance(kind, str) else "feature"


def _feature_label(feature: Any, index: int) -> str:
    if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
        fid = feature["properties"].get("id")
        if isinstance(fid, str) and fid:
            return fid
    return f"#{index}"


def _feature_problems(
    feature: dict[str, Any], *, fid: str, origin: str, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    """What Python checks of a feature the schema passed."""

    def err(field: str, message: str) -> GeodataError:
        return GeodataError(message, file=origin, feature=fid, field=field)

    props = feature["properties"]
    yield from sourcing_problems(props, sources, err)
    yield from history_problems(
        props, err, lambda c, where: _ref_problems(c, where, err, sources), sources
    )
    yield from geometry_problems(feature["geometry"], props, err)


def _ref_problems(
    citation: Any, where: str, err: Any, sources: Mapping[str, Any]
) -> Iterator[GeodataError]:
    """A history step's citation names a source of the file (its shape is the schema's)."""
    ref = citation.get("ref") if isinstance(citation, Mapping) else None
    if not isinstance(ref, str) or ref not in sources:
        yield err(
            f"{where}.ref", f"cites {ref!r}, which is not in the file's sources; add it there."
        )


def resolve_collection(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The features of a validated collection as the library holds them in memory.

    Citations become ``{title, url, quote?, supports?}`` (the file's source looked
    up by ``ref``), and quantities are held in the units the library computes in:
    ``published_length_km``, ``published_country_km`` (km by country),
    ``diameter_mm``, alternatives' ``value_km`` and km posts' ``km``. ``supports``
    names the in-memory fields; a figure ``computed_from`` cited parts is supported
    by the parts' citations (their ``computed_from`` itself is not kept). The file
    itself is never modified.
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
        # A figure computed from cited parts is supported by the parts' citations.
        for field in MEMORY_NAMES:
            parts = [
                cite({**citation, "supports": [field]})
                for where, citation in sourcing.citations(props)
                if where.startswith(f"{field}.") and ".computed_from." in where
            ]
            for part in parts:
                if part not in props["sources"]:
                    props["sources"].append(part)
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
        if "not_drawn" in props:
            props["not_drawn"]["sources"] = [cite(c) for c in props["not_drawn"]["sources"]]
        for step in props.get("history", []):
            if "source" in step:
                step["source"] = cite(step["source"])
            for entry in step.get("expected", []):
                entry["source"] = cite(entry["source"])
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
