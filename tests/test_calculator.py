"""The calculator's page data (corridors.maps.calculator): packed, re-summable, sourced ranges."""

from __future__ import annotations

import json

import pytest

from corridors import parameters
from corridors.errors import ParameterError
from corridors.maps import calculator
from corridors.maps.assets import DATA_SLOT_PREFIX, AtlasMap, render_html
from corridors.maps.calculator import Calculator, Slider, page_data, slider_values, unpack
from corridors.maps.layers import safe_json
from corridors.transit import calculator_data, resum


@pytest.fixture(scope="module")
def data():
    return page_data()


@pytest.fixture(scope="module")
def full():
    return calculator_data()


def test_slider_values__sourced_ends_and_steps_between():
    assert slider_values(4.25, 6.0, 0.5) == [4.25, 4.5, 5.0, 5.5, 6.0]
    assert slider_values(18, 24, 2) == [18, 20, 22, 24]
    assert slider_values(7, 7, 0.5) == [7]
    with pytest.raises(ValueError, match="step > 0"):
        slider_values(1, 2, 0)
    with pytest.raises(ValueError, match="low <= high"):
        slider_values(3, 2, 0.5)


def test_page_data__unpacked_plans_resum_to_python_totals(data, full):
    """Packing loses nothing resum needs: every plan re-sums to transit's hours."""
    offered = {(p["origin"], p["destination"]): p for p in unpack(data)}
    checked = 0
    for pair in full["pairs"]:
        plans = pair["corridors"]
        key = (pair["origin"], pair["destination"])
        if all("error" in plan for plan in plans.values()):
            assert key not in offered  # no corridor connects it: not offered
            continue
        for variant, plan in plans.items():
            packed = offered[key]["corridors"][variant]
            if "error" in plan:
                assert plan["error"].startswith(packed["error"])
                continue
            assert resum(packed, data["parameters"]) == pytest.approx(plan["hours"])
            assert packed["distance_km"] == pytest.approx(plan["distance_km"], abs=0.05)
            assert packed["destination"] == plan["destination"]
            assert packed["destination"] in data["places"]
            checked += 1
    assert checked > 150
    # Python's totals are not in the page: it must re-sum.
    assert "hours" not in json.dumps(data["pairs"])


def test_page_data__legs_written_once_and_small(data):
    refs = [
        i
        for _, _, plans in data["pairs"]
        for p in plans.values()
        if isinstance(p, list)
        for i in p[2]
    ]
    assert len(data["legs"]) < len(refs) / 5
    assert set(refs) == set(range(len(data["legs"])))
    assert len(safe_json(data)) < 100_000


def test_page_data__slider_ranges_are_the_sourced_low_and_high(data):
    table = parameters.load().parameters
    assert [s["key"] for s in data["sliders"]] == [s.key for s in calculator.SLIDERS]
    for slider in data["sliders"]:
        params = [table[pid] for pid in slider["parameters"]]
        assert slider["values"][0] == min(p.low for p in params)
        assert slider["values"][-1] == max(p.high for p in params)
        assert slider["values"] == sorted(slider["values"])
        start = slider["values"][slider["start"]]
        gaps = [abs(v - params[0].typical) for v in slider["values"]]
        assert abs(start - params[0].typical) == min(gaps)
        assert slider["unit"] == params[0].unit


def test_page_data__a_slider_mixing_units_is_refused():
    mixed = Slider("mixed", "Mixed", ("ferry_crossing_kuryk_alat", "black_sea_feeder"), 0.5)
    with pytest.raises(ParameterError, match="mixes units"):
        page_data([("lianyungang", "europe")], sliders=[mixed])


def test_calculator__data_pasted_in_after_jinja_and_script_safe():
    m = AtlasMap(location=[45, 60], zoom_start=4, tiles=None, offline=False)
    data = page_data([("lianyungang", "europe")])
    data["places"]["lianyungang"] = "</script><b>{{ 7*7 }}</b>"
    Calculator(data).add_to(m)
    page = render_html(m)
    assert DATA_SLOT_PREFIX not in page
    assert "corridorsCalc.init(" in page
    assert "</script><b>" not in page
    assert "{{ 7*7 }}" not in page
    assert "\\u003c/script\\u003e\\u003cb\\u003e\\u007b{ 7*7 }}" in page
