"""Self-contained HTML: Leaflet inlined from an installed package, stable ids, atomic writes.

Leaflet's JavaScript and CSS (with its images as data URIs) are read from the
PyPI package ``xstatic-leaflet`` and written into the page, so a map opens with
no network at all. No third-party asset is kept in this repository.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import folium
from branca.element import Element, Figure

from corridors import atomic
from corridors.maps.frontend import esc
from corridors.maps.view import FitView

LEAFLET_VERSION = "1.9.3"
#: Placeholders of data pasted in after folium renders the page (see `render_html`).
DATA_SLOT_PREFIX = "__CORRIDORS_DATA_"
_DATA_SLOT = re.compile(re.escape(DATA_SLOT_PREFIX) + r"(\w+)__")
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xleaflet  # noqa: PLC0415 (only needed when inlining)

    if xleaflet.VERSION != LEAFLET_VERSION:  # pragma: no cover - guarded by pyproject pin
        msg = f"xstatic-leaflet {xleaflet.VERSION} installed; corridors expects {LEAFLET_VERSION}."
        raise RuntimeError(msg)
    return Path(xleaflet.BASE_DIR)


def leaflet_js() -> str:
    """Leaflet's minified JavaScript from the installed xstatic-leaflet package."""
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    # The source-map comment would make a browser ask for a file that is not there.
    return re.sub(r"//# sourceMappingURL=\S+", "", text).replace("</script", "<\\/script")


def leaflet_css() -> str:
    """Leaflet's CSS with its images embedded as data URIs."""
    root = _leaflet_dir()
    css = (root / "leaflet.css").read_text(encoding="utf-8")

    def embed(match: re.Match[str]) -> str:
        data = base64.b64encode((root / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", embed, css)


class AtlasMap(folium.Map):
    """A folium Map that loads only Leaflet (no jQuery, Bootstrap or icon fonts).

    `offline` maps inline Leaflet when rendered (files and Jupyter alike); others
    link it from the jsDelivr CDN.
    """

    # Not ClassVar: folium.Map declares them as attributes of its instances.
    default_js: list[tuple[str, str]] = [("leaflet", LEAFLET_JS_URL)]  # noqa: RUF012
    default_css: list[tuple[str, str]] = [("leaflet_css", LEAFLET_CSS_URL)]  # noqa: RUF012

    def __init__(self, *args: object, offline: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.offline = offline
        #: [[south, west], [north, east]] of the map's picture on the index page
        #: (`corridors.maps.pictures`) where it is not the opening view.
        self.picture_view: list[list[float]] | None = None

    def fit_bounds(
        self,
        bounds: Sequence[Sequence[float]],
        padding_top_left: Sequence[float] | None = None,
        padding_bottom_right: Sequence[float] | None = None,
        padding: Sequence[float] | None = None,
        max_zoom: float | None = None,
    ) -> None:
        """Fit the opening view to `bounds`, on any screen size (see `corridors.maps.view`).

        The paddings (px) keep room for panels where the screen is wide enough; on a
        narrow screen the panels fold away and the data fills the width.
        """
        self.add_child(
            FitView(
                bounds,
                padding_top_left=padding_top_left or padding,
                padding_bottom_right=padding_bottom_right or padding,
                max_zoom=max_zoom,
            )
        )

    # A path only (written atomically), where branca also takes a file object.
    def save(self, outfile: str | os.PathLike[str], **kwargs: object) -> None:  # type: ignore[override]
        """Write the page as `render_html` makes it (Leaflet and layer data included)."""
        write_atomic(Path(outfile), render_html(self))

    def _repr_html_(self, **kwargs: object) -> str:
        """Show the map in Jupyter; offline maps carry Leaflet inside the iframe."""
        page = esc(render_html(self))
        return (
            '<div style="width:100%;"><div style="position:relative;width:100%;height:0;'
            'padding-bottom:60%;"><iframe srcdoc="' + page + '" style="position:absolute;'
            'width:100%;height:100%;left:0;top:0;border:none !important;" allowfullscreen>'
            "</iframe></div></div>"
        )


def _walk(root: Element) -> Iterator[Element]:
    """Every element of the tree, depth first, in the order folium renders them."""
    stack = [root]
    while stack:
        element = stack.pop(0)
        yield element
        stack[0:0] = list(element._children.values())  # noqa: SLF001 (no public accessor)


def _stable_ids(root: Element) -> None:
    """Replace folium's random element ids by ones numbered in tree order."""
    for counter, element in enumerate(_walk(root)):
        element._id = f"{counter:08x}"  # noqa: SLF001 (folium has no public setter)


def render_html(m: AtlasMap) -> str:
    """Render a map to one HTML string, byte-for-byte the same for the same map."""
    figure = m.get_root()
    if not isinstance(figure, Figure):  # pragma: no cover - folium always makes one
        msg = "the map has no Figure root"
        raise TypeError(msg)
    _stable_ids(figure)
    page = figure.render()
    # Layers keep their (large, user-written) data out of folium's Jinja pass; it is
    # pasted in here, once, in place of each layer's placeholder.
    deferred = {}
    for element in _walk(figure):
        data = getattr(element, "deferred_data", None)  # made once (the basemap's is JSON)
        if isinstance(data, str):
            deferred[element.get_name()] = data
    page = _DATA_SLOT.sub(lambda match: deferred[match.group(1)], page)
    if not m.offline:
        return page
    page = page.replace(
        f'<script src="{LEAFLET_JS_URL}"></script>', f"<script>{leaflet_js()}</script>"
    )
    return re.sub(
        r'<link rel="stylesheet" href="' + re.escape(LEAFLET_CSS_URL) + r'"\s*/?>',
        lambda _m: f"<style>{leaflet_css()}</style>",
        page,
    )


def write_atomic(path: Path, text: str) -> Path:
    """Write text to `path` through a temporary file and a rename (`corridors.atomic`).

    An interrupted write leaves the previous file intact.
    """
    return atomic.write_text(path, text)
