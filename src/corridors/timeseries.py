"""Sourced yearly series (cargo, gas, trade, containers) and their small SVG charts.

Each series is one TOML file in ``geodata/series/`` (not GeoJSON: the catalog reads
every ``*.geojson`` as a map layer), described by ``series.schema.json``. A file
holds ``title``, ``unit``, ``axis`` (the y-axis label, with the unit), ``about``, a
list of ``values``, each citing its source, and the documents it cites, listed once
by id (the citation shape of every data file of the project)::

    [[values]]
    year = 2023
    value = 41
    quoted = "41"            # the figure as the quote writes it
    basis = "Chinese customs" # optional: which statistic, when sources disagree
    note = "more than"        # optional
    source = { ref = "kazinform-2024", quote = "... $41 billion ..." }

    [sources.kazinform-2024]
    title = "..."
    url = "https://..."

`validate` checks the file against its schema, then that every citation names a
listed document, its quote contains ``quoted`` and ``quoted`` is the value (allowing
for thousands and millions), once per year and basis. `series` returns a
series as a DataFrame; `chart_svg` draws it as a small inline SVG, written by hand so
that the output is byte-reproducible and small (no plotting library at build time).
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from corridors import schemas
from corridors.catalog import default_root
from corridors.errors import GeodataError, GeodataErrors, UnknownNameError

__all__ = ["chart_html", "chart_svg", "names", "series", "series_meta", "sources_html", "validate"]

#: The folder, inside the geodata folder, that holds one TOML file per series.
SERIES_FOLDER = "series"
#: The schema of a series file (the validator of its shape).
SCHEMA = "series.schema.json"
_NUMBER = re.compile(r"\d[\d,.\s]*")
#: Scale words a quote may write after a figure (``25.2 thousand``, ``1.485 million``).
_SCALES = (1.0, 1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)


def _folder(root: str | os.PathLike[str] | None) -> Path:
    return Path(root if root is not None else default_root()) / SERIES_FOLDER


def names(*, root: str | os.PathLike[str] | None = None) -> list[str]:
    """The names of the series in the geodata folder (file names without ``.toml``)."""
    return sorted(p.stem for p in _folder(root).glob("*.toml"))


def _readings(quoted: str) -> set[float]:
    """What number `quoted` may mean: ``43,2`` is 43.2 or 432; ``80,000`` is 80000."""
    digits = _NUMBER.search(quoted)
    if not digits:
        return set()
    text = digits.group(0).strip().replace(" ", "").rstrip(",.")
    out = set()
    for grouping, decimal in ((",", "."), (".", ",")):
        candidate = text.replace(grouping, "").replace(decimal, ".")
        try:
            out.add(float(candidate))
        except ValueError:
            continue
    return out


def problems(data: Mapping[str, Any], *, origin: str) -> list[GeodataError]:
    """Every problem of a parsed series file, one `GeodataError` each.

    ``series.schema.json`` is the validator of the file's shape; then what a schema
    cannot say: citations name the file's sources, each quote contains its
    ``quoted`` figure, ``quoted`` states the value, one value per year and basis.
    """
    found = []
    for problem in schemas.problems(data, SCHEMA):
        path = problem.path
        if len(path) >= 2 and path[0] == "values":
            rest = schemas.field_name(path[2:]) or None
            found.append(
                GeodataError(problem.message, file=origin, feature=f"values[{path[1]}]", field=rest)
            )
        else:
            found.append(GeodataError(problem.message, file=origin, field=problem.field or None))
    if found:
        return found
    sources = data["sources"]
    seen: dict[tuple[int, str], int] = {}
    for i, value in enumerate(data["values"]):
        where = {"file": origin, "feature": f"values[{i}]"}
        number, quoted, citation = value["value"], value["quoted"], value["source"]
        if citation["ref"] not in sources:
            msg = f"cites {citation['ref']!r}, which is not in the file's [sources]."
            found.append(GeodataError(msg, field="source.ref", **where))
        if quoted not in citation["quote"]:
            msg = (
                f"the quote does not contain the figure {quoted!r}; quote the sentence stating it."
            )
            found.append(GeodataError(msg, field="quoted", **where))
        if not any(
            math.isclose(reading * scale, number, rel_tol=1e-9)
            for reading in _readings(quoted)
            for scale in _SCALES
        ):
            msg = f"'quoted' {quoted!r} does not state the value {number!r} (nor a multiple)."
            found.append(GeodataError(msg, field="value", **where))
        key = (value["year"], value.get("basis", ""))
        if key in seen:
            msg = (
                f"a second value for {key[0]} with the same basis (also values[{seen[key]}]); "
                "give each its 'basis' or remove one."
            )
            found.append(GeodataError(msg, field="year", **where))
        seen.setdefault(key, i)
    return found


def validate(data: Mapping[str, Any], *, origin: str) -> None:
    """Raise every problem of a parsed series file (a `GeodataErrors` when several)."""
    found = problems(data, origin=origin)
    if found:
        raise found[0] if len(found) == 1 else GeodataErrors(found)


def read(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate one series file; its values' sources resolved to {title, url, quote}.

    Read again when the file changes (keyed by its size and modification time).
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        msg = f"cannot read the series ({exc.strerror})."
        raise GeodataError(msg, file=str(path)) from None
    return _load(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _load(path: Path, _size: int, _mtime_ns: int) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"not valid TOML ({exc})."
        raise GeodataError(msg, file=str(path)) from None
    except RecursionError:
        msg = "the TOML is nested too deeply to be a series; check the file."
        raise GeodataError(msg, file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read the series ({exc})."
        raise GeodataError(msg, file=str(path)) from None
    validate(data, origin=str(path))
    sources = data["sources"]
    for value in data["values"]:
        citation = value["source"]
        value["source"] = {**sources[citation["ref"]], "quote": citation["quote"]}
    return data


def series_meta(name: str, *, root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The parsed, validated series file `name` (title, unit, axis, about, values)."""
    available = names(root=root)
    if name not in available:
        raise UnknownNameError("series name", name, available)  # noqa: EM101
    return read(_folder(root) / f"{name}.toml")


def series(name: str, *, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A sourced yearly series as a DataFrame, one row per value, sorted by basis and year.

    Columns: ``year``, ``value``, ``unit``, ``basis`` (which statistic; empty when
    the sources agree), ``note``, ``quoted`` (the figure as quoted), ``source_title``,
    ``source_url`` and ``quote``.

    Examples
    --------
    >>> import corridors
    >>> trade = corridors.series("china-kazakhstan-trade")
    >>> float(trade.query("year == 2023 and value == 41")["value"].iloc[0])
    41.0
    """
    meta = series_meta(name, root=root)
    rows = [
        {
            "year": v["year"],
            "value": float(v["value"]),
            "unit": meta["unit"],
            "basis": v.get("basis", ""),
            "note": v.get("note", ""),
            "quoted": v["quoted"],
            "source_title": v["source"]["title"],
            "source_url": v["source"]["url"],
            "quote": v["source"]["quote"],
        }
        for v in meta["values"]
    ]
    frame = pd.DataFrame(rows)
    return frame.sort_values(["basis", "year"], kind="stable").reset_index(drop=True)


# --- charts -------------------------------------------------------------------------------

#: Line colours, one per basis, in order of first appearance.
_COLOURS = ("#1f5f8b", "#c0392b", "#7d8c2e", "#8e44ad")
_W, _H = 300, 150  # px
_LEFT, _RIGHT, _TOP, _BOTTOM = 46, 10, 10, 34


def _xml(text: Any) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _nice_step(span: float) -> float:
    """A 1-2-5 step giving 3 to 6 ticks over `span`."""
    raw = span / 4 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _tick_label(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def chart_svg(name: str, *, root: str | os.PathLike[str] | None = None) -> str:
    """The series `name` as a small SVG line chart (text, byte-reproducible).

    Years on the x axis, the series' ``axis`` label (with its unit) on the y axis, one
    line per ``basis`` with a legend when there are several (solid between consecutive
    years, dotted across years without a figure), and every value marked with a dot
    that carries its figure and source as a tooltip (``<title>``).
    """
    meta = series_meta(name, root=root)
    frame = series(name, root=root)
    years = frame["year"]
    x0, x1 = int(years.min()) - 1, int(years.max()) + 1
    step = _nice_step(float(frame["value"].max()))
    top = step * math.ceil(float(frame["value"].max()) / step) or step
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(year: float) -> float:
        return round(_LEFT + (year - x0) / (x1 - x0) * plot_w, 1)

    def y(value: float) -> float:
        return round(_TOP + plot_h - value / top * plot_h, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="c-chart" width="{_W}" height="{_H}" '
        f'viewBox="0 0 {_W} {_H}" role="img" aria-label="{_xml(meta["title"])}" '
        'font-family="system-ui,sans-serif" font-size="9">',
        f"<title>{_xml(meta['title'])}</title>",
    ]
    ticks = [step * i for i in range(round(top / step) + 1)]
    for t in ticks:
        out.append(
            f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(t)}" y2="{y(t)}" stroke="#ddd"/>'
            f'<text x="{_LEFT - 3}" y="{y(t) + 3}" text-anchor="end">{_tick_label(t)}</text>'
        )
    year_step = max(1, math.ceil((x1 - x0) / 8))
    for year in range(x0 + 1, x1, year_step):
        out.append(
            f'<text x="{x(year)}" y="{_H - _BOTTOM + 12}" text-anchor="middle">{year}</text>'
        )
    out.append(
        f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(0)}" y2="{y(0)}" stroke="#555"/>'
        f'<text x="{_LEFT + plot_w / 2}" y="{_H - 4}" text-anchor="middle">year</text>'
        f'<text transform="translate(10 {_TOP + plot_h / 2}) rotate(-90)" '
        f'text-anchor="middle">{_xml(meta["axis"])}</text>'
    )
    bases = list(dict.fromkeys(v.get("basis", "") for v in meta["values"]))
    for i, basis in enumerate(bases):
        colour = _COLOURS[i % len(_COLOURS)]
        rows = frame[frame["basis"] == basis].sort_values("year")
        pairs = list(zip(rows.itertuples(), rows.iloc[1:].itertuples(), strict=False))
        for a, b in pairs:  # solid between consecutive years, dotted across a gap
            gap = b.year - a.year > 1
            style = 'stroke-width="1" stroke-dasharray="2 3"' if gap else 'stroke-width="1.8"'
            out.append(
                f'<line x1="{x(a.year)}" y1="{y(a.value)}" x2="{x(b.year)}" y2="{y(b.value)}" '
                f'stroke="{colour}" {style}/>'
            )
        for r in rows.itertuples():
            note = f"{r.note} " if r.note else ""
            tip = f"{r.year}: {note}{r.quoted} ({r.unit}) – {r.source_title}"
            out.append(
                f'<circle cx="{x(r.year)}" cy="{y(r.value)}" r="2.6" fill="{colour}">'
                f"<title>{_xml(tip)}</title></circle>"
            )
        if len(bases) > 1:
            ly = _TOP + 8 + 11 * i
            out.append(
                f'<rect x="{_LEFT + 6}" y="{ly - 6}" width="10" height="3" fill="{colour}"/>'
                f'<text x="{_LEFT + 20}" y="{ly}">{_xml(basis)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def sources_html(name: str, *, root: str | os.PathLike[str] | None = None) -> str:
    """The sources of a series as HTML links (one per source, in order of first use)."""
    frame = series(name, root=root)
    seen = dict.fromkeys(zip(frame["source_title"], frame["source_url"], strict=True))
    links = [
        f'<a href="{_xml(url)}" target="_blank" rel="noopener noreferrer">{_xml(title)}</a>'
        for title, url in seen
    ]
    return "; ".join(links)


def chart_html(name: str, *, root: str | os.PathLike[str] | None = None) -> str:
    """A chart with its title above and its sources named under it, for a panel."""
    meta = series_meta(name, root=root)
    return (
        f"<figure class='c-figure' data-series='{_xml(name)}' style='margin:4px 0 8px'>"
        f"<figcaption><b>{_xml(meta['title'])}</b> ({_xml(meta['unit'])})</figcaption>"
        f"{chart_svg(name, root=root)}"
        f"<div class='c-note' style='max-width:300px'>{_xml(meta['about'])} Dotted: no "
        "figure found for the years between. "
        f"Sources: {sources_html(name, root=root)}</div></figure>"
    )
