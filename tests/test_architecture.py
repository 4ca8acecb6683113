"""The data flows one way: data → computations → presentation, nothing imports upward.

Read from the source (every ``import``, at module level or inside a function), so
that a deferred import cannot hide an upward edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import corridors

SRC = Path(corridors.__file__).parent

#: Each module's layer. Lower layers never import higher ones; `errors` and `fmt`
#: (messages and number formats) are below everything; the package's ``__init__``
#: (the public API) and ``__main__`` sit on top.
LAYERS = {
    "errors": 0,
    "fmt": 0,
    # checks of user-given arguments and paths, and the one writer of files
    "arguments": 0,
    "atomic": 0,
    "bundled": 0,
    "paths": 0,
    # data: files of the geodata folder, read, validated and kept
    "catalog": 1,
    "schema": 1,
    "parameters": 1,
    "timeseries": 1,
    "names": 1,
    "control_data": 1,
    "schemas": 1,
    "sourcing": 1,
    "geometry_checks": 1,
    "lifecycle": 1,
    # computations: on geometries, the network, the transit model, lookups by name
    "measure": 2,
    "lookup": 2,
    "network": 2,
    "transit": 2,
    "checks": 2,
    "control": 2,
    "validation": 2,
    "years": 2,
    # presentation: maps, files for GIS tools, the command line
    "maps": 3,
    "export": 3,
    "cli": 3,
    "site": 3,
    "__init__": 4,
    "__main__": 4,
}
LAYER_NAMES = {0: "base", 1: "data", 2: "computations", 3: "presentation", 4: "package"}


def _module(path: Path) -> str:
    """``corridors.maps.build`` → ``maps``: the top-level module a file belongs to."""
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> set[str]:
    """The corridors modules (top level) a file imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(SRC).parent.parts
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = ["corridors", *package[: len(package) - node.level + 1]]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module == "corridors":  # from corridors import catalog, measure
                names = [f"corridors.{alias.name}" for alias in node.names]
            else:
                names = [module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "corridors" and len(parts) > 1:
                found.add(parts[1])
    return found


def _edges() -> list[tuple[str, str, str]]:
    """(importer, imported, file) for every import between top-level modules."""
    edges = []
    for path in sorted(SRC.rglob("*.py")):
        importer = _module(path)
        for imported in _imports(path):
            if imported != importer:
                edges.append((importer, imported, str(path.relative_to(SRC))))
    return edges


def test_every_module_has_a_layer():
    modules = {_module(path) for path in SRC.rglob("*.py")}
    assert modules - set(LAYERS) == set()


def test_imports__never_upward():
    upward = [
        f"{file}: {LAYER_NAMES[LAYERS[a]]} module {a} imports {LAYER_NAMES[LAYERS[b]]} module {b}"
        for a, b, file in _edges()
        if LAYERS[b] > LAYERS[a]
    ]
    assert upward == []


def test_imports__no_cycles_between_modules():
    graph = nx.DiGraph([(a, b) for a, b, _ in _edges()])
    assert list(nx.simple_cycles(graph)) == []


@pytest.mark.parametrize(
    ("module", "never"),
    [
        ("catalog", {"measure", "lookup", "network", "transit", "checks"}),
        # the geodesic core computes on geometries: names are looked up above it
        ("measure", {"lookup", "network", "transit", "checks"}),
    ],
)
def test_imports__the_core_stays_below(module, never):
    imported = {b for a, b, _ in _edges() if a == module}
    assert imported & never == set()


def test_parser__sees_deferred_and_package_imports(tmp_path):
    # The check itself can fail: an import inside a function counts.
    source = SRC / "catalog.py"
    assert "schema" in _imports(source)
    assert "measure" in _imports(SRC / "lookup.py")
    assert "maps" in _imports(SRC / "cli.py")  # imported only inside _cmd_build
