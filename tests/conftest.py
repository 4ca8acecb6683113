"""Shared fixtures: a minimal valid feature and a factory for GeoJSON files."""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"
sys.path.insert(0, str(REPO / "tools"))
from geodata_format import to_v2  # noqa: E402 (the tools' writer of the data model)

SOURCE = {"title": "A test source", "url": "https://example.org/a", "supports": ["geometry"]}


def line_feature(**props: Any) -> dict[str, Any]:
    """A valid railway feature; keyword arguments override its properties."""
    properties = {
        "id": "test-line",
        "name": "Test line",
        "kind": "railway",
        "countries": ["KAZ"],
        "geometry_method": "test",
        "sources": [SOURCE],
    }
    properties.update(props)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "LineString", "coordinates": [[70.0, 45.0], [71.0, 45.0]]},
    }


def straight_edge_line() -> dict[str, Any]:
    """A railway through waypoints A, B, C along 46° N, as tools/derive_routes.py draws one.

    A–B follows a network through three vertices, the second step (70.5° to 72° E,
    116.193 km) being a straight edge of the network over 100 km; B–C is a chord.
    """
    wp = [
        {"name": name, "lon": lon, "lat": 46.0, "source": SOURCE}
        for name, lon in (("A", 70.0), ("B", 73.0), ("C", 74.0))
    ]
    feature = line_feature(waypoints=wp)
    feature["geometry"]["coordinates"] = [
        [70.0, 46.0],
        [70.5, 46.0],
        [72.0, 46.0],
        [72.5, 46.0],
        [73.0, 46.0],
        [74.0, 46.0],
    ]
    feature["properties"]["stretches"] = [
        {
            "from": "A",
            "to": "B",
            "method": "network",
            "network": "rail",
            "vertices": 3,
            "straight_edges": [{"vertex": 1, "km": 116.193}],
        },
        {"from": "B", "to": "C", "method": "chord", "why": "test"},
    ]
    feature["properties"]["drawn_from"] = {
        "network": "test network",
        "package": "scgraph-data==2.0.0",
        "licence": "ODbL 1.0",
    }
    return feature


def with_geometry(geometry: Any, **props: Any) -> dict[str, Any]:
    """`line_feature` with another geometry (or None)."""
    feature = line_feature(**props)
    feature["geometry"] = geometry
    return feature


def without(field: str) -> dict[str, Any]:
    """`line_feature` lacking one property."""
    feature = line_feature()
    del feature["properties"][field]
    return feature


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection in the data model: the features' inline sources are listed once
    under ``sources`` and cited by id, as `tools/geodata_format.to_v2` writes files."""
    return to_v2({"type": "FeatureCollection", "features": [copy.deepcopy(f) for f in features]})


@pytest.fixture
def write_geojson(tmp_path: Path) -> Callable[..., Path]:
    """Write a GeoJSON object (or raw text) to a file under tmp_path and return its path."""

    def write(content: Any, name: str = "layer.geojson", group: str = "corridors") -> Path:
        path = tmp_path / "geodata" / group / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else json.dumps(content)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _geodata_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(GEODATA.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(GEODATA)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Hash geodata/ before any test runs: no command may write into it."""
    session.config.stash[_DIGEST] = _geodata_digest()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if geodata/ changed while the suite ran."""
    if session.config.stash.get(_DIGEST, None) not in (None, _geodata_digest()):
        session.config.stash[_DIGEST] = None
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                "ERROR: geodata/ changed during the test run; nothing may write there."
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_DIGEST = pytest.StashKey[str]()


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (Debian's) for a module's browser tests.

    Module-scoped, not session-scoped: Playwright's sync API allows one instance per
    thread, and the benchmarks' smoke test starts its own.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    from corridors.maps.screenshot import CHROMIUM_ARGS, chromium_path  # noqa: PLC0415

    path = chromium_path()
    if path is None:
        pytest.skip("no chromium installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_offline(browser: Any, *, width: int = 1280, height: int = 800) -> tuple[Any, Any]:
    """A new page with the network off that records what a reader would not want to see.

    ``page.errors`` (console errors and uncaught exceptions), ``page.failed`` (failed
    requests) and ``page.requests`` (every http(s) request made). Returns (context, page);
    close the context when done.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_offline(True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors, page.failed, page.requests = [], [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("requestfailed", lambda r: page.failed.append(r.url))
    page.on("request", lambda r: page.requests.append(r.url) if r.url.startswith("http") else None)
    return context, page
