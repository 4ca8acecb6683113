"""The public API as a reader meets it: documented signatures, catchable errors."""

from __future__ import annotations

import inspect
import re

import pytest

import corridors
from corridors import catalog, errors

FUNCTIONS = sorted(
    name for name in corridors.__all__ if inspect.isfunction(getattr(corridors, name))
)
_SECTION = re.compile(r"^(\w[\w ]*)\n-+\n", re.MULTILINE)


def _sections(doc: str) -> dict[str, str]:
    """numpydoc sections of a (dedented) docstring, by title."""
    heads = list(_SECTION.finditer(doc))
    return {
        m.group(1): doc[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(doc)]
        for i, m in enumerate(heads)
    }


def _documented(section: str) -> set[str]:
    """Names a Parameters section documents (``a, b`` documents both)."""
    return {
        name.strip()
        for line in section.splitlines()
        if line and not line[0].isspace()
        for name in line.split(",")
    }


def test_public_functions__are_many():
    assert len(FUNCTIONS) >= 20  # the test below would pass on an empty list


@pytest.mark.parametrize("name", FUNCTIONS)
def test_public_function__has_parameters_and_returns(name):
    func = getattr(corridors, name)
    sections = _sections(inspect.getdoc(func) or "")
    assert "Returns" in sections, f"{name} has no Returns section"
    parameters = [
        p
        for p in inspect.signature(func).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if parameters:
        assert "Parameters" in sections, f"{name} has no Parameters section"
        missing = {p.name for p in parameters} - _documented(sections["Parameters"])
        assert missing == set(), f"{name} does not document {sorted(missing)}"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_geodata__an_explicit_keyword_where_a_function_reads_geodata(name):
    func = getattr(corridors, name)
    parameter = inspect.signature(func).parameters.get("geodata")
    if not hasattr(func, "__wrapped__"):  # not run with a folder in use (catalog.with_geodata)
        assert parameter is None or parameter.kind is parameter.KEYWORD_ONLY
        return
    assert parameter is not None, f"{name} reads geodata but has no geodata= parameter"
    assert parameter.kind is parameter.KEYWORD_ONLY
    assert parameter.default is None
    annotation = str(parameter.annotation)
    assert annotation == "str | os.PathLike[str] | Catalog | None"


def test_geodata__a_function_without_the_keyword_is_refused():
    def reads(layer: str) -> str:
        return layer

    with pytest.raises(TypeError, match="geodata=None"):
        catalog.with_geodata(reads)


def test_geodata__a_wrong_type_says_what_is_expected():
    with pytest.raises(TypeError, match=r"folder path or a corridors\.open\(\) catalog"):
        corridors.load("cagp", geodata=42)  # type: ignore[arg-type]


def test_errors__every_error_users_can_catch_is_exported():
    defined = {
        name
        for name, obj in vars(errors).items()
        if isinstance(obj, type)
        and issubclass(obj, Exception)
        and obj.__module__ == errors.__name__
    }
    assert defined <= set(corridors.__all__)
    for name in defined:
        assert getattr(corridors, name) is getattr(errors, name)


def test_errors__input_error_is_catchable_from_the_package():
    with pytest.raises(corridors.InputError, match="every_km must be positive"):
        corridors.chainage(corridors.load("cagp").geometry.iloc[0], 0)
    with pytest.raises(ValueError, match="every_km"):  # a ValueError as well
        corridors.chainage(corridors.load("cagp").geometry.iloc[0], -1)


def test_length_by_country__names_its_unit():
    split = corridors.length_by_country("cagp-line-a")
    assert list(split.columns) == ["country", "name", "length_km", "fraction"]
    assert split["fraction"].sum() == pytest.approx(1.0)
