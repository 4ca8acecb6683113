"""The calculator's page data (corridors.maps.calculator, calculator_data): packed, re-summable."""

from __future__ import annotations

import json

import pytest

import corridors
from corridors import lookup, network, parameters
from corridors.errors import ParameterError
from corridors.maps import calculator
from corridors.maps.assets import DATA_SLOT_PREFIX, AtlasMap, render_html
from corridors.maps.calculator import Calculator, Slider, page_data, slider_values, unpack
from corridors.maps.calculator_data import calculator_data, resum
from corridors.maps.layers import safe_json


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


def test_page_data__packing_keeps_every_leg_of_every_offered_plan(data, full):
    """The page gets calculator_data's legs (what resum needs), no totals to copy."""
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
            legs = [{k: leg[k] for k in ("leg", "running", "dwell")} for leg in plan["legs"]]
            assert packed["legs"] == legs
            assert packed["distance_km"] == pytest.approx(plan["distance_km"], abs=0.05)
            assert packed["destination"] == plan["destination"]
            assert packed["destination"] in data["places"]
            checked += 1
    assert checked > 150
    # Neither Python's nor anyone's totals are in the page: it must re-sum.
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


# --- calculator_data and resum: checks against the parameters' own meaning ---------------
# (The page's re-sum against the model, case by case, is tests/js/calculator.test.js on
# tests/fixtures/calculator-cases.json; tests/test_frontend.py checks that fixture.)


def _plan(full, origin, destination, variant):
    pair = next(
        p for p in full["pairs"] if (p["origin"], p["destination"]) == (origin, destination)
    )
    return pair["corridors"][variant]


def test_resum__one_rail_leg_is_its_km_by_country_over_the_sourced_speeds():
    """Almaty–Aktau, one broad-gauge leg in Kazakhstan: km / speed, the fast speed for low."""
    plan_data = calculator_data([("almaty", "aktau")])
    plan = plan_data["pairs"][0]["corridors"]["titr"]
    # The leg runs in Kazakhstan (its sourced `countries`): all its km at the Kazakh speed.
    assert list(corridors.load_all().set_index("id").loc["titr-almaty-aktau", "countries"]) == [
        "KAZ"
    ]
    km = {"KAZ": lookup.route_length("titr-almaty-aktau")}
    speed = parameters.load().parameters["rail_speed_kazakhstan"]
    assert [leg["leg"] for leg in plan["legs"]] == ["titr-almaty-aktau"]
    assert speed.unit == "km/day"
    days = {b: d / 24 for b, d in resum(plan, plan_data["parameters"]).items()}
    assert days["typical"] == pytest.approx(km["KAZ"] / speed.typical, rel=1e-3)
    assert days["low"] == pytest.approx(km["KAZ"] / speed.high, rel=1e-3)
    assert days["high"] == pytest.approx(km["KAZ"] / speed.low, rel=1e-3)


def _moved(full, pid, value):
    """resum of Lianyungang–Europe (TITR) as sourced, and with `pid` set to `value`."""
    plan = _plan(full, "lianyungang", "europe", "titr")
    before = resum(plan, full["parameters"])
    after = resum(plan, full["parameters"], {pid: dict.fromkeys(("low", "typical", "high"), value)})
    return plan, before, {b: after[b] - before[b] for b in before}


def test_resum__a_sailing_interval_waits_nothing_half_or_all_of_it(full):
    """One Caspian sailing on the way: an interval of H days waits 0, H/2, H."""
    entry = full["parameters"]["caspian_sailing_interval"]
    plan, _, delta = _moved(full, "caspian_sailing_interval", 11.0)
    boardings = [e for leg in plan["legs"] for e in leg["dwell"]]
    assert sum(e["parameter"] == "caspian_sailing_interval" for e in boardings) == 1
    days = entry["factor"]  # hours per unit (days)
    assert delta["low"] == pytest.approx(0.0, abs=1e-9)
    assert delta["typical"] == pytest.approx((11.0 - entry["values"]["typical"]) / 2 * days)
    assert delta["high"] == pytest.approx((11.0 - entry["values"]["high"]) * days)


def test_resum__a_crossing_time_adds_as_it_is(full):
    entry = full["parameters"]["ferry_crossing_kuryk_alat"]
    _, _, delta = _moved(full, "ferry_crossing_kuryk_alat", 30.0)
    for b in ("low", "typical", "high"):
        assert delta[b] == pytest.approx((30.0 - entry["values"][b]) * entry["factor"])


def test_resum__a_train_speed_changes_the_time_by_the_km_it_covers(full):
    """Kazakh rail at 400 km/day: every km in Kazakhstan on the way takes 1/400 day."""
    plan, _, delta = _moved(full, "rail_speed_kazakhstan", 400.0)
    entry = full["parameters"]["rail_speed_kazakhstan"]
    every = corridors.load_all().set_index("id")
    km_kaz = 0.0
    for leg in plan["legs"]:
        if leg["running"]["type"] != "speed" or leg["leg"] not in every.index:
            continue  # crossing times, and sea links of transit.toml
        if list(every.loc[leg["leg"], "countries"]) == ["KAZ"]:
            km_kaz += lookup.route_length(leg["leg"])
        elif "KAZ" in every.loc[leg["leg"], "countries"]:  # the border crossing's Kazakh part
            split = lookup.length_by_country(leg["leg"]).set_index("country")["length_km"]
            km_kaz += float(split.get("KAZ", 0.0))
    assert km_kaz > 2000  # Khorgos to the Caspian
    fast = {"low": "high", "typical": "typical", "high": "low"}
    for b in ("low", "typical", "high"):
        old = entry["values"][fast[b]] * entry["factor"]
        new = 400.0 * entry["factor"]
        assert delta[b] == pytest.approx(km_kaz / new - km_kaz / old, rel=2e-3)


def test_calculator_data__plans_carry_km_by_mode_and_named_dwell(full):
    plan = _plan(full, "lianyungang", "europe", "titr")
    legs = {leg["leg"]: leg for leg in plan["legs"]}
    ferry = legs["titr-kuryk-alat-ferry"]
    assert ferry["mode"] == "ferry"
    assert ferry["running"] == {"type": "crossing_time", "parameter": "ferry_crossing_kuryk_alat"}
    rail = legs["titr-almaty-aktau"]
    assert rail["running"]["type"] == "speed"
    assert sum(p["km"] for p in rail["running"]["parts"]) == pytest.approx(rail["distance_km"])
    waits = [e for leg in plan["legs"] for e in leg["dwell"] if e["parameter"].endswith("interval")]
    assert {e["parameter"] for e in waits} == {
        "caspian_sailing_interval",
        "black_sea_sailing_interval",
    }
    assert all(e["on"] == "board" for e in waits)
    variants = {v for p in full["pairs"] for v, plan in p["corridors"].items() if "legs" in plan}
    assert variants == {"titr", "northern", "sea", "sea@suez-closed"}


def test_calculator_data__unreachable_pair_says_why(full):
    pair = next(p for p in full["pairs"] if p["origin"] == "xian" and p["destination"] == "kars")
    assert "no route" in pair["corridors"]["northern"]["error"]
    assert set(full["places"]) == set(network.corridor_network().nodes)
