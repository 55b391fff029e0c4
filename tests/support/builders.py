"""Builders of small data folders for tests: an events table from text, one capture per point."""

from __future__ import annotations

from pathlib import Path


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


def own_dataset_id(folder: Path) -> str:
    """Give a copied data folder a dataset id of its own (``id`` in its dataset.toml), so
    copies sharing one PostgreSQL server keep separate ledgers; return the id."""
    import re
    import uuid

    ident = f"test-{uuid.uuid4().hex[:12]}"
    toml = folder / "dataset.toml"
    text = toml.read_text(encoding="utf-8") if toml.is_file() else ""
    text = re.sub(r"(?m)^id\s*=.*\n", "", text)
    toml.write_text(f'id = "{ident}"\n{text}', encoding="utf-8")
    return ident
