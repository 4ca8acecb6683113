"""Owners, operators and lenders: the validator, the traced shares and the weighted totals.

The fixture folder tests/data/control has two countries drawn as rectangles (KAZ
lon 70–80, CHN lon 80–90, lat 40–50), a pipeline with one 1° step at 45° N in each
(sections pipe-kaz and pipe-chn), a second pipeline of two such steps in KAZ
(pipe-2), and a port whose owners were not found. Each 1° step has the same geodesic
length L, so the shares below are worked out by hand in units of L.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

import corridors
from corridors import control, control_data
from corridors.cli import main
from corridors.errors import GeodataError

FIXTURE = Path(__file__).parent / "data" / "control"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the fixture folder."""
    out = tmp_path / "geodata"
    shutil.copytree(FIXTURE, out)
    return out


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def asset(data: dict, ident: str) -> dict:
    return next(a for a in data["assets"] if a["id"] == ident)


def org(data: dict, ident: str) -> dict:
    return next(o for o in data["organisations"] if o["id"] == ident)


def problems(folder: Path) -> list[str]:
    with pytest.raises(GeodataError) as info:
        control.validate(geodata=folder)
    found = getattr(info.value, "problems", [info.value])
    return [str(p) for p in found]


# --- the computation, against hand-computed values -------------------------------


def test_owners__traces_each_share_up_to_the_state():
    table = control.owners("pipe-kaz", geodata=FIXTURE)
    chains = dict(zip(table["chain"], table["ultimate_pct"], strict=True))
    assert chains == {"jv-holder → cn-oil → china-state": 50.0, "kz-gas → kz-state": 50.0}
    # Held directly by a Hong Kong company, ultimately by the Chinese state.
    assert set(table["owner_country"]) == {"HKG", "KAZ"}
    assert set(table["ultimate_country"]) == {"CHN", "KAZ"}


def test_owners__a_listed_company_s_free_float_counts_in_no_country():
    table = control.owners("pipe-2", geodata=FIXTURE)
    rows = {r.ultimate_kind: (r.ultimate_country, r.ultimate_pct) for r in table.itertuples()}
    assert rows == {"state": ("KAZ", pytest.approx(54.0)), "float": ("unknown", pytest.approx(6.0))}


def test_owners__a_feature_id_gives_every_section():
    table = control.owners("test-pipe", geodata=FIXTURE)
    assert sorted(set(table["asset"])) == ["pipe-chn", "pipe-kaz"]


def test_owners__unknown_id_suggests():
    with pytest.raises(corridors.UnknownNameError, match="pipe-kaz"):
        control.owners("pipe-kz", geodata=FIXTURE)


def test_control_table__per_asset_shares_and_lengths():
    table = control.control_table(geodata=FIXTURE).set_index("asset")
    assert table.loc["pipe-kaz", "direct_chn_pct"] == 0.0  # the holder is in HKG
    assert table.loc["pipe-kaz", "ultimate_chn_pct"] == 50.0
    assert table.loc["pipe-chn", "ultimate_chn_pct"] == 100.0
    assert table.loc["pipe-2", "known_pct"] == 60.0
    assert table.loc["port", "known_pct"] == 0.0
    length = table.loc["pipe-kaz", "length_km"]
    assert table.loc["pipe-chn", "length_km"] == pytest.approx(length, rel=1e-6)
    assert table.loc["pipe-2", "length_km"] == pytest.approx(2 * length, rel=1e-6)
    # 1° of longitude at 45° N on WGS 84 (a geodesic, slightly shorter than the parallel).
    assert length == pytest.approx(78.85, abs=0.01)


def test_control_totals__length_weighted_by_country_and_mode():
    totals = control.control_totals(geodata=FIXTURE).set_index("country")
    # KAZ: pipe-kaz (L, 50 % Chinese, all known) and pipe-2 (2L, none Chinese, 60 % known).
    assert totals.loc["KAZ", "chn_pct"] == pytest.approx(100 * 50 / 300)
    assert totals.loc["KAZ", "known_pct"] == pytest.approx((100 + 2 * 60) / 3)
    assert totals.loc["KAZ", "chn_pct_of_known"] == pytest.approx(100 * 50 / 220)
    assert totals.loc["CHN", "chn_pct"] == pytest.approx(100.0)
    # All: (50 + 100 + 0) L of 4 L; known (100 + 100 + 120) L of 4 L.
    assert totals.loc["all", "chn_pct"] == pytest.approx(37.5)
    assert totals.loc["all", "known_pct"] == pytest.approx(80.0)
    assert "port" not in set(totals["mode"])  # points have no length


def test_control_totals__capacity_weighted():
    totals = control.control_totals(weight="capacity", geodata=FIXTURE).set_index("country")
    # KAZ: 10 bcm/yr half Chinese, 30 bcm/yr not: 5 / 40.
    assert totals.loc["KAZ", "chn_pct"] == pytest.approx(12.5)
    assert totals.loc["all", "chn_pct"] == pytest.approx(100 * (5 + 10) / 50)
    assert set(totals["capacity_unit"]) == {"bcm/yr"}


def test_control_totals__through_an_organisation():
    totals = control.control_totals(through="cn-oil", geodata=FIXTURE).set_index("country")
    assert totals.loc["KAZ", "cn-oil_pct"] == pytest.approx(100 * 50 / 300)
    length = control.control_table(geodata=FIXTURE).set_index("asset").loc["pipe-kaz", "length_km"]
    assert totals.loc["KAZ", "cn-oil_assets_weight"] == pytest.approx(length)


def test_lending_by_country__sums_per_currency():
    table = control.lending_by_country(geodata=FIXTURE).set_index("lender_country")
    assert table.loc["CHN", "amount"] == 1.5e9
    assert table.loc["multilateral", "amount"] == 200e6
    assert set(table["currency"]) == {"USD"}


def test_export_tables():
    with corridors.open(FIXTURE):
        tables = control.export_tables()
    assert set(tables) == {"owners", "financing", "organisations"}
    names = tables["organisations"].set_index("id")["names"]
    assert names["cn-oil"] == "zh: 中国石油公司"


# --- the validator, on broken copies of the fixture --------------------------------


def test_validate__the_fixture_is_clean(folder):
    assert control.validate(geodata=folder) == 4


def test_validate__shares_over_100_at_a_date(folder):
    def change(data):
        asset(data, "pipe-kaz")["owners"].append(
            {
                "organisation": "cn-oil",
                "share": 10,
                "since": "2009",
                "sources": [{"ref": "doc", "quote": "CNOC bought 10% in 2009"}],
            }
        )

    edit(folder, "control.json", change)
    (line,) = problems(folder)
    assert "control.json: asset 'pipe-kaz': field 'owners': shares add up to 110 %" in line
    assert "on 2009-01-01" in line


def test_validate__a_sale_dated_with_until_is_fine(folder):
    def change(data):
        owners = asset(data, "pipe-kaz")["owners"]
        owners[1]["until"] = "2010"
        owners[1]["sources"][0]["quote"] += "; it sold them in 2010"
        owners.append(
            {
                "organisation": "cn-oil",
                "share": 50,
                "since": "2010",
                "sources": [{"ref": "doc", "quote": "CNOC bought the 50% stake in 2010"}],
            }
        )

    edit(folder, "control.json", change)
    assert control.validate(geodata=folder) == 4
    table = control.control_table(geodata=folder).set_index("asset")
    assert table.loc["pipe-kaz", "ultimate_chn_pct"] == 100.0


def test_validate__a_parent_chain_that_loops(folder):
    def change(data):
        org(data, "china-state")["parents"] = [
            {
                "organisation": "jv-holder",
                "share": 100,
                "sources": [{"ref": "doc", "quote": "wholly owned"}],
            }
        ]

    edit(folder, "organisations.json", change)
    (line,) = problems(folder)
    assert "organisations.json: organisation 'china-state': field 'parents'" in line
    assert "china-state → jv-holder → cn-oil → china-state" in line


def test_validate__a_share_not_in_its_quote(folder):
    edit(folder, "control.json", lambda d: asset(d, "pipe-2")["owners"][0].update(share=65))
    (line,) = problems(folder)
    assert "asset 'pipe-2': field 'owners[0].share': 65 is in none of its quotes" in line


def test_validate__an_amount_and_a_year_not_in_their_quote(folder):
    def change(data):
        loan = asset(data, "pipe-kaz")["financing"][0]
        loan["amount"]["value"] = 1.7
        loan["year"] = 2011

    edit(folder, "control.json", change)
    lines = problems(folder)
    assert any("field 'financing[0].amount.value': 1.7 is in none" in p for p in lines)
    assert any("field 'financing[0].year': 2011 is in none" in p for p in lines)


def test_validate__a_date_not_in_its_quote(folder):
    edit(
        folder,
        "control.json",
        lambda d: asset(d, "pipe-kaz")["owners"][0].update(since="2008-03"),
    )
    (line,) = problems(folder)
    assert "field 'owners[0].since': '2008-03' is in none of its quotes" in line


def test_validate__unknown_feature_organisation_and_country(folder):
    def change(data):
        asset(data, "pipe-2")["feature"] = "test-pipe-3"
        asset(data, "pipe-chn")["owners"][0]["organisation"] = "cn-oill"
        asset(data, "pipe-kaz")["section"]["country"] = "UZB"

    edit(folder, "control.json", change)
    lines = problems(folder)
    assert any("asset 'pipe-2': field 'feature': names feature 'test-pipe-3'" in p for p in lines)
    assert any("'owners[0].organisation'" in p and "did you mean 'cn-oil'" in p for p in lines)
    assert any("field 'section.country': UZB is not one of" in p for p in lines)


def test_validate__no_owners_needs_not_found(folder):
    edit(folder, "control.json", lambda d: asset(d, "port").pop("not_found"))
    lines = problems(folder)
    assert any("asset 'port': field 'owners': no owners and no not_found" in p for p in lines)
    assert any("asset 'port': field 'operator': no operator" in p for p in lines)


def test_validate__schema_errors_name_the_asset(folder):
    edit(folder, "control.json", lambda d: asset(d, "pipe-2")["owners"][0].update(share=-5))
    (line,) = problems(folder)
    assert "control.json: asset 'pipe-2': field 'owners[0].share'" in line
    assert "control.schema.json" in line


def test_validate__broken_json(folder):
    (folder / "organisations.json").write_text("{", encoding="utf-8")
    (line,) = problems(folder)
    assert "organisations.json: not valid JSON" in line


# --- how quotes are read --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quote", "found"),
    [
        (1.75, "CDB contributes $1.75 billion to", True),
        (1.75, "CDB contributes $1.7 billion", False),
        (4.7, "$4.75 billion", False),
        (50, "a 500 km line", False),
        (542.9, "542,9 млрд тенге", True),
        (2125, "($2 125 million)", True),
        (2125, "$2,125 million", True),
        (24.5, "will each hold 24.5 percent", True),
    ],
)
def test_number_in(value, quote, found):
    assert control_data.number_in(value, quote) is found


@pytest.mark.parametrize(
    ("share", "quote", "found"),
    [
        (100, "a wholly owned subsidiary of CNPC", True),
        (100, "is fully owned by Kazakhstan's KazTransOil", True),
        (100, "a subsidiary of CNPC", False),
        (100, "the Kazakh government, which fully owns KTZ indirectly", True),
        (100, "The Russian Federation is the sole shareholder in Russian Railways", True),
        (100, "its position as the monopoly owner of rail transportation infrastructure", True),
        (100, "中国国家铁路集团有限公司是依法设立的国有独资企业", True),
        (100, "a state-owned monopoly", False),
        (100, "ADY owns all the rail infrastructure and related assets", True),
        (100, "The Turkish State Railways owns and maintains all public railways in Turkey.", True),
        (100, "ein hundertprozentiges Tochterunternehmen der Deutschen Bahn", True),
        (100, "ADY owns most of the rail infrastructure", False),
        (100, "TCDD owns and maintains railways", False),
        (50, "ADY owns all the rail infrastructure", False),
        (49, "the sole shareholder", False),
        (50, "a parity joint venture", True),
        (51, "a parity joint venture", False),
    ],
)
def test_share_in(share, quote, found):
    assert control_data.share_in(share, quote) is found


@pytest.mark.parametrize(
    ("date", "quote", "found"),
    [
        ("2017-05", "2017年5月,中远海运集团", True),
        ("2008-02", "in February 2008, JSC KazTransGas", True),
        ("2019-03", "от 19 марта 2019 года", True),
        ("2019-04", "от 19 марта 2019 года", False),
        ("2011-01-18", "On January 18, 2011, a joint venture", True),
        ("2011", "in 2012", False),
    ],
)
def test_date_in(date, quote, found):
    assert control_data.date_in(date, quote) is found


# --- the command line -----------------------------------------------------------


def test_cli_owners__one_asset(capsys):
    assert main(["--geodata", str(FIXTURE), "owners", "pipe-kaz"]) == 0
    out = capsys.readouterr().out
    assert "jv-holder → cn-oil → china-state" in out
    assert "Chinese Development Bank" in out


def test_cli_owners__json(capsys):
    assert main(["--geodata", str(FIXTURE), "owners", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kaz = next(r for r in data["totals"] if r["country"] == "KAZ")
    assert kaz["chn_pct"] == pytest.approx(100 * 50 / 300)
    assert {a["asset"] for a in data["assets"]} == {"pipe-kaz", "pipe-chn", "pipe-2", "port"}


def test_cli_owners__bad_id_exits_2(capsys):
    assert main(["--geodata", str(FIXTURE), "owners", "nope"]) == 2
    assert "unknown asset or feature id 'nope'" in capsys.readouterr().err


def test_cli_validate__reports_control_problems(folder, capsys):
    edit(folder, "control.json", lambda d: asset(d, "pipe-2")["owners"][0].update(share=65))
    assert main(["--geodata", str(folder), "validate"]) == 2
    assert "asset 'pipe-2': field 'owners[0].share'" in capsys.readouterr().err


def test_bundled_data__is_valid():
    assert control.validate() > 0


def test_bundled_data__unchanged_by_copy():
    data = control.data()
    before = copy.deepcopy(data.assets)
    control.control_table()
    assert control.data().assets == before


def test_coverage__every_pipeline_terminal_port_and_cross_border_line_is_covered():
    """Owners with shares and an operator, or a stated not_found, for every required asset."""
    table = control.coverage()
    assert not table.empty
    uncovered = table[(table["asset"] == "") | ~table["stated"]]
    assert uncovered.empty, uncovered.to_string()
    # Every country section of a multi-country pipeline is its own row.
    assert set(table.loc[table["feature"] == "cagp-line-a", "country"]) == {
        "TKM",
        "UZB",
        "KAZ",
        "CHN",
    }


def test_coverage__the_fixture():
    table = control.coverage(geodata=FIXTURE).set_index(["feature", "country"])
    assert table.loc[("test-pipe", "KAZ"), "owners_sourced"]
    assert not table.loc[("test-pipe-2", "KAZ"), "owners_sourced"]  # 60 % of owners known
    assert table.loc[("test-pipe-2", "KAZ"), "stated"]  # ... and the rest said not found
    assert not table.loc[("test-port", "KAZ"), "owners_sourced"]
    assert table.loc[("test-port", "KAZ"), "stated"]


def test_control_table__no_known_owner_gives_an_unknown_chinese_share_not_zero():
    table = control.control_table(geodata=FIXTURE).set_index("asset")
    assert table.loc["port", "known_pct"] == 0.0
    assert table.loc["port", ["direct_chn_pct", "ultimate_chn_pct"]].isna().all()
    assert table.loc["pipe-2", "ultimate_chn_pct"] == 0.0  # owners 60 % known, none Chinese


def test_cli_owners__unknown_share_prints_unknown_and_json_null(capsys):
    assert main(["--geodata", str(FIXTURE), "owners"]) == 0
    lines = capsys.readouterr().out.splitlines()
    port = next(line for line in lines if line.split()[:1] == ["port"])
    assert port.split()[-2:] == ["unknown", "unknown"]
    assert main(["--geodata", str(FIXTURE), "owners", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = next(r for r in data["assets"] if r["asset"] == "port")
    assert row["ultimate_chn_pct"] is None
    assert row["direct_chn_pct"] is None


@pytest.mark.parametrize("args", [["owners"], ["owners", "pipe-kaz"], ["owners", "test-pipe-2"]])
def test_cli_owners__fits_100_columns(args, capsys):
    assert main(["--geodata", str(FIXTURE), *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 100


def test_cli_owners__bundled_data_fits_100_columns(capsys):
    assert main(["owners"]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 100
