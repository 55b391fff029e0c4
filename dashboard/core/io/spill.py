"""Frames too large for memory, spilled to numbered buckets of Parquet files on disk.

A :class:`Spill` is a folder of buckets; :meth:`Spill.add` appends a frame's rows to the
buckets a key array names, :meth:`Spill.read` gives one bucket back as a frame. Two uses:
partition by a hash (every row of a key in one bucket, so a group-by per bucket is exact)
and partition by a range of a sort key (buckets read in order give the sorted whole).

Examples
--------
>>> import tempfile, pathlib
>>> spill = Spill(pathlib.Path(tempfile.mkdtemp()) / "rows")
>>> spill.add(pd.DataFrame({"k": [3, 1, 3]}), np.array([1, 0, 1]))
>>> spill.ids(), spill.read(1)["k"].tolist()
([0, 1], [3, 3])
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["hash_buckets", "Spill"]


class Spill:
    """Numbered buckets of Parquet part files under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._parts: dict[int, int] = {}

    def add(self, frame: pd.DataFrame, bucket: np.ndarray) -> None:
        """Append each row of ``frame`` to the bucket named by ``bucket`` (same length)."""
        if frame.empty:
            return
        order = np.argsort(bucket, kind="stable")
        keys = bucket[order]
        cuts = np.flatnonzero(np.diff(keys)) + 1
        for rows in np.split(order, cuts):
            number = int(bucket[rows[0]])
            part = self._parts.get(number, 0)
            self._parts[number] = part + 1
            path = self.folder / f"{number:08d}-{part:06d}.parquet"
            frame.iloc[np.sort(rows)].to_parquet(path, index=False)

    def ids(self) -> list[int]:
        """The buckets holding rows, in order."""
        return sorted(self._parts)

    def read(self, number: int) -> pd.DataFrame:
        """Every row put in bucket ``number``, in the order added."""
        parts = sorted(self.folder.glob(f"{number:08d}-*.parquet"))
        return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)

    def frames(self) -> Iterator[tuple[int, pd.DataFrame]]:
        """Each bucket in order, read one at a time."""
        for number in self.ids():
            yield number, self.read(number)


def hash_buckets(keys: pd.Series, count: int) -> np.ndarray:
    """A bucket in ``0..count-1`` for each key, the same for equal keys in every call."""
    hashed = pd.util.hash_pandas_object(keys.astype(str), index=False).to_numpy()
    return (hashed % np.uint64(count)).astype(np.int64)
