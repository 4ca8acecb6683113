"""The command line: every command in-process, both entry points, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GEODATA, collection, line_feature

import corridors
from corridors.cli import main

CORRIDORS = str(Path(sys.executable).parent / "corridors")
ENTRY_POINTS = [[CORRIDORS], [sys.executable, "-m", "corridors"]]


@pytest.mark.parametrize("command", ENTRY_POINTS, ids=["script", "module"])
def test_entry_points__run_and_fail_cleanly(command):
    ok = subprocess.run([*command, "validate"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ok:")
    bad = subprocess.run(
        [*command, "length", "no-such-route"], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr


def test_layers__lists_layers_and_features(capsys):
    assert main(["layers"]) == 0
    out = capsys.readouterr().out
    assert "base/china-kazakhstan-border" in out
    assert "border-china-kazakhstan" in out


def test_length__prints_computed_published_and_source(capsys):
    assert main(["length", "border-china-kazakhstan"]) == 0
    out = capsys.readouterr().out
    assert "computed" in out
    assert "published  1,782.75 km" in out
    assert "source" in out
    assert "https://" in out


def test_length__says_what_is_schematic_and_why(capsys):
    """Chords and the network's straight edges over 100 km are both listed, with why."""
    assert main(["length", "titr-dostyk-moyinty"]) == 0
    out = capsys.readouterr().out
    route = corridors.load_all().set_index("id").loc["titr-dostyk-moyinty"]
    edges = [e for s in route["stretches"] for e in s.get("straight_edges", [])]
    assert edges
    drawn = next(line for line in out.splitlines() if line.startswith("  drawn"))
    assert f"{len(edges)} straight network edges over 100 km schematic" in drawn
    straight = [line for line in out.splitlines() if "a straight edge of the network" in line]
    assert len(straight) == len([s for s in route["stretches"] if s.get("straight_edges")])
    assert all(line.startswith("    schematic") for line in straight)
    assert "(OpenStreetMap simplified there)" in straight[0]
    chords = [s for s in route["stretches"] if s["method"] == "chord"]
    assert sum(line.startswith("    schematic") for line in out.splitlines()) == len(chords) + len(
        straight
    )


def test_lengths__table_of_all_routes(capsys):
    assert main(["lengths"]) == 0
    assert "border-china-kazakhstan" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["length", "cagp-lin-a"], "unknown route"),
        (["distance", "almaty", "Atlantis"], "unknown place"),
        (["layers", "nope"], "unknown layer"),
        (["validate", "/no/such/file.geojson"], "no such file"),
        (["--geodata", "/no/such/dir", "validate"], "does not exist"),
    ],
)
def test_bad_input__one_line_exit_2(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert err.count("\n") == 1
    assert err.startswith("corridors: error:")


@pytest.mark.parametrize(
    "argv",
    [
        ["--geodata", str(GEODATA), "validate"],
        ["validate", "--geodata", str(GEODATA)],
        ["--geodata", "/no/such/dir", "validate", "--geodata", str(GEODATA)],
    ],
    ids=["before", "after", "after-wins"],
)
def test_geodata__before_or_after_the_command(argv, capsys):
    assert main(argv) == 0
    assert f"under {GEODATA}" in capsys.readouterr().out


def test_geodata__after_the_command_is_used(capsys):
    assert main(["validate", "--geodata", "/no/such/dir"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_usage_error__exit_2_one_line():
    result = subprocess.run([CORRIDORS, "frobnicate"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_validate__reports_file_feature_field(write_geojson, capsys):
    path = write_geojson(collection(line_feature(kind="canal")))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "feature 'test-line'" in err
    assert "field 'kind'" in err


def test_validate__accepts_the_project_folder(capsys):
    assert main(["validate", str(GEODATA)]) == 0
    assert "ok:" in capsys.readouterr().out


def test_transit__table_for_all_corridors(capsys):
    assert main(["transit", "lianyungang", "europe"]) == 0
    out = capsys.readouterr().out
    for corridor in ("titr:", "northern:", "sea:"):
        assert corridor in out
    assert "days" in out
    assert "titr-almaty-aktau" in out


def test_transit__json_for_scripts(capsys):
    assert main(["transit", "lianyungang", "europe", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["origin"] == "lianyungang"
    assert {c["corridor"] for c in data["corridors"]} == {"titr", "northern", "sea"}
    for corridor in data["corridors"]:
        days = corridor["days"]
        assert days["low"] <= days["typical"] <= days["high"]
        assert corridor["distance_km"] > 0
        assert corridor["legs"]


def test_transit__unknown_place_suggests(capsys):
    assert main(["transit", "lianyungan", "europe"]) == 2
    err = capsys.readouterr().err
    assert "lianyungang" in err
    assert err.count("\n") == 1


def test_transit__unknown_scenario(capsys):
    assert main(["transit", "lianyungang", "europe", "--scenario", "teleport"]) == 2
    assert "teleport" in capsys.readouterr().err


def test_chainage__every_km(capsys):
    assert main(["chainage", "titr-aktau-baku-ferry", "--every", "100"]) == 0
    out = capsys.readouterr().out
    assert "400.0" in out
    assert main(["chainage", "titr-aktau-baku-ferry", "--every", "0"]) == 2


def test_distance__along_route(capsys):
    assert main(["distance", "urumqi", "horgos", "--along", "titr-urumqi-khorgos"]) == 0
    out = capsys.readouterr().out
    # The route runs from Ürümqi to Horgos, so along it is its whole length.
    whole = corridors.route_length("titr-urumqi-khorgos")
    assert f"along titr-urumqi-khorgos: {whole:,.1f} km" in out


def test_transit__no_corridor_reaches_is_an_error(capsys):
    assert main(["transit", "almaty", "almaty"]) == 2
    assert "same place" in capsys.readouterr().err


def test_backtest__table_with_verdicts_and_explanations(capsys):
    assert main(["backtest"]) == 0
    out = capsys.readouterr().out
    assert "titr_tt_official_2025-constanta" in out
    assert "northern_transsib" in out
    for verdict in ("inside", "below", "above"):
        assert verdict in out
    assert "counted as 0 h for lack of a source" in out
    assert "source: Navis Group" in out


def test_backtest__json_matches_the_api(capsys):
    from corridors import backtest  # noqa: PLC0415

    assert main(["backtest", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    table = backtest()
    assert [r["id"] for r in rows] == table["id"].tolist()
    first = rows[0]
    assert first["model_typical"] == table["model_typical"].iloc[0]
    assert set(first) >= {"reported_low", "reported_high", "verdict", "explanation", "source"}
    at_least = next(r for r in rows if r["id"] == "titr_tt_38")
    assert at_least["reported_high"] is None


def test_backtest__unknown_scenario(capsys):
    assert main(["backtest", "--scenario", "teleport"]) == 2
    assert "teleport" in capsys.readouterr().err
