"""Context events (clashes, strikes, reports: rows that change no control) kept on disk.

A large dataset's context events are most of its rows and decide nothing on the map, so a
loaded :class:`dashboard.core.model.Model` keeps them in a Parquet file (sorted by place and
date, in row groups) and reads them per place or up to a day when they are shown (place
panel, event table, exports). Only their counts per place and their first and last day
stay in memory.

Examples
--------
>>> frame = pd.DataFrame({"place": ["B", "A", "A"], "date": pd.to_datetime(
...     ["2020-01-02", "2020-01-03", "2020-01-01"]), "order": [0, 1, 2]})
>>> store = ContextStore.write(frame)
>>> store.total, store.counts, store.read(places=["A"])["order"].tolist()
(3, {'A': 2, 'B': 1}, [2, 1])
>>> store.read(until="2020-01-02")["place"].tolist()
['A', 'B']
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import os
import tempfile
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["ContextStore", "release_freed_memory", "ROW_GROUP"]

ROW_GROUP = 64_000
"""Rows per Parquet row group: a place's or a day's rows are read a few groups at a time."""


@dataclass(frozen=True, eq=False)
class ContextStore:
    """Events in a Parquet file, with their count per place and their date range."""

    path: Path
    total: int
    counts: dict[str, int]
    first: pd.Timestamp | None
    last: pd.Timestamp | None
    schema: pa.Schema = field(repr=False)

    @classmethod
    def write(
        cls, events: pd.DataFrame, folder: str | os.PathLike[str] | None = None
    ) -> ContextStore:
        """Write ``events`` to a new file in ``folder`` (default: the system's temporary
        folder); the file is deleted when the store is."""
        fd, name = tempfile.mkstemp(prefix="frontline-context-", suffix=".parquet", dir=folder)
        os.close(fd)
        path = Path(name)
        schema = _write_sorted(events, path)
        dates = events["date"]
        store = cls(
            path,
            len(events),
            {str(k): int(v) for k, v in events["place"].value_counts().sort_index().items()},
            dates.min() if len(dates) else None,
            dates.max() if len(dates) else None,
            schema,
        )
        weakref.finalize(store, path.unlink, missing_ok=True)
        return store

    def read(
        self, places: Iterable[str] | None = None, until: dt.date | str | None = None
    ) -> pd.DataFrame:
        """The events of ``places`` (all when None) dated on or before ``until``, in the
        file's order (place, date, load order)."""
        filters: list[tuple[str, str, object]] = []
        if places is not None and not set(places):
            return self.schema.empty_table().to_pandas()
        if places is not None:
            filters.append(("place", "in", sorted(set(places))))
        if until is not None:
            filters.append(("date", "<=", pd.Timestamp(until)))
        table = pq.read_table(self.path, filters=filters or None, schema=self.schema)
        return table.to_pandas()


def _write_sorted(events: pd.DataFrame, path: Path) -> pa.Schema:
    """Write ``events`` sorted by place, date and load order, one row group at a time (no
    sorted copy of the whole frame is made)."""
    codes = pd.Categorical(events["place"].astype(str)).codes
    dates = events["date"].to_numpy()
    order = np.lexsort((events["order"].to_numpy(), dates, codes))
    schema = pa.Schema.from_pandas(events.iloc[:0], preserve_index=False)
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, max(len(order), 1), ROW_GROUP):
            rows = events.iloc[order[start : start + ROW_GROUP]]
            writer.write_table(pa.Table.from_pandas(rows, schema=schema, preserve_index=False))
    return schema


def release_freed_memory() -> None:
    """Hand memory freed after a load back to the system: Arrow's pool and the C heap
    (glibc keeps freed blocks otherwise, and the process's RSS would not fall)."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass
