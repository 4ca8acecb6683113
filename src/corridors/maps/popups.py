"""Popups: what a feature's popup and tooltip show, and the rows of a layer's template.

Popups and tooltips are built in the browser (``corridors.popup`` in
``static/controls.js``) from each feature's *view* (`popup_view`: plain text, figures
formatted by `corridors.fmt`) and the layer's template (`POPUP_ROWS`), written once
per layer. Text from the data reaches the page only as text nodes and links only for
http(s) URLs, so it is never read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from corridors import fmt, measure, sourcing
from corridors.maps.styles import MODE_STYLE, SCHEMATIC_KINDS, present

KIND_LABEL = {
    "gas_pipeline": "gas pipeline",
    "oil_pipeline": "oil pipeline",
    "railway": "railway",
    "road": "road",
    "ferry": "ferry",
    "sea_route": "sea route",
    "border": "border",
    "border_crossing": "border crossing",
    "dry_port": "dry port",
    "economic_zone": "economic zone",
    "seaport": "sea port",
    "rail_station": "rail station",
    "city": "city",
    "compressor_station": "compressor station",
    "pump_station": "pump station / terminal",
    "power_plant": "power plant",
    "factory": "factory",
    "country": "country",
    "annotation": "note",
    "gap": "stretch not drawn",
    "railway_network": "railway network (context)",
}


def _items(row: Mapping[str, Any], field: str) -> list[Any]:
    value = row.get(field)
    return value if isinstance(value, list) else []


def drawn_summary(row: Mapping[str, Any]) -> str | None:
    """How much of a route follows a network and how much is schematic, as one line."""
    if row.get("kind") not in SCHEMATIC_KINDS or not isinstance(row.get("waypoints"), list):
        return None
    table = measure.stretch_lengths(row)
    total = float(table["length_km"].sum())
    if table.empty or total <= 0:
        return None
    chords = table[table["method"] == "chord"]
    straight = int(table["straight_edges"].sum())
    schematic = float(table["schematic_km"].sum())
    if chords.empty and not straight:
        return "100 % along the OpenStreetMap-derived network (ODbL) between cited places"
    share = 100 * schematic / total
    if len(chords) == len(table):
        return (
            f"schematic throughout: {len(table)} straight chord(s) between cited places "
            f"({fmt.km(schematic)} km)"
        )
    parts = []
    if len(chords):
        parts.append(
            f"{len(chords)} of {len(table)} stretches are straight chords between cited "
            f"places ({fmt.km(float(chords['schematic_km'].sum()))} km)"
        )
    if straight:
        edges_km = float(table.loc[table["method"] == "network", "schematic_km"].sum())
        parts.append(
            f"{straight} straight edge{'s' if straight != 1 else ''} of the network over "
            f"{measure.STRAIGHT_EDGE_KM:g} km, where OpenStreetMap was simplified "
            f"({fmt.km(edges_km)} km)"
        )
    return (
        f"{100 - share:.0f} % along the OpenStreetMap-derived network (ODbL); {share:.0f} % "
        f"schematic (hollow line): {'; '.join(parts)}"
    )


@dataclass(frozen=True)
class PopupRow:
    """One row of a layer's popup template, filled in the browser from a feature's view.

    Parameters
    ----------
    label
        The row's heading (items of a ``sourced`` row may bring their own).
    field
        The key of the feature's view (see `popup_view`) the row shows; a feature
        without it (or with an empty value) shows no row.
    format
        How the browser lays the value out (``corridors.FORMATS`` in the page script):
        ``text`` (a string), ``list`` (strings joined by commas), ``lines`` (strings
        one per line), ``km`` (a formatted length and the row's `note`), ``published``
        (``[km, span]`` and the feature's ``vs``), ``noted`` (``[text, note]``) or
        ``sourced`` (``[[label, text, source title, source url, read at?], ...]``, one row
        each; "read at <copy host>" when only a copy of the page could be read).
    note
        A fixed note the ``km`` format adds after the value (written once per page).
    method
        A row about method (how it is drawn, why figures differ): the popup folds it
        below the facts and sources, in a ``<details>`` the reader opens.
    """

    label: str
    field: str
    format: str = "text"
    note: str = ""
    method: bool = False

    def to_json(self) -> dict[str, Any]:
        """The row as the page script reads it."""
        return {
            "label": self.label,
            "field": self.field,
            "format": self.format,
            "note": self.note,
            "method": self.method,
        }


#: The popup every layer uses unless a map passes its own rows: all facts with units,
#: computed against published length, sources as links. A new row is one entry here
#: and one key in `popup_view` (e.g. how each stretch of a route was drawn).
POPUP_ROWS: tuple[PopupRow, ...] = (
    PopupRow(
        "Length (computed)",
        "km",
        "km",
        note="geodesic, WGS 84, along the drawn line; computed by corridors",
    ),
    PopupRow("Length (published)", "published", "published"),
    PopupRow("Why they differ", "length_note", method=True),
    PopupRow("Other published length", "alternatives", "sourced"),
    PopupRow("By country (computed)", "split", "lines"),
    PopupRow("Capacity", "capacity", "noted"),
    PopupRow("Opened", "opened"),
    PopupRow("Operator", "operator"),
    PopupRow("Role", "role"),
    PopupRow("Line", "line"),
    PopupRow("Diameter", "diameter"),
    PopupRow("", "other_facts", "sourced"),
    PopupRow("Countries", "countries", "list"),
    PopupRow("About", "description", method=True),
    PopupRow("Drawn", "drawn", method=True),
    PopupRow("Drawn through", "waypoints", method=True),
    PopupRow("Geometry", "geometry_method", method=True),
)

#: View keys that belong to one feature only; every other key may be shared by
#: several features of a layer and is then written once (see `feature_collection`).
OWN_KEYS = ("id", "name", "km", "vs", "split", "drawn")


def _source(src: Any) -> list[str]:
    """A source as the page shows it: title, the original's address and, when only a copy
    could be read, "read at <copy host>"."""
    src = src if isinstance(src, dict) else {}
    where = sourcing.read_at(src)
    title, url = str(src.get("title") or "source"), str(src.get("url") or "")
    return [title, url, where] if where else [title, url]


def _split_lines(row: Mapping[str, Any], split: pd.DataFrame) -> list[str]:
    """Per-country lengths, computed and (where published) published, one line each."""
    per_pub = row.get("published_country_km")
    per_pub = per_pub if isinstance(per_pub, dict) else {}
    declared = row.get("countries")
    declared = set(declared) if isinstance(declared, list | tuple) else set()
    lines = []
    for name, country, km in zip(split["name"], split["country"], split["length_km"], strict=True):
        pub = per_pub.get(country)
        extra = f" / published {fmt.km(pub)}" if pub else ""
        if declared and country not in declared and country != "-":
            # The basemap's 1:10m border, not the line's sources, puts these km there.
            extra += " (by the 1:10m border; not among its sourced countries)"
        lines.append(f"{name}: {fmt.km_computed(km, decimals=0)} km{extra}")
    if split.attrs.get("all_schematic"):
        lines.append("(along schematic chords between cited places: indicative only)")
    schematic = split.attrs.get("schematic_km")
    if schematic:
        lines.append(f"schematic chords: {fmt.km_computed(schematic, decimals=0)} km, not split")
    drawn = set(split["country"])
    lines += [
        f"{k}: published {fmt.km(v)} km, not drawn" for k, v in per_pub.items() if k not in drawn
    ]
    return lines


def popup_view(
    row: Mapping[str, Any], *, computed_km: float | None, split: pd.DataFrame | None
) -> dict[str, Any]:
    """What a feature's popup and tooltip show, as plain (unescaped) text and lists.

    Figures are formatted here by `corridors.fmt`, the formatter the CLI and the
    panels use; the browser only places the text (as text nodes: no escaping
    here, none needed there). Keys are those of `POPUP_ROWS` plus ``id``,
    ``name``, ``kind_line`` (kind · status · mode), ``vs`` (computed against
    published) and ``sources`` (``[title, url, supports]`` each, and "read at <copy host>" fourth
    when only a copy of the page could be read).
    """
    return {**facts_view(row), **own_view(row, computed_km=computed_km, split=split)}


def own_view(
    row: Mapping[str, Any], *, computed_km: float | None, split: pd.DataFrame | None
) -> dict[str, Any]:
    """The part of `popup_view` that is the feature's own (`OWN_KEYS`)."""
    view: dict[str, Any] = {"id": row["id"], "name": str(row["name"])}
    if computed_km is not None:
        view["km"] = fmt.km_computed(computed_km)
        if computed_km and present(row.get("published_length_km")):
            view["vs"] = fmt.difference(computed_km, row["published_length_km"])
    if split is not None and not split.empty:
        view["split"] = _split_lines(row, split)
    drawn = drawn_summary(row) if computed_km is not None else None
    if drawn:
        view["drawn"] = drawn
    return view


def facts_view(row: Mapping[str, Any]) -> dict[str, Any]:
    """The part of `popup_view` that several features may share (facts and sources)."""
    view: dict[str, Any] = {}
    kind_line = [KIND_LABEL.get(row["kind"], row["kind"])]
    if present(row.get("status")):
        kind_line.append(str(row["status"]).replace("_", " "))
    if present(row.get("mode")):
        kind_line.append(MODE_STYLE.get(row["mode"], {}).get("label", row["mode"]))
    view["kind_line"] = " · ".join(kind_line)
    if present(row.get("published_length_km")):
        span = row.get("length_span")
        view["published"] = [fmt.km(row["published_length_km"]), str(span) if present(span) else ""]
    for field in ("length_note", "opened", "operator", "role", "line", "description"):
        if present(row.get(field)):
            view[field] = str(row[field])
    alternatives = [
        ["", f"{fmt.km(alt['value_km'])} km ({alt.get('span', '')})", *_source(alt.get("source"))]
        for alt in _items(row, "published_length_alternatives")
    ]
    if alternatives:
        view["alternatives"] = alternatives
    if present(row.get("capacity")):
        cap = row["capacity"]
        view["capacity"] = [f"{fmt.number(cap['value'])} {cap['unit']}", cap.get("note") or ""]
    if present(row.get("diameter_mm")):
        view["diameter"] = f"{fmt.number(row['diameter_mm'])} mm"
    other = []
    for fact in _items(row, "other_facts"):
        value = fact["value"]
        text = fmt.number(value) if isinstance(value, int | float) else str(value)
        unit = f" {fact['unit']}" if fact.get("unit") else ""
        other.append([str(fact["label"]), f"{text}{unit}", *_source(fact.get("source"))])
    if other:
        view["other_facts"] = other
    if present(row.get("countries")):
        view["countries"] = [str(c) for c in row["countries"]]
    if present(row.get("waypoints")):
        waypoints = row["waypoints"]
        names = ", ".join(w["name"] for w in waypoints)
        view["waypoints"] = f"{len(waypoints)} cited waypoints: {names}"
    if present(row.get("geometry_method")):
        view["geometry_method"] = str(row["geometry_method"])
    view["sources"] = [
        [str(s.get("title")), str(s.get("url") or ""), ", ".join(s.get("supports") or [])]
        + ([sourcing.read_at(s)] if sourcing.read_at(s) else [])
        for s in _items(row, "sources")
    ]
    return view
