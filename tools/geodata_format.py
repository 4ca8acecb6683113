"""The on-disk geodata format (version 2) for the tools that write geodata/.

Sources are listed once per file, by id, under the FeatureCollection's ``sources``;
every place that cites one (a feature's ``sources``, a waypoint's ``source``, a
km post, an alternative length, another fact) holds a *citation*
``{"ref": id, "quote"?, "supports"?}``. Quantities are ``{"value", "unit"}``;
dates are ISO 8601 strings. ``src/corridors/geodata.schema.json`` is the schema.

`to_v2` turns a collection written the old way (each source inline as
``{title, url, quote?, supports?}``; ``published_length_km``, ``diameter_mm``,
``published_country_km``, ``value_km`` and km posts as ``{"km"}``) into this
format; the derive tools write their output through it, and `dumps` lays a file
out the one way the repository keeps it.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from typing import Any

#: Fact names of the old format and the properties they became.
RENAMED_FACTS = {
    "published_length_km": "published_length",
    "published_country_km": "published_country_length",
    "diameter_mm": "diameter",
}
_GEONAMES = re.compile(r"^https?://(?:www\.)?geonames\.org/(\d+)")


def _slug(text: str, limit: int = 48) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "source"


class _Sources:
    """The file's source list, filled as citations are made (ids stable by first use)."""

    def __init__(self, existing: dict[str, dict[str, str]] | None = None) -> None:
        self.by_id: dict[str, dict[str, str]] = dict(existing or {})
        self.by_key = {(s["title"], s["url"]): i for i, s in self.by_id.items()}

    def cite(self, source: Any) -> Any:
        """The citation of an inline source (anything else is returned as it is)."""
        if not isinstance(source, dict) or "ref" in source:  # already a citation, or broken
            return source
        if not isinstance(source.get("title"), str) or not isinstance(source.get("url"), str):
            return source  # broken: left for the validator to report
        key = (source["title"], source["url"])
        if key not in self.by_key:
            match = _GEONAMES.match(source["url"])
            base = f"geonames-{match.group(1)}" if match else _slug(source["title"])
            sid, n = base, 2
            while sid in self.by_id:
                sid, n = f"{base}-{n}", n + 1
            self.by_id[sid] = {"title": source["title"], "url": source["url"]}
            self.by_key[key] = sid
        citation: dict[str, Any] = {"ref": self.by_key[key]}
        if source.get("quote"):
            citation["quote"] = source["quote"]
        supports = source.get("supports")
        if isinstance(supports, list) and supports:
            citation["supports"] = [RENAMED_FACTS.get(s, s) for s in supports]
        elif supports:
            citation["supports"] = supports
        return citation


def _km(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "km"}


def _feature_to_v2(feature: dict[str, Any], sources: _Sources) -> dict[str, Any]:
    old = feature["properties"]
    props: dict[str, Any] = {}
    for key, value in old.items():
        if key == "sources":
            props["sources"] = (
                [sources.cite(s) for s in value] if isinstance(value, list) else value
            )
        elif key == "published_length_km":
            props["published_length"] = _km(value)
        elif key == "published_country_km":
            props["published_country_length"] = (
                {iso: _km(v) for iso, v in value.items()} if isinstance(value, dict) else value
            )
        elif key == "diameter_mm":
            props["diameter"] = {"value": value, "unit": "mm"}
        elif key == "opened":
            props["opened"] = str(value)
        elif key == "published_length_alternatives" and isinstance(value, list):
            props[key] = [_alternative_to_v2(alt, sources) for alt in value]
        elif key == "other_facts" and isinstance(value, list):
            props[key] = [
                {**fact, "source": sources.cite(fact["source"])}
                if isinstance(fact, dict) and "source" in fact
                else fact
                for fact in value
            ]
        elif key == "waypoints" and isinstance(value, list):
            props[key] = [_waypoint_to_v2(w, sources) if isinstance(w, dict) else w for w in value]
        else:
            props[key] = value
    return {**feature, "properties": props}


def _alternative_to_v2(alt: Any, sources: _Sources) -> Any:
    if not isinstance(alt, dict) or "value_km" not in alt:
        return alt
    out = {**_km(alt["value_km"]), **{k: v for k, v in alt.items() if k != "value_km"}}
    if "source" in out:
        out["source"] = sources.cite(out["source"])
    return out


def _waypoint_to_v2(waypoint: dict[str, Any], sources: _Sources) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in waypoint.items():
        if key in ("source", "route_source"):
            out[key] = sources.cite(value)
        elif key == "km_post" and isinstance(value, dict) and "km" in value:
            post = {"value": value["km"], "unit": "km"}
            post.update({k: v for k, v in value.items() if k != "km"})
            if "source" in post:
                post["source"] = sources.cite(post["source"])
            out[key] = post
        else:
            out[key] = value
    return out


def to_v2(collection: dict[str, Any]) -> dict[str, Any]:
    """The collection in the version-2 format (a collection already in it is unchanged)."""
    sources = _Sources(collection.get("sources"))
    features = [
        _feature_to_v2(f, sources)
        if isinstance(f, dict) and isinstance(f.get("properties"), dict)
        else f
        for f in collection["features"]
    ]
    top = {k: v for k, v in collection.items() if k not in ("type", "sources", "features")}
    return {"type": "FeatureCollection", **top, "sources": sources.by_id, "features": features}


def source_id(collection: dict[str, Any], source: dict[str, str]) -> str:
    """The id under which `source` ({title, url}) is listed in the collection (added if new)."""
    sources = _Sources(collection.setdefault("sources", {}))
    citation = sources.cite({"title": source["title"], "url": source["url"]})
    collection["sources"] = sources.by_id
    return str(citation["ref"])


GEOMETRY_SLOT = "@@geometry@@"


def _geometry_text(geometry: dict[str, Any], indent: str) -> str:
    """A geometry with one vertex per line (LineString) or on one line (others)."""
    if geometry["type"] != "LineString":
        return json.dumps(geometry, ensure_ascii=False)
    inner = indent + "  "
    verts = ",\n".join(f"{inner} [{lon},{lat}]" for lon, lat in geometry["coordinates"])
    head = f'{{\n{inner}"type": "LineString",\n{inner}"coordinates": [\n'
    return f"{head}{verts}\n{inner}]\n{indent}}}"


def dumps(collection: dict[str, Any], *, compact: bool = False) -> str:
    """The repository's layout: properties indented by one space, one vertex per line.

    `compact` writes one line (large derived layers: countries, the rail grid).
    """
    if compact:
        return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    slotted = {
        **collection,
        "features": [
            {**f, "geometry": f"{GEOMETRY_SLOT}{i}"} for i, f in enumerate(collection["features"])
        ],
    }
    text = json.dumps(slotted, ensure_ascii=False, indent=1)
    for i, feature in enumerate(collection["features"]):
        text = text.replace(
            f'"{GEOMETRY_SLOT}{i}"', _geometry_text(feature["geometry"], indent="   "), 1
        )
    return text + "\n"


def _ring_area2(ring: list[list[float]]) -> float:
    """Twice the signed planar area of a closed lon/lat ring: > 0 when counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring))


def _wound(ring: list[list[float]], *, ccw: bool) -> list[list[float]]:
    return ring if (_ring_area2(ring) > 0) == ccw else ring[::-1]


def rfc7946_rings(geometry: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry with its polygon rings wound as RFC 7946 (section 3.1.6) asks.

    Exterior rings counter-clockwise, holes clockwise; the coordinates themselves are
    kept exactly (a ring is reversed, never rebuilt). Other geometry types unchanged.
    """
    kind = geometry["type"]

    def polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
        return [_wound(ring, ccw=i == 0) for i, ring in enumerate(rings)]

    if kind == "Polygon":
        return {**geometry, "coordinates": polygon(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {**geometry, "coordinates": [polygon(p) for p in geometry["coordinates"]]}
    if kind == "GeometryCollection":
        return {**geometry, "geometries": [rfc7946_rings(g) for g in geometry["geometries"]]}
    return geometry
