"""Sourced yearly series: every value has a source whose quote states it; charts drawn."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

import corridors
from corridors import GeodataError, UnknownNameError, timeseries
from corridors.catalog import default_root
from corridors.maps import build, charts
from corridors.maps.assets import render_html

SERIES_DIR = default_root() / "series"
FILES = sorted(SERIES_DIR.glob("*.toml"))
#: The series issue 13 asks for, and the value it names.
REQUIRED = {
    "middle-corridor-cargo": "Mt",
    "middle-corridor-teu": "TEU",
    "cagp-gas": "bcm",
    "china-kazakhstan-trade": "USD bn",
    "khorgos-gateway-teu": "TEU",
}


def test_required_series__present_with_their_units():
    assert set(REQUIRED) <= set(timeseries.names())
    for name, unit in REQUIRED.items():
        assert timeseries.series_meta(name)["unit"] == unit
    assert not list(SERIES_DIR.glob("*.geojson"))  # the catalog would read them as layers


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_value__has_a_source_whose_quote_contains_the_figure(path: Path):
    data = timeseries.read(path)  # validated, citations resolved to their documents
    assert data["values"]
    for value in data["values"]:
        source = value["source"]
        assert source["title"].strip()
        assert re.match(r"^https?://", source["url"])
        assert value["quoted"] in source["quote"], (path.stem, value["year"])
        # The quoted figure is the value (up to a thousand-multiple: "25.2 thousand").
        digits = re.search(r"\d[\d,.]*", value["quoted"]).group(0).rstrip(",.")
        readings = {float(digits.replace(",", "")), float(digits.replace(",", "."))}
        assert any(
            abs(r * 10**k - value["value"]) < 1e-9 * max(1, value["value"])
            for r in readings
            for k in (-9, -6, -3, 0, 3, 6, 9)
        ), (path.stem, value)


def test_trade__keeps_the_41_bn_of_2023_and_the_kazakh_figure_beside_it():
    trade = corridors.series("china-kazakhstan-trade")
    assert list(trade.columns[:5]) == ["year", "value", "unit", "basis", "note"]
    in_2023 = trade[trade["year"] == 2023]
    assert set(in_2023["value"]) == {41.0, 31.4}
    assert in_2023["basis"].nunique() == 2
    assert (trade["unit"] == "USD bn").all()


def test_series__is_a_dataframe_sorted_by_basis_and_year():
    cargo = corridors.series("middle-corridor-cargo")
    assert isinstance(cargo, pd.DataFrame)
    for _, group in cargo.groupby("basis"):
        assert group["year"].is_monotonic_increasing
    assert cargo["quote"].str.len().gt(0).all()


def test_unknown_series__suggests_names():
    with pytest.raises(UnknownNameError, match="cagp-gas"):
        corridors.series("cagp-gaz")


def _file(tmp_path, body: str) -> Path:
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "bad.toml").write_text(body, encoding="utf-8")
    return tmp_path


HEAD = 'title = "t"\nunit = "Mt"\naxis = "cargo (Mt)"\nabout = "a"\n'
SOURCES = '\n[sources.s]\ntitle = "s"\nurl = "https://x.org"\n'


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (
            'year = 2020\nvalue = 5\nquoted = "5"\nsource = {ref = "s", quote = "it was 6"}',
            "does not contain the figure",
        ),
        (
            'year = 2020\nvalue = 5\nquoted = "6"\nsource = {ref = "s", quote = "it was 6"}',
            "does not state the value",
        ),
        ('year = 2020\nvalue = 5\nquoted = "5"', "each value cites a listed document"),
        (
            'year = 2020\nvalue = 5\nquoted = "5"\nsource = {ref = "t", quote = "5"}',
            r"not in the file's \[sources\]",
        ),
        (
            'year = 2020\nvalue = "5"\nquoted = "5"\nsource = {ref = "s", quote = "5"}',
            "expected a number >= 0, got '5'",
        ),
        (
            'year = 2020\nvalue = 5\nquoted = "5"\n'
            'source = {title = "s", url = "https://x.org", quote = "5"}',
            r"a citation must be \{ref",
        ),
        (
            'year = 2020\nvalue = 5\nquoted = "5"\nsource = {ref = "s", quote = "5"}\n'
            '[[values]]\nyear = 2020\nvalue = 5\nquoted = "5"\nsource = {ref = "s", quote = "5"}',
            "a second value for 2020",
        ),
    ],
)
def test_bad_series__rejected_with_the_reason(tmp_path, value, match):
    root = _file(tmp_path, HEAD + "[[values]]\n" + value + "\n" + SOURCES)
    with pytest.raises(GeodataError, match=match) as info:
        corridors.series("bad", geodata=root)
    assert len(str(info.value).splitlines()) == 1  # one problem, one line


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_chart__svg_with_axis_unit_and_every_value(name):
    svg = charts.chart_svg(name)
    assert svg == charts.chart_svg(name)  # byte-reproducible
    ElementTree.fromstring(svg)  # well-formed XML (a notebook parses it)
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    meta = timeseries.series_meta(name)
    assert meta["axis"] in svg
    assert ">year<" in svg
    assert svg.count("<circle") == len(meta["values"])
    assert len(svg) < 6000


def test_chart__every_text_escaped_in_quoted_attributes_and_elements(tmp_path):
    """Titles, notes and sources with quotes and markup stay text (attributes use ' and ")."""
    head = (
        'title = "Xi\'an <b>\\"cargo\\"</b> & more"\nunit = "Mt\'"\n'
        'axis = "cargo \'Mt\'"\nabout = "<script>x</script>"\n'
    )
    value = (
        '[[values]]\nyear = 2020\nvalue = 5\nquoted = "5"\nnote = "about \'5\'"\n'
        'source = {ref = "x", quote = "5"}\n'
        '[sources.x]\ntitle = "It\'s <i>"\nurl = "https://x.org/a?b=1&c=2"\n'
    )
    root = _file(tmp_path, head + value)
    svg = charts.chart_svg("bad", geodata=root)
    figure = charts.chart_html("bad", geodata=root)
    for text in (svg, figure):
        assert '<b>"' not in text
        assert "</b> &" not in text
        assert "<script>" not in text
        assert "<i>" not in text
        assert "'an" not in text  # the apostrophe is escaped: it would end a '...' attribute
    assert "Xi&#39;an &lt;b&gt;&#34;cargo&#34;&lt;/b&gt; &amp; more" in svg
    assert 'href="https://x.org/a?b=1&amp;c=2"' in figure
    parsed = ElementTree.fromstring(figure)
    assert parsed.get("data-series") == "bad"
    assert parsed.find("figcaption/b").text == 'Xi\'an <b>"cargo"</b> & more'
    assert parsed.find("div/a").text == "It's <i>"


def test_charts__in_the_overview_energy_and_khorgos_pages_with_sources():
    overview = render_html(build("overview"))
    for name in REQUIRED:
        assert f"data-series='{name}'" in overview
    assert "astanatimes.com/2026/02/khorgos-gateway" in overview
    assert "data-series='cagp-gas'" in render_html(build("energy"))
    assert "data-series='khorgos-gateway-teu'" in render_html(build("khorgos"))


def test_unknown_series__lists_the_names_in_plain_english():
    with pytest.raises(UnknownNameError) as info:
        corridors.series("zzzzzzzzzz")
    assert "Known series names: cagp-gas" in str(info.value)
    assert "seriess" not in str(info.value)
