"""Turn hand-typed ``status`` + ``opened`` into a sourced ``history`` (issue 21).

For every feature of every ``*.geojson`` under a geodata folder:

- ``opened`` and the citation whose ``supports`` lists ``"opened"`` become an
  ``opened`` step ``{"step": "opened", "date": <opened>, "source": {ref, quote}}``.
  Where several citations support the date, the step cites the one whose quote
  contains the date's year (else the first); the others stay in ``sources`` with
  ``"history"`` in place of ``"opened"`` in their ``supports``. A citation left
  supporting nothing (it only dated the opening) is removed from ``sources``: it
  now lives in the step.
- ``status`` is dropped: it is derived from the history. A status other than
  ``operating``/``existing`` that no source dates (e.g. ``planned``) becomes no
  step (a step needs a date and a source); the tool lists those features so that
  someone can source a dated step for them.
- a feature that already has an ``opened`` step keeps it (the typed fields are
  just removed), so the tool can run again on any folder, e.g. after merging a
  branch that added features in the old form. Files in the old source format
  (inline sources) are brought to the current one first.

    python tools/migrate_history.py [GEODATA_FOLDER]   # default: geodata/

Prints what it changed and what it could not date; exits 1 if a feature has an
``opened`` date with no citation supporting it (nothing is written for that file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from geodata_format import dumps, to_v2

ROOT = Path(__file__).resolve().parents[1]
#: Statuses that say a feature exists today (no step is needed to keep that meaning).
EXISTS = frozenset({"operating", "existing"})


def _best_citation(citations: list[dict[str, Any]], date: str) -> dict[str, Any]:
    """The citation whose quote holds the whole date, else its year, else the first."""
    for needle in (date, date[:4]):
        for citation in citations:
            if needle in str(citation.get("quote", "")):
                return citation
    return citations[0]


def migrate_feature(props: dict[str, Any], *, where: str, report: list[str]) -> dict[str, Any]:
    """The properties with ``status``/``opened`` turned into ``history`` (a new dict)."""
    if "status" not in props and "opened" not in props:
        return props
    status = props.get("status")
    opened = props.get("opened")
    history = [dict(s) for s in props.get("history", [])]
    citations = [dict(c) for c in props.get("sources", [])]
    if opened is not None:
        opened = str(opened)
        if any(s.get("step") == "opened" and "date" in s for s in history):
            report.append(f"{where}: kept its existing 'opened' step; removed typed 'opened'")
        else:
            backing = [c for c in citations if "opened" in (c.get("supports") or [])]
            if not backing:
                msg = (
                    f"{where}: 'opened' = {opened!r} has no citation supporting it; "
                    "add one (supports: ['opened']) and run again"
                )
                raise ValueError(msg)
            chosen = _best_citation(backing, opened)
            source = {k: chosen[k] for k in ("ref", "quote") if k in chosen}
            history = [s for s in history if s.get("step") != "opened"]
            history.append({"step": "opened", "date": opened, "source": source})
            history.sort(key=lambda s: (s.get("date") is None, str(s.get("date", ""))))
            report.append(f"{where}: opened {opened} -> history (cites {chosen['ref']})")
    kept: list[dict[str, Any]] = []
    for citation in citations:
        supports = citation.get("supports")
        if isinstance(supports, list) and "opened" in supports:
            rest = [s for s in supports if s != "opened"]
            if citation is chosen_of(citations, opened):
                if not rest:
                    continue
                citation["supports"] = rest
            else:
                citation["supports"] = rest + (["history"] if "history" not in rest else [])
        kept.append(citation)
    if (
        isinstance(status, str)
        and status not in EXISTS
        and not any(
            s.get("step") in ("proposed", "agreed", "construction_started") for s in history
        )
    ):
        report.append(
            f"{where}: UNDATED status {status!r} dropped; no source dates a step for it "
            "(add a dated 'proposed'/'agreed'/'construction_started' step or 'history_searched')"
        )
    out: dict[str, Any] = {}
    for key, value in props.items():
        if key == "status":
            out["history"] = history
        elif key in ("opened", "history"):
            continue
        elif key == "sources":
            out[key] = kept
        else:
            out[key] = value
    if "history" not in out:
        out["history"] = history
    if not out["history"]:
        del out["history"]
    return out


def chosen_of(citations: list[dict[str, Any]], opened: str | None) -> dict[str, Any] | None:
    """The citation the ``opened`` step takes (same rule as the migration)."""
    if opened is None:
        return None
    backing = [c for c in citations if "opened" in (c.get("supports") or [])]
    return _best_citation(backing, opened) if backing else None


def migrate_text(text: str, *, origin: str, report: list[str]) -> str:
    """A geodata file's text with every feature migrated (same layout as the repository's)."""
    compact = "\n" not in text.strip()
    original = json.loads(text)
    collection = to_v2(original)
    features = []
    for i, feature in enumerate(collection["features"]):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict):
            where = f"{origin}: feature {props.get('id', f'#{i}')!r}"
            feature = {**feature, "properties": migrate_feature(props, where=where, report=report)}
        features.append(feature)
    migrated = {**collection, "features": features}
    if migrated == original:  # nothing to do: the file is left exactly as it is laid out
        return text
    return dumps(migrated, compact=compact)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else ROOT / "geodata"
    failed = False
    for path in sorted(root.rglob("*.geojson")):
        report: list[str] = []
        text = path.read_text(encoding="utf-8")
        try:
            migrated = migrate_text(text, origin=str(path), report=report)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            failed = True
            continue
        for line in report:
            print(line, file=sys.stderr)
        if migrated != text:
            path.write_text(migrated, encoding="utf-8")
            print(f"migrated {path}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
