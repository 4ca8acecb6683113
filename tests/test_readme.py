"""The README's Python example and feature counts stay true."""

from __future__ import annotations

import json
import re

from conftest import GEODATA, REPO


def test_readme_python_example_runs(tmp_path, monkeypatch):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "output" / "index.html").exists()


def test_readme_layer_table_counts():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w/.-]+\.geojson)` \| [^|]+ \| (\d+) \|$", text, re.M)
    assert len(rows) == len(list(GEODATA.rglob("*.geojson")))
    for name, count in rows:
        features = json.loads((GEODATA / name).read_text(encoding="utf-8"))["features"]
        assert len(features) == int(count), name
