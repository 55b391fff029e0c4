"""The benchmarks start apps with the tests' one launcher (tests/support/server.py)."""

from __future__ import annotations

from tests.support.server import App, running

OURS = None  # the product's entry (the launcher's state folder script)
NAIVE = "bench/naive_app.py"

__all__ = ["App", "NAIVE", "OURS", "running"]
