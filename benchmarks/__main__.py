"""``python -m benchmarks``: run the benchmarks and write benchmarks/README.md."""

from benchmarks.run import main

raise SystemExit(main())
