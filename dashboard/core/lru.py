"""A thread-safe least-recently-used cache bounded by total bytes, not only by entries."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, ParamSpec, TypeVar

import numpy as np
import pandas as pd

__all__ = ["BytesLRU", "json_cache", "P", "R", "size_of", "V"]

V = TypeVar("V")
P = ParamSpec("P")
R = TypeVar("R")


def size_of(value: object) -> int:
    """Bytes a cached value holds: len() of bytes/str, else ``sys.getsizeof`` (shallow)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return len(value)
    if isinstance(value, str):
        return len(value.encode("utf-8", "surrogatepass"))
    return sys.getsizeof(value)


class BytesLRU(Generic[V]):
    """Keep the most recently used values while their sizes sum to at most ``max_bytes``.

    A value larger than ``max_bytes`` on its own is returned but never kept. Values are
    computed outside the lock, so a slow computation never blocks other keys (two callers
    may compute the same missing key at once; both get a value, one is kept).

    Examples
    --------
    >>> cache = BytesLRU(max_bytes=10)
    >>> cache.get("a", lambda: b"12345"), cache.get("b", lambda: b"67890"), len(cache)
    (b'12345', b'67890', 2)
    >>> cache.get("c", lambda: b"xyz") and sorted(cache.keys())  # 'a' was least recent
    ['b', 'c']
    """

    def __init__(
        self, max_bytes: int, max_entries: int = 1024, sizer: Callable[[V], int] = size_of
    ) -> None:
        self.max_bytes, self.max_entries, self.sizer = max_bytes, max_entries, sizer
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The cached value of ``key``, computing and storing it when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        value = compute()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: V) -> None:
        """Store ``value`` (evicting the least recently used) unless it alone is too big."""
        size = self.sizer(value)
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            if size > self.max_bytes:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._items) > self.max_entries:
                self._bytes -= self._items.popitem(last=False)[1][1]

    @property
    def nbytes(self) -> int:
        """Total size of the kept values, in bytes."""
        return self._bytes

    def keys(self) -> list[Hashable]:
        """The kept keys, least recently used first."""
        with self._lock:
            return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        """Drop every value."""
        with self._lock:
            self._items.clear()
            self._bytes = 0


def json_cache(
    max_bytes: int, max_entries: int = 1024, key: Callable[..., Hashable] | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a function's JSON-able results as JSON text in a :class:`BytesLRU`.

    Like ``st.cache_data`` (every hit is a fresh copy, so callers may change it), but bounded
    by the stored size in bytes, not by a number of entries; JSON, not pickle, so nothing
    cached can run code. Tuples come back as lists, numpy scalars as Python numbers;
    timestamps and dates come back as themselves. ``key`` maps the arguments to the
    cache key (default: the arguments). The wrapper has ``.cache``.
    """

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        cache: BytesLRU[bytes] = BytesLRU(max_bytes, max_entries)
        make_key = key or (lambda *a, **k: (a, tuple(sorted(k.items()))))

        @functools.wraps(fn)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            text = cache.get(
                make_key(*args, **kwargs),
                lambda: json.dumps(fn(*args, **kwargs), default=_encode).encode("utf-8"),
            )
            result: R = json.loads(text, object_hook=_decode)
            return result

        cached.cache = cache  # type: ignore[attr-defined]
        return cached

    return wrap


def _encode(value: object) -> object:
    """JSON for what ``json`` cannot write: timestamps, dates, NaT and numpy scalars."""
    if value is pd.NaT:
        return {"$timestamp": None}
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return {"$timestamp": pd.Timestamp(value).isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot cache a {type(value).__name__} as JSON")


def _decode(obj: dict[str, object]) -> object:
    if len(obj) == 1 and "$timestamp" in obj:
        stamp = obj["$timestamp"]
        return pd.NaT if stamp is None else pd.Timestamp(str(stamp))
    if len(obj) == 1 and "$date" in obj:
        return dt.date.fromisoformat(str(obj["$date"]))
    return obj
