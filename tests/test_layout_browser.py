"""The maps as readers open them: a phone, a tablet and a desktop, offline (headless Chromium).

Every map opens with no console error at 390×844, 768×1024 and 1400×900; on a phone the
corridors fill the width; the attribution never covers a control; a click on features
drawn on top of each other offers each of them.
"""

from __future__ import annotations

import pytest
from conftest import open_offline

from corridors import maps
from corridors.maps.screenshot import chromium_path

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="no chromium installed"),
]

SIZES = ((390, 844), (768, 1024), (1400, 900))

#: The share of the width the drawn corridors span (interactive paths, clipped to the view).
SPAN = """() => {
  let x0 = Infinity, x1 = -Infinity;
  document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').forEach(p => {
    const r = p.getBoundingClientRect();
    if (!r.width && !r.height) { return; }
    x0 = Math.min(x0, Math.max(0, r.left));
    x1 = Math.max(x1, Math.min(innerWidth, r.right));
  });
  return (x1 - x0) / innerWidth;
}"""

#: The controls the attribution overlaps (class names), at the page's current state.
COVERED = """() => {
  const a = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();
  return [...document.querySelectorAll('.leaflet-control-container .leaflet-control')]
    .filter(e => !e.classList.contains('leaflet-control-attribution'))
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && r.left < a.right && r.right > a.left &&
                          r.top < a.bottom && r.bottom > a.top; })
    .map(e => e.className);
}"""

#: Move the map (the page's only one) to [lat, lon] at a zoom, without animation.
SET_VIEW = """([lat, lon, zoom]) => {
  for (const k in window) {
    if (window[k] instanceof L.Map) { window[k].setView([lat, lon], zoom, {animate: false}); }
  }
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("layout")
    return {p.stem: p for p in maps.build_all(out) if p.stem != "index"}


def _open(browser, path, width, height):
    context, page = open_offline(browser, width=width, height=height)
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-control-attribution")
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    page.wait_for_timeout(100)  # the panels are arranged once every script has run
    return context, page


@pytest.mark.parametrize(("width", "height"), SIZES, ids=lambda v: str(v))
def test_every_map__opens_without_error_fitted_and_clear_of_the_attribution(
    built, browser, width, height
):
    for name, path in sorted(built.items()):
        context, page = _open(browser, path, width, height)
        try:
            assert page.errors == [], (name, page.errors)
            assert page.failed == [], (name, page.failed)
            assert page.evaluate(COVERED) == [], name
            if width < 700:
                assert page.evaluate(SPAN) >= 0.6, name
                # Every panel folds into one control; the layer list too.
                assert page.locator(".c-drawer-open .c-btn").is_visible(), name
                assert not page.locator(".c-legend").is_visible(), name
            # The layer list starts folded on every screen.
            assert page.locator(".leaflet-control-layers-expanded").count() == 0, name
            buttons = page.locator(".leaflet-bar a, .leaflet-bar button").all()
            for button in buttons:
                box = button.bounding_box()
                assert box is None or min(box["width"], box["height"]) >= 32, name
        finally:
            context.close()


def test_phone__the_panels_button_opens_the_legend_and_layer_list(built, browser):
    context, page = _open(browser, built["middle-corridor"], 390, 844)
    try:
        page.locator(".c-drawer-open .c-btn").click()
        drawer = page.locator(".c-drawer")
        assert drawer.is_visible()
        assert drawer.locator(".c-legend").is_visible()
        assert drawer.locator(".c-calc").is_visible()
        assert drawer.locator("label", has_text="Middle Corridor (TITR) legs").is_visible()
        page.locator(".c-drawer-close").click()
        assert not drawer.is_visible()
        assert page.errors == []
    finally:
        context.close()


def _point_of(page, fid, segment):
    """Container pixel of the middle of a segment of feature `fid`'s first drawn piece."""
    return page.evaluate(
        """([fid, k]) => {
          for (const name in window) {
            const m = window[name];
            if (!(m instanceof L.Map)) { continue; }
            let found = null;
            m.eachLayer(l => {
              if (!found && l.feature && l.feature.properties.id === fid) { found = l; }
            });
            if (found.getLatLng) {
              const p = m.latLngToContainerPoint(found.getLatLng());
              return [p.x, p.y];
            }
            const ll = found.getLatLngs(), a = m.latLngToContainerPoint(ll[k]),
                  b = m.latLngToContainerPoint(ll[k + 1]);
            return [(a.x + b.x) / 2, (a.y + b.y) / 2];
          }
        }""",
        [fid, segment],
    )


def test_shared_line__a_click_offers_each_cagp_line(built, browser):
    """Lines A, B and C are drawn on the same waypoints: a click lists all three."""
    context, page = _open(browser, built["energy"], 1400, 900)
    try:
        x, y = _point_of(page, "cagp-line-a", 2)
        page.mouse.click(x, y)
        items = page.locator(".c-pick-item")
        items.first.wait_for()
        names = items.all_inner_texts()
        for line in ("Line A", "Line B", "Line C"):
            assert any(line in n for n in names), names
        items.filter(has_text="Line A").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.leaflet-popup-content h4')]"
            ".some(h => h.textContent.includes('Line A'))"
        )
        assert page.errors == []
    finally:
        context.close()


def test_site_under_a_crossing__the_icbc_is_reachable_at_zoom_16(built, browser):
    """The ICBC and the Khorgos road crossing share a point: a click offers both."""
    context, page = _open(browser, built["khorgos"], 1000, 700)
    try:
        page.evaluate(SET_VIEW, [44.233, 80.483, 16])
        x, y = _point_of(page, "khorgos-icbc", 0)
        page.mouse.click(x, y)
        item = page.locator(".c-pick-item", has_text="ICBC")
        item.wait_for()
        item.click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.leaflet-popup-content h4')]"
            ".some(h => h.textContent.includes('ICBC'))"
        )
        assert page.errors == []
    finally:
        context.close()


def test_measuring__clicks_on_features_count(built, browser):
    """Almaty to Aktau: both clicks land on node markers, and both are measured."""
    context, page = _open(browser, built["overview"], 1400, 900)
    try:
        page.locator(".c-measure .c-btn").click()
        for node in ("almaty", "aktau"):
            x, y = _point_of(page, node, 0)
            page.mouse.click(x, y)
        text = page.locator(".c-measure-out").inner_text()
        assert "2 points" in text, text
        assert page.locator(".leaflet-popup").count() == 0
        assert page.errors == []
    finally:
        context.close()
