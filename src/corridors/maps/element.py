"""The base of the maps' own page elements: branca's `MacroElement`, with its types.

branca 0.8 leaves `MacroElement.__init__` and `MacroElement.render` unannotated, and
`MacroElement.render` returns nothing where `Element.render` says it returns text;
this class states once what they take and return, so the elements built on it
(`controls`, `timeline`, `calculator`, `view`, the basemap's set-up) type-check.
"""

from __future__ import annotations

from typing import Any

from branca.element import Figure, MacroElement

from corridors.errors import CorridorsError


class PageElement(MacroElement):
    """A `MacroElement` of the page: its template's macros go into the figure."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # unannotated in branca

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca returns None
        """Render the template's header, html and script macros into the figure."""
        super().render(**kwargs)  # type: ignore[no-untyped-call]  # unannotated in branca

    def figure(self) -> Figure:
        """The page the element is on (what `render` writes into)."""
        root = self.get_root()
        if not isinstance(root, Figure):
            msg = f"{type(self).__name__} is not on a page yet; add it to a map first."
            raise CorridorsError(msg)
        return root
