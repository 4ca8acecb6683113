"""``python -m corridors``: the same command line as ``corridors``."""

from corridors.cli import main

raise SystemExit(main())
