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


def _unwrapped(out: str) -> str:
    """The text with wrapped prose joined again (continuation lines are indented 5+)."""
    lines: list[str] = []
    for line in out.splitlines():
        if lines and line.startswith(" " * 5) and lines[-1].strip():
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


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
    out = _unwrapped(capsys.readouterr().out)
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


def _strict_json(text: str) -> object:
    """Parse JSON as strict parsers do: NaN or Infinity is an error, not a number."""

    def refuse(constant: str) -> object:
        msg = f"not JSON: {constant}"
        raise ValueError(msg)

    return json.loads(text, parse_constant=refuse)


#: Every command with arguments that print data (build and export write files, quickly).
DATA_COMMANDS = {
    "layers": ["layers", "china-kazakhstan-border"],
    "validate": ["validate"],
    "length": ["length", "cagp-line-a", "border-china-kazakhstan"],
    "lengths": ["lengths"],
    "distance": ["distance", "almaty", "urumqi", "--along", "titr-almaty-aktau"],
    "chainage": ["chainage", "titr-aktau-baku-ferry", "--every", "100"],
    "transit": ["transit", "almaty", "aktau"],
    "backtest": ["backtest"],
    "owners": ["owners", "cagp-line-a"],
}


def test_json__every_command_is_listed():
    from corridors.cli import _COMMANDS  # noqa: PLC0415

    assert set(DATA_COMMANDS) | {"build", "export"} == set(_COMMANDS)


@pytest.mark.parametrize("name", sorted(DATA_COMMANDS))
def test_json__every_command_prints_json_that_parses(name, capsys):
    assert main([*DATA_COMMANDS[name], "--json"]) == 0
    data = _strict_json(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert data


def test_json__the_data_is_the_apis(capsys):
    assert main(["length", "cagp-line-a", "--json"]) == 0
    (route,) = _strict_json(capsys.readouterr().out)["routes"]
    assert route["computed_km"] == corridors.route_length("cagp-line-a")
    split = corridors.length_by_country("cagp-line-a")
    shares = {c["country"]: c["share_pct"] for c in route["by_country"]}
    assert shares == dict(zip(split["country"], (split["fraction"] * 100).round(1), strict=True))
    assert main(["chainage", "titr-aktau-baku-ferry", "--every", "100", "--json"]) == 0
    points = _strict_json(capsys.readouterr().out)["points"]
    assert [p["km"] for p in points][:3] == [0.0, 100.0, 200.0]


def test_json__build_and_export_list_what_they_wrote(tmp_path, capsys):
    assert main(["build", "--map", "border", "--out", str(tmp_path), "--json"]) == 0
    built = _strict_json(capsys.readouterr().out)
    assert built["maps"] == 1
    assert {Path(w["path"]).name for w in built["written"]} == {"border.html", "index.html"}
    out = tmp_path / "atlas.zip"
    assert main(["export", "--format", "csv", "--out", str(out), "--json"]) == 0
    written = _strict_json(capsys.readouterr().out)
    assert written["path"] == str(out)
    assert written["bytes"] == out.stat().st_size


def test_json__validate_paths_lists_the_problems(write_geojson, capsys):
    path = write_geojson(collection(line_feature(kind="canal")))
    assert main(["validate", str(path), "--json"]) == 2
    data = _strict_json(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["problems"][0]["file"] == str(path)
    assert data["problems"][0]["feature"] == "test-line"


def test_version__from_the_installed_metadata(capsys):
    from importlib.metadata import version  # noqa: PLC0415

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"corridors {version('corridors')}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["layers"],
        ["length", "cagp-line-a", "titr-almaty-aktau", "titr-dostyk-moyinty"],
        ["lengths"],
        ["distance", "almaty", "urumqi", "--along", "titr-almaty-aktau"],
        ["chainage", "titr-almaty-aktau", "--every", "500"],
        ["transit", "lianyungang", "europe"],
        ["transit", "almaty", "aktau"],
        ["backtest"],
        ["owners"],
        ["owners", "cagp-line-a"],
    ],
    ids=lambda argv: argv[0] if isinstance(argv, list) else argv,
)
def test_text__fits_100_columns(argv, capsys):
    assert main(argv) == 0
    wide = [
        line
        for line in capsys.readouterr().out.splitlines()
        if len(line) > 100 and len(line.split()) > 1  # a URL longer than 100 stays whole
    ]
    assert wide == []


def test_text__counts_agree_with_their_nouns(capsys):
    assert main(["layers", "china-kazakhstan-border", "border-scales"]) == 0
    out = capsys.readouterr().out
    assert "base/china-kazakhstan-border (1 feature)\n" in out
    assert "base/border-scales (3 features)\n" in out


@pytest.mark.parametrize("name", sorted([*DATA_COMMANDS, "build", "export"]))
def test_global_options__accepted_after_every_command(name):
    from corridors.cli import _parser  # noqa: PLC0415

    argv = {**DATA_COMMANDS, "build": ["build"], "export": ["export"]}[name]
    args = _parser().parse_args([*argv, "--geodata", "/some/dir", "--debug"])
    assert args.geodata == "/some/dir"
    assert args.debug is True
    assert args.json is False


def test_length__share_is_a_percentage_named_so(capsys):
    assert main(["length", "cagp-line-a"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "length_km" in line)
    assert header.split() == ["country", "name", "length_km", "share_pct", "published_km"]
