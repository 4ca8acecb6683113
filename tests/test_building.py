"""What is being built: planned lines look planned, and the panel's km and projects."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import GEODATA

import corridors
from corridors.maps import building
from corridors.maps.common import PLANNED_LEGEND, legend
from corridors.maps.styles import PLANNED_DASH, line_style, point_style

KARS = "titr-akhalkalaki-kars"
EXPECTED = [
    {
        "step": "opened",
        "expected": [{"date": "2027", "source": {"title": "T", "url": "u", "quote": "in 2027"}}],
    }
]


def test_line_style__being_built_or_planned_is_dotted_and_lighter():
    row = {"kind": "railway", "mode": "rail_1520", "corridor": "titr"}
    built = line_style({**row, "status": "operating"}, scheme="mode")
    building_ = line_style({**row, "status": "under_construction"}, scheme="mode")
    planned = line_style({**row, "status": None, "history": EXPECTED}, scheme="mode")
    assert built.get("dashArray") != PLANNED_DASH
    for style in (building_, planned):
        assert style["dashArray"] == PLANNED_DASH
        assert style["opacity"] < built["opacity"]
        assert style["color"] == built["color"]
    pipe = line_style({"kind": "gas_pipeline", "status": "proposed"}, scheme="status")
    assert pipe["dashArray"] == PLANNED_DASH
    port = point_style({"kind": "seaport", "status": "under_construction"})
    assert (
        port["fillOpacity"] < point_style({"kind": "seaport", "status": "operating"})["fillOpacity"]
    )


def test_legend__every_map_says_what_dotted_means():
    html = legend("x", [])
    assert PLANNED_LEGEND[1].startswith("Being built or planned")
    assert "Being built or planned" in html
    assert "border-top-style:dotted" in html


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
