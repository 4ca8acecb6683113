"""Transit model: known answers, ranges, scenarios, the published totals, the backtest
and the calculator's re-sum.

Published totals the model is checked against (geodata/transit.toml has the parameters):
- Middle Corridor: 31–34 days China→Constanța, 32–37 to Duisburg (TITR guidance as reported
  in 2025, Navis Group 27 Aug 2025); advertised 14–18 days (Caspian News 2017; TRACECA).
- Northern corridor: 12–18 days (Port Economics, Management and Policy: Eurasian landbridges).
- Sea via Suez: about 27 days at 16 kn, about 35 days with calls (Port Economics).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest

from corridors import lookup, parameters
from corridors.errors import NoRouteError, ParameterError, UnknownNameError
from corridors.transit import backtest, compare, transit


@pytest.fixture(scope="module")
def europe():
    return {c: transit("lianyungang", "europe", corridor=c) for c in ("titr", "northern", "sea")}


def test_transit__one_leg_known_answer():
    # Almaty–Aktau lies in Kazakhstan: 941 km/day typical, 800 low, 1,200 high (KTZ etc.).
    result = transit("Almaty", "Aktau", corridor="titr")
    km = lookup.route_length("titr-almaty-aktau")
    leg = result.legs.iloc[0]
    assert leg["distance_km"] == pytest.approx(km)
    assert leg["running_h_typical"] == pytest.approx(km / 941 * 24)
    assert leg["running_h_low"] == pytest.approx(km / 1200 * 24)
    assert leg["running_h_high"] == pytest.approx(km / 800 * 24)
    assert result.legs["dwell_events"].iloc[-1] == ""  # no dwell at the destination
    assert result.days["typical"] == pytest.approx(km / 941)


def test_transit__ferry_uses_the_published_crossing_time():
    result = transit("aktau", "baku", corridor="titr")
    ferry = result.legs.set_index("leg").loc["titr-aktau-baku-ferry"]
    assert (ferry["running_h_low"], ferry["running_h_typical"], ferry["running_h_high"]) == (
        20.0,
        22.0,
        24.0,
    )
    # Boarding: the wait for a sailing every 3/7/10 days (0, 3.5 and 10 days) and the
    # berth cycle (6/9/12 h) at the origin.
    origin = result.legs.iloc[0]
    assert origin["leg"] == "(origin)"
    assert origin["dwell_h_low"] == pytest.approx(0 + 6)
    assert origin["dwell_h_typical"] == pytest.approx(7 / 2 * 24 + 9)
    assert origin["dwell_h_high"] == pytest.approx(10 * 24 + 12)
    # Leaving the ferry at Baku: arrival handling (20 h) and block-train customs (2/3/4 h).
    assert ferry["dwell_h_typical"] == 20.0 + 3.0
    assert ferry["dwell_h_low"] == 20.0 + 2.0


def test_transit__sailing_wait_follows_from_the_interval():
    # A service every H: wait 0 (low), H/2 (typical), H (high); the Black Sea feeder
    # sails every 10 days (7 at the shortest), so 0 / 5 / 10 days before Batumi–Constanța.
    interval = parameters.load().parameters["black_sea_sailing_interval"]
    assert interval.kind == "service_interval"
    assert interval.dwell_hours() == {"low": 0.0, "typical": 5 * 24.0, "high": 10 * 24.0}
    result = transit("tbilisi", "constanta", corridor="titr")
    batumi = result.legs.set_index("leg").loc["titr-tbilisi-batumi"]
    assert "black_sea_sailing_interval" in batumi["dwell_events"]
    port_call = parameters.load().parameters["container_ship_port_call"].in_model_units()
    assert batumi["dwell_h_typical"] == pytest.approx(5 * 24 + port_call["typical"])
    assert batumi["dwell_h_low"] == pytest.approx(0 + port_call["low"])


def test_transit__interval_scenario_halves_into_the_wait():
    base = transit("tbilisi", "constanta", corridor="titr")
    weekly = transit("tbilisi", "constanta", corridor="titr", scenario="weekly-black-sea-sailing")
    # typical wait 10/2 -> 7/2 days; high wait 10 -> 7 days; low stays 0.
    assert base.hours["typical"] - weekly.hours["typical"] == pytest.approx((10 - 7) / 2 * 24)
    assert base.hours["high"] - weekly.hours["high"] == pytest.approx((10 - 7) * 24)
    assert base.hours["low"] == pytest.approx(weekly.hours["low"])


def test_transit__breakdown_is_consistent(europe):
    for result in europe.values():
        legs = result.legs
        assert legs["cumulative_km"].iloc[-1] == pytest.approx(result.distance_km)
        for b in ("low", "typical", "high"):
            total = legs[f"running_h_{b}"].sum() + legs[f"dwell_h_{b}"].sum()
            assert result.hours[b] == pytest.approx(total)
        assert result.days["low"] < result.days["typical"] < result.days["high"]


def test_transit__symmetric_in_total():
    there = transit("xian", "duisburg", corridor="northern")
    back = transit("duisburg", "xian", corridor="northern")
    assert back.hours == pytest.approx(there.hours)
    assert back.distance_km == pytest.approx(there.distance_km)


def test_transit__unknown_place_suggests():
    with pytest.raises(UnknownNameError, match="Did you mean 'lianyungang'"):
        transit("Lianyungan", "kars")


def test_transit__unknown_sea_destination_suggests_searoute_ports():
    with pytest.raises(UnknownNameError, match=r"searoute port 'Gdanks'\. Did you mean 'gdansk'"):
        transit("lianyungang", "Gdanks", corridor="sea")


def test_transit__unknown_scenario_and_corridor():
    with pytest.raises(UnknownNameError, match="suez-closed"):
        transit("lianyungang", "europe", corridor="sea", scenario="suez-close")
    with pytest.raises(UnknownNameError, match="unknown corridor"):
        transit("lianyungang", "kars", corridor="arctic")


def test_transit__northern_within_published_12_to_18_days(europe):
    # Published: 12–18 days (Trans-Siberian, ~10,000 km); the model's range contains it.
    days = europe["northern"].days
    assert 12 <= days["typical"] <= 18
    assert days["low"] <= 12
    assert days["high"] >= 18


def test_transit__sea_via_suez_within_published_27_to_35_days(europe):
    # Published: ~27 days at 16 kn, ~35 days typical with calls; the model's typical
    # lies between the two.
    result = europe["sea"]
    assert result.destination == "NLRTM"  # searoute ports go by UN/LOCODE
    assert 19_000 < result.distance_km < 21_000  # ~10,600 nm ≈ 19,600 km published
    assert 27 <= result.days["typical"] <= 35


def test_transit__middle_corridor_against_published_totals(europe):
    # Published (TITR guidance, reported 2025): 31–34 days China→Constanța, read from
    # transit.toml's [[reported]] row for this route. The sourced model does NOT reach it:
    # its typical estimate from Lianyungang lies below the range, with the waits for the
    # Caspian and Black Sea sailings derived from their intervals. Not fitted. The rest of
    # the gap lies with steps that have no sourced duration and are counted as 0 h
    # (Caspian weather closures, rail-to-ship at Batumi, container dwell at Constanța):
    # the backtest names them.
    (reported,) = [
        r
        for r in parameters.load().reported
        if r.id == "titr_tt_official_2025-constanta-from-lianyungang"
    ]
    assert (reported.origin, reported.destination) == ("lianyungang", "constanta")
    assert reported.low is not None
    assert reported.high is not None
    result = europe["titr"]
    assert result.destination == "ROCND"
    days = result.days
    assert days["typical"] == pytest.approx(26.5, abs=0.5)
    assert days["typical"] < reported.low  # the miss, stated
    assert days["low"] < reported.low  # the reported range lies inside the model's
    assert reported.high < days["high"]
    # Advertised 14–18 days (Caspian News 2017; TRACECA): the fast estimate reaches 18, not 14.
    assert 14 < days["low"] <= 18 <= days["typical"]


def test_transit__middle_corridor_slower_than_northern(europe):
    # World Bank 2023: the Middle Corridor takes longer than the Northern route.
    assert europe["titr"].days["typical"] > europe["northern"].days["typical"]


def test_transit__akhalkalaki_gauge_uses_the_carec_rail_border_proxy():
    # No Akhalkalaki-specific figure: CAREC CPMM's average rail border-crossing time
    # (20.6 h in 2019, 23.0 h in 2020), labelled as a proxy in transit.toml.
    result = transit("tbilisi", "kars", corridor="titr")
    row = result.legs.set_index("leg").loc["titr-tbilisi-akhalkalaki"]
    assert row["dwell_events"] == "akhalkalaki_gauge"
    assert (row["dwell_h_low"], row["dwell_h_typical"], row["dwell_h_high"]) == (20.6, 20.6, 23.0)
    assert "PROXY" in parameters.load().parameters["akhalkalaki_gauge"].note


def test_transit__placeholders_show_in_the_breakdown_with_their_note():
    result = transit("tbilisi", "constanta", corridor="titr")
    notes = " ".join(result.legs["note"])
    for placeholder in ("georgian_port_rail_to_ship", "constanta_container_dwell"):
        assert f"{placeholder}: PLACEHOLDER" in notes


def test_scenario__suez_closed_goes_round_the_cape(europe):
    cape = transit("lianyungang", "europe", corridor="sea", scenario="suez-closed")
    assert cape.distance_km > europe["sea"].distance_km + 5_000
    assert cape.days["typical"] > europe["sea"].days["typical"]


@pytest.mark.parametrize(
    ("scenario", "saved_typical_h"),
    [
        ("shorter-border-dwell", 27.6 - 4.25),
        ("weekly-black-sea-sailing", (10 - 7) / 2 * 24),
        ("caspian-storm-week", -7 * 24),
    ],
)
def test_scenario__changes_one_parameter(europe, scenario, saved_typical_h):
    faster = transit("lianyungang", "europe", corridor="titr", scenario=scenario)
    saved = europe["titr"].hours["typical"] - faster.hours["typical"]
    assert saved == pytest.approx(saved_typical_h)


def test_scenario__faster_caspian_speeds_up_the_aktau_baku_sailing():
    # The main line now sails from Kuryk, so the scenario shows on Almaty–Baku.
    before = transit("almaty", "baku", corridor="titr")
    after = transit("almaty", "baku", corridor="titr", scenario="faster-caspian")
    assert "titr-aktau-baku-ferry" in set(before.legs["leg"])
    assert before.hours["typical"] - after.hours["typical"] == pytest.approx(22 - 18)


def test_compare__three_corridors_from_one_origin():
    table = compare("lianyungang")
    assert table["corridor"].tolist() == ["titr", "northern", "sea"]
    assert table["destination"].tolist() == ["ROCND", "duisburg", "NLRTM"]
    assert table["days_typical"].notna().all()


def test_compare__unreachable_corridor_is_a_row_with_its_reason():
    table = compare("xian", "kars").set_index("corridor")
    assert table.loc["titr", "days_typical"] > 0
    assert "no route" in table.loc["northern", "note"]
    assert "not an ocean port" in table.loc["sea", "note"]


def test_transit__overrides_change_one_parameter_as_a_scenario_does():
    faster = transit("lianyungang", "europe", scenario="faster-caspian")
    what_if = transit(
        "lianyungang",
        "europe",
        overrides={"ferry_crossing_aktau_baku": {"low": 18, "typical": 18, "high": 18}},
    )
    assert what_if.hours == pytest.approx(faster.hours)


def test_transit__overrides_are_checked():
    with pytest.raises(UnknownNameError, match="caspian_sailing_interval"):
        transit("almaty", "baku", overrides={"caspian_sailing_intervall": {"typical": 2}})
    with pytest.raises(ParameterError, match="low <= typical <= high"):
        transit("almaty", "baku", overrides={"caspian_sailing_interval": {"typical": 20}})


def test_transit__a_parameter_naming_a_missing_leg_is_refused(monkeypatch):
    data = parameters.load()
    broken = data.parameters["black_sea_feeder"].__class__(
        **{**data.parameters["black_sea_feeder"].__dict__, "legs": ("sea-poti-nowhere",)}
    )
    changed = {**data.parameters, "black_sea_feeder": broken}
    monkeypatch.setattr(
        parameters.TransitData,
        "with_scenario",
        lambda self, name: replace(self, parameters=changed),
    )
    with pytest.raises(ParameterError, match="sea-poti-nowhere"):
        transit("almaty", "aktau")


def test_transit__same_place_is_an_error():
    with pytest.raises(NoRouteError, match="same place"):
        transit("aktau", "Aktau")


def test_to_dict__json_ready():
    data = transit("almaty", "aktau").to_dict()
    assert set(data) >= {"origin", "destination", "corridor", "distance_km", "days", "legs"}
    assert data["legs"][0]["leg"] == "titr-almaty-aktau"


# --- the parameter file -------------------------------------------------------------------


def test_parameters__every_value_sourced_or_declared():
    data = parameters.load()
    for p in data.parameters.values():
        assert p.sources or set(p.unsourced) == {"low", "typical", "high"}
        for source in p.sources:
            assert source.quote
            assert source.url.startswith("http")


def _raw() -> dict:
    return tomllib.loads(parameters.default_path().read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda r: r["parameters"]["rail_speed_kazakhstan"].update(low=2000), "low <= typical"),
        (lambda r: r["parameters"]["rail_speed_kazakhstan"].update(unit="mph"), "does not fit"),
        (lambda r: r["parameters"]["rail_speed_kazakhstan"].update(sources=[]), "no sources"),
        (lambda r: r["parameters"]["ferry_crossing_kuryk_alat"].update(high=30), "unsourced"),
        (lambda r: r["parameters"]["rail_speed_kazakhstan"].pop("typical"), "'typical'"),
        (lambda r: r["parameters"]["rail_speed_kazakhstan"].update(speed=3), "unknown property"),
        (lambda r: r["corridors"]["titr"].pop("leg_corridors"), "leg_corridors"),
        (
            lambda r: r["parameters"]["rail_speed_kazakhstan"]["sources"][0].update(ref="nope"),
            "not in the file's sources",
        ),
        (lambda r: r["scenarios"]["faster-caspian"].update(parameter="nope"), "not defined"),
        (lambda r: next(iter(r["sources"].values())).update(url="x"), "http"),
    ],
)
def test_parameters__validation_names_file_table_and_field(change, match):
    raw = _raw()
    change(raw)
    with pytest.raises(ParameterError, match=match) as caught:
        parameters.parse(raw, origin="geodata/transit.toml")
    assert str(caught.value).startswith("geodata/transit.toml: [")


def test_parameters__unreadable_file(tmp_path):
    bad = tmp_path / "transit.toml"
    bad.write_text("[parameters\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="not valid TOML"):
        parameters.load(bad)


@pytest.mark.parametrize(
    ("scenario_body", "match"),
    [
        ('parameter = "rail_border_cn_kz"\nlow = -5.0', "non-negative"),
        ('parameter = "rail_border_cn_kz"\ntypical = "fast"', "non-negative"),
        ('parameter = "rail_speed_kazakhstan"\nlow = 0.0', "positive"),
        ('sea_restrictions = ["nortwest"]', "unknown sea_restrictions 'nortwest'"),
    ],
)
def test_parameters__scenarios_are_checked_like_parameters(tmp_path, scenario_body, match):
    text = parameters.default_path().read_text(encoding="utf-8")
    text += (
        '\n[scenarios.broken]\ndescription = "x"\n'
        f'sources = [{{ ref = "{next(iter(_raw()["sources"]))}", quote = "q" }}]\n'
        + scenario_body
        + "\n"
    )
    path = tmp_path / "transit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match=match):
        parameters.load(path)


def test_parameters__service_interval_validated(tmp_path):
    raw = _raw()
    raw["parameters"]["caspian_sailing_interval"]["on"] = ["alight"]
    with pytest.raises(ParameterError, match="on 'board'"):
        parameters.parse(raw, origin="t.toml")
    raw = _raw()
    raw["parameters"]["caspian_sailing_interval"]["low"] = 0
    with pytest.raises(ParameterError, match="positive"):
        parameters.parse(raw, origin="t.toml")


def test_parameters__wait_follows_from_interval():
    assert parameters.wait_hours({"low": 72.0, "typical": 168.0, "high": 240.0}) == {
        "low": 0.0,
        "typical": 84.0,
        "high": 240.0,
    }


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda r: r["reported"][0].update(kind="rumour"), "unknown kind"),
        (lambda r: r["reported"][0].update(corridor="silk"), "unknown corridor"),
        (lambda r: r["reported"][0].update(sources=[]), "needs its source"),
        (lambda r: r["reported"][0].update(low=40), "below low"),
        (lambda r: (r["reported"][0].pop("low"), r["reported"][0].pop("high")), "give `low`"),
        (lambda r: r["reported"][1].update(id=r["reported"][0]["id"]), "duplicate id"),
        (lambda r: r["reported"][0].update(scenario="nope"), "not defined"),
        (lambda r: r["reported"][0].update(kind="ratio"), "ratio_to"),
    ],
)
def test_parameters__reported_times_validated(change, match):
    raw = _raw()
    change(raw)
    with pytest.raises(ParameterError, match=match):
        parameters.parse(raw, origin="geodata/transit.toml")


# --- the backtest ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table():
    return backtest().set_index("id")


def test_backtest__covers_every_reported_total_in_the_facts(table):
    # facts.md section 4: every door-to-door time (and the World Bank ratio).
    for fact in (
        "titr_tt_official_2025-constanta",
        "titr_tt_official_2025-europe",
        "titr_tt_38",
        "titr_tt_traceca",
        "titr_tt_advertised_14",
        "titr_tt_wef_10",
        "titr_xian_baku_11",
        "titr_tr_minister",
        "wb_mc_vs_northern",
        "northern_transsib",
        "northern_chongqing_duisburg",
        "sea_shanghai_rotterdam-no_calls",
        "sea_shanghai_rotterdam-with_calls",
    ):
        assert fact in table.index
    assert len(table) == len(parameters.load().reported)


def test_backtest__model_columns_are_transit_figures(table):
    row = table.loc["titr_tt_official_2025-constanta"]
    result = transit(row["origin"], row["destination"], corridor="titr")
    for b in ("low", "typical", "high"):
        assert row[f"model_{b}"] == pytest.approx(result.days[b], abs=0.005)
    cape = table.loc["sea_shanghai_rotterdam-cape"]
    assert cape["scenario"] == "suez-closed"
    assert cape["model_typical"] == pytest.approx(
        transit("lianyungang", "europe", corridor="sea", scenario="suez-closed").days["typical"],
        abs=0.005,
    )


def test_backtest__verdicts_and_gaps(table):
    # Middle Corridor: short of 31–34 by the unsourced steps it names; Northern and sea
    # inside their published ranges.
    mc = table.loc["titr_tt_official_2025-constanta-from-lianyungang"]
    assert mc["verdict"] == "below"
    assert mc["gap_days"] == pytest.approx(31 - mc["model_typical"], abs=0.01)
    for step in (
        "caspian_weather_closure",
        "georgian_port_rail_to_ship",
        "constanta_container_dwell",
    ):
        assert step in mc["explanation"]
    assert table.loc["northern_transsib", "verdict"] == "inside"
    assert table.loc["sea_shanghai_rotterdam-with_calls", "verdict"] == "inside"
    europe = table.loc["titr_tt_official_2025-europe"]
    assert "onward rail Constanța" in europe["explanation"]
    advertised = table.loc["titr_tt_advertised_14"]
    assert advertised["verdict"] == "above"
    assert "advertised" in advertised["explanation"]
    ratio = table.loc["wb_mc_vs_northern"]
    assert ratio["model_typical"] == pytest.approx(
        table.loc["titr_tt_official_2025-constanta-from-lianyungang", "model_typical"]
        / transit("lianyungang", "europe", corridor="northern").days["typical"],
        abs=0.01,
    )


def test_backtest__ends_not_in_the_network_are_stated(table):
    for fact in ("northern_chongqing_duisburg", "titr_tt_wef_10", "titr_tt_advertised_14"):
        assert "not" in table.loc[fact, "mapping"]
    assert table.loc["northern_chongqing_duisburg", "origin"] == "xian"


def test_time_by_category__sums_to_the_totals_and_names_the_sailings(europe):
    from corridors.transit import time_by_category  # noqa: PLC0415

    table = time_by_category(europe["titr"])
    assert list(table.index) == list(parameters.CATEGORIES)
    for b in ("low", "typical", "high"):
        assert table[b].sum() == pytest.approx(europe["titr"].hours[b])
    # Caspian (7 d) and Black Sea (10 d) intervals: typical waits 3.5 + 5 days.
    assert table.loc["sailings", "typical"] == pytest.approx((3.5 + 5) * 24)
    assert table.loc["sailings", "low"] == 0.0
    kars = time_by_category(transit("lianyungang", "kars"))
    assert kars.loc["gauge changes", "typical"] == pytest.approx(20.6)


def test_transit__caspian_steps_only_at_caspian_ports():
    # A ferry elsewhere (e.g. a drawn Poti–Constanța ro-ro leg) must not get the Caspian
    # sailing interval, berth cycle, weather or arrival dwell.
    from corridors.transit import _dwell_plan  # noqa: PLC0415

    data = parameters.load()
    ferry = {"leg": "some-black-sea-ferry", "mode": "ferry", "kind": "leg"}
    at_poti = _dwell_plan(None, ferry, "poti", data, at_end=False)
    at_constanta = _dwell_plan(ferry, None, "constanta", data, at_end=True)
    assert not [e for e in at_poti + at_constanta if e["parameter"].startswith("caspian_")]
    caspian = {"leg": "titr-kuryk-alat-ferry", "mode": "ferry", "kind": "leg"}
    boarding = {e["parameter"] for e in _dwell_plan(None, caspian, "kuryk", data, at_end=False)}
    assert {"caspian_sailing_interval", "caspian_ferry_berth"} <= boarding
