"""The atlas in a given year: status, network, transit, lengths and km tables by `year=`."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import GEODATA

import corridors
from corridors import cli, network, years
from corridors.errors import NoRouteError
from corridors.lifecycle import date_span

KARS = "titr-akhalkalaki-kars"  # Baku–Tbilisi–Kars, opened 2017-10-30


def test_status__as_of_a_year_from_the_history():
    assert corridors.status(KARS, year=2018) == "operating"
    assert corridors.status(KARS, year=2010) != "operating"
    assert corridors.status(KARS) == corridors.feature(KARS)["status"] == "operating"


def test_default_year_is_the_data_as_of_year_not_the_clock():
    assert years.resolve_year(None) == corridors.open().as_of.year
    assert network.corridor_network().graph["year"] == corridors.open().as_of.year


def test_network__2010_holds_only_what_had_opened_by_2010():
    graph = network.corridor_network(2010)
    assert not graph.has_node("kuryk")
    assert all(k != KARS for _, _, k in graph.edges(keys=True))
    for _, _, key, attrs in graph.edges(keys=True, data=True):
        if attrs["opened"]:
            assert date_span(attrs["opened"])[0].year <= 2010, key
    assert {KARS, "kuryk"} <= set(graph.graph["not_open"])
    assert len(graph.edges) < len(network.corridor_network().edges)


def test_transit_2010__never_over_a_leg_opened_later_and_says_what_was_not_open():
    try:
        result = corridors.transit_time("lianyungang", "europe", corridor="titr", year=2010)
    except NoRouteError as exc:
        text = str(exc)
        assert "in 2010" in text
        assert "kuryk (opened 2016-12)" in text
    else:
        assert KARS not in set(result.legs["leg"])
        assert "kuryk" not in set(result.legs["from"]) | set(result.legs["to"])
        assert {KARS, "kuryk"} <= set(result.not_open)


def test_transit_2015__routes_around_kuryk_and_btk_and_says_so():
    result = corridors.transit_time("lianyungang", "europe", corridor="titr", year=2015)
    legs = set(result.legs["leg"])
    assert "titr-kuryk-alat-ferry" not in legs
    assert KARS not in legs
    assert "titr-aktau-baku-ferry" in legs
    assert result.year == 2015
    assert {"kuryk", "titr-kuryk-alat-ferry", KARS} <= set(result.not_open)
    assert result.not_open[KARS]["opened"] == "2017-10-30"
    text = corridors.transit.describe(result)
    assert "not open yet in 2015" in text
    assert "(opened 2017-10-30)" in text
    today = corridors.transit_time("lianyungang", "europe", corridor="titr")
    assert today.not_open == {}


@pytest.fixture
def expected_btk(tmp_path):
    """A copy of geodata where BTK is still being built, expected in 2028 or 2029."""
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    path = root / "corridors" / "titr.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        props = feature["properties"]
        if props["id"] == KARS:
            ref = next(iter(data["sources"]))
            props["history"] = [
                {
                    "step": "construction_started",
                    "date": "2008",
                    "source": {"ref": ref, "quote": "work began in 2008"},
                },
                {
                    "step": "opened",
                    "expected": [
                        {"date": "2028", "source": {"ref": ref, "quote": "due in 2028"}},
                        {
                            "date": "2029-06",
                            "source": {
                                "ref": next(iter(list(data["sources"])[1:])),
                                "quote": "by June 2029",
                            },
                        },
                    ],
                },
            ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return corridors.open(root)


def test_future_years__an_expected_leg_counts_from_its_earliest_date_flagged(expected_btk):
    with expected_btk:
        assert not network.corridor_network(2027).has_edge("akhalkalaki", "kars", key=KARS)
        graph = network.corridor_network(2028)
        edge = next(a for _, _, k, a in graph.edges(keys=True, data=True) if k == KARS)
        assert edge["expected"] is True
        assert edge["opened"] == "2028"
        late = network.corridor_network(2028, expectation="latest")
        assert all(k != KARS for _, _, k in late.edges(keys=True))
        assert corridors.status(KARS) == "under_construction"
        assert corridors.status(KARS, year=2029, expectation="latest") == "operating"
        table = years.features(2028).set_index("id")
        assert bool(table.loc[KARS, "expected"])
        assert table.loc[KARS, "status"] == "operating"
        changes = years.changes(2028)
        assert KARS in set(changes.loc[changes["expected"], "id"])
        projects = years.projects()
        assert set(projects.loc[projects["id"] == KARS, "date"]) == {"2028", "2029-06"}


def test_capacity_changed__applies_from_its_date(tmp_path):
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    path = root / "corridors" / "titr.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    ref = next(iter(data["sources"]))
    for feature in data["features"]:
        if feature["properties"]["id"] == KARS:
            history = feature["properties"]["history"]
            history[:] = [s for s in history if s["step"] != "capacity_changed"]
            at = next(  # in date order, before any later step
                (i for i, s in enumerate(history) if s.get("date", "9999") > "2024-05"),
                len(history),
            )
            history.insert(
                at,
                {
                    "step": "capacity_changed",
                    "date": "2024-05",
                    "capacity": {"value": 5, "unit": "Mt/yr"},
                    "source": {"ref": ref, "quote": "5 million tonnes a year from May 2024"},
                },
            )
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with corridors.open(root):
        assert years.features(2023).set_index("id").loc[KARS, "capacity_in_year"] is None
        assert years.features(2024).set_index("id").loc[KARS, "capacity_in_year"] == {
            "value": 5,
            "unit": "Mt/yr",
        }


def test_length_table__a_year_leaves_out_what_did_not_exist_yet():
    today = corridors.length_table().set_index("id")
    early = corridors.length_table(year=2005).set_index("id")
    assert len(early) < len(today)
    assert "cagp-line-a" in today.index
    assert "cagp-line-a" not in early.index
    assert today.loc["cagp-line-a", "status"] == "operating"
    assert today.loc["cagp-line-a", "opened"] == "2009-12"


def test_km_by_status__km_open_grows_from_2005_to_today():
    early = years.km_by_status(2005)
    today = years.km_by_status()
    assert today["open_km"].sum() > early["open_km"].sum()
    kaz = today[(today["country"] == "KAZ") & (today["mode"] == "gas_pipeline")]
    assert kaz["open_km"].iloc[0] > 1000
    assert today.attrs["year"] == corridors.open().as_of.year


def test_cli__transit_and_lengths_take_year(capsys):
    assert (
        cli.main(["transit", "lianyungang", "europe", "--corridor", "titr", "--year", "2015"]) == 0
    )
    out = " ".join(capsys.readouterr().out.split())  # the CLI wraps at 100 columns
    assert "(network of 2015)" in out
    assert "not open yet in 2015" in out
    assert (
        cli.main(
            ["transit", "lianyungang", "europe", "--corridor", "titr", "--year", "2015", "--json"]
        )
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["corridors"][0]["year"] == 2015
    assert KARS in payload["corridors"][0]["not_open"]
    assert cli.main(["lengths", "--year", "2005"]) == 0
    out = capsys.readouterr().out
    assert "km of line in 2005 by country and mode" in out
    assert "cagp-line-a" not in out


def test_export__carries_the_history_as_json():
    from corridors.export import flatten  # noqa: PLC0415

    flat = flatten(corridors.load("titr")).set_index("id")
    history = json.loads(flat.loc[KARS, "history_json"])
    assert [s["date"] for s in history if s["step"] == "opened"] == ["2017-10-30"]
    assert flat.loc[KARS, "status"] == "operating"
    assert flat.loc[KARS, "opened"] == "2017-10-30"
    assert "opened 2017-10-30 (" in flat.loc[KARS, "history"]
