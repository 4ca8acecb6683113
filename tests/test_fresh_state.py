"""Every cache belongs to the folder's catalog and sees an edit made in the same process.

A user edits a layer, a series or ``transit.toml`` while a notebook or a script
keeps running: the next call shows the edit. Each edit here changes the file's
size, as an editor's would, so that it shows whatever the clock's resolution.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import GEODATA, collection, line_feature

import corridors
from corridors import catalog, names, parameters


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled geodata folder, to edit."""
    return Path(shutil.copytree(GEODATA, tmp_path / "geodata"))


def test_load_all__sees_an_edited_layer(write_geojson):
    path = write_geojson(collection(line_feature(name="Before")))
    atlas = corridors.open(path.parents[1])
    assert atlas.load_all()["name"].tolist() == ["Before"]
    assert corridors.load_all(geodata=atlas)["name"].tolist() == ["Before"]
    write_geojson(collection(line_feature(name="After, renamed")))
    assert atlas.load_all()["name"].tolist() == ["After, renamed"]
    assert corridors.load_all(geodata=atlas)["name"].tolist() == ["After, renamed"]


def test_load_all__sees_a_new_layer(write_geojson):
    path = write_geojson(collection(line_feature()))
    atlas = corridors.open(path.parents[1])
    assert set(atlas.load_all()["layer"]) == {"layer"}
    write_geojson(collection(line_feature(id="other-line")), name="other.geojson")
    assert set(atlas.load_all()["layer"]) == {"layer", "other"}


def test_series__sees_an_edited_series_file(folder):
    path = folder / "series" / "china-kazakhstan-trade.toml"
    before = corridors.series("china-kazakhstan-trade", geodata=folder)
    title = corridors.timeseries.series_meta("china-kazakhstan-trade", geodata=folder)["title"]
    text = path.read_text(encoding="utf-8")
    edited = text.replace(f"title = {json.dumps(title, ensure_ascii=False)}", 'title = "Edited"')
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    meta = corridors.timeseries.series_meta("china-kazakhstan-trade", geodata=folder)
    assert meta["title"] == "Edited"
    # A changed unit shows in the next series().
    assert set(before["unit"]) == {"USD bn"}
    path.write_text(edited.replace('unit = "USD bn"', 'unit = "USD billion"', 1), encoding="utf-8")
    after = corridors.series("china-kazakhstan-trade", geodata=folder)
    assert set(after["unit"]) == {"USD billion"}


def test_series__sees_a_new_series_file(folder):
    assert "copy" not in corridors.timeseries.names(geodata=folder)
    shutil.copy(folder / "series" / "cagp-gas.toml", folder / "series" / "copy.toml")
    assert "copy" in corridors.timeseries.names(geodata=folder)
    assert len(corridors.series("copy", geodata=folder)) > 0


def test_transit_time__sees_an_edited_transit_toml(folder):
    path = folder / "transit.toml"
    before = corridors.transit_time("Almaty", "Aktau", geodata=folder)
    text = path.read_text(encoding="utf-8")
    # Halve the typical rail speed in Kazakhstan: the Almaty–Aktau leg runs slower.
    head, table = text.split("[parameters.rail_speed_kazakhstan]\n", 1)
    table = table.replace("low = 800\ntypical = 941\n", "low = 400\ntypical = 470\n", 1)
    edited = f"{head}[parameters.rail_speed_kazakhstan]\n{table}"
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    assert parameters.load(path).parameters["rail_speed_kazakhstan"].typical == 470
    after = corridors.transit_time("Almaty", "Aktau", geodata=folder)
    assert after.hours["typical"] > before.hours["typical"]
    # and back: the original figures again
    path.write_text(text, encoding="utf-8")
    again = corridors.transit_time("Almaty", "Aktau", geodata=folder)
    assert again.hours == before.hours


def test_alternate_names__an_edit_is_seen_by_the_next_lookup(folder):
    path = folder / names.ALTERNATE_NAMES
    with pytest.raises(corridors.UnknownNameError):
        corridors.place("Alma Mater of Apples", geodata=folder)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["places"].setdefault("almaty", {"names": []})["names"].append("Alma Mater of Apples")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert corridors.place("Alma Mater of Apples", geodata=folder)["id"] == "almaty"


def test_country_boxes__come_from_the_folder_in_use(write_geojson):
    # A folder whose own Kazakhstan is a small box near 0°, 0°: a line declared in
    # KAZ at 70° E lies far outside it, which the bundled basemap would not say.
    square = [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]
    country = line_feature(id="country-kaz", kind="country", iso3="KAZ", countries=["KAZ"])
    country["geometry"] = {"type": "Polygon", "coordinates": square}
    country["properties"].pop("history", None)
    write_geojson(collection(country), name="countries.geojson", group="base")
    path = write_geojson(collection(line_feature()))
    atlas = corridors.open(path.parents[1])
    assert set(atlas.country_boxes()) == {"KAZ"}
    with pytest.raises(corridors.GeodataError, match="outside its declared countries"):
        atlas.load("layer")
    with pytest.raises(corridors.GeodataError, match="outside its declared countries"):
        corridors.read_layer(path, geodata=atlas)
    # The bundled basemap's Kazakhstan holds the line.
    assert len(corridors.read_layer(path)) == 1


def test_country_boxes__a_folder_without_countries_borrows_the_bundled_ones(write_geojson):
    path = write_geojson(collection(line_feature()))
    atlas = corridors.open(path.parents[1])
    assert atlas.country_boxes() == corridors.open().country_boxes()
    assert "KAZ" in atlas.country_boxes()


def test_every_cache_is_the_catalogs(folder):
    # What the package keeps about a folder, it keeps in that folder's catalog: a
    # reload() forgets it all, and two folders never share an entry.
    atlas = corridors.open(folder)
    corridors.transit_time("Almaty", "Aktau", geodata=atlas)
    corridors.series("cagp-gas", geodata=atlas)
    corridors.place("Алматы", geodata=atlas)
    kept = set(atlas._kept)  # noqa: SLF001 (what the catalog keeps, looked at in a test)
    assert {"transit", "series cagp-gas", "alternate names", "country boxes"} <= kept
    assert any(key.startswith("network:") for key in kept)  # one network per year
    assert catalog.in_use() is not atlas
    atlas.reload()
    assert atlas._kept == {}  # noqa: SLF001
