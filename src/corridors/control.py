"""Who controls the corridors: ownership traced to the states, weighted by km and capacity.

From the sourced shares of ``control.json`` and the parents of ``organisations.json``
(see `corridors.control_data`):

- `owners`: an asset's (or a feature's) direct owners and, for each, the ultimate
  holders up the parent chain (a state, a listed company, or where the sourced chain
  stops) with the share each ends up holding;
- `control_table`: per asset the direct and ultimate shares by the owner's country,
  the share whose owners are known, its length (geodesic km in its country) and capacity;
- `control_totals`: those shares weighted by length or capacity, by country and mode;
- `lending`: every loan, with the lender's country (multilateral lenders apart).

Only sourced shares count. A share nobody has sourced is unknown, never zero: it is
left out of the numerator and counted in ``known_pct``, the fraction of the total
whose owners are known. Amounts are summed per currency, never converted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import pandas as pd

from corridors import catalog, measure, sourcing
from corridors.catalog import Catalog
from corridors.control_data import ControlData, held_at, read_control
from corridors.errors import ControlDataMissingError, UnknownNameError

#: The mode of each kind of feature, for the totals.
MODES: dict[str, str] = {
    "gas_pipeline": "gas pipeline",
    "compressor_station": "gas pipeline",
    "oil_pipeline": "oil pipeline",
    "pump_station": "oil pipeline",
    "railway": "rail",
    "rail_station": "rail",
    "road": "road",
    "ferry": "ferry",
    "seaport": "port",
    "dry_port": "dry port",
    "economic_zone": "dry port",
    "border_crossing": "border crossing",
    "power_plant": "power",
    "factory": "industry",
}
#: Where an ownership chain ends: a state, a company listed on an exchange, a
#: multilateral body, a holder whose own owners no source gave (unknown; counted in
#: its own country), or what the sourced parents of a company leave: its free float
#: (float) or holders no source names (unnamed), both counted in no country.
TERMINALS = ("state", "listed", "multilateral", "unknown", "float", "unnamed")
_MULTIPLIERS = {None: 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
#: The instruments counted as lending (equity, budget money and grants are not).
LENDING = ("loan", "syndicated_loan", "credit_line", "refinancing", "bond")
#: The country column value for what no source attributes to anyone.
UNKNOWN = "unknown"


def data() -> ControlData:
    """The validated control data of the geodata folder in use (kept until a file changes).

    Raises
    ------
    ControlDataMissingError
        If the folder has neither ``organisations.json`` nor ``control.json``.
    GeodataError
        If a file breaks its data model; one line per problem.
    """
    cat = catalog.in_use()

    def compute() -> ControlData | None:
        everything = cat.load_all()
        features = {
            str(fid): list(declared) if isinstance(declared, list) else []
            for fid, declared in zip(everything["id"], everything["countries"], strict=True)
        }
        return read_control(cat.root, features)

    found = cat.kept("control data", compute)
    if found is None:
        msg = (
            f"{cat.root} has no control.json or organisations.json; "
            "owners and lenders are not available for this geodata folder."
        )
        raise ControlDataMissingError(msg)
    return found


@catalog.with_geodata
def validate(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> int:
    """Validate the folder's control data.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    assets
        How many assets ``control.json`` describes (0 for a folder without control data).
    """
    cat = catalog.in_use()
    if not (cat.root / "control.json").exists() and not (cat.root / "organisations.json").exists():
        return 0
    return len(data().assets)


def _name(org: Mapping[str, Any]) -> str:
    return str(org.get("short") or org["name"])


def _chains(
    org_id: str, share: float, orgs: Mapping[str, Mapping[str, Any]], path: tuple[str, ...]
) -> Iterable[tuple[tuple[str, ...], float, str]]:
    """(path from the direct owner up, share held at its end, terminal kind) for each chain.

    Parents held now with a sourced share are followed; what the parents' shares leave
    (free float, holders no source names) ends at the organisation itself, as unknown.
    """
    org = orgs[org_id]
    here = (*path, org_id)
    parents = [p for p in org.get("parents", []) if held_at(p, None)]
    with_share = [p for p in parents if "share" in p]
    if not with_share:
        kind = {"government": "state", "listed_company": "listed", "multilateral": "multilateral"}
        yield here, share, kind.get(org["kind"], UNKNOWN)
        return
    for parent in with_share:
        yield from _chains(parent["organisation"], share * parent["share"] / 100, orgs, here)
    rest = share * (1 - sum(p["share"] for p in with_share) / 100)
    if rest > 1e-9:  # free float of a listed company, or holders no source names
        yield here, rest, "float" if org["kind"] == "listed_company" else "unnamed"


def _assets_of(ident: str, control: ControlData) -> list[dict[str, Any]]:
    found = [a for a in control.assets if ident in (a["id"], a["feature"])]
    if not found:
        known = [a["id"] for a in control.assets] + [a["feature"] for a in control.assets]
        raise UnknownNameError("asset or feature id", ident, known)  # noqa: EM101 (a label)
    return found


@catalog.with_geodata
def owners(ident: str, *, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """Direct owners of an asset (or of each asset of a feature), traced to ultimate holders.

    Parameters
    ----------
    ident
        An asset id of ``control.json`` (``cagp-line-a-kaz``) or a feature id
        (``cagp-line-a``: every country section of it).
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    owners
        One row per chain from a direct owner up to an ultimate holder, for the
        holdings held now: ``asset``, ``owner``, ``owner_name``, ``owner_country``,
        ``direct_pct`` (the owner's sourced share; NaN if no source gives it),
        ``ultimate``, ``ultimate_name``, ``ultimate_country``, ``ultimate_kind``
        (one of `TERMINALS`), ``ultimate_pct`` (the share that ends there), ``chain``
        ("A → B → C"), ``since``, ``sources`` (titles and URLs of the direct holding).
    """
    control = data()
    orgs = control.organisations
    rows = []
    for asset in _assets_of(ident, control):
        for holding in asset["owners"]:
            if not held_at(holding, None):
                continue
            owner = orgs[holding["organisation"]]
            share = holding.get("share")
            base = {
                "asset": asset["id"],
                "owner": owner["id"],
                "owner_name": _name(owner),
                "owner_country": owner["country"] or "multilateral",
                "direct_pct": float(share) if share is not None else float("nan"),
                "since": holding.get("since", ""),
                "sources": "; ".join(sourcing.cited_text(c) for c in holding["sources"]),
            }
            if share is None:
                rows.append(
                    base
                    | {
                        "ultimate": "",
                        "ultimate_name": "",
                        "ultimate_country": UNKNOWN,
                        "ultimate_kind": UNKNOWN,
                        "ultimate_pct": float("nan"),
                        "chain": owner["id"],
                    }
                )
                continue
            for path, held, kind in _chains(owner["id"], float(share), orgs, ()):
                end = orgs[path[-1]]
                rows.append(
                    base
                    | {
                        "ultimate": end["id"],
                        "ultimate_name": _name(end),
                        "ultimate_country": UNKNOWN
                        if kind in ("unnamed", "float")
                        else end["country"] or "multilateral",
                        "ultimate_kind": kind,
                        "ultimate_pct": held,
                        "chain": " → ".join(path),
                    }
                )
    columns = [
        "asset",
        "owner",
        "owner_name",
        "owner_country",
        "direct_pct",
        "ultimate",
        "ultimate_name",
        "ultimate_country",
        "ultimate_kind",
        "ultimate_pct",
        "chain",
        "since",
        "sources",
    ]
    return pd.DataFrame(rows, columns=columns)


def _by_country(frame: pd.DataFrame, column: str, value: str) -> dict[str, float]:
    known = frame[frame[value].notna()]
    if known.empty:
        return {}
    return {str(k): float(v) for k, v in known.groupby(column)[value].sum().items()}


@catalog.with_geodata
def control_table(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """Per asset: the direct and ultimate shares by owner country, its km and capacity.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    table
        One row per asset of ``control.json``: ``asset``, ``feature``, ``name``,
        ``kind``, ``mode`` (`MODES`), ``country`` (the section's country, or the
        feature's if it has one), ``length_km`` (geodesic km of the feature's line in
        that country; NaN for points), ``capacity`` and ``capacity_unit`` (the
        feature's cited capacity), ``known_pct`` (sum of the sourced shares held now),
        ``direct_chn_pct`` and ``ultimate_chn_pct`` (held by Chinese organisations
        directly, and in the end, of the whole asset; NaN when no owner's share is
        known, since an unknown share is never zero; with owners partly known, the
        share held through them), ``direct_by_country`` and ``ultimate_by_country``
        (per cent by ISO alpha-3, ``multilateral`` or ``unknown``), ``owners`` (the
        direct owners with shares, as text), ``operator`` and ``lenders``.
    """
    control = data()
    orgs = control.organisations
    everything = catalog.load_all().set_index("id")
    rows = []
    for asset in control.assets:
        feature = everything.loc[asset["feature"]]
        countries = feature["countries"] if isinstance(feature["countries"], list) else []
        country = asset.get("section", {}).get("country") or (
            countries[0] if len(countries) == 1 else ""
        )
        chains = owners(asset["id"])
        direct = chains.drop_duplicates(["owner", "since"])
        direct_by = _by_country(direct, "owner_country", "direct_pct")
        ultimate_by = _by_country(chains, "ultimate_country", "ultimate_pct")
        capacity = feature.get("capacity")
        capacity = capacity if isinstance(capacity, dict) else {}
        rows.append(
            {
                "asset": asset["id"],
                "feature": asset["feature"],
                "name": asset["name"],
                "kind": feature["kind"],
                "mode": MODES.get(feature["kind"], feature["kind"]),
                "country": country,
                "length_km": _length_km(asset["feature"], country, feature),
                "capacity": capacity.get("value", float("nan")),
                "capacity_unit": capacity.get("unit", ""),
                "known_pct": float(direct["direct_pct"].fillna(0.0).sum()),
                "direct_chn_pct": direct_by.get("CHN", 0.0),
                "ultimate_chn_pct": ultimate_by.get("CHN", 0.0),
                "direct_by_country": direct_by,
                "ultimate_by_country": ultimate_by,
                "owners": "; ".join(
                    f"{name} {float(pct):g} %" if pd.notna(pct) else f"{name} (share not found)"
                    for name, pct in zip(direct["owner_name"], direct["direct_pct"], strict=True)
                ),
                "operator": _name(orgs[asset["operator"]["organisation"]])
                if "operator" in asset
                else "",
                "lenders": "; ".join(
                    dict.fromkeys(_name(orgs[f["lender"]]) for f in asset.get("financing", []))
                ),
            }
        )
    table = pd.DataFrame(rows)
    # Sum of sourced shares can round just above 100 (24.5 + 24.5 + 51.0): cap for display.
    table["known_pct"] = table["known_pct"].clip(upper=100.0)
    # Nobody's share known: the Chinese share is unknown, not zero.
    table.loc[table["known_pct"] <= 0, ["direct_chn_pct", "ultimate_chn_pct"]] = float("nan")
    return table


def _length_km(fid: str, country: str, feature: pd.Series) -> float:
    """Geodesic km of a line feature in `country` (all of it if no country); NaN for points."""
    if feature.geometry is None or feature.geometry.geom_type not in (
        "LineString",
        "MultiLineString",
    ):
        return float("nan")
    split = measure.country_split(feature.geometry)  # kept by the catalog, per line
    if not country:
        return float(split["length_km"].sum())
    return float(split.loc[split["country"] == country, "length_km"].sum())


@catalog.with_geodata
def control_totals(
    *,
    weight: Literal["length", "capacity"] = "length",
    by: tuple[str, ...] = ("country", "mode"),
    through: str | None = None,
    geodata: str | os.PathLike[str] | Catalog | None = None,
) -> pd.DataFrame:
    """Ultimate Chinese shares weighted by length or capacity, by country and mode.

    Parameters
    ----------
    weight
        ``length``: geodesic km of each asset in its country (line assets only);
        ``capacity``: each asset's cited capacity (grouped by capacity unit too, since
        bcm/yr and Mt/yr do not add up).
    by
        Columns of `control_table` to group by.
    through
        An organisation id (e.g. ``cnpc``): also give the share of the weight held
        through it (ultimately, along any chain that passes through it), and the
        weight of the assets it holds any part of.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    totals
        Per group: ``assets``, ``weight`` (km or capacity), ``known_pct`` (per cent of
        the weight whose owners are known), ``chn_pct`` (per cent of the whole weight
        ultimately held in China), ``chn_pct_of_known`` (of the known part),
        ``direct_chn_pct``; with `through`: ``<org>_pct`` and ``<org>_assets_weight``.
        The shares are NaN for a group whose owners are not known at all.
        A final row per grouping has the group ``all``.
    """
    table = control_table()
    column = "length_km" if weight == "length" else "capacity"
    table = table[table[column].notna() & (table[column] > 0)].copy()
    keys = list(by) + (["capacity_unit"] if weight == "capacity" else [])
    if through is not None:
        if through not in data().organisations:
            raise UnknownNameError("organisation", through, data().organisations)  # noqa: EM101
        held = {asset: _held_through(asset, through) for asset in table["asset"]}
        table[f"{through}_pct"] = table["asset"].map(held)
    table["w"] = table[column]

    def summarise(group: pd.DataFrame) -> dict[str, Any]:
        total = float(group["w"].sum())
        known = float((group["w"] * group["known_pct"] / 100).sum())
        # Assets with no known owner hold NaN shares: they add nothing to the numerators.
        chn = float((group["w"] * group["ultimate_chn_pct"].fillna(0.0) / 100).sum())
        direct = float((group["w"] * group["direct_chn_pct"].fillna(0.0) / 100).sum())
        unknown = float("nan")
        out = {
            "assets": len(group),
            "weight": total,
            "known_pct": 100 * known / total,
            "chn_pct": 100 * chn / total if known else unknown,
            "chn_pct_of_known": 100 * chn / known if known else unknown,
            "direct_chn_pct": 100 * direct / total if known else unknown,
        }
        if through is not None:
            share = group[f"{through}_pct"]
            held = 100 * float((group["w"] * share / 100).sum()) / total
            out[f"{through}_pct"] = held if known else unknown
            out[f"{through}_assets_weight"] = float(group.loc[share > 0, "w"].sum())
        return out

    rows = [
        dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)) | summarise(g)
        for key, g in table.groupby(keys, sort=True)
    ]
    if weight == "length":
        rows.append(dict.fromkeys(keys, "all") | summarise(table))
    else:
        for unit, g in table.groupby("capacity_unit", sort=True):
            rows.append(dict.fromkeys(by, "all") | {"capacity_unit": unit} | summarise(g))
    return pd.DataFrame(rows)


def _held_through(asset: str, org: str) -> float:
    """Per cent of `asset` ultimately held along chains that pass through `org`."""
    chains = owners(asset)
    if chains.empty:
        return 0.0
    passing = chains[chains["chain"].str.split(" → ").map(lambda path: org in path)]
    return float(passing["ultimate_pct"].sum())


@catalog.with_geodata
def lending(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """Every loan, grant or credit line of ``control.json``, one row each.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    loans
        ``asset``, ``feature``, ``lender``, ``lender_name`` (with the co-lenders of a
        syndicated loan: "CDB + Bank of China"), ``lender_country`` (ISO alpha-3 or
        ``multilateral``; "CHN + NLD" when a syndicate's lenders differ), ``lender_kind``,
        ``instrument``,
        ``amount`` (in currency units, NaN if no source gives it), ``currency``,
        ``year``, ``purpose``, ``sources``.
    """
    control = data()
    orgs = control.organisations
    rows = []
    for asset in control.assets:
        for loan in asset.get("financing", []):
            lender = orgs[loan["lender"]]
            amount = loan.get("amount")
            banks = [lender, *(orgs[c] for c in loan.get("co_lenders", []))]
            countries = sorted({b["country"] or "multilateral" for b in banks})
            rows.append(
                {
                    "asset": asset["id"],
                    "feature": asset["feature"],
                    "lender": lender["id"],
                    "lender_name": " + ".join(_name(b) for b in banks),
                    "lender_country": " + ".join(countries),
                    "lender_kind": lender["kind"],
                    "instrument": loan["instrument"],
                    "amount": amount["value"] * _MULTIPLIERS[amount.get("multiplier")]
                    if amount
                    else float("nan"),
                    "currency": amount["currency"] if amount else "",
                    "year": loan.get("year"),
                    "purpose": loan["purpose"],
                    "sources": "; ".join(sourcing.cited_text(c) for c in loan["sources"]),
                }
            )
    columns = [
        "asset",
        "feature",
        "lender",
        "lender_name",
        "lender_country",
        "lender_kind",
        "instrument",
        "amount",
        "currency",
        "year",
        "purpose",
        "sources",
    ]
    table = pd.DataFrame(rows, columns=columns)
    table["year"] = table["year"].astype("Int64")
    return table


@catalog.with_geodata
def lending_by_country(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """Sum of the sourced loan amounts by lender country and currency (never converted).

    Only lending (`LENDING`: loans, credit lines, refinancing, bonds; not equity, budget
    money or grants). Loans without a sourced amount are counted in ``loans`` but not
    in ``amount``.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    totals
        One row per lender country and currency.
    """
    loans = lending()
    loans = loans[loans["instrument"].isin(LENDING)]
    grouped = loans.groupby(["lender_country", "currency"], dropna=False)
    table = grouped.agg(amount=("amount", "sum"), loans=("asset", "size")).reset_index()
    return table.sort_values(["currency", "amount"], ascending=[True, False], ignore_index=True)


@catalog.with_geodata
def organisations(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """The organisations of ``organisations.json``, one row each.

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    organisations
        ``id``, ``name``, ``short``, ``names`` (other scripts, as text), ``country``,
        ``kind``, ``parents`` ("CNPC 100 % since 2008; ..."), ``sources``.
    """
    rows = []
    control = data()
    for org in control.organisations.values():
        rows.append(
            {
                "id": org["id"],
                "name": org["name"],
                "short": org.get("short", ""),
                "names": "; ".join(f"{k}: {v}" for k, v in org.get("names", {}).items()),
                "country": org["country"] or "multilateral",
                "kind": org["kind"],
                "parents": "; ".join(
                    f"{p['organisation']} "
                    + (f"{p['share']:g} %" if "share" in p else "(share not found)")
                    + (f" since {p['since']}" if "since" in p else "")
                    + (f" until {p['until']}" if "until" in p else "")
                    for p in org.get("parents", [])
                ),
                "sources": "; ".join(sourcing.cited_text(c) for c in org["sources"]),
            }
        )
    return pd.DataFrame(rows)


def export_tables() -> dict[str, pd.DataFrame]:
    """The ``owners``, ``financing`` and ``organisations`` tables of the export.

    Empty when the folder in use has no control data.
    """
    try:
        control = data()
    except ControlDataMissingError:
        return {}
    table = pd.concat([owners(a["id"]) for a in control.assets], ignore_index=True)
    return {"owners": table, "financing": lending(), "organisations": organisations()}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = (
        frame.astype(object).where(frame.notna(), None).to_dict(orient="records")  # type: ignore[assignment]
    )
    return records


@catalog.with_geodata
def report(
    ident: str | None = None, *, geodata: str | os.PathLike[str] | Catalog | None = None
) -> dict[str, list[dict[str, Any]]]:
    """What ``corridors owners [ID]`` prints, as plain data (JSON-ready).

    With an id: ``owners`` (the chains of `owners`), ``operator``, ``builders``,
    ``cost``, ``financing`` and ``not_found`` of its assets. Without: ``assets``
    (`control_table` without the per-country dicts), ``totals`` (length-weighted,
    by country and mode) and ``lending`` (`lending_by_country`).

    Parameters
    ----------
    ident
        An asset or feature id (see `owners`), or None for every asset.
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    report
        Section title → rows (dicts).
    """
    if ident is None:
        table = control_table().drop(columns=["direct_by_country", "ultimate_by_country"])
        return {
            "assets": _records(table),
            "totals": _records(control_totals()),
            "lending": _records(lending_by_country()),
        }
    control = data()
    orgs = control.organisations
    found = _assets_of(ident, control)
    chains = owners(ident)[
        ["asset", "owner_name", "direct_pct", "since", "chain", "ultimate_country", "ultimate_pct"]
    ]
    roles: dict[str, list[dict[str, Any]]] = {
        "operator": [],
        "builders": [],
        "cost": [],
        "financing": [],
        "not_found": [],
    }
    for asset in found:
        if "operator" in asset:
            op = asset["operator"]
            roles["operator"].append(
                {"asset": asset["id"], "operator": _name(orgs[op["organisation"]])}
            )
        for b in asset.get("builders", []):
            roles["builders"].append(
                {
                    "asset": asset["id"],
                    "builder": _name(orgs[b["organisation"]]),
                    "role": b.get("role", ""),
                }
            )
        for c in asset.get("cost", []):
            amount = c["amount"]
            roles["cost"].append(
                {
                    "asset": asset["id"],
                    "amount": f"{amount['value']:g} {amount.get('multiplier', '')} "
                    f"{amount['currency']}".replace("  ", " "),
                    "year": c.get("year"),
                    "scope": c["scope"],
                }
            )
        if "not_found" in asset:
            roles["not_found"].append(
                {
                    "asset": asset["id"],
                    "not found": ", ".join(asset["not_found"]["fields"]),
                    "searched": asset["not_found"]["searched"],
                }
            )
    loans = lending()
    loans = loans[loans["asset"].isin([a["id"] for a in found])]
    roles["financing"] = _records(
        loans[
            ["asset", "lender_name", "lender_country", "instrument", "amount", "currency", "year"]
        ]
    )
    return {"owners": _records(chains), **roles}


#: What the coverage rule asks about: every pipeline (and its stations), terminal,
#: port, dry port, and every railway that crosses a border, per country it runs in.
COVERED_KINDS = frozenset(
    {
        "gas_pipeline",
        "oil_pipeline",
        "compressor_station",
        "pump_station",
        "seaport",
        "dry_port",
    }
)


@catalog.with_geodata
def coverage(*, geodata: str | os.PathLike[str] | Catalog | None = None) -> pd.DataFrame:
    """Which assets the coverage rule asks for, and whether their control is sourced.

    One row per required asset (a pipeline, station, terminal, port or dry port, and
    a cross-border railway, per country section of a line): ``feature``, ``country``,
    ``asset`` (the asset of control.json covering it, or ``""``), ``owners_sourced``
    (owners holding 100 % between them, each share sourced, and a sourced operator),
    ``stated`` (what is missing is said in ``not_found``, with what was searched).

    Parameters
    ----------
    geodata
        The geodata folder (a path or a `corridors.open` catalog); default: the
        folder in use.

    Returns
    -------
    coverage
        One row per required asset, as above.
    """
    everything = catalog.load_all()
    control = data()
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    asset: dict[str, Any] | None
    for asset in control.assets:
        by_key.setdefault((asset["feature"], asset.get("section", {}).get("country", "")), asset)
    rows = []
    columns = (everything["id"], everything["kind"], everything["countries"], everything.geometry)
    for fid, kind, declared, geometry in zip(*columns, strict=True):
        countries = list(declared) if isinstance(declared, list) else []
        cross_border_rail = kind == "railway" and len(countries) > 1
        if kind not in COVERED_KINDS and not cross_border_rail:
            continue
        line = geometry is not None and geometry.geom_type != "Point"
        for country in countries if (line and len(countries) > 1) else [""]:
            asset = by_key.get((str(fid), country)) or by_key.get((str(fid), ""))
            if asset is None:  # a point split in named parts (Kuryk's terminals)
                asset = next((a for a in control.assets if a["feature"] == str(fid)), None)
            missing = set(asset.get("not_found", {}).get("fields", [])) if asset else set()
            held = [o for o in asset["owners"] if held_at(o, None)] if asset else []
            known = sum(o.get("share", 0.0) for o in held)
            sourced = bool(
                asset is not None
                and held
                and all("share" in o for o in held)
                and known >= 100 - 0.01
                and "operator" in asset
            )
            rows.append(
                {
                    "feature": str(fid),
                    "country": country or (countries[0] if countries else ""),
                    "asset": asset["id"] if asset else "",
                    "owners_sourced": sourced,
                    "stated": sourced or bool(missing),
                }
            )
    return pd.DataFrame(rows)
