"""The Examples in the docstrings run, and say what the code gives today."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import corridors

#: Every module of the package but ``__main__`` (importing it runs the command line).
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(corridors.__path__, prefix="corridors.")
    if info.name != "corridors.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests__pass(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_doctests__are_found():
    # The examples readers copy from (open, load, route_length, series...) are there
    # to run: a module whose examples vanished would pass the test above.
    attempted = {
        name: doctest.testmod(importlib.import_module(name), report=False).attempted
        for name in ("corridors.catalog", "corridors.lookup", "corridors.measure")
    }
    assert all(count > 0 for count in attempted.values()), attempted
