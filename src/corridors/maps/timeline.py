"""A year slider that shows the network as it stood in a given year.

Every feature the page draws carries the CSS class ``f-<id>`` (see ``corridors.layer``
in ``static/controls.js``), the network piece and the schematic piece of a route
alike. The slider (``static/timeline.js``) hides a feature by writing one style rule
for the classes of the features whose ``opened`` year lies after the chosen year (and
for the name labels of their points, ``f-<id>-label``), so both pieces of a route, and
a feature in a layer that is switched off and on again, follow the slider.

The years come only from the ``opened`` property of the data (each backed by a
source whose ``supports`` lists ``opened``). A feature without a sourced date is never
hidden, and the control lists those features by name so the reader knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from corridors import catalog
from corridors.maps.frontend import render, script, style
from corridors.maps.packing import safe_json

#: Kinds that have no opening date by nature (places, borders, context); they are
#: always shown and not listed as undated.
TIMELESS_KINDS = frozenset({"city", "border", "country", "railway_network", "annotation"})
#: Statuses drawn dashed as not (yet) built.
NOT_BUILT = frozenset({"planned", "proposed", "under_construction"})


def opened_year(value: Any) -> int | None:
    """The year of an ``opened`` value (``2009``, ``"2009-12"``, ``"2014-05-31"``), or None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def timeline_data(layers: Iterable[str]) -> dict[str, Any]:
    """What the slider needs from `layers`: each dated feature's year, and what has none.

    Returns ``opened`` (feature id -> year opened), ``undated`` (names of features that
    could have a date but have none in the data), ``planned`` (names of not-yet-built
    features without a date; drawn dashed throughout), ``first`` and ``last`` (the
    earliest and latest year in ``opened``).
    """
    opened: dict[str, int] = {}
    undated: list[str] = []
    planned: list[str] = []
    for layer in layers:
        gdf = catalog.load(layer)
        for row in gdf.drop(columns=gdf.geometry.name).to_dict("records"):
            year = opened_year(row.get("opened"))
            if year is not None:
                opened[str(row["id"])] = year
            elif row.get("status") in NOT_BUILT:
                planned.append(str(row["name"]))
            elif row.get("kind") not in TIMELESS_KINDS:
                undated.append(str(row["name"]))
    if not opened:
        msg = "no feature of these layers has an 'opened' date; a timeline needs at least one."
        raise ValueError(msg)
    return {
        "opened": dict(sorted(opened.items())),
        "undated": sorted(set(undated)),
        "planned": sorted(set(planned)),
        "first": min(opened.values()),
        "last": max(opened.values()),
    }


def control_html(data: Mapping[str, Any]) -> str:
    """The slider's HTML: year, range input, what is hidden, and what is never hidden."""
    return render(
        "panels/timeline.html",
        first=data["first"],
        last=data["last"],
        lists=[
            ("No sourced opening date", list(data["undated"])),
            ("Planned, no date (dashed)", list(data["planned"])),
        ],
    )


class Timeline(MacroElement):
    """The year slider for the features of `layers`; add it after the layers."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorsTimeline({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.html_json }});
{% endmacro %}
"""
    )

    def __init__(self, layers: Iterable[str]) -> None:
        super().__init__()
        self._name = "Timeline"
        self.data = timeline_data(layers)
        self.data_json = safe_json({"opened": self.data["opened"]})
        self.html_json = safe_json(control_html(self.data))

    def render(self, **kwargs: object) -> None:
        """Add the timeline's style and script to the page header once."""
        figure = self.get_root()
        figure.header.add_child(Element(style("timeline.css")), name="corridors_timeline_css")
        figure.header.add_child(Element(script("timeline.js")), name="corridors_timeline_js")
        super().render(**kwargs)
