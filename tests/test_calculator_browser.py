"""The what-if calculator of the middle-corridor map in a real browser, network off.

The page must show exactly `corridors.transit_time`'s low / typical / high days (to
the one decimal it displays) for every origin–destination pair it offers, after a
slider moves and with the Suez toggle.
"""

from __future__ import annotations

import pytest
from conftest import open_offline

from corridors import maps, transit_time
from corridors.errors import NoRouteError
from corridors.maps.screenshot import chromium_path
from corridors.transit import time_by_category

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = chromium_path()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install chromium)"),
]
BOUNDS = ("low", "typical", "high")
#: Half the last displayed digit (days shown with one decimal), plus float noise.
SHOWN = 0.05 + 1e-9

#: Sets each origin and destination the page offers through its select boxes (change
#: events, as a reader's pick) and reads the figures the rows show.
READ_ALL = """(only) => {
  const from = document.getElementById('c-calc-origin');
  const to = document.getElementById('c-calc-destination');
  const out = [];
  for (const o of [...from.options].map(x => x.value)) {
    if (only && o !== only) { continue; }
    from.value = o; from.dispatchEvent(new Event('change'));
    for (const d of [...to.options].map(x => x.value)) {
      to.value = d; to.dispatchEvent(new Event('change'));
      for (const tr of document.querySelectorAll('.c-calc tr[data-corridor]')) {
        out.push({origin: o, destination: d, corridor: tr.dataset.corridor,
                  variant: tr.dataset.variant, available: tr.dataset.available,
                  year: tr.dataset.year,
                  low: tr.querySelector('.c-low').textContent,
                  typical: tr.querySelector('.c-typical').textContent,
                  high: tr.querySelector('.c-high').textContent});
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    out = tmp_path_factory.mktemp("calc")
    (path,) = [p for p in maps.build_all(out, names=["middle-corridor"]) if p.stem != "index"]
    return path


def _open(browser, html, width=1280, height=800):
    context, page = open_offline(browser, width=width, height=height)
    page.goto(html.as_uri())
    page.wait_for_function("() => window.corridorsCalc && corridorsCalc.page")
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    return context, page


@pytest.fixture
def page(browser, html):
    context, page = _open(browser, html)
    yield page
    assert page.errors == []
    assert page.failed == []
    context.close()


def _check(rows, *, overrides=None, suez=False, year=None):
    """Each row the page shows against transit_time for the same pair and variant."""
    checked = 0
    for row in rows:
        corridor = row["corridor"]
        scenario = "suez-closed" if suez and corridor == "sea" else None
        assert row["variant"] == ("sea@suez-closed" if scenario else corridor)
        try:
            result = transit_time(
                row["origin"],
                row["destination"],
                corridor=corridor,
                scenario=scenario,
                overrides=overrides,
                year=year,
            )
        except NoRouteError:
            assert row["available"] == "no", row
            assert row["low"] == "no route"
            continue
        assert row["available"] == "yes", row
        for b in BOUNDS:
            assert abs(float(row[b]) - result.days[b]) <= SHOWN, (row, b, result.days)
        checked += 1
    return checked


def _offered(page):
    return page.evaluate("() => corridorsCalc.page.data.pairs.map(p => [p[0], p[1]])")


def test_calculator__every_pair_shows_transit_time(page):
    rows = page.evaluate(READ_ALL, None)
    pairs = {(r["origin"], r["destination"]) for r in rows}
    # Every pair the page carries is offered through the select boxes, and every pair
    # offered has a route on at least one corridor.
    assert pairs == {tuple(p) for p in _offered(page)}
    assert len(pairs) > 100
    assert ("lianyungang", "europe") in pairs
    for pair in pairs:
        assert any(r["available"] == "yes" for r in rows if (r["origin"], r["destination"]) == pair)
    assert _check(rows) > 150


def _slider_state(page):
    """What-if values the sliders show, as transit overrides (read from the data, not JS)."""
    sliders = page.evaluate(
        """() => corridorsCalc.page.data.sliders.map(s =>
             [s.parameters, s.values, s.start,
              +document.getElementById('c-calc-' + s.key).value,
              document.getElementById('c-calc-' + s.key).labels[0].textContent])"""
    )
    overrides = {}
    for pids, values, start, at, label in sliders:
        if at == start and "what-if" not in label:
            assert "as sourced" in label
            continue
        value = values[at]
        assert f"what-if {value:g}" in label, label
        for pid in pids:
            overrides[pid] = dict.fromkeys(BOUNDS, value)
    return overrides


def _press(page, key, arrow, times):
    slider = page.locator(f"#c-calc-{key}")
    slider.focus()
    for _ in range(times):
        slider.press(arrow)


@pytest.mark.parametrize(
    ("key", "arrow", "times"),
    [
        ("caspian_crossing", "ArrowRight", 4),
        ("caspian_interval", "ArrowLeft", 5),
        ("border_cn_kz", "ArrowLeft", 30),
        ("rail_kaz", "ArrowRight", 12),
        ("rail_cn_ru", "ArrowRight", 20),
        ("black_sea_interval", "ArrowLeft", 3),
    ],
)
def test_calculator__each_slider_changes_figures_as_transit_time(page, key, arrow, times):
    before = page.evaluate(READ_ALL, "lianyungang")
    _press(page, key, arrow, times)
    overrides = _slider_state(page)
    assert overrides, "the slider did not move"
    rows = page.evaluate(READ_ALL, "lianyungang")
    assert rows != before
    assert _check(rows, overrides=overrides) > 10


def test_calculator__all_sliders_and_suez_for_every_pair(page):
    for key, arrow, times in (
        ("caspian_crossing", "ArrowRight", 2),
        ("caspian_interval", "ArrowRight", 3),
        ("border_cn_kz", "ArrowLeft", 10),
        ("rail_kaz", "ArrowLeft", 5),
        ("rail_cn_ru", "ArrowLeft", 7),
        ("black_sea_interval", "Home", 1),
    ):
        _press(page, key, arrow, times)
    overrides = _slider_state(page)
    assert len(overrides) == 7  # six sliders, the Caspian crossing sets two parameters
    assert _check(page.evaluate(READ_ALL, None), overrides=overrides) > 150

    page.locator("#c-calc-suez").check()
    rows = page.evaluate(READ_ALL, None)
    assert {r["variant"] for r in rows if r["corridor"] == "sea"} == {"sea@suez-closed"}
    assert _check(rows, overrides=overrides, suez=True) > 150

    page.locator("button", has_text="Reset sliders").click()
    assert _slider_state(page) == {}
    assert _check(page.evaluate(READ_ALL, None), suez=True) > 150


def test_calculator__bar_shows_where_the_typical_time_goes(page):
    page.select_option("#c-calc-origin", "lianyungang")
    page.select_option("#c-calc-destination", "europe")
    for corridor in ("titr", "northern", "sea"):
        spans = page.evaluate(
            """(c) => [...document.querySelectorAll(`tr[data-corridor="${c}"] .c-bar span`)]
                 .map(s => [s.dataset.category, +s.dataset.hours])""",
            corridor,
        )
        table = time_by_category(transit_time("lianyungang", "europe", corridor=corridor))
        expected = {c: h for c, h in table["typical"].items() if h > 0}
        assert dict(spans) == pytest.approx(expected)
    assert page.locator("tr[data-corridor='titr'] .c-bar span[data-category='sailings']").count()


#: Every drawn route's vertices, and points along each segment, in container pixels.
ROUTE_POINTS = """() => {
  const map = corridorsCalc.page.map, pts = [];
  map.eachLayer(l => {
    // Routes only: the basemap's rivers, coasts and boundaries carry no feature id.
    if (!l.feature || !(l instanceof L.Polyline) || l instanceof L.Polygon) { return; }
    if (!l.feature.properties || !l.feature.properties.id) { return; }
    const lines = L.LineUtil.isFlat(l.getLatLngs()) ? [l.getLatLngs()] : l.getLatLngs();
    for (const line of lines) {
      for (let i = 0; i < line.length; i++) {
        const a = map.latLngToContainerPoint(line[i]);
        pts.push([a.x, a.y, l.feature.properties.id]);
        if (i + 1 < line.length) {
          const b = map.latLngToContainerPoint(line[i + 1]);
          for (let k = 1; k < 10; k++) {
            const t = k / 10;
            pts.push([a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, l.feature.properties.id]);
          }
        }
      }
    }
  });
  return pts;
}"""


def _covered(points, box):
    return [
        p
        for p in points
        if box["x"] <= p[0] <= box["x"] + box["width"]
        and box["y"] <= p[1] <= box["y"] + box["height"]
    ]


def _no_panel_over_routes(page, points):
    """The calculator covers no route; the (collapsed) corridor-lengths box in the bottom
    left corner no overland route (the sea route runs out to the map's edges under it)."""
    assert _covered(points, page.locator(".c-calc").bounding_box()) == []
    land = [p for p in points if not p[2].startswith("sea-")]
    assert _covered(land, page.locator(".c-info").bounding_box()) == []


def test_calculator__panel_open_on_a_wide_screen_and_covers_no_route(page):
    assert page.evaluate("() => document.querySelector('.c-calc details').open")
    points = page.evaluate(ROUTE_POINTS)
    ids = {p[2] for p in points}
    assert any(i.startswith("titr-") for i in ids)
    assert any(i.startswith("sea-") for i in ids)
    # The TITR in the Caucasus (Alat – Tbilisi – Kars) is on screen and uncovered.
    caucasus = [p for p in points if "tbilisi" in p[2]]
    assert caucasus
    assert all(0 <= x <= 1280 and 0 <= y <= 800 for x, y, _ in caucasus)
    _no_panel_over_routes(page, points)


def test_calculator__collapsed_on_a_narrow_screen(browser, html):
    context, page = _open(browser, html, width=400, height=800)
    details = page.locator(".c-calc details").first
    assert not details.evaluate("d => d.open")
    page.locator(".c-drawer-open .c-btn").click()  # a phone's one panels button
    page.locator(".c-calc summary").first.click()
    assert details.evaluate("d => d.open")
    assert page.locator("#c-calc-origin").is_visible()
    assert page.errors == []
    context.close()


@pytest.mark.parametrize(
    ("width", "height", "is_open"),
    # At 720-768 px high the panel (with its year choice and each row's end point) would
    # reach the routes drawn since (the Black Sea leg): it opens collapsed there.
    [(1024, 768, False), (1280, 720, False), (1366, 768, False), (1920, 1080, True)],
)
def test_calculator__never_covers_a_route_at_the_initial_view(
    browser, html, width, height, is_open
):
    """Open where it fits above the routes, else collapsed: either way no route under it."""
    context, page = _open(browser, html, width=width, height=height)
    assert page.evaluate("() => document.querySelector('.c-calc details').open") == is_open
    # Collapsed because, open, it would have covered a route (the page says which).
    assert (page.evaluate("() => corridorsCalc.page.covered") is None) == is_open
    points = page.evaluate(ROUTE_POINTS)
    assert points
    _no_panel_over_routes(page, points)
    assert page.errors == []
    context.close()


def _set_calc_year(page, year):
    page.evaluate(
        """(y) => { const s = document.getElementById('c-calc-year');
                    s.value = String(y); s.dispatchEvent(new Event('change')); }""",
        year,
    )


@pytest.mark.parametrize("year", [2015, 2018, 2030])
def test_calculator__a_year_routes_over_that_year_s_network_as_python_does(page, year):
    """The year choice: the page's figures are `transit_time(..., year=)`'s, pair by pair."""
    import corridors  # noqa: PLC0415

    offered = page.evaluate(
        "() => [...document.getElementById('c-calc-year').options].map(o => o.value)"
    )
    assert str(corridors.open().as_of.year) in offered
    assert str(year) in offered
    _set_calc_year(page, year)
    rows = page.evaluate(READ_ALL, None)
    assert rows
    assert {r["year"] for r in rows} == {str(year)}
    assert _check(rows, year=year) > 20
    if year < 2017:  # Baku–Tbilisi–Kars (2017-10-30) is not offered, Kuryk (2016-12) neither
        pairs = {(r["origin"], r["destination"]) for r in rows}
        assert not any("kars" in pair for pair in pairs)


#: The ids of the drawn sea routes on the map (the Suez or the Cape route, by the toggle).
SEA_SHOWN = """() => {
  const ids = [];
  corridorsCalc.page.map.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (p && p.id && p.id.startsWith('sea-lianyungang-')) { ids.push(p.id); }
  });
  return ids.sort();
}"""


def test_calculator__suez_toggle_draws_the_cape_route(page, tmp_path):
    assert page.evaluate(SEA_SHOWN) == ["sea-lianyungang-NLRTM"]
    page.locator("#c-calc-suez").check()
    assert page.evaluate(SEA_SHOWN) == ["sea-lianyungang-NLRTM@suez-closed"]
    label = page.locator("tr[data-corridor='sea'] td.c-name").text_content()
    assert label == "Sea via the Cape (Suez closed) → Rotterdam"
    page.locator("#c-calc-suez").uncheck()
    assert page.evaluate(SEA_SHOWN) == ["sea-lianyungang-NLRTM"]


def test_calculator__each_row_names_its_end_and_bars_carry_numbers(page):
    page.select_option("#c-calc-origin", "lianyungang")
    page.select_option("#c-calc-destination", "europe")
    ends = page.evaluate(
        "() => [...document.querySelectorAll('.c-calc tr[data-corridor]')]"
        ".map(tr => tr.querySelector('.c-name').textContent)"
    )
    assert ends == [
        "Middle Corridor → Constanta",  # searoute's port name
        "Northern (via Russia) → Duisburg",
        "Sea via Suez → Rotterdam",
    ]
    numbers = page.evaluate(
        "() => [...document.querySelectorAll('.c-bar span')].map(s => s.textContent).filter(t => t)"
    )
    assert numbers
    assert all(float(t) > 0 for t in numbers)
    key = page.locator(".c-calc .c-key").text_content()
    listed = {c for c in ("running", "borders", "gauge changes", "ports", "sailings") if c in key}
    drawn = set(
        page.evaluate(
            "() => [...document.querySelectorAll('.c-bar span')].map(s => s.dataset.category)"
        )
    )
    assert listed == drawn  # the key lists exactly the colours the bars show
