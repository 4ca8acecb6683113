"""The landing page: a picture per map, figures from the library, downloads, licences, citation."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import open_offline

import corridors
from corridors import export, fmt, maps
from corridors import site as site_module
from corridors.maps.build import build_year
from corridors.maps.frontend import esc
from corridors.maps.layers import KIND_STYLE, MODE_STYLE
from corridors.maps.pictures import HEIGHT, WIDTH, picture
from corridors.maps.screenshot import chromium_path

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A built output folder with the exports beside the maps, as `make maps` makes it."""
    out = tmp_path_factory.mktemp("site")
    site_module.write_site(out)
    return out


def test_index__figures_come_from_the_library(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    lengths = corridors.length_table()
    for row in lengths.itertuples():
        assert fmt.km_computed(row.computed_km) in page, row.id
        assert fmt.km(row.published_km) in page, row.id
    for row in corridors.compare("lianyungang").dropna(subset=["days_typical"]).itertuples():
        assert f"<b>{row.days_typical:.1f} days</b>" in page, row.corridor
    backtest = corridors.backtest()
    inside = int((backtest["verdict"] == "inside").sum())
    assert f"for {inside} of the {len(backtest)} reported" in page


def test_index__picture_question_and_link_per_map(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    for name, spec in maps.MAPS.items():
        assert f"<img src='{name}.svg'" in page
        assert f"href='{name}.html'" in page
        assert spec.title in page
        assert (site / f"{name}.svg").is_file()


def test_index__downloads_licences_and_citation(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    # Every format `corridors export --format` offers is a file to download.
    for file_format, file_name in export.DEFAULT_NAMES.items():
        assert file_format in export.FORMATS
        assert f"href='{file_name}' download" in page
        assert (site / file_name).stat().st_size > 10_000
    assert "corridors export --format" not in page
    for lic in export.LICENCES:
        assert esc(lic.licence) in page
    assert "How to cite" in page
    assert corridors.__version__ in page
    # The BibTeX is complete: year and version (the repository states no URL to cite).
    bibtex = page[page.index("@software{corridors") :]
    assert re.search(r"year = \{20\d\d\}", bibtex)
    assert f"version = {{{corridors.__version__}}}" in bibtex


def test_bibtex_year__the_data_s_as_of_year_not_the_clock(tmp_path, monkeypatch):
    """The citation's year is the data's (atlas.toml), so a rebuild next year is identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14: ignored
    assert build_year() == corridors.open().as_of.year
    folder = tmp_path / "geodata"
    shutil.copytree(corridors.open().root, folder)
    (folder / "atlas.toml").write_text(
        (folder / "atlas.toml").read_text(encoding="utf-8").replace("2026-12-06", "2031-02-01"),
        encoding="utf-8",
    )
    with corridors.catalog.using(folder):
        assert build_year() == 2031


@pytest.mark.parametrize("name", sorted(maps.MAPS))
def test_picture__valid_svg_drawn_from_the_map(site, name):
    root = ET.fromstring((site / f"{name}.svg").read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert root.find(f"{SVG}title").text == f"{maps.MAPS[name].title} map"
    paths = root.findall(f"{SVG}path")
    # The basemap's countries and at least one line of the map.
    assert any(p.get("fill") == KIND_STYLE["country"]["fillColor"] for p in paths)
    assert any(p.get("fill") == "none" for p in paths)


def test_picture__colours_of_the_maps_layers():
    svg = picture(maps.build("middle-corridor"), title="m")
    for mode in ("rail_1435", "rail_1520", "ferry"):
        assert f'stroke="{MODE_STYLE[mode]["color"]}"' in svg
    assert "© OpenStreetMap contributors" in svg  # rail legs from OpenStreetMap are credited


def test_picture__each_map_recognisably_its_own(site):
    """Pictures are drawn in each map's opening view: no two alike, none of the world."""
    svgs = {name: (site / f"{name}.svg").read_text(encoding="utf-8") for name in maps.MAPS}
    assert len(set(svgs.values())) == len(svgs)
    # The others are drawn in their opening view (the Khorgos close-up, not the corridor).
    assert maps.build("khorgos").picture_view is None
    assert 'stroke="#ffffff"' not in svgs["border"]  # the border map draws no hollow line
    # The Middle Corridor's picture shows what it compares, the sea route included.
    middle = maps.build("middle-corridor")
    assert middle.picture_view is not None
    assert middle.picture_view[0][0] < 10  # south of the Arabian Sea: the Suez route
    # Schematic stretches are hollow on the pictures as on the maps (a white core).
    assert 'stroke="#ffffff"' in svgs["energy"]


def test_picture__same_map_same_bytes():
    assert picture(maps.build("border"), title="b") == picture(maps.build("border"), title="b")


# ---- in a browser (Debian's chromium via Playwright), with the network off ----------------

CHROMIUM = chromium_path()
VIEWPORTS = {"laptop": (1280, 800), "phone": (390, 844)}


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_index__opens_offline_with_pictures_and_download(site, browser, viewport):
    width, height = VIEWPORTS[viewport]
    context, page = open_offline(browser, width=width, height=height)
    errors, failed = page.errors, page.failed
    page.goto((site / "index.html").as_uri())
    cards = page.locator(".card")
    assert cards.count() == len(maps.MAPS)
    for i in range(cards.count()):
        image = cards.nth(i).locator("img")
        image.scroll_into_view_if_needed()  # lazy pictures load when scrolled to
        page.wait_for_function("(img) => img.complete", arg=image.element_handle())
        size = image.evaluate("(img) => [img.naturalWidth, img.getBoundingClientRect().width]")
        assert size[0] > 0, f"picture {i} did not load"
        assert 0 < size[1] <= width
    link = page.locator("a[download][href='atlas.gpkg']")
    assert link.count() == 1
    assert link.is_visible()
    # Fits the screen: nothing wider than the viewport (tables stack on a phone).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []
    assert failed == []
    context.close()
