"""How figures are written for people: kilometres, and computed against published.

One formatter per kind of figure, shared by the command line, the map popups and
the map panels, so a length reads the same everywhere. Plain Python (no folium):
the CLI imports it without loading the map stack.

>>> km(1833), km(1782.75), km(1796.7049)
('1,833', '1,782.75', '1,796.7')
>>> km_computed(1796.7049)
'1,796.7'
>>> difference(1796.7, 1833)
'-2.0 %'
"""

from __future__ import annotations

import math

__all__ = ["difference", "difference_pct", "km", "km_computed", "number"]


def km(value: float) -> str:
    """Kilometres as a published figure is given: ``1,833``, ``1,782.75`` (two decimals at most).

    Trailing zeros are dropped, so ``244.0`` reads ``244``.
    """
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def km_computed(value: float, *, decimals: int = 1) -> str:
    """Kilometres computed by corridors, rounded to `decimals` (0.1 km by default).

    >>> km_computed(1799.96), km_computed(1234.4, decimals=0)
    ('1,800', '1,234')
    """
    return km(round(value, decimals))


def difference_pct(computed: float, published: float) -> float:
    """Computed minus published, in percent of the published figure."""
    if not published or not math.isfinite(published):
        msg = f"published must be a non-zero number of km, got {published!r}."
        raise ValueError(msg)
    return (computed - published) / published * 100


def difference(computed: float, published: float) -> str:
    """Computed against published as a signed percentage: ``+2.0 %``, ``-0.4 %``."""
    return f"{difference_pct(computed, published):+.1f} %"


def number(value: float) -> str:
    """A sourced quantity with thousands separators, as given: ``540,000``, ``5.28``."""
    return f"{value:,}"
