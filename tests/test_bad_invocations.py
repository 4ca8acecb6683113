"""Hundreds of bad command lines: each is one clear line on stderr and exit 2, never a bug.

Paths that the operating system would reject late (symlink loops, names too long, a
NUL byte, special files, a file where a folder should be, ``/``), empty values,
over-long names, a read-only or full disk, deeply nested files: a user's mistake
must never read as an internal error (exit 1, "please report it").
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import collection, line_feature

from corridors import atomic
from corridors.cli import main

LONG_NAME = "n" * 300  # over the 255-byte limit of one name
LONG_PATH = "/".join(["abcdefgh"] * 600)  # over the 4096-byte limit of a path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, str]:
    """Paths a hostile tester would pass, by label."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "loop-a").symlink_to(root / "loop-b")
    (root / "loop-b").symlink_to(root / "loop-a")
    (root / "dangling").symlink_to(root / "nowhere")
    (root / "a-file").write_text("not a folder", encoding="utf-8")
    os.mkfifo(root / "fifo")
    nested = root / "nested" / "corridors"
    nested.mkdir(parents=True)
    (nested / "deep.geojson").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return {
        "empty": "",
        "blank": "   ",
        "nul": "out\0put",
        "loop": str(root / "loop-a"),
        "dangling": str(root / "dangling"),
        "file": str(root / "a-file"),
        "under-a-file": str(root / "a-file" / "sub"),
        "fifo": str(root / "fifo"),
        "dev-null": "/dev/null",
        "long-name": str(root / LONG_NAME),
        "long-path": LONG_PATH,
        "missing": str(root / "missing"),
        "nested": str(root / "nested"),
    }


def _invocations(hostile: dict[str, str]) -> list[list[str]]:
    """Every bad command line of the test (at least 200)."""
    folder_cases = [k for k in hostile if k != "nested"]
    argvs: list[list[str]] = []
    commands = [
        ["layers"],
        ["validate"],
        ["length", "cagp-line-a"],
        ["lengths"],
        ["distance", "almaty", "aktau"],
        ["chainage", "cagp-line-a"],
        ["transit", "almaty", "aktau", "--corridor", "titr"],
        ["build", "--out", "unused"],
        ["export", "--out", "unused.gpkg"],
    ]
    # --geodata: every hostile path, before and after the command
    for case, command in itertools.product(folder_cases, commands):
        argvs.append(["--geodata", hostile[case], *command])
    for case in folder_cases:
        argvs.append(["layers", "--geodata", hostile[case]])
    # build --out and export --out
    for case in folder_cases:
        if case != "missing":  # a missing folder is made: not an error
            argvs.append(["build", "--out", hostile[case], "--map", "border"])
        argvs.append(["export", "--out", hostile[case]])
        if case not in ("missing", "empty", "blank"):  # '/atlas.gpkg' would be fine
            argvs.append(["export", "--out", hostile[case] + "/atlas.gpkg"])
    argvs.append(["export", "--out", hostile["file"] + "/atlas.gpkg"])
    argvs.append(["export", "--out", "atlas.txt"])
    argvs.append(["export", "--format", "csv", "--out", "atlas.gpkg"])
    # validate PATH
    for case in ("empty", "nul", "loop", "dangling", "fifo", "dev-null", "long-name", "missing"):
        argvs.append(["validate", hostile[case]])
    argvs.append(["validate", hostile["nested"]])
    argvs.append(["--geodata", hostile["nested"], "layers"])
    # names and ids: empty, blank, NUL, 100,000 characters, unknown
    bad_names = ["", "  ", "alm\0aty", "a" * 100_000, "x" * 201, "atlantis"]
    for name in bad_names:
        argvs += [
            ["length", name],
            ["distance", name, "aktau"],
            ["distance", "almaty", name],
            ["distance", "almaty", "aktau", "--along", name],
            ["chainage", name],
            ["transit", name, "aktau", "--corridor", "titr"],
            ["transit", "almaty", name, "--corridor", "titr"],
            ["transit", "almaty", "aktau", "--scenario", name],
            ["layers", name],
            ["build", "--map", name, "--out", "unused"],
        ]
    # values argparse lets through
    argvs += [
        ["chainage", "cagp-line-a", "--every", "0"],
        ["chainage", "cagp-line-a", "--every", "-5"],
        ["chainage", "cagp-line-a", "--every", "nan"],
        ["chainage", "cagp-line-a", "--every", "inf"],
        ["chainage", "cagp-line-a", "--every", "0.0001"],
        ["transit", "europe", "lianyungang"],
        ["transit", "europe", "lianyungang", "--corridor", "sea"],
        ["transit", "lianyungang", "lianyungang", "--corridor", "titr"],
        ["backtest", "--scenario", "atlantis"],
        ["length", "almaty"],  # a place, not a route
    ]
    return argvs


def test_bad_invocations__at_least_200_each_one_line_exit_2(hostile, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a command that wrongly wrote would write here
    monkeypatch.delenv("CORRIDORS_GEODATA", raising=False)
    argvs = _invocations(hostile)
    assert len(argvs) >= 200
    internal, not_two, many_lines = [], [], []
    for argv in argvs:
        capsys.readouterr()
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's own usage errors
            code = exc.code
        err = capsys.readouterr().err
        shown = [a if len(a) < 60 else a[:57] + "..." for a in argv]
        if "internal error" in err or "Traceback" in err:
            internal.append((shown, err[:300]))
        elif code != 2:
            not_two.append((shown, code, err[:300]))
        elif len(err.splitlines()) != 1 or not err.startswith("corridors: error:"):
            many_lines.append((shown, err[:300]))
    assert internal == []
    assert not_two == []
    assert many_lines == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--geodata", "LOOP", "layers"], "symlink loop"),
        (["--geodata", "", "layers"], "--geodata is empty"),
        (["--geodata", "/", "layers"], "holds more than"),
        (["--geodata", LONG_NAME, "layers"], "File name too long"),
        (["--geodata", LONG_PATH, "layers"], "File name too long"),
        (["--geodata", "a\0b", "layers"], "NUL byte"),
        (["--geodata", "/dev/null", "layers"], "not a folder"),
        (["build", "--out", "", "--map", "border"], "--out is empty"),
        (["build", "--out", "FILE", "--map", "border"], "is a file, not a folder"),
        (["build", "--out", "DANGLING", "--map", "border"], "which does not exist"),
        (["export", "--out", ""], "--out is empty"),
        (["distance", "almaty", "aktau", "--along", ""], "--along is empty"),
        (["distance", "a" * 100_000, "aktau"], "100,000 characters"),
        (["transit", "europe", "lianyungang"], "can only be the destination"),
    ],
)
def test_bad_invocation__says_what_is_wrong(argv, expected, tmp_path, capsys):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    replace = {
        "LOOP": str(tmp_path / "loop"),
        "FILE": str(tmp_path / "file"),
        "DANGLING": str(tmp_path / "dangling"),
    }
    assert main([replace.get(a, a) for a in argv]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert expected in err
    assert "File exists" not in err


def test_build__read_only_out_fails_before_the_first_map(tmp_path, capsys, monkeypatch):
    def read_only(folder: Path) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(atomic, "probe", read_only)
    assert main(["build", "--out", str(tmp_path / "maps"), "--map", "border"]) == 2
    captured = capsys.readouterr()
    assert "building" not in captured.out  # no map was built first
    assert captured.err.splitlines() == [
        f"corridors: error: --out {str(tmp_path)!r}: cannot write there "
        "(Read-only file system); choose another --out."
    ]


def test_build__full_disk_is_a_user_error(tmp_path, capsys, monkeypatch):
    real = atomic.replace

    def full(path, write, *, suffix=""):
        def fail(tmp):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        return real(path, fail, suffix=suffix)

    monkeypatch.setattr(atomic, "replace", full)
    # --no-data: the first file written is the map (else the data download is).
    assert main(["build", "--out", str(tmp_path), "--map", "border", "--no-data"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"corridors: error: cannot write {str(tmp_path / 'border.html')!r} "
        "(No space left on device); choose another --out."
    ]
    assert list(tmp_path.iterdir()) == []  # no temporary file left


def test_export__sqlite_disk_full_is_a_user_error(tmp_path, capsys, monkeypatch):
    import pyogrio  # noqa: PLC0415

    def full(*args, **kwargs):
        msg = "sqlite3_exec(COMMIT) failed: database or disk is full"
        raise pyogrio.errors.DataSourceError(msg)

    monkeypatch.setattr(pyogrio, "write_dataframe", full)
    out = tmp_path / "atlas.gpkg"
    assert main(["export", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"corridors: error: cannot write {str(out)!r} (No space left on device); "
        "choose another --out."
    ]
    assert list(tmp_path.iterdir()) == []


def test_nested_json__named_by_file_not_a_recursion_error(tmp_path, capsys):
    path = tmp_path / "geodata" / "corridors" / "deep.geojson"
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"type": "FeatureCollection", "features": ' + "[" * 50_000 + "]" * 50_000 + "}", "utf-8"
    )
    for argv in (["validate", str(path)], ["--geodata", str(path.parents[1]), "layers"]):
        assert main(argv) == 2
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"corridors: error: {path}: ")
        assert "nested too deeply" in lines[0]


def test_one_broken_node_file__its_own_problem_only(tmp_path, capsys):
    nodes = tmp_path / "geodata" / "corridors" / "nodes.geojson"
    nodes.parent.mkdir(parents=True)
    node = line_feature(id="a", kind="city")
    node["geometry"] = {"type": "Point", "coordinates": [45.0, 70.0, "x"]}
    nodes.write_text(json.dumps(collection(node)), encoding="utf-8")
    leg = line_feature(corridor="titr", mode="road", **{"from": "a", "to": "a"})
    legs = nodes.parent / "legs.geojson"
    legs.write_text(json.dumps(collection(leg)), encoding="utf-8")
    assert main(["--geodata", str(nodes.parents[1]), "validate"]) == 2
    err = capsys.readouterr().err
    assert str(nodes) in err
    assert "names node" not in err  # not one more line per leg that points into it


def test_subprocess__symlink_loop_and_nul_are_user_errors(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for argv in (
        ["--geodata", str(tmp_path / "loop"), "layers"],
        ["build", "--out", str(tmp_path / "loop"), "--map", "border"],
        ["--geodata", "/", "validate"],
    ):
        run = subprocess.run(
            [sys.executable, "-m", "corridors", *argv],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert run.returncode == 2, (argv, run.stderr)
        assert len(run.stderr.splitlines()) == 1, run.stderr


def _one_problem(tmp_path, data, capsys) -> str:
    path = tmp_path / "geodata" / "sites" / "x.geojson"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_message__lon_200_is_out_of_range_not_projected(tmp_path, capsys):
    city = line_feature(kind="city")
    city["geometry"] = {"type": "Point", "coordinates": [200.0, 44.0]}
    line = _one_problem(tmp_path, collection(city), capsys)
    assert "longitude must lie within -180..180" in line
    assert "projected" not in line


def test_message__a_teu_capacity_is_not_told_bcm(tmp_path, capsys):
    port = line_feature(kind="dry_port", capacity={"value": -5, "unit": "TEU/yr"})
    port["geometry"] = {"type": "Point", "coordinates": [80.3, 44.16]}
    port["properties"]["sources"] = [
        {**port["properties"]["sources"][0], "supports": ["geometry", "capacity"]}
    ]
    line = _one_problem(tmp_path, collection(port), capsys)
    assert "capacity" in line
    assert "bcm/yr" not in line


def test_message__a_source_without_url_is_one_line(tmp_path, capsys):
    data = collection(line_feature())
    source = next(iter(data["sources"].values()))
    del source["url"]
    line = _one_problem(tmp_path, data, capsys)
    assert "url" in line
