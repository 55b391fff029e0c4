"""The bad-input corpus (tests/data/bad) as data: its folders, cases.csv and expected lines.

Shared by the CLI tests (test_bad_inputs) and the app tests (test_app_reliability).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from tests.support.paths import ROOT

BAD = ROOT / "tests" / "data" / "bad"


def load_cases() -> dict[str, list[dict[str, str]]]:
    """cases.csv rows grouped by case folder."""
    cases: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (BAD / "cases.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cases[row["case"]].append(row)
    return dict(cases)


CASES = load_cases()


def expected_line(folder: Path, row: dict[str, str]) -> str:
    """The ``path:line: message`` (or ``path: message``) line a case row must print."""
    path = folder / row["file"]
    line = int(row["line"] or 0)
    return f"{path}:{line}: {row['message']}" if line else f"{path}: {row['message']}"
