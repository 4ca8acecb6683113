"""The open-data export: GeoPackage, GeoJSON and CSV downloads with their licences."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zipfile

import geopandas as gpd
import pyogrio
import pytest

import corridors
from corridors import export
from corridors.cli import main


@pytest.fixture(scope="module")
def everything():
    return corridors.load_all()


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    return export.export(tmp_path_factory.mktemp("export") / "atlas.gpkg")


def test_gpkg__every_layer_reads_back_with_its_features(gpkg, everything):
    listed = dict(pyogrio.list_layers(gpkg))
    for name, group in everything.groupby("layer"):
        assert name in listed, name
        back = gpd.read_file(gpkg, layer=name)
        assert back.crs.to_epsg() == 4326
        assert sorted(back["id"]) == sorted(group["id"])
        assert back.geometry.notna().all()
        assert not back.geometry.is_empty.any()
        # Geometry survives: same bounds as the loaded layer.
        assert back.total_bounds == pytest.approx(group.total_bounds, abs=1e-9)


def test_gpkg__is_a_valid_geopackage(gpkg):
    """What QGIS checks first: the SQLite GeoPackage header and the contents table."""
    header = gpkg.read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert header[68:72] == b"GPKG"  # application_id
    info = pyogrio.read_info(gpkg, layer="titr")
    assert info["driver"] == "GPKG"
    assert info["features"] == len(corridors.load("titr"))


def test_gpkg__sources_flattened_with_full_json_beside(gpkg, everything):
    back = gpd.read_file(gpkg, layer="titr").set_index("id")
    row = everything.set_index("id").loc["titr-lianyungang-xian"]
    first = row["sources"][0]
    text = back.loc["titr-lianyungang-xian", "sources"]
    assert f"{first['title']} <{first['url']}>" in text
    assert json.loads(back.loc["titr-lianyungang-xian", "sources_json"]) == row["sources"]
    waypoints = back.loc["titr-lianyungang-xian", "waypoints"]
    assert row["waypoints"][0]["name"] in waypoints
    assert json.loads(back.loc["titr-lianyungang-xian", "waypoints_json"]) == row["waypoints"]
    assert back.loc["titr-lianyungang-xian", "countries"] == ", ".join(row["countries"])


def test_gpkg__capacity_as_text_and_licences_per_feature(gpkg, everything):
    cagp = gpd.read_file(gpkg, layer="cagp").set_index("id")
    capacity = everything.set_index("id").loc["cagp-line-a", "capacity"]
    assert cagp.loc["cagp-line-a", "capacity"].startswith(
        f"{capacity['value']:g} {capacity['unit']}"
    )
    titr = gpd.read_file(gpkg, layer="titr").set_index("id")
    assert "openstreetmap" in titr.loc["titr-lianyungang-xian", "data_licences"]
    countries = gpd.read_file(gpkg, layer="countries")
    assert countries["data_licences"].str.contains("natural-earth").all()
    border = gpd.read_file(gpkg, layer="china-kazakhstan-border")
    assert border["data_licences"].str.contains("openstreetmap").all()


def test_gpkg__tables_and_licences_inside(gpkg):
    lengths = pyogrio.read_dataframe(gpkg, layer="length_table")
    expected = corridors.length_table()
    assert sorted(lengths["id"]) == sorted(expected["id"])
    assert "network_pct" in lengths.columns
    transit = pyogrio.read_dataframe(gpkg, layer="transit")
    assert set(transit["corridor"]) == {"titr", "northern", "sea"}
    assert transit["days_typical"].notna().all()
    backtest = pyogrio.read_dataframe(gpkg, layer="backtest")
    assert len(backtest) == len(corridors.backtest())
    licences = pyogrio.read_dataframe(gpkg, layer="licences")
    assert {"ODbL 1.0", "public domain", "CC BY 4.0"} <= set(licences["licence"])
    readme = pyogrio.read_dataframe(gpkg, layer="readme").set_index("file")["text"]
    assert "© OpenStreetMap contributors" in readme["README.md"]
    assert "How to cite" in readme["README.md"]
    assert "ODbL" in readme["SOURCES.md"]


@pytest.mark.parametrize(("file_format", "suffix"), [("geojson", ".geojson"), ("csv", ".csv")])
def test_zip__layers_tables_readme_and_sources(tmp_path, everything, file_format, suffix):
    out = export.export(tmp_path / f"atlas-{file_format}.zip", file_format=file_format)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        readme = archive.read("README.md").decode()
    assert {"README.md", "SOURCES.md", "tables/length_table.csv", "tables/transit.csv"} <= names
    assert "tables/backtest.csv" in names
    for licence in ("ODbL 1.0", "CC BY 4.0", "public domain"):
        assert licence in readme
    for name, group in everything.groupby("layer"):
        back = gpd.read_file(f"zip://{out}!layers/{name}{suffix}")
        assert sorted(back["id"]) == sorted(group["id"]), name


def test_zip__same_data_same_bytes(tmp_path):
    first = export.export(tmp_path / "a.zip", file_format="csv").read_bytes()
    second = export.export(tmp_path / "b.zip", file_format="csv").read_bytes()
    assert first == second


def test_gpkg__same_data_same_bytes(gpkg, tmp_path):
    # GeoPackages record each table's last change: a fixed date, not the clock's.
    second = export.export(tmp_path / "atlas.gpkg")
    assert second.read_bytes() == gpkg.read_bytes()
    with contextlib.closing(sqlite3.connect(second)) as db:
        dates = {row[0] for row in db.execute("SELECT last_change FROM gpkg_contents")}
    assert dates == {export.GPKG_DATE}


def test_geojson_zip__same_data_same_bytes(tmp_path):
    first = export.export(tmp_path / "a.zip", file_format="geojson").read_bytes()
    second = export.export(tmp_path / "b.zip", file_format="geojson").read_bytes()
    assert first == second


def test_export__leaves_no_temporary_file(gpkg):
    assert sorted(p.name for p in gpkg.parent.iterdir() if p.name.startswith(".")) == []


def test_flatten__nested_columns_become_text_and_json():
    gdf = corridors.load("cagp")
    flat = export.flatten(gdf)
    for column in ("sources", "waypoints", "countries", "capacity"):
        assert flat[column].map(lambda v: v is None or isinstance(v, str | float)).all()
        assert f"{column}_json" in flat.columns


def test_cli__export_writes_the_file(tmp_path, capsys):
    out = tmp_path / "sub" / "atlas.gpkg"
    assert main(["export", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert "titr" in {name for name, _ in pyogrio.list_layers(out)}


def _run(argv):
    """main()'s exit code, whether it returns it or argparse exits with it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["export", "--out", "atlas.zip"], "does not end in .gpkg"),
        (["export", "--format", "csv", "--out", "atlas.gpkg"], "does not end in .zip"),
        (["export", "--format", "xml"], "invalid choice"),
        (["export", "--out", "{tmp}"], "is a folder"),
        (["export", "--out", "{tmp}/file.txt/atlas.gpkg"], "is a file, not a folder"),
    ],
)
def test_cli__bad_out_or_format_one_line_exit_2(tmp_path, capsys, argv, fragment):
    (tmp_path / "file.txt").write_text("x")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert err.count("\n") == 1
    assert not list(tmp_path.rglob("*.gpkg"))


def test_licences__sources_md_summary_lists_every_licence():
    """The export's licence table and geodata/SOURCES.md's summary say the same."""
    text = export.sources_md()
    summary = text[text.index("## Licences (summary)") :]
    summary = summary[: summary.index("\n## ", 5)]
    rows = [line for line in summary.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) - 1 == len(export.LICENCES)  # one row each, after the header
    for lic, row in zip(export.LICENCES, rows[1:], strict=True):
        assert f"| {lic.licence} |" in row
        assert lic.attribution.split(" (")[0] in row
