"""The data model: each broken input gets a message naming feature, field and fix."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from conftest import (
    GEODATA,
    SOURCE,
    collection,
    line_feature,
    straight_edge_line,
    with_geometry,
    without,
)

from corridors.errors import GeodataError
from corridors.schema import parse_geojson, validate_collection


def _waypoint_line(shift: float = 0.0) -> dict[str, Any]:
    wp = [
        {"name": "A", "lon": 70.0, "lat": 45.0, "source": {"title": "t", "url": "https://a.b"}},
        {"name": "B", "lon": 71.0, "lat": 45.0, "source": {"title": "t", "url": "https://a.b"}},
    ]
    feature = line_feature(waypoints=wp, sources=[{"title": "t", "url": "https://a.b"}])
    feature["geometry"]["coordinates"][1][0] += shift
    return feature


def _with_straight_edges(stretch: int, edges: Any) -> dict[str, Any]:
    """`straight_edge_line` with stretch `stretch` declaring `edges` as its straight edges."""
    feature = straight_edge_line()
    feature["properties"]["stretches"][stretch]["straight_edges"] = edges
    return feature


def _stretched_line(
    coords: list[list[float]] | None = None, stretches: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A route through waypoints A and B with one network stretch of two vertices."""
    feature = _waypoint_line()
    feature["geometry"]["coordinates"] = coords or [
        [70.0, 45.0],
        [70.3, 45.1],
        [70.6, 45.1],
        [71.0, 45.0],
    ]
    feature["properties"]["stretches"] = (
        stretches
        if stretches is not None
        else [{"from": "A", "to": "B", "method": "network", "network": "rail", "vertices": 2}]
    )
    feature["properties"]["drawn_from"] = {
        "network": "test network",
        "package": "scgraph-data==2.0.0",
        "licence": "ODbL 1.0",
    }
    return feature


SOURCE_ID = "a-test-source"  # the id `collection` gives SOURCE


def _summed_line(
    *,
    parts: tuple[float, ...],
    value: float,
    quotes: tuple[str, ...] | None = None,
    drop_source: int | None = None,
) -> dict[str, Any]:
    """A collection of a railway whose published length is the sum of cited parts."""
    data = collection(line_feature(length_span="A – C"))
    written = data["features"][0]
    quotes = quotes or tuple(f"{p:g} km" for p in parts)
    cited = [
        {"value": p, "unit": "km", "span": f"part {i}", "source": {"ref": SOURCE_ID, "quote": q}}
        for i, (p, q) in enumerate(zip(parts, quotes, strict=True))
    ]
    if drop_source is not None:
        del cited[drop_source]["source"]
    written["properties"]["published_length"] = {
        "value": value,
        "unit": "km",
        "computed_from": {"operation": "sum", "parts": cited},
    }
    return data


BROKEN = [
    # (test id, collection, field named, fragment of the message)
    ("not-a-collection", {"type": "Feature"}, "type", "FeatureCollection"),
    ("no-features", {"type": "FeatureCollection", "features": []}, "features", "non-empty"),
    (
        "crs-3857",
        {
            **collection(line_feature()),
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        },
        "crs.properties.name",
        "WGS 84",
    ),
    ("missing-id", collection(without("id")), "id", "required"),
    ("missing-sources", collection(without("sources")), "sources", "required"),
    ("missing-method", collection(without("geometry_method")), "geometry_method", "required"),
    ("bad-id", collection(line_feature(id="CAGP Line A")), "id", "kebab"),
    ("unknown-kind", collection(line_feature(kind="canal")), "kind", "unknown kind"),
    ("typed-status", collection(line_feature(status="operating")), "status", "derived from"),
    (
        "bad-countries",
        collection(line_feature(countries=["Kazakhstan"])),
        "countries[0]",
        "alpha-3",
    ),
    ("duplicate-id", collection(line_feature(), line_feature()), "id", "duplicate"),
    (
        "source-no-url",
        {**collection(line_feature()), "sources": {"a-test-source": {"title": "x"}}},
        "sources.a-test-source.url",
        "http",
    ),
    (
        "source-js-url",
        collection(line_feature(sources=[{**SOURCE, "url": "javascript:alert(1)"}])),
        "sources.a-test-source.url",
        "http",
    ),
    (
        "source-inline-not-cited",
        {**collection(line_feature()), "features": [line_feature()]},
        "sources[0]",
        "ref",
    ),
    (
        "citation-unknown-ref",
        {
            **collection(line_feature()),
            "sources": {"another-source": {"title": "t", "url": "https://a.b"}},
        },
        "sources[0].ref",
        "not in the file's sources",
    ),
    (
        "citation-supports-misspelt",
        collection(line_feature(sources=[{**SOURCE, "supports": ["geometry", "capcity"]}])),
        "sources[0].supports[1]",
        "did you mean 'capacity'",
    ),
    (
        "property-misspelt",
        collection(line_feature(capacty={"value": -5, "unit": "bcm/yr"})),
        "capacty",
        "did you mean 'capacity'",
    ),
    (
        "published-length-misspelt",
        collection(line_feature(published_length_kn=12)),
        "published_length_kn",
        "did you mean 'published_length'",
    ),
    ("typed-opened", collection(line_feature(opened="2009")), "opened", "migrate_history"),
    (
        "fact-without-source",
        collection(line_feature(operator="KTZ")),
        "operator",
        "no source",
    ),
    (
        "geometry-without-source",
        collection(line_feature(sources=[{"title": "x", "url": "https://a.b"}])),
        "sources",
        "geometry",
    ),
    (
        "negative-length",
        collection(
            line_feature(
                published_length_km=-5,
                length_span="a–b",
                sources=[{**SOURCE, "supports": ["geometry", "published_length_km"]}],
            )
        ),
        "published_length.value",
        "positive",
    ),
    (
        "text-length",
        collection(
            line_feature(
                published_length_km="1,833",
                length_span="a–b",
                sources=[{**SOURCE, "supports": ["geometry", "published_length_km"]}],
            )
        ),
        "published_length.value",
        "positive",
    ),
    (
        "length-without-span",
        collection(
            line_feature(
                published_length_km=10,
                sources=[{**SOURCE, "supports": ["geometry", "published_length_km"]}],
            )
        ),
        "length_span",
        "span",
    ),
    (
        "bad-capacity",
        collection(
            line_feature(
                capacity={"value": 0, "unit": "bcm/yr"},
                sources=[{**SOURCE, "supports": ["geometry", "capacity"]}],
            )
        ),
        "capacity.value",
        "positive",
    ),
    ("null-geometry", collection(with_geometry(None)), "geometry", "null"),
    (
        "empty-geometry",
        collection(with_geometry({"type": "LineString", "coordinates": []})),
        "geometry",
        "empty",
    ),
    (
        "point-for-railway",
        collection(with_geometry({"type": "Point", "coordinates": [70, 45]})),
        "geometry",
        "LineString",
    ),
    (
        "projected",
        collection(
            with_geometry(
                {
                    "type": "LineString",
                    "coordinates": [[7792364.4, 5621521.5], [7903684.0, 5621521.5]],
                }
            )
        ),
        "geometry",
        "projected",
    ),
    (
        "swapped",
        collection(
            with_geometry({"type": "LineString", "coordinates": [[45.0, 170.0], [45.0, 171.0]]})
        ),
        "geometry",
        "swapped",
    ),
    (
        "zero-length-segment",
        collection(
            with_geometry({"type": "LineString", "coordinates": [[70, 45], [70, 45], [71, 45]]})
        ),
        "geometry",
        "zero-length",
    ),
    (
        "string-coordinates",
        collection(with_geometry({"type": "LineString", "coordinates": [["70", "45"], [71, 45]]})),
        "geometry",
        "malformed",
    ),
    (
        "self-intersecting-polygon",
        collection(
            with_geometry(
                {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
                kind="country",
                iso3="KAZ",
            )
        ),
        "geometry",
        "invalid polygon",
    ),
    (
        "leg-without-mode",
        collection(line_feature(corridor="titr", **{"from": "a", "to": "b"})),
        "mode",
        "mode",
    ),
    ("waypoints-differ", collection(_waypoint_line(shift=0.5)), "geometry", "waypoints"),
    (
        "chord-with-vertices",
        collection(
            _stretched_line(stretches=[{"from": "A", "to": "B", "method": "chord", "vertices": 2}])
        ),
        "stretches[0].vertices",
        "a chord has no vertices",
    ),
    (
        "stretch-misses-waypoint",
        collection(
            _stretched_line(coords=[[70.0, 45.0], [70.3, 45.1], [70.6, 45.1], [71.5, 45.0]])
        ),
        "geometry",
        "every cited waypoint",
    ),
    (
        "stretch-vertex-count-wrong",
        collection(
            _stretched_line(
                stretches=[{"from": "A", "to": "B", "method": "network", "vertices": 1}]
            )
        ),
        "geometry",
        "stretches account for",
    ),
    (
        "stretch-unknown-method",
        collection(
            _stretched_line(
                stretches=[{"from": "A", "to": "B", "method": "freehand", "vertices": 2}]
            )
        ),
        "stretches[0].method",
        "unknown method 'freehand'",
    ),
    (
        "stretches-count-wrong",
        collection(_stretched_line(stretches=[])),
        "stretches",
        "one record per stretch",
    ),
    (
        "network-stretch-without-drawn-from",
        collection(
            _stretched_line()
            | {"properties": {**_stretched_line()["properties"], "drawn_from": None}}
        ),
        "drawn_from",
        "licence",
    ),
    (
        "straight-edges-on-a-chord",
        collection(_with_straight_edges(1, [{"vertex": 0, "km": 77.463}])),
        "stretches[1]",
        "only a stretch drawn from a network",
    ),
    (
        "straight-edge-vertex-out-of-range",
        collection(_with_straight_edges(0, [{"vertex": 4, "km": 77.463}])),
        "stretches[0].straight_edges[0]",
        "out of range",
    ),
    (
        "straight-edge-km-not-positive",
        collection(_with_straight_edges(0, [{"vertex": 1, "km": 0}])),
        "stretches[0].straight_edges[0].km",
        "positive length",
    ),
    (
        "straight-edge-km-not-as-drawn",
        collection(_with_straight_edges(0, [{"vertex": 1, "km": 50.0}])),
        "stretches[0].straight_edges[0]",
        "measures 116.193 km as drawn",
    ),
    (
        "straight-edge-listed-twice",
        collection(_with_straight_edges(0, [{"vertex": 1, "km": 116.193}] * 2)),
        "stretches[0].straight_edges[1]",
        "once each, in order",
    ),
    (
        "straight-edge-as-a-pair",
        collection(_with_straight_edges(0, [[1, 116.193]])),
        "stretches[0].straight_edges[0]",
        "{vertex: <vertex index>",
    ),
    (
        "capacity-quote-lacks-figure",
        collection(
            line_feature(
                kind="gas_pipeline",
                capacity={"value": 55, "unit": "bcm/yr"},
                sources=[{**SOURCE, "supports": ["geometry", "capacity"], "quote": "a big pipe"}],
            )
        ),
        "capacity",
        "contains the figure 55",
    ),
    (
        "capacity-beyond-physical-bounds",
        collection(
            line_feature(
                kind="gas_pipeline",
                capacity={"value": 1e308, "unit": "bcm/yr"},
                sources=[{**SOURCE, "supports": ["geometry", "capacity"], "quote": "1e308"}],
            )
        ),
        "capacity.value",
        "beyond any gas pipeline",
    ),
    (
        "dry-port-capacity-in-bcm",
        collection(
            with_geometry(
                {"type": "Point", "coordinates": [70, 45]},
                kind="dry_port",
                capacity={"value": 5, "unit": "bcm/yr"},
                sources=[{**SOURCE, "supports": ["geometry", "capacity"], "quote": "5"}],
            )
        ),
        "capacity.unit",
        "Mt/yr (tonnes) or TEU/yr",
    ),
    (
        "length-longer-than-the-earth",
        collection(
            line_feature(
                published_length_km=50000,
                length_span="a–b",
                sources=[{**SOURCE, "supports": ["geometry", "published_length_km"]}],
            )
        ),
        "published_length.value",
        "circumference",
    ),
    (
        "unclosed-ring",
        collection(
            with_geometry(
                {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
                kind="country",
                iso3="KAZ",
            )
        ),
        "geometry",
        "not closed",
    ),
    (
        "lon-200-not-called-projected",
        collection(with_geometry({"type": "LineString", "coordinates": [[200, 45], [71, 45]]})),
        "geometry",
        "longitude must lie within -180..180",
    ),
    (
        "computed-parts-do-not-add-up",
        (_summed_line(parts=(100, 50), value=160)),
        "published_length.computed_from",
        "100 + 50 = 150, not the value 160",
    ),
    (
        "computed-part-quote-lacks-figure",
        (_summed_line(parts=(100, 60), value=160, quotes=("100 km", "sixty km"))),
        "published_length.computed_from.parts[1].source",
        "figure 60",
    ),
    (
        "computed-part-neither-cited-nor-computed",
        (_summed_line(parts=(100, 60), value=160, drop_source=1)),
        "published_length.computed_from.parts[1]",
        "either cited",
    ),
    (
        "km-post-without-line",
        collection(
            line_feature(
                waypoints=[
                    {"name": "A", "lon": 70.0, "lat": 45.0, "source": SOURCE, "km_post": {"km": 5}},
                    {"name": "B", "lon": 71.0, "lat": 45.0, "source": SOURCE},
                ]
            )
        ),
        "waypoints[0].km_post",
        "line",
    ),
]


@pytest.mark.parametrize(
    ("data", "field", "fragment"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_validate_collection__names_field_and_problem(data, field, fragment):
    with pytest.raises(GeodataError) as info:
        validate_collection(data, origin="layer.geojson")
    problems = getattr(info.value, "problems", [info.value])
    assert any(p.field == field and fragment in str(p) for p in problems), [
        str(p) for p in problems
    ]
    assert all(str(p).startswith("layer.geojson") for p in problems)


def test_validate_collection__accepts_valid_feature():
    validate_collection(collection(line_feature()), origin="x")


def test_validate_collection__accepts_waypoint_route():
    validate_collection(collection(_waypoint_line()), origin="x")


def test_validate_collection__accepts_network_stretch_between_waypoints():
    validate_collection(collection(_stretched_line()), origin="x")


def test_validate_collection__accepts_network_stretch_through_a_straight_edge():
    validate_collection(collection(straight_edge_line()), origin="x")


def test_validate_collection__reports_all_problems_at_once():
    bad = line_feature(kind="canal", status="dreamt")
    with pytest.raises(GeodataError) as info:
        validate_collection(collection(bad), origin="x")
    fields = {p.field for p in info.value.problems}
    assert {"kind", "status"} <= fields


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ('{"type": "FeatureColl', "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ("nan", "not valid JSON"),
    ],
)
def test_parse_geojson__clear_errors(text, fragment):
    with pytest.raises(GeodataError, match=fragment):
        parse_geojson(text, origin="f.geojson")


def test_validate_collection__does_not_mutate_input():
    data = collection(line_feature())
    before = copy.deepcopy(data)
    validate_collection(data, origin="x")
    assert data == before


def test_json_schema__published_and_every_geodata_file_passes_it():
    """The JSON Schema file (with $schema) describes the shipped data, checked by jsonschema."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    from corridors import schemas  # noqa: PLC0415
    from corridors.schema import json_schema  # noqa: PLC0415

    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    validator = schemas.validator("geodata.schema.json")
    for path in sorted(GEODATA.rglob("*.geojson")):
        errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
        assert errors == [], (path.name, errors[0].message)


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("transit.schema.json", "transit.toml"),
        ("series.schema.json", "series/cagp-gas.toml"),
        ("alternate-names.schema.json", "alternate-names.json"),
        ("basemap.schema.json", "basemap/basemap.json"),
    ],
)
def test_json_schema__every_data_file_has_one_it_passes(name, path):
    import tomllib  # noqa: PLC0415

    from jsonschema import Draft202012Validator  # noqa: PLC0415

    from corridors import schemas  # noqa: PLC0415

    Draft202012Validator.check_schema(schemas.load(name))
    text = (GEODATA / path).read_text(encoding="utf-8")
    raw = tomllib.loads(text) if path.endswith(".toml") else json.loads(text)
    assert schemas.problems(raw, name) == []


def test_json_schema__a_typo_in_transit_toml_fails_with_a_hint():
    import tomllib  # noqa: PLC0415

    from corridors import schemas  # noqa: PLC0415

    raw = tomllib.loads((GEODATA / "transit.toml").read_text(encoding="utf-8"))
    pid = next(iter(raw["parameters"]))
    raw["parameters"][pid]["tipical"] = raw["parameters"][pid]["typical"]
    found = schemas.problems(raw, "transit.schema.json")
    assert [p.field for p in found] == [f"parameters.{pid}.tipical"]
    assert "did you mean 'typical'" in found[0].message


def test_url_pattern__one_definition_every_schema_refers_to():
    from importlib.resources import files  # noqa: PLC0415

    from corridors import parameters, schema, timeseries  # noqa: PLC0415

    texts = {
        p.name: p.read_text(encoding="utf-8")
        for p in files("corridors").iterdir()
        if p.name.endswith(".schema.json")
    }
    assert sum(t.count("^https?://") for t in texts.values()) == 1
    assert "^https?://" in texts["common.schema.json"]
    assert schema.URL_PATTERN.pattern.startswith("^https?://")
    del parameters, timeseries  # their files cite sources listed with that pattern


def test_computed_from__parts_that_add_up_pass_and_nest():
    validate_collection(_summed_line(parts=(100, 60), value=160), origin="x")
    data = _summed_line(parts=(100, 60), value=140)
    parts = data["features"][0]["properties"]["published_length"]["computed_from"]["parts"]
    parts[0] = {
        "value": 80,
        "unit": "km",
        "span": "km 100 less km 20",
        "computed_from": {
            "operation": "difference",
            "parts": [
                {
                    "value": 100,
                    "unit": "km",
                    "span": "km post",
                    "source": {"ref": SOURCE_ID, "quote": "km 100"},
                },
                {
                    "value": 20,
                    "unit": "km",
                    "span": "km post",
                    "source": {"ref": SOURCE_ID, "quote": "km 20"},
                },
            ],
        },
    }
    validate_collection(data, origin="x")
    parts[0]["value"] = 81
    with pytest.raises(GeodataError, match=r"100 − 20 = 80, not the value 81"):
        validate_collection(data, origin="x")


def test_kinds__one_list_in_the_schema_partitioned_by_geometry():
    from corridors import schema  # noqa: PLC0415

    groups = [schema.LINE_KINDS, schema.POINT_KINDS, schema.AREA_OR_POINT_KINDS, schema.AREA_KINDS]
    # Disjoint groups that together are the kinds; "factory" (the vehicle plants) among them.
    assert sum(len(g) for g in groups) == len(schema.KINDS)
    assert "factory" in schema.POINT_KINDS
    data = collection(line_feature(kind="canal"))
    with pytest.raises(GeodataError) as info:
        validate_collection(data, origin="x")
    assert "unknown kind 'canal'; expected one of [" in str(info.value)
    assert all(kind in str(info.value) for kind in schema.KINDS)


@pytest.mark.parametrize(
    "url",
    [
        "https://de.wiki.li/Alashankou",
        "https://hessslslslsls.azureedge.net/wiki/Port_of_Khorgos",
        "https://kiwix.lema.org/wikipedia_en_all_mini_2024-02/A/Kars",
        "https://ru.wikipedia-on-ipfs.org/wiki/Alyat",
        "https://web.archive.org/web/2015/https://en.wikipedia.org/wiki/Kars",
        "https://de.m.wikipedia.org/wiki/Dostyq",
        "https://de.wikipedia.org./wiki/Dostyq",
    ],
)
def test_sources__a_copy_cited_as_the_source_is_rejected_with_the_fix(url):
    data = collection(line_feature(sources=[{**SOURCE, "url": url}]))
    with pytest.raises(GeodataError) as info:
        validate_collection(data, origin="layer.geojson")
    error = info.value
    assert (error.file, error.feature, error.field) == (
        "layer.geojson",
        "test-line",
        "sources.a-test-source.url",
    )
    assert url in str(error)
    assert "original" in str(error)
    assert "'copy'" in str(error)
    assert "\n" not in str(error)


def test_sources__the_original_with_the_copy_named_beside_it_passes():
    data = collection(line_feature(sources=[{**SOURCE, "url": "https://de.wikipedia.org/"}]))
    data["sources"]["a-test-source"]["copy"] = "https://de.wiki.li/Alashankou"
    validate_collection(data, origin="layer.geojson")
    data["sources"]["a-test-source"]["copy"] = "de.wiki.li/Alashankou"  # not an address
    with pytest.raises(GeodataError, match="copy"):
        validate_collection(data, origin="layer.geojson")


def test_sources__no_data_file_cites_a_known_mirror_host():
    import tomllib  # noqa: PLC0415

    from corridors import sourcing, validation  # noqa: PLC0415

    checked = 0
    paths = [*GEODATA.rglob("*.geojson")]
    paths += [p for pattern in validation.SOURCED_FILES for p in GEODATA.glob(pattern)]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
        for field, source in sourcing.listed_sources(data):
            checked += 1
            host = sourcing.mirror_host(source["url"])
            assert host is None, f"{path.name}: {field}: {source['url']} is on {host}"
            assert source.get("copy") != source["url"]
    assert checked > 500


def test_sources__mirror_in_another_data_file_is_one_line_from_the_cli(tmp_path, capsys):
    import tomllib  # noqa: PLC0415

    from corridors.cli import main  # noqa: PLC0415

    path = tmp_path / "transit.toml"
    text = (GEODATA / "transit.toml").read_text(encoding="utf-8")
    sid, source = next(iter(tomllib.loads(text)["sources"].items()))
    path.write_text(text.replace(source["url"], "https://newikis.com/en/Khorgos"), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if "newikis" in line]
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert f"sources.{sid}.url" in lines[0]
    assert "'copy'" in lines[0]
