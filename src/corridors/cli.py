"""The ``corridors`` command line: parse, call the public API, print.

No computation lives here. User errors print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from corridors import catalog, checks, fmt, lookup, measure, paths
from corridors.errors import CorridorsError, GeodataErrors, InputError

PROG = "corridors"


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
        return sub.add_parser(name, parents=[geodata], **kwargs)

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

    command("lengths", help="table of computed vs published lengths of all routes")

    build = command("build", help="write the HTML maps and index.html")
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
    transit.add_argument("--json", action="store_true", help="print JSON for scripts")

    backtest = sub.add_parser(
        "backtest",
        help="the transit model against every reported door-to-door time (transit.toml)",
    )
    backtest.add_argument(
        "--scenario",
        metavar="NAME",
        help="a scenario of geodata/transit.toml applied to every row (default: none)",
    )
    backtest.add_argument("--json", action="store_true", help="print JSON for scripts")
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
#: The longest name or id the CLI accepts (the longest in the data is under 100).
MAX_NAME_CHARS = 200


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
            if not item.strip():
                msg = f"{label} is empty; give a name or id (or leave the option out)."
                raise InputError(msg)
            if "\0" in item:
                msg = f"{label} holds a NUL byte; give a name or id."
                raise InputError(msg)
            if len(item) > MAX_NAME_CHARS:
                msg = (
                    f"{label} is {len(item):,} characters long; names and ids are at most "
                    f"{MAX_NAME_CHARS}."
                )
                raise InputError(msg)


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """The exception's message on one line (a library's may span several)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _print_table(frame: pd.DataFrame) -> None:
    print(frame.to_string(index=False))


def _cmd_layers(args: argparse.Namespace) -> int:
    cat = catalog.catalog()
    cat.load_all()  # validates the folder as a whole (ids, leg nodes) before listing
    wanted = args.layer or [layer.name for layer in cat.layers]
    for name in wanted:
        layer = cat.layer(name)
        gdf = cat.load(name)
        print(f"{layer.group}/{layer.name} ({len(gdf)} features)")
        columns = [c for c in ("id", "kind", "status", "name") if c in gdf.columns]
        if name == "countries":
            print("  " + ", ".join(gdf["iso3"]))
        else:
            table = gdf[columns].fillna("").to_string(index=False)
            print("\n".join("  " + line for line in table.splitlines()))
        print()
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    if not args.paths:
        features = checks.validate()
        print(
            f"ok: {features} features in {len(catalog.layer_names())} layers "
            f"under {catalog.default_root()}"
        )
        return 0
    files: list[Path] = []
    for raw in args.paths:
        path = paths.user_path(raw, what="PATH")
        if path.is_dir():
            found = [p for p in paths.walk_files(path, what="PATH") if p.suffix == ".geojson"]
            if not found:
                print(f"{PROG}: error: {raw}: no .geojson files in this folder.", file=sys.stderr)
                return 2
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            print(f"{PROG}: error: {raw}: no such file or folder.", file=sys.stderr)
            return 2
    frames, problems = catalog.check_files(files)
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    bad = {problem.file for problem in problems}
    for path, gdf in frames.items():
        if str(path) not in bad:
            print(f"ok: {path} ({len(gdf)} features)")
    return 2 if problems else 0


def _cmd_length(args: argparse.Namespace) -> int:
    for route in args.ids:
        row = lookup.route_feature(route)
        km = lookup.route_length(route)
        print(f"{row['id']}: {row['name']}")
        print(f"  computed   {fmt.km_computed(km)} km  (geodesic, WGS 84, along the drawn line)")
        published = row.get("published_length_km")
        if isinstance(published, int | float) and pd.notna(published):
            print(f"  published  {fmt.km(published)} km  ({row['length_span']})")
            print(f"  difference {fmt.difference(km, published)}")
            for source in measure.fact_sources(row["sources"], "published_length_km"):
                print(f"  source     {source['title']} <{source['url']}>")
        else:
            print("  published  (no published length)")
        note = row.get("length_note")
        if isinstance(note, str) and note:
            print(f"  note       {note}")
        _print_drawn(row)
        if row["kind"] == "border":
            print()
            continue
        split = measure.length_by_country(row.geometry)
        per_country = row.get("published_country_km")
        per_country = per_country if isinstance(per_country, dict) else {}
        # Object dtype: a route without per-country figures leaves the column empty ("").
        split["published_km"] = split["country"].map(per_country).astype(object)
        split["length_km"] = split["length_km"].round(1)
        split["share_pct"] = (split.pop("fraction") * 100).round(1)
        print("  by country (computed, clipped by Natural Earth 1:10m polygons):")
        table = split.fillna("").to_string(index=False)
        print("\n".join("    " + line for line in table.splitlines()))
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
    print(
        f"  drawn      {share:.0f} % from {network}; "
        f"{len(chords)} of {len(stretches)} stretches schematic "
        f"({chords['length_km'].sum():,.1f} km of straight chords between cited places){also}"
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
        print(f"    schematic {part['schematic_km']:7,.1f} km  {part['from']} – {part['to']}{why}")


def _cmd_lengths(args: argparse.Namespace) -> int:
    table = measure.length_table().drop(columns=["name", "source"])
    with pd.option_context("display.width", 200, "display.max_colwidth", 70):
        _print_table(table)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from corridors import maps  # noqa: PLC0415 (folium only when building maps)

    started = time.perf_counter()
    paths.output_folder(args.out, what="--out")  # a bad --out fails before the work
    total = len(args.maps or maps.MAPS)
    done = iter(range(1, total + 1))

    def progress(name: str) -> None:
        print(f"[{next(done)}/{total}] building {name} ...", flush=True)

    written = maps.build_all(args.out, names=args.maps, offline=not args.cdn, progress=progress)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB)")
    if args.png:
        from corridors.maps.screenshot import screenshots  # noqa: PLC0415

        for png in screenshots([p for p in written if p.name != "index.html"]):
            print(f"wrote {png}")
    built = len(written) - 1
    print(f"built {built} map{'s' if built != 1 else ''} in {time.perf_counter() - started:.1f} s")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from corridors import export  # noqa: PLC0415 (networkx/searoute only when needed)

    default = str(Path("output") / export.DEFAULT_NAMES[args.file_format])
    out = args.out if args.out is not None else default
    export.check_out(out, args.file_format, what="--out")  # a bad --out fails before the work
    path = export.export(out, file_format=args.file_format)
    print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB, {args.file_format})")
    return 0


def _cmd_distance(args: argparse.Namespace) -> int:
    a, b = lookup.place(args.a), lookup.place(args.b)
    km = measure.distance_km(a.geometry, b.geometry)
    print(f"{a['name']} – {b['name']}: {fmt.km_computed(km)} km (geodesic, WGS 84)")
    if args.along:
        route = lookup.route_feature(args.along)
        ends = [lookup.locate(args.along, p.geometry) for p in (a, b)]
        along = abs(ends[1]["km_along"] - ends[0]["km_along"])
        print(
            f"along {route['id']}: {fmt.km_computed(along)} km between the points nearest to them"
        )
        for p, end in zip((a, b), ends, strict=True):
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
    print(f"{route['id']}: {route['name']} (every {args.every:g} km, geodesic)")
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
                    args.origin, args.destination, corridor=corridor, scenario=args.scenario
                )
            )
        except transit.NoRouteError as exc:
            if len(corridors) == 1:
                raise
            failures.append((corridor, str(exc)))
    if args.json:
        payload = {
            "origin": args.origin,
            "destination": args.destination,
            "scenario": args.scenario,
            "corridors": [r.to_dict() for r in results],
            "unreachable": [{"corridor": c, "reason": why} for c, why in failures],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=float))
        return 0
    if not results:
        for corridor, why in failures:
            print(f"{PROG}: error: {corridor}: {why}", file=sys.stderr)
        return 2
    for result in results:
        print(transit.describe(result))
        legs = result.legs
        table = pd.DataFrame(
            {
                "leg": legs["leg"],
                "mode": legs["mode"],
                "km": legs["distance_km"].round(0).astype(int),
                "running h": legs["running_h_typical"].round(1),
                "dwell h": legs["dwell_h_typical"].round(1),
                "cumulative h": legs["cumulative_h_typical"].round(1),
                "dwell at end": legs["dwell_events"].fillna(""),
            }
        )
        with pd.option_context("display.width", 200, "display.max_colwidth", 60):
            print("\n".join("  " + line for line in table.to_string(index=False).splitlines()))
        print("  (typical values; low and high in --json)")
        print()
    for corridor, why in failures:
        print(f"{corridor}: no route ({why})")
    return 0


def _cmd_backtest(args: argparse.Namespace) -> int:
    from corridors import transit  # noqa: PLC0415 (networkx/searoute only when needed)

    table = transit.backtest(scenario=args.scenario)
    if args.json:
        rows = table.astype(object).where(table.notna(), None).to_dict(orient="records")
        print(json.dumps({"scenario": args.scenario, "rows": rows}, ensure_ascii=False, indent=2))
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
            "corridor": table["corridor"],
            "model from → to": table["origin"] + " → " + table["destination"],
            "reported": table.apply(reported, axis=1),
            "low": table["model_low"].round(1),
            "typical": table["model_typical"].round(1),
            "high": table["model_high"].round(1),
            "verdict": table["verdict"],
            "gap": table["gap_days"].round(1),
        }
    )
    print("Model (days; ratio for wb_mc_vs_northern) against reported door-to-door times")
    _print_table(shown)
    print()
    for _, row in table.iterrows():
        print(f"{row['id']}: {row['explanation']}")
        if row["mapping"]:
            print(f"  ends: {row['mapping']}")
        print(f"  source: {row['source']}")
    return 0


_COMMANDS = {
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
