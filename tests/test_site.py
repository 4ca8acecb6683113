"""`corridors build` and `make maps` write the same folder: maps, index and the download."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import REPO

from corridors import export, maps
from corridors.cli import main


def test_build__writes_the_download_its_landing_page_links(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--map", "border"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'atlas.gpkg'}" in out
    assert "built 1 map in" in out
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "href='atlas.gpkg' download" in page
    assert (tmp_path / "atlas.gpkg").read_bytes()[:16] == b"SQLite format 3\x00"


def test_build__same_folder_as_export_then_maps(tmp_path):
    """What `make maps` wrote before it ran `build` alone: the GeoPackage, then the maps."""
    built, by_steps = tmp_path / "built", tmp_path / "steps"
    assert main(["build", "--out", str(built), "--map", "border"]) == 0
    export.export(by_steps / export.DEFAULT_NAMES["gpkg"])
    maps.build_all(by_steps, names=["border"])
    assert sorted(p.name for p in built.iterdir()) == sorted(p.name for p in by_steps.iterdir())
    for path in by_steps.iterdir():
        assert (built / path.name).read_bytes() == path.read_bytes(), path.name


def test_build__no_data_offers_the_command_instead(tmp_path):
    assert main(["build", "--out", str(tmp_path), "--map", "border", "--no-data"]) == 0
    assert not (tmp_path / "atlas.gpkg").exists()
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "href='atlas.gpkg'" not in page
    assert "corridors export --format gpkg" in page


def test_build__unknown_map_fails_before_the_export(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "out"), "--map", "bordr"]) == 2
    assert "Did you mean 'border'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_maps__is_validate_then_build():
    """`make maps` writes the folder through `corridors build`, nothing beside it."""
    done = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", "maps"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    commands = [line for line in done.stdout.splitlines() if "/corridors " in line]
    assert [c.split("/corridors ", 1)[1] for c in commands] == [
        "validate",
        "build --out output",
    ]
