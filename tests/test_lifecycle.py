"""A feature's dated, sourced history: its rules, and its status on any date."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from conftest import GEODATA, SOURCE, collection, line_feature

import corridors
from corridors.errors import GeodataError
from corridors.lifecycle import date_span, expected_date, read_as_of, state
from corridors.schema import validate_collection

CITE = {"ref": "a-test-source", "quote": "The line was agreed in 2019 and opened on 1 May 2021."}
DATED = [
    {"step": "agreed", "date": "2019", "source": CITE},
    {"step": "opened", "date": "2021-05-01", "source": CITE},
]
BUILDING = [
    {"step": "construction_started", "date": "2023-12", "source": {**CITE, "quote": "since 2023"}},
    {
        "step": "opened",
        "expected": [
            {"date": "2027", "source": {"ref": "a-test-source", "quote": "due in 2027"}},
            {"date": "2029-06", "source": {"ref": "b-source", "quote": "by mid-2029"}},
        ],
    },
]


def _feature_with(history):
    feature = collection(line_feature(history=history))
    feature["sources"]["b-source"] = {"title": "B, 2024", "url": "https://example.org/b"}
    return feature


def _problems(history):
    with pytest.raises(GeodataError) as info:
        validate_collection(_feature_with(history), origin="layer.geojson")
    problems = getattr(info.value, "problems", [info.value])
    return [(p.field, p.problem) for p in problems]


def test_valid_histories_pass():
    validate_collection(_feature_with(DATED), origin="x")
    validate_collection(_feature_with(BUILDING), origin="x")


BROKEN = {
    "unknown-step": ([{"step": "built", "date": "2020", "source": CITE}], "history[0].step"),
    "bad-day": ([{"step": "opened", "date": "2021-02-30", "source": CITE}], ".date"),
    "free-text-date": ([{"step": "opened", "date": "May 2021", "source": CITE}], "history[0]"),
    "no-source": ([{"step": "opened", "date": "2021"}], "source"),
    "date-and-expected": (
        [{"step": "opened", "date": "2021", "source": CITE, "expected": BUILDING[1]["expected"]}],
        "history[0]",
    ),
    "quote-without-year": (
        [{"step": "opened", "date": "2018", "source": {**CITE, "quote": "opened last spring"}}],
        "history[0] (opened).source.quote",
    ),
    "quote-missing": (
        [{"step": "opened", "date": "2021", "source": {"ref": "a-test-source"}}],
        "source.quote",
    ),
    "opened-before-construction": (
        [
            {"step": "opened", "date": "2021", "source": CITE},
            {"step": "construction_started", "date": "2021", "source": CITE},
        ],
        "history[1] (construction_started)",
    ),
    "dates-out-of-order": (
        [
            {"step": "agreed", "date": "2021", "source": CITE},
            {"step": "electrified", "date": "2019", "source": CITE},
        ],
        "history[1] (electrified).date",
    ),
    "dated-after-expected": (
        [BUILDING[1], {"step": "electrified", "date": "2021", "source": CITE}],
        "history[1] (electrified).date",
    ),
    "expected-without-source": (
        [{"step": "opened", "expected": [{"date": "2027"}]}],
        "history[0].expected[0]",
    ),
    "expected-same-source-twice": (
        [
            {
                "step": "opened",
                "expected": [
                    {"date": "2027", "source": {"ref": "b-source", "quote": "in 2027"}},
                    {"date": "2028", "source": {"ref": "b-source", "quote": "in 2028"}},
                ],
            }
        ],
        "history[0] (opened).expected[1].source",
    ),
    "expected-quote-without-year": (
        [{"step": "opened", "expected": [{"date": "2027", "source": {**CITE, "quote": "soon"}}]}],
        "history[0] (opened).expected[0].source.quote",
    ),
    "expected-after-it-happened": (
        [
            {"step": "opened", "date": "2021", "source": CITE},
            {"step": "opened", "expected": [{"date": "2027", "source": {**CITE, "quote": "2027"}}]},
        ],
        "history[1] (opened)",
    ),
    "capacity-without-capacity": (
        [{"step": "capacity_changed", "date": "2021", "source": CITE}],
        "history[0].capacity",
    ),
    "capacity-figure-not-quoted": (
        [
            {
                "step": "capacity_changed",
                "date": "2021",
                "capacity": {"value": 5, "unit": "Mt/yr"},
                "source": {**CITE, "quote": "raised to 6.5 million tonnes in 2021"},
            }
        ],
        "history[0] (capacity_changed).source.quote",
    ),
    "partly-opened-without-section": (
        [{"step": "partly_opened", "date": "2021", "source": CITE}],
        "history[0] (partly_opened).section",
    ),
    "resumed-without-suspended": (
        [{"step": "resumed", "date": "2021", "source": CITE}],
        "history[0] (resumed)",
    ),
    "cites-unknown-source": (
        [{"step": "opened", "date": "2021", "source": {"ref": "nowhere", "quote": "2021"}}],
        "source.ref",
    ),
    "typed-status-beside-history": (None, "status"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_history__one_line_naming_file_feature_step_and_field(name):
    history, field = BROKEN[name]
    if history is None:
        data = collection(line_feature(history=DATED, status="operating"))
        with pytest.raises(GeodataError) as info:
            validate_collection(data, origin="layer.geojson")
        problems = [(p.field, p.problem) for p in getattr(info.value, "problems", [info.value])]
    else:
        problems = _problems(history)
    assert any(field in (f or "") for f, _ in problems), problems
    with pytest.raises(GeodataError) as info:
        validate_collection(
            _feature_with(history) if history else collection(line_feature(status="x")),
            origin="layer.geojson",
        )
    first = str(info.value).splitlines()[0]
    assert first.startswith("layer.geojson: feature 'test-line': field ")


def test_capacity_quote_may_write_the_figure_with_separators():
    step = {
        "step": "capacity_changed",
        "date": "2024-05",
        "capacity": {"value": 5000000, "unit": "t/yr"},
        "source": {**CITE, "quote": "raised to 5,000,000 tonnes a year in May 2024"},
    }
    validate_collection(_feature_with([step]), origin="x")


def test_state__status_and_opened_on_any_day():
    assert state(DATED, dt.date(2018, 12, 31)).status is None
    assert state(DATED, dt.date(2019, 12, 31)).status == "proposed"
    assert state(DATED, dt.date(2021, 4, 30)).status == "proposed"  # 1 May 2021 not yet
    opened = state(DATED, dt.date(2021, 12, 31))
    assert (opened.status, opened.opened, opened.expected) == ("operating", "2021-05-01", False)


def test_state__expected_steps_count_only_after_today_by_earliest_or_latest():
    today = dt.date(2026, 12, 6)
    assert state(BUILDING, today, today=today).status == "under_construction"
    assert state(BUILDING, dt.date(2026, 12, 31), today=today).status == "under_construction"
    early = state(BUILDING, dt.date(2027, 12, 31), today=today)
    assert (early.status, early.opened, early.expected) == ("operating", "2027", True)
    late = state(BUILDING, dt.date(2027, 12, 31), today=today, expectation="latest")
    assert late.status == "under_construction"
    assert state(BUILDING, dt.date(2029, 12, 31), today=today, expectation="latest").opened == (
        "2029-06"
    )
    assert expected_date(BUILDING[1]) == "2027"
    assert expected_date(BUILDING[1], "latest") == "2029-06"


def test_state__capacity_from_its_date():
    history = [
        *DATED,
        {
            "step": "capacity_changed",
            "date": "2024-05",
            "capacity": {"value": 5, "unit": "Mt/yr"},
            "source": CITE,
        },
    ]
    assert state(history, dt.date(2023, 12, 31)).capacity is None
    assert state(history, dt.date(2024, 12, 31)).capacity == {"value": 5, "unit": "Mt/yr"}


def test_date_span__year_month_day():
    assert date_span("2025") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert date_span("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    with pytest.raises(ValueError, match="2025-13"):
        date_span("2025-13")


def test_as_of__read_from_the_data_never_the_clock():
    assert read_as_of(GEODATA) == corridors.open().as_of
    assert corridors.open().as_of is not None


def test_as_of__a_step_dated_after_it_is_named(tmp_path):
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    (root / "atlas.toml").write_text('as_of = "2015-01-01"\n', encoding="utf-8")
    with pytest.raises(GeodataError) as info:
        corridors.open(root).load_all()
    lines = [str(p) for p in getattr(info.value, "problems", [info.value])]
    kars = [line for line in lines if "feature 'titr-akhalkalaki-kars'" in line]
    assert any(
        "(opened).date': 2017-10-30 is after the data's as-of date 2015-01-01" in line
        for line in kars
    ), kars


def test_loaded_layers_carry_status_and_opened_from_history():
    kars = corridors.feature("titr-akhalkalaki-kars")
    assert kars["status"] == "operating"
    assert kars["opened"] == "2017-10-30"
    opened = [s for s in kars["history"] if s["step"] == "opened"]
    assert [s["date"] for s in opened] == ["2017-10-30"]


def test_every_history_quote_in_the_data_contains_its_year_or_figure():
    # The validator enforces it when loading; this states it over the whole bundled folder.
    everything = corridors.load_all()
    checked = 0
    for row in everything.to_dict("records"):
        history = row.get("history")
        for step in history if isinstance(history, list) else []:
            entries = step.get("expected") or [step]
            for entry in entries:
                quote, title = entry["source"]["quote"], entry["source"]["title"]
                if "capacity" in step:
                    assert str(step["capacity"]["value"])[:1] in quote, row["id"]
                else:
                    year = entry["date"][:4]
                    # or a span written short that ends at the year: "built in 1939–40" backs 1940
                    short_span = rf"(?<!\d){year[:2]}\d\d\s*[–—-]\s*{year[2:]}(?!\d)"
                    assert year in quote or year in title or re.search(short_span, quote), row["id"]
                checked += 1
    assert checked >= 15


def test_migration__typed_fields_become_history_and_it_runs_again(tmp_path):
    import migrate_history  # noqa: PLC0415 (tools/ is on the path in conftest)

    old = line_feature(
        status="operating",
        opened="2017-10-30",
        sources=[
            SOURCE,
            {
                "title": "A, 2017",
                "url": "https://example.org/x",
                "quote": "launched",
                "supports": ["opened"],
            },
            {
                "title": "B",
                "url": "https://example.org/y",
                "quote": "launched on 30 October 2017",
                "supports": ["opened", "operator"],
            },
        ],
        operator="ADY",
    )
    path = tmp_path / "corridors" / "legs.geojson"
    path.parent.mkdir()
    path.write_text(json.dumps(collection(old)), encoding="utf-8")
    assert migrate_history.main([str(tmp_path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    props = data["features"][0]["properties"]
    assert "status" not in props
    assert "opened" not in props
    (step,) = props["history"]
    assert step["date"] == "2017-10-30"
    assert step["source"]["quote"] == "launched on 30 October 2017"
    assert [c.get("supports") for c in props["sources"]] == [
        ["geometry"],
        ["history"],
        ["operator"],
    ]
    validate_collection(data, origin=str(path))
    text = path.read_text(encoding="utf-8")
    assert migrate_history.main([str(tmp_path)]) == 0
    assert path.read_text(encoding="utf-8") == text
