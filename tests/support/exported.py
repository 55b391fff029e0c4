"""The bundled campaign exported as one HTML page by the command line, as a user would."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from dashboard.cli import main


def export_html(folder: Path, day: str) -> Path:
    """``frontline export --format html`` of the bundled data opening on ``day`` (ISO),
    written to ``folder/map.html``; its output line is swallowed."""
    out = folder / "map.html"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["export", "--date", day, "--format", "html", "-o", str(out)]) == 0
    return out
