"""corridors.fmt: one way to write km and computed-vs-published, known answers."""

from __future__ import annotations

import pytest

from corridors import fmt


@pytest.mark.parametrize(
    ("value", "text"),
    [(1833, "1,833"), (1782.75, "1,782.75"), (244.0, "244"), (214.227, "214.23"), (0.5, "0.5")],
)
def test_km__as_published(value, text):
    assert fmt.km(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(1796.7049, 1, "1,796.7"), (1799.96, 1, "1,800"), (1234.4, 0, "1,234"), (0.04, 1, "0")],
)
def test_km_computed__rounded(value, decimals, text):
    assert fmt.km_computed(value, decimals=decimals) == text


def test_difference__signed_percent_of_published():
    assert fmt.difference(1796.7, 1782.75) == "+0.8 %"
    assert fmt.difference(1796.7, 1833) == "-2.0 %"
    assert fmt.difference_pct(110, 100) == pytest.approx(10)


@pytest.mark.parametrize("published", [0, float("nan")])
def test_difference__needs_a_published_figure(published):
    with pytest.raises(ValueError, match="published must be a non-zero number"):
        fmt.difference(1.0, published)


def test_number__thousands_separators_as_given():
    assert fmt.number(540000) == "540,000"
    assert fmt.number(5.28) == "5.28"


def test_cli_does_not_import_folium():
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, corridors.cli, corridors.fmt; print('folium' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
