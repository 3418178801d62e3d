"""Benchmarks for the gazetteer and resolver (run as modules, e.g. ``python -m benchmarks.resolve``)."""
