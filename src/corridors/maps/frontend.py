"""The pages' own front end: the files of ``static/`` and ``templates/``, read from the package.

The JavaScript and CSS of the maps live as plain files in ``corridors/maps/static/``
(linted with ESLint and unit-tested with Node's test runner: ``npm run lint``,
``npm test``); the HTML of the index page and of the map panels, and the SVG of the
series charts, live as Jinja2 templates in ``corridors/maps/templates/``, rendered
with autoescaping. Both are read with `importlib.resources` and written into each
page when it is built, so a map stays one file that opens offline. A template's line
breaks and the indentation after them are layout only and are dropped when it is
read: running text stays on one line.

`esc` is the package's one HTML escaper (the one the templates use); `link` writes an
escaped link for an http(s) URL only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

import jinja2
import markupsafe

from corridors import sourcing

#: The URLs a link may point to (anything else is written as text).
HTTP = re.compile(r"^https?://[^\s<>\"']+$")


def static(name: str) -> str:
    """The text of a front-end file of ``corridors/maps/static/`` (``controls.js``...)."""
    return (files("corridors.maps") / "static" / name).read_text(encoding="utf-8")


def style(name: str) -> str:
    """A ``<style>`` element holding the CSS file `name` of ``static/``."""
    return f"<style>\n{static(name)}</style>"


def script(name: str) -> str:
    """A ``<script>`` element holding the JavaScript file `name` of ``static/``."""
    return f"<script>\n{static(name)}</script>"


def esc(value: Any) -> str:
    """HTML-escape any value (``& < > " '``), as the templates' autoescaping does."""
    return str(markupsafe.escape(str(value)))


def link(url: Any, text: Any) -> markupsafe.Markup:
    """An escaped link that opens in a new tab, or plain escaped text if not http(s)."""
    if isinstance(url, str) and HTTP.match(url):
        return markupsafe.Markup(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>'
        ).format(url, str(text))
    return markupsafe.Markup(esc(text))


def cited(source: Any) -> markupsafe.Markup:
    """A source ({title, url, copy?}) as a link to the original page and, when only a copy
    could be read, "(read at <copy host>)" beside it."""
    source = source if isinstance(source, Mapping) else {}
    out = link(source.get("url"), source.get("title") or "source")
    where = sourcing.read_at(source)
    return out + markupsafe.Markup(" ({})").format(where) if where else out


#: A line break and the indentation after it: templates are laid out on many lines for
#: reading, the pages carry none of that layout (write running text on one line).
_LAYOUT = re.compile(r"\n[ \t]*")


def _load(name: str) -> str:
    source = (files("corridors.maps") / "templates" / name).read_text(encoding="utf-8")
    return _LAYOUT.sub("", source)


_ENV = jinja2.Environment(
    loader=jinja2.FunctionLoader(_load),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_ENV.filters["link"] = lambda text, url: link(url, text)
_ENV.filters["cited"] = cited


def render(template: str, **context: Any) -> str:
    """Render the file `template` of ``templates/`` with autoescaping."""
    return _ENV.get_template(template).render(**context)
