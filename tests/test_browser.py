"""The maps in a real browser (Debian's chromium via Playwright), with the network off."""

from __future__ import annotations

import json

import pytest
from conftest import collection, open_offline

from corridors import maps
from corridors.maps.screenshot import chromium_path

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = chromium_path()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install chromium)"),
]

#: map -> (layer names expected in the control, a point feature to click, a name to search)
EXPECT = {
    "overview": (
        [
            "Central Asia–China gas pipeline",
            "Middle Corridor (TITR) legs",
            "China–Kazakhstan border",
            "Khorgos complex",
        ],
        "duisburg",
        "Dostyk",
    ),
    "energy": (
        ["Central Asia–China gas pipeline", "Beineu–Bozoi–Shymkent gas pipeline"],
        "bbs-bozoi-compressor",
        "Central Asia–China gas pipeline, Line C",
    ),
    "middle-corridor": (
        [
            "Middle Corridor (TITR) legs",
            "Northern corridor",
            "Sea route via Suez",
            "Chainage every 250 km",
        ],
        "moscow",
        "Kars",
    ),
    "khorgos": (["Khorgos complex", "Border crossings"], "khorgos-gateway", "Altynkol"),
    "control": (
        ["Pipelines, railways, road (by country section)", "Stations, ports, dry ports, plants"],
        "bbs-bozoi-compressor",
        "Zhanatas wind farm",
    ),
    "border": (
        ["China–Kazakhstan border", "Border crossings"],
        "crossing-bakhty-tacheng",
        "Maikapchagai",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    return {p.stem: p for p in maps.build_all(out)}


@pytest.fixture
def page(browser):
    context, page = open_offline(browser)
    yield page
    context.close()


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_map__opens_offline_with_layers_popup_and_search(built, page, name):
    layers, click_id, search = EXPECT[name]
    page.goto(built[name].as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    labels = page.locator(".leaflet-control-layers label").all_inner_texts()
    for layer in layers:
        assert any(layer in label for label in labels), (layer, labels)

    page.locator(f"path.f-{click_id}").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("a[href^='http']").count() >= 1

    page.keyboard.press("Escape")
    page.fill("#corridors-search", search)
    page.press("#corridors-search", "Enter")
    page.wait_for_function(
        "(s) => [...document.querySelectorAll('.leaflet-popup-content h4')]"
        ".some(h => h.textContent.includes(s))",
        arg=search,
    )
    assert page.locator(".leaflet-control-scale").count() == 1
    assert page.errors == []
    assert page.failed == []


def test_measure_tool__geodesic_distance(built, page):
    page.goto(built["border"].as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    km = page.evaluate("() => corridors.vincenty(L.latLng(0, 0), L.latLng(0, 1)) / 1000")
    assert km == pytest.approx(111.319, abs=1e-3)
    page.locator(".c-measure .c-btn").click()
    page.mouse.click(500, 400)
    page.mouse.click(700, 400)
    assert "km" in page.locator(".c-measure-out").inner_text()
    assert page.errors == []


def test_script_injection__data_shows_as_text_and_never_runs(tmp_path, page):
    """Names, descriptions and source titles holding markup are text; no script from data runs."""
    evil = {
        "type": "Feature",
        "properties": {
            "id": "evil-line",
            "name": '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
            "kind": "railway",
            "status": "operating",
            "countries": ["KAZ"],
            "description": "javascript:window.__pwned=3 <svg onload=window.__pwned=4>",
            "geometry_method": "<b>test</b>",
            "sources": [
                {
                    "title": "<script>window.__pwned=5</script>",
                    "url": "https://example.org/?a=1&b=2",
                    "supports": ["geometry"],
                }
            ],
        },
        "geometry": {"type": "LineString", "coordinates": [[70.0, 45.0], [72.0, 45.0]]},
    }
    folder = tmp_path / "geodata" / "corridors"
    folder.mkdir(parents=True)
    (folder / "titr.geojson").write_text(json.dumps(collection(evil)))
    from corridors import catalog  # noqa: PLC0415
    from corridors.maps.assets import AtlasMap, render_html  # noqa: PLC0415
    from corridors.maps.common import add_layer, finish, new_map  # noqa: PLC0415

    gdf = catalog.read_layer(folder / "titr.geojson")
    m = new_map([[44, 69], [46, 73]], offline=True)
    add_layer(m, gdf, "Evil")
    finish(m, "<b>legend</b>")
    m.fit_bounds([[44, 69], [46, 73]])
    assert isinstance(m, AtlasMap)
    html = tmp_path / "evil.html"
    html.write_text(render_html(m), encoding="utf-8")

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(html.as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.fill("#corridors-search", "img src")
    page.press("#corridors-search", "Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "<img src=x" in popup.inner_text()
    assert "<script>window.__pwned=5</script>" in popup.inner_text()
    assert popup.locator("img, script, svg").count() == 0
    assert popup.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []


def test_overview__aktau_and_kuryk_apart_at_the_opening_zoom(built, page):
    """65 km apart: at the overview's zoom their markers shrink and, still touching, get labels."""
    page.goto(built["overview"].as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    labels = page.locator(".c-label").all_inner_texts()
    assert "Aktau" in labels
    assert any(label.startswith("Kuryk") for label in labels)
    aktau = page.locator(".c-label", has_text="Aktau").bounding_box()
    kuryk = page.locator(".c-label", has_text="Kuryk").bounding_box()
    assert aktau["x"] + aktau["width"] <= kuryk["x"]  # Aktau's label left, Kuryk's right
    # Labels are text: a name is never read as markup.
    assert page.locator(".c-label *").count() == 0
    assert page.errors == []


def test_popup__built_in_the_browser_from_the_template(built, page):
    page.goto(built["energy"].as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.fill("#corridors-search", "Central Asia–China gas pipeline, Line C")
    page.press("#corridors-search", "Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    for fragment in (
        "Length (computed)",
        "Length (published)",
        "drawn line:",
        "Capacity",
        "bcm/yr",
        "By country (computed)",
        "Sources",
    ):
        assert fragment in text
    assert popup.locator(".c-sources a[href^='https://']").count() >= 1
    assert page.errors == []


def test_routes__schematic_stretches_dashed_grid_on_demand_osm_credited(built, page):
    page.goto(built["overview"].as_uri())
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 0")
    # The Xi'an–Ürümqi leg: its network stretches solid, its chords dashed and thinner.
    styles = page.evaluate(
        """() => [...document.querySelectorAll('path.f-titr-xian-urumqi')].map(p =>
             [p.getAttribute('stroke-dasharray'), +p.getAttribute('stroke-width')])"""
    )
    assert len(styles) == 2, styles
    solid, dashed = sorted(styles, key=lambda s: s[0] is not None)
    assert solid[0] is None
    assert dashed[0]
    assert dashed[1] < solid[1]
    assert "OpenStreetMap" in page.inner_text(".leaflet-control-attribution")
    # The OpenStreetMap railway grid is offered, off until the reader ticks it.
    grid = page.locator(".leaflet-control-layers-overlays label", has_text="Railway network")
    before = page.evaluate("document.querySelectorAll('path').length")
    grid.locator("input").check()
    page.wait_for_function(f"document.querySelectorAll('path').length > {before}")
    assert page.errors == []
    assert page.failed == []


def _overview_opened_years() -> dict[str, int]:
    """Each overview feature's `opened` year, read from the data (not from the page)."""
    import corridors  # noqa: PLC0415
    from corridors.maps.overview import OVERVIEW_LAYERS  # noqa: PLC0415

    years = {}
    for layer in OVERVIEW_LAYERS:
        for row in corridors.load(layer).to_dict("records"):
            if isinstance(row.get("opened"), str | int):
                years[row["id"]] = int(str(row["opened"])[:4])
    return years


def _set_year(page, year: int) -> None:
    page.evaluate(
        """(y) => { const s = document.querySelector('.c-timeline input');
                    s.value = y; s.dispatchEvent(new Event('input')); }""",
        year,
    )


def _shown(page, fid: str) -> list[bool]:
    """Whether each drawn piece of feature `fid` (network and schematic) is displayed."""
    return page.evaluate(
        """(id) => [...document.querySelectorAll('.f-' + id)]
             .map(e => getComputedStyle(e).display !== 'none')""",
        fid,
    )


def test_timeline__moving_the_year_back_hides_what_had_not_opened(built, page):
    years = _overview_opened_years()
    page.goto(built["overview"].as_uri())
    slider = page.locator(".c-timeline input")
    slider.wait_for()
    assert int(slider.get_attribute("min")) == min(years.values())
    assert int(slider.get_attribute("max")) == max(years.values())
    assert slider.input_value() == str(max(years.values()))  # opens on today's network
    undated = ["titr-xian-urumqi", "titr-almaty-aktau", "northern-petropavl-moscow"]
    for year in (2005, 2008, 2012, 2014, 2017, max(years.values()), min(years.values())):
        _set_year(page, year)
        assert page.get_attribute(".c-timeline", "data-year") == str(year)
        for fid, opened in years.items():
            shown = _shown(page, fid)
            assert shown, fid  # every dated overview feature is drawn
            assert all(s == (opened <= year) for s in shown), (year, fid, opened, shown)
        for fid in undated:  # no sourced date: never hidden
            assert all(_shown(page, fid)), (year, fid)
    # A route drawn in two pieces (network and schematic) hides both.
    _set_year(page, 2008)
    assert len(_shown(page, "wewc-kazakhstan")) == 2
    assert _shown(page, "wewc-kazakhstan") == [False, False]
    # Hidden points lose their name labels too (Kuryk opened after 2008).
    assert not page.locator(".c-label", has_text="Kuryk").is_visible()
    # The page says which features have no sourced date and so are always shown.
    page.locator(".c-timeline summary", has_text="Where the years come from").click()
    page.locator(".c-timeline summary", has_text="No sourced opening date").click()
    listed = page.locator(".c-timeline li").all_inner_texts()
    assert "Longhai and Lanxin railways: Xi'an – Lanzhou – Ürümqi" in listed, listed
    assert page.errors == []
    assert page.failed == []
