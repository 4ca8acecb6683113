"""Map building: self-contained, escaped, reproducible, atomic."""

from __future__ import annotations

import importlib
import re

import folium
import pytest
from conftest import GEODATA, collection, line_feature

from corridors import catalog, maps
from corridors.cli import main
from corridors.maps.layers import GeoJsonLayer, esc, feature_collection, link, safe_json


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    paths = maps.build_all(out)
    return {p.stem: p for p in paths}


def test_build_all__writes_every_map_and_index(built):
    assert set(built) == {*maps.MAPS, "index"}
    index = built["index"].read_text(encoding="utf-8")
    for name in maps.MAPS:
        assert f"href='{name}.html'" in index


@pytest.mark.parametrize("name", sorted(maps.MAPS))
def test_offline_html__no_remote_script_or_stylesheet(built, name):
    page = built[name].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']?https?://", page)
    assert not re.search(r"<link[^>]+href=[\"']?https?://", page)
    assert "L.map(" in page
    assert "Leaflet 1.9.3" in page  # the library's own banner: Leaflet is inlined


def test_cdn_variant__links_leaflet_and_is_lighter(tmp_path):
    offline = maps.build_all(tmp_path / "offline", names=["border"])[0]
    cdn = maps.build_all(tmp_path / "cdn", names=["border"], offline=False)[0]
    page = cdn.read_text(encoding="utf-8")
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"' in page
    assert "Leaflet 1.9.3" not in page
    assert cdn.stat().st_size < offline.stat().st_size - 100_000


def test_build__returns_folium_map_that_renders_in_jupyter():
    m = maps.build("border")
    assert isinstance(m, folium.Map)
    html = m._repr_html_()
    assert "<iframe srcdoc=" in html
    assert "https://cdn.jsdelivr.net" not in html  # offline: Leaflet inside the iframe


def test_output__byte_for_byte_reproducible(tmp_path):
    first = maps.build_all(tmp_path / "a", names=["khorgos"])[0].read_bytes()
    second = maps.build_all(tmp_path / "b", names=["khorgos"])[0].read_bytes()
    assert first == second


def test_write_atomic__keeps_previous_file_on_failure(tmp_path):
    target = tmp_path / "map.html"
    maps.write_atomic(target, "previous")

    with pytest.raises(TypeError):
        maps.write_atomic(target, object())  # type: ignore[arg-type]
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_popups__show_sources_as_links_and_units(built):
    page = built["energy"].read_text(encoding="utf-8")
    assert "bcm/yr" in page
    assert "Length (published)" in page
    assert "https://" in page


def test_escaping__data_text_is_escaped_and_links_only_http():
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://a.example/?q=1&r=2", "t").startswith(
        '<a href="https://a.example/?q=1&amp;r=2"'
    )
    assert link("https://a.example/<script>", "t") == "t"
    assert "<" not in safe_json({"a": "</script><script>alert(1)</script>"})


def test_escaping__feature_names_from_user_data(write_geojson):
    evil = line_feature(
        name="<img src=x onerror=alert(1)>",
        description="<script>alert(2)</script>",
        sources=[{"title": "<b>bold</b>", "url": "https://example.org", "supports": ["geometry"]}],
    )
    path = write_geojson(collection(evil))
    gdf = catalog.read_layer(path)
    data = feature_collection(gdf)
    assert "<img" not in data
    assert "<script" not in data
    assert "&lt;img src=x onerror=alert(1)&gt;" in data.replace("\\u0026", "&")


def test_template_injection__data_is_never_evaluated(write_geojson, tmp_path):
    """folium renders the page script as a Jinja template: data must not be code."""
    sneaky = line_feature(
        name="Sum {{ 7*7 }} here",
        description="{% for x in range(3) %}loop{% endfor %} {# gone? #}",
    )
    path = write_geojson(collection(sneaky))
    gdf = catalog.read_layer(path)
    m = maps.AtlasMap(location=[45, 70], zoom_start=5, tiles=None)
    GeoJsonLayer(feature_collection(gdf), name="x").add_to(m)
    page = maps.render_html(m)
    assert "Sum 49 here" not in page
    assert "looplooploop" not in page
    data = page[page.index("L.geoJSON(") :]
    assert "Sum \\u007b{ 7*7 }} here" in data


def test_cli_build__writes_maps_and_reports(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--map", "border"]) == 0
    out = capsys.readouterr().out
    assert "[1/1] building border" in out
    assert (tmp_path / "border.html").exists()
    assert (tmp_path / "index.html").exists()


def test_cli_build__unknown_map(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--map", "bordr"]) == 2
    assert "Did you mean 'border'" in capsys.readouterr().err


def test_build__does_not_touch_geodata(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in GEODATA.rglob("*")}
    maps.build_all(tmp_path, names=["overview"])
    assert before == {p: p.stat().st_mtime_ns for p in GEODATA.rglob("*")}


def test_interrupted_build__previous_maps_stay_intact(tmp_path, monkeypatch):
    build_module = importlib.import_module("corridors.maps.build")

    names = ["border", "khorgos"]
    maps.build_all(tmp_path, names=names)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = []

    def crash_on_second(m):
        calls.append(m)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user presses Ctrl-C mid-build
        return "<html>new</html>"

    monkeypatch.setattr(build_module, "render_html", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        maps.build_all(tmp_path, names=names)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(after) == set(before)  # no temporary files left behind
    assert after["khorgos.html"] == before["khorgos.html"]  # not reached: untouched
    assert after["index.html"] == before["index.html"]
    assert after["border.html"] == b"<html>new</html>"  # replaced whole, never half-written


def test_output_files__readable_by_others(tmp_path):
    for path in maps.build_all(tmp_path, names=["border"]):
        assert path.stat().st_mode & 0o044 == 0o044  # group and others may read


def test_index__lists_every_map_in_the_folder(tmp_path):
    maps.build_all(tmp_path, names=["border"])
    maps.build_all(tmp_path, names=["khorgos", "khorgos"])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.count("href='khorgos.html'") == 1
    assert "href='border.html'" in index
    assert "href='energy.html'" not in index


def test_cli_build__unwritable_output_is_a_user_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["build", "--out", str(blocker / "maps"), "--map", "border"]) == 2
    assert "choose another --out" in capsys.readouterr().err


def test_energy_legend__widths_match_the_lines(built):
    from corridors.maps.layers import capacity_weight  # noqa: PLC0415

    page = built["energy"].read_text(encoding="utf-8")
    for value in (10, 20, 30):
        width = capacity_weight({"capacity": {"value": value}})
        assert f"border-top-width:{width}px" in page
