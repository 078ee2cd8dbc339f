"""Benchmarks: one script per measure, each against its own bare baseline (docs/benchmarks.md)."""
