"""The opening view: fitted to a map's data on every screen, from a phone up.

`FitView` replaces folium's ``fitBounds`` element: the page calls
``corridorsLayout.fitView`` (``static/layout.js``), which keeps the paddings a map asks
for (room for its panels) only where the screen is wide enough for them; on a narrow
screen the panels fold into one control and the data fills the width.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from jinja2 import Template

from corridors.maps.element import PageElement


class FitView(PageElement):
    """Fit the map to `bounds` ([[south, west], [north, east]]) when the page opens."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorsLayout.fitView({{ this._parent.get_name() }}, {{ this.options_json }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        bounds: Sequence[Sequence[float]],
        *,
        padding_top_left: Sequence[float] | None = None,
        padding_bottom_right: Sequence[float] | None = None,
        max_zoom: float | None = None,
    ) -> None:
        super().__init__()
        self._name = "FitView"
        self.bounds = [[float(v) for v in corner] for corner in bounds]
        options = {
            "bounds": [[float(v) for v in corner] for corner in bounds],
            "topLeft": [float(v) for v in padding_top_left or (20, 20)],
            "bottomRight": [float(v) for v in padding_bottom_right or (20, 20)],
            "maxZoom": max_zoom,
        }
        self.options_json = json.dumps(options, sort_keys=True)
