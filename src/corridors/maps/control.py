"""The control map: each asset coloured by the share of it ultimately held in China.

An asset is a feature of geodata, or its section in one country (drawn as the
feature's line clipped to that country's polygon), or a named part of it (drawn at
the feature's point). The colour is `corridors.control`'s ultimate Chinese share
(from sourced shares only); grey where no owner's share is known. Each popup lists
the owners (direct, and where the chain ends), the operator and the lenders, each
with its source; the panel charts the sourced lending by lender.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from corridors import catalog, control, fmt, sourcing
from corridors.maps.assets import AtlasMap
from corridors.maps.common import MapSpec, add_basemap, add_layer, finish, legend, title
from corridors.maps.frontend import render
from corridors.maps.layers import PopupRow

#: Colour classes of the ultimate Chinese share (per cent), upper bound inclusive.
CLASSES: tuple[tuple[float, str, str], ...] = (
    (0.0, "#2e86c1", "no Chinese owner among the owners known"),
    (49.9, "#f5b041", "under 50 % Chinese"),
    (50.0, "#e67e22", "50 % Chinese"),
    (100.0, "#922b21", "over 50 % Chinese"),
)
#: Colour of assets with no sourced share.
UNKNOWN_COLOR = "#6c7a89"
#: Where the map opens: Central Asia and the Caspian (lon, lat), the assets of most interest.
VIEW = (44.0, 36.0, 88.0, 52.0)

POPUP: tuple[PopupRow, ...] = (
    PopupRow("Chinese share", "operator"),
    PopupRow("", "other_facts", "sourced"),
    PopupRow("Not found", "description"),
    PopupRow("Countries", "countries", "list"),
)


def share_color(known_pct: float, chn_pct: float) -> str:
    """The colour of an asset: by its ultimate Chinese share, grey if no share is known."""
    return share_classes()[share_class(known_pct, chn_pct)][0]


def share_class(known_pct: float, chn_pct: float) -> str:
    """The legend class of an asset's share (a key of `share_classes`)."""
    if known_pct <= 0:
        return "share-unknown"
    for i, (upper, _, _) in enumerate(CLASSES):
        if chn_pct <= upper + 1e-9:
            return f"share-{i}"
    return f"share-{len(CLASSES) - 1}"


def share_classes() -> dict[str, tuple[str, str]]:
    """The map's colour classes for its legend: key -> (colour, label), in order."""
    classes = {f"share-{i}": (color, label) for i, (_, color, label) in enumerate(CLASSES)}
    classes["share-unknown"] = (UNKNOWN_COLOR, "unknown: no owner's share sourced")
    return classes


def _first_source(item: dict[str, Any]) -> dict[str, str]:
    """The first document an item cites: title, url and the copy read, if any."""
    cited = (item.get("sources") or [{}])[0]
    out = {"title": str(cited.get("title") or "source"), "url": str(cited.get("url") or "")}
    return {**out, "copy": cited["copy"]} if cited.get("copy") else out


def _facts(asset: dict[str, Any], chains: pd.DataFrame) -> list[dict[str, Any]]:
    """Owners, operator, builders and lenders as popup rows, each with its source."""
    orgs = control.data().organisations
    rows: list[dict[str, Any]] = []
    for holding in asset["owners"]:
        name = orgs[holding["organisation"]].get("short") or orgs[holding["organisation"]]["name"]
        share = f"{fmt.number(holding['share'])} %" if "share" in holding else "(share not found)"
        ends = chains[chains["owner"] == holding["organisation"]]
        up = "; ".join(
            f"{r.ultimate_name} ({r.ultimate_country}) {fmt.number(round(r.ultimate_pct, 2))} %"
            for r in ends.itertuples()
            if r.chain != r.owner and pd.notna(r.ultimate_pct)
        )
        via = f" via {holding['via']}" if holding.get("via") else ""
        since = f" since {holding['since']}" if holding.get("since") else ""
        value = f"{name} {share}{via}{since}" + (f"; in the end: {up}" if up else "")
        cited = _first_source(holding)
        rows.append({"label": "Owner", "value": value, "source": cited})
    if "operator" in asset:
        op = asset["operator"]
        cited = _first_source(op)
        name = orgs[op["organisation"]].get("short") or orgs[op["organisation"]]["name"]
        rows.append({"label": "Operator", "value": name, "source": cited})
    for builder in asset.get("builders", []):
        cited = _first_source(builder)
        org = orgs[builder["organisation"]]
        rows.append(
            {
                "label": "Builder",
                "value": str(org.get("short") or org["name"]),
                "source": cited,
            }
        )
    for loan in asset.get("financing", []):
        cited = _first_source(loan)
        lender = orgs[loan["lender"]]
        amount = loan.get("amount")
        figure = (
            f"{fmt.number(amount['value'])} {amount.get('multiplier', '')} {amount['currency']}"
            if amount
            else "amount not found"
        ).replace("  ", " ")
        year = f", {loan['year']}" if loan.get("year") else ""
        value = f"{lender.get('short') or lender['name']}: {figure}{year} ({loan['purpose']})"
        rows.append({"label": "Lender", "value": value, "source": cited})
    return rows


def _asset_sources(asset: dict[str, Any]) -> list[dict[str, Any]]:
    """Every document the asset's entry cites, once, with what it backs."""
    backs: dict[tuple[str, str, str], list[str]] = {}
    for field in ("owners", "builders", "cost", "financing", "disputed"):
        for item in asset.get(field, []):
            for cited in item["sources"]:
                key = (cited["title"], cited["url"], cited.get("copy") or "")
                backs.setdefault(key, []).append(field)
    for cited in asset.get("operator", {}).get("sources", []):
        key = (cited["title"], cited["url"], cited.get("copy") or "")
        backs.setdefault(key, []).append("operator")
    return [
        {"title": t, "url": u, **({"copy": c} if c else {}), "supports": list(dict.fromkeys(f))}
        for (t, u, c), f in backs.items()
    ]


def asset_frame() -> gpd.GeoDataFrame:
    """One row per asset: its geometry (the section's part), colour and popup facts."""
    table = control.control_table().set_index("asset")
    everything = catalog.load_all().set_index("id")
    countries = everything[everything["kind"] == "country"].set_index("iso3")
    rows = []
    for asset in control.data().assets:
        feature = everything.loc[asset["feature"]]
        geom = feature.geometry
        country = asset.get("section", {}).get("country")
        if country and geom.geom_type in ("LineString", "MultiLineString"):
            if country not in countries.index:
                continue
            geom = shapely.intersection(geom, countries.loc[country].geometry)
            geom = shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom
            if geom.is_empty or geom.geom_type not in ("LineString", "MultiLineString"):
                continue  # the drawn line does not reach this country (e.g. it starts at it)
        row = table.loc[asset["id"]]
        known, chn = float(row["known_pct"]), float(row["ultimate_chn_pct"])
        color = share_color(known, chn)
        is_line = geom.geom_type in ("LineString", "MultiLineString")
        weight = 5 if known > 0 else 3
        style = (
            {"color": color, "weight": weight, "cls": share_class(known, chn)}
            if is_line
            else {"color": "#17202a", "fillColor": color, "radius": 8}
        )
        chains = control.owners(asset["id"])
        share_text = (
            f"{fmt.number(round(chn, 1))} % in the end (owners known for "
            f"{fmt.number(round(known, 1))} %)"
            if known > 0
            else "unknown: no owner's share sourced"
        )
        not_found = asset.get("not_found")
        rows.append(
            {
                "id": asset["id"],
                "name": asset["name"],
                "kind": feature["kind"],
                "status": feature.get("status"),
                "countries": [country] if country else feature["countries"],
                "operator": share_text,
                "other_facts": _facts(asset, chains),
                "description": (
                    f"{', '.join(not_found['fields'])}: {not_found['searched']}"
                    if not_found
                    else None
                ),
                "map_style": style,
                "sources": _asset_sources(asset),
                "feature": asset["feature"],
                "feature_name": str(feature["name"]),
                "part": asset.get("section", {}).get("part") or country or asset["name"],
                "known": known,
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(_merge_points(rows), geometry="geometry", crs=4326)


def _merge_points(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One marker per point feature: its parts (the Kazakh and Chinese parts of the ICBC,
    Kuryk's two terminals) in one popup, coloured by the part whose owners are best known.

    Markers at one spot would otherwise hide each other from the pointer.
    """
    out: list[dict[str, Any]] = []
    by_feature: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["geometry"].geom_type == "Point":
            by_feature.setdefault(row["feature"], []).append(row)
        else:
            out.append(row)
    for parts in by_feature.values():
        if len(parts) == 1:
            out.append(parts[0])
            continue
        best = max(parts, key=lambda r: r["known"])
        merged = dict(best)
        merged["id"] = parts[0]["feature"]
        merged["name"] = parts[0]["feature_name"]
        merged["countries"] = sorted({c for r in parts for c in r["countries"]})
        merged["operator"] = "; ".join(f"{r['name']}: {r['operator']}" for r in parts)
        merged["other_facts"] = [
            {**fact, "label": f"{fact['label']} ({r['part']})"}
            for r in parts
            for fact in r["other_facts"]
        ]
        merged["description"] = "; ".join(
            f"{r['part']}: {r['description']}" for r in parts if r["description"]
        )
        out.append(merged)
    for row in out:
        for key in ("feature", "feature_name", "part", "known"):
            row.pop(key, None)
    return out


def lending_chart() -> str:
    """A bar chart (HTML) of the sourced USD lending by lender, with its sources."""
    loans = control.lending()
    loans = loans[loans["instrument"].isin(control.LENDING)]
    usd = loans[(loans["currency"] == "USD") & loans["amount"].notna()]
    by_lender = usd.groupby(["lender_name", "lender_country"])["amount"].sum()
    by_lender = by_lender.sort_values(ascending=False)
    top = float(by_lender.max()) if not by_lender.empty else 1.0
    bars = []
    for key, amount in by_lender.items():
        name, country = (str(part) for part in key)  # type: ignore[attr-defined]
        bars.append(
            {
                "lender": f"{name} ({country})",
                "width": f"{max(1.0, 100 * float(amount) / top):.0f}",
                "amount": f"${fmt.number(round(float(amount) / 1e6))} m",
            }
        )
    cited = sorted(set("; ".join(usd["sources"]).split("; "))) if not usd.empty else []
    sources = [sourcing.parse_cited(s) for s in cited if " <" in s]
    other = loans[loans["currency"] != "USD"]
    others = [
        {
            "lender": name,
            "amount": fmt.number(float(amount) / 1e9),
            "currency": currency,
            "purpose": purpose,
        }
        for name, amount, currency, purpose in zip(
            other["lender_name"], other["amount"], other["currency"], other["purpose"], strict=True
        )
        if pd.notna(amount)
    ]
    return render("panels/lending.html", bars=bars, others=others, sources=sources)


def build(m: AtlasMap) -> None:
    """Draw the control map on `m`."""
    frame = asset_frame()
    add_basemap(m, (20.0, -5.0, 125.0, 72.0), 0.03)
    lines = frame[frame.geom_type.isin(["LineString", "MultiLineString"])]
    points = frame[~frame.index.isin(lines.index)]
    x0, y0, x1, y1 = VIEW
    # folium takes [lat, lon]; the padding keeps the view clear of the layer control.
    m.fit_bounds([[y0, x0], [y1, x1]], padding_top_left=(20, 20), padding_bottom_right=(260, 20))
    add_layer(
        m, lines, "Pipelines, railways, road (by country section)", scheme="control", popup=POPUP
    )
    add_layer(m, points, "Stations, ports, dry ports, plants", scheme="control", popup=POPUP)
    add_layer(m, "china-kazakhstan-border", title("china-kazakhstan-border"))
    classes = share_classes()
    # The sites' markers are filled by share: the legend names the fills drawn.
    fills = {str(style["fillColor"]) for style in points["map_style"]}
    key = legend(
        "Share ultimately held in China (sourced shares only)",
        dots=[
            ("#17202a", color, f"site: {label}")
            for color, label in classes.values()
            if color in fills
        ],
    )
    finish(
        m,
        key,
        lending_chart(),
        info_title="Lending by lender (sourced)",
        info_open=False,
        classes=classes,
    )


MAP = MapSpec(
    "control",
    "Control",
    "Who owns each pipeline, railway, port and plant: coloured by the share ultimately held "
    "in China, with owners, operator and lenders in the popups.",
    build,
)


def headline_html() -> str:
    """The index page's panel: the ultimate Chinese share by country and mode, by km."""
    totals = control.control_totals(through="cnpc")
    rows = []
    for country, mode, km, known, chn, cnpc in zip(
        totals["country"],
        totals["mode"],
        totals["weight"].astype(float),
        totals["known_pct"].astype(float),
        totals["chn_pct"].astype(float),
        totals["cnpc_pct"].astype(float),
        strict=True,
    ):
        if km < 1:
            continue
        rows.append(
            {
                "country": country,
                "mode": mode,
                "km": fmt.km_computed(km, decimals=0),
                "known": f"{known:.0f}",
                "chn": f"{chn:.1f}" if known > 0 else None,
                "cnpc": f"{cnpc:.1f}" if known > 0 else None,
            }
        )
    return render("panels/control-headline.html", rows=rows)
