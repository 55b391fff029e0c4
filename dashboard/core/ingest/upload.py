"""Check and convert one uploaded CSV (Frontline or ACLED) within a time, size and row budget.

An upload is untrusted and comes from a browser, so its cost is bounded before anything is
parsed: over :data:`MAX_BYTES` or :data:`MAX_ROWS` it is refused at once (rows are counted
as line ends, a cheap upper bound); the conversion stops with a clear message when it runs
over :data:`MAX_SECONDS`; and at most :data:`MAX_PROBLEMS` problem lines are built, so a
file of bad rows costs about what a file of good rows does. The result is plain data
(bytes, counts, records, problem lines) so the UI can cache failures as well as successes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.core import budget
from dashboard.core.errors import DataError, OverBudget
from dashboard.core.ingest.acled.convert import import_acled_frame
from dashboard.core.ingest.acled.factionmap import FactionMap
from dashboard.core.io.csvread import (
    decode_csv_bytes,
    quoted_csv_bytes,
    read_csv_text,
    row_lines,
)
from dashboard.core.io.factions import read_factions_text
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.validate import validate_events
from dashboard.core.schema import EVENT_COLUMNS, FACTION_COLUMNS, UNKNOWN

__all__ = [
    "ADVICE",
    "Budget",
    "check_factions_upload",
    "convert_upload",
    "Converted",
    "converted_size",
    "FACTIONS_BUDGET",
    "KINDS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_PLACES",
    "MAX_PROBLEMS",
    "MAX_REVIEW_ROWS",
    "MAX_ROWS",
    "MAX_SECONDS",
    "UploadedFactions",
]

MAX_BYTES = 50 * 2**20
MAX_ROWS = 200_000
MAX_SECONDS = 30.0
MAX_PROBLEMS = 200
MAX_COLUMNS = 256
"""A Frontline CSV has 16 columns and an ACLED export about 31: a wider header is refused
before parsing (a header of 200,000 columns took a minute to parse and check)."""
MAX_PLACES = 50_000
"""More places than this in one upload are refused: the map of each costs time in
proportion to its places, whatever the budget degrades."""
MAX_REVIEW_ROWS = 500
KINDS = ("Frontline CSV", "ACLED export")
ADVICE = "load a file this size as a data folder instead (FRONTLINE_DATA_DIR or --data)"


@dataclass(frozen=True)
class Budget:
    """Limits for one upload: bytes, rows (line ends), seconds and problem lines built."""

    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS
    max_seconds: float = MAX_SECONDS
    max_problems: int = MAX_PROBLEMS
    started: float = field(default_factory=time.monotonic)

    def check_size(self, raw: bytes, name: str) -> None:
        """DataError when ``raw`` is over the byte or row budget (nothing is parsed)."""
        if len(raw) > self.max_bytes:
            mb, limit = len(raw) / 2**20, self.max_bytes / 2**20
            raise DataError.single(name, 0, f"{mb:.1f} MB is over the {limit:.0f} MB upload limit")
        rows = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
        if rows > self.max_rows + 1:
            raise DataError.single(
                name,
                0,
                f"about {rows:,} rows is over the {self.max_rows:,}-row upload limit; {ADVICE}",
            )
        end = raw.find(b"\n")
        columns = raw[: end if end >= 0 else len(raw)].count(b",") + 1
        if columns > MAX_COLUMNS:
            raise DataError.single(
                name, 1, f"a header of about {columns:,} columns (at most {MAX_COLUMNS})"
            )

    def checker(self, name: str) -> Any:
        """A ``check_time(stage)`` function that raises DataError once the time is spent."""

        def check_time(stage: str) -> None:
            try:
                budget.check(stage)  # the whole run's deadline, when one is in force
            except OverBudget as err:
                raise DataError.single(name, 0, f"{err}; {ADVICE}") from err
            spent = time.monotonic() - self.started
            if spent > self.max_seconds:
                raise DataError.single(
                    name,
                    0,
                    f"{stage} stopped after {spent:.0f} s (upload time limit {self.max_seconds:.0f} s); {ADVICE}",
                )

        return check_time


@dataclass(frozen=True)
class Converted:
    """A checked upload: the event table as CSV bytes, counts and review rows, or problems."""

    events_csv: bytes = b""
    counts: dict[str, int] = field(default_factory=dict)
    review: list[dict[str, Any]] = field(default_factory=list)
    problems: tuple[str, ...] = ()
    factions: tuple[str, ...] = ()
    """The factions holding a place in the events, by name (not ``unknown``)."""
    checked: pd.DataFrame | None = field(default=None, compare=False)
    """The events as the loader types them, with the line numbers of ``events_csv`` (None:
    load them from ``events_csv``): a data folder of that one file is loaded from these
    without reading and validating it again (``Model.load(folder, checked=...)``)."""

    @property
    def ok(self) -> bool:
        """True when the upload gave events (no problems)."""
        return not self.problems


def converted_size(converted: Converted) -> int:
    """About how many bytes a checked upload holds (for a cache bounded by bytes)."""
    review = sum(len(str(v)) for row in converted.review for v in row.values())
    checked = converted.checked
    typed = 0 if checked is None else int(checked.memory_usage(deep=True).sum())
    return (
        len(converted.events_csv) + sum(len(p) for p in converted.problems) + review + typed + 512
    )


def convert_upload(
    raw: bytes,
    name: str,
    kind: str,
    gazetteer: Gazetteer | None,
    budget: Budget | None = None,
    factions: FactionMap | None = None,
) -> Converted:
    """Validate/convert an upload; problems (bad data, over budget) come back as lines, not
    raised. ``factions`` maps ACLED actors to factions (default: the built-in map)."""
    budget = budget or Budget()
    try:
        return _convert(raw, name, kind, gazetteer, budget, factions)
    except DataError as err:
        return Converted(problems=tuple(str(p) for p in err.problems))
    except OverBudget as err:
        return Converted(problems=(f"{name}: {err}; {ADVICE}",))


def _convert(
    raw: bytes,
    name: str,
    kind: str,
    gazetteer: Gazetteer | None,
    budget: Budget,
    factions: FactionMap | None,
) -> Converted:
    if kind not in KINDS:
        raise DataError.single(name, 0, f"unknown upload kind {kind!r} (known: {', '.join(KINDS)})")
    budget.check_size(raw, name)
    check_time = budget.checker(name)
    text = decode_csv_bytes(raw, name)
    check_time("reading")
    frame = read_csv_text(text, name)
    check_time("reading")
    checked = None
    if kind == "ACLED export":
        result = import_acled_frame(frame, name, factions, gazetteer)
        events, review, counts = result.events, result.review, dict(result.counts)
        checked = result.checked
    else:
        events, _ = validate_events(frame, name, gazetteer, budget.max_problems, check_time)
        review = pd.DataFrame()
        counts = {
            "rows_read": len(events),
            "control_changes": int((events["controller"] != "").sum()),
        }
    check_time("conversion")
    if events.empty:
        raise DataError.single(name, 0, "no usable events in the upload (see the review rows)")
    places = events["place"].nunique()
    if places > MAX_PLACES:
        raise DataError.single(
            name, 0, f"{places:,} places is over the {MAX_PLACES:,}-place upload limit; {ADVICE}"
        )
    table = events.reindex(columns=list(EVENT_COLUMNS)).copy()
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    events_csv = quoted_csv_bytes(table)
    if checked is not None:  # the loader's line numbers are those of the file written
        checked = checked.assign(line=row_lines(events_csv.decode("utf-8"), table))
    return Converted(
        events_csv=events_csv,
        checked=checked,
        counts={k: int(v) for k, v in counts.items()},
        review=review.head(MAX_REVIEW_ROWS).to_dict("records"),
        factions=tuple(sorted(set(table["controller"]) - {"", UNKNOWN})),
    )


FACTIONS_BUDGET = Budget(max_bytes=2**20, max_rows=10_000)
"""A factions file is small: one row per faction."""


@dataclass(frozen=True)
class UploadedFactions:
    """A checked factions file uploaded beside a CSV: its rows, or its problem lines."""

    rows: tuple[dict[str, str], ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file was read without problems."""
        return not self.problems

    def table(self) -> pd.DataFrame:
        """The rows as a frame of :data:`FACTION_COLUMNS` (see :mod:`dashboard.core.io.factions`)."""
        return pd.DataFrame(list(self.rows), columns=list(FACTION_COLUMNS))


def check_factions_upload(raw: bytes, name: str) -> UploadedFactions:
    """Check an uploaded factions file (``faction,label,color[,description]``); problems
    (``name:line: problem``) come back as lines, not raised."""
    try:
        FACTIONS_BUDGET.check_size(raw, name)
        frame = read_factions_text(decode_csv_bytes(raw, name), name)
    except DataError as err:
        return UploadedFactions(problems=tuple(str(p) for p in err.problems))
    rows = frame[list(FACTION_COLUMNS)].to_dict("records")
    return UploadedFactions(rows=tuple({k: str(v) for k, v in r.items()} for r in rows))
