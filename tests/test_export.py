"""The open-data export: GeoPackage, GeoJSON and CSV downloads with their licences."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from test_rfc7946 import rfc7946_problems

import corridors
from corridors import catalog, export
from corridors.cli import main

#: A name SQL takes without quotes (and no SQL keyword the data uses: from, to).
SQL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
OGR2OGR = shutil.which("ogr2ogr")
needs_gdal = pytest.mark.skipif(OGR2OGR is None, reason="GDAL's command-line tools (gdal-bin)")


@pytest.fixture(scope="module")
def everything():
    return corridors.load_all()


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    return export.export(tmp_path_factory.mktemp("export") / "atlas.gpkg")


@pytest.fixture(scope="module")
def geojson_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "atlas-geojson.zip"
    return export.export(out, file_format="geojson")


@pytest.fixture(scope="module")
def csv_zip(tmp_path_factory):
    return export.export(tmp_path_factory.mktemp("export") / "atlas-csv.zip", file_format="csv")


@pytest.fixture(scope="module")
def tables_of_layers():
    """Export table name -> the loaded features it holds."""
    frames = {name: corridors.load(name) for name in catalog.layer_names()}
    return export.export_tables(frames)


def test_gpkg__every_layer_reads_back_with_its_features(gpkg, everything, tables_of_layers):
    listed = dict(pyogrio.list_layers(gpkg))
    exported_ids = []
    for name, part in tables_of_layers.items():
        assert name in listed, name
        back = gpd.read_file(gpkg, layer=name)
        assert back.crs.to_epsg() == 4326
        assert sorted(back["id"]) == sorted(part["id"])
        assert back.geometry.notna().all()
        assert not back.geometry.is_empty.any()
        # Geometry survives: same bounds as the loaded layer.
        assert back.total_bounds == pytest.approx(part.total_bounds, abs=1e-9)
        exported_ids.extend(back["id"])
    assert sorted(exported_ids) == sorted(everything["id"])


def test_gpkg__one_geometry_type_per_table_mixed_layers_split(gpkg, everything):
    listed = dict(pyogrio.list_layers(gpkg))
    spatial = {name: kind for name, kind in listed.items() if kind is not None}
    assert "Unknown" not in set(spatial.values())
    assert listed["cagp_lines"] == "LineString"
    assert listed["cagp_points"] == "Point"
    assert listed["countries"] == "MultiPolygon"
    assert "cagp" not in listed
    mixed = everything.groupby("layer").filter(lambda g: g.geom_type.nunique() > 1)
    assert set(mixed["layer"]) >= {"cagp", "roads"}


def test_gpkg__table_and_column_names_need_no_quoting(gpkg):
    for name, _ in pyogrio.list_layers(gpkg):
        assert SQL_NAME.match(name), name
        columns = pyogrio.read_info(gpkg, layer=name)["fields"]
        bad = [c for c in columns if not SQL_NAME.match(c) or c in {"from", "to"}]
        assert not bad, (name, bad)
    titr = gpd.read_file(gpkg, layer="titr").set_index("id")
    leg = corridors.load("titr").set_index("id").loc["titr-lianyungang-xian"]
    assert titr.loc["titr-lianyungang-xian", "from_node"] == leg["from"]
    assert titr.loc["titr-lianyungang-xian", "to_node"] == leg["to"]
    # Plain SQL, no quotes, runs against the file.
    with sqlite3.connect(gpkg) as db:
        rows = db.execute("SELECT id FROM titr WHERE from_node = 'lianyungang'").fetchall()
    assert ("titr-lianyungang-xian",) in rows


def test_gpkg__dates_are_dates_with_their_precision_beside(gpkg, everything):
    cited = everything.set_index("id")["opened"]
    cagp = pyogrio.read_dataframe(gpkg, layer="cagp_lines").set_index("id")
    assert str(cagp["opened_date"].dtype).startswith("datetime64")
    dated = cagp[cagp["opened"].notna()]
    assert len(dated) >= 3
    for fid, row in dated.iterrows():
        opened = cited[fid]
        assert row["opened"] == opened
        parts = [int(p) for p in opened.split("-")]
        assert row["opened_precision"] == ["year", "month", "day"][len(parts) - 1]
        assert row["opened_date"] == pd.Timestamp(*parts, *[1] * (3 - len(parts))), fid
    assert cagp[cagp["opened"].isna()]["opened_date"].isna().all()
    assert cagp.loc["cagp-line-a", "opened_precision"] == "month"


def test_gpkg__descriptions_and_metadata_inside(gpkg):
    with sqlite3.connect(gpkg) as db:
        described = dict(db.execute("SELECT table_name, description FROM gpkg_contents"))
    assert set(described) == {name for name, _ in pyogrio.list_layers(gpkg)}
    assert all(text for text in described.values()), described
    assert "features" in described["titr"]
    assert "licences" in described["titr"]
    info = pyogrio.read_info(gpkg, layer="titr")
    metadata = info["dataset_metadata"]
    assert metadata["TITLE"] == "corridors: open data"
    assert "ODbL 1.0" in metadata["LICENCES"]
    assert metadata["VERSION"] == corridors.__version__


def test_gpkg__same_data_same_bytes(gpkg, tmp_path):
    again = export.export(tmp_path / "again.gpkg")
    assert again.read_bytes() == gpkg.read_bytes()


@needs_gdal
def test_gpkg__the_systems_gdal_reads_it_without_a_word_on_stderr(gpkg):
    """Debian stable's GDAL (3.6) warns on every command for GeoPackage 1.4; 1.2 it reads."""
    done = subprocess.run(
        ["ogrinfo", "-q", "-so", str(gpkg)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert gpkg.read_bytes()[60:64] == (10200).to_bytes(4, "big")  # user_version: 1.2


#: ogr2ogr targets: driver and file suffix.
TARGETS = {
    "shapefile": ("ESRI Shapefile", "shp"),
    "flatgeobuf": ("FlatGeobuf", "fgb"),
    "kml": ("KML", "kml"),
}


def _count(path, layer=None) -> int:
    return pyogrio.read_info(path, layer=layer, force_feature_count=True)["features"]


def _sources(request, tmp_path, source) -> dict[str, tuple[str, str]]:
    """Layer name -> (dataset, layer in it) of an export."""
    if source == "gpkg":
        gpkg = str(request.getfixturevalue("gpkg"))
        return {name: (gpkg, name) for name, _ in pyogrio.list_layers(gpkg)}
    with zipfile.ZipFile(request.getfixturevalue("geojson_zip")) as zipped:
        zipped.extractall(tmp_path / "geojson")
    files = sorted((tmp_path / "geojson" / "layers").glob("*.geojson"))
    return {path.stem: (str(path), path.stem) for path in files}


@needs_gdal
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("source", ["gpkg", "geojson"])
def test_ogr2ogr__every_layer_converts_with_its_features(
    request, tmp_path, source, target, tables_of_layers
):
    """What a GIS user does first: convert the download to the format their tool wants."""
    driver, suffix = TARGETS[target]
    sources = _sources(request, tmp_path, source)
    assert set(tables_of_layers) <= set(sources)
    if target != "shapefile":
        # FlatGeobuf and KML hold features with a geometry: the attribute tables
        # (length_table, transit...) convert to a Shapefile's .dbf, or come as CSV.
        sources = {k: v for k, v in sources.items() if k in tables_of_layers}
    (tmp_path / target).mkdir()
    for name, (dataset, layer) in sources.items():
        out = tmp_path / target / f"{name}.{suffix}"
        done = subprocess.run(
            [OGR2OGR, "-f", driver, str(out), dataset, layer],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (name, done.stderr[-2000:])
        assert "ERROR" not in done.stderr, (name, done.stderr[-2000:])
        if not out.exists():  # a Shapefile of a table without geometry is its .dbf
            out = out.with_suffix(".dbf")
        assert _count(str(out)) == _count(dataset, layer), name


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
    cagp = gpd.read_file(gpkg, layer="cagp_lines").set_index("id")
    capacity = everything.set_index("id").loc["cagp-line-a", "capacity"]
    assert cagp.loc["cagp-line-a", "capacity"].startswith(
        f"{capacity['value']:g} {capacity['unit']}"
    )
    titr = gpd.read_file(gpkg, layer="titr").set_index("id")
    assert "openstreetmap" in titr.loc["titr-lianyungang-xian", "data_licences"]
    countries = gpd.read_file(gpkg, layer="countries")
    assert countries["data_licences"].str.contains("natural-earth").all()
    border = gpd.read_file(gpkg, layer="china_kazakhstan_border")
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
def test_zip__layers_tables_readme_and_sources(
    request, everything, tables_of_layers, file_format, suffix
):
    out = request.getfixturevalue(f"{file_format}_zip")
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        readme = archive.read("README.md").decode()
    assert {"README.md", "SOURCES.md", "tables/length_table.csv", "tables/transit.csv"} <= names
    assert "tables/backtest.csv" in names
    for licence in ("ODbL 1.0", "CC BY 4.0", "public domain"):
        assert licence in readme
    ids = []
    for name, part in tables_of_layers.items():
        back = gpd.read_file(f"zip://{out}!layers/{name}{suffix}")
        assert sorted(back["id"]) == sorted(part["id"]), name
        assert "data_licences" in back.columns, name
        ids.extend(back["id"])
    assert sorted(ids) == sorted(everything["id"])


def test_zip__geojson_is_rfc7946_with_licences_and_plain_lists_as_text(geojson_zip):
    with zipfile.ZipFile(geojson_zip) as archive:
        layers = {
            name: json.loads(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".geojson")
        }
    assert "layers/countries.geojson" in layers
    for name, collection in layers.items():
        assert rfc7946_problems(collection) == {}, name
        for feature in collection["features"]:
            props = feature["properties"]
            assert props["data_licences"], name
            assert isinstance(props["countries"], str), name
            assert not set(props) & {"from", "to"}, name
    cagp = {
        f["properties"]["id"]: f["properties"]
        for f in layers["layers/cagp_lines.geojson"]["features"]
    }
    line_a = cagp["cagp-line-a"]
    assert isinstance(line_a["sources"], list)  # objects stay nested
    assert (line_a["opened_date"], line_a["opened_precision"]) == ("2009-12-01", "month")


def test_zip__csv_points_have_lon_lat_and_wkt_comes_last(csv_zip):
    with zipfile.ZipFile(csv_zip) as archive:
        nodes = pd.read_csv(archive.open("layers/nodes.csv"))
        titr = pd.read_csv(archive.open("layers/titr.csv"))
    assert list(nodes.columns[-3:]) == ["lon", "lat", "geometry"]
    assert titr.columns[-1] == "geometry"
    loaded = corridors.load("nodes").set_index("id")
    for row in nodes.itertuples():
        point = loaded.loc[row.id, "geometry"]
        assert (row.lon, row.lat) == pytest.approx((point.x, point.y), abs=1e-9)
        assert row.geometry.startswith("POINT")


@pytest.mark.parametrize("file_format", ["geojson", "csv"])
def test_zip__same_data_same_bytes(request, tmp_path, file_format):
    first = request.getfixturevalue(f"{file_format}_zip").read_bytes()
    second = export.export(tmp_path / "b.zip", file_format=file_format).read_bytes()
    assert first == second


def test_gpkg__last_change_is_a_fixed_date_not_the_clock(gpkg):
    # GeoPackages record each table's last change: a fixed date, so the bytes reproduce.
    with contextlib.closing(sqlite3.connect(gpkg)) as db:
        dates = {row[0] for row in db.execute("SELECT last_change FROM gpkg_contents")}
    assert dates == {export.GPKG_TIMESTAMP}


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


def test_export_layer__geojson_is_rfc7946_without_crs(tmp_path):
    path = corridors.export_layer("countries", tmp_path / "countries.geojson", driver="GeoJSON")
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in collection
    assert rfc7946_problems(collection) == {}
    assert len(collection["features"]) == len(corridors.load("countries"))


def test_export_layer__mixed_layer_split_in_a_geopackage_refused_in_one_layer_formats(
    tmp_path,
):
    path = corridors.export_layer("roads", tmp_path / "roads.gpkg")
    assert dict(pyogrio.list_layers(path)) == {"roads_lines": "LineString", "roads_points": "Point"}
    assert path.read_bytes()[60:64] == (10200).to_bytes(4, "big")  # GeoPackage 1.2
    with pytest.raises(corridors.CorridorsError, match="one geometry type per file"):
        corridors.export_layer("roads", tmp_path / "roads.fgb", driver="FlatGeobuf")
    fgb = corridors.export_layer("titr", tmp_path / "titr.fgb", driver="FlatGeobuf")
    assert pyogrio.read_info(fgb)["features"] == len(corridors.load("titr"))


def test_sources_table__original_url_and_the_copy_read_in_every_format(gpkg, csv_zip):
    from corridors import sourcing  # noqa: PLC0415

    inside = pyogrio.read_dataframe(gpkg, layer="sources")
    with zipfile.ZipFile(csv_zip) as archive:
        as_csv = pd.read_csv(archive.open("tables/sources.csv"), keep_default_na=False)
    for table in (inside, as_csv):
        assert list(table.columns[:5]) == ["file", "id", "title", "url", "copy"]
        assert not table["url"].map(sourcing.mirror_host).notna().any()
        row = table[(table["file"] == "sites/khorgos.geojson")]
        row = row[row["url"] == "https://en.wikipedia.org/wiki/Port_of_Khorgos"].iloc[0]
        assert row["copy"] == "https://hessslslslsls.azureedge.net/wiki/Port_of_Khorgos"
        assert (table["copy"].fillna("") == "").sum() > len(table) / 2  # most read at origin
    crossings = gpd.read_file(gpkg, layer="crossings")
    text = crossings.set_index("id").loc["crossing-khorgos", "sources"]
    original = "<https://en.wikipedia.org/wiki/Port_of_Khorgos>"
    assert f"{original} (read at hessslslslsls.azureedge.net)" in text
