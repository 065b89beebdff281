"""Benchmarks: indexing throughput and query latency (run ``python -m benchmarks``)."""
