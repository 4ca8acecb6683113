"""Write the new links (links.py) into a geodata folder; re-runnable.

    .venv/bin/python research/new-links/apply_new_links.py geodata

New features replace a feature of the same id; event steps are inserted into the
existing history in date order (steps that happened first, expected ones last) and
skipped when an equal step is already there. Sources cited are added to each file's
`sources` (from links.S, the GeoNames records looked up, or another geodata file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import links  # noqa: E402
from geodata_format import dumps  # noqa: E402

ORDER = ("id", "name", "kind", "history", "countries", "published_length", "length_span",
         "published_length_alternatives", "length_note", "capacity", "description",
         "geometry_method", "sources", "waypoints")


def refs_in(obj: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(obj, dict):
        if isinstance(obj.get("ref"), str):
            found.add(obj["ref"])
        for v in obj.values():
            found |= refs_in(v)
    elif isinstance(obj, list):
        for v in obj:
            found |= refs_in(v)
    return found


def known_sources(root: Path) -> dict[str, dict[str, str]]:
    known: dict[str, dict[str, str]] = {}
    for path in sorted(root.rglob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for sid, src in (data.get("sources") or {}).items():
            known.setdefault(sid, src)
    return known


def step_key(step: dict[str, Any]) -> tuple[Any, ...]:
    return (step.get("step"), step.get("date", "expected"), step.get("section"))


def insert_steps(history: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    have = {step_key(s) for s in history}
    merged = list(history) + [s for s in new if step_key(s) not in have]
    dated = [s for s in merged if "date" in s]
    expected = [s for s in merged if "date" not in s]
    dated.sort(key=lambda s: s["date"])  # stable: equal dates keep their order
    return dated + expected


def main(root: Path) -> None:
    known = known_sources(root)
    lookup: dict[str, dict[str, str]] = {**known, **links.S}
    touched: dict[Path, dict[str, Any]] = {}

    def load(rel: str) -> dict[str, Any]:
        path = root / rel
        if path not in touched:
            if path.exists():
                touched[path] = json.loads(path.read_text(encoding="utf-8"))
            else:
                touched[path] = {"type": "FeatureCollection", "sources": {}, "features": []}
        return touched[path]

    for rel, features in links.new_features().items():
        data = load(rel)
        for feature in features:
            extra = feature.pop("_extra_sources")
            lookup.update(extra)
            point = feature.pop("_geometry", None)
            if point is not None:
                geometry = {"type": "Point", "coordinates": point}
            else:
                geometry = {"type": "LineString",
                            "coordinates": [[w["lon"], w["lat"]] for w in feature["waypoints"]]}
            props = {k: feature[k] for k in ORDER if k in feature}
            props.update({k: v for k, v in feature.items() if k not in props})
            new = {"type": "Feature", "properties": props, "geometry": geometry}
            data["features"] = [f for f in data["features"]
                                if f["properties"]["id"] != props["id"]] + [new]

    for rel, fid, steps, extra_props in links.events():
        data = load(rel)
        (feature,) = [f for f in data["features"] if f["properties"]["id"] == fid]
        props = feature["properties"]
        history = insert_steps(props.get("history") or [], steps)
        if "history" not in props:  # place it after 'kind', where the other features keep it
            props = {k: v for pair in (((k, v), ("history", history)) if k == "kind"
                                       else ((k, v),) for k, v in props.items())
                     for k, v in pair}
            feature["properties"] = props
        props["history"] = history
        for key, value in extra_props.items():
            props.pop(key, None)
        for key, value in extra_props.items():  # after 'history'
            items = list(props.items())
            at = [k for k, _ in items].index("history") + 1
            props = dict(items[:at] + [(key, value)] + items[at:])
            feature["properties"] = props

    for path, data in touched.items():
        for ref in sorted(refs_in(data["features"])):
            if ref not in data["sources"]:
                if ref not in lookup:
                    msg = f"{path}: source {ref!r} is cited but known nowhere"
                    raise SystemExit(msg)
                data["sources"][ref] = lookup[ref]
        ordered = {"type": data["type"], **{k: v for k, v in data.items()
                                           if k not in ("type", "sources", "features")},
                   "sources": data["sources"], "features": data["features"]}
        path.write_text(dumps(ordered), encoding="utf-8")
        print(f"wrote {path} ({len(data['features'])} features, {len(data['sources'])} sources)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "geodata"))
