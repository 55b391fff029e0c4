"""``import acled`` for a file of any size: the rules of :mod:`.convert`, in bounded memory.

The rules look across rows in three ways, so the file is not simply converted chunk by
chunk (that would split monadic events and places between chunks):

1. *Read* the file in chunks (:func:`dashboard.core.io.csvstream.read_csv_chunks`), derive
   the row-local columns and spill every row to a Parquet bucket chosen by a hash of its
   ``event_id_cnty``: all the rows of one event land in one bucket.
2. *Merge* each bucket's monadic rows (exact: the group is whole) and keep, per row, only
   what the cross-row rules need: location, admin1 and coordinates for the place names
   (namesakes far apart, the gazetteer), and the control changes for the sequence check.
   These run once over those few columns, as the in-memory import runs them.
3. *Write* each bucket's accepted events to buckets by month and its review rows to
   buckets by line; reading those in order writes the event table sorted by date and the
   review report in file order, as :func:`.convert.import_acled_frame` does.

Memory is one chunk or bucket of full rows plus a few dozen bytes per row for step 2.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from dashboard.core.errors import DataError
from dashboard.core.export.neutralise import neutralise_frame
from dashboard.core.ingest.acled.convert import (
    check_columns,
    derive_rows,
    to_events,
    with_optional_columns,
)
from dashboard.core.ingest.acled.factionmap import FactionMap
from dashboard.core.ingest.acled.places import name_places
from dashboard.core.ingest.acled.rules import check_sequence, merge_monadic
from dashboard.core.ingest.review import REASON, Progress, review_frame, review_path, settle
from dashboard.core.io.atomic import atomic_writer
from dashboard.core.io.csvstream import read_csv_chunks
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.spill import Spill, hash_buckets

__all__ = ["BUCKET_BYTES", "CHUNK_ROWS", "stream_acled_file", "StreamedImport"]

CHUNK_ROWS = 100_000
BUCKET_BYTES = 48 * 2**20
"""About this much of the file per hash bucket (a bucket is read whole in step 2)."""
LINES_PER_BUCKET = 200_000
PLACE_COLUMNS = ["_line", "location", "admin1", "_lat", "_lon"]
SEQUENCE_COLUMNS = ["_line", "_id", "_place", "_date", "_faction", "_control", "_reason"]


@dataclass
class StreamedImport:
    """What a streamed import wrote: counts (as :class:`ImportResult` has them), the event
    table (None when no row converted), the review report, and its rows when asked for."""

    counts: dict[str, int]
    events_path: Path | None
    review_path: Path
    review: pd.DataFrame | None = None
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())


def stream_acled_file(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
    *,
    chunk_rows: int = CHUNK_ROWS,
    buckets: int | None = None,
    keep_review: bool = False,
) -> StreamedImport:
    """Convert the ACLED file ``path`` into ``out`` and ``OUT.review.csv`` (see
    :func:`dashboard.core.ingest.acled.convert.import_acled_frame`: same rules, same files).

    ``buckets`` (default: one per 48 MB of file) and ``chunk_rows`` size the pieces held in
    memory. ``progress`` gets a line per chunk read (rows, rows/s) and per step.
    """
    source, target = Path(path), Path(out)
    started = time.perf_counter()
    report = progress or (lambda line: None)
    count = buckets or _bucket_count(source)
    with tempfile.TemporaryDirectory(prefix=".frontline-import-", dir=target.parent) as tmp:
        job = _Job(source, Path(tmp), factions or FactionMap(()), count, report, started)
        job.read(chunk_rows)
        job.merge()
        job.apply_cross_row_rules(gazetteer)
        job.convert()
        review = review_path(target)
        written = job.write(target, review)
        kept = job.review_rows() if keep_review else None
    seconds = time.perf_counter() - started
    rows = job.counts["rows_read"]
    report(f"imported {rows:,} rows in {seconds:.1f} s ({rows / max(seconds, 1e-9):,.0f} rows/s)")
    return StreamedImport(job.counts, target if written else None, review, kept, seconds)


class _Job:
    """The temporary buckets and running totals of one streamed import."""

    def __init__(
        self, source: Path, tmp: Path, rules: FactionMap, buckets: int, report: Progress, t0: float
    ) -> None:
        self.source, self.name, self.rules = source, str(source), rules
        self.buckets, self.report, self.t0 = buckets, report, t0
        self.rows, self.merged = Spill(tmp / "rows"), Spill(tmp / "merged")
        self.events, self.review = Spill(tmp / "events"), Spill(tmp / "review")
        self.raw_columns: list[str] = []
        self.event_columns: list[str] = []
        self.places = pd.Series(dtype=object)
        self.sequence = pd.DataFrame()
        self.gazetteer: Gazetteer | None = None
        self.counts = dict.fromkeys(
            ("rows_read", "merged_rows", "superseded_rows", "events", "control_changes"), 0
        )
        self.counts.update(context_events=0, review_rows=0)

    def read(self, chunk_rows: int) -> None:
        """Step 1: every row, with its derived columns, into a bucket by event id."""
        for chunk in self._chunks(chunk_rows):
            rows = with_optional_columns(chunk)
            rows = rows.join(derive_rows(rows, self.rules))
            self.rows.add(rows, hash_buckets(rows["_id"], self.buckets))
            self.counts["rows_read"] += len(rows)
            seconds = time.perf_counter() - self.t0
            done = self.counts["rows_read"]
            self.report(f"read {done:,} rows ({done / max(seconds, 1e-9):,.0f} rows/s)")
        if self.counts["rows_read"] == 0:
            raise DataError.single(self.name, 2, "no rows: the file has a header but no events")

    def _chunks(self, chunk_rows: int) -> Iterator[pd.DataFrame]:
        first = True
        for chunk in read_csv_chunks(self.source, chunk_rows):
            if first:
                self.raw_columns = list(chunk.columns)
                check_columns(chunk.head(1) if len(chunk) else _one_blank(chunk), self.name)
                first = False
            yield chunk
        if first:
            raise DataError.single(self.name, 2, "no rows: the file has a header but no events")

    def merge(self) -> None:
        """Step 2a: merge monadic rows per bucket; keep the columns the place rules need."""
        places = []
        for number, rows in self.rows.frames():
            merged = merge_monadic(rows)
            self.merged.add(merged, np.full(len(merged), number))
            self.counts["merged_rows"] += len(rows) - len(merged)
            self.counts["superseded_rows"] += int(merged["_superseded"].sum())
            places.append(merged[PLACE_COLUMNS])
        self.report(f"merged monadic rows in {self.buckets} bucket(s)")
        self.places = pd.concat(places, ignore_index=True).sort_values("_line", kind="stable")

    def apply_cross_row_rules(self, gazetteer: Gazetteer | None) -> None:
        """Step 2b: place names over all rows, then the sequence of control changes."""
        self.gazetteer = gazetteer  # the events are validated with it too, as they load
        named = name_places(self.places.reset_index(drop=True), gazetteer)
        self.places = pd.Series(named["_place"].to_numpy(), index=named["_line"].to_numpy())
        control = []
        for _, merged in self.merged.frames():
            merged["_place"] = self.places.reindex(merged["_line"]).to_numpy()
            ok = merged["_control"] & (merged["_reason"] == "")
            control.append(merged.loc[ok, SEQUENCE_COLUMNS])
        checked = check_sequence(pd.concat(control, ignore_index=True))
        self.sequence = checked.set_index("_line")[["_previous", "_reason"]]
        self.report("checked places and the sequence of control changes")

    def convert(self) -> None:
        """Step 3a: each bucket's events (by month) and review rows (by line) to buckets."""
        for number, merged in self.merged.frames():
            merged = self._with_rules(merged)
            accepted = merged[merged["_reason"] == ""]
            events = to_events(accepted) if len(accepted) else pd.DataFrame()
            events, rejected = settle(events, self.name, self.gazetteer)
            if not events.empty:
                self.event_columns = [c for c in events.columns if c != "_line"]
                month = events["date"].str.slice(0, 4).astype(int) * 12
                month += events["date"].str.slice(5, 7).astype(int)
                self.events.add(events, month.to_numpy())
            if rejected or (merged["_reason"] != "").any():
                self._review(self.rows.read(number), merged, rejected)
            control = int((events["controller"] != "").sum()) if len(events) else 0
            self.counts["events"] += len(events)
            self.counts["control_changes"] += control
            self.counts["context_events"] += len(events) - control
        self.report(f"converted {self.counts['events']:,} events")

    def _with_rules(self, merged: pd.DataFrame) -> pd.DataFrame:
        merged["acled_location"] = merged["location"].astype(str).str.strip()
        merged["_place"] = self.places.reindex(merged["_line"]).to_numpy()
        checked = self.sequence.reindex(merged["_line"])
        seen = checked["_reason"].notna().to_numpy()
        merged["_previous"] = np.where(seen, checked["_previous"].to_numpy(), "")
        merged["_reason"] = np.where(seen, checked["_reason"].to_numpy(), merged["_reason"])
        return merged.sort_values("_line", kind="stable").reset_index(drop=True)

    def _review(self, raw: pd.DataFrame, merged: pd.DataFrame, rejected: dict[int, str]) -> None:
        """Every original row of a flagged event (all rows of its key), with the reason."""
        flagged = merged[merged["_reason"] != ""]
        by_key = pd.Series(flagged["_reason"].to_numpy(), index=flagged["_key"].to_numpy())
        if rejected:
            keys = merged.set_index("_line")["_key"]
            by_key = pd.concat([by_key, pd.Series(rejected).rename(index=keys)])
        key = raw["event_id_cnty"].astype(str).str.strip()
        key = key.where(key != "", "#" + raw["_line"].astype(str))
        lines = pd.Series(key.map(by_key).to_numpy(), index=raw["_line"]).dropna()
        if lines.empty:
            return
        rows = review_frame(raw[self.raw_columns], lines)
        rows["_line"] = raw.loc[raw["_line"].isin(list(lines.index)), "_line"].to_numpy()
        self.review.add(rows, (rows["_line"] // LINES_PER_BUCKET).to_numpy())
        self.counts["review_rows"] += len(rows)

    def write(self, events_path: Path, review: Path) -> bool:
        """Step 3b: the review report (always) and the event table (when any row converted)."""
        columns = [c for c in self.raw_columns if c != "_line"] + [REASON]
        with atomic_writer(review) as handle:
            _write_sorted(handle, self.review, ["_line"], columns, neutralise=True)
        if self.counts["events"] == 0:
            return False
        with atomic_writer(events_path) as handle:
            _write_sorted(handle, self.events, ["date", "_line"], self.event_columns, False)
        return True

    def review_rows(self) -> pd.DataFrame:
        """The review report's rows (for ``--queue``), in file order."""
        frames = [f for _, f in self.review.frames()]
        if not frames:
            return pd.DataFrame(columns=[c for c in self.raw_columns if c != "_line"] + [REASON])
        rows = pd.concat(frames, ignore_index=True).sort_values("_line", kind="stable")
        return rows.drop(columns=["_line"]).reset_index(drop=True)


def _bucket_count(source: Path) -> int:
    """One hash bucket per :data:`BUCKET_BYTES` of the file (the reader reports a missing file)."""
    try:
        size = source.stat().st_size
    except OSError:
        size = 0
    return max(1, min(512, size // BUCKET_BYTES + 1))


def _one_blank(chunk: pd.DataFrame) -> pd.DataFrame:
    """A one-row frame with ``chunk``'s columns, so that check_columns looks at columns only."""
    return pd.DataFrame({c: [""] for c in chunk.columns})


def _write_sorted(
    handle: BinaryIO, spill: Spill, order: list[str], columns: list[str], neutralise: bool
) -> None:
    """The spilled rows, bucket by bucket and sorted within each, as one CSV (cells as
    :func:`data_csv_text` writes them, or neutralised as :func:`csv_text` does)."""
    header = True
    for _, frame in spill.frames():
        frame = frame.sort_values(order, kind="stable")[columns]
        handle.write(_csv(frame, header, neutralise))
        header = False
    if header:
        handle.write(_csv(pd.DataFrame(columns=columns), True, neutralise))


def _csv(frame: pd.DataFrame, header: bool, neutralise: bool) -> bytes:
    shown = neutralise_frame(frame) if neutralise else frame
    return shown.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")
