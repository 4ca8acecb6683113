"""A year slider that shows the network as it stood, or is expected to stand, in a year.

Every feature the page draws carries the CSS class ``f-<id>`` (see ``corridors.layer``
in `corridors.maps.controls`), the network piece and the schematic piece of a route
alike. For the chosen year the slider writes style rules for the classes of the
features (and the name labels of their points, ``f-<id>-label``) by the maps' grammar
(`corridors.maps.grammar`): hidden before they appear in their history, long dashes
while being built, dots while planned or when, after the data's as-of date ("today"),
sources expect them open by then (fainter when only the earliest source does). A
feature in a layer switched off and on again follows the slider.

The years come only from each feature's sourced ``history`` (`corridors.years.year_marks`);
a feature without a dated step is never hidden, and the control lists those features by
name. The slider spans from the first opening in the data to the last expected date (at
least 2030), with today marked, and lists what changed in the chosen year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from branca.element import Element
from jinja2 import Template

from corridors import catalog, years
from corridors.maps import grammar
from corridors.maps.element import PageElement
from corridors.maps.frontend import render, script, style
from corridors.maps.packing import safe_json

#: Kinds that have no opening date by nature (places, borders, context); they are
#: always shown and not listed as undated.
TIMELESS_KINDS = frozenset({"city", "border", "country", "railway_network", "annotation"})


def opened_year(value: Any) -> int | None:
    """The year of an ``opened`` value (``2009``, ``"2009-12"``, ``"2014-05-31"``), or None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


#: The slider reaches at least this year (the issue's horizon for what is planned).
HORIZON = 2030


def timeline_data(layers: Iterable[str]) -> dict[str, Any]:
    """What the slider needs from `layers`: each dated feature's year marks, and what has none.

    Returns ``marks`` (feature id -> `corridors.years.year_marks`), ``opened`` (feature id
    -> year opened, for the dated openings), ``steps`` (`corridors.years.step_list`: every
    dated or expected step, for the "what changed" list), ``undated`` (names of features
    that could have a date but have no dated step), ``today`` (the as-of year) and
    ``as_of`` (the as-of date), ``first`` (the earliest opening) and ``last`` (the latest
    expected date, at least `HORIZON`).
    """
    frames = [catalog.load(layer) for layer in layers]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    marks: dict[str, dict[str, int]] = {}
    undated: list[str] = []
    for row in frame.drop(columns=frame.geometry.name).to_dict("records"):
        found = years.year_marks(row.get("history"))
        if found:
            marks[str(row["id"])] = found
        elif row.get("kind") not in TIMELESS_KINDS:
            undated.append(str(row["name"]))
    opened = {fid: m["o"] for fid, m in marks.items() if "o" in m}
    if not opened:
        msg = "no feature of these layers has a dated opening; a timeline needs at least one."
        raise ValueError(msg)
    today = years.today()
    latest = [m["l"] for m in marks.values() if "l" in m]
    return {
        "marks": dict(sorted(marks.items())),
        "opened": dict(sorted(opened.items())),
        "steps": years.step_list(frame),
        "undated": sorted(set(undated)),
        "planned": [],
        "today": today.year,
        "as_of": today.isoformat(),
        "first": min(opened.values()),
        "last": max([HORIZON, today.year, *latest]),
    }


def control_html(data: Mapping[str, Any]) -> str:
    """The slider's HTML: year, range input with today marked, counts, changes, lists."""
    first, last, today = data["first"], data["last"], data["today"]
    return render(
        "panels/timeline.html",
        first=first,
        last=last,
        today=today,
        as_of=data["as_of"],
        today_pct=round(100 * (today - first) / max(1, last - first), 2),
        lists=[("No sourced opening date", list(data["undated"]))],
    )


class Timeline(PageElement):
    """The year slider for the features of `layers`; add it after the layers."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorsTimeline({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.html_json }},
                  {{ this.grammar_json }});
{% endmacro %}
"""
    )

    def __init__(self, layers: Iterable[str]) -> None:
        super().__init__()
        self._name = "Timeline"
        self.data = timeline_data(layers)
        self.data_json = safe_json(
            {k: self.data[k] for k in ("marks", "steps", "today", "first", "last")}
        )
        self.html_json = safe_json(control_html(self.data))
        self.grammar_json = safe_json(grammar.page_data())

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as PageElement
        """Add the timeline's style and script to the page header once."""
        figure = self.figure()
        figure.header.add_child(Element(style("timeline.css")), name="corridors_timeline_css")
        figure.header.add_child(Element(script("timeline.js")), name="corridors_timeline_js")
        super().render(**kwargs)
