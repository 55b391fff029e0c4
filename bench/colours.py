"""What each app must show: marker counts per faction colour for each day, by its own rules."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from bench import naive
from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN

__all__ = ["Colours"]


class Colours:
    """Expected marker count per faction colour for each day, as one app draws them.

    Each app is checked against its own rules: ours from our ``Model``
    (:meth:`of_model`), today's design from its own tree's ``Model`` (:meth:`of_tree`),
    the naive app from the naive "last row wins" (:meth:`of_naive`).
    """

    def __init__(
        self,
        colour: dict[str, str],
        span: tuple[dt.date, dt.date],
        holders: Callable[[dt.date], Iterable[str]] | None = None,
        known: dict[dt.date, dict[str, int]] | None = None,
    ) -> None:
        self.colour = {f: c.upper() for f, c in colour.items()}
        self.span = span
        self._holders = holders
        self._cache: dict[dt.date, dict[str, int]] = dict(known or {})

    @classmethod
    def of_model(cls, model: Model) -> Colours:
        """Our app: the controller of each place in ``ControlIndex.state``."""
        factions = model.data.factions
        colour = dict(zip(factions["faction"], factions["color"], strict=True))
        return cls(colour, model.span(), lambda day: model.index.state(day)["controller"])

    @classmethod
    def of_naive(cls, folder: Path) -> Colours:
        """The naive app: the last control row of each place (it knows no claims)."""
        events, colour, _labels = naive.read_folder(folder)
        span = (events["date"].min().date(), events["date"].max().date())
        return cls(colour, span, lambda day: naive.naive_state(events, day)["controller"])

    @classmethod
    def of_tree(cls, tree: Path, folder: Path, days: int = 3000) -> Colours:
        """An app at another commit: counts from that tree's own ``Model``
        (``bench/tree_counts.py`` run with the tree first on the import path)."""
        script = Path(__file__).with_name("tree_counts.py")
        out = subprocess.run(
            [sys.executable, str(script), str(folder), str(days)],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        doc = json.loads(out)
        start, end = (dt.date.fromisoformat(d) for d in doc["span"])
        known = {dt.date.fromisoformat(d): c for d, c in doc["counts"].items()}
        colours = {c: c for day in known.values() for c in day if c}
        return cls(colours, (start, end), known=known)

    def on(self, day: dt.date) -> dict[str, int]:
        """Places per faction colour on ``day`` (places not yet held by anyone left out)."""
        if day not in self._cache:
            if self._holders is None:
                raise KeyError(f"no expected colours for {day}")
            held = self._holders(day)
            self._cache[day] = dict(Counter(self.colour.get(c, "") for c in held if c != UNKNOWN))
        return self._cache[day]

    def seen(self, counts: dict[str, int] | None) -> dict[str, int] | None:
        """The faction-colour part of what the page shows (rings, unknown grey dropped)."""
        if counts is None:
            return None
        wanted = set(self.colour.values()) - {""}
        return {k: v for k, v in counts.items() if k in wanted}

    def expected(self, day: dt.date) -> dict[str, int]:
        """What :meth:`seen` must give on ``day``."""
        wanted = set(self.colour.values()) - {""}
        return {k: v for k, v in self.on(day).items() if k in wanted}

    def steps(self, count: int) -> list[tuple[dt.date, dt.date]]:
        """Up to ``count`` (from, to) pairs, to = from − 1 day, whose colours differ, latest first."""
        start, end = self.span
        out: list[tuple[dt.date, dt.date]] = []
        day = end
        while day > start and len(out) < count:
            before = day - dt.timedelta(days=1)
            try:
                if self.on(before) != self.on(day):
                    out.append((day, before))
            except KeyError:  # past the days a tree's counts cover
                break
            day = before
        return out
