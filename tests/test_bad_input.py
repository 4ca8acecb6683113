"""A corpus of malformed inputs, each run through the API and every CLI command.

Every case must give a clear one-line error per problem (file, feature, field where
they apply), exit status 2 at the command line, and never a traceback.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import GEODATA, SOURCE, collection, line_feature, with_geometry, without

from corridors import catalog
from corridors.cli import main
from corridors.errors import CorridorsError, GeodataError, InputError


def _fact(**props: Any) -> dict[str, Any]:
    supports = ["geometry", *[k for k in props if k != "length_span"]]
    return line_feature(**props, sources=[{**SOURCE, "supports": supports}])


def _point(coords: list[float], **props: Any) -> dict[str, Any]:
    return with_geometry({"type": "Point", "coordinates": coords}, kind="city", **props)


def _set(data: dict[str, Any], **props: Any) -> dict[str, Any]:
    """A collection with its first feature's properties overwritten after it was written."""
    data["features"][0]["properties"].update(props)
    return data


def _text(obj: Any) -> str:
    return json.dumps(obj)


GOOD = collection(line_feature())

#: name -> file content (str) or bytes; every one is bad input.
CORPUS: dict[str, str | bytes] = {
    # the file as a whole
    "empty-file": "",
    "whitespace-only": "  \n\t ",
    "truncated": _text(GOOD)[:57],
    "trailing-comma": '{"type": "FeatureCollection", "features": [],}',
    "json-array": "[1, 2, 3]",
    "json-string": '"FeatureCollection"',
    "json-null": "null",
    "binary-garbage": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    "latin-1-text": '{"type": "FeatureCollection", "name": "Almat\xfd"}'.encode("latin-1"),
    "single-feature": _text(line_feature()),
    "geometry-only": _text({"type": "LineString", "coordinates": [[70, 45], [71, 45]]}),
    "no-features": _text({"type": "FeatureCollection"}),
    "features-empty": _text({"type": "FeatureCollection", "features": []}),
    "features-not-list": _text({"type": "FeatureCollection", "features": {"a": 1}}),
    "crs-3857": _text(
        {**GOOD, "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}}
    ),
    "crs-garbage": _text({**GOOD, "crs": "WGS84-ish"}),
    # features and properties
    "feature-is-string": _text({"type": "FeatureCollection", "features": ["feature"]}),
    "feature-wrong-type": _text(collection({**line_feature(), "type": "Fetaure"})),
    "properties-null": _text(collection({**line_feature(), "properties": None})),
    "missing-id": _text(collection(without("id"))),
    "id-with-spaces": _text(collection(line_feature(id="CAGP line A"))),
    "id-number": _text(collection(line_feature(id=7))),
    "duplicate-ids": _text(collection(line_feature(), line_feature())),
    "missing-name": _text(collection(without("name"))),
    "empty-name": _text(collection(line_feature(name=""))),
    "unknown-kind": _text(collection(line_feature(kind="canal"))),
    "unknown-status": _text(collection(line_feature(status="imagined"))),
    "missing-status": _text(collection(without("status"))),
    "countries-string": _text(collection(line_feature(countries="KAZ"))),
    "countries-lowercase": _text(collection(line_feature(countries=["kaz"]))),
    "missing-geometry-method": _text(collection(without("geometry_method"))),
    "missing-sources": _text(collection(without("sources"))),
    "sources-empty": _text(collection(line_feature(sources=[]))),
    "sources-not-list": _text(collection(line_feature(sources="Wikipedia"))),
    "source-no-title": _text(
        collection(line_feature(sources=[{"url": "https://a.b", "supports": ["geometry"]}]))
    ),
    "source-ftp-url": _text(collection(line_feature(sources=[{**SOURCE, "url": "ftp://a.b"}]))),
    "source-javascript-url": _text(
        collection(line_feature(sources=[{**SOURCE, "url": "javascript:alert(1)"}]))
    ),
    "geometry-unsourced": _text(
        collection(line_feature(sources=[{"title": "t", "url": "https://a.b"}]))
    ),
    "capacity-unsourced": _text(collection(line_feature(capacity={"value": 5, "unit": "Mt/yr"}))),
    "negative-length": _text(collection(_fact(published_length_km=-1, length_span="a–b"))),
    "text-length": _text(collection(_fact(published_length_km="1,833 km", length_span="a–b"))),
    "text-length-12-km": _text(collection(_fact(published_length_km="12 km", length_span="a–b"))),
    "bool-length": _text(collection(_fact(published_length_km=True, length_span="a–b"))),
    "capacity-text-value": _text(collection(_fact(capacity={"value": "55", "unit": "bcm/yr"}))),
    "diameter-text": _text(collection(_fact(diameter_mm="1067 mm"))),
    "opened-number": _text(_set(collection(_fact(opened="2009")), opened=2009)),
    "opened-free-text": _text(collection(_fact(opened="December 2009"))),
    "operator-list": _text(collection(_fact(operator=["KTZ"]))),
    "length-span-number": _text(collection(_fact(published_length_km=100, length_span=5))),
    "description-object": _text(collection(line_feature(description={"en": "x"}))),
    "country-km-text": _text(collection(_fact(published_country_km={"KAZ": "1,300"}))),
    "length-without-span": _text(collection(_fact(published_length_km=100))),
    "zero-capacity": _text(collection(_fact(capacity={"value": 0, "unit": "bcm/yr"}))),
    "capacity-number": _text(collection(_fact(capacity=55))),
    "negative-diameter": _text(collection(_fact(diameter_mm=-1067))),
    "country-km-negative": _text(collection(_fact(published_country_km={"KAZ": -5}))),
    "alternative-unsourced": _text(
        collection(line_feature(published_length_alternatives=[{"value_km": 10, "span": "x"}]))
    ),
    "leg-without-mode": _text(
        collection(line_feature(corridor="titr", **{"from": "a", "to": "b"}))
    ),
    "leg-unknown-mode": _text(
        collection(line_feature(corridor="titr", mode="teleport", **{"from": "a", "to": "b"}))
    ),
    "leg-without-to": _text(
        collection(line_feature(corridor="titr", mode="road", **{"from": "a"}))
    ),
    "leg-from-only": _text(collection(line_feature(**{"from": "a"}))),
    "leg-to-only": _text(collection(line_feature(to="b"))),
    "leg-to-null": _text(
        collection(line_feature(corridor="titr", mode="road", **{"from": "a", "to": None}))
    ),
    "leg-unknown-node": _text(
        collection(line_feature(corridor="titr", mode="road", **{"from": "nowhere", "to": "x"}))
    ),
    # geometry
    "geometry-null": _text(collection(with_geometry(None))),
    "geometry-no-type": _text(collection(with_geometry({"coordinates": [[70, 45], [71, 45]]}))),
    "geometry-circle": _text(
        collection(with_geometry({"type": "Circle", "coordinates": [70, 45]}))
    ),
    "geometry-empty": _text(collection(with_geometry({"type": "LineString", "coordinates": []}))),
    "point-for-railway": _text(
        collection(with_geometry({"type": "Point", "coordinates": [70, 45]}))
    ),
    "line-for-city": _text(
        collection(
            with_geometry({"type": "LineString", "coordinates": [[70, 45], [71, 45]]}, kind="city")
        )
    ),
    "projected-metres": _text(
        collection(
            with_geometry(
                {"type": "LineString", "coordinates": [[7792364, 5621521], [7903684, 5621521]]}
            )
        )
    ),
    "lat-lon-swapped-out-of-range": _text(
        collection(with_geometry({"type": "LineString", "coordinates": [[45, 170], [45, 171]]}))
    ),
    "lat-lon-swapped-in-range": _text(
        collection(_point([43.27750, 76.89583], countries=["KAZ"], name="Almaty"))
    ),
    "far-from-declared-country": _text(collection(_point([-47.9, -15.8], countries=["KAZ"]))),
    "zero-length-segment": _text(
        collection(
            with_geometry({"type": "LineString", "coordinates": [[70, 45], [70, 45], [71, 45]]})
        )
    ),
    "single-position-line": _text(
        collection(with_geometry({"type": "LineString", "coordinates": [[70, 45]]}))
    ),
    "string-coordinates": _text(
        collection(
            with_geometry({"type": "LineString", "coordinates": [["70", "45"], ["71", "45"]]})
        )
    ),
    "too-shallow-coordinates": _text(
        collection(with_geometry({"type": "LineString", "coordinates": [70, 45, 71, 45]}))
    ),
    "nan-coordinate": '{"type": "FeatureCollection", "features": ['
    + _text(line_feature())[:-1].replace(
        '"geometry": {"type": "LineString", "coordinates": [[70.0, 45.0], [71.0, 45.0]]}',
        '"geometry": {"type": "LineString", "coordinates": [[NaN, 45.0], [71.0, 45.0]]}',
    )
    + "}]}",
    "self-intersecting-polygon": _text(
        collection(
            with_geometry(
                {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
                kind="country",
                iso3="XXX",
            )
        )
    ),
    "waypoints-not-matching": _text(
        collection(
            line_feature(
                waypoints=[
                    {"name": "A", "lon": 70, "lat": 45, "source": SOURCE},
                    {"name": "B", "lon": 72, "lat": 45, "source": SOURCE},
                ]
            )
        )
    ),
    "kind-as-list": _text(collection(line_feature(kind=["railway"]))),
    "status-as-dict": _text(collection(line_feature(status={"value": "operating"}))),
    "mode-as-list": _text(
        collection(line_feature(corridor="titr", mode=["road"], **{"from": "a", "to": "b"}))
    ),
    "geometry-type-list": _text(
        collection(with_geometry({"type": ["LineString"], "coordinates": [[70, 45], [71, 45]]}))
    ),
    "crs-as-list": _text({**GOOD, "crs": ["EPSG:4326"]}),
    "crs-properties-string": _text({**GOOD, "crs": {"type": "name", "properties": "EPSG:4326"}}),
    "alternatives-number": _text(collection(line_feature(published_length_alternatives=5))),
    "other-facts-number": _text(collection(line_feature(other_facts=7))),
    "point-with-text-z": _text(collection(_point([76.9, 43.2, "x"], countries=["KAZ"]))),
    "waypoint-lon-null": _text(
        collection(
            line_feature(
                waypoints=[
                    {"name": "A", "lon": None, "lat": 45, "source": SOURCE},
                    {"name": "B", "lon": 71, "lat": 45, "source": SOURCE},
                ]
            )
        )
    ),
    "waypoint-lon-text": _text(
        collection(
            line_feature(
                waypoints=[
                    {"name": "A", "lon": "abc", "lat": 45, "source": SOURCE},
                    {"name": "B", "lon": 71, "lat": 45, "source": SOURCE},
                ]
            )
        )
    ),
    "waypoint-unsourced": _text(
        collection(
            line_feature(
                waypoints=[{"name": "A", "lon": 70, "lat": 45}, {"name": "B", "lon": 71, "lat": 45}]
            )
        )
    ),
}


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "geodata" / "corridors" / f"{name}.geojson"
    path.parent.mkdir(parents=True)
    content = CORPUS[name]
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_corpus__at_least_fifty_cases():
    assert len(CORPUS) >= 50


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_api__raises_geodata_error_naming_the_file(tmp_path, name):
    path = _write(tmp_path, name)
    with pytest.raises(GeodataError) as info:
        catalog.Catalog(path.parents[1]).load_all()
    problems = getattr(info.value, "problems", [info.value])
    assert problems
    for problem in problems:
        assert problem.file is not None
        assert str(path) in problem.file or problem.file == str(path)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_cli__every_command_fails_cleanly(tmp_path, name, capsys):
    path = _write(tmp_path, name)
    folder = str(path.parents[1])
    commands = [
        ["validate", str(path)],
        ["--geodata", folder, "validate"],
        ["--geodata", folder, "build", "--out", str(tmp_path / "out")],
        ["--geodata", folder, "length", "test-line"],
        ["--geodata", folder, "distance", "almaty", "aktau"],
        ["--geodata", folder, "transit", "lianyungang", "europe"],
        ["--geodata", folder, "layers"],
    ]
    for argv in commands:
        capsys.readouterr()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err
        lines = err.splitlines()
        assert lines, argv
        assert all(line.startswith("corridors: error:") for line in lines), (argv, err)
        if argv[-1] != "layers" and "--geodata" in argv:
            # the broken file itself is named, not a consequence of it
            assert str(path) in err or "no .geojson" in err, (argv, err)
    assert not (tmp_path / "out").exists()


def test_utf8_bom__accepted(tmp_path, capsys):
    # RFC 8259 lets a parser ignore a byte order mark; Windows editors write one.
    path = tmp_path / "geodata" / "corridors" / "bom.geojson"
    path.parent.mkdir(parents=True)
    path.write_text("\ufeff" + _text(GOOD), encoding="utf-8")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert len(catalog.Catalog(path.parents[1]).load_all()) == 1
    assert main(["validate", str(path)]) == 0
    assert f"ok: {path} (1 feature)" in capsys.readouterr().out


def test_leg_without_to__one_line_naming_the_field(tmp_path, capsys):
    leg = line_feature(corridor="titr", mode="road", **{"from": "test-line"})
    path = tmp_path / "geodata" / "corridors" / "legs.geojson"
    path.parent.mkdir(parents=True)
    path.write_text(_text(collection(leg)), encoding="utf-8")
    for argv in (
        ["validate", str(path)],
        ["--geodata", str(path.parents[1]), "distance", "a", "b"],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err.splitlines()
        assert err == [
            f"corridors: error: {path}: feature 'test-line': field 'to': "
            "a corridor leg needs 'to' (a node id); add it."
        ]


def test_bug__exit_1_with_a_please_report_line_and_no_traceback(monkeypatch, capsys):
    # A ValueError that is not the project's (a numpy or shapely bug, say) is a bug,
    # not bad input.
    def broken(name):
        msg = "operands could not be broadcast together\nwith shapes (3,) (4,)"
        raise ValueError(msg)

    monkeypatch.setattr("corridors.lookup.place", broken)
    monkeypatch.delenv("CORRIDORS_DEBUG", raising=False)
    assert main(["distance", "almaty", "aktau"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "corridors: internal error: ValueError: operands could not be broadcast together "
        "with shapes (3,) (4,)",
        "corridors: this is a bug, please report it with the command you ran "
        "(--debug or CORRIDORS_DEBUG=1 shows the traceback).",
    ]
    with pytest.raises(ValueError, match="broadcast"):
        main(["--debug", "distance", "almaty", "aktau"])
    monkeypatch.setenv("CORRIDORS_DEBUG", "1")
    with pytest.raises(ValueError, match="broadcast"):
        main(["distance", "almaty", "aktau"])


def test_bad_argument__project_error_exit_2(capsys):
    assert main(["chainage", "cagp-line-a", "--every", "-5"]) == 2
    assert "every_km must be positive" in capsys.readouterr().err


def test_huge_file__clear_limit_not_a_hang(tmp_path, capsys):
    path = tmp_path / "huge.geojson"
    with path.open("wb") as handle:  # 200 MB, sparse: no time spent writing it
        handle.truncate(200 * 1024 * 1024)
    assert main(["validate", str(path)]) == 2
    assert "limit" in capsys.readouterr().err


def test_unknown_names__suggest_the_closest(capsys):
    for argv, hint in [
        (["length", "cagp-line-z"], "cagp-line-"),
        (["distance", "Almmaty", "aktau"], "almaty"),  # "Almati" is a GeoNames spelling
        (["transit", "lianyungang", "duisberg", "--corridor", "northern"], "duisburg"),
        (["chainage", "titr-aktau-baku", "--every", "10"], "titr-aktau-baku-ferry"),
        (["layers", "cagpp"], "cagp"),
    ]:
        assert main(argv) == 2, argv
        assert hint in capsys.readouterr().err, argv


def test_errors__are_corridors_errors_and_value_errors():
    assert issubclass(GeodataError, CorridorsError)
    assert issubclass(GeodataError, ValueError)
    assert issubclass(InputError, CorridorsError)
    assert issubclass(InputError, ValueError)


def test_corpus__valid_twin_passes(tmp_path):
    path = tmp_path / "geodata" / "corridors" / "ok.geojson"
    path.parent.mkdir(parents=True)
    path.write_text(_text(copy.deepcopy(GOOD)), encoding="utf-8")
    assert len(catalog.Catalog(path.parents[1]).load_all()) == 1


# --- a corrupted copy of the whole geodata folder -----------------------------------------


def _edit_json(edit: Callable[[Any], Any]) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(edit(data) or data, ensure_ascii=False), encoding="utf-8")

    return apply


def _edit_text(old: str, new: str) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _replace_with(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def _first_with(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(f["properties"] for f in data["features"] if key in f["properties"])


def _nudge_capacity(data: dict[str, Any]) -> None:
    capacity = _first_with(data, "capacity")["capacity"]
    capacity["value"] += 0.37  # a figure no quote states


def _huge_capacity(data: dict[str, Any]) -> None:
    _first_with(data, "capacity")["capacity"]["value"] = 1e308


def _unknown_country(data: dict[str, Any]) -> None:
    data["features"][1]["properties"]["countries"] = ["XXX"]


def _unclose_ring(data: dict[str, Any]) -> None:
    polygon = next(f for f in data["features"] if f["geometry"]["type"] == "Polygon")
    polygon["geometry"]["coordinates"][0].pop()


def _duplicate_year(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    years = re.findall(r"^year = (\d+)$", text, flags=re.MULTILINE)
    path.write_text(text.replace(f"year = {years[1]}", f"year = {years[0]}", 1), encoding="utf-8")


def _unknown_alternate(data: dict[str, Any]) -> None:
    places = data["places"]
    places["atlantis"] = places[next(iter(places))]


def _swap_first_node(data: dict[str, Any]) -> None:
    geometry = next(f["geometry"] for f in data["features"] if f["properties"]["id"] == "urumqi")
    geometry["coordinates"].reverse()


#: name -> (file of the folder, how it is corrupted, what the one error line says).
FOLDER_CORRUPTIONS: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "series-syntax-error": (
        "series/cagp-gas.toml",
        _replace_with("[[values]\nyear = "),
        "not valid TOML",
    ),
    "series-quoted-not-in-quote": (
        "series/cagp-gas.toml",
        _edit_text('quoted = "38.7"', 'quoted = "38.70"'),
        "the quote does not contain the figure '38.70'",
    ),
    "series-quoted-not-the-value": (
        "series/cagp-gas.toml",
        _edit_text("value = 38.7", "value = 39.7"),
        "does not state the value 39.7",
    ),
    "series-string-for-a-number": (
        "series/cagp-gas.toml",
        _edit_text("value = 38.7", 'value = "38.7"'),
        "expected a number >= 0, got '38.7'",
    ),
    "series-duplicate-year": ("series/cagp-gas.toml", _duplicate_year, "a second value for"),
    "series-nested-too-deeply": (
        "series/cagp-gas.toml",
        _replace_with("x = " + "[" * 5000 + "]" * 5000),
        "nested too deeply",
    ),
    "transit-not-utf8": (
        "transit.toml",
        lambda path: path.write_bytes('title = "Almat\xfd"'.encode("latin-1")),
        "not UTF-8",
    ),
    "series-unknown-file": ("series/notes.txt", _replace_with("a note"), "not a series file"),
    "transit-europe-atlantis": (
        "transit.toml",
        _edit_text('europe = "constanta"', 'europe = "atlantis"'),
        "names network node 'atlantis'",
    ),
    "transit-leg-unknown": (
        "transit.toml",
        _edit_text('shared_legs = ["titr-lianyungang-xian"', 'shared_legs = ["titr-nowhere"'),
        "names leg 'titr-nowhere'",
    ),
    "alternate-names-broken": (
        "alternate-names.json",
        _replace_with('{"places": {'),
        "cannot read",
    ),
    "alternate-names-unknown-id": (
        "alternate-names.json",
        _edit_json(_unknown_alternate),
        "names feature 'atlantis'",
    ),
    "basemap-metadata-broken": (
        "basemap/basemap.json",
        _replace_with('{"relief": '),
        "cannot read",
    ),
    "basemap-relief-bounds-text": (
        "basemap/basemap.json",
        _edit_json(lambda d: d["relief"]["wide"].update(bounds="world")),
        "expected [[south, west], [north, east]]",
    ),
    "capacity-quote-lacks-figure": (
        "pipelines/cagp.geojson",
        _edit_json(_nudge_capacity),
        "no quote of a citation supporting 'capacity' contains the figure",
    ),
    "capacity-1e308": (
        "pipelines/cagp.geojson",
        _edit_json(_huge_capacity),
        "beyond any gas pipeline",
    ),
    "countries-XXX": (
        "corridors/nodes.geojson",
        _edit_json(_unknown_country),
        "'XXX' is not a country of this geodata folder",
    ),
    "node-lon-lat-swapped": (  # one line, not one per leg that names the node
        "corridors/nodes.geojson",
        _edit_json(_swap_first_node),
        "would fit them with longitude and latitude swapped",
    ),
    "ring-not-closed": ("base/countries.geojson", _edit_json(_unclose_ring), "is not closed"),
    "layer-nested-too-deeply": (
        "sites/khorgos.geojson",
        _replace_with("[" * 100_000 + "]" * 100_000),
        "nested too deeply",
    ),
}


@pytest.mark.parametrize("name", sorted(FOLDER_CORRUPTIONS))
def test_validate__a_corrupted_copy_of_the_geodata_exits_2_with_one_line(tmp_path, name, capsys):
    """Whatever `build`, `transit` and `export` read, `validate` reads and checks."""
    folder = tmp_path / "geodata"
    shutil.copytree(GEODATA, folder)
    relative, corrupt, fragment = FOLDER_CORRUPTIONS[name]
    path = folder / relative
    corrupt(path)
    capsys.readouterr()
    assert main(["--geodata", str(folder), "validate"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"corridors: error: {path}"), lines
    assert fragment in lines[0], lines


def test_validate__data_files_on_their_own(tmp_path, capsys):
    good = [GEODATA / "transit.toml", GEODATA / "series" / "cagp-gas.toml"]
    assert main(["validate", *map(str, good)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"ok: {p}" for p in good]
    bad = tmp_path / "transit.toml"
    text = (GEODATA / "transit.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('kind = "speed"', 'kind = "sped"'), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == text.count('kind = "speed"')  # one line per misspelt kind, no echoes
    assert all("unknown kind 'sped'" in line and "did you mean 'speed'" in line for line in lines)
