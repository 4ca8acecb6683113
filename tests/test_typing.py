"""`mypy --strict` passes on the package, with the settings of pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO

PYPROJECT = REPO / "pyproject.toml"


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_mypy_strict__passes_on_the_package():
    result = _mypy("src/corridors")
    assert result.returncode == 0, result.stdout + result.stderr


def _exempt() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    return [
        module
        for override in config.get("overrides", [])
        if override.get("ignore_errors")
        for module in override["module"]
    ]


def test_mypy_strict__every_exempt_module_still_needs_it(tmp_path: Path):
    # The exemptions can only shrink: a listed module that passes must leave the list.
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    kept = [o for o in config.get("overrides", []) if not o.get("ignore_errors")]
    lines = [f'python_version = "{config["python_version"]}"', "strict = true"]
    ini = ["[mypy]", *lines]
    for override in kept:
        ini.append(f"[mypy-{','.join(override['module'])}]")
        ini.extend(f"{k} = {str(v).lower()}" for k, v in override.items() if k != "module")
    (tmp_path / "mypy.ini").write_text("\n".join(ini) + "\n", encoding="utf-8")
    result = _mypy("--config-file", str(tmp_path / "mypy.ini"), "src/corridors")
    failing = {
        line.split(":", 1)[0].removeprefix("src/").removesuffix(".py").replace("/", ".")
        for line in result.stdout.splitlines()
        if ": error:" in line
    }
    for module in _exempt():
        prefix = module.removesuffix(".*")
        assert any(f == prefix or f.startswith(prefix + ".") for f in failing), (
            f"{module} passes mypy --strict: remove it from the exemptions in pyproject.toml"
        )
