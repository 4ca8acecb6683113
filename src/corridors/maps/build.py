"""The registry of named maps, and building them and the index page.

Each named map is a module of this package that defines ``MAP`` (a
`corridors.maps.common.MapSpec`); adding a map is adding such a module and one
entry in `REGISTRY`. The index page and the ``corridors build`` command list
the maps from here. The index page (`index_html`) shows a picture of each map
(`corridors.maps.pictures`, written beside it as ``<name>.svg``), the headline
figures computed by the library, the downloads (`corridors.export`) with their
licences, and how to cite the atlas.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.metadata import version as corridors_version
from pathlib import Path

import folium
import numpy as np
import pandas as pd

from corridors import catalog, checks, export, fmt, measure, paths
from corridors.errors import CorridorsError, UnknownNameError
from corridors.maps import border, energy, khorgos, middle_corridor, overview
from corridors.maps.assets import AtlasMap, render_html, write_atomic
from corridors.maps.common import MapSpec, everything, new_map
from corridors.maps.layers import bounds_of, esc, link
from corridors.maps.pictures import HEIGHT, WIDTH, picture, scale_note

#: Every named map, in the order of the index page and of ``corridors build``.
REGISTRY: tuple[MapSpec, ...] = (
    overview.MAP,
    energy.MAP,
    middle_corridor.MAP,
    khorgos.MAP,
    border.MAP,
)
MAPS: dict[str, MapSpec] = {spec.name: spec for spec in REGISTRY}


@catalog.with_geodata
def build(
    name: str,
    *,
    offline: bool = True,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> AtlasMap:
    """Build one named map and return it (a folium Map; it displays in Jupyter).

    Parameters
    ----------
    name
        A key of `MAPS`: ``overview``, ``energy``, ``middle-corridor``, ``khorgos``,
        ``border``.
    offline
        Inline Leaflet so the map needs no network (default); False links the CDN
        and offers OpenStreetMap tiles as an extra base layer.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    map
        The map (save it with ``m.save(path)``).
    """
    if not isinstance(name, str):
        msg = f"name must be a map name (str) such as 'energy', got {type(name).__name__}."
        raise TypeError(msg)
    if name not in MAPS:
        raise UnknownNameError("map", name, MAPS)  # noqa: EM101 (a label, not the message)
    spec = MAPS[name]
    m = new_map(catalog.in_use().kept("map bounds", _bounds), offline=offline)
    m.get_root().header.add_child(
        folium.Element(f"<title>corridors · {esc(spec.title)}</title>"), name="title"
    )
    spec.builder(m)
    return m


def _bounds() -> list[list[float]]:
    """Where a new map is centred: every feature but the countries."""
    features = everything()
    return bounds_of([features[features["kind"] != "country"]])


#: The question each map answers, on the index page (maps not listed show their description).
QUESTIONS = {
    "overview": "Where do the pipelines, rail corridors, roads and border crossings between "
    "China, Kazakhstan and the Caspian run?",
    "energy": "Which pipelines bring Central Asian gas and Kazakh oil to China, how long are "
    "they and how much can they carry?",
    "middle-corridor": "How does freight go from China to Europe across the Caspian, and how "
    "far and how long is it against the Northern corridor and the sea?",
    "khorgos": "What stands at Khorgos, and how far is it from Almaty, Ürümqi, Aktau and "
    "Lianyungang?",
    "border": "How long is the China–Kazakhstan border, drawn against published, and where "
    "can it be crossed?",
}

#: What each download format is, for the index page.
DOWNLOAD_FORMATS = {
    "gpkg": "GeoPackage: every layer as a table (QGIS, ArcGIS, GDAL, geopandas), the length, "
    "transit and backtest tables, and the licences and read-me inside",
    "geojson": "GeoJSON: a zip of one file per layer (properties nested as in geodata/), the "
    "tables as CSV, README.md and SOURCES.md",
    "csv": "CSV: a zip of one file per layer (geometry as WKT), the tables, README.md and "
    "SOURCES.md",
}

_INDEX_CSS = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c2833;
background:#f7f6f2}
header,main,footer{max-width:1160px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .4em}
h2{font-size:1.3rem;margin:2em 0 .6em;border-bottom:2px solid #d5d8dc;padding-bottom:.2em}
h3{font-size:1.05rem;margin:.2em 0 .3em}
a{color:#1a5fa0}
.lead{font-size:1.06rem;max-width:58em;margin:0}
.maps{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:18px;
list-style:none;margin:0;padding:0}
.card{background:#fff;border:1px solid #dfe2e5;border-radius:10px;overflow:hidden;
display:flex;flex-direction:column}
.card>a{display:flex;flex-direction:column;height:100%;color:inherit;text-decoration:none}
.card>a:hover h3,.card>a:focus h3{text-decoration:underline}
.card img{width:100%;height:auto;aspect-ratio:16/10;display:block;
border-bottom:1px solid #e5e8e8}
.card h3{color:#1a5fa0}
.card .body{padding:10px 14px 14px}
.card .q{font-weight:500;margin:0 0 .4em}
.card .d{color:#566573;font-size:.92rem;margin:0}
.open{font-weight:600;text-decoration:none}
.figs{display:grid;grid-template-columns:minmax(0,1fr);gap:20px}
.panel{background:#fff;border:1px solid #dfe2e5;border-radius:10px;padding:14px 16px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{padding:4px 6px;border-bottom:1px solid #eaeded;vertical-align:top}
th{text-align:left;font-weight:600;color:#424949;background:#fbfcfc}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.share{display:inline-block;width:42px;height:7px;background:#eaeded;border-radius:4px;
margin-right:5px;vertical-align:middle;overflow:hidden}
.share i{display:block;height:100%;background:#1f5fbf}
.neg{color:#a93226}.pos{color:#1e8449}
.note{color:#566573;font-size:.85rem;margin:.6em 0 0}
.corrs{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:6px 28px}
.corr{margin:0 0 12px}
.corr .name{font-weight:600;font-size:.95rem}
.bar{position:relative;height:14px;background:#eef2f3;border-radius:7px;margin:4px 0}
.bar .range{position:absolute;top:0;bottom:0;background:#aed6f1;border-radius:7px}
.bar .typ{position:absolute;top:-3px;bottom:-3px;width:3px;background:#1b4f72;border-radius:2px}
.corr .days{font-size:.88rem;color:#424949;font-variant-numeric:tabular-nums}
.axis{display:flex;justify-content:space-between;font-size:.75rem;color:#7f8c8d}
.downloads{list-style:none;padding:0;margin:0;display:grid;gap:10px}
.downloads li{background:#fff;border:1px solid #dfe2e5;border-radius:10px;padding:10px 14px}
code,pre{font:.85rem/1.45 ui-monospace,Menlo,Consolas,monospace;background:#eef0f1;
border-radius:4px}
code{padding:1px 4px}
pre{padding:10px 12px;white-space:pre-wrap;overflow-wrap:anywhere}
footer{color:#566573;font-size:.85rem;padding-top:1em;padding-bottom:32px}
@media (max-width:760px){
body{font-size:15px}
h1{font-size:1.5rem}
.maps{grid-template-columns:minmax(0,1fr)}
.lengths thead{display:none}
.lengths tr{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));
border-bottom:1px solid #eaeded;padding:5px 0}
.lengths td{border:0;padding:1px 4px}
.lengths td:first-child{grid-column:1/-1;font-weight:600}
.lengths td.n{text-align:left}
.lengths .share{display:none}
.stack thead{display:none}
.stack tr{display:block;padding:6px 0;border-bottom:1px solid #eaeded}
.stack td{display:block;border:0;padding:1px 4px;overflow-wrap:anywhere}
.stack td:first-child{font-weight:600}
.lengths td.n::before{content:attr(data-label);display:block;font-size:.72rem;color:#7f8c8d;
font-weight:400}
}
"""


def _pct(value: float) -> str:
    css = "neg" if value < 0 else "pos"
    return f"<span class='{css}'>{value:+.1f} %</span>"


def _lengths_section() -> str:
    """Computed against published length of every route, and its share from the network."""
    table = measure.length_table()
    rows = []
    for r in table.itertuples():
        share = r.network_pct
        if share is None or pd.isna(share):
            drawn = "<span title='not drawn through cited waypoints'>–</span>"
        else:
            drawn = f"<span class='share'><i style='width:{share:.0f}%'></i></span>{share:.0f} %"
        rows.append(
            f"<tr><td>{esc(r.name)}</td><td class='n' data-label='computed'>"
            f"{fmt.km_computed(r.computed_km)}</td><td class='n' data-label='published'>"
            f"{fmt.km(r.published_km)}</td><td class='n' data-label='difference'>"
            f"{_pct(r.difference_pct)}</td><td class='n' data-label='from OSM'>{drawn}</td></tr>"
        )
    network = table["network_pct"].dropna()
    return (
        "<div class='panel'><h3>Route lengths: computed against published</h3>"
        "<div class='scroll'><table class='lengths'><thead><tr><th>Route</th>"
        "<th class='n'>computed km</th>"
        "<th class='n'>published km</th><th class='n'>difference</th>"
        "<th class='n'>from OSM network</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div><p class='note'>Computed: geodesic length (WGS 84) of the drawn "
        f"line, by <code>corridors.length_table()</code>, for the {len(table)} routes with a "
        "published length (each from the source the feature cites). <i>From OSM network</i>: "
        "the share of the line drawn along the OpenStreetMap-derived rail and road network "
        f"({int((network >= 99.95).sum())} of {len(network)} routes wholly); the rest is "
        "schematic: straight chords between cited places, so lines come out short of the "
        "published figure where the cited places are few, and the network's own straight "
        "edges over 100 km.</p></div>"
    )


def _transit_section() -> str:
    """Transit days per corridor from Lianyungang, as ranges, and the backtest's verdicts."""
    from corridors import parameters, transit  # noqa: PLC0415 (networkx only here)

    table = transit.compare(export.TRANSIT_ORIGIN)
    titles = {k: v.title for k, v in parameters.load().corridors.items()}
    reachable = table[table["days_typical"].notna()]
    top = max(10.0, float(np.ceil(reachable["days_high"].max() / 10) * 10))
    axis = "".join(f"<span>{t:g}</span>" for t in np.linspace(0, top, 5))
    items = []
    for r in reachable.itertuples():
        left, width = 100 * r.days_low / top, 100 * (r.days_high - r.days_low) / top
        items.append(
            f"<div class='corr'><div class='name'>{esc(titles.get(r.corridor, r.corridor))}"
            f"</div><div class='days'>to {esc(export.place_name(r.destination))}, "
            f"{fmt.km_computed(r.distance_km, decimals=0)} km: <b>{r.days_typical:.1f} days</b> "
            f"typical ({r.days_low:.1f}–{r.days_high:.1f})</div>"
            f"<div class='bar' role='img' aria-label='{r.days_low:.1f} to {r.days_high:.1f} "
            f"days, typical {r.days_typical:.1f}'><span class='range' style='left:{left:.1f}%;"
            f"width:{width:.1f}%'></span><span class='typ' style='left:calc("
            f"{100 * r.days_typical / top:.1f}% - 1px)'></span></div>"
            f"<div class='axis' aria-hidden='true'>{axis}</div></div>"
        )
    backtest = transit.backtest()
    inside = int((backtest["verdict"] == "inside").sum())
    return (
        "<div class='panel'><h3>Transit days from Lianyungang to Europe</h3><div class='corrs'>"
        + "".join(items)
        + "</div><p class='note'>Days, low – high with the typical "
        'value marked, from <code>corridors.compare("lianyungang")</code>: the transit model '
        "over the drawn network with the sourced parameters of "
        "<code>geodata/transit.toml</code>. Backtest: the model's typical value lies inside "
        f"the reported range for {inside} of the {len(backtest)} reported door-to-door "
        "figures (<code>corridors.backtest()</code>, each with its source).</p></div>"
    )


def _downloads_section(downloads: Mapping[str, int]) -> str:
    items = []
    for file_format, file_name in export.DEFAULT_NAMES.items():
        what = esc(DOWNLOAD_FORMATS[file_format])
        if file_name in downloads:
            size = downloads[file_name] / 1e6
            items.append(
                f"<li><a class='open' href='{esc(file_name)}' download>{esc(file_name)}</a> "
                f"({size:.1f} MB) – {what}</li>"
            )
        else:
            items.append(
                f"<li><b>{esc(file_format)}</b> – {what}: "
                f"<code>corridors export --format {esc(file_format)}</code></li>"
            )
    licences = "".join(
        f"<tr><td>{esc(lic.part)}</td><td>{link(lic.url, lic.licence)}</td>"
        f"<td>{esc(lic.attribution)}</td></tr>"
        for lic in export.LICENCES
    )
    return (
        "<ul class='downloads'>" + "".join(items) + "</ul>"
        "<h3 style='margin-top:1.2em'>Licences</h3><div class='panel scroll'><table class='stack'>"
        "<thead><tr>"
        "<th>Data</th><th>Licence</th><th>Attribution</th></tr></thead><tbody>"
        + licences
        + "</tbody></table><p class='note'>Each feature's <code>data_licences</code> column "
        "says which of these apply to it. Files holding OpenStreetMap-derived data are a "
        "derivative database of OpenStreetMap under the ODbL 1.0: keep the attribution "
        "with any use. Code: MIT.</p></div>"
    )


def _cite_section() -> str:
    version = corridors_version("corridors")
    bibtex = (
        "@misc{corridors,\n"
        "  author = {{corridors contributors}},\n"
        "  title = {corridors: an open, sourced atlas and calculator of the Belt and Road "
        "corridors and pipelines between China, Kazakhstan and the Caspian},\n"
        f"  version = {{{version}}},\n"
        "  note = {Data: OpenStreetMap contributors (ODbL 1.0), Natural Earth, GeoNames "
        "(CC BY 4.0)}\n}"
    )
    return f"<p>{esc(export.citation())}</p><pre>{esc(bibtex)}</pre>"


def index_html(
    names: Sequence[str],
    *,
    pictures: Mapping[str, str] | None = None,
    downloads: Mapping[str, int] | None = None,
) -> str:
    """The landing page: a picture and the question of each map, figures, downloads, citation.

    Parameters
    ----------
    names
        The maps to list (keys of `MAPS`), each linked as ``<name>.html``.
    pictures
        Map name -> the picture's file name beside the page (see `picture_file`).
    downloads
        File name -> size in bytes of the exports beside the page
        (`corridors.export.DEFAULT_NAMES`); formats not there are shown with the
        command that makes them.

    The figures (route lengths, transit days, backtest) are computed here by the
    library, never typed in.
    """
    pictures = pictures or {}
    cards = []
    for n in names:
        spec = MAPS[n]
        picture = pictures.get(n)
        image = (
            f"<img src='{esc(picture)}' width='{WIDTH}' height='{HEIGHT}' loading='lazy' "
            f"alt='{esc(spec.title)} map: {esc(spec.description)}'>"
            if picture
            else ""
        )
        # The whole card is one link to the map: picture, title, question.
        cards.append(
            f"<li class='card'><a href='{esc(n)}.html'>{image}<div class='body'>"
            f"<h3>{esc(spec.title)}</h3><p class='q'>{esc(QUESTIONS.get(n, spec.description))}"
            f"</p><p class='d'>{esc(spec.description)}</p></div></a></li>"
        )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>corridors · China–Kazakhstan–Caspian atlas</title>"
        f"<style>{_INDEX_CSS}</style></head><body><header>"
        "<h1>China–Kazakhstan–Caspian corridors</h1><p class='lead'>An open, sourced atlas of "
        "the Belt and Road pipelines, railways, roads and border crossings between China, "
        "Kazakhstan and the Caspian. Every feature names its sources; every length and "
        "transit time on these pages is computed by the <code>corridors</code> library from "
        "the data. The maps work offline: open one, click a feature for its facts and "
        "sources.</p></header><main><h2>Maps</h2><ul class='maps'>"
        + "".join(cards)
        + f"</ul><p class='note'>{esc(scale_note())}</p>"
        "<h2>Headline figures</h2><div class='figs'>"
        + _transit_section()
        + _lengths_section()
        + "</div><h2>Download the data</h2>"
        + _downloads_section(downloads or {})
        + "<h2>How to cite</h2>"
        + _cite_section()
        + "</main><footer>Basemap and pictures: Natural Earth (public domain); rail and road "
        "lines and the China–Kazakhstan border © OpenStreetMap contributors (ODbL 1.0); place "
        "coordinates: GeoNames (CC BY 4.0); sea paths: searoute (Apache-2.0). Data sources: "
        "<code>geodata/SOURCES.md</code>.</footer></body></html>\n"
    )


def picture_file(name: str) -> str:
    """The file name of a map's picture, beside the map: ``<name>.svg``."""
    return f"{name}.svg"


@catalog.with_geodata
def build_all(
    out_dir: str | Path,
    *,
    names: Sequence[str] | None = None,
    offline: bool = True,
    progress: Callable[[str], None] | None = None,
    geodata: str | os.PathLike[str] | catalog.Catalog | None = None,
) -> list[Path]:
    """Write every named map and ``index.html`` to `out_dir`; return the paths written.

    The folder is validated first, as by ``corridors validate``: what it refuses
    is not built. Files are written atomically (temporary file, then rename) and
    are byte-for-byte identical for identical inputs.

    Parameters
    ----------
    out_dir
        The folder to write to (made if missing).
    names
        Only these maps (keys of `MAPS`); default: all.
    offline
        Inline Leaflet (default) or link its CDN (see `build`).
    progress
        Called with each map's name before it is built.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    paths
        The maps written, then ``index.html``.
    """
    names = list(dict.fromkeys(_map_names(names))) if names is not None else list(MAPS)
    for name in names:
        if name not in MAPS:
            raise UnknownNameError("map", name, MAPS)  # noqa: EM101
    out = paths.output_folder(out_dir, what="out_dir")  # before any work
    checks.validate()  # what `corridors validate` refuses is not built either
    with _collector_skips_what_exists():
        return _build_all(out, names, offline=offline, progress=progress)


def _map_names(names: object) -> list[str]:
    """`names` as a list of map names; a lone string is a mistake, not a list of letters."""
    if isinstance(names, str) or not isinstance(names, Sequence | set | frozenset):
        msg = (
            f"names must be a list of map names such as ['energy'], got "
            f"{type(names).__name__} {names!r:.60}."
        )
        raise TypeError(msg)
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        msg = f"names must hold map names (str), got {bad[0]!r:.60}."
        raise TypeError(msg)
    return list(names)


@contextlib.contextmanager
def _collector_skips_what_exists() -> Iterator[None]:
    """Leave the objects that exist before a build out of the garbage collector's passes.

    The geodata loaded before a build is about 200,000 tracked objects (features and
    their lists and dicts, the network); each full collection during a build walked
    them all again, about a tenth of the build's time. What the build makes is still
    collected. Nothing is done if something else has frozen objects already.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _build_all(
    out: Path, names: list[str], *, offline: bool, progress: Callable[[str], None] | None
) -> list[Path]:
    written = []
    for name in names:
        if progress:
            progress(name)
        m = build(name, offline=offline)
        page = render_html(m)  # bad data fails before any write
        svg = picture(m, title=f"{MAPS[name].title} map")
        try:
            written.append(write_atomic(out / f"{name}.html", page))
            write_atomic(out / picture_file(name), svg)
        except OSError as exc:
            target = str(out / f"{name}.html")
            msg = f"cannot write {target!r} ({exc.strerror}); choose another --out."
            raise CorridorsError(msg) from None
    # The index lists every named map in the folder, not only the ones just built.
    listed = [name for name in MAPS if (out / f"{name}.html").exists()]
    pictures = {n: picture_file(n) for n in listed if (out / picture_file(n)).exists()}
    downloads = {
        file_name: (out / file_name).stat().st_size
        for file_name in export.DEFAULT_NAMES.values()
        if (out / file_name).is_file()
    }
    index = index_html(listed, pictures=pictures, downloads=downloads)
    written.append(write_atomic(out / "index.html", index))
    return written
