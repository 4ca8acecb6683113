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
    kuryk = page.locator(".f-kuryk-label").bounding_box()
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


def test_popup__source_links_the_original_and_names_the_copy_read_beside_it(built, page):
    page.goto(built["border"].as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.fill("#corridors-search", "Khorgos – Nur Zholy road crossing")
    page.press("#corridors-search", "Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    item = popup.locator(".c-sources li", has_text="Port of Khorgos – Wikipedia").first
    link = item.locator("a")
    assert link.get_attribute("href") == "https://en.wikipedia.org/wiki/Port_of_Khorgos"
    assert "(read at hessslslslsls.azureedge.net)" in item.inner_text()
    assert popup.locator("a[href*='azureedge']").count() == 0
    assert page.errors == []


def test_routes__schematic_stretches_hollow_grid_on_demand_osm_credited(built, page):
    page.goto(built["overview"].as_uri())
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 0")
    # The Xi'an–Ürümqi leg: its network stretches a plain line, its chords hollow (a white
    # core over the same colour), both with the same (solid) pattern.
    styles = page.evaluate(
        """() => [...document.querySelectorAll('path.f-titr-xian-urumqi')].map(p =>
             [p.getAttribute('stroke-dasharray'), +p.getAttribute('stroke-width'),
              p.getAttribute('stroke'), p.classList.contains('c-core')])"""
    )
    assert len(styles) == 3, styles
    (core,) = [s for s in styles if s[3]]
    lines = [s for s in styles if not s[3]]
    assert core[2] == "#ffffff"
    assert all(s[0] is None for s in styles)
    assert len({s[2] for s in lines}) == 1  # one colour: the mode's
    assert core[1] < min(s[1] for s in lines)
    assert "OpenStreetMap" in page.inner_text(".leaflet-control-attribution")
    # The OpenStreetMap railway grid is offered, off until the reader ticks it (in the
    # layer list, folded at first: its icon opens it).
    page.locator(".leaflet-control-layers").hover()
    page.wait_for_selector(".leaflet-control-layers-expanded")
    grid = page.locator(".leaflet-control-layers-overlays label", has_text="Railway network")
    before = page.evaluate("document.querySelectorAll('path').length")
    grid.locator("input").check()
    page.wait_for_function(f"document.querySelectorAll('path').length > {before}")
    assert page.errors == []
    assert page.failed == []


def _overview_marks() -> dict[str, dict[str, int]]:
    """Each overview feature's year marks, read from the data (not from the page)."""
    import corridors  # noqa: PLC0415
    from corridors.maps.overview import OVERVIEW_LAYERS  # noqa: PLC0415
    from corridors.years import year_marks  # noqa: PLC0415

    marks = {}
    for layer in OVERVIEW_LAYERS:
        for row in corridors.load(layer).to_dict("records"):
            found = year_marks(row.get("history"))
            if found:
                marks[row["id"]] = {**found, "line": row["kind"] in LINES}
    return marks


#: Kinds of line (routes) among the overview's features.
LINES = ("railway", "road", "ferry", "gas_pipeline", "oil_pipeline")


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


def _dash(page, fid: str) -> list[str]:
    """The computed stroke-dasharray of each drawn piece of feature `fid`."""
    return page.evaluate(
        """(id) => [...document.querySelectorAll('.f-' + id)]
             .map(e => getComputedStyle(e).strokeDasharray)""",
        fid,
    )


def _pattern(dash: str) -> str:
    return " ".join(dash.replace("px", "").replace(",", " ").split())


def test_timeline__past_hides_future_expects_today_marked(built, page, tmp_path):
    import corridors  # noqa: PLC0415

    marks = _overview_marks()
    today = corridors.open().as_of.year
    page.goto(built["overview"].as_uri())
    slider = page.locator(".c-timeline input")
    slider.wait_for()
    assert int(slider.get_attribute("min")) == min(m["o"] for m in marks.values() if "o" in m)
    assert int(slider.get_attribute("max")) >= 2030
    assert slider.input_value() == str(today)  # opens on today's network
    mark = page.locator(".c-timeline .c-today")
    assert mark.is_visible()
    assert mark.get_attribute("data-year") == str(today)
    assert "(today)" in page.locator(".c-timeline .c-year").inner_text()
    page.screenshot(path=str(tmp_path / f"overview-{today}.png"))
    # 2005: what had not opened nor started is hidden: at least a third of the dated routes.
    _set_year(page, 2005)
    page.screenshot(path=str(tmp_path / "overview-2005.png"))
    routes = {fid: m for fid, m in marks.items() if m["line"]}
    hidden = [fid for fid in routes if not any(_shown(page, fid))]
    assert len(hidden) >= len(routes) / 3, (len(hidden), len(routes))
    for fid, m in marks.items():
        started = m.get("s", m.get("p", 9999))
        shown = _shown(page, fid)
        assert shown, fid  # every dated overview feature is drawn
        assert all(x == (m.get("o", 9999) <= 2005 or started <= 2005) for x in shown), (fid, m)
    assert "northern-petropavl-moscow" not in marks  # no sourced opening: never hidden
    assert all(_shown(page, "northern-petropavl-moscow"))
    # Hidden points lose their name labels too (Kuryk opened in 2016).
    assert not page.locator(".f-kuryk-label").is_visible()
    # 2017: what changed lists the opening of Baku–Tbilisi–Kars with its source.
    _set_year(page, 2017)
    # The list is folded when the page opens (the panel stays small); a reader unfolds it.
    page.locator(".c-timeline .c-what-changed summary").click()
    changed = page.locator(".c-timeline .c-changes li").all_inner_texts()
    assert any("2017-10-30" in t and "Kars" in t and "opened" in t for t in changed), changed
    # 2030: features sources expect open by then appear, dotted and lighter, not as fact.
    _set_year(page, 2030)
    page.screenshot(path=str(tmp_path / "overview-2030.png"))
    expected = page.get_attribute(".c-timeline", "data-expected").split()
    future = [fid for fid, m in marks.items() if "e" in m and m["e"] <= 2030 and "o" not in m]
    assert future
    assert set(future) <= set(expected)
    for fid in future:
        assert all(_shown(page, fid)), fid
        assert all(_pattern(d).startswith("0 ") for d in _dash(page, fid)), (fid, _dash(page, fid))
    assert "(expected)" in page.locator(".c-timeline .c-year").inner_text()
    # Today again: the same features are being built (dashed) or planned (dotted).
    _set_year(page, today)
    assert page.get_attribute(".c-timeline", "data-expected") == ""
    for fid in future:
        assert all(_pattern(d) != "none" for d in _dash(page, fid)), fid
    for name in (f"overview-{today}.png", "overview-2005.png", "overview-2030.png"):
        assert (tmp_path / name).stat().st_size > 50_000
    assert page.errors == []
    assert page.failed == []


def _search(page, text, expect):
    """Search `text`; the first line of the popup that opens, once it says `expect`."""
    page.fill("#corridors-search", text)
    page.press("#corridors-search", "Enter")
    return page.wait_for_function(
        """(s) => [...document.querySelectorAll('.leaflet-popup-content')]
             .map(p => p.innerText).find(t => t.includes(s))""",
        arg=expect,
    ).json_value()


def test_search__places_of_the_basemap_and_features_first_by_kind(built, page):
    page.goto(built["middle-corridor"].as_uri())
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    # Samarkand is no feature: a place name of the basemap (GeoNames).
    assert "GeoNames" in _search(page, "Samarkand", "Samarkand")
    page.goto(built["khorgos"].as_uri())
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    # Khorgos: the crossing first, not the city of Horgos nor the pipeline's metering station.
    first = _search(page, "Khorgos", "Khorgos").splitlines()[0]
    assert first == "Khorgos – Nur Zholy road crossing (Korgas port)"
    # A name in Chinese, as GeoNames gives it, finds the feature.
    assert _search(page, "霍尔果斯", "Horgos (China)").startswith("Horgos (China)")
    assert page.errors == []


#: What the reader sees of each corridor line on the page, read from the drawn SVG (its
#: class from the layer's style; status from the pattern the path is drawn with, as the
#: year slider leaves it; schematic where a white core is drawn over it), and the
#: combinations the legend lists.
_DRAWN_AND_LISTED = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const drawn = new Set();
  map.eachLayer(l => {
    if (!l.feature || !l.options.cls || !l._path) { return; }
    const css = getComputedStyle(l._path);
    if (css.display === 'none') { return; }
    const dash = css.strokeDasharray.replace(/px/g, '').replace(/,/g, ' ').trim();
    const status = dash === 'none' ? 'operating' : /^0 /.test(dash) ? 'planned' : 'building';
    const core = l.corridorsCore && l.corridorsCore._path;
    const hollow = core && core.getAttribute('stroke') === '#ffffff' &&
      getComputedStyle(core).display !== 'none' ? 1 : 0;
    drawn.add(l.options.cls + '|' + status + '|' + hollow);
  });
  const listed = [...document.querySelectorAll('.c-legend .c-key .c-combo')]
    .map(e => e.getAttribute('data-combo'));
  return {drawn: [...drawn].sort(), listed: listed.slice().sort(), count: listed.length};
}"""


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("overview", None),
        ("overview", 2005),
        ("overview", 2030),
        ("energy", None),
        ("middle-corridor", None),
        ("khorgos", None),
        ("border", None),
        ("control", None),
    ],
)
def test_legend__lists_exactly_the_line_combinations_drawn(built, page, name, year):
    """Each (colour, pattern, hollow) drawn has one legend swatch; none is listed undrawn."""
    page.goto(built[name].as_uri())
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 0")
    if year is not None:
        _set_year(page, year)
    page.wait_for_timeout(50)  # the legend follows the slider's event
    found = page.evaluate(_DRAWN_AND_LISTED)
    assert found["listed"] == found["drawn"], found
    assert found["count"] == len(set(found["listed"]))  # each combination once
    if name != "border":
        assert found["drawn"], name
    assert page.errors == []
