"""The what-if transit calculator of the middle-corridor map (issue 12, item 4).

Python stays the one model: `page_data` packs what `corridors.maps.calculator_data`
computed per leg (km by mode and country with the speed parameter, crossing times,
dwell events with their parameter names) and the page only re-sums it, with a port
of `corridors.maps.calculator_data.resum` (``corridorsCalc.resum`` in
``static/calculator.js``). The sliders' ranges are the parameters' sourced low and
high (`Slider`), their starting point the typical value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from branca.element import Element
from jinja2 import Template

from corridors.errors import ParameterError
from corridors.maps.assets import DATA_SLOT_PREFIX
from corridors.maps.element import PageElement
from corridors.maps.frontend import script, style
from corridors.maps.packing import safe_json

#: The corridor rows, in order, with the variant of `calculator_data.CALCULATOR_VARIANTS` each
#: shows; the sea row switches to ``sea@suez-closed`` with the Suez toggle.
ROWS = (
    ("titr", "Middle Corridor"),
    ("northern", "Northern (via Russia)"),
    ("sea", "Sea via Suez"),
)
SUEZ_CLOSED = "sea@suez-closed"


@dataclass(frozen=True)
class Slider:
    """A what-if slider: one value set for every parameter listed (same unit).

    Its range runs from the lowest sourced low to the highest sourced high of the
    parameters; it starts at the first parameter's typical value, meaning "as
    sourced" (no what-if) until the reader moves it.
    """

    key: str
    label: str
    parameters: tuple[str, ...]
    step: float


SLIDERS = (
    Slider(
        "caspian_crossing",
        "Caspian crossing (Kuryk–Alat, Aktau–Baku)",
        ("ferry_crossing_kuryk_alat", "ferry_crossing_aktau_baku"),
        0.5,
    ),
    Slider("caspian_interval", "Caspian sailing interval", ("caspian_sailing_interval",), 0.5),
    Slider("border_cn_kz", "China–Kazakhstan rail border", ("rail_border_cn_kz",), 0.5),
    Slider("rail_kaz", "Train speed in Kazakhstan", ("rail_speed_kazakhstan",), 10.0),
    Slider("rail_cn_ru", "Train speed in China and Russia", ("rail_speed_china_russia",), 10.0),
    Slider(
        "black_sea_interval", "Black Sea sailing interval", ("black_sea_sailing_interval",), 0.5
    ),
)


def slider_values(low: float, high: float, step: float) -> list[float]:
    """The values a slider offers: `low`, the multiples of `step` between, and `high`.

    The ends are the sourced figures themselves even where they are not multiples of
    the step (4.25 h ... 37.3 h), so the slider never offers a value outside them.
    """
    if step <= 0 or low > high:
        msg = f"a slider needs step > 0 and low <= high; got {low}, {high}, {step}."
        raise ValueError(msg)
    values = {float(low), float(high)}
    k = int(low // step) + 1
    while k * step < high:
        values.add(round(k * step, 10))
        k += 1
    return sorted(values)


def _slider_json(
    slider: Slider, parameter_table: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    entries = [parameter_table[pid] for pid in slider.parameters]
    units = {e["unit"] for e in entries}
    if len(units) != 1:
        msg = f"slider {slider.key!r} mixes units {sorted(units)}; give it one unit."
        raise ParameterError(msg, file="(calculator)", table=slider.key)
    low = min(e["values"]["low"] for e in entries)
    high = max(e["values"]["high"] for e in entries)
    values = slider_values(low, high, slider.step)
    typical = entries[0]["values"]["typical"]
    start = min(range(len(values)), key=lambda i: abs(values[i] - typical))
    return {
        "key": slider.key,
        "label": slider.label,
        "parameters": list(slider.parameters),
        "unit": units.pop(),
        "values": values,
        "start": start,
        "sourced": [
            {"parameter": pid, **{b: e["values"][b] for b in ("low", "typical", "high")}}
            for pid, e in zip(slider.parameters, entries, strict=True)
        ],
    }


def page_data(
    pairs: Iterable[tuple[str, str]] | None = None,
    *,
    sliders: Sequence[Slider] = SLIDERS,
    years: Sequence[int] = (),
) -> dict[str, Any]:
    """The calculator's data for the page: `calculator_data`, packed.

    Legs repeat across pairs (the same leg with the same dwell events), so each
    distinct leg plan is written once (``legs``) and a corridor plan lists their
    indexes; error texts likewise (``errors``, the reason only, without the list of
    places the corridor does reach). Only pairs that at least one corridor
    connects are offered. Python's totals are left out on purpose: the page re-sums.

    Parameters
    ----------
    pairs
        As `calculator_data`'s (default: its default pairs in each year's network).
    sliders
        The what-if sliders.
    years
        Years the page offers besides the data's as-of year: each year's plans go over
        the network open that year (`calculator_data` with ``year=``).

    Returns
    -------
    data
        ``parameters`` (as `calculator_data`'s), ``places`` (id -> name),
        ``variants``, ``rows``, ``sliders`` (`Slider` with its ``values`` and
        ``start`` index), ``legs``, ``errors``, ``year`` (the as-of year) and
        ``pairs``: [origin, destination, {variant: [end node, distance_km, [leg
        index...]] or error index}]; with `years`, ``by_year`` holds the ``pairs`` of
        each offered year (the as-of year's too), keyed by the year as text.
    """
    from corridors import network  # noqa: PLC0415 (the model only when built)
    from corridors.maps.calculator_data import calculator_data  # noqa: PLC0415

    full = calculator_data(pairs)
    legs: dict[str, int] = {}
    errors: dict[str, int] = {}
    by_year = {full["year"]: _pack(full, legs, errors)}
    places = dict(full["places"])
    for year in sorted(set(years) - {full["year"]}):
        other = calculator_data(pairs, year=year)
        by_year[year] = _pack(other, legs, errors)
        places = {**other["places"], **places}
    places["europe"] = "Europe (each corridor's end)"
    for packed in by_year.values():
        for _, _, plans in packed:
            for plan in plans.values():
                if isinstance(plan, list) and plan[0] not in places:  # a searoute port
                    places[plan[0]] = str(network.searoute_port(plan[0])["name"])
    table = full["parameters"]
    return {
        "bounds": full["bounds"],
        "fast": full["fast"],
        "parameters": table,
        "places": places,
        "variants": full["variants"],
        "rows": [list(r) for r in ROWS],
        "suez_closed": SUEZ_CLOSED,
        "sliders": [_slider_json(s, table) for s in sliders],
        "legs": [json.loads(text) for text in legs],
        "errors": list(errors),
        "year": full["year"],
        "pairs": by_year[full["year"]],
        **({"by_year": {str(y): p for y, p in sorted(by_year.items())}} if years else {}),
    }


def _pack(full: Mapping[str, Any], legs: dict[str, int], errors: dict[str, int]) -> list[list[Any]]:
    """`calculator_data`'s pairs with each leg plan and error text as an index (shared)."""
    packed = []
    for pair in full["pairs"]:
        plans: dict[str, Any] = {}
        for variant, plan in pair["corridors"].items():
            if "error" in plan:
                reason = plan["error"].split(";")[0]  # the reason, without the suggestions
                plans[variant] = errors.setdefault(reason, len(errors))
                continue
            refs = []
            for leg in plan["legs"]:
                text = json.dumps(
                    {"leg": leg["leg"], "running": leg["running"], "dwell": leg["dwell"]},
                    sort_keys=True,
                )
                refs.append(legs.setdefault(text, len(legs)))
            plans[variant] = [plan["destination"], round(plan["distance_km"], 1), refs]
        if any(isinstance(p, list) for p in plans.values()):
            packed.append([pair["origin"], pair["destination"], plans])
    return packed


def unpack(data: Mapping[str, Any], year: int | None = None) -> list[dict[str, Any]]:
    """`page_data`'s pairs (of `year`, if given) as `calculator_data` plans (for tests)."""
    out = []
    pairs = data["pairs"] if year is None else data["by_year"][str(year)]
    for origin, destination, plans in pairs:
        corridors: dict[str, Any] = {}
        for variant, plan in plans.items():
            if isinstance(plan, int):
                corridors[variant] = {"error": data["errors"][plan]}
                continue
            end, km, refs = plan
            legs = [data["legs"][i] for i in refs]
            corridors[variant] = {"destination": end, "distance_km": km, "legs": legs}
        out.append({"origin": origin, "destination": destination, "corridors": corridors})
    return out


class Calculator(PageElement):
    """The calculator panel; its data is pasted in by `assets.render_html` (never Jinja)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorsCalc.page = corridorsCalc.init(
  {{ this._parent.get_name() }}, {{ this.data_slot }}, {{ this.routes_js }});
{% endmacro %}
"""
    )

    def __init__(
        self, data: Mapping[str, Any], *, routes: Mapping[str, Element] | None = None
    ) -> None:
        super().__init__()
        self._name = "Calculator"
        self.deferred_data = safe_json(data)
        self.routes = dict(routes or {})

    @property
    def routes_js(self) -> str:
        """The layers drawing a row's route by variant, as a JavaScript object literal.

        The page shows the variant's layer the calculator counts (the Cape route when
        Suez is closed) and hides the other.
        """
        items = (f"{json.dumps(v)}: {layer.get_name()}" for v, layer in self.routes.items())
        return "{" + ", ".join(items) + "}"

    @property
    def data_slot(self) -> str:
        """The placeholder `render_html` replaces with the data (see `assets.DATA_SLOT_PREFIX`)."""
        return f"{DATA_SLOT_PREFIX}{self.get_name()}__"

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as PageElement
        """Add the calculator's style and script to the page header once."""
        figure = self.figure()
        figure.header.add_child(Element(style("calculator.css")), name="corridors_calc_css")
        figure.header.add_child(Element(script("calculator.js")), name="corridors_calc_js")
        super().render(**kwargs)
