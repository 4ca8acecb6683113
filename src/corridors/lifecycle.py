"""The dated life cycle of a feature: its ``history``, and its status on any date.

Every feature may carry ``history``, a list of steps in date order, each citing a
source of its file (see ``docs/data-model.md``)::

    {"step": "construction_started", "date": "2023-12-21", "source": {"ref": ..., "quote": ...}}
    {"step": "opened", "expected": [{"date": "2027", "source": {...}, "said": "2023-12-21"}]}

A step that has happened has ``date`` and ``source``; one that has not has
``expected``, one entry per source (disagreements kept). The status and the
opening date are derived from the history, never typed: `state` gives them for
any cut-off date. "Today" is the data's own as-of date (``as_of`` in
``geodata/atlas.toml``), never the clock, so that every output reproduces.

Years: "in year Y" means "by the end of Y", except in the as-of year itself,
which ends on the as-of date (what has happened, not what is expected later
that year). A year after the as-of year counts the expected steps too, by their
earliest (or latest) sourced expectation, and flags the result as expected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

#: Steps of the life cycle, in the order a feature goes through them.
LIFE_STEPS = (
    "proposed",
    "agreed",
    "construction_started",
    "opened",
    "suspended",
    "resumed",
    "cancelled",
    "closed",
)
#: Events on a line or site that stays what it is.
EVENT_STEPS = (
    "partly_opened",
    "second_track_opened",
    "capacity_changed",
    "electrified",
    "expanded",
    "upgraded",
)
STEPS = LIFE_STEPS + EVENT_STEPS
#: The status each life-cycle step leads to (``agreed`` is still a proposal).
STEP_STATUS = {
    "proposed": "proposed",
    "agreed": "proposed",
    "construction_started": "under_construction",
    "opened": "operating",
    "resumed": "operating",
    "suspended": "suspended",
    "cancelled": "cancelled",
    "closed": "closed",
}
#: Statuses a feature can have (derived from its history).
STATUSES = ("proposed", "under_construction", "operating", "suspended", "cancelled", "closed")
#: Statuses of something not (or no longer) carrying traffic.
NOT_OPEN = frozenset({"proposed", "under_construction", "suspended", "cancelled", "closed"})
#: Where a geodata folder keeps its own settings (the as-of date).
ATLAS_FILE = "atlas.toml"

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")

Expectation = Literal["earliest", "latest"]


def date_span(text: str) -> tuple[dt.date, dt.date]:
    """First and last day an ISO 8601 date of year, month or day precision covers.

    Parameters
    ----------
    text
        ``"2025"``, ``"2025-09"`` or ``"2025-09-30"``.

    Returns
    -------
    span
        ``(first day, last day)``: ``"2025"`` covers 2025-01-01 to 2025-12-31.

    Raises
    ------
    ValueError
        If `text` is not such a date or names a day that does not exist.
    """
    match = DATE_PATTERN.match(text) if isinstance(text, str) else None
    if match is None:
        msg = f"expected a date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', got {text!r}."
        raise ValueError(msg)
    year = int(match.group(1))
    if match.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(match.group(2))
    if match.group(3) is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, int(match.group(3)))  # raises ValueError on 2025-02-30
    return day, day


def read_as_of(root: str | Path) -> dt.date | None:
    """The as-of date of a geodata folder (``as_of`` in its ``atlas.toml``), or None.

    Raises
    ------
    ValueError
        If ``atlas.toml`` exists but its ``as_of`` is missing or not a full date.
    """
    path = Path(root) / ATLAS_FILE
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        settings = tomllib.load(fh)
    value = settings.get("as_of")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        first, last = date_span(value)
        if first == last:
            return first
    msg = (
        f"{path}: field 'as_of': expected the data's as-of day, e.g. as_of = \"2026-12-06\", "
        f"got {value!r}."
    )
    raise ValueError(msg)


def latest_dated_step(histories: Iterable[Any]) -> dt.date | None:
    """The last day of the latest dated step of any history (the as-of fallback)."""
    days = [
        date_span(step["date"])[1]
        for history in histories
        if isinstance(history, list)
        for step in history
        if isinstance(step, dict) and isinstance(step.get("date"), str)
        if DATE_PATTERN.match(step["date"])
    ]
    return max(days) if days else None


def cutoff(year: int | None, today: dt.date | None) -> dt.date | None:
    """The day a year's state is taken on: the end of `year`, or `today` in today's year.

    ``year=None`` means today (None if there is no as-of date: every dated step counts).
    """
    if year is None:
        return today
    if today is not None and year == today.year:
        return today
    return dt.date(year, 12, 31)


@dataclass(frozen=True)
class State:
    """A feature's life-cycle state on one day.

    Attributes
    ----------
    status
        One of `STATUSES`, or None when no life-cycle step has happened (nor is expected) by then.
    opened
        The date of the ``opened`` step as written (``"2017-10-30"``), if it has happened by
        then or, when `expected`, the expected date that counted.
    expected
        True when the status rests on an expectation (a step not yet happened on the as-of date).
    capacity
        The latest ``capacity_changed`` capacity by then (``{"value", "unit"}``), if any.
    steps
        The steps counted, in order, each as ``(step, date, expected)``.
    """

    status: str | None
    opened: str | None = None
    expected: bool = False
    capacity: Mapping[str, Any] | None = None
    steps: tuple[tuple[str, str, bool], ...] = field(default=())


def expected_date(step: Mapping[str, Any], expectation: Expectation = "earliest") -> str | None:
    """The date an expected step counts from: its earliest (or latest) sourced expectation."""
    entries = [
        e
        for e in step.get("expected") or []
        if isinstance(e, dict) and isinstance(e.get("date"), str) and DATE_PATTERN.match(e["date"])
    ]
    if not entries:
        return None
    if expectation == "earliest":
        return str(min(entries, key=lambda e: date_span(e["date"])[0])["date"])
    return str(max(entries, key=lambda e: date_span(e["date"])[1])["date"])


def _counted(
    history: Sequence[Mapping[str, Any]],
    on: dt.date | None,
    today: dt.date | None,
    expectation: Expectation,
) -> Iterator[tuple[Mapping[str, Any], str, bool]]:
    """The steps that count on day `on`: (step, its date, whether it is an expectation)."""
    future = on is not None and (today is None or on > today)
    for step in history:
        if not isinstance(step, Mapping):
            continue
        if isinstance(step.get("date"), str) and DATE_PATTERN.match(step["date"]):
            if on is None or date_span(step["date"])[0] <= on:
                yield step, step["date"], False
        elif future and step.get("expected"):
            when = expected_date(step, expectation)
            if when is None:
                continue
            first, last = date_span(when)
            if (first if expectation == "earliest" else last) <= on:  # type: ignore[operator]
                yield step, when, True


def state(
    history: Any,
    on: dt.date | None = None,
    *,
    today: dt.date | None = None,
    expectation: Expectation = "earliest",
) -> State:
    """A feature's status, opening date and capacity on day `on`, from its history.

    Parameters
    ----------
    history
        The feature's ``history`` (a list of steps; None or anything else: no history).
    on
        The day (None: after every dated step, i.e. today).
    today
        The data's as-of date: expected steps count only on days after it.
    expectation
        Which sourced expectation an expected step counts from: the ``earliest`` date any
        source gives, or the ``latest``.

    Returns
    -------
    State
    """
    if not isinstance(history, list):
        return State(None)
    status: str | None = None
    opened: str | None = None
    capacity: Mapping[str, Any] | None = None
    expected = False
    counted = []
    for step, when, is_expected in _counted(history, on, today, expectation):
        name = step.get("step")
        counted.append((str(name), when, is_expected))
        if name in STEP_STATUS:
            status = STEP_STATUS[str(name)]
            expected = is_expected
            if name == "opened":
                opened = when
        elif name == "capacity_changed" and isinstance(step.get("capacity"), Mapping):
            capacity = step["capacity"]
    return State(status, opened, expected, capacity, tuple(counted))


def opening(history: Any) -> tuple[str, bool] | None:
    """When a feature opened, or is expected to open: ``(date, expected)``, or None.

    The dated ``opened`` step if there is one, else the earliest date sources expect it.
    """
    if not isinstance(history, list):
        return None
    for step in history:
        if isinstance(step, Mapping) and step.get("step") == "opened":
            if isinstance(step.get("date"), str):
                return str(step["date"]), False
            when = expected_date(step)
            if when is not None:
                return when, True
    return None


def undated(history: Any) -> bool:
    """Whether a history holds no life-cycle step at all (neither dated nor expected)."""
    if not isinstance(history, list):
        return True
    return not any(isinstance(s, Mapping) and s.get("step") in STEP_STATUS for s in history)


def only_expected(history: Any) -> bool:
    """Whether every life-cycle step of a history is still expected (a planned project)."""
    if not isinstance(history, list):
        return False
    life = [s for s in history if isinstance(s, Mapping) and s.get("step") in STEP_STATUS]
    return bool(life) and all("expected" in s for s in life)


def year_of(value: Any) -> int | None:
    """The year of a date value (``"2009-12"`` -> 2009), or None."""
    if isinstance(value, str) and DATE_PATTERN.match(value):
        return int(value[:4])
    return None


# ----------------------------------------------------------------------------------------
# Validation: what the JSON Schema cannot say (called by corridors.schema for every feature)

#: Life-cycle steps that can only go forward: their rank may not decrease along a history.
_FORWARD = {"proposed": 0, "agreed": 1, "construction_started": 2, "opened": 3}
#: Event steps that say what changed in their ``note``.
_NOTE_STEPS = ("expanded", "upgraded")
#: Hand-typed properties that the history replaced.
DERIVED_FIELDS = ("status", "opened")
#: How to fix a file still in the old form.
MIGRATE_HINT = "run `python tools/migrate_history.py <geodata folder>` or write the step by hand"


def _number_forms(value: Any) -> list[str]:
    """Ways a figure may be written in a quote: 5, 5.0, 5,000 / 5 000, 1.5 / 1,5."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return []
    if float(value).is_integer():
        n = int(value)
        return [
            str(n),
            f"{n:,}",
            f"{n:,}".replace(",", " "),
            f"{n:,}".replace(",", "."),
            f"{n:,}".replace(",", "\u00a0"),
            f"{n:,}".replace(",", "\u202f"),
        ]
    text = repr(float(value))
    return [text, text.replace(".", ",")]


#: A span of years written short: "1939–40", "1905-06".
_SHORT_RANGE = re.compile(r"(?<!\d)(\d{2})(\d{2})\s*[–—-]\s*(\d{2})(?!\d)")


def _in_short_range(year: str, text: str) -> bool:
    """Whether `text` ends a short span of years at `year` ("1939–40" ends at 1940)."""
    return any(m.group(1) + m.group(3) == year for m in _SHORT_RANGE.finditer(text))


def quote_backs(quote: Any, *, date: str | None = None, figure: Any = None) -> bool:
    """Whether a quote contains the year of `date` (and the figure, when one is given).

    The year may end a span written short: "built in 1939–40" backs 1940.
    """
    if not isinstance(quote, str):
        return False
    if date is not None and date[:4] not in quote and not _in_short_range(date[:4], quote):
        return False
    if figure is not None:
        return any(
            re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", quote)
            for form in _number_forms(figure)
        )
    return True


def history_problems(
    props: Mapping[str, Any],
    err: Any,
    check_citation: Any,
    sources: Mapping[str, Any] | None = None,
) -> Iterator[Any]:
    """Every problem of a feature's ``history`` and of hand-typed status/opened fields.

    Parameters
    ----------
    props
        The feature's properties as written in the file.
    err
        ``err(field, message)`` makes the error (it knows the file and the feature).
    check_citation
        ``check_citation(citation, where)`` yields the problems of one citation.
    sources
        The file's sources by id: a quote that gives a relative date ("on Thursday",
        "in April of this year") backs the year named in its source's dated title.
    """
    for typed in DERIVED_FIELDS:
        if typed in props:
            yield err(
                typed,
                f"{typed!r} is derived from 'history' and is no longer typed; {MIGRATE_HINT} "
                "(docs/data-model.md, Life cycle).",
            )
    if "history" not in props:
        return
    history = props["history"]
    if not isinstance(history, list):
        yield err("history", f"must be a list of steps, got {type(history).__name__}.")
        return
    happened: dict[str, str] = {}
    last_day: dt.date | None = None
    last_rank = -1
    seen_expected: str | None = None
    suspended = False
    for i, step in enumerate(history):
        where = f"history[{i}]"
        if not isinstance(step, dict):
            yield err(
                where, "each step must be an object {step, date, source} or {step, expected}."
            )
            continue
        name = step.get("step")
        label = f"{where} ({name})" if isinstance(name, str) else where
        if name not in STEPS:
            yield err(f"{where}.step", f"unknown step {name!r}; one of {list(STEPS)}.")
            continue
        for needed, steps_needing in (("section", ("partly_opened",)), ("note", _NOTE_STEPS)):
            if name in steps_needing and not (
                isinstance(step.get(needed), str) and step[needed].strip()
            ):
                yield err(
                    f"{label}.{needed}",
                    f"a {name} step says which part or what in {needed!r} (plain text).",
                )
        if name == "capacity_changed" and not isinstance(step.get("capacity"), Mapping):
            yield err(
                f"{label}.capacity",
                "a capacity_changed step carries the new "
                "'capacity': {'value': <positive number>, 'unit': 'bcm/yr'}.",
            )
        has_date, has_expected = "date" in step, "expected" in step
        if has_date == has_expected:
            yield err(
                label,
                "a step has either 'date' and 'source' (it happened) or 'expected' "
                "(not yet: one {date, source} per source), not both nor neither.",
            )
            continue
        rank = _FORWARD.get(name)
        if has_date:
            day = None
            try:
                day = date_span(step["date"])[0]
            except ValueError as exc:
                yield err(f"{label}.date", str(exc))
            if "source" not in step:
                yield err(
                    f"{label}.source",
                    "a step that happened needs the 'source' that dates "
                    "it: {'ref': <id>, 'quote': '... <its year> ...'}.",
                )
            else:
                yield from check_citation(step["source"], f"{label}.source")
                yield from _quote_problems(step, step["source"], label, err, sources)
            if seen_expected is not None:
                yield err(
                    f"{label}.date",
                    f"a dated step cannot follow the expected step "
                    f"{seen_expected!r}; put the steps that happened first, in date order.",
                )
            if day is not None:
                if last_day is not None and day < last_day:
                    yield err(
                        f"{label}.date",
                        f"{step['date']} is earlier than the step before "
                        "it; steps are listed in date order.",
                    )
                last_day = day if last_day is None else max(day, last_day)
            if rank is not None and rank < last_rank:
                before = next(k for k, r in _FORWARD.items() if r == last_rank)
                yield err(
                    f"{label}",
                    f"{name!r} cannot come after {before!r} "
                    f"(life-cycle order: {' -> '.join(_FORWARD)}).",
                )
            if name == "resumed" and not suspended:
                yield err(label, "'resumed' needs a 'suspended' step before it.")
            suspended = name == "suspended" or (suspended and name != "resumed")
            if isinstance(step.get("date"), str):
                happened.setdefault(str(name), step["date"])
        else:
            seen_expected = str(name)
            if name in happened and name in LIFE_STEPS:
                yield err(
                    label,
                    f"{name!r} already happened ({happened[name]}); an expected "
                    "step is one that has not.",
                )
            entries = step["expected"]
            if not isinstance(entries, list) or not entries:
                yield err(f"{label}.expected", "a list of {date, source, said?}, one per source.")
                continue
            refs: dict[str, int] = {}
            for j, entry in enumerate(entries):
                at = f"{label}.expected[{j}]"
                ref = (
                    entry.get("source", {}).get("ref")
                    if isinstance(entry, dict) and isinstance(entry.get("source"), dict)
                    else None
                )
                if isinstance(ref, str) and ref in refs:
                    yield err(
                        f"{at}.source",
                        f"cites {ref!r} like expected[{refs[ref]}]; one "
                        "entry per source (a source that changed its date: keep the "
                        "latest it said, with 'said').",
                    )
                if isinstance(ref, str):
                    refs.setdefault(ref, j)
                if not isinstance(entry, dict) or "date" not in entry or "source" not in entry:
                    yield err(
                        at,
                        "each expectation has its own 'date' and 'source' "
                        "({date, source: {ref, quote}, said?}).",
                    )
                    continue
                for key in ("date", "said"):
                    if key in entry:
                        try:
                            date_span(entry[key])
                        except ValueError as exc:
                            yield err(f"{at}.{key}", str(exc))
                yield from check_citation(entry["source"], f"{at}.source")
                yield from _quote_problems(entry, entry["source"], at, err, sources)
        if rank is not None:
            last_rank = max(last_rank, rank)


def _quote_problems(
    dated: Mapping[str, Any],
    citation: Any,
    where: str,
    err: Any,
    sources: Mapping[str, Any] | None,
) -> Iterator[Any]:
    """The quote must contain the year it backs (and the new capacity's figure).

    A quote that dates by a relative word ("on Thursday", "this year") backs the
    year its source's title dates the article in ("Kazinform, 12 Nov 2018").
    """
    if not isinstance(citation, Mapping):
        return
    source = (sources or {}).get(str(citation.get("ref")), {})
    title = source.get("title", "") if isinstance(source, Mapping) else ""
    quote = citation.get("quote")
    date = dated.get("date")
    if not isinstance(quote, str) or not quote.strip():
        yield err(
            f"{where}.source.quote",
            "needs the source's own words containing the date "
            f"({date!r}); a step is never backed by a bare reference.",
        )
        return
    capacity = dated.get("capacity")
    if isinstance(capacity, Mapping) and "value" in capacity:
        if not quote_backs(quote, figure=capacity["value"]):
            yield err(
                f"{where}.source.quote",
                f"does not contain the capacity figure "
                f"{capacity['value']!r}; quote the sentence that gives it.",
            )
        return
    if (
        isinstance(date, str)
        and not quote_backs(quote, date=date)
        and not quote_backs(title, date=date)
    ):
        yield err(
            f"{where}.source.quote",
            f"does not contain the year {date[:4]} of the date "
            f"{date!r} (nor does its source's title); quote the sentence that gives it.",
        )


# ----------------------------------------------------------------------------------------
# Tables


def with_state_columns(
    gdf: Any,
    on: dt.date | None = None,
    *,
    today: dt.date | None = None,
    expectation: Expectation = "earliest",
    detail: bool = False,
) -> Any:
    """`gdf` with ``status`` and ``opened`` columns for day `on` (and, with `detail`, more).

    ``status`` and ``opened`` are derived from the ``history`` column (see `state`).
    With `detail`: ``expected`` says whether the status rests on an expectation; ``capacity_now``
    is the latest sourced ``capacity_changed`` capacity by then (else None). The
    columns sit after ``kind``, where the typed ones used to be.
    """
    out = gdf.copy()
    histories = out["history"] if "history" in out.columns else [None] * len(out)
    states = [state(h, on, today=today, expectation=expectation) for h in histories]
    for name in ("status", "opened", "expected", "capacity_now"):
        if name in out.columns:
            out = out.drop(columns=name)
    at = list(out.columns).index("kind") + 1 if "kind" in out.columns else len(out.columns) - 1
    out.insert(at, "status", [s.status for s in states])
    out.insert(at + 1, "opened", [s.opened for s in states])
    if detail:
        out["expected"] = [s.expected for s in states]
        out["capacity_now"] = [s.capacity for s in states]
    geometry = out.geometry.name if hasattr(out, "geometry") else None
    if geometry is not None:
        out = out[[c for c in out.columns if c != geometry] + [geometry]]
    return out


def as_of_problems(
    rows: Iterable[Mapping[Hashable, Any]], today: dt.date | None, *, origin: Any
) -> Iterator[tuple[str, str, str, str]]:
    """Steps dated after the data's as-of day (they have not happened: make them expected).

    Yields ``(file, feature id, field, message)`` for each; `origin(row)` names a row's file.
    """
    if today is None:
        return
    for row in rows:
        history = row.get("history")
        if not isinstance(history, list):
            continue
        for i, step in enumerate(history):
            if not isinstance(step, Mapping) or not isinstance(step.get("date"), str):
                continue
            try:
                first = date_span(step["date"])[0]
            except ValueError:
                continue
            if first > today:
                yield (
                    origin(row),
                    str(row.get("id")),
                    f"history[{i}] ({step.get('step')}).date",
                    f"{step['date']} is after the data's as-of date {today.isoformat()} "
                    f"({ATLAS_FILE}); a step that has not happened is 'expected': "
                    "[{date, source}], or move as_of forward if the data was brought up to date.",
                )
