"""Shared fixtures: paths of the bundled and the tiny synthetic data folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "tiny"
BUNDLED = ROOT / "data"

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def tiny_dir() -> Path:
    """A three-place synthetic data folder with known answers (tests/data/tiny)."""
    return TINY


@pytest.fixture
def bundled_dir() -> Path:
    """The bundled Libya 2019-2020 data folder."""
    return BUNDLED


def write_events(folder: Path, text: str, factions: str | None = None) -> Path:
    """Create ``folder/events/events.csv`` (and factions.csv) from text; return folder."""
    events = folder / "events"
    events.mkdir(parents=True, exist_ok=True)
    (events / "events.csv").write_text(text, encoding="utf-8")
    if factions is not None:
        (events / "factions.csv").write_text(factions, encoding="utf-8")
    return folder


EVENT_HEADER = (
    "event_id,date,place,lat,lon,controller,previous_controller,date_precision,event_type,"
    "confidence,source_title,source_publisher,source_date,source_url,notes"
)


def write_points(
    folder: Path, points: list[tuple[float, float]], days: tuple[str, ...] = ("2020-01-01",)
) -> Path:
    """A data folder with one capture per (lat, lon) point, factions A and B alternating."""
    rows = [
        f"E{i},{days[i % len(days)]},P{i},{lat},{lon},{'AB'[i % 2]},,day,capture,confirmed,"
        f"S{i},Wire,,,"
        for i, (lat, lon) in enumerate(points)
    ]
    factions = "faction,label,color,description\nA,Alpha,#0072B2,\nB,Beta,#D55E00,\n"
    return write_events(folder, "\n".join([EVENT_HEADER, *rows]) + "\n", factions)
