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
dashboard.core.errors.UnknownPlace: unknown place 'Tripoly'; closest: Tripoli, Tripoli International Airport
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from dashboard.core.control import ControlIndex, to_day
from dashboard.core.errors import UnknownPlace, UsageError
from dashboard.core.io.context import ContextStore, release_freed_memory
from dashboard.core.io.load import Dataset, load_dataset
from dashboard.core.schema import EVENT_COLUMNS

__all__ = ["LEAN_CONTEXT_ROWS", "Model"]

LEAN_CONTEXT_ROWS = 100_000
"""From this many context events on, a loaded model keeps them on disk (:mod:`.io.context`)."""


@dataclass(frozen=True)
class Model:
    """A validated dataset and its precomputed control index.

    With ``context`` set (a large dataset), ``data.events`` holds the control rows only and
    the context events are read from disk when asked for: use :meth:`all_events`,
    :meth:`events_until`, :meth:`place_events`, :meth:`event_count` rather than
    ``data.events`` to see every event.
    """

    data: Dataset
    index: ControlIndex
    context: ContextStore | None = None

    @classmethod
    def load(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        ledger: bool = True,
        lean: bool | None = None,
        checked: pd.DataFrame | None = None,
    ) -> Model:
        """Load a data folder (see :func:`dashboard.core.io.load_dataset`) and index it.

        ``lean`` keeps the context events on disk (default: when there are at least
        :data:`LEAN_CONTEXT_ROWS` of them). ``checked``: the folder's one event table,
        already validated (an upload's conversion), used instead of reading it again."""
        data = load_dataset(data_dir, ledger=ledger, checked=checked)
        index = ControlIndex.build(data.events, data.places)
        context = data.events["controller"] == ""
        if lean is None:
            lean = int(context.sum()) >= LEAN_CONTEXT_ROWS
        if not lean:
            return cls(data, index)
        store = ContextStore.write(data.events[context])
        control = data.events[~context].reset_index(drop=True)
        model = cls(replace(data, events=control), index, store)
        del data, context, control
        release_freed_memory()
        return model

    def _events(
        self, places: Iterable[str] | None = None, until: dt.date | str | None = None
    ) -> pd.DataFrame:
        """Control and context events (of ``places``, on or before ``until``), unordered."""
        events = self.data.events
        if until is not None:
            events = events[events["date"].to_numpy().astype("datetime64[D]") <= to_day(until)]
        if places is not None:
            places = list(places)
            events = events[events["place"].isin(places)]
        if self.context is None:
            return events
        until_day = None if until is None else str(to_day(until))
        return pd.concat([events, self.context.read(places, until_day)], ignore_index=True)

    def all_events(self) -> pd.DataFrame:
        """Every event (control and context) by date, then load order."""
        return self._events().sort_values(["date", "order"], kind="stable")

    def event_count(self) -> int:
        """How many events the dataset holds (control and context)."""
        return len(self.data.events) + (self.context.total if self.context else 0)

    def event_counts(self) -> dict[str, int]:
        """Events (control and context) per place."""
        counts = self.data.events["place"].value_counts().to_dict()
        for place, n in (self.context.counts if self.context else {}).items():
            counts[place] = counts.get(place, 0) + n
        return counts

    @property
    def title(self) -> str:
        """The dataset's name for display: ``title`` in its dataset.toml, else the folder name.

        Never the folder's full path (that would tell every viewer where the server keeps
        its files).
        """
        return self.data.info.title or self.data.data_dir.name

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
        """The day range to show: first event date to last, at least one day long.

        A dataset whose events all fall on one day spans that day and the next (which
        shows the same state), so a date range always has two different ends.
        """
        dates = self.data.events["date"]
        if self.context is not None:
            dates = pd.Series([dates.min(), dates.max(), self.context.first, self.context.last])
        first, last = dates.min().date(), dates.max().date()
        return first, max(last, first + dt.timedelta(days=1))

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
        return self._events(until=day).sort_values(["date", "order"], ascending=False)

    def place_events(self, place: str) -> pd.DataFrame:
        """Every event of one place, oldest first."""
        return self._events(places=[place]).sort_values(["date", "order"])

    def place_histories(
        self,
        places: Iterable[str] | None = None,
        until: dt.date | str | None = None,
        columns: Sequence[str] = EVENT_COLUMNS,
        empty: Any = "",
    ) -> dict[str, list[dict[str, Any]]]:
        """Each place's events (on or before ``until`` if given), oldest first, as dicts.

        Keys are ``columns``, with ``date`` as ISO text and ``empty`` for empty fields. Built in
        one pass (one sort, one ``to_dict``, sliced per place), not one scan per place, so
        50,000 places cost about what one does. Places with no event are absent.
        """
        events = self._events(places, until)
        events = events.sort_values(["place", "date", "order"], kind="stable")
        names = list(columns)
        values = [
            events[c].dt.strftime("%Y-%m-%d").tolist() if c == "date" else events[c].tolist()
            for c in names
        ]
        if empty != "":
            values = [[empty if v == "" else v for v in column] for column in values]
        records = [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]
        groups = events.groupby("place", sort=False).indices
        return {place: [records[i] for i in rows] for place, rows in groups.items()}
