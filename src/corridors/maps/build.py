"""The registry of named maps, and building them and the index page.

Each named map is a module of this package that defines ``MAP`` (a
`corridors.maps.common.MapSpec`); adding a map is adding such a module and one
entry in `REGISTRY`. The index page and the ``corridors build`` command list
the maps from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import folium

from corridors import catalog
from corridors.errors import CorridorsError, UnknownNameError
from corridors.maps import border, energy, khorgos, middle_corridor, overview
from corridors.maps.assets import AtlasMap, render_html, write_atomic
from corridors.maps.common import MapSpec, everything, new_map
from corridors.maps.layers import bounds_of, esc

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
def build(name: str, *, offline: bool = True) -> AtlasMap:
    """Build one named map and return it (a folium Map; it displays in Jupyter).

    Parameters
    ----------
    name
        A key of `MAPS`: ``overview``, ``energy``, ``middle-corridor``, ``khorgos``,
        ``border``.
    offline
        Inline Leaflet so the map needs no network (default); False links the CDN
        and offers OpenStreetMap tiles as an extra base layer.
    """
    if name not in MAPS:
        raise UnknownNameError("map", name, MAPS)  # noqa: EM101 (a label, not the message)
    spec = MAPS[name]
    features = everything()
    bounds = bounds_of([features[features["kind"] != "country"]])
    m = new_map(bounds, offline=offline)
    m.get_root().header.add_child(
        folium.Element(f"<title>corridors · {esc(spec.title)}</title>"), name="title"
    )
    spec.builder(m)
    return m


def index_html(names: Sequence[str]) -> str:
    """The index page linking the named maps, with a one-line description each."""
    items = "".join(
        f"<li><a href='{esc(n)}.html'>{esc(MAPS[n].title)}</a> – {esc(MAPS[n].description)}</li>"
        for n in names
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>corridors · maps</title><style>body{font:15px/1.5 system-ui,sans-serif;"
        "max-width:760px;margin:2em auto;padding:0 1em}li{margin:.4em 0}</style></head><body>"
        "<h1>China–Kazakhstan–Caspian corridors</h1><p>Sourced maps of the Belt and Road "
        "corridors and pipelines. Each map works offline; click a feature for its facts and "
        "sources.</p><ul>" + items + "</ul><p style='color:#666;font-size:13px'>Data: see "
        "geodata/SOURCES.md. Basemap: Natural Earth (public domain); China–Kazakhstan border "
        "© OpenStreetMap contributors (ODbL); places: GeoNames (CC BY 4.0).</p></body></html>\n"
    )


@catalog.with_geodata
def build_all(
    out_dir: str | Path,
    *,
    names: Sequence[str] | None = None,
    offline: bool = True,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write every named map and ``index.html`` to `out_dir`; return the paths written.

    Files are written atomically (temporary file, then rename) and are
    byte-for-byte identical for identical inputs.
    """
    out = Path(out_dir)
    names = list(dict.fromkeys(names)) if names is not None else list(MAPS)
    for name in names:
        if name not in MAPS:
            raise UnknownNameError("map", name, MAPS)  # noqa: EM101
    written = []
    for name in names:
        if progress:
            progress(name)
        page = render_html(build(name, offline=offline))  # bad data fails before any write
        try:
            written.append(write_atomic(out / f"{name}.html", page))
        except OSError as exc:
            target = str(out / f"{name}.html")
            msg = f"cannot write {target!r} ({exc.strerror}); choose another --out."
            raise CorridorsError(msg) from None
    # The index lists every named map in the folder, not only the ones just built.
    listed = [name for name in MAPS if (out / f"{name}.html").exists()]
    written.append(write_atomic(out / "index.html", index_html(listed)))
    return written
