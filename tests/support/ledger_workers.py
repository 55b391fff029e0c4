"""Processes that save to a ledger at the same moment (run with multiprocessing 'spawn')."""

from __future__ import annotations

import sys
from typing import Any

from dashboard.core.errors import DataError
from dashboard.core.ledger.read import open_ledger
from dashboard.core.ledger.writes import add_event


def conflicting_save(folder: str, controller: str, go: Any, results: Any) -> None:
    """Wait for ``go``, then save a holder for Gammaburg on 2020-03-01; report the outcome."""
    db = open_ledger(folder)
    row = {"date": "2020-03-01", "place": "Gammaburg", "controller": controller,
           "confidence": "claimed", "source_title": f"report by {controller}"}  # fmt: skip
    go.wait()
    try:
        entry = add_event(db, row, f"editor-{controller}")
        results.put(("saved", controller, entry["event_id"]))
    except DataError as err:
        results.put(("refused", controller, str(err)))


def save_forever(folder: str, who: int, count: int) -> None:
    """Save ``count`` valid events (one place per writer, one day each), printing each id
    only after its save returned."""
    db = open_ledger(folder)
    for i in range(count):
        row = {"date": f"2021-{i // 28 % 12 + 1:02d}-{i % 28 + 1:02d}", "place": f"Kill {who}",
               "lat": "10.5", "lon": f"{20 + who / 10:.1f}", "controller": "North",
               "confidence": "claimed", "source_title": f"writer {who} save {i}"}  # fmt: skip
        entry = add_event(db, row, f"writer-{who}")
        print(entry["event_id"], flush=True)


if __name__ == "__main__":
    save_forever(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
