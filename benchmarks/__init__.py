"""Benchmarks of corridors against its peers, every figure a ratio measured in the same run.

Run ``python -m benchmarks`` (or ``make bench``) from the repository root; ``--quick``
runs every benchmark at a tiny size in seconds. The results table is written to
``benchmarks/README.md``.
"""
