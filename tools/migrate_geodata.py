"""Migrate geodata/ to the version-2 format (sources by id, quantities {value, unit}).

Run once (issue 15); kept as the record of how the files changed. Idempotent: a
file already in version 2 is written back unchanged.

    python tools/migrate_geodata.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geodata_format import dumps, to_v2

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    for path in sorted((ROOT / "geodata").rglob("*.geojson")):
        text = path.read_text(encoding="utf-8")
        compact = "\n" not in text.strip()
        migrated = dumps(to_v2(json.loads(text)), compact=compact)
        if migrated != text:
            path.write_text(migrated, encoding="utf-8")
            print(f"migrated {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
