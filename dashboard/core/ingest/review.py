"""The review framework every importer shares: rows that cannot be converted without
guessing (bad date, unknown or ambiguous place, a rule of the event table broken) are not
dropped silently but go to a review report, the original row plus a ``reason`` column.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.errors import DataError, Problem
from dashboard.core.export.neutralise import csv_text
from dashboard.core.io.csvread import data_csv_text
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.validate import MAX_FIELD, validate_events
from dashboard.core.schema import EVENT_COLUMNS

__all__ = [
    "clip_text",
    "DATE_FORMATS",
    "DATE_HELP",
    "ImportResult",
    "parse_dates",
    "Progress",
    "quoted",
    "REASON",
    "Reasons",
    "review_frame",
    "review_path",
    "settle",
    "settle_checked",
    "summary_lines",
]

DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
DATE_HELP = "expected 2020-05-31, 31-05-2020 or 31 May 2020"
REASON = "reason"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ImportResult:
    """Converted events (canonical columns first, then extras), rows for review, counts."""

    events: pd.DataFrame
    review: pd.DataFrame
    counts: dict[str, int]
    notes: tuple[str, ...] = field(default=())
    checked: pd.DataFrame | None = field(default=None, compare=False)
    """The events as the event table's validator typed them (same rows and order; None:
    not kept), so an upload is loaded without being read and validated again."""

    def events_csv(self) -> str:
        """The event table as CSV text, cells unchanged (drops the internal ``_line``)."""
        return data_csv_text(self.events.drop(columns=["_line"], errors="ignore"))

    def review_csv(self) -> str:
        """The review report as neutralised CSV text."""
        return csv_text(self.review)

    def events_bytes(self) -> bytes:
        """:meth:`events_csv` as UTF-8 bytes (for a download button)."""
        return self.events_csv().encode("utf-8")

    def review_bytes(self) -> bytes:
        """:meth:`review_csv` as UTF-8 bytes."""
        return self.review_csv().encode("utf-8")

    def summary_lines(self) -> list[str]:
        """Human summary: rows read, control changes, context events, rows for review."""
        return summary_lines(self.counts, self.notes)


def summary_lines(counts: dict[str, int], notes: Sequence[str] = ()) -> list[str]:
    """The summary of an import's counts (see :meth:`ImportResult.summary_lines`)."""
    c = counts
    lines = [f"read {c['rows_read']:,} rows"]
    if c.get("merged_rows"):
        lines[0] += f" ({c['merged_rows']:,} duplicate rows of monadic events merged"
        old = c.get("superseded_rows", 0)
        lines[0] += f", {old:,} of them older revisions)" if old else ")"
    lines.append(
        f"{c['events']:,} events: {c['control_changes']:,} control changes, "
        f"{c['context_events']:,} context events"
    )
    lines.append(f"{c['review_rows']:,} rows for review")
    return lines + list(notes)


def review_path(out: str | os.PathLike[str]) -> Path:
    """The review report next to ``out``: ``NAME.review.csv``."""
    path = Path(out)
    return path.with_name(f"{path.stem}.review.csv")


class Reasons:
    """Per-row review reasons, collected from boolean masks (vectorised)."""

    def __init__(self, index: pd.Index):
        self.text = pd.Series("", index=index, dtype=object)

    def add(self, mask: pd.Series | np.ndarray, message: str | pd.Series) -> None:
        """Append ``message`` (text, or one text per row) to the rows where ``mask`` holds."""
        hit = pd.Series(mask, index=self.text.index).fillna(False).astype(bool)
        if not hit.any():
            return
        msg = (
            message if isinstance(message, pd.Series) else pd.Series(message, index=self.text.index)
        )
        old = self.text[hit]
        self.text[hit] = old + np.where(old == "", "", "; ") + msg[hit].astype(str)

    @property
    def flagged(self) -> pd.Series:
        """True for rows with at least one reason."""
        return self.text != ""


def parse_dates(text: pd.Series) -> pd.Series:
    """Dates in any of :data:`DATE_FORMATS`, detected per row; NaT where none fits.

    Examples
    --------
    >>> parse_dates(pd.Series(["2020-05-31", "31-05-2020", "31 May 2020", "31/5"])).dt.day.tolist()
    [31.0, 31.0, 31.0, nan]
    """
    clean = text.astype(str).str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        todo = out.isna() & (clean != "")
        if not todo.any():
            break
        out[todo] = pd.to_datetime(clean[todo], format=fmt, errors="coerce")
    return out


def quoted(values: pd.Series, width: int = 60) -> pd.Series:
    """repr()-style quoting of text values for messages, shortened to ``width``."""
    short = values.astype(str).str.slice(0, width)
    return "'" + short.str.replace("'", "\\'", regex=False) + "'"


def clip_text(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Shorten text longer than the event table allows (validate.MAX_FIELD) with '…'."""
    for col in columns:
        long = frame[col].str.len() > MAX_FIELD
        if long.any():
            frame.loc[long, col] = frame.loc[long, col].str.slice(0, MAX_FIELD - 1) + "…"
    return frame


def settle(
    events: pd.DataFrame, path: str, gazetteer: Gazetteer | None = None
) -> tuple[pd.DataFrame, dict[int, str]]:
    """Run the event-table validator on ``events`` (strings with ``_line``); rows it rejects
    are taken out, with its message, so that the rest is guaranteed to load.

    Returns (accepted events, {file line: reason}); see :func:`settle_checked`.
    """
    accepted, _, rejected = settle_checked(events, path, gazetteer)
    return accepted, rejected


def settle_checked(
    events: pd.DataFrame, path: str, gazetteer: Gazetteer | None = None
) -> tuple[pd.DataFrame, pd.DataFrame | None, dict[int, str]]:
    """:func:`settle`, and the accepted rows as the validator typed them (same order; None
    when there are none or it warned), for a caller that loads them without a second
    validation. ``gazetteer``: the one the events will be loaded with.
    """
    rejected: dict[int, str] = {}
    for _ in range(3):
        if events.empty:
            return events, None, rejected
        try:
            typed, warnings = validate_events(events[[*EVENT_COLUMNS, "_line"]], path, gazetteer)
            return events, (None if warnings else typed), rejected
        except DataError as err:
            bad = _row_problems(err.problems)
            for line, message in bad.items():
                rejected[line] = (rejected[line] + "; " if line in rejected else "") + message
            events = events[~events["_line"].isin(list(bad))]
    raise DataError.single(path, 0, "internal error: converted rows still fail validation")


def _row_problems(problems: Sequence[Problem]) -> dict[int, str]:
    file_level = [p for p in problems if p.line <= 1]
    if file_level:
        raise DataError(list(file_level))
    found: dict[int, str] = {}
    for p in problems:
        found[p.line] = (found[p.line] + "; " if p.line in found else "") + p.message
    return found


def review_frame(raw: pd.DataFrame, reasons: pd.Series) -> pd.DataFrame:
    """Original rows of ``raw`` (by ``_line``) named in ``reasons`` ({line: reason}), with
    a ``reason`` column, in file order."""
    rows = raw[raw["_line"].isin(list(reasons.index))].copy()
    rows[REASON] = rows["_line"].map(reasons).fillna("").astype(str)
    return rows.drop(columns=["_line"]).reset_index(drop=True)
