"""Random damage to the shipped geodata: ``validate`` and ``build`` always agree.

A property-based test (hypothesis): a copy of geodata/ gets one random mutation
of a GeoJSON layer (a property removed or replaced by a value of the wrong kind,
coordinates swapped, moved out of range or made deeply nested, a feature removed
or duplicated, an id reused). Then ``corridors validate`` and ``corridors build``
must agree: both pass, or both exit 2 with one ``corridors: error:`` line per
problem. Neither may exit 1 (a bug), and neither may hang (each run is bounded).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest
from conftest import GEODATA
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from corridors.cli import main

#: The layers mutated: the GeoJSON files that `validate` and `build` both read.
LAYERS = sorted(str(p.relative_to(GEODATA)) for p in GEODATA.rglob("*.geojson"))
#: Values of every kind a hand edit or a bad script could leave in a property.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False),
    st.sampled_from([1e308, -1.0, 0, "", " ", "x" * 300, "KAZ", "cagp-line-a", [], {}]),
    st.text(max_size=20),
    st.lists(st.sampled_from(["KAZ", "XXX", "kaz", 7, None]), max_size=3),
    st.fixed_dictionaries(
        {"value": st.sampled_from([-5, 0, 1e308, "55"]), "unit": st.text(max_size=8)}
    ),
)

Mutation = tuple[str, int, str, Any]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    layer = draw(st.sampled_from(LAYERS))
    index = draw(st.integers(min_value=0, max_value=10_000))
    how = draw(
        st.sampled_from(
            [
                "drop-property",
                "set-property",
                "swap-coordinates",
                "out-of-range",
                "nest-coordinates",
                "drop-feature",
                "duplicate-feature",
                "reuse-id",
                "drop-geometry",
            ]
        )
    )
    return layer, index, how, draw(ODD_VALUES)


def _first_position(coords: Any) -> list[Any] | None:
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        if not isinstance(coords[0][0], list):
            return coords[0] if isinstance(coords[0], list) else None
        coords = coords[0]
    return coords if isinstance(coords, list) and coords else None


def _mutate(data: dict[str, Any], index: int, how: str, value: Any) -> None:
    features = data["features"]
    feature = features[index % len(features)]
    props = feature["properties"]
    keys = sorted(props)
    key = keys[index % len(keys)]
    position = _first_position((feature.get("geometry") or {}).get("coordinates"))
    if how == "drop-property":
        del props[key]
    elif how == "set-property":
        props[key] = value
    elif how == "swap-coordinates" and position:
        position[0], position[1] = position[1], position[0]
    elif how == "out-of-range" and position:
        position[0] = 200.0
    elif how == "nest-coordinates" and position:
        position[0] = NESTED  # written as 3,000 levels of brackets (see `_text`)
    elif how == "drop-feature":
        features.remove(feature)
    elif how == "duplicate-feature":
        features.append(json.loads(json.dumps(feature)))
    elif how == "reuse-id":
        other = features[(index + 1) % len(features)]["properties"].get("id")
        props["id"] = other if other != props.get("id") else "cagp-line-a"
    elif how == "drop-geometry":
        feature["geometry"] = None
    else:  # a geometry without positions: replace the property instead
        props[key] = value


#: A run that takes longer has hung: the alarm interrupts it (and the test fails).
HANG_S = 300


def _hung(signum: int, frame: object) -> None:
    msg = f"a run took over {HANG_S} s"
    raise TimeoutError(msg)


#: Stands for a value nested 3,000 levels deep, which json.dumps itself cannot write.
NESTED = "__nested__"


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False).replace(
        json.dumps(NESTED), "[" * 3000 + "70.0" + "]" * 3000
    )


def _run(argv: list[str]) -> tuple[int, list[str]]:
    err = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(HANG_S)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, err.getvalue().splitlines()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(GEODATA, root / "geodata")
    return root


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure can be reproduced
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each example is a build
)
@given(mutation=mutations())
def test_mutated_geodata__validate_and_build_agree(workspace, mutation):
    layer, index, how, value = mutation
    folder = workspace / "geodata"
    path = folder / layer
    original = (GEODATA / layer).read_bytes()
    data = json.loads(original)
    _mutate(data, index, how, value)
    path.write_text(_text(data), encoding="utf-8")
    out = workspace / "out"
    try:
        validated, validate_err = _run(["--geodata", str(folder), "validate"])
        built, build_err = _run(
            ["--geodata", str(folder), "build", "--out", str(out), "--map", "border"]
        )
    finally:
        path.write_bytes(original)
    assert validated in (0, 2), validate_err
    assert built in (0, 2), build_err
    assert validated == built, (mutation, validate_err[:3], build_err[:3])
    for line in validate_err + build_err:
        assert line.startswith("corridors: error:"), line
