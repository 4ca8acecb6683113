"""The maps' one visual grammar for lines: three channels that never share a cue.

- **Colour: mode or fuel** (`CLASSES`): rail by gauge, road, ferry, sea, the Northern
  corridor to compare, gas and oil. A map may colour by something else instead (the
  control map: the share held in China) and then names its own classes.
- **Pattern: status** (`STATUSES`): solid while operating, long dashes while being
  built, dots while planned or (on the year slider, after the data's as-of date)
  expected open. Lighter as the status is less certain.
- **Hollow: schematic** (`SCHEMATIC`): a stretch drawn straight between cited places
  (or a straight network edge over 100 km), not along the real route, is drawn as a
  double line: the class's colour on both edges, a white core. It keeps its colour
  and its status pattern.

Width is free for a map to use (capacity on the energy map). Dash lengths are in
multiples of the line's width (`dash_array`), so the pattern reads the same on a
3 px road and a 15 px pipeline. The page gets the same numbers (`page_data`): the
year slider restyles by them (``static/timeline.js``) and the legend, built in the
page from what is drawn (``static/grammar.js``), draws its swatches with them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

#: Colour classes: key -> (colour, legend label), in legend order.
CLASSES: dict[str, tuple[str, str]] = {
    "rail_1435": ("#1f5fbf", "Rail, standard gauge 1,435 mm"),
    "rail_1520": ("#c0392b", "Rail, broad gauge 1,520 mm"),
    "railway": ("#e08e0b", "Rail, gauge not in the data (new lines)"),
    "northern": ("#7d3c98", "Northern corridor (rail via Russia)"),
    "road": ("#8e5a2b", "Road"),
    "ferry": ("#0e9aa7", "Caspian ferry"),
    "sea": ("#5d6d7e", "Sea route"),
    "transfer": ("#99a3a4", "Transfer between two network places"),
    "gas": ("#1e8449", "Gas pipeline"),
    "oil": ("#17202a", "Oil pipeline"),
}
#: The class of a line kind without a mode.
KIND_CLASS = {"gas_pipeline": "gas", "oil_pipeline": "oil", "railway": "railway"}

#: Status values of the pattern channel, in legend order, with their legend labels.
STATUSES: dict[str, str] = {
    "operating": "operating",
    "building": "being built",
    "planned": "planned, or expected open (after today)",
}
#: A feature's ``status`` (derived from its history) -> the pattern it is drawn with.
STATUS_OF: dict[str, str] = {
    "operating": "operating",
    "existing": "operating",
    "historic": "operating",
    "under_construction": "building",
    "planned": "planned",
    "proposed": "planned",
}
#: Dash and gap in multiples of the line's width (Leaflet draws round caps, which add
#: half a width at each end of a dash): long dashes while being built, dots (a dash of
#: length 0 is a round dot) while planned.
PATTERN: dict[str, tuple[float, float] | None] = {
    "operating": None,
    "building": (2.5, 2.0),
    "planned": (0.0, 2.0),
}
#: Opacity by status, and by the slider's states after today: expected open by then
#: (every source) or only by the earliest source's date.
OPACITY: dict[str, float] = {
    "operating": 0.9,
    "building": 0.8,
    "planned": 0.55,
    "expected": 0.8,
    "earliest": 0.45,
}
#: The year slider's states (``static/timeline.js``) -> the status drawn.
STATE_STATUS = {
    "open": "operating",
    "building": "building",
    "planned": "planned",
    "expected": "planned",
    "earliest": "planned",
}
#: The schematic channel: a white core of this share of the line's width, on a line at
#: least `min_weight` px wide (a narrower double line does not read).
SCHEMATIC: dict[str, Any] = {
    "core_color": "#ffffff",
    "core_ratio": 0.45,
    "min_weight": 5,
    "label": "hollow: schematic, drawn straight between cited places (or a straight "
    "network edge over 100 km), not along the real route",
}


def status_of(status: Any, *, not_built: bool = False) -> str:
    """The pattern's status for a feature's ``status`` (``not_built``: no status, all expected)."""
    if isinstance(status, str) and status in STATUS_OF:
        return STATUS_OF[status]
    return "planned" if not_built else "operating"


def dash_array(status: str, weight: float) -> str | None:
    """Leaflet's ``dashArray`` for a status on a line `weight` px wide (None: solid)."""
    pattern = PATTERN[status]
    if pattern is None:
        return None
    # Half up, as the page rounds (``Math.round``): the same text on both sides.
    return " ".join(f"{_tenths(k * weight):g}" for k in pattern)


def _tenths(value: float) -> float:
    return math.floor(value * 10 + 0.5) / 10


def core_style(weight: float) -> dict[str, Any]:
    """The white core of a schematic (hollow) line `weight` px wide."""
    return {
        "color": SCHEMATIC["core_color"],
        "weight": _tenths(weight * SCHEMATIC["core_ratio"]),
    }


def line(cls: str, status: str, weight: float, *, color: str | None = None) -> dict[str, Any]:
    """Leaflet path options of a line of class `cls` (its colour unless `color`) and `status`.

    Besides Leaflet's options the style carries the grammar's keys for the page:
    ``cls`` (colour class) and ``st`` (status); `schematic` adds ``sch`` and ``core``.
    """
    style: dict[str, Any] = {
        "color": color or CLASSES[cls][0],
        "weight": weight,
        "opacity": OPACITY[status],
        "cls": cls,
        "st": status,
    }
    dash = dash_array(status, weight)
    if dash is not None:
        style["dashArray"] = dash
    return style


def schematic(style: Mapping[str, Any]) -> dict[str, Any]:
    """The same line drawn hollow (schematic): at least `SCHEMATIC` min_weight wide."""
    weight = max(float(style.get("weight", 3)), SCHEMATIC["min_weight"])
    out = {**style, "weight": weight, "sch": 1, "core": core_style(weight)}
    status = str(style.get("st", "operating"))
    dash = dash_array(status, weight)
    out.pop("dashArray", None)
    if dash is not None:
        out["dashArray"] = dash
    return out


def page_data(classes: Mapping[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """What the page's legend and year slider need: classes, statuses, patterns, core."""
    drawn = CLASSES if classes is None else classes
    return {
        "classes": [[key, color, label] for key, (color, label) in drawn.items()],
        "statuses": [[key, label] for key, label in STATUSES.items()],
        "pattern": {k: list(v) if v else None for k, v in PATTERN.items()},
        "opacity": OPACITY,
        "stateStatus": STATE_STATUS,
        "schematic": SCHEMATIC,
    }
