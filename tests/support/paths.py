"""Where the test data lives: the repository, the bundled data and the tiny dataset."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "tiny"
BUNDLED = ROOT / "data"
