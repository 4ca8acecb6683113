"""The overview's year slider: years from the data's sourced `opened` dates only."""

from __future__ import annotations

import pytest

import corridors
from corridors.lifecycle import quote_backs
from corridors.maps.overview import OVERVIEW_LAYERS
from corridors.maps.timeline import control_html, opened_year, timeline_data

#: Openings the issue names, as the data now states them (each backed by a source).
EXPECTED = {
    "cagp-line-a": 2009,
    "cagp-line-b": 2010,
    "cagp-line-c": 2014,
    "kcop-atasu-alashankou": 2006,
    "khorgos-gateway": 2015,
    "kuryk": 2016,  # put into service Dec 2016, operating from Mar 2017
    "titr-akhalkalaki-kars": 2017,  # Baku–Tbilisi–Kars
    "alat": 2018,
    "wewc-kazakhstan": 2018,  # its last link, the Khorgos crossing
    "titr-khorgos-crossing": 2012,
}


def _dated_features():
    for layer in OVERVIEW_LAYERS:
        gdf = corridors.load(layer)
        yield from gdf.to_dict("records")


def test_timeline__years_are_the_opened_dates_of_the_data():
    data = timeline_data(OVERVIEW_LAYERS)
    for fid, year in EXPECTED.items():
        assert data["opened"][fid] == year, fid
    from_data = {
        r["id"]: int(str(r["opened"])[:4])
        for r in _dated_features()
        if isinstance(r.get("opened"), str | int)
    }
    assert data["opened"] == from_data
    assert data["first"] == min(from_data.values())


def test_timeline__spans_to_the_last_expected_date_at_least_2030_with_today_marked():
    data = timeline_data(OVERVIEW_LAYERS)
    today = corridors.open().as_of
    latest = [m["l"] for m in data["marks"].values() if "l" in m]
    assert data["last"] == max([2030, today.year, *latest])
    assert (data["today"], data["as_of"]) == (today.year, today.isoformat())
    html = control_html(data)
    assert f"value='{today.year}'" in html  # opens on today's network
    assert f"class='c-today' data-year='{today.year}'" in html
    assert f"max='{data['last']}'" in html


def test_timeline__what_changed_lists_every_step_with_its_source():
    data = timeline_data(OVERVIEW_LAYERS)
    kars = [s for s in data["steps"] if s[2] == "titr-akhalkalaki-kars" and s[4] == "opened"]
    assert [s[:2] for s in kars] == [[2017, "2017-10-30"]]
    assert kars[0][6]
    assert kars[0][7].startswith("http")
    expected = [s for s in data["steps"] if s[5]]
    assert all(s[0] >= 2000 for s in expected)


def test_timeline__every_opened_date_is_backed_by_a_source():
    for row in _dated_features():
        if not isinstance(row.get("opened"), str | int):
            continue
        steps = [s for s in row["history"] if s["step"] == "opened" and "date" in s]
        assert [s["date"] for s in steps] == [row["opened"]], row["id"]
        source = steps[0]["source"]
        year = str(row["opened"])[:4]
        # The quote states the year (the validator's rule: lifecycle.quote_backs, so
        # "built in 1939–40" backs 1940), or states the day in an article dated in its
        # title ("Oil arrived ... at 3:10 AM Thursday" in "China.org.cn (Xinhua), 26 May 2006").
        assert quote_backs(source["quote"], date=year) or year in source["title"], row["id"]


def test_timeline__undated_and_planned_are_listed_never_guessed():
    data = timeline_data(OVERVIEW_LAYERS)
    names = {r["name"]: r for r in _dated_features()}
    for name in data["undated"] + data["planned"]:
        assert not isinstance(names[name].get("opened"), str | int)
    html = control_html(data)
    assert "No sourced opening date" in html
    assert f"min='{data['first']}'" in html


@pytest.mark.parametrize(
    ("value", "year"), [("2009-12", 2009), ("2014-05-31", 2014), (2006, 2006), (None, None)]
)
def test_opened_year(value, year):
    assert opened_year(value) == year
