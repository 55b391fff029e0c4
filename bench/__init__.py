"""Benchmarks of Frontline against the naive way (``python -m bench``), and a synthetic data generator."""
