"""The pure core never imports a UI library, and nothing unpickles or evaluates data."""

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_core_imports_no_ui_library():
    code = (
        "import sys, dashboard.core.model, dashboard.core.geo.distance, dashboard.cli;"
        "bad = [m for m in ('streamlit', 'folium', 'streamlit_folium', 'altair') if m in sys.modules];"
        "print(','.join(bad))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert proc.stdout.strip() == ""


def test_no_pickle_or_eval_in_the_code():
    pattern = re.compile(r"\b(pickle|marshal|eval|exec)\s*[.(]|read_pickle|yaml\.load\(")
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "dashboard").rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []
