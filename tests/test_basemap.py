"""The offline basemap: committed files (reproducible, small, sourced) and what the maps draw."""

from __future__ import annotations

import importlib.util
import json
import math
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
import shapely
from conftest import open_offline

from corridors import catalog, maps
from corridors.maps import basemap
from corridors.maps.screenshot import chromium_path

REPO = Path(__file__).resolve().parents[1]
BASEMAP = REPO / "geodata" / "basemap"
TOOL = REPO / "tools" / "derive_basemap.py"
MAX_FILE_BYTES = 400_000
MAX_TOTAL_BYTES = 1_600_000
MAX_MAP_BYTES = 3_000_000


def _tool():
    spec = importlib.util.spec_from_file_location("derive_basemap", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _derive_packages_missing(packages: dict[str, str]) -> str | None:
    for package, wanted in packages.items():
        try:
            have = version(package)
        except PackageNotFoundError:
            return f"{package} {wanted} not installed (pip install -e '.[derive]')"
        if have != wanted:
            return f"{package} {have} installed; the committed files come from {wanted}"
    return None


def test_derive_tool__reproduces_the_committed_files_byte_for_byte():
    tool = _tool()
    reason = _derive_packages_missing(tool.PACKAGES)
    if reason:
        pytest.skip(reason)
    derived = tool.derive()
    committed = {p.name: p.read_bytes() for p in BASEMAP.iterdir() if p.is_file()}
    assert sorted(derived) == sorted(committed)
    for name, data in derived.items():
        assert data == committed[name], f"{name} differs from a fresh derivation"


def test_committed_files__are_small_and_invisible_to_the_catalog():
    sizes = {p.name: p.stat().st_size for p in BASEMAP.iterdir()}
    assert {"relief-wide.jpg", "relief-detail.jpg", "places.json", "lakes.json"} <= set(sizes)
    assert all(size <= MAX_FILE_BYTES for size in sizes.values()), sizes
    assert sum(sizes.values()) <= MAX_TOTAL_BYTES, sizes
    assert not list(BASEMAP.glob("*.geojson"))  # the catalog validates every .geojson
    assert all(layer.path.parent.name != "basemap" for layer in catalog.catalog().layers)


def test_relief__rows_are_web_mercator_for_its_bounds():
    pil = pytest.importorskip("PIL.Image")
    manifest = json.loads((BASEMAP / "basemap.json").read_text(encoding="utf-8"))
    for meta in manifest["relief"].values():
        (south, west), (north, east) = meta["bounds"]
        with pil.open(BASEMAP / meta["file"]) as image:
            width, height = image.size
        assert [width, height] == meta["size"]

        def merc(lat):
            return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

        expected = (merc(north) - merc(south)) / math.radians(east - west) * width
        assert abs(height - expected) <= 1


def test_lakes__the_six_are_named_each_with_its_cited_point_on_or_near_it():
    lakes = json.loads((BASEMAP / "lakes.json").read_text(encoding="utf-8"))["features"]
    named = {f["properties"]["name"]: f for f in lakes if f["properties"].get("name")}
    assert set(named) == {
        "Lake Balkhash",
        "Aral Sea",
        "Issyk-Kul",
        "Lake Zaysan",
        "Lake Alakol",
        "Kapchagay Reservoir",
    }
    cited = {name: (lon, lat) for name, lon, lat, _url, _quote in _tool().LAKES}
    for name, feature in named.items():
        source = feature["properties"]["source"]
        assert source["url"].startswith("https://")
        polygon = shapely.geometry.shape(feature["geometry"])
        assert polygon.geom_type in ("Polygon", "MultiPolygon")
        assert polygon.distance(shapely.Point(cited[name])) < 1.1  # degrees, about 120 km
        assert polygon.contains(shapely.Point(feature["properties"]["label"]))


def test_places__capitals_early_and_the_khorgos_towns_at_close_range():
    places = {p["name"]: p for p in json.loads((BASEMAP / "places.json").read_text("utf-8"))}
    for name in ("Almaty", "Tashkent", "Ürümqi", "Astana", "Baku", "Tbilisi", "Bishkek"):
        assert places[name]["minzoom"] <= 4.5, name
    for name in ("Zharkent", "Khorgos", "Korgas", "Huocheng", "Yining (Ghulja)"):
        assert places[name]["minzoom"] <= 11, name
    assert all(p["anchor"] in basemap.ANCHORS for p in places.values())


def test_places__no_two_names_overlap_at_any_zoom():
    tool = _tool()
    places = json.loads((BASEMAP / "places.json").read_text(encoding="utf-8"))
    for zoom in (3.0, 5.0, 8.0, 11.0):
        shown = [p for p in places if p["minzoom"] <= zoom and zoom <= p.get("maxzoom", 99)]
        boxes = []
        for p in shown:
            x, y = tool.px(p["lon"], p["lat"], zoom)
            char_width, height = tool.GLYPH[p["kind"]]
            width = char_width * len(p["name"]) + 6
            boxes.append(
                shapely.box(*tool.label_box(p["anchor"], float(x), float(y), width, height))
            )
        tree = shapely.STRtree(boxes)
        pairs = tree.query(boxes, predicate="intersects")
        assert (pairs[0] == pairs[1]).all(), zoom  # each box meets only itself


def test_maps__each_under_3_mb_with_relief_and_no_request_by_default(tmp_path):
    for path in maps.build_all(tmp_path):
        if path.name == "index.html":
            continue
        page = path.read_text(encoding="utf-8")
        assert path.stat().st_size < MAX_MAP_BYTES, path.name
        assert "data:image/jpeg;base64," in page
        assert basemap.RELIEF_NAME in page
        assert "tile.openstreetmap.org" in page  # offered in the layer control


# --- in a browser ---------------------------------------------------------------

CHROMIUM = chromium_path()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium installed (apt-get install chromium)"
)
VISIBLE_LABELS = """() => {
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  return [...document.querySelectorAll('.leaflet-c-labels-pane .c-pl span')].filter(s => {
    const r = s.getBoundingClientRect();
    return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top
      && r.bottom <= box.bottom && getComputedStyle(s).visibility !== 'hidden';
  }).map(s => s.textContent);
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("basemap")
    return {p.stem: p for p in maps.build_all(out)}


@pytest.fixture
def page(browser):
    context, page = open_offline(browser)
    yield page
    context.close()


def _open(page, path, *, labels=True):
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-control-layers", state="attached")  # folded on a phone
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    if labels:
        page.wait_for_selector(".leaflet-c-labels-pane .c-pl span", state="attached")


@pytest.mark.browser
@needs_chromium
def test_overview__names_places_and_draws_relief_and_water(built, page):
    _open(page, built["overview"])
    names = page.evaluate(VISIBLE_LABELS)
    assert len(names) >= 8, names
    for name in ("Almaty", "Tashkent", "Ürümqi"):
        assert name in names, names
    # Names lie under the routes and their markers and never catch a click.
    labels_z, overlay_z, events = page.evaluate(
        "() => [getComputedStyle(document.querySelector('.leaflet-c-labels-pane')).zIndex,"
        " getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex,"
        " getComputedStyle(document.querySelector('.c-pl span')).pointerEvents]"
    )
    assert int(labels_z) < int(overlay_z)
    assert events == "none"
    relief = page.locator(".leaflet-c-relief-pane img")
    assert relief.count() >= 1
    assert page.evaluate(
        "() => [...document.querySelectorAll('.leaflet-c-relief-pane img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    for lake in ("lake-balkhash", "aral-sea"):
        fill = page.evaluate(
            f"() => getComputedStyle(document.querySelector('path.c-lake-{lake}')).fill"
        )
        assert fill == "rgb(169, 203, 230)", (lake, fill)  # the water colour
    assert page.errors == []
    assert page.failed == []
    assert page.requests == []


@pytest.mark.browser
@needs_chromium
def test_khorgos__names_the_towns_at_its_initial_view(built, page):
    _open(page, built["khorgos"])
    names = page.evaluate(VISIBLE_LABELS)
    for name in ("Zharkent", "Khorgos", "Korgas"):
        assert name in names, names
    # The data's own sites and the crossing, named beside their markers.
    for part in ("dry port", "(ICBC)", "road crossing"):
        assert any(part in n for n in names), (part, names)
    assert page.errors == []
    assert page.failed == []


@pytest.mark.parametrize("name", ["overview", "energy", "middle-corridor", "khorgos", "border"])
@pytest.mark.browser
@needs_chromium
def test_tile_layer__requests_nothing_until_picked(built, page, name):
    _open(page, built[name])
    assert page.requests == []
    assert page.errors == []
    assert page.failed == []
    page.locator(".leaflet-control-layers").hover()  # the list starts folded: open it
    page.wait_for_selector(".leaflet-control-layers-expanded")
    page.locator(".leaflet-control-layers label", has_text="OpenStreetMap (online)").click()
    # Offline: no request, no console error, and the page says why there are no tiles.
    page.locator(".c-tile-msg").wait_for()
    assert "cannot load" in page.inner_text(".c-tile-msg")
    assert page.requests == []
    assert page.errors == []


@pytest.mark.browser
@needs_chromium
def test_tile_layer__online_but_unreachable_says_so(built, page):
    """With a connection the tiles are asked for once picked; failing, the page says so."""
    page.context.set_offline(False)
    page.route("http*://**/*", lambda route: route.abort())  # nothing leaves the machine
    _open(page, built["border"])
    assert page.requests == []
    page.locator(".leaflet-control-layers").hover()
    page.wait_for_selector(".leaflet-control-layers-expanded")
    page.locator(".leaflet-control-layers label", has_text="OpenStreetMap (online)").click()
    page.locator(".c-tile-msg").wait_for()
    assert any("tile.openstreetmap.org" in url for url in page.requests)
    # Back on the offline relief, the message goes.
    page.locator(".leaflet-control-layers label", has_text="Relief").first.click()
    assert page.locator(".c-tile-msg").count() == 0


MARKERS_UNDER_OPEN_PANELS = """() => {
  const panels = [...document.querySelectorAll('.c-info details[open]')]
    .map(d => d.getBoundingClientRect());
  return [...document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive')]
    .map(p => p.getBoundingClientRect())
    .filter(r => r.width > 0 && r.width < 40)  // circle markers, not lines
    .filter(r => panels.some(b => r.left + r.width / 2 >= b.left && r.right - r.width / 2 <= b.right
      && r.top + r.height / 2 >= b.top && r.bottom - r.height / 2 <= b.bottom)).length;
}"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("name", ["overview", "energy", "middle-corridor", "khorgos", "border"])
def test_panels__no_open_information_panel_covers_a_marker(built, page, name):
    _open(page, built[name])
    page.wait_for_timeout(50)  # the panels are checked once the page's scripts ran
    assert page.evaluate(MARKERS_UNDER_OPEN_PANELS) == 0
    assert page.locator(".c-info summary, .c-legend summary").count() >= 1  # foldable


@pytest.mark.browser
@needs_chromium
def test_panels__fold_into_one_control_on_a_narrow_screen(built, browser):
    context = browser.new_context(viewport={"width": 600, "height": 800})
    context.set_offline(True)
    try:
        page = context.new_page()
        _open(page, built["middle-corridor"], labels=False)
        page.wait_for_selector(".c-drawer-open .c-btn")
        assert not page.locator(".c-legend").is_visible()
        assert not page.locator(".leaflet-control-layers").is_visible()
        page.locator(".c-drawer-open .c-btn").click()
        assert page.locator(".c-drawer .leaflet-control-layers-list").is_visible()
        assert page.locator(".c-drawer .c-legend").is_visible()
        assert page.locator(".c-legend details[open], .c-info details[open]").count() == 0
    finally:
        context.close()


@pytest.mark.browser
@needs_chromium
def test_layer_list__starts_folded_and_folds_away_on_a_wide_screen(built, page):
    _open(page, built["overview"])
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    page.locator(".leaflet-control-layers").hover()  # its icon opens it
    page.wait_for_selector(".leaflet-control-layers-expanded")
    page.locator(".c-fold").click()
    assert page.locator(".leaflet-control-layers-expanded").count() == 0


VIEW_AND_BOX = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const b = map.getBounds();
  return {view: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
          box: corridorsBasemap.data().box};
}"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("size", [(390, 844), (768, 1024), (1400, 900)])
def test_basemap__covers_each_regional_map_first_view(built, browser, size):
    """Country fills, coasts and rivers are cut to the map's box: no cut may show on opening.

    A tall phone view reaches far past a regional map's corridors; a box cut to the
    corridors left the fill ending in a straight seam across Russia at 56° N.
    """
    context, page = open_offline(browser, width=size[0], height=size[1])
    try:
        for name in ("energy", "khorgos", "border", "control"):
            _open(page, built[name], labels=False)
            got = page.evaluate(VIEW_AND_BOX)
            (west, south, east, north), box = got["view"], got["box"]
            assert box[0] <= west, (name, got)
            assert box[1] <= south, (name, got)
            assert east <= box[2], (name, got)
            assert north <= box[3], (name, got)
    finally:
        context.close()
