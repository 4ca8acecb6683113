"""The committed rail and road geometry is exactly what tools/derive_routes.py draws.

Needs the ``derive`` extra (``make derive-check`` installs it and runs the same
check); without it the test is skipped and says so.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import REPO

HAVE_DERIVE = all(importlib.util.find_spec(m) for m in ("scgraph_data", "scgraph", "scipy"))


@pytest.mark.skipif(not HAVE_DERIVE, reason="derive extra not installed (make derive-check)")
def test_derive_routes__reproduces_the_committed_files():
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "derive_routes.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
