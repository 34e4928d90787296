"""Benchmarks for briefs; run with `python -m benchmarks`."""
