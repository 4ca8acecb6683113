"""Merge researched, sourced history steps into the geodata files (issue 21, item 3).

The findings live in ``research/history-existing.json``, one entry per feature id::

    {"<feature id>": {
        "sources": {"<source id>": {"title": ..., "url": ...}},
        "history": [<steps in the agreed format>],
        "history_searched": "<what was searched, when no opening date was found>"}}

For each feature of each ``*.geojson`` under the geodata folder that has findings:

- each source the steps cite is added to the file's ``sources``; a source whose URL the
  file already lists is cited by the file's own id instead (no duplicate), and a step may
  cite an id the file already has;
- the steps join the feature's ``history`` in date order. A step the history already
  has (same step and date) is not added twice; if the existing one cites a copy of a
  page (a known mirror host) and the finding cites the original, the original replaces
  it;
- ``history_searched`` is set when given.

Re-runnable: running it again changes nothing. Exits 1 (and writes nothing for that
file) when a finding cites an unknown source id, reuses an id for another URL, or
would give a feature a second, different ``opened`` date.

    python tools/apply_history.py [FINDINGS_JSON] [GEODATA_FOLDER]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from geodata_format import dumps

ROOT = Path(__file__).resolve().parents[1]
#: Hosts of copies of other sites' pages (never the page to cite).
MIRROR_HOSTS = (
    "wiki.li",
    "azureedge.net",
    "kiwix",
    "newikis",
    "ipfs",
    "osmarks.net",
    "piglix",
    "riteme.site",
    "wiki.x.io",
    "academic.ru",
)
#: Order of steps on the same date: how a life cycle runs.
STEP_ORDER = (
    "proposed",
    "agreed",
    "construction_started",
    "partly_opened",
    "opened",
    "second_track_opened",
    "electrified",
    "capacity_changed",
    "expanded",
    "upgraded",
    "suspended",
    "resumed",
    "cancelled",
    "closed",
)
KEY_ORDER = ("step", "date", "section", "capacity", "source", "expected", "note")


def _first_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _sort_key(step: dict[str, Any]) -> tuple[Any, ...]:
    date = step.get("date")
    if date is None:  # an expected step comes after every dated one
        return (1, dt.date.max, 0, len(date or ""))
    return (0, _first_day(date), STEP_ORDER.index(step["step"]), len(date))


def _is_mirror(url: str) -> bool:
    return any(host in url for host in MIRROR_HOSTS)


def _ordered(step: dict[str, Any]) -> dict[str, Any]:
    """The step with its keys (and its citation's: ref, then quote) in the repository's order."""
    out = {k: step[k] for k in KEY_ORDER if k in step} | {
        k: v for k, v in step.items() if k not in KEY_ORDER
    }
    if isinstance(out.get("source"), dict):
        citation = out["source"]
        out["source"] = {k: citation[k] for k in ("ref", "quote") if k in citation} | citation
    return out


def merge_feature(
    props: dict[str, Any],
    finding: dict[str, Any],
    file_sources: dict[str, dict[str, str]],
    *,
    where: str,
    replaced: set[str],
) -> dict[str, Any]:
    """The feature's properties with the finding merged in.

    `file_sources` gains the sources the new steps cite; `replaced` gains the ids of
    mirror citations that an original replaced (dropped from the file if now unused).
    """
    by_url = {s["url"]: sid for sid, s in file_sources.items()}
    rename: dict[str, str] = {}
    for sid, source in finding.get("sources", {}).items():
        if source["url"] in by_url:
            rename[sid] = by_url[source["url"]]
        elif sid in file_sources:
            msg = f"{where}: source id {sid!r} is already used for {file_sources[sid]['url']}"
            raise ValueError(msg)
    history = [dict(s) for s in props.get("history", [])]
    for raw in finding.get("history", []):
        step = json.loads(json.dumps(raw))
        ref = step["source"]["ref"]
        ref = rename.get(ref, ref)
        if ref not in file_sources:
            new = finding.get("sources", {}).get(ref)
            if new is None:
                msg = f"{where}: step {step['step']} {step['date']} cites unknown source {ref!r}"
                raise ValueError(msg)
            file_sources[ref] = {"title": new["title"], "url": new["url"]}
            by_url[new["url"]] = ref
        step["source"]["ref"] = ref
        same = [s for s in history if s["step"] == step["step"] and s.get("date") == step["date"]]
        if same:
            old = same[0]
            old_url = file_sources.get(old.get("source", {}).get("ref", ""), {}).get("url", "")
            new_url = file_sources[ref]["url"]
            if _is_mirror(old_url) and not _is_mirror(new_url):
                replaced.add(old["source"]["ref"])
                old["source"] = step["source"]
                if "note" in step and "note" not in old:
                    old["note"] = step["note"]
            continue
        if step["step"] == "opened" and any(
            s["step"] == "opened" and "date" in s for s in history
        ):
            msg = f"{where}: already has an opened step; finding adds another ({step['date']})"
            raise ValueError(msg)
        history.append(step)
    history.sort(key=_sort_key)
    out: dict[str, Any] = {}
    placed = False
    for key, value in props.items():
        if key in ("history", "history_searched"):
            continue
        out[key] = value
        if key == "kind":
            placed = True
            if history:
                out["history"] = [_ordered(s) for s in history]
            if finding.get("history_searched"):
                out["history_searched"] = finding["history_searched"]
    if not placed:
        if history:
            out["history"] = [_ordered(s) for s in history]
        if finding.get("history_searched"):
            out["history_searched"] = finding["history_searched"]
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    findings_path = Path(args[0]) if args else ROOT / "research" / "history-existing.json"
    root = Path(args[1]) if len(args) > 1 else ROOT / "geodata"
    findings: dict[str, Any] = json.loads(findings_path.read_text(encoding="utf-8"))
    applied: set[str] = set()
    failed = False
    for path in sorted(root.rglob("*.geojson")):
        text = path.read_text(encoding="utf-8")
        collection = json.loads(text)
        ids = {
            f.get("properties", {}).get("id")
            for f in collection.get("features", [])
            if isinstance(f, dict)
        }
        if not ids & findings.keys():
            continue
        sources = {k: dict(v) for k, v in collection.get("sources", {}).items()}
        replaced: set[str] = set()
        features = []
        try:
            for feature in collection["features"]:
                props = feature.get("properties", {})
                fid = props.get("id")
                if fid in findings:
                    where = f"{path.relative_to(root)}: feature {fid!r}"
                    props = merge_feature(
                        props, findings[fid], sources, where=where, replaced=replaced
                    )
                    applied.add(fid)
                features.append({**feature, "properties": props})
        except ValueError as exc:
            print(exc, file=sys.stderr)
            failed = True
            continue
        cited = json.dumps(features, ensure_ascii=False)
        for sid in replaced:
            if f'"ref": {json.dumps(sid, ensure_ascii=False)}' not in cited:
                del sources[sid]
        compact = "\n" not in text.strip()
        new_text = dumps({**collection, "sources": sources, "features": features}, compact=compact)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            print(f"updated {path.relative_to(root)}", file=sys.stderr)
    for fid in sorted(findings.keys() - applied):
        print(f"no feature {fid!r} in {root}", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
