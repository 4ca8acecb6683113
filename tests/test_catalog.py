"""Layer discovery and loading, from the bundled data and from a user folder."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import GEODATA, collection, line_feature

import corridors
from corridors import catalog
from corridors.errors import GeodataError, UnknownNameError


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_bundled_geodata__is_the_repository_folder():
    bundled = Path(str(files("corridors") / "geodata"))
    assert _digest(bundled) == _digest(GEODATA)


def test_load__returns_wgs84_frame_with_ids():
    border = corridors.load("china-kazakhstan-border")
    assert border.crs.to_epsg() == 4326
    assert border["id"].tolist() == ["border-china-kazakhstan"]


def test_load__unknown_layer_suggests():
    with pytest.raises(UnknownNameError, match="china-kazakhstan-border"):
        corridors.load("china-kazakstan-border")


def test_load_all__adds_layer_and_group():
    everything = corridors.load_all()
    assert {"layer", "group"} <= set(everything.columns)
    assert everything["id"].is_unique


def test_user_folder__duplicate_ids_across_files(write_geojson):
    write_geojson(collection(line_feature()), name="a.geojson")
    path = write_geojson(collection(line_feature()), name="b.geojson")
    with pytest.raises(GeodataError, match="duplicate id across layers"):
        catalog.Catalog(path.parents[1]).load_all()


def test_user_folder__leg_names_unknown_node(write_geojson):
    leg = line_feature(corridor="titr", mode="rail_1520", **{"from": "nowhere", "to": "x"})
    path = write_geojson(collection(leg))
    with pytest.raises(GeodataError) as info:
        catalog.Catalog(path.parents[1]).load_all()
    assert "'nowhere'" in str(info.value)
    assert "field 'from'" in str(info.value)


def test_open__geodata_argument_selects_a_folder(write_geojson):
    path = write_geojson(collection(line_feature()))
    folder = corridors.open(path.parents[1])
    assert catalog.layer_names(geodata=folder) == ["layer"]
    assert catalog.layer_names(geodata=path.parents[1]) == ["layer"]  # a path will do
    with folder:  # or put in use for a block
        assert catalog.layer_names() == ["layer"]
    assert "layer" not in catalog.layer_names()  # the bundled data again


def test_open__the_library_reads_no_environment_variable(write_geojson, monkeypatch):
    path = write_geojson(collection(line_feature()))
    monkeypatch.setenv(catalog.ENV_VAR, str(path.parents[1]))
    assert "cagp" in catalog.layer_names()  # only the CLI reads CORRIDORS_GEODATA


def test_open__an_edited_file_shows_on_the_next_load(write_geojson):
    path = write_geojson(collection(line_feature(name="Before")))
    folder = corridors.open(path.parents[1])
    assert folder.load("layer")["name"].tolist() == ["Before"]
    write_geojson(collection(line_feature(name="After, a longer name")))
    assert folder.load("layer")["name"].tolist() == ["After, a longer name"]
    assert corridors.load_all(geodata=folder)["name"].tolist() == ["After, a longer name"]


def test_open__same_folder_same_catalog_and_reload_forgets(write_geojson):
    path = write_geojson(collection(line_feature()))
    folder = corridors.open(path.parents[1])
    assert corridors.open(str(path.parents[1])) is folder
    first = folder.kept("answer", lambda: object())
    assert folder.kept("answer", lambda: object()) is first
    folder.reload()
    assert folder.kept("answer", lambda: object()) is not first


def test_source__no_environment_writes_in_the_library():
    src = Path(corridors.__file__).parent
    offenders = [
        str(p.relative_to(src))
        for p in sorted(src.rglob("*.py"))
        if re.search(
            r"os\.environ\[[^]]+\]\s*=|environ\.(pop|setdefault|update)\(|putenv", p.read_text()
        )
    ]
    assert offenders == []


def test_read_layer__rejects_huge_file(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(GeodataError, match="the limit is"):
        catalog.read_layer(path)


def test_read_layer__rejects_binary(tmp_path):
    path = tmp_path / "bin.geojson"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(GeodataError, match="UTF-8"):
        catalog.read_layer(path)


def test_normalise_name__folds_accents():
    assert catalog.normalise_name("Ürümqi") == "urumqi"
    assert catalog.normalise_name("Khorgos–Altynkol") == "khorgos altynkol"


def test_wheel__ships_the_geodata(tmp_path):
    """An installed wheel has no repository beside it: the data must be inside it."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    from conftest import REPO  # noqa: PLC0415

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("corridors-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in GEODATA.rglob("*"):
        if path.is_file():
            assert f"corridors/geodata/{path.relative_to(GEODATA)}" in names


def _two_countries(write_geojson):
    square = {
        "KAZ": [[[69.0, 44.0], [71.0, 44.0], [71.0, 46.0], [69.0, 46.0], [69.0, 44.0]]],
        "KGZ": [[[71.0, 44.0], [73.0, 44.0], [73.0, 46.0], [71.0, 46.0], [71.0, 44.0]]],
    }
    countries = [
        line_feature(id=f"country-{iso.lower()}", kind="country", iso3=iso, countries=[iso])
        | {"geometry": {"type": "Polygon", "coordinates": ring}}
        for iso, ring in square.items()
    ]
    for feature in countries:
        del feature["properties"]["status"]
    write_geojson(collection(*countries), name="countries.geojson", group="base")


def test_validate__a_line_in_an_undeclared_country_is_named(write_geojson):
    _two_countries(write_geojson)
    # 70 -> 72 E at 45 N: about 79 km of it in KGZ, which the feature does not declare.
    line = line_feature(countries=["KAZ"])
    line["geometry"]["coordinates"] = [[70.0, 45.0], [72.0, 45.0]]
    path = write_geojson(collection(line))
    folder = corridors.open(path.parents[1])
    assert "test-line" in set(folder.load_all()["id"])  # loading measures nothing
    with pytest.raises(GeodataError, match=r"crosses KGZ for 7\d\.\d km"):
        corridors.validate(geodata=folder)
    line["properties"]["drawn_crosses"] = {"KGZ": "a test drawing that strays, longer"}
    write_geojson(collection(line))
    assert corridors.validate(geodata=folder).features == 3  # two countries and the line
