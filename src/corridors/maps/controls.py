"""The map's own controls, written here so the offline build needs no plugin CDN.

Search by feature name, fullscreen, a geodesic distance-measuring tool, a legend
and an information panel. Their JavaScript and CSS are ``static/controls.js`` and
``static/controls.css`` (the ``corridors`` object of the page: layers, popups,
coordinate unpacking, search, measuring); Leaflet itself comes from the
``xstatic-leaflet`` package (see assets).
"""

from __future__ import annotations

from branca.element import Element, MacroElement
from jinja2 import Template

from corridors.maps.frontend import script, style


class Header(MacroElement):
    """The shared CSS and JavaScript, in the page header (before any layer script)."""

    def render(self, **kwargs: object) -> None:
        """Add the style and script to the figure's header once."""
        figure = self.get_root()
        figure.header.add_child(Element(style("controls.css")), name="corridors_css")
        figure.header.add_child(Element(script("controls.js")), name="corridors_js")
        super().render(**kwargs)


class Controls(MacroElement):
    """Search, fullscreen and measuring controls; must be added after the layers."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridors.searchControl({{ this._parent.get_name() }});
corridors.fullscreenControl({{ this._parent.get_name() }});
corridors.measureControl({{ this._parent.get_name() }});
corridors.scalePoints({{ this._parent.get_name() }});
{% endmacro %}
"""
    )


class Panel(MacroElement):
    """A box of ready-escaped HTML (legend or information) at a map corner."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridors.box({{ this._parent.get_name() }}, {{ this.html_json }}, {{ this.position_json }},
              {{ this.class_json }});
{% endmacro %}
"""
    )

    def __init__(self, html_json: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "Panel"
        self.html_json = html_json
        self.position_json = f'"{position}"'
        self.class_json = f'"{css_class}"'
