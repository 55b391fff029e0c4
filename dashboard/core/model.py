"""One loaded data folder with its control index: what the CLI and the UI ask questions of.

Examples
--------
>>> model = Model.load()  # $FRONTLINE_DATA_DIR, else the bundled data/
>>> model.resolve_place("tarhunah"), model.factions
('Tarhuna', ['GNA', 'LNA', 'neutral'])
>>> model.state("2020-06-06").set_index("place").at["Tarhuna", "controller"]
'GNA'
>>> model.resolve_place("Tripoly")
Traceback (most recent call last):
...
dashboard.core.model.UnknownPlace: unknown place 'Tripoly'; closest: Tripoli, Tripoli International Airport
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from dashboard.core.control import ControlIndex, to_day
from dashboard.core.errors import UsageError
from dashboard.core.io.load import Dataset, load_dataset


class UnknownPlace(UsageError):
    """A place name that matches no place; the message names the closest candidates."""


@dataclass(frozen=True)
class Model:
    """A validated dataset and its precomputed control index."""

    data: Dataset
    index: ControlIndex

    @classmethod
    def load(cls, data_dir: str | os.PathLike[str] | None = None, ledger: bool = True) -> Model:
        """Load a data folder (see :func:`dashboard.core.io.load_dataset`) and index it."""
        data = load_dataset(data_dir, ledger=ledger)
        return cls(data, ControlIndex.build(data.events, data.places))

    @property
    def factions(self) -> list[str]:
        """Faction names in factions.csv order (plus unlisted ones used in events)."""
        return list(self.data.factions["faction"])

    def check_factions(self, factions: Iterable[str] | None) -> list[str] | None:
        """The faction filter as a list (None = all); UsageError naming unknown factions."""
        if factions is None:
            return None
        chosen = list(factions)
        unknown = [f for f in chosen if f not in self.factions]
        if unknown:
            known = ", ".join(self.factions)
            raise UsageError(f"unknown faction(s): {', '.join(unknown)} (known: {known})")
        return chosen

    def span(self) -> tuple[dt.date, dt.date]:
        """First and last event dates."""
        dates = self.data.events["date"]
        return dates.min().date(), dates.max().date()

    def state(self, day: dt.date | str, factions: Iterable[str] | None = None) -> pd.DataFrame:
        """Control of every place on ``day``; with ``factions``, only places they hold."""
        state = self.index.state(day)
        if factions is not None:
            state = state[state["controller"].isin(list(factions))]
        return state.reset_index(drop=True)

    def resolve_place(self, name: str) -> str:
        """Canonical name of a known place (any case or alternate spelling) or UnknownPlace."""
        place = self.data.gazetteer.resolve(name.strip())
        if place is not None and place in set(self.data.places["place"]):
            return place
        known = set(self.data.places["place"])
        close = [p for p in self.data.gazetteer.candidates(name, limit=6) if p in known][:3]
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UnknownPlace(f"unknown place {name!r}{hint}")

    def events_until(self, day: dt.date | str) -> pd.DataFrame:
        """Every event (control or context) dated on or before ``day``, newest first."""
        events = self.data.events
        mask = events["date"].to_numpy().astype("datetime64[D]") <= to_day(day)
        return events.loc[mask].sort_values(["date", "order"], ascending=False)

    def place_events(self, place: str) -> pd.DataFrame:
        """Every event of one place, oldest first."""
        events = self.data.events
        return events[events["place"] == place].sort_values(["date", "order"])
