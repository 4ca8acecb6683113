"""Run every benchmark and write benchmarks/README.md.

Usage (from the repository root)::

    python -m benchmarks            # full run, a few minutes; rewrites benchmarks/README.md
    python -m benchmarks --quick    # every benchmark at a tiny size, in seconds
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import building, geodesic, layers, opening, scaling
from benchmarks.report import REPO, Row, machine_info, markdown

README = REPO / "benchmarks" / "README.md"
SECTIONS = ("geodesic", "building", "layers", "opening", "scaling")

PREAMBLE = """
Speed and size of corridors against its peers (issue 7). The machines are shared and
noisy, so absolute times are not comparable across runs: every figure is a ratio
against a peer measured in the same run, repeats are interleaved, and the median is
reported. Ratios say how many times faster corridors is (peer time ÷ ours) or, for
sizes, ours ÷ peer.

Run it with `make bench` (installs the `bench` extra: geopy, mapclassify) or
`python -m benchmarks` from the repository root; `python -m benchmarks --quick` runs
everything at a tiny size (the test suite does that, without asserting timings).

What is compared:

1. **Geodesic lengths**: `corridors.geodesic_lengths` (one vectorised `Geod.inv` over
   all segments) vs `pyproj.Geod.line_length` called per line on the same shapely lines,
   vs `geopy.distance.geodesic` per segment (timed on a random sample, extrapolated).
2. **Map building**: `corridors.maps.build_all` (what `corridors build` runs) vs
   `GeoDataFrame.explore()` of the overview's layers (all corridor, pipeline, site and
   border layers, the sea route and the countries basemap) into one map. Each repeat in
   a fresh process; geodata already read on both sides.
3. **Large layers**: random-walk lines through `feature_collection` + `GeoJsonLayer` on an
   `AtlasMap`, rendered with `render_html`, vs `folium.GeoJson(gdf)` with default options
   on a default `folium.Map`. Headline with popups on (as the named maps), since
   folium's default embeds every property; `popups=False` shown as well.
4. **Opening a map**: headless Chromium (network off) until `.leaflet-pane path` exists.
5. **Scaling**: the section-3 writer at 1k, 10k and 100k features of few vertices.
"""


@dataclass(frozen=True)
class Sizes:
    """Problem sizes of one run."""

    geo_lines: int
    geo_vertices: int
    geopy_sample: int
    layer_lines: int
    layer_vertices: int
    scaling: tuple[int, ...]
    scaling_vertices: int
    repeat: int


FULL = Sizes(10_000, 100, 10_000, 10_000, 100, (1_000, 10_000, 100_000), 10, 3)
QUICK = Sizes(10, 20, 50, 20, 10, (10, 100), 5, 1)


def run(
    *, quick: bool, sections: Sequence[str] = SECTIONS, work: Path | None = None
) -> tuple[list[Row], dict[str, str]]:
    """Run the chosen sections; return the rows and the machine facts."""
    s = QUICK if quick else FULL
    rows: list[Row] = []
    extra: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="corridors-bench-") as tmp:
        out = Path(work or tmp)
        out.mkdir(parents=True, exist_ok=True)
        layer_pages: dict[str, Path] = {}
        if "geodesic" in sections:
            _say("1. geodesic lengths")
            rows += geodesic.run(
                n_lines=s.geo_lines,
                n_vertices=s.geo_vertices,
                geopy_sample=s.geopy_sample,
                repeat=s.repeat,
            )
        if "building" in sections:
            _say("2. map building")
            rows += building.run(quick=quick, repeat=s.repeat)
        if "layers" in sections:
            _say("3. large layers")
            layer_rows, layer_pages = layers.run(
                n_lines=s.layer_lines, n_vertices=s.layer_vertices, repeat=s.repeat, out=out
            )
            rows += layer_rows
        if "opening" in sections:
            _say("4. opening maps in Chromium")
            rows += opening.run(
                maps=["border"] if quick else None,
                layer_pages=layer_pages,
                repeat=s.repeat,
                out=out,
            )
            extra["chromium"] = opening.chromium_version()
        if "scaling" in sections:
            _say("5. scaling")
            rows += scaling.run(
                sizes=list(s.scaling),
                n_vertices=s.scaling_vertices,
                repeat_below=10_000,
                out=out,
            )
    return rows, machine_info(extra)


def _say(text: str) -> None:
    print(f"[bench] {text} ...", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run, print the table and write the README."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes, one repeat (seconds; for the tests)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        metavar="SECTION",
        help=f"run only this section (repeatable; one of {', '.join(SECTIONS)})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write the Markdown report (default: benchmarks/README.md for a full "
        "run of every section; nowhere otherwise)",
    )
    args = parser.parse_args(argv)
    sections = args.only or SECTIONS
    start = time.perf_counter()
    rows, machine = run(quick=args.quick, sections=sections)
    wall_s = time.perf_counter() - start
    command = "python -m benchmarks" + (" --quick" if args.quick else "")
    command += "".join(f" --only {name}" for name in args.only or ())
    text = markdown(rows, machine, command=command, wall_s=wall_s, preamble=PREAMBLE)
    print(text)
    out = args.out
    if out is None and not args.quick and not args.only:
        out = README
    if out is not None:
        out.write_text(text, encoding="utf-8")
        print(f"[bench] wrote {out}")
    return 0
