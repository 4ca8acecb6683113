"""Small SVG charts of the sourced yearly series, for the maps' panels.

`corridors.timeseries` holds the data (one sourced TOML file per series); this module
draws it: `chart_svg` computes the positions and the template ``chart.svg`` writes the
SVG by hand, so that the output is byte-reproducible and small (no plotting library
at build time), every text escaped by the templates' autoescaping. `chart_html` puts
a chart in a ``<figure>`` with its title and sources (``chart.html``).
"""

from __future__ import annotations

import math
import os
from typing import Any

from markupsafe import Markup

from corridors import catalog
from corridors.catalog import Catalog
from corridors.maps.frontend import render
from corridors.timeseries import series, series_meta

__all__ = ["chart_html", "chart_svg", "sources_html"]

#: Line colours, one per basis, in order of first appearance.
_COLOURS = ("#1f5f8b", "#c0392b", "#7d8c2e", "#8e44ad")
_W, _H = 300, 150  # px
_LEFT, _RIGHT, _TOP, _BOTTOM = 46, 10, 10, 34


def _nice_step(span: float) -> float:
    """A 1-2-5 step giving 3 to 6 ticks over `span`."""
    raw = span / 4 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def _tick_label(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


@catalog.with_geodata
def chart_svg(name: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> str:
    """The series `name` as a small SVG line chart (text, byte-reproducible).

    Years on the x axis, the series' ``axis`` label (with its unit) on the y axis, one
    line per ``basis`` with a legend when there are several (solid between consecutive
    years, dotted across years without a figure), and every value marked with a dot
    that carries its figure and source as a tooltip (``<title>``).

    Parameters
    ----------
    name
        A series name (a file of the folder's ``series/``).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    svg
        One ``<svg>`` element, 300 × 150 px.
    """
    meta = series_meta(name)
    frame = series(name)
    years = frame["year"]
    x0, x1 = int(years.min()) - 1, int(years.max()) + 1
    step = _nice_step(float(frame["value"].max()))
    top = step * math.ceil(float(frame["value"].max()) / step) or step
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(year: float) -> float:
        return round(_LEFT + (year - x0) / (x1 - x0) * plot_w, 1)

    def y(value: float) -> float:
        return round(_TOP + plot_h - value / top * plot_h, 1)

    bases = list(dict.fromkeys(v.get("basis", "") for v in meta["values"]))
    lines: list[dict[str, Any]] = []
    for i, basis in enumerate(bases):
        rows = frame[frame["basis"] == basis].sort_values("year")
        pairs = zip(rows.itertuples(), rows.iloc[1:].itertuples(), strict=False)
        lines.append(
            {
                "colour": _COLOURS[i % len(_COLOURS)],
                "segments": [
                    {
                        "x1": x(a.year),
                        "y1": y(a.value),
                        "x2": x(b.year),
                        "y2": y(b.value),
                        "gap": b.year - a.year > 1,
                    }
                    for a, b in pairs
                ],
                "points": [
                    {
                        "x": x(r.year),
                        "y": y(r.value),
                        "tip": f"{r.year}: {f'{r.note} ' if r.note else ''}{r.quoted} "
                        f"({r.unit}) – {r.source_title}",
                    }
                    for r in rows.itertuples()
                ],
                "key": {"y": _TOP + 8 + 11 * i, "text": basis} if len(bases) > 1 else None,
            }
        )
    year_step = max(1, math.ceil((x1 - x0) / 8))
    return render(
        "chart.svg",
        width=_W,
        height=_H,
        left=_LEFT,
        right=_W - _RIGHT,
        title=meta["title"],
        axis=meta["axis"],
        ticks=[
            {"y": y(t), "label": _tick_label(t)}
            for t in (step * i for i in range(round(top / step) + 1))
        ],
        years=[{"x": x(year), "year": year} for year in range(x0 + 1, x1, year_step)],
        year_y=_H - _BOTTOM + 12,
        zero=y(0),
        middle=_LEFT + plot_w / 2,
        axis_y=_TOP + plot_h / 2,
        lines=lines,
    )


def _sources(name: str) -> list[dict[str, str]]:
    frame = series(name)
    seen = dict.fromkeys(zip(frame["source_title"], frame["source_url"], strict=True))
    return [{"title": title, "url": url} for title, url in seen]


@catalog.with_geodata
def sources_html(name: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> str:
    """The sources of a series as HTML links (one per source, in order of first use).

    Parameters
    ----------
    name
        A series name (a file of the folder's ``series/``).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    html
        The links, from the ``sources.html`` template.
    """
    return render("sources.html", sources=_sources(name))


@catalog.with_geodata
def chart_html(name: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> str:
    """A chart with its title above and its sources named under it, for a panel.

    Parameters
    ----------
    name
        A series name (a file of the folder's ``series/``).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    html
        A ``<figure>`` with the caption, the SVG chart (`chart_svg`) and the sources.
    """
    meta = series_meta(name)
    return render(
        "chart.html",
        name=name,
        title=meta["title"],
        unit=meta["unit"],
        about=meta["about"],
        svg=Markup(chart_svg(name)),
        sources=_sources(name),
    )
