"""Errors raised by corridors; every message says where, what and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class CorridorsError(Exception):
    """Base class for all errors raised by corridors."""


class GeodataError(CorridorsError, ValueError):
    """A GeoJSON file or feature violates the data model.

    Parameters
    ----------
    message
        What is wrong, what was expected and how to fix it.
    file
        The file (or other origin) the problem was found in.
    feature
        The id of the feature concerned, if any.
    field
        The property (or ``geometry``) concerned, if any.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        feature: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.feature = feature
        self.field = field
        self.problem = message
        where = ": ".join(
            part
            for part in (
                file,
                f"feature {feature!r}" if feature is not None else None,
                f"field {field!r}" if field is not None else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class GeodataErrors(GeodataError):  # noqa: N818 (a collection of GeodataError)
    """Several problems found at once in a geodata file or folder."""

    def __init__(self, problems: list[GeodataError]) -> None:
        self.problems = problems
        lines = [str(p) for p in problems[:20]]
        if len(problems) > 20:
            lines.append(f"... and {len(problems) - 20} more problems")
        first = problems[0]
        super().__init__(
            "\n".join(lines) if len(problems) > 1 else first.problem,
            file=None if len(problems) > 1 else first.file,
            feature=None if len(problems) > 1 else first.feature,
            field=None if len(problems) > 1 else first.field,
        )


class UnknownNameError(CorridorsError, KeyError):
    """A route, place or layer name that does not exist; suggests the closest names."""

    def __init__(
        self,
        what: str,
        name: str,
        known: Iterable[str],
        *,
        suggestions: list[str] | None = None,
    ) -> None:
        known = sorted({str(k) for k in known})
        close = (
            difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.5)
            if suggestions is None and isinstance(name, str) and len(name) <= 200
            else suggestions or []
        )
        hint = (
            f"Did you mean {', '.join(repr(c) for c in close)}?"
            if close
            else f"Known {_plural(what)}: {', '.join(known[:12])}"
            f"{' ...' if len(known) > 12 else ''}."
        )
        self.name = name
        self.suggestions = close
        shown = repr(name) if len(repr(name)) <= 80 else f"{repr(name)[:75]}...{repr(name)[-1]}"
        self.message = f"unknown {what} {shown}. {hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        """Return the message without KeyError's quoting."""
        return self.message


def _plural(noun: str) -> str:
    """'layer' -> 'layers', 'series' -> 'series', 'feature id' -> 'feature ids'."""
    return noun if noun.endswith(("s", "x")) else f"{noun}s"


class ParameterError(GeodataError):
    """The transit-model parameter file (``geodata/transit.toml``) breaks its schema.

    Parameters
    ----------
    message
        What is wrong, what was expected and how to fix it.
    file
        The parameter file.
    table
        The TOML table concerned, e.g. ``parameters.rail_speed_kazakhstan``.
    field
        The key concerned, if any.
    """

    def __init__(
        self, message: str, *, file: str, table: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message, file=file, field=field)
        self.table = table
        where = ": ".join(
            part
            for part in (file, f"[{table}]" if table else None, f"{field!r}" if field else None)
            if part
        )
        self.args = (f"{where}: {message}",)

    def __str__(self) -> str:
        """Return the message with file, table and field."""
        return str(self.args[0])


class InputError(CorridorsError, ValueError):
    """An argument outside what a function accepts: a negative spacing, lat/lon swapped...

    A `ValueError` too, so ``except ValueError`` still catches it; the command line
    reports it as bad input (exit 2), unlike a `ValueError` from a bug.
    """


class NoRouteError(CorridorsError, ValueError):
    """Two places of the network are not connected (on the corridor asked for)."""


class ControlDataError(GeodataError):
    """``organisations.json`` or ``control.json`` breaks its data model.

    The message names the file, the asset or organisation, and the field.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str,
        asset: str | None = None,
        organisation: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, file=file, feature=asset, field=field)
        self.asset = asset
        self.organisation = organisation
        where = ": ".join(
            part
            for part in (
                file,
                f"asset {asset!r}" if asset is not None else None,
                f"organisation {organisation!r}" if organisation is not None else None,
                f"field {field!r}" if field is not None else None,
            )
            if part
        )
        self.args = (f"{where}: {message}",)

    def __str__(self) -> str:
        """Return the message with file, asset or organisation, and field."""
        return str(self.args[0])


class ControlDataMissingError(CorridorsError, LookupError):
    """The geodata folder in use has no ``control.json`` / ``organisations.json``."""
