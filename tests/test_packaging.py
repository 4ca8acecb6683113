"""The package as pip users get it: sdist, then the wheel built from that sdist, installed.

`python -m build` makes the sdist first and builds the wheel from the unpacked sdist,
so whatever the sdist leaves out (a symlink, a file outside the listed folders) is
missing from the wheel too. The test does the same, offline, installs the wheel into
a fresh virtual environment and runs the CLI and the API from a folder that is not
the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import GEODATA, REPO


def _run(argv: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CORRIDORS_GEODATA"}}
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, check=False, **kwargs
    )


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    _ok(
        _run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
            cwd=out,
        )
    )
    (sdist,) = out.glob("corridors-*.tar.gz")
    (wheel,) = out.glob("corridors-*.whl")
    return {"sdist": sdist, "wheel": wheel}


def _geodata_files() -> list[str]:
    return sorted(str(p.relative_to(GEODATA)) for p in GEODATA.rglob("*") if p.is_file())


def test_sdist__carries_geodata_as_plain_files(dists):
    with tarfile.open(dists["sdist"]) as archive:
        members = archive.getmembers()
    root = members[0].name.split("/")[0]
    assert not [m.name for m in members if m.issym() or m.islnk()]
    names = {m.name for m in members if m.isfile()}
    for name in _geodata_files():
        assert f"{root}/geodata/{name}" in names


def test_wheel_from_sdist__carries_geodata_inside_the_package(dists):
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    for name in _geodata_files():
        assert f"corridors/geodata/{name}" in names
    assert "corridors/geodata.schema.json" in names
    assert not [n for n in names if n.startswith("geodata/")]


def test_wheel_from_sdist__declares_its_licences(dists):
    """pip show and licence scanners read the SPDX expression and the licence files."""
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        names = set(wheel.namelist())
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        headers = wheel.read(metadata).decode().split("\n\n")[0].splitlines()
    expression = [h.split(": ", 1)[1] for h in headers if h.startswith("License-Expression: ")]
    assert expression == ["MIT AND ODbL-1.0 AND CC-BY-4.0 AND Apache-2.0 AND LGPL-3.0-or-later"]
    assert {"License-File: LICENSE", "License-File: LICENSE-DATA.md"} <= set(headers)
    licences = {n.rsplit("/", 1)[1] for n in names if "/licenses/" in n}
    assert licences == {"LICENSE", "LICENSE-DATA.md"}
    assert not [h for h in headers if h.startswith("Classifier: License ::")]  # PEP 639


def test_wheel_from_sdist__installed_runs_from_another_folder(dists, tmp_path):
    """A fresh venv with the wheel, its dependencies borrowed from the test's own environment."""
    venv = tmp_path / "venv"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path))
    python = venv / "bin" / "python"
    _ok(
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(python),
                "install",
                "--quiet",
                "--no-index",
                "--no-deps",
                str(dists["wheel"]),
            ],
            cwd=tmp_path,
        )
    )
    # The dependencies (not corridors: the test venv holds it only as an editable .pth,
    # which a path added this way does not run) come after the venv's own packages.
    purelib = _ok(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            cwd=tmp_path,
        )
    ).strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _ok(
        _run(
            [
                str(python),
                "-c",
                "import corridors, corridors.catalog as c; "
                "print(corridors.__file__); print(c.bundled_root())",
            ],
            cwd=elsewhere,
        )
    )
    module, root = where.split()
    assert Path(module).is_relative_to(venv)
    assert Path(root) == Path(module).parent / "geodata"

    length = _ok(_run([str(venv / "bin" / "corridors"), "length", "cagp-line-a"], cwd=elsewhere))
    assert length.startswith("cagp-line-a: ")
    api = _ok(
        _run(
            [str(python), "-c", "import corridors; print(corridors.route_length('cagp-line-a'))"],
            cwd=elsewhere,
        )
    )
    assert float(api) > 1000
    assert f"{float(api):,.1f}" in length
