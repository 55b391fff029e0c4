"""Today's design as a baseline: the dashboard at an earlier commit, run beside ours.

``checkout(commit)`` writes that commit's tree (``git archive``) into a cache folder
once; its ``dashboard/app.py`` then runs with the same virtual environment, so both
designs are measured in one run on the same machine and data.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from bench.timing import ROOT

BEFORE_INSTANT_MAP = "8f9d184"
"""The last commit before the instant map: every scrub step a Streamlit rerun."""


def checkout(commit: str = BEFORE_INSTANT_MAP, cache: Path | None = None) -> Path:
    """The tree of ``commit`` in a folder (cached under the system temp dir)."""
    folder = (cache or Path(tempfile.gettempdir()) / "frontline-bench") / f"tree-{commit}"
    if (folder / "dashboard" / "app.py").exists():
        return folder
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        check=True,
        capture_output=True,
    ).stdout
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run_in_tree(tree: Path, script: str, arg: Path, timeout_s: float) -> dict[str, Any] | None:
    """Run ``python -c script arg`` with the code in ``tree`` first on the import path, and
    read the JSON object it prints last (None: timed out)."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", script, str(arg)],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))
