"""``kill -9`` during ``build`` and ``export``: earlier outputs survive, nothing lingers.

Outputs are written to a temporary file and renamed (`corridors.atomic`), so a
killed run leaves the previous file whole; its temporary file (and SQLite's journal
beside a GeoPackage) carries the dead writer's pid, and the next run removes it.
Kills land at random points (seeded), one in five once a temporary file is known
to exist. Since outputs are byte-for-byte reproducible, a run that finished before
its kill rewrote the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corridors import atomic

KILLS = 20  # in all: half build, half export
#: Longest a run may take before the test gives up on it (a hang is a failure).
RUN_TIMEOUT_S = 600


def _command(out: Path, what: str) -> list[str]:
    base = [sys.executable, "-m", "corridors"]
    if what == "build":
        return [*base, "build", "--out", str(out), "--map", "border"]
    return [*base, "export", "--out", str(out / "atlas.gpkg")]


def _run(out: Path, what: str) -> None:
    subprocess.run(_command(out, what), check=True, capture_output=True, timeout=RUN_TIMEOUT_S)


def _digests(out: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.iterdir())
        if not p.name.startswith(".")
    }


def _temporary(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def _kill_at_random(out: Path, what: str, rng: random.Random, *, during_write: bool) -> None:
    """Start a run and kill -9 it: at a random moment, or once a temporary file exists."""
    process = subprocess.Popen(
        _command(out, what), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        if during_write:
            deadline = time.monotonic() + RUN_TIMEOUT_S
            while process.poll() is None and time.monotonic() < deadline:
                if any(atomic.MARK in name for name in _temporary(out)):
                    time.sleep(rng.uniform(0, 0.3))
                    break
                time.sleep(0.005)
        else:
            time.sleep(rng.uniform(0.2, 4.0))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=RUN_TIMEOUT_S)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_9__earlier_outputs_intact_and_no_leftovers(tmp_path):
    out = tmp_path / "output"
    _run(out, "export")  # the GeoPackage first: the index links it
    _run(out, "build")
    before = _digests(out)
    assert {"atlas.gpkg", "border.html", "border.svg", "index.html"} <= set(before)

    rng = random.Random(25)
    left_behind = set()
    for i in range(KILLS):
        what = "build" if i % 2 == 0 else "export"
        _kill_at_random(out, what, rng, during_write=i % 5 == 4)
        assert _digests(out) == before, f"kill {i} ({what}) changed an earlier output"
        left_behind.update(_temporary(out))
    # The kills did land inside writes: a temporary file of a dead writer was seen.
    assert any(atomic.MARK in name for name in left_behind)

    _run(out, "export")
    _run(out, "build")
    assert _temporary(out) == []
    assert _digests(out) == before


def test_sweep__removes_only_dead_writers_files(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    names = [
        f".index.html.{pid}-0123abcd{atomic.MARK}",
        f".atlas.gpkg.{pid}-0123abcd{atomic.MARK}.gpkg",
        f".atlas.gpkg.{pid}-0123abcd{atomic.MARK}.gpkg-journal",
        f".index.html.{os.getpid()}-0123abcd{atomic.MARK}",  # this process: still writing
        ".index.html.abc123.tmp",  # not this writer's pattern
        ".hidden",
        "index.html",
    ]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    removed = atomic.sweep(tmp_path)
    assert sorted(p.name for p in removed) == sorted(names[:3])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[3:])
