"""Merge the team's rows into the CSV events: the rule the loader and every save share.

A team row replaces the CSV event with the same ``event_id`` (a correction) or removes it
(a retraction); other team rows are new events. The team rows are validated as one more
event table (``validate_events``), then every team control row is checked against the
whole dataset for a second holder on the same place and day without a note.
"""

from __future__ import annotations

import pandas as pd

from dashboard.core.errors import DataError, Problem
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.validate import same_day_clashes, validate_events
from dashboard.core.ledger.tables import ACTIVE
from dashboard.core.schema import EVENT_COLUMNS

__all__ = ["conflicts", "EDIT_COLUMNS", "merge_team_rows"]

EDIT_COLUMNS = ("edited_by", "edited_at")
"""Extra event columns when a ledger is merged: who last changed a team row, and when
(ISO UTC); empty for rows that come from the CSV tables."""


def merge_team_rows(
    events: pd.DataFrame, team: pd.DataFrame, gazetteer: Gazetteer | None, path: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """CSV ``events`` (typed, validated) with the ``team`` rows (strings, ``_line`` = ledger
    row number, ``status``, ``updated_by``, ``updated_at``) applied; DataError otherwise."""
    base = events[~events["event_id"].isin(set(team["event_id"]))].assign(
        edited_by="", edited_at=""
    )
    active = team[team["status"] == ACTIVE].reset_index(drop=True)
    warnings: list[Problem] = []
    frames = [base]
    if len(active):
        typed, warnings = validate_events(active[[*EVENT_COLUMNS, "_line"]], path, gazetteer)
        typed["edited_by"] = active["updated_by"].to_numpy()
        typed["edited_at"] = active["updated_at"].to_numpy()
        frames.append(typed)
    merged = pd.concat(frames, ignore_index=True)
    problems = conflicts(merged, team_rows=merged.index >= len(base))
    if problems:
        raise DataError(problems)
    merged["order"] = range(len(merged))
    merged = merged.sort_values(["date", "order"], kind="stable").reset_index(drop=True)
    return merged, warnings


def conflicts(events: pd.DataFrame, team_rows: object) -> list[Problem]:
    """One problem per team row that gives a place a second holder on a day with no note,
    naming the other event, its holder and where it is recorded."""
    clash = same_day_clashes(events["place"], events["date"], events["controller"], events["notes"])
    mine = pd.Series(clash, index=events.index) & pd.Series(team_rows, index=events.index).astype(
        bool
    )
    problems = []
    for _, row in events[mine].iterrows():
        others = events[
            (events["place"] == row["place"])
            & (events["date"] == row["date"])
            & (events["controller"] != "")
            & (events["controller"] != row["controller"])
        ]
        named = "; ".join(
            f"{o.controller!r} in {o.event_id} ({o.file}:{o.line})" for o in others.itertuples()
        )
        problems.append(
            Problem(
                str(row["file"]),
                int(row["line"]),
                f"{row['place']!r} on {row['date']:%Y-%m-%d}: {row['controller']!r} conflicts "
                f"with {named}; add a note explaining the disagreement",
            )
        )
    return problems
