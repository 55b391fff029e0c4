"""Markers per fill colour on each day, as an app at another commit draws them.

Run with that commit's tree first on ``sys.path`` (``PYTHONPATH=<tree>``): it loads the
folder with *that* tree's ``Model`` and prints JSON ``{"span": [start, end], "counts":
{iso day: {colour: places}}}`` for the last ``days`` days of the record. The browser
benchmarks wait for these counts when they time a baseline app, so each app is checked
against its own rules (an older app colours claims by its own rules, not ours).

    PYTHONPATH=<tree> python bench/tree_counts.py <data folder> <days>

Only that tree's ``dashboard.core`` and pandas are imported here.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter


def counts(folder: str, days: int) -> dict[str, object]:
    """Per day, places per (upper-case) faction colour; places held by nobody left out."""
    from dashboard.core.model import Model
    from dashboard.core.schema import UNKNOWN

    model = Model.load(folder)
    factions = model.data.factions
    pairs = zip(factions["faction"], factions["color"], strict=True)
    colour = {f: str(c).upper() for f, c in pairs}
    start, end = model.span()
    out: dict[str, dict[str, int]] = {}
    day = end
    while day >= start and len(out) < days:
        held = model.index.state(day)["controller"]
        out[day.isoformat()] = dict(Counter(colour.get(c, "") for c in held if c != UNKNOWN))
        day -= dt.timedelta(days=1)
    return {"span": [start.isoformat(), end.isoformat()], "counts": out}


if __name__ == "__main__":
    print(json.dumps(counts(sys.argv[1], int(sys.argv[2]))))
