"""Failed sign-ins counted per client (a browser session, a remote address), in memory.

The account's own counter (:mod:`.accounts`) stops guessing one password; this one stops
one client from guessing many, and from locking accounts on its own: a client may fail
:data:`CLIENT_FAILURES` times per :data:`CLIENT_WINDOW_S` (fewer than it takes to lock an
account), after which its attempts are refused without touching any account. The counts
live in the server process (a restart forgets them) and are bounded in number of clients.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, deque
from collections.abc import Iterable

__all__ = ["CLIENT_FAILURES", "CLIENT_WINDOW_S", "ClientThrottle", "MAX_CLIENTS"]

CLIENT_FAILURES = 5
CLIENT_WINDOW_S = 900.0
MAX_CLIENTS = 10_000


class ClientThrottle:
    """Failures per client key in a sliding window.

    >>> t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    >>> throttle = ClientThrottle(limit=2, window_s=60)
    >>> for _ in range(2):
    ...     throttle.failed(["session:a"], t0)
    >>> throttle.blocked(["session:a"], t0), throttle.blocked(["session:b"], t0)
    (True, False)
    >>> throttle.blocked(["session:a"], t0 + dt.timedelta(seconds=61))
    False
    """

    def __init__(
        self,
        limit: int = CLIENT_FAILURES,
        window_s: float = CLIENT_WINDOW_S,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.limit, self.window = limit, dt.timedelta(seconds=window_s)
        self.max_clients = max_clients
        self._seen: OrderedDict[str, deque[dt.datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def blocked(self, keys: Iterable[str], now: dt.datetime) -> bool:
        """Whether any of the client's keys has used up its failures in the window."""
        with self._lock:
            return any(key in self._seen and len(self._recent(key, now)) >= self.limit
                       for key in keys)  # fmt: skip

    def failed(self, keys: Iterable[str], now: dt.datetime) -> None:
        """Count one failure against each of the client's keys."""
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
                self._seen[key] = self._seen.pop(key)
            while len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)

    def clear(self) -> None:
        """Forget every client (tests; an operator's unlock of everything)."""
        with self._lock:
            self._seen.clear()

    def _recent(self, key: str, now: dt.datetime) -> deque[dt.datetime]:
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times
