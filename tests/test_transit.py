"""Transit model: known answers, ranges, scenarios, and the published totals.

Published totals the model is checked against (geodata/transit.toml has the parameters):
- Middle Corridor: 31–34 days China→Constanța, 32–37 to Duisburg (TITR guidance as reported
  in 2025, Navis Group 27 Aug 2025); advertised 14–18 days (Caspian News 2017; TRACECA).
- Northern corridor: 12–18 days (Port Economics, Management and Policy: Eurasian landbridges).
- Sea via Suez: about 27 days at 16 kn, about 35 days with calls (Port Economics).
"""

from __future__ import annotations

import tomllib

import pytest

from corridors import measure, parameters
from corridors.errors import NoRouteError, ParameterError, UnknownNameError
from corridors.transit import compare, transit


@pytest.fixture(scope="module")
def europe():
    return {c: transit("lianyungang", "europe", corridor=c) for c in ("titr", "northern", "sea")}


def test_transit__one_leg_known_answer():
    # Almaty–Aktau lies in Kazakhstan: 941 km/day typical, 800 low, 1,200 high (KTZ etc.).
    result = transit("Almaty", "Aktau", corridor="titr")
    km = measure.route_length("titr-almaty-aktau")
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
    # Boarding: ferry wait (3/7/14 days) and berth cycle (6/9/12 h) at the origin.
    origin = result.legs.iloc[0]
    assert origin["leg"] == "(origin)"
    assert origin["dwell_h_typical"] == pytest.approx(7 * 24 + 9)
    # Leaving the ferry: arrival handling, 20 h.
    assert ferry["dwell_h_typical"] == 20.0


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
    with pytest.raises(UnknownNameError, match=r"searoute port 'gdanks'\. Did you mean 'gdansk'"):
        transit("lianyungang", "Gdanks", corridor="sea")


def test_transit__unknown_scenario_and_corridor():
    with pytest.raises(UnknownNameError, match="suez-closed"):
        transit("lianyungang", "europe", corridor="sea", scenario="suez-close")
    with pytest.raises(UnknownNameError, match="unknown corridor"):
        transit("lianyungang", "kars", corridor="arctic")


def test_transit__northern_within_published_12_to_18_days(europe):
    # Published: 12–18 days (Trans-Siberian, ~10,000 km). Model: 11.2 / 15.4 / 19.7 days.
    days = europe["northern"].days
    assert 12 <= days["typical"] <= 18
    assert days["low"] <= 12
    assert days["high"] >= 18


def test_transit__sea_via_suez_within_published_27_to_35_days(europe):
    # Published: ~27 days at 16 kn, ~35 days typical with calls. Model: 19.2 / 29.5 / 50.5.
    result = europe["sea"]
    assert result.destination == "NLRTM"  # searoute ports go by UN/LOCODE
    assert 19_000 < result.distance_km < 21_000  # ~10,600 nm ≈ 19,600 km published
    assert 27 <= result.days["typical"] <= 35


def test_transit__middle_corridor_against_published_totals(europe):
    # Published (reported 2025): 31–34 days China→Constanța. The sourced model does NOT reach
    # it: its typical estimate is about 24.9 days (low 17.2, high 45.6). Not fitted. Steps
    # with no sourced duration are missing from it (waiting for the weekly Black Sea
    # sailing, container dwell at Alat, Batumi and Constanța).
    result = europe["titr"]
    assert result.destination == "ROCND"
    days = result.days
    assert days["typical"] == pytest.approx(24.9, abs=0.5)
    assert days["typical"] < 31  # the miss, stated
    assert days["low"] < 31 <= 34 < days["high"]  # the reported range lies inside the model's
    # Advertised 14–18 days should lie between low and typical: 18 does, 14 does not
    # (low = 17.2 days).
    assert days["low"] <= 18 <= days["typical"]
    assert days["low"] == pytest.approx(17.2, abs=0.5)


def test_transit__middle_corridor_slower_than_northern(europe):
    # World Bank 2023: the Middle Corridor takes longer than the Northern route.
    assert europe["titr"].days["typical"] > europe["northern"].days["typical"]


def test_transit__akhalkalaki_placeholder_is_visible():
    result = transit("tbilisi", "kars", corridor="titr")
    row = result.legs.set_index("leg").loc["titr-tbilisi-akhalkalaki"]
    assert row["dwell_events"] == "akhalkalaki_gauge"
    assert row["dwell_h_typical"] == 0.0
    assert "PLACEHOLDER" in row["note"]


def test_scenario__suez_closed_goes_round_the_cape(europe):
    cape = transit("lianyungang", "europe", corridor="sea", scenario="suez-closed")
    assert cape.distance_km > europe["sea"].distance_km + 5_000
    assert cape.days["typical"] > europe["sea"].days["typical"]


@pytest.mark.parametrize(
    ("scenario", "saved_typical_h"),
    [("faster-caspian", 22 - 18), ("shorter-border-dwell", 27.6 - 4.25)],
)
def test_scenario__changes_one_parameter(europe, scenario, saved_typical_h):
    faster = transit("lianyungang", "europe", corridor="titr", scenario=scenario)
    saved = europe["titr"].hours["typical"] - faster.hours["typical"]
    assert saved == pytest.approx(saved_typical_h)


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
        (lambda r: r["parameters"]["rail_speed_kazakhstan"].update(speed=3), "unknown key"),
        (lambda r: r["scenarios"]["faster-caspian"].update(parameter="nope"), "not defined"),
        (
            lambda r: r["parameters"]["rail_speed_kazakhstan"]["sources"][0].update(url="x"),
            "not an http",
        ),
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
        ('sea_restrictions = ["nortwest"]', "not one of"),
    ],
)
def test_parameters__scenarios_are_checked_like_parameters(tmp_path, scenario_body, match):
    text = parameters.default_path().read_text(encoding="utf-8")
    text += (
        '\n[scenarios.broken]\ndescription = "x"\n'
        'sources = [{ title = "t", url = "https://a.b", quote = "q" }]\n' + scenario_body + "\n"
    )
    path = tmp_path / "transit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match=match):
        parameters.load(path)
