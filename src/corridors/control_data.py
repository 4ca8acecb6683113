"""Reading and validating who owns, runs, builds and finances the assets.

Two files of a geodata folder hold it, each with its JSON Schema:

- ``organisations.json`` (`organisations.schema.json`): every company, bank, fund
  and agency once, with its country, kind and parents (who owns it, with what
  share, since when);
- ``control.json`` (`control.schema.json`): per asset (a feature, or its section
  in one country, or a named part of it) the owners with shares and dates, the
  operator, builders, cost and loans, and what was searched and not found.

Besides the schemas, `control_problems` checks what a schema cannot: every
organisation, feature and source named exists; a section's country is one of the
feature's; the shares of an asset (or of an organisation's parents) never add up
to more than 100 % at any date; no parent chain loops; every share, amount, year
and date is written in one of the quotes cited for it; and an asset without owners
or operator, or with an owner's share missing, says so in ``not_found``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from corridors import schemas
from corridors.errors import ControlDataError, GeodataErrors

#: The two files, in a geodata folder.
ORGANISATIONS_FILE = "organisations.json"
CONTROL_FILE = "control.json"
#: Sum of shares allowed over 100 % (rounding of published figures).
SHARE_TOLERANCE = 0.01

#: Words a quote may use for a share instead of its number (checked in lower case).
SHARE_WORDS: dict[float, tuple[str, ...]] = {
    100.0: (
        "wholly owned",
        "wholly-owned",
        "fully owned",
        "fully-owned",
        "one hundred percent",
        "one hundred per cent",
        "fully owns",
        "sole shareholder",
        "sole owner",
        # "the monopoly owner of rail transportation infrastructure": nobody else owns any.
        "monopoly owner",
        # "ADY owns all the rail infrastructure", "owns and maintains all public railways":
        # whoever owns all of it leaves no share to anyone else.
        "owns all the",
        "owns and maintains all",
        # German "hundertprozentiges Tochterunternehmen": a one-hundred-per-cent subsidiary.
        "hundertprozentig",
        "единственный акционер",
        "единственным акционером",
        "全资",
        "国有独资",
    ),
    50.0: ("parity", "equal stakes", "50-50", "50/50"),
}
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("jan", "январ", "қаңтар"),
    2: ("feb", "феврал", "ақпан"),
    3: ("mar", "март", "наурыз"),
    4: ("apr", "апрел", "сәуір"),
    5: ("may", "мая", "май", "мамыр"),
    6: ("jun", "июн", "маусым"),
    7: ("jul", "июл", "шілде"),
    8: ("aug", "август", "тамыз"),
    9: ("sep", "сентябр", "қыркүйек"),
    10: ("oct", "октябр", "қазан"),
    11: ("nov", "ноябр", "қараша"),
    12: ("dec", "декабр", "желтоқсан"),
}
_THOUSANDS = (",", " ", "\u00a0", "\u202f", "")


@dataclass(frozen=True)
class ControlData:
    """The organisations and the control of the assets of one geodata folder.

    Citations are resolved: each holds ``ref``, ``quote``, ``title`` and ``url``.
    """

    organisations: dict[str, dict[str, Any]]
    assets: list[dict[str, Any]]
    organisations_file: str
    control_file: str


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``organisations`` or ``control`` (shipped with the package)."""
    text = (files("corridors") / f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _validators() -> dict[str, Draft202012Validator]:
    # The package's one registry of schemas, so common.schema.json's shapes resolve.
    return {name: schemas.validator(f"{name}.schema.json") for name in ("organisations", "control")}


def read_json(path: Path) -> Any:
    """Parse a JSON file, turning read and syntax errors into a one-line `ControlDataError`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})."
        raise ControlDataError(msg, file=str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        raise ControlDataError(msg, file=str(path)) from None


def read_control(root: Path, features: Mapping[str, Sequence[str]] | None) -> ControlData | None:
    """Read and validate ``organisations.json`` and ``control.json`` of a folder.

    Parameters
    ----------
    root
        The geodata folder.
    features
        The countries of every feature id of the folder (to check what assets name);
        None skips that check.

    Returns
    -------
    data
        The validated data, or None when the folder has neither file.

    Raises
    ------
    GeodataErrors
        Every problem found, one line each, naming file, asset or organisation, field.
    """
    org_path, control_path = root / ORGANISATIONS_FILE, root / CONTROL_FILE
    if not org_path.exists() and not control_path.exists():
        return None
    if not org_path.exists():
        msg = f"{CONTROL_FILE} names organisations but {ORGANISATIONS_FILE} is missing; add it."
        raise ControlDataError(msg, file=str(org_path))
    orgs = read_json(org_path)
    control = read_json(control_path) if control_path.exists() else {"sources": {}, "assets": []}
    problems = list(
        control_problems(
            orgs,
            control,
            features=features,
            organisations_file=str(org_path),
            control_file=str(control_path),
        )
    )
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise GeodataErrors(list(problems))
    return ControlData(
        organisations={o["id"]: _resolved(o, orgs["sources"]) for o in orgs["organisations"]},
        assets=[_resolved(a, control["sources"]) for a in control["assets"]],
        organisations_file=str(org_path),
        control_file=str(control_path),
    )


def _resolved(item: Any, sources: Mapping[str, Any]) -> Any:
    """A copy of `item` with every citation ``{ref, quote}`` given its title and url."""
    if isinstance(item, list):
        return [_resolved(v, sources) for v in item]
    if not isinstance(item, dict):
        return item
    out = {k: _resolved(v, sources) for k, v in item.items()}
    if "ref" in item and "quote" in item and item["ref"] in sources:
        out.update(sources[item["ref"]])
    return out


def control_problems(
    orgs: Any,
    control: Any,
    *,
    features: Mapping[str, Sequence[str]] | None,
    organisations_file: str = ORGANISATIONS_FILE,
    control_file: str = CONTROL_FILE,
) -> Iterator[ControlDataError]:
    """Every problem of the two files' contents (see the module docstring)."""
    structure = list(_schema_problems("organisations", orgs, organisations_file))
    structure += list(_schema_problems("control", control, control_file))
    if structure:
        yield from structure
        return
    org_ids: dict[str, dict[str, Any]] = {}
    for org in orgs["organisations"]:
        if org["id"] in org_ids:
            yield ControlDataError(
                "the id is used twice; each organisation is listed once.",
                file=organisations_file,
                organisation=org["id"],
                field="id",
            )
        org_ids[org["id"]] = org
    yield from _organisation_problems(orgs, org_ids, organisations_file)
    seen: set[str] = set()
    for asset in control["assets"]:
        if asset["id"] in seen:
            yield ControlDataError(
                "the id is used twice; give each asset its own id.",
                file=control_file,
                asset=asset["id"],
                field="id",
            )
        seen.add(asset["id"])
        yield from _asset_problems(asset, control["sources"], org_ids, features, control_file)


def _schema_problems(name: str, data: Any, origin: str) -> Iterator[ControlDataError]:
    errors = sorted(_validators()[name].iter_errors(data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        path = list(error.path)
        label, rest = None, path
        if len(path) >= 2 and path[0] in ("organisations", "assets") and isinstance(path[1], int):
            items = data[path[0]]
            item = items[path[1]] if path[1] < len(items) else None
            ident = item.get("id") if isinstance(item, dict) else None
            label = ident if isinstance(ident, str) else f"#{path[1]}"
            rest = path[2:]
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
        message = error.message
        if len(message) > 200:
            message = message[:197] + "..."
        msg = f"{message} (data model: src/corridors/{name}.schema.json)."
        kinds = {"organisations": "organisation", "assets": "asset"}
        kind = kinds.get(str(path[0]) if path else "")
        yield ControlDataError(
            msg,
            file=origin,
            asset=label if kind == "asset" else None,
            organisation=label if kind == "organisation" else None,
            field=field or None,
        )


def _organisation_problems(
    orgs: Mapping[str, Any], org_ids: Mapping[str, dict[str, Any]], origin: str
) -> Iterator[ControlDataError]:
    sources = orgs["sources"]
    for org in orgs["organisations"]:

        def err(field: str, message: str, org_id: str = org["id"]) -> ControlDataError:
            return ControlDataError(message, file=origin, organisation=org_id, field=field)

        yield from _citations_problems(org["sources"], sources, "sources", err)
        parents = org.get("parents", [])
        for i, parent in enumerate(parents):
            where = f"parents[{i}]"
            yield from _citations_problems(parent["sources"], sources, f"{where}.sources", err)
            if parent["organisation"] not in org_ids:
                yield err(f"{where}.organisation", _unknown_org(parent["organisation"], org_ids))
            yield from _figure_problems(parent, where, err)
        yield from _share_sum_problems(parents, "parents", err)
    yield from _loop_problems(org_ids, origin)


def _loop_problems(
    org_ids: Mapping[str, dict[str, Any]], origin: str
) -> Iterator[ControlDataError]:
    """A parent chain that comes back to where it started (reported once per loop)."""
    reported: set[frozenset[str]] = set()

    def walk(start: str, node: str, path: list[str]) -> Iterator[list[str]]:
        for parent in org_ids.get(node, {}).get("parents", []):
            nxt = parent["organisation"]
            if nxt == start:
                yield [*path, nxt]
            elif nxt not in path and nxt in org_ids:
                yield from walk(start, nxt, [*path, nxt])

    for org_id in org_ids:
        for loop in walk(org_id, org_id, [org_id]):
            key = frozenset(loop)
            if key in reported:
                continue
            reported.add(key)
            chain = " → ".join(loop)
            msg = (
                f"the parent chain loops: {chain}; an organisation cannot own itself, "
                "through others or not. Fix the parent that closes the loop."
            )
            yield ControlDataError(msg, file=origin, organisation=org_id, field="parents")


def _asset_problems(
    asset: Mapping[str, Any],
    sources: Mapping[str, Any],
    org_ids: Mapping[str, Any],
    features: Mapping[str, Sequence[str]] | None,
    origin: str,
) -> Iterator[ControlDataError]:
    def err(field: str, message: str) -> ControlDataError:
        return ControlDataError(message, file=origin, asset=asset["id"], field=field)

    fid = asset["feature"]
    if features is not None and fid not in features:
        yield err("feature", f"names feature {fid!r}, which is no feature id in geodata; fix it.")
    country = asset.get("section", {}).get("country")
    if features is not None and fid in features and country and country not in features[fid]:
        yield err(
            "section.country",
            f"{country} is not one of the feature's countries {list(features[fid])}.",
        )
    for field in ("owners", "builders", "financing", "cost", "disputed"):
        for i, item in enumerate(asset.get(field, [])):
            where = f"{field}[{i}]"
            yield from _citations_problems(item["sources"], sources, f"{where}.sources", err)
            for key in ("organisation", "lender", "borrower"):
                if key in item and item[key] not in org_ids:
                    yield err(f"{where}.{key}", _unknown_org(item[key], org_ids))
            for j, co in enumerate(item.get("co_lenders", [])):
                if co not in org_ids:
                    yield err(f"{where}.co_lenders[{j}]", _unknown_org(co, org_ids))
            yield from _figure_problems(item, where, err)
    if "operator" in asset:
        operator = asset["operator"]
        yield from _citations_problems(operator["sources"], sources, "operator.sources", err)
        if operator["organisation"] not in org_ids:
            yield err("operator.organisation", _unknown_org(operator["organisation"], org_ids))
        yield from _figure_problems(operator, "operator", err)
    yield from _share_sum_problems(asset["owners"], "owners", err)
    stated = set(asset.get("not_found", {}).get("fields", []))
    if not asset["owners"] and "owners" not in stated:
        yield err(
            "owners",
            "no owners and no not_found; add the owners with their sources, or "
            '"not_found": {"fields": ["owners"], "searched": "<what was searched>"}.',
        )
    if "operator" not in asset and "operator" not in stated:
        yield err(
            "operator",
            "no operator and no not_found; add it, or list 'operator' in not_found.fields "
            "with what was searched.",
        )
    if any("share" not in o for o in asset["owners"]) and "shares" not in stated:
        yield err(
            "owners",
            "an owner has no share; list 'shares' in not_found.fields with what was searched "
            "(an unknown share is never taken as zero).",
        )


def _unknown_org(name: str, org_ids: Mapping[str, Any]) -> str:
    import difflib  # noqa: PLC0415 (only for the hint)

    hint = difflib.get_close_matches(name, list(org_ids), n=1)
    also = f"did you mean {hint[0]!r}? " if hint else ""
    return (
        f"names organisation {name!r}, which is not in organisations.json; {also}"
        "add it there or fix the id."
    )


def _citations_problems(
    citations: Sequence[Mapping[str, Any]], sources: Mapping[str, Any], where: str, err: Any
) -> Iterator[ControlDataError]:
    for i, citation in enumerate(citations):
        if citation["ref"] not in sources:
            yield err(
                f"{where}[{i}].ref",
                f"cites {citation['ref']!r}, which is not in the file's sources; add it there.",
            )


def _figure_problems(item: Mapping[str, Any], where: str, err: Any) -> Iterator[ControlDataError]:
    """Each share, amount, year and date of `item` is in one of its quotes."""
    quotes = [c["quote"] for c in item["sources"]]
    checks: list[tuple[str, Any, bool]] = []
    if "share" in item:
        checks.append(("share", item["share"], any(share_in(item["share"], q) for q in quotes)))
    for key in ("since", "until"):
        if key in item:
            checks.append((key, item[key], any(date_in(item[key], q) for q in quotes)))
    if "amount" in item:
        value = item["amount"]["value"]
        checks.append(("amount.value", value, any(number_in(value, q) for q in quotes)))
    if "year" in item:
        checks.append(("year", item["year"], any(date_in(str(item["year"]), q) for q in quotes)))
    for field, value, found in checks:
        if not found:
            yield err(
                f"{where}.{field}",
                f"{value!r} is in none of its quotes; cite the sentence that states it, "
                "or drop the figure (unknown stays unknown).",
            )


def _number_forms(value: float) -> list[str]:
    """How a source may write `value`: 24.5 / 24,5; 1000 / 1,000 / 1 000."""
    if float(value).is_integer():
        whole, frac = f"{int(value)}", ""
    else:
        whole, frac = f"{value:.10f}".rstrip("0").split(".")
    groups: list[str] = []
    rest = whole
    while len(rest) > 3:
        groups.insert(0, rest[-3:])
        rest = rest[:-3]
    groups.insert(0, rest)
    forms = []
    for sep in _THOUSANDS:
        head = sep.join(groups)
        forms.extend([f"{head}.{frac}", f"{head},{frac}"] if frac else [head])
    return list(dict.fromkeys(forms))


def number_in(value: float, quote: str) -> bool:
    """Whether `quote` writes the number `value` (not as part of a longer number).

    Thousands may be grouped with a comma or a space, decimals written with a point
    or a comma, and trailing zeros added: 20 matches "20.00", 2125 "2 125".
    """
    return any(
        re.search(rf"(?<![\d.,]){re.escape(form)}(?:[.,]0+)?(?![\d]|[.,]\d)", quote)
        for form in _number_forms(value)
    )


def share_in(share: float, quote: str) -> bool:
    """Whether `quote` states the share (its number, or a word for it: 'wholly owned')."""
    lower = quote.lower()
    return number_in(share, quote) or any(w in lower for w in SHARE_WORDS.get(float(share), ()))


def date_in(date: str, quote: str) -> bool:
    """Whether `quote` contains the date ``YYYY[-MM[-DD]]``: its year, month and day."""
    parts = [int(p) for p in date.split("-")]
    if not re.search(rf"(?<!\d){parts[0]}(?!\d)", quote):
        return False
    if len(parts) >= 2:
        month = parts[1]
        lower = quote.lower()
        numeric = (
            f"{parts[0]}-{month:02d}",
            f"{month:02d}.{parts[0]}",
            f"{parts[0]}年{month}月",
            f"{month}月",
        )
        if not (
            any(n in quote for n in numeric)
            or any(re.search(rf"\b{name}", lower) for name in _MONTHS[month])
        ):
            return False
    return len(parts) < 3 or bool(re.search(rf"(?<!\d)0?{parts[2]}(?!\d)", quote))


def _share_sum_problems(
    holders: Sequence[Mapping[str, Any]], field: str, err: Any
) -> Iterator[ControlDataError]:
    """The shares held at any one date add up to at most 100 %."""
    for date in share_dates(holders):
        held = [h for h in holders if "share" in h and held_at(h, date)]
        total = sum(h["share"] for h in held)
        if total > 100 + SHARE_TOLERANCE:
            when = "at any date" if date == "" else f"on {date}"
            parts = " + ".join(f"{h['organisation']} {h['share']:g}" for h in held)
            yield err(
                field,
                f"shares add up to {total:g} % {when} ({parts}); at most 100 %. "
                "Give the older holding an 'until' or fix a share.",
            )
            return


def share_dates(holders: Iterable[Mapping[str, Any]]) -> list[str]:
    """The dates at which the holdings may change ('' for before them all)."""
    dates = {""}
    for h in holders:
        dates.update(_padded(h[k]) for k in ("since", "until") if k in h)
    return sorted(dates)


def _padded(date: str) -> str:
    """'2017' -> '2017-01-01', '2017-05' -> '2017-05-01' (a period starts on its first day)."""
    parts = date.split("-")
    return "-".join([parts[0], *[*parts[1:], "01", "01"][:2]])


def held_at(holding: Mapping[str, Any], date: str | None) -> bool:
    """Whether a holding (owner, parent) is held on `date` ('' before every date; None: now)."""
    since, until = holding.get("since"), holding.get("until")
    if date is None:
        return until is None
    if since is not None and (date == "" or _padded(since) > date):
        return False
    return until is None or date < _padded(until)
