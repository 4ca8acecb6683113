"""What is being built: planned lines look planned, and the panel's km and projects."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import GEODATA

import corridors
from corridors.maps import building, grammar
from corridors.maps.common import legend
from corridors.maps.styles import line_style, point_style, schematic_style

KARS = "titr-akhalkalaki-kars"
EXPECTED = [
    {
        "step": "opened",
        "expected": [{"date": "2027", "source": {"title": "T", "url": "u", "quote": "in 2027"}}],
    }
]


def test_line_style__status_by_pattern_colour_by_mode():
    """Being built: long dashes; planned: dots; lighter; the colour stays the mode's."""
    row = {"kind": "railway", "mode": "rail_1520", "corridor": "titr"}
    built = line_style({**row, "status": "operating"}, scheme="mode")
    building_ = line_style({**row, "status": "under_construction"}, scheme="mode")
    planned = line_style({**row, "status": None, "history": EXPECTED}, scheme="mode")
    assert "dashArray" not in built
    assert building_["dashArray"] == grammar.dash_array("building", built["weight"])
    assert planned["dashArray"] == grammar.dash_array("planned", built["weight"])
    assert planned["dashArray"].startswith("0 ")  # dots: round caps on dashes of length 0
    assert building_["dashArray"] != planned["dashArray"]
    for style in (building_, planned):
        assert style["opacity"] < built["opacity"]
        assert style["color"] == built["color"]
    gas = line_style({"kind": "gas_pipeline", "status": "proposed"}, scheme="capacity")
    oil = line_style({"kind": "oil_pipeline", "status": "proposed"}, scheme="capacity")
    assert gas["color"] != oil["color"]  # fuel by colour, on every map
    assert gas["dashArray"] == grammar.dash_array("planned", gas["weight"])
    port = point_style({"kind": "seaport", "status": "under_construction"})
    assert (
        port["fillOpacity"] < point_style({"kind": "seaport", "status": "operating"})["fillOpacity"]
    )


def test_schematic_style__a_third_channel_reusing_neither_colour_nor_pattern():
    row = {"kind": "railway", "mode": "rail_1435", "corridor": "titr"}
    for status in ("operating", "under_construction", "proposed"):
        drawn = line_style({**row, "status": status}, scheme="mode")
        chord = schematic_style(drawn)
        assert chord["color"] == drawn["color"]
        assert chord["st"] == drawn["st"]
        # The same pattern, scaled to the (at least as wide) hollow line.
        assert chord.get("dashArray") == grammar.dash_array(drawn["st"], chord["weight"])
        assert chord["core"]["color"] not in {c for c, _ in grammar.CLASSES.values()}


def test_legend__lines_are_made_in_the_page_other_swatches_here():
    html = legend("x", [({"color": "#123456", "weight": 3, "dashArray": "4 4"}, "a border")])
    assert "class='c-key'" in html  # filled by static/grammar.js from what is drawn
    assert "a border" in html
    assert "border-top-style:dashed" in html


@pytest.fixture
def with_projects(tmp_path):
    """A copy of geodata where BTK opened in 2022 and Kuryk–Alat is expected in 2027/2028."""
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    path = root / "corridors" / "titr.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    ref = next(iter(data["sources"]))
    for feature in data["features"]:
        props = feature["properties"]
        if props["id"] == KARS:
            props["history"] = [
                {
                    "step": "opened",
                    "date": "2022-05",
                    "source": {"ref": ref, "quote": "opened in May 2022"},
                }
            ]
        if props["id"] == "titr-mangistau-kuryk":
            props["history"] = [
                {
                    "step": "construction_started",
                    "date": "2024",
                    "source": {"ref": ref, "quote": "work began in 2024"},
                },
                {
                    "step": "opened",
                    "expected": [
                        {
                            "date": "2027",
                            "source": {"ref": ref, "quote": "due in 2027"},
                            "said": "2024-03",
                        },
                        {
                            "date": "2028",
                            "source": {"ref": list(data["sources"])[1], "quote": "by 2028"},
                        },
                    ],
                },
            ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return corridors.open(root)


def test_panel__km_opened_since_2021_and_being_built_computed_from_the_data(with_projects):
    base = building.panel_data()
    with with_projects:
        data = building.panel_data()
        kars_km = corridors.length_by_country(KARS)
        kuryk_km = corridors.route_length("titr-mangistau-kuryk")
        html = building.panel_html()
    opened = data["opened"]["opened_km"].sum() - base["opened"]["opened_km"].sum()
    assert opened == pytest.approx(kars_km["length_km"].sum(), abs=0.5)
    building_km = (
        data["status"]["under_construction_km"].sum()
        - base["status"]["under_construction_km"].sum()
    )
    assert building_km == pytest.approx(kuryk_km, abs=0.5)
    assert "Opened since 2021" in html
    assert "data-id='titr-mangistau-kuryk'" in html
    assert "opened 2027" in html
    assert "opened 2028" in html
    assert "said 2024-03" in html
