"""Shared fixtures: a minimal valid feature and a factory for GeoJSON files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"

SOURCE = {"title": "A test source", "url": "https://example.org/a", "supports": ["geometry"]}


def line_feature(**props: Any) -> dict[str, Any]:
    """A valid railway feature; keyword arguments override its properties."""
    properties = {
        "id": "test-line",
        "name": "Test line",
        "kind": "railway",
        "status": "operating",
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


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [copy.deepcopy(f) for f in features]}


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
