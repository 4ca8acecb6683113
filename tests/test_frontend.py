"""The maps' front end as files: JS and CSS in static/, and its parity with the library.

The Node tests (``tests/js/``, ``npm test``) run the page's JavaScript on the fixtures
of ``tests/fixtures/``; these tests check that the fixtures are what the library
computes now, so the page and the library are checked on the same cases.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from conftest import REPO
from frontend_cases import FIXTURES, MAKERS, dump

import corridors
from corridors.maps import frontend
from corridors.maps.calculator_data import resum

SRC = REPO / "src"
#: A line of JavaScript or CSS: ends a statement or opens or closes a block, declares,
#: or is a ``//`` comment (a line that is only a Jinja tag, ``{% macro ... %}``, is not).
_CODE_LINE = re.compile(r"[;{}]\s*$|^\s*(var|let|const|function)\b|^\s*//")
_JINJA_TAG = re.compile(r"^\s*\{%.*%\}\s*$")
#: JavaScript or CSS in any string: a function, an arrow, or a rule ``{ name: value; }``.
_CODE = re.compile(r"\bfunction\s*\(|=>|[\w-]+\s*:\s*[^;{}]+;\s*\}")
#: Lines of JavaScript or CSS a Python string may hold (a short call in a folium macro).
MAX_CODE_LINES = 5


def code_blocks(source: str) -> list[tuple[int, int]]:
    """(line, code lines) of each string literal of Python `source` holding JS or CSS."""
    found = []
    tree = ast.parse(source)
    parts = {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts
        ):
            text = node.value
        else:
            continue
        lines = sum(
            1
            for line in text.splitlines()
            if _CODE_LINE.search(line) and not _JINJA_TAG.match(line)
        )
        if "\n" not in text and _CODE.search(text):  # adjacent strings: the lines they take
            lines = max(lines, (node.end_lineno or node.lineno) - node.lineno + 1)
        if lines > MAX_CODE_LINES:
            found.append((node.lineno, lines))
    return found


def test_no_python_file_holds_javascript_or_css():
    """JS and CSS live in corridors/maps/static/, where the linter and Node tests see them."""
    offenders = [
        f"{path.relative_to(REPO)}:{line} ({n} lines of JS/CSS)"
        for path in sorted(SRC.rglob("*.py"))
        for line, n in code_blocks(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "move these into src/corridors/maps/static/: " + ", ".join(offenders)


@pytest.mark.parametrize("name", ["controls.js", "basemap.css", "index.css", "timeline.js"])
def test_code_blocks__finds_javascript_and_css_in_a_string(name):
    """The check above can fail: a static file pasted into a Python string is found."""
    text = frontend.static(name)
    braced = text.replace("{", "{{").replace("}", "}}")
    source = f"X = 1\nCODE = {text!r}\nY = rf'''{{X}}\n{braced}'''\n"
    assert [line for line, _ in code_blocks(source)] == [2, 3]
    assert (
        code_blocks("def f():\n    '''A docstring.\n\n    Returns\n    -------\n    x\n'''\n") == []
    )


def test_static__every_file_is_inlined_from_the_package():
    names = sorted(p.name for p in (SRC / "corridors" / "maps" / "static").iterdir())
    assert {"controls.js", "controls.css", "calculator.js", "timeline.js"} <= set(names)
    assert {Path(n).suffix for n in names} == {".js", ".css"}
    for name in names:
        text = frontend.static(name)
        assert text.endswith("\n")
        assert "</script" not in text
        assert "</style" not in text
        assert not re.search(r"\{[{%#]", text), f"{name}: a Jinja opener in a page script"
    assert frontend.script("controls.js").startswith("<script>\nvar corridors = ")


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_fixtures__are_what_the_library_computes_now(name):
    """Stale fixtures would let the page drift from the library unseen."""
    assert (FIXTURES / name).read_text(encoding="utf-8") == dump(MAKERS[name]()), (
        f"tests/fixtures/{name} is out of date: run `python tests/frontend_cases.py`."
    )


def _calculator_cases():
    return json.loads((FIXTURES / "calculator-cases.json").read_text(encoding="utf-8"))


def test_calculator_cases__at_least_ten_and_their_totals_are_the_model_s():
    fixture = _calculator_cases()
    cases = fixture["cases"]
    assert len(cases) >= 10
    assert len({(c["origin"], c["destination"], c["variant"]) for c in cases}) >= 10
    assert sum(1 for c in cases if c["overrides"]) >= 5
    for case in cases:
        variant = {"titr": "titr", "northern": "northern"}.get(case["variant"], "sea")
        scenario = "suez-closed" if case["variant"] == "sea@suez-closed" else None
        result = corridors.transit_time(
            case["origin"],
            case["destination"],
            corridor=variant,
            scenario=scenario,
            overrides=case["overrides"] or None,
        )
        assert case["hours"] == pytest.approx(result.hours, rel=1e-12)
        # Python's re-sum of the legs the page holds (the page's sum is checked by Node).
        plan = {"legs": case["legs"]}
        sums = resum(plan, fixture["parameters"], case["overrides"])
        assert sums == pytest.approx(case["hours"], rel=1e-12)


def test_timeline_cases__hide_what_opened_later():
    fixture = json.loads((FIXTURES / "timeline-cases.json").read_text(encoding="utf-8"))
    hidden = {c["year"]: set(c["hidden"]) for c in fixture["cases"]}
    # Line C of the gas pipeline opened in 2014 (its sourced `opened`), the Kuryk port in 2016.
    assert "cagp-line-c" in hidden[2010]
    assert "cagp-line-c" not in hidden[2014]
    assert "kuryk" in hidden[2014]
    assert "kuryk" not in hidden[2016]
    assert hidden[max(hidden)] == set()


def _vertices(coordinates):
    if isinstance(coordinates[0], float | int):
        return [coordinates]
    return [v for part in coordinates for v in _vertices(part)]


def test_unpack_cases__coordinates_are_the_data_s_rounded_to_1e_5():
    fixture = json.loads((FIXTURES / "unpack-cases.json").read_text(encoding="utf-8"))
    every = corridors.load_all().set_index("id")
    for piece in fixture["expected"]:
        vertices = np.array(_vertices(piece["coordinates"]))
        assert np.allclose(vertices, np.round(vertices, 5), rtol=0, atol=1e-12)
        gaps = shapely.distance(every.loc[piece["id"], "geometry"], shapely.points(vertices))
        assert gaps.max() <= 0.5e-5 * 2**0.5, piece["id"]


def test_templates__data_text_is_escaped_in_text_and_quoted_attributes():
    """Panels are templates with autoescaping: quotes of both kinds and markup stay text."""
    from corridors.maps.common import details, legend  # noqa: PLC0415
    from corridors.maps.timeline import control_html  # noqa: PLC0415

    evil = 'Xi\'an "<script>alert(1)</script>" & co'
    escaped = "Xi&#39;an &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; co"
    timeline = control_html({"first": 2000, "last": 2020, "undated": [evil], "planned": []})
    assert f"<li>{escaped}</li>" in timeline
    assert "Planned, no date" not in timeline  # an empty list is left out
    key = legend(evil, [({"color": "#123456", "weight": 30}, evil)], ["city"])
    assert f"<h3>{escaped}</h3>" in key
    assert "border-top-width:12px" in key  # thick lines capped in the swatch
    assert "<script>" not in key
    assert details(evil, key, open_=True).startswith(f"<details open><summary>{escaped}</summary>")
    assert frontend.esc(evil) == escaped
    assert frontend.link("javascript:alert(1)", evil) == escaped
    assert frontend.link("https://x.org/?a=1&b='2'", "t") == "t"  # not a plain http(s) URL
    assert frontend.link("https://x.org/?a=1&b=2", "t's") == (
        '<a href="https://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">t&#39;s</a>'
    )


def test_templates__layout_is_not_in_the_page():
    """Template line breaks and indentation are for reading; pages carry none of them."""
    html = frontend.render("panels/energy-note.html")
    assert html.startswith("<div class='c-note'>")
    assert "\n" not in html
    assert "{#" not in frontend.render("panels/details.html", summary="s", body="b", open=False)
