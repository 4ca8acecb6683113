"""The map's own controls, written here so the offline build needs no plugin CDN.

Search by feature name, fullscreen, a geodesic distance-measuring tool, a legend
and an information panel. Their JavaScript and CSS are ``static/controls.js`` and
``static/controls.css`` (the ``corridors`` object of the page: layers, popups,
coordinate unpacking, search, measuring); Leaflet itself comes from the
``xstatic-leaflet`` package (see assets).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from branca.element import Element
from jinja2 import Template

from corridors import catalog, names
from corridors.maps import grammar
from corridors.maps.element import PageElement
from corridors.maps.frontend import script, style
from corridors.maps.packing import safe_json

_COMBINING = re.compile("[\u0300-\u036f]")


def page_key(name: str) -> str:
    """The page's comparison key (``corridors.fold`` in ``static/controls.js``).

    Accents dropped (NFKD, combining marks removed), lower case, letters and digits
    only, in any script: 'Ürümqi' → 'urumqi', 'Алматы' → 'алматы'.
    """
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", name)).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _search_data() -> dict[str, Any]:
    everything = catalog.load_all()
    alternates = names.alternate_names(catalog.in_use().root)
    out: dict[str, Any] = {}
    rows = zip(everything["id"], everything["kind"], everything["name"], strict=True)
    for fid, kind, name in rows:
        if kind == "country":
            continue  # the basemap's countries are not searched as features
        labels = [str(name), *alternates.get(fid, ())]
        # The CLI's keys (transliterated to ASCII: '乌鲁木齐' -> 'wulumuqi') and the page's
        # own fold of each label, so a name typed in its script matches as written.
        keys = {names.key(label) for label in labels} | {page_key(label) for label in labels}
        out[str(fid)] = [str(kind), sorted(k for k in keys if k)]
    return out


def search_data() -> dict[str, Any]:
    """Feature id → [kind, comparison keys] for the page's search.

    The keys are those of the feature's name and of its GeoNames alternate names in
    every script (``geodata/alternate-names.json``, as `corridors.names` matches what a
    CLI user types), folded as the CLI folds them and as the page folds a query.
    """
    return catalog.in_use().kept("search data", _search_data)


class Header(PageElement):
    """The shared CSS and JavaScript, in the page header (before any layer script)."""

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as PageElement
        """Add the style and script to the figure's header once."""
        figure = self.figure()
        figure.header.add_child(Element(style("controls.css")), name="corridors_css")
        figure.header.add_child(Element(script("controls.js")), name="corridors_js")
        figure.header.add_child(Element(script("grammar.js")), name="corridors_grammar_js")
        figure.header.add_child(Element(style("layout.css")), name="corridors_layout_css")
        figure.header.add_child(Element(script("layout.js")), name="corridors_layout_js")
        super().render(**kwargs)


class Controls(PageElement):
    """Search, fullscreen and measuring controls; must be added after the layers."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridors.setup({{ this._parent.get_name() }}, {{ this.search_json }});
{% endmacro %}
"""
    )

    @property
    def search_json(self) -> str:
        """`search_data` as script-safe JSON for the page."""
        return safe_json(search_data())


class LegendKey(PageElement):
    """The legend's lines, made in the page from what the map draws (``static/grammar.js``).

    `classes` overrides the grammar's colour classes (key -> colour, label) on a map
    that colours by something else (the control map). Add it after the layers.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorsGrammar.init({{ this._parent.get_name() }}, {{ this.data_json }});
{% endmacro %}
"""
    )

    def __init__(self, classes: Mapping[str, tuple[str, str]] | None = None) -> None:
        super().__init__()
        self._name = "LegendKey"
        self.data_json = safe_json(grammar.page_data(classes))


class Panel(PageElement):
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
