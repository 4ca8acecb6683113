"""The ``corridors`` command line: parse, call the public API, print.

No computation lives here. User errors print one line on stderr and exit 2. Every
command that prints data takes ``--json`` (the same data, whole, for scripts);
tables and text fit 100 columns (long cells are cut with "…" in tables: ``--json``
has them whole).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import textwrap
import time
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from corridors import arguments, catalog, fmt, lookup, measure, paths, sourcing
from corridors.errors import CorridorsError, GeodataError, GeodataErrors, NoRouteError

PROG = "corridors"
#: The widest line the text output prints (a URL longer than this stays whole).
WIDTH = 100


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Sourced maps and computations for the China–Kazakhstan–Caspian "
        "corridors and pipelines.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {version('corridors')}")
    geodata_help = (
        "geodata folder to use instead of the bundled one "
        f"(default: ${catalog.ENV_VAR} or the data shipped with the package)"
    )
    parser.add_argument("--geodata", metavar="DIR", help=geodata_help)
    debug_help = "on an internal error (a bug), show the traceback (also: CORRIDORS_DEBUG=1)"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    # Accepted after the command too (`corridors build --geodata DIR`); SUPPRESS keeps a
    # subcommand from resetting a value given before it.
    geodata = _Parser(add_help=False)
    geodata.add_argument("--geodata", metavar="DIR", default=argparse.SUPPRESS, help=geodata_help)
    geodata.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """A subcommand that takes the global options after it, and ``--json``."""
        parser = sub.add_parser(name, parents=[geodata], **kwargs)
        parser.add_argument(
            "--json", action="store_true", help="print the data as JSON (for scripts)"
        )
        return parser

    layers = command("layers", help="list the layers and their features")
    layers.add_argument("layer", nargs="*", help="only these layers (default: all)")

    validate = command("validate", help="check GeoJSON files or folders against the data model")
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: the whole geodata folder in use)",
    )

    length = command("length", help="computed vs published length of routes, split by country")
    length.add_argument("ids", nargs="+", metavar="ID", help="route ids, e.g. cagp-line-a")

    lengths = command(
        "lengths",
        help="computed vs published lengths of all routes, and km open / being built / planned",
    )
    lengths.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="status and km in that year (default: the data's as-of year; later: expected)",
    )

    build = command("build", help="write the HTML maps, index.html and the data download it links")
    build.add_argument(
        "--out", default="output", metavar="DIR", help="output folder (default: output)"
    )
    build.add_argument(
        "--map",
        action="append",
        dest="maps",
        metavar="NAME",
        help="build only this map (repeatable; default: all)",
    )
    build.add_argument(
        "--cdn",
        action="store_true",
        help="link Leaflet from its CDN and offer online tiles (lighter files; "
        "default: self-contained, works offline)",
    )
    build.add_argument(
        "--png",
        action="store_true",
        help="also save a PNG screenshot of each map (needs Chromium and Playwright)",
    )
    build.add_argument(
        "--no-data",
        action="store_true",
        help="skip the GeoPackage download (atlas.gpkg) the landing page links "
        "(default: write it first, as `make maps` does)",
    )

    export = command(
        "export",
        help="write every layer, the length/transit/backtest tables and the licences as open data",
    )
    export.add_argument(
        "--format",
        choices=["gpkg", "geojson", "csv"],
        default="gpkg",
        dest="file_format",
        help="gpkg: one GeoPackage (layers, tables, licences); geojson or csv: a zip of files "
        "with README.md and SOURCES.md (default: gpkg)",
    )
    export.add_argument(
        "--out",
        metavar="PATH",
        help="file to write, .gpkg or .zip (default: output/atlas.gpkg, "
        "output/atlas-geojson.zip or output/atlas-csv.zip)",
    )

    distance = command("distance", help="geodesic distance between two places (km)")
    distance.add_argument("a", help="place id or name, e.g. almaty")
    distance.add_argument("b", help="place id or name, e.g. 'Ürümqi'")
    distance.add_argument(
        "--along",
        metavar="ROUTE",
        help="measure along this route between the points of it nearest to A and B",
    )

    chainage = command("chainage", help="points every N km along a route")
    chainage.add_argument("route", help="route id, e.g. cagp-line-a")
    chainage.add_argument(
        "--every", type=float, default=100.0, metavar="KM", help="spacing in km (default: 100)"
    )

    transit = command("transit", help="transit time ranges by corridor, with a per-leg breakdown")
    transit.add_argument("origin", help="place id or name, e.g. lianyungang")
    transit.add_argument(
        "destination", help="place id or name, or 'europe' (each corridor's European end)"
    )
    transit.add_argument(
        "--corridor",
        choices=["titr", "northern", "sea", "all"],
        default="all",
        help="which corridor (default: all three)",
    )
    transit.add_argument(
        "--scenario",
        metavar="NAME",
        help="a scenario of geodata/transit.toml, e.g. suez-closed (default: none)",
    )
    transit.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="route only over what is open in that year (default: the data's as-of year; "
        "a later year uses what sources expect to be open by then)",
    )

    owners = command(
        "owners",
        help="who owns, runs and finances an asset, or the ultimate Chinese share of them all",
    )
    owners.add_argument(
        "id",
        nargs="?",
        metavar="ID",
        help="asset id (cagp-line-a-kaz) or feature id (cagp-line-a); default: every asset "
        "and the totals by country and mode, weighted by km",
    )

    backtest = command(
        "backtest",
        help="the transit model against every reported door-to-door time (transit.toml)",
    )
    backtest.add_argument(
        "--scenario",
        metavar="NAME",
        help="a scenario of geodata/transit.toml applied to every row (default: none)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input, 1 a bug)."""
    args = _parser().parse_args(argv)
    try:
        _check_arguments(args)
        # The one place an environment variable chooses the geodata: passed down explicitly.
        folder = args.geodata if args.geodata is not None else os.environ.get(catalog.ENV_VAR)
        if folder is not None:
            what = "--geodata" if args.geodata is not None else f"${catalog.ENV_VAR}"
            folder = str(paths.existing_folder(folder, what=what)) if folder else None
        with catalog.open(folder):
            return _COMMANDS[args.command](args)
    except GeodataErrors as exc:
        for problem in exc.problems:
            print(f"{PROG}: error: {problem}", file=sys.stderr)
        return 2
    except CorridorsError as exc:  # bad input: the project's own errors, nothing else
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `corridors layers | head`
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug (ours or a library's): never a traceback unless asked
        if getattr(args, "debug", False) or os.environ.get("CORRIDORS_DEBUG"):
            raise
        print(f"{PROG}: internal error: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        print(
            f"{PROG}: this is a bug, please report it with the command you ran "
            "(--debug or CORRIDORS_DEBUG=1 shows the traceback).",
            file=sys.stderr,
        )
        return 1


#: How the CLI names each argument in messages (argparse's dest -> what the user typed).
_LABELS = {
    "geodata": "--geodata",
    "out": "--out",
    "maps": "--map",
    "along": "--along",
    "scenario": "--scenario",
    "layer": "LAYER",
    "paths": "PATH",
    "ids": "ID",
    "a": "A",
    "b": "B",
    "route": "ROUTE",
    "origin": "ORIGIN",
    "destination": "DESTINATION",
}


def _check_arguments(args: argparse.Namespace) -> None:
    """Reject empty values, NUL bytes and over-long names before any work."""
    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            label = _LABELS.get(dest, dest)
            if dest in ("geodata", "out", "paths"):
                paths.user_path(item, what=label)  # empty, NUL, too long
                continue
            arguments.name(item, argument=label, what="a name or id (or leave the option out)")


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """The exception's message on one line (a library's may span several)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _plural(n: int, word: str) -> str:
    """``1 feature``, ``2 features``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _say(text: str, *, indent: int = 0, hang: int | None = None) -> None:
    """Print prose wrapped at `WIDTH`, continuation lines under the first's text."""
    print(
        textwrap.fill(
            text,
            width=WIDTH,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent if hang is None else hang),
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _cell(value: Any, decimals: int) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float | np.floating):
        return f"{value:,.{decimals}f}"
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return f"{value:,}"
    return str(value)


def _print_table(frame: pd.DataFrame, *, indent: int = 0, keep: Sequence[str] = ()) -> None:
    """Print `frame` as a table that fits `WIDTH` columns.

    Numbers are right-aligned, floats with as many decimals as the column's values
    have (1 to 6), text left-aligned; when the table is too wide, the widest text
    column not in `keep` is cut (with "…") until it fits.
    """
    columns = [str(c) for c in frame.columns]
    values = {c: [v for v in frame[c] if not _missing(v)] for c in columns}
    numeric = {c: bool(values[c]) and all(map(_is_number, values[c])) for c in columns}
    decimals = {
        c: max(
            (
                len(f"{float(v):.6f}".rstrip("0").split(".")[1])
                for v in values[c]
                if isinstance(v, float | np.floating)
            ),
            default=1,
        )
        or 1
        for c in columns
    }
    cells = {c: [_cell(v, decimals[c]) for v in frame[c]] for c in columns}
    widths = {c: max([len(c), *(len(v) for v in cells[c])]) for c in columns}
    budget = WIDTH - indent - 2 * (len(columns) - 1)
    while sum(widths.values()) > budget:
        cuttable = [c for c in columns if not numeric[c] and c not in keep and widths[c] > _MIN_CUT]
        if not cuttable:  # too many columns to cut any further: one block per row
            _print_records(columns, cells, indent=indent)
            return
        widest = max(cuttable, key=lambda c: widths[c])
        widths[widest] -= 1

    def fit(text: str, column: str) -> str:
        width = widths[column]
        text = text if len(text) <= width else text[: width - 1] + "…"
        return text.rjust(width) if numeric[column] else text.ljust(width)

    rows = [columns, *([cells[c][i] for c in columns] for i in range(len(frame)))]
    for row in rows:
        line = "  ".join(fit(v, c) for v, c in zip(row, columns, strict=True))
        print(" " * indent + line.rstrip())


#: Narrowest a table cuts a text column to; a table that needs more is printed by row.
_MIN_CUT = 12


def _print_records(columns: list[str], cells: dict[str, list[str]], *, indent: int) -> None:
    """A table too wide for `WIDTH`: each row as a block, its first cell as the title."""
    label = max(len(c) for c in columns[1:]) + 2 if len(columns) > 1 else 0
    for i in range(len(cells[columns[0]])):
        _say(cells[columns[0]][i], indent=indent, hang=indent + 2)
        for column in columns[1:]:
            if cells[column][i]:
                _say(
                    f"{column.ljust(label)}{cells[column][i]}",
                    indent=indent + 2,
                    hang=indent + 2 + label,
                )


def _plain(value: Any) -> Any:
    """`value` as JSON data: NaN as null, numpy scalars as numbers, paths as text."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _print_json(data: Any) -> None:
    """Print strict JSON (no NaN), UTF-8 as it is."""
    print(json.dumps(_plain(data), ensure_ascii=False, indent=2, allow_nan=False))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as JSON-ready dicts (missing values as null)."""
    plain: list[dict[str, Any]] = _plain(frame.to_dict(orient="records"))
    return plain


def _cmd_layers(args: argparse.Namespace) -> int:
    cat = catalog.catalog()
    cat.load_all()  # validates the folder as a whole (ids, leg nodes) before listing
    wanted = args.layer or [layer.name for layer in cat.layers]
    listed = []
    for name in wanted:
        layer = cat.layer(name)
        gdf = cat.load(name)
        columns = [c for c in ("id", "kind", "status", "name", "iso3") if c in gdf.columns]
        listed.append((layer, gdf[columns].astype(object).where(gdf[columns].notna(), None)))
    if args.json:
        _print_json(
            {
                "geodata": cat.root,
                "layers": [
                    {
                        "name": layer.name,
                        "group": layer.group,
                        "path": layer.path,
                        "features": _records(table),
                    }
                    for layer, table in listed
                ],
            }
        )
        return 0
    for layer, table in listed:
        print(f"{layer.group}/{layer.name} ({_plural(len(table), 'feature')})")
        if layer.name == "countries":
            _say(", ".join(table["iso3"]), indent=2)
        else:
            shown = table.drop(columns=["iso3"], errors="ignore").fillna("")
            _print_table(shown, indent=2, keep=["id"])
        print()
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    if not args.paths:
        return _validate_folder(catalog.in_use(), as_json=args.json)
    files: list[Path] = []
    for raw in args.paths:
        path = paths.user_path(raw, what="PATH")
        if path.is_dir() and (path / "transit.toml").is_file():  # a whole geodata folder
            status = _validate_folder(catalog.open(path), as_json=args.json)
            if status:
                return status
            continue
        if path.is_dir():
            found = [p for p in paths.walk_files(path, what="PATH") if p.suffix == ".geojson"]
            if not found:
                print(f"{PROG}: error: {raw}: no .geojson files in this folder.", file=sys.stderr)
                return 2
            files.extend(found)
        elif path.exists() and path.suffix != ".geojson" and _is_data_file(path):
            status = _validate_data_file(path)
            if status:
                return status
        elif path.exists():
            files.append(path)
        else:
            print(f"{PROG}: error: {raw}: no such file or folder.", file=sys.stderr)
            return 2
    if not files:
        return 0
    frames, problems = catalog.check_files(files)
    bad = {problem.file for problem in problems}
    if args.json:
        _print_json(
            {
                "ok": not problems,
                "files": [
                    {"path": path, "features": len(gdf), "ok": str(path) not in bad}
                    for path, gdf in frames.items()
                ],
                "problems": [_problem(p) for p in problems],
            }
        )
        return 2 if problems else 0
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    for path, gdf in frames.items():
        if str(path) not in bad:
            print(f"ok: {path} ({_plural(len(gdf), 'feature')})")
    return 2 if problems else 0


def _is_data_file(path: Path) -> bool:
    from corridors import validation  # noqa: PLC0415

    return validation.file_kind(path) is not None


def _validate_data_file(path: Path) -> int:
    """Check one data file that is not a layer (transit.toml, a series, ...) on its own."""
    from corridors import validation  # noqa: PLC0415

    problems = validation.file_problems(path)
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    if problems:
        return 2
    print(f"ok: {path}")
    return 0


def _validate_folder(folder: catalog.Catalog, *, as_json: bool) -> int:
    """Check every file of a geodata folder (`corridors.validation.check`)."""
    from corridors import validation  # noqa: PLC0415 (the network only when validating)

    report = validation.check(geodata=folder)
    if as_json:
        _print_json(
            {
                "ok": report.ok,
                "features": report.features,
                "layers": report.layers,
                "files": list(report.files),
                "geodata": report.root,
                "problems": [_problem(p) for p in report.problems],
            }
        )
        return 0 if report.ok else 2
    for problem in report.problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    if report.problems:
        return 2
    print(
        f"ok: {_plural(report.features, 'feature')} in {_plural(report.layers, 'layer')} and "
        f"{_plural(len(report.files), 'other file')} under {report.root}"
    )
    return 0


def _problem(problem: GeodataError) -> dict[str, Any]:
    """A problem as JSON data: where (file, feature, field) and what."""
    return {
        "file": problem.file,
        "feature": problem.feature,
        "field": problem.field,
        "problem": problem.problem,
    }


def _length_data(route: str) -> dict[str, Any]:
    """What ``corridors length`` says about one route, as data."""
    row = lookup.route_feature(route)
    km = lookup.route_length(route)
    value = row.get("published_length_km")
    published = float(value) if isinstance(value, int | float) and pd.notna(value) else None
    has_published = published is not None
    data: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "computed_km": km,
        "published_km": published if has_published else None,
        "length_span": row.get("length_span") if has_published else None,
        "difference_pct": None if published is None else fmt.difference_pct(km, published),
        "sources": [
            {"title": source["title"], "url": source["url"]}
            | ({"copy": source["copy"]} if source.get("copy") else {})
            for source in measure.fact_sources(row["sources"], "published_length_km")
        ]
        if has_published
        else [],
        "note": row.get("length_note") if isinstance(row.get("length_note"), str) else None,
        "stretches": _records(measure.stretch_lengths(row)),
        "network_pct": None,
        "by_country": [],
    }
    share = measure.network_share(row)
    data["network_pct"] = None if share is None else round(share * 100, 1)
    if row["kind"] != "border":
        split = measure.length_by_country(row.geometry)
        per_country = row.get("published_country_km")
        per_country = per_country if isinstance(per_country, dict) else {}
        data["by_country"] = [
            {
                "country": country,
                "name": name,
                "length_km": round(float(length), 1),
                "share_pct": round(float(fraction) * 100, 1),
                "published_km": per_country.get(country),
            }
            for country, name, length, fraction in zip(
                split["country"], split["name"], split["length_km"], split["fraction"], strict=True
            )
        ]
    return data


def _cmd_length(args: argparse.Namespace) -> int:
    routes = [_length_data(route) for route in args.ids]
    if args.json:
        _print_json({"routes": routes})
        return 0
    for route, data in zip(args.ids, routes, strict=True):
        row = lookup.route_feature(route)
        _say(f"{data['id']}: {data['name']}", hang=2)
        print(
            f"  computed   {fmt.km_computed(data['computed_km'])} km"
            "  (geodesic, WGS 84, along the drawn line)"
        )
        if data["published_km"] is not None:
            published = data["published_km"]
            _say(f"  published  {fmt.km(published)} km  ({data['length_span']})", hang=13)
            print(f"  difference {fmt.difference(lookup.route_length(route), published)}")
            for source in data["sources"]:
                _say(f"  source     {sourcing.cited_text(source)}", hang=13)
        else:
            print("  published  (no published length)")
        if data["note"]:
            _say(f"  note       {data['note']}", hang=13)
        _print_drawn(row)
        if data["by_country"]:
            split = pd.DataFrame(data["by_country"]).astype(object)
            print("  by country (computed, clipped by Natural Earth 1:10m polygons):")
            _print_table(split, indent=4, keep=["country"])
        print()
    return 0


def _print_drawn(row: pd.Series) -> None:
    """How the line was drawn: the share from the network and what is schematic, and why."""
    stretches = measure.stretch_lengths(row)
    if stretches.empty:
        return
    total = stretches["length_km"].sum()
    chords = stretches[stretches["method"] == "chord"]
    straight = stretches[(stretches["method"] == "network") & (stretches["straight_edges"] > 0)]
    drawn_from = row.get("drawn_from")
    network = drawn_from["network"] if isinstance(drawn_from, dict) else "a network"
    share = 100 * (1 - stretches["schematic_km"].sum() / total) if total else 0.0
    edges = int(straight["straight_edges"].sum())
    also = (
        f"; {edges} straight network edge{'s' if edges != 1 else ''} over "
        f"{measure.STRAIGHT_EDGE_KM:g} km schematic ({straight['schematic_km'].sum():,.1f} km)"
        if edges
        else ""
    )
    _say(
        f"  drawn      {share:.0f} % from {network}; "
        f"{len(chords)} of {len(stretches)} stretches schematic "
        f"({chords['length_km'].sum():,.1f} km of straight chords between cited places){also}",
        hang=13,
    )
    for _, part in stretches[stretches["schematic_km"] > 0].iterrows():
        if part["method"] == "chord":
            why = f": {part['why']}" if part["why"] else ""
        else:
            n = int(part["straight_edges"])
            why = (
                f" ({n} edge{'s' if n != 1 else ''} of a {part['length_km']:,.1f} km network "
                f"stretch): {measure.STRAIGHT_EDGE_WHY}"
            )
        _say(
            f"    schematic {part['schematic_km']:7,.1f} km  {part['from']} – {part['to']}{why}",
            hang=6,
        )


def _cmd_lengths(args: argparse.Namespace) -> int:
    from corridors import years  # noqa: PLC0415 (the by-year tables only here)

    table = measure.length_table(year=args.year)
    by_status = years.km_by_status(args.year)
    year = by_status.attrs["year"]
    if args.json:
        _print_json({"year": year, "routes": _records(table), "km_by_status": _records(by_status)})
        return 0
    shown = table[
        ["id", "status", "computed_km", "published_km", "difference_pct", "network_pct"]
    ].rename(columns={"difference_pct": "diff_pct"})
    print(f"Computed (geodesic, along the drawn line) vs published length, km, in {year};")
    print(
        "network_pct: the share drawn from the OpenStreetMap-derived network (--json: all columns)"
    )
    _print_table(shown.astype(object).where(shown.notna(), None), keep=["id"])
    print()
    later = year > years.today().year
    print(
        f"km of line in {year} by country and mode (computed; open includes undated lines"
        + ("; expected_km: open or being built only by a source's expectation" if later else "")
        + "):"
    )
    _print_table(by_status.astype(object).where(by_status.notna(), None))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from corridors import maps, site  # noqa: PLC0415 (folium only when building maps)

    started = time.perf_counter()
    paths.output_folder(args.out, what="--out")  # a bad --out fails before the work
    total = len(args.maps or maps.MAPS)
    done = iter(range(1, total + 1))

    def progress(name: str) -> None:
        if not args.json:
            print(f"[{next(done)}/{total}] building {name} ...", flush=True)

    if not args.no_data and not args.json:
        print("exporting the data (GeoPackage, GeoJSON and CSV) ...", flush=True)
    written = site.write_site(
        args.out,
        names=args.maps,
        offline=not args.cdn,
        data=not args.no_data,
        progress=progress,
    )
    pages = [p for p in written if p.suffix == ".html" and p.name != "index.html"]
    pngs = []
    if args.png:
        from corridors.maps.screenshot import screenshots  # noqa: PLC0415

        pngs = list(screenshots(pages))
    built = len(pages)
    if args.json:
        _print_json(
            {
                "maps": built,
                "written": [{"path": p, "bytes": p.stat().st_size} for p in [*written, *pngs]],
            }
        )
        return 0
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB)")
    for png in pngs:
        print(f"wrote {png}")
    print(f"built {_plural(built, 'map')} in {time.perf_counter() - started:.1f} s")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from corridors import export  # noqa: PLC0415 (networkx/searoute only when needed)

    default = str(Path("output") / export.DEFAULT_NAMES[args.file_format])
    out = args.out if args.out is not None else default
    export.check_out(out, args.file_format, what="--out")  # a bad --out fails before the work
    path = export.export(out, file_format=args.file_format)
    if args.json:
        _print_json({"path": path, "bytes": path.stat().st_size, "format": args.file_format})
        return 0
    print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB, {args.file_format})")
    return 0


def _place_data(place: pd.Series) -> dict[str, Any]:
    point = lookup.as_point(place.geometry)
    return {"id": place["id"], "name": place["name"], "lon": point.x, "lat": point.y}


def _cmd_distance(args: argparse.Namespace) -> int:
    a, b = lookup.place(args.a), lookup.place(args.b)
    km = measure.distance_km(a.geometry, b.geometry)
    along: dict[str, Any] | None = None
    if args.along:
        route = lookup.route_feature(args.along)
        ends = [measure.locate(route.geometry, p.geometry) for p in (a, b)]
        along = {
            "route": route["id"],
            "km": abs(float(ends[1]["km_along"]) - float(ends[0]["km_along"])),
            "a": {"km_along": float(ends[0]["km_along"]), "offset_km": float(ends[0]["offset_km"])},
            "b": {"km_along": float(ends[1]["km_along"]), "offset_km": float(ends[1]["offset_km"])},
        }
    if args.json:
        _print_json({"a": _place_data(a), "b": _place_data(b), "km": km, "along": along})
        return 0
    print(f"{a['name']} – {b['name']}: {fmt.km_computed(km)} km (geodesic, WGS 84)")
    if along is not None:
        print(
            f"along {along['route']}: {fmt.km_computed(along['km'])} km "
            "between the points nearest to them"
        )
        for p, key in ((a, "a"), (b, "b")):
            end = along[key]
            print(
                f"  {p['name']}: km {fmt.km_computed(end['km_along'])} of the route, "
                f"{fmt.km_computed(end['offset_km'])} km from it"
            )
    return 0


def _cmd_chainage(args: argparse.Namespace) -> int:
    route = lookup.route_feature(args.route)
    points = measure.chainage(route.geometry, args.every)
    table = pd.DataFrame(
        {
            "km": points["km"].round(1),
            "lon": points.geometry.x.round(5),
            "lat": points.geometry.y.round(5),
        }
    )
    if args.json:
        _print_json(
            {
                "route": route["id"],
                "name": route["name"],
                "every_km": args.every,
                "points": _records(table),
            }
        )
        return 0
    _say(f"{route['id']}: {route['name']} (every {args.every:g} km, geodesic)", hang=2)
    _print_table(table)
    return 0


def _cmd_transit(args: argparse.Namespace) -> int:
    from corridors import transit  # noqa: PLC0415 (networkx/searoute only when needed)

    corridors = ["titr", "northern", "sea"] if args.corridor == "all" else [args.corridor]
    results, failures = [], []
    for corridor in corridors:
        try:
            results.append(
                transit.transit(
                    args.origin,
                    args.destination,
                    corridor=corridor,
                    scenario=args.scenario,
                    year=args.year,
                )
            )
        except NoRouteError as exc:
            if len(corridors) == 1:
                raise
            failures.append((corridor, str(exc)))
    if args.json:
        payload = {
            "origin": args.origin,
            "destination": args.destination,
            "scenario": args.scenario,
            "year": args.year,
            "corridors": [r.to_dict() for r in results],
            "unreachable": [{"corridor": c, "reason": why} for c, why in failures],
        }
        _print_json(payload)
        return 0
    if not results:
        for corridor, why in failures:
            print(f"{PROG}: error: {corridor}: {why}", file=sys.stderr)
        return 2
    for result in results:
        _say(transit.describe(result), hang=2)
        legs = result.legs
        table = pd.DataFrame(
            {
                "leg": legs["leg"],
                "mode": legs["mode"],
                "km": legs["distance_km"].round(0).astype(int),
                "running h": legs["running_h_typical"].round(1),
                "dwell h": legs["dwell_h_typical"].round(1),
                "cumul. h": legs["cumulative_h_typical"].round(1),
                "dwell at end": legs["dwell_events"].fillna(""),
            }
        )
        _print_table(table, indent=2, keep=["leg"])
        print("  (typical values; low and high, and the dwell steps whole, in --json)")
        print()
    for corridor, why in failures:
        _say(f"{corridor}: no route ({why})", hang=2)
    return 0


def _cmd_backtest(args: argparse.Namespace) -> int:
    from corridors import transit  # noqa: PLC0415 (networkx/searoute only when needed)

    table = transit.backtest(scenario=args.scenario)
    if args.json:
        _print_json({"scenario": args.scenario, "rows": _records(table)})
        return 0

    def reported(row: pd.Series) -> str:
        low, high = row["reported_low"], row["reported_high"]
        if pd.isna(high):
            return f">= {low:g}"
        if pd.isna(low):
            return f"<= {high:g}"
        return f"{low:g}" if low == high else f"{low:g}-{high:g}"

    shown = pd.DataFrame(
        {
            "id": table["id"],
            "reported": table.apply(reported, axis=1),
            "low": table["model_low"].round(1),
            "typical": table["model_typical"].round(1),
            "high": table["model_high"].round(1),
            "verdict": table["verdict"],
            "gap": table["gap_days"].round(1),
        }
    )
    print("Model (days; ratio for wb_mc_vs_northern) against reported door-to-door times")
    _print_table(shown.astype(object).where(shown.notna(), None), keep=["id"])
    print()
    for _, row in table.iterrows():
        _say(f"{row['id']}: {row['explanation']}", hang=2)
        _say(f"  model: {row['origin']} → {row['destination']} on {row['corridor']}", hang=4)
        if row["mapping"]:
            _say(f"  ends: {row['mapping']}", hang=4)
        _say(f"  source: {row['source']}", hang=4)
    return 0


def _cmd_owners(args: argparse.Namespace) -> int:
    from corridors import control  # noqa: PLC0415 (only for this command)

    report = control.report(args.id)
    if args.json:
        _print_json(report)
        return 0
    for title, rows in report.items():
        if not rows:
            continue
        print(f"{title}:")
        print(_owners_text(title, pd.DataFrame(rows)))
        print()
    if args.id is None:
        print("(--json gives every column: names, capacity, owners, operator, lenders)")
    return 0


#: The columns ``corridors owners`` prints per table, and their headings; the
#: rest (names, owners, sources, what was searched) are in ``--json``.
_OWNERS_COLUMNS: dict[str, dict[str, str]] = {
    "assets": {
        "asset": "asset",
        "country": "country",
        "mode": "mode",
        "length_km": "km",
        "known_pct": "known %",
        "direct_chn_pct": "CHN dir. %",
        "ultimate_chn_pct": "CHN ult. %",
    },
    "totals": {
        "country": "country",
        "mode": "mode",
        "assets": "assets",
        "weight": "km",
        "known_pct": "known %",
        "chn_pct": "CHN %",
        "chn_pct_of_known": "CHN % of known",
        "direct_chn_pct": "CHN dir. %",
    },
}
#: Share columns where a missing value means "no source gives it" (never 0).
_UNKNOWN_SHARES = frozenset({"CHN dir. %", "CHN ult. %", "CHN %", "CHN % of known", "%"})
#: The width ``corridors owners`` keeps its tables to.
_OWNERS_WIDTH = 100


def _owners_text(title: str, table: pd.DataFrame) -> str:
    """One table of ``corridors owners``, at most `_OWNERS_WIDTH` characters wide."""
    if title == "owners":
        return _chains_text(table)
    if title == "not_found":
        return "\n".join(
            textwrap.fill(
                f"{row['asset']} ({row['not found']}): {row['searched']}",
                _OWNERS_WIDTH,
                initial_indent="  ",
                subsequent_indent="      ",
            )
            for row in table.to_dict(orient="records")
        )
    columns = _OWNERS_COLUMNS.get(title)
    if columns is not None:
        table = table[[c for c in columns if c in table.columns]].rename(columns=columns)
    table = table.round(1).astype(object)
    if "amount" in table.columns:  # loan sums in currency units: 542,900,000,000
        table["amount"] = table["amount"].map(lambda v: f"{v:,.0f}" if isinstance(v, float) else v)
    for column in table.columns:
        blank = "unknown" if column in _UNKNOWN_SHARES else ""
        table[column] = table[column].where(table[column].notna(), blank)
    table = table.map(lambda v: v if len(str(v)) <= 44 else str(v)[:43] + "…")
    text = table.to_string(index=False, line_width=_OWNERS_WIDTH - 2)
    return "\n".join(("  " + line).rstrip() for line in text.splitlines())


_COMMANDS = {
    "owners": _cmd_owners,
    "layers": _cmd_layers,
    "validate": _cmd_validate,
    "length": _cmd_length,
    "lengths": _cmd_lengths,
    "build": _cmd_build,
    "chainage": _cmd_chainage,
    "transit": _cmd_transit,
    "backtest": _cmd_backtest,
    "distance": _cmd_distance,
    "export": _cmd_export,
}


def _chains_text(table: pd.DataFrame) -> str:
    """Each direct owner with its share, and under it each chain up to an ultimate holder."""
    lines: list[str] = []

    def pct(value: Any) -> str:
        return "share not found" if _missing(value) else f"{round(float(value), 1):g} %"

    for asset, rows in table.groupby("asset", sort=False):
        lines.append(f"  {asset}")
        for (owner, share, since), chains in rows.groupby(
            ["owner_name", "direct_pct", "since"], sort=False, dropna=False
        ):
            lines.append(f"    {owner}: {pct(share)}" + (f" since {since}" if since else ""))
            if _missing(share):
                continue
            for chain, held, country in zip(
                chains["chain"], chains["ultimate_pct"], chains["ultimate_country"], strict=True
            ):
                text = f"{pct(held)} in the end ({country}): {chain}"
                lines.append(
                    textwrap.fill(
                        text, _OWNERS_WIDTH, initial_indent="      ", subsequent_indent="        "
                    )
                )
    return "\n".join(lines)
