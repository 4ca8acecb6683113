"""Map building: self-contained, escaped, reproducible, atomic."""

from __future__ import annotations

import importlib
import itertools
import json
import re

import folium
import pytest
from conftest import GEODATA, collection, line_feature, straight_edge_line
from shapely import LineString

from corridors import catalog, fmt, lookup, maps, measure
from corridors.cli import main
from corridors.maps import common, middle_corridor
from corridors.maps.frontend import esc, link
from corridors.maps.layers import (
    POPUP_ROWS,
    GeoJsonLayer,
    PopupRow,
    drawn_parts,
    drawn_summary,
    feature_collection,
    line_style,
    safe_json,
)
from corridors.schema import MAX_WAYPOINT_OFFSET_KM


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
    # A source of the CAGP (not a URL of the inlined Leaflet or the page's own code).
    assert "https://www.offshore-technology.com/uncategorized/news72407-html/" in page


def test_escaping__data_text_is_escaped_and_links_only_http():
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://a.example/?q=1&r=2", "t").startswith(
        '<a href="https://a.example/?q=1&amp;r=2"'
    )
    assert link("https://a.example/<script>", "t") == "t"
    assert "<" not in safe_json({"a": "</script><script>alert(1)</script>"})


def test_escaping__feature_names_from_user_data(write_geojson):
    """The page carries data text as script-safe JSON; the browser makes text nodes of it."""
    evil = line_feature(
        name="<img src=x onerror=alert(1)>",
        description="<script>alert(2)</script>",
        sources=[{"title": "<b>bold</b>", "url": "https://example.org", "supports": ["geometry"]}],
    )
    path = write_geojson(collection(evil))
    gdf = catalog.read_layer(path)
    data = feature_collection(gdf)
    assert "<" not in data
    assert ">" not in data
    parsed = json.loads(data)
    (feature,) = parsed["features"]
    bundle = parsed["bundles"][feature["properties"]["b"]]
    assert feature["properties"]["name"] == "<img src=x onerror=alert(1)>"
    assert bundle["description"] == "<script>alert(2)</script>"
    assert bundle["sources"] == [["<b>bold</b>", "https://example.org", "geometry"]]


def test_feature_collection__shared_facts_written_once(write_geojson):
    twins = [line_feature(id=f"twin-{i}", name=f"Twin {i}") for i in range(3)]
    data = json.loads(feature_collection(catalog.read_layer(write_geojson(collection(*twins)))))
    assert len(data["bundles"]) == 1
    assert [f["properties"]["b"] for f in data["features"]] == [0, 0, 0]
    assert [f["properties"]["name"] for f in data["features"]] == ["Twin 0", "Twin 1", "Twin 2"]
    assert all("km" in f["properties"] for f in data["features"])  # own: computed per line


def test_popup_template__written_once_per_layer_and_extensible(write_geojson):
    gdf = catalog.read_layer(write_geojson(collection(line_feature())))
    rows = (*POPUP_ROWS, PopupRow("Drawn", "drawn"))
    m = maps.AtlasMap(location=[45, 70], zoom_start=5, tiles=None)
    GeoJsonLayer(feature_collection(gdf), name="x", popup=rows).add_to(m)
    page = maps.render_html(m)
    assert page.count('"label":"Length (computed)"') == 1
    assert '"field":"drawn","format":"text"' in page


def test_popup_view__figures_from_the_shared_formatter():
    row = {
        "id": "x",
        "name": "X",
        "kind": "gas_pipeline",
        "status": "operating",
        "published_length_km": 1833,
        "length_span": "A – B",
        "capacity": {"value": 30, "unit": "bcm/yr"},
        "sources": [],
    }
    from corridors.maps.layers import popup_view  # noqa: PLC0415

    view = popup_view(row, computed_km=1796.7049, split=None)
    assert view["km"] == fmt.km_computed(1796.7049) == "1,796.7"
    assert view["published"] == ["1,833", "A – B"]
    assert view["vs"] == fmt.difference(1796.7049, 1833) == "-2.0 %"
    assert view["capacity"] == ["30 bcm/yr", ""]
    assert view["kind_line"] == "gas pipeline · operating"


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
    data = page[page.index("corridors.layer({") :]
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


def test_registry__index_and_cli_list_every_registered_map():
    from corridors.maps.build import REGISTRY  # noqa: PLC0415

    assert list(maps.MAPS) == [spec.name for spec in REGISTRY]
    index = maps.index_html(list(maps.MAPS))
    for spec in REGISTRY:
        assert spec.title in index
        assert spec.builder.__module__.startswith("corridors.maps.")


def test_chainage__measured_in_travel_order():
    """km 0 is where the journey starts, whichever way the legs are drawn."""
    forward = middle_corridor.chainage(common.path("lianyungang", "aktau", "titr"), 250)
    backward = middle_corridor.chainage(common.path("aktau", "lianyungang", "titr"), 250)
    for marks, start in ((forward, "lianyungang"), (backward, "aktau")):
        assert marks["km"].iloc[0] == 0
        # Where the line meets the network: at most MAX_WAYPOINT_OFFSET_KM from the node.
        assert lookup.distance_km(marks.geometry.iloc[0], start) <= MAX_WAYPOINT_OFFSET_KM
        assert (marks["km"].diff().dropna() == 250).all()
    assert len(forward) == len(backward)


def _unpack(data):
    """What the page script does with `feature_collection`'s data (corridors.unpack)."""
    import base64  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415

    ints = np.frombuffer(base64.b64decode(data["coords"]), dtype="<i4").reshape(-1, 2)
    xy = iter((ints / 10**5).tolist())
    depth = {"Point": -1, "LineString": 0, "Polygon": 1, "MultiLineString": 1, "MultiPolygon": 2}

    def build(n, d):
        return [build(m, d - 1) for m in n] if d > 0 else [next(xy) for _ in range(n)]

    for f in data["features"]:
        g = f["geometry"]
        d = depth[g["type"]]
        g["coordinates"] = next(xy) if d < 0 else build(g.pop("n"), d)
    return data


def test_routes__drawn_stretches_solid_and_chords_schematic():
    """A route's network stretches and its chords come out as two pieces, chords hollow."""
    layers = catalog.load_all()
    titr = layers[layers["layer"] == "titr"]
    data = _unpack(json.loads(feature_collection(titr, popups=True)))
    pieces: dict[str, list[dict]] = {}
    for f in data["features"]:
        pieces.setdefault(f["properties"]["id"], []).append(f)
    leg = titr.set_index("id").loc["titr-xian-urumqi"]
    network, chords = (pieces["titr-xian-urumqi"][0], pieces["titr-xian-urumqi"][1])
    assert "part" not in network["properties"]
    assert chords["properties"]["part"] == "schematic"
    style = data["bundles"][chords["properties"]["b"]]["style"]
    solid = data["bundles"][network["properties"]["b"]]["style"]
    # Schematic is its own channel: hollow (a white core), same colour, same pattern.
    assert style["sch"] == 1
    assert style["core"]["color"] == "#ffffff"
    assert style["core"]["weight"] < style["weight"]
    assert "sch" not in solid
    assert "core" not in solid
    assert style["color"] == solid["color"]
    assert style.get("dashArray") == solid.get("dashArray")
    # Together the two pieces hold every vertex of the line, each chord as its two ends.
    vertices = {tuple(round(c, 5) for c in xy) for xy in leg.geometry.coords}
    drawn = {
        tuple(xy) for f in (network, chords) for line in f["geometry"]["coordinates"] for xy in line
    }
    assert drawn == vertices
    # The popup says how much is schematic; both pieces open the same popup.
    assert "schematic" in network["properties"]["drawn"]
    assert network["properties"]["km"] == chords["properties"]["km"]
    # A pipeline (chords between cited places throughout) is one schematic piece.
    cagp = layers[layers["id"] == "cagp-line-a"]
    data = json.loads(feature_collection(cagp, popups=True))
    (only,) = data["features"]
    assert data["bundles"][only["properties"]["b"]]["style"]["sch"] == 1
    assert only["properties"]["drawn"].startswith("schematic throughout")


def test_drawn_parts__straight_network_edges_schematic_like_chords():
    """A network stretch's straight edge over 100 km goes with the chords, hollow."""
    feature = straight_edge_line()
    row = {**feature["properties"], "geometry": LineString(feature["geometry"]["coordinates"])}
    network, schematic = drawn_parts(row)
    assert [list(line.coords) for line in network.geoms] == [
        [(70.0, 46.0), (70.5, 46.0)],
        [(72.0, 46.0), (72.5, 46.0), (73.0, 46.0)],
    ]
    assert [list(line.coords) for line in schematic.geoms] == [
        [(70.5, 46.0), (72.0, 46.0)],  # the straight edge
        [(73.0, 46.0), (74.0, 46.0)],  # the chord B–C
    ]
    summary = drawn_summary(row)
    assert summary.startswith("38 % along the OpenStreetMap-derived network")
    assert "62 % schematic (hollow line)" in summary
    assert "1 of 2 stretches are straight chords between cited places (77.46 km)" in summary
    assert "1 straight edge of the network over 100 km" in summary
    assert "(116.19 km)" in summary
    # Without its straight edge the stretch is drawn solid throughout.
    del row["stretches"][0]["straight_edges"]
    network, schematic = drawn_parts(row)
    assert [list(line.coords) for line in network.geoms] == [
        [(70.0, 46.0), (70.5, 46.0), (72.0, 46.0), (72.5, 46.0), (73.0, 46.0)]
    ]
    assert "straight edge" not in drawn_summary(row)


def test_routes__straight_network_edges_hollow_and_said_in_the_popup():
    """On every route that has them, the network's straight edges over 100 km are drawn in
    the hollow piece (not the plain one), and the popup says so."""
    layers = catalog.load_all()
    with_edges = layers[
        layers["stretches"].map(
            lambda s: isinstance(s, list) and any(x.get("straight_edges") for x in s)
        )
    ]
    assert len(with_edges) >= 3
    for _, row in with_edges.iterrows():
        coords = [tuple(round(c, 5) for c in xy) for xy in row.geometry.coords]
        at = measure.waypoint_vertices(row)
        edges = {
            frozenset((coords[start + e["vertex"]], coords[start + e["vertex"] + 1]))
            for s, start in zip(row["stretches"], at, strict=False)
            for e in s.get("straight_edges", [])
        }
        data = _unpack(json.loads(feature_collection(with_edges.loc[[row.name]], popups=True)))
        network, schematic = data["features"]
        assert schematic["properties"]["part"] == "schematic"
        style = data["bundles"][schematic["properties"]["b"]]["style"]
        assert style["sch"] == 1
        assert "sch" not in data["bundles"][network["properties"]["b"]]["style"]

        def steps(feature):
            return {
                frozenset((tuple(a), tuple(b)))
                for line in feature["geometry"]["coordinates"]
                for a, b in itertools.pairwise(line)
            }

        assert edges <= steps(schematic), row["id"]
        assert not edges & steps(network), row["id"]
        assert "straight edge" in network["properties"]["drawn"], row["id"]


def test_packed_coordinates__same_as_rounded_geojson():
    """Every geometry type the maps draw comes back as the GeoJSON of its rounded geometry."""
    import shapely  # noqa: PLC0415

    gdf = common.basemap_countries((40.0, 30.0, 95.0, 56.0), 0.02)  # Polygons, MultiPolygons
    layers = catalog.load_all()
    plain = layers[layers["layer"].isin(["nodes", "khorgos", "china-kazakhstan-border"])]
    for frame in (gdf, plain):
        data = _unpack(json.loads(feature_collection(frame, popups=False)))
        rounded = shapely.set_precision(frame.geometry.values, 1e-5, mode="pointwise")
        expected = [json.loads(g) for g in shapely.to_geojson(rounded)]
        got = [f["geometry"] for f in data["features"]]
        assert [g["type"] for g in got] == [g["type"] for g in expected]
        assert got == expected


def test_basemap_countries__same_shapes_as_cutting_all_and_the_general_union():
    """Only countries across the box's edge are cut, and the coverage union joins parts:
    each country comes out as the same shape as by the plain recipe."""
    import shapely  # noqa: PLC0415

    box, tolerance = (40.0, 30.0, 95.0, 56.0), 0.02  # countries within it and across it
    countries = catalog.load("countries")
    clip = shapely.box(*box)
    countries = countries[countries.intersects(clip)].copy()
    assert not shapely.within(countries.geometry.values, clip).all()
    assert shapely.within(countries.geometry.values, clip).any()
    countries["geometry"] = shapely.intersection(countries.geometry.values, clip)
    countries = countries.explode(ignore_index=True)
    countries = countries[countries.geometry.geom_type == "Polygon"]
    countries["geometry"] = shapely.make_valid(
        shapely.coverage_simplify(countries.geometry.values, tolerance)
    )
    plain = countries.dissolve(by="iso3", as_index=False, sort=True)
    made = common.basemap_countries(box, tolerance)
    assert made.drop(columns="geometry").equals(plain.drop(columns="geometry"))
    assert shapely.is_valid(made.geometry.values).all()
    assert shapely.equals(made.geometry.values, plain.geometry.values).all()


def test_picture_unpack__same_shapes_as_the_rounded_layers():
    import shapely  # noqa: PLC0415

    from corridors.maps import pictures  # noqa: PLC0415

    gdf = common.basemap_countries((40.0, 30.0, 95.0, 56.0), 0.02)  # Polygons, MultiPolygons
    layers = catalog.load_all()
    plain = layers[layers["layer"].isin(["nodes", "khorgos", "china-kazakhstan-border"])]
    for frame in (gdf, plain):
        data = json.loads(feature_collection(frame, popups=False))
        geoms, _ = pictures._unpack(data)  # noqa: SLF001
        rounded = shapely.set_precision(frame.geometry.values, 1e-5, mode="pointwise")
        assert [g.geom_type for g in geoms] == [g.geom_type for g in rounded]
        assert shapely.equals_exact(geoms, rounded, tolerance=1e-9).all()


def test_build_all__leaves_the_garbage_collector_as_it_found_it(built):
    import gc  # noqa: PLC0415

    assert gc.get_freeze_count() == 0


#: UTF-8 read as Latin-1 or cp1252: "Ã´" for "ô", "Ã\x85" for "Å", "â€“" for "–", "Â°" for "°".
MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152-\u2122]|â€|Â[\u00a0-\u00bf]|\ufffd")


@pytest.mark.parametrize("name", [*sorted(maps.MAPS), "index"])
def test_built_pages__no_mis_decoded_text(built, name):
    page = built[name].read_text(encoding="utf-8")
    found = MOJIBAKE.search(page)
    assert found is None, page[max(0, found.start() - 60) : found.end() + 60]


def test_popup_split__network_parts_only_schematic_chords_said():
    from corridors.maps.popups import _split_lines  # noqa: PLC0415

    titr = common.layer("titr")
    row = titr[titr["id"] == "titr-almaty-aktau"].iloc[0].to_dict()
    split = common._split_for(row)  # noqa: SLF001
    lines = _split_lines(row, split)
    assert split.attrs["schematic_km"] > 100
    assert any(line.startswith("schematic chords:") for line in lines)
    # km the 1:10m border puts outside the line's sourced countries are said to be so.
    outside = [line for line in lines if "Kyrgyzstan" in line]
    assert all("not among its sourced countries" in line for line in outside)


def test_popup_rows__method_folded_below_facts():
    method = {r.field for r in POPUP_ROWS if r.method}
    assert {"length_note", "description", "geometry_method"} <= method
    assert not {"km", "published", "capacity", "operator"} & method


#: A mention of a copy host that names the copy read beside the original: the popups'
#: "(read at <host>)" or a title's "(text read from the <host> copy)".
COPY_NOTE = re.compile(r"read (?:at |from (?:the |an |a )?)[\w.-]*$")


@pytest.mark.parametrize("name", [*sorted(maps.MAPS), "index"])
def test_built_pages__no_source_url_on_a_mirror_host(built, name):
    from corridors import sourcing  # noqa: PLC0415

    page = built[name].read_text(encoding="utf-8")
    urls = re.findall(r"https?://[^\s\"'<>\\)]+", page)
    assert [u for u in urls if sourcing.mirror_host(u)] == []
    hosts = sorted(sourcing.MIRROR_HOSTS, key=len, reverse=True)
    for found in re.finditer("|".join(re.escape(h) for h in hosts if "." in h), page):
        before = page[max(0, found.start() - 40) : found.start()]
        assert COPY_NOTE.search(before), page[max(0, found.start() - 80) : found.end() + 20]


def test_popup_view__a_copy_read_is_named_beside_the_original():
    from corridors.maps.popups import facts_view  # noqa: PLC0415

    row = common.layer("crossings").set_index("id").loc["crossing-khorgos"].to_dict()
    row["id"] = "crossing-khorgos"
    sources = facts_view(row)["sources"]
    copied = [s for s in sources if s[1] == "https://en.wikipedia.org/wiki/Port_of_Khorgos"]
    assert copied
    assert all(s[3] == "read at hessslslslsls.azureedge.net" for s in copied)
    assert all(len(s) == 3 for s in sources if s not in copied)  # no note without a copy


def test_gaps__the_oil_pipeline_s_undrawn_stretch_is_joined_and_said():
    """The two drawn pieces of the oil pipeline are joined by a connector that says why."""
    from corridors.maps import gaps  # noqa: PLC0415
    from corridors.maps.common import layer  # noqa: PLC0415

    oil = layer("kz-china-oil")
    (gap,) = gaps.gap_features([oil]).itertuples()
    assert gap.label == "Oil pipeline: not drawn"
    pieces = oil.set_index("id").geometry
    ends = {
        fid: {tuple(pieces[fid].coords[0]), tuple(pieces[fid].coords[-1])}
        for fid in ("kcop-atyrau-kenkiyak", "kcop-atasu-alashankou")
    }
    start, end = gap.geometry.coords[0], gap.geometry.coords[-1]
    assert start in ends["kcop-atyrau-kenkiyak"]
    assert end in ends["kcop-atasu-alashankou"]
    assert "Kumkol" in gap.description
    assert "not the route" in gap.description
    for source in gap.sources:  # resolved from the file's sources, as the popups show them
        assert source["url"].startswith("https://")
        assert source["title"]
        assert source["quote"]
    assert any("483 km" in s["quote"] and "311 km" in s["quote"] for s in gap.sources)
    # Drawn outside the grammar: no mode or fuel class, no status pattern, not hollow.
    style = line_style({"kind": gaps.GAP_KIND, "status": None}, scheme="capacity")
    assert "cls" not in style
    assert "dashArray" not in style
    assert "core" not in style
    # One piece alone: nothing to join.
    assert gaps.gap_features([oil[oil["id"] == "kcop-atasu-alashankou"]]).empty
    # On the energy map: the connector's popup data and its label.
    html = maps.render_html(maps.build("energy"))
    assert "Kenkiyak – Kumkol – Atasu, not drawn" in html
    assert "Oil pipeline: not drawn" in html
