"""The notebooks run top to bottom, offline, against the installed package."""

from __future__ import annotations

import pytest
from conftest import REPO

nbclient = pytest.importorskip("nbclient", reason="notebook extras not installed")
nbformat = pytest.importorskip("nbformat", reason="notebook extras not installed")

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_three_notebooks_committed_without_outputs():
    assert [p.stem for p in NOTEBOOKS] == [
        "01-explore-layers",
        "02-route-lengths",
        "03-transit-scenarios",
    ]
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        assert notebook.cells[0].cell_type == "markdown"
        assert "Run it" in notebook.cells[0].source
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name}: commit without outputs"
                assert "sys.path" not in cell.source


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDORS_OUTPUT", str(tmp_path))
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    if path.stem == "01-explore-layers":
        assert (tmp_path / "titr.gpkg").exists()
