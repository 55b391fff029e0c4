"""Streamlit entry point: ``streamlit run dashboard/app.py`` (from anywhere)."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from dashboard.ui.page import render  # noqa: E402 - needs the repo root on sys.path

render()
