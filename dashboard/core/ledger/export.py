"""``ledger export``: the team's current events as a Frontline CSV, for committing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core.export.neutralise import csv_bytes
from dashboard.core.io.load import load_dataset
from dashboard.core.ledger import store
from dashboard.core.ledger.read import LedgerDB, team_frame
from dashboard.core.ledger.tables import ACTIVE, RETRACTED
from dashboard.core.schema import EVENT_COLUMNS

__all__ = ["export_team_events", "LedgerExport"]


@dataclass(frozen=True)
class LedgerExport:
    """The CSV bytes and what a committer must do besides adding the file."""

    data: bytes
    rows: int
    replaces: tuple[str, ...]
    """CSV event ids the export corrects: delete those rows from the CSV tables."""
    retracts: tuple[str, ...]
    """CSV event ids the team retracted: delete those rows from the CSV tables."""


def export_team_events(db: LedgerDB) -> LedgerExport:
    """Every active team event (added, corrected or approved) in the event-table columns."""
    with store.read_transaction(db.engine) as conn:
        team = team_frame(conn, db.dataset)
    csv_ids = set(load_dataset(db.data_dir, ledger=False).events["event_id"])
    active = team[team["status"] == ACTIVE]
    gone = team[(team["status"] == RETRACTED) & team["event_id"].isin(csv_ids)]
    table = pd.DataFrame(active[list(EVENT_COLUMNS)], columns=list(EVENT_COLUMNS))
    table = _with_coordinates(table, load_dataset(db.data_dir).events)
    return LedgerExport(
        csv_bytes(table),
        len(table),
        tuple(sorted(set(active["event_id"]) & csv_ids)),
        tuple(sorted(gone["event_id"])),
    )


def _with_coordinates(table: pd.DataFrame, merged: pd.DataFrame) -> pd.DataFrame:
    """Fill lat/lon that a team row left to the gazetteer, so the file loads on its own
    (the loader looks names up in places.csv only, not in the other event tables)."""
    coords = merged.set_index("event_id")[["lat", "lon"]]
    blank = (table["lat"] == "") & (table["lon"] == "")
    for col in ("lat", "lon"):
        found = table["event_id"].map(coords[col]).map(lambda v: f"{v:.6f}".rstrip("0").rstrip("."))
        table[col] = table[col].where(~blank, found)
    return table
