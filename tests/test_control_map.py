"""The control map: colours by Chinese share, owners in the popups, the lending chart."""

from __future__ import annotations

import pytest
from conftest import open_offline

from corridors import control
from corridors.maps import control as control_map
from corridors.maps.build import build
from corridors.maps.screenshot import chromium_path


def test_share_color__classes_and_unknown():
    assert control_map.share_color(0.0, 0.0) == control_map.UNKNOWN_COLOR
    assert control_map.share_color(100.0, 0.0) == control_map.CLASSES[0][1]
    assert control_map.share_color(100.0, 49.0) == control_map.CLASSES[1][1]
    assert control_map.share_color(100.0, 50.0) == control_map.CLASSES[2][1]
    assert control_map.share_color(100.0, 80.0) == control_map.CLASSES[3][1]


def test_asset_frame__a_country_section_is_the_line_in_that_country():
    frame = control_map.asset_frame().set_index("id")
    kaz = frame.loc["cagp-line-a-kaz"]
    assert kaz.geometry.geom_type in ("LineString", "MultiLineString")
    # Drawn in Kazakhstan only: within the country's box, east of the Uzbek section.
    assert kaz.geometry.bounds[0] > frame.loc["cagp-line-a-uzb"].geometry.bounds[0]
    assert kaz["map_style"]["color"] == control_map.share_color(100.0, 50.0)
    owners = [f for f in kaz["other_facts"] if f["label"] == "Owner"]
    assert any("Trans-Asia (CNPC) 50 %" in f["value"] for f in owners)
    assert all(f["source"]["url"].startswith("http") for f in owners)


def test_asset_frame__parts_of_one_point_share_one_marker():
    frame = control_map.asset_frame()
    assert (frame["id"] == "khorgos-icbc").sum() == 1
    assert not frame["id"].isin(["khorgos-icbc-kaz", "khorgos-icbc-chn"]).any()


def test_lending_chart__sums_usd_loans_by_lender_and_cites_them():
    html = control_map.lending_chart()
    loans = control.lending()
    cdb = loans[(loans["lender_name"] == "CDB") & (loans["currency"] == "USD")]["amount"].sum()
    assert f"${cdb / 1e6:,.0f} m" in html
    assert "Sources (" in html
    assert "equity" in html  # says what it leaves out


@pytest.mark.browser
@pytest.mark.skipif(chromium_path() is None, reason="no chromium installed")
def test_control_map__popup_lists_owners_offline(tmp_path, browser):
    out = tmp_path / "control.html"
    build("control").save(out)
    context, page = open_offline(browser)
    try:
        page.goto(out.as_uri())
        page.wait_for_selector(".leaflet-control-layers")
        page.fill("#corridors-search", "Khorgos Gateway dry port")
        page.press("#corridors-search", "Enter")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "COSCO Shipping 24.5 %" in text
        assert "49.0 % in the end" in text
        assert popup.locator("a[href^='http']").count() >= 3
        page.keyboard.press("Escape")
        page.locator(".c-info summary").first.click()
        assert "CDB (CHN)" in page.locator(".c-info").inner_text()
        assert page.errors == []
        assert page.failed == []
    finally:
        context.close()
