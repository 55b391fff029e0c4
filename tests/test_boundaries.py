"""Nothing unpickles or evaluates data (the pure core is checked in test_architecture)."""

import re

from tests.support.paths import ROOT


def test_no_pickle_or_eval_in_the_code():
    pattern = re.compile(r"\b(pickle|marshal|eval|exec)\s*[.(]|read_pickle|yaml\.load\(")
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "dashboard").rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []
