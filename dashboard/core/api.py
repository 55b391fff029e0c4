"""The Python API for notebooks: ``dashboard.open(path)`` and what a dataset answers.

Every answer is a GeoDataFrame in EPSG:4326 (lon/lat) or a plain number, built on the same
core the dashboard and the CLI use (:class:`dashboard.core.model.Model`, the territory and
distance modules), so a notebook sees what the map shows. Importing ``dashboard`` loads
none of this, and nothing here imports Streamlit or folium.

Examples
--------
>>> import dashboard
>>> libya = dashboard.open()  # $FRONTLINE_DATA_DIR, else the bundled data
>>> libya.title
'Western Libya, 2019–2020'
>>> state = libya.state("2020-06-01").set_index("place")
>>> state.crs.to_string(), state.at["al-Asabaa", "controller"], state.at["Tarhuna", "controller"]
('EPSG:4326', 'LNA', 'LNA')
>>> libya.state("2019-06-01").set_index("place").at["Aziziya", "claims"]
'LNA since 2019-05-03 (LY-E13a)'

>>> periods = libya.periods()
>>> back = periods[(periods["place"] == "al-Asabaa") & (periods["previous"] == "GNA")]
>>> back[["controller", "valid_from", "confidence"]].astype(str).values.tolist()
[['LNA', '2020-06-01', 'confirmed']]
>>> round(libya.distance("Tripoli", "gharyan"), 1)
80.9
>>> libya.zones("2020-06-01")["faction"].tolist()
['GNA', 'LNA', 'neutral']
>>> libya.front("2020-06-01")["factions"].tolist()  # neutral ground is no front
['GNA|LNA']
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from functools import cached_property

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from dashboard.core.describe import claims_list
from dashboard.core.geo.distance import distance_km
from dashboard.core.geo.outline import outline_for
from dashboard.core.geo.periods import control_periods
from dashboard.core.geo.territory import control_zones, front_lines
from dashboard.core.model import Model

__all__ = ["Day", "Frontline", "open_dataset", "STATE_COLUMNS"]

Day = dt.date | str
STATE_COLUMNS = [
    "place",
    "controller",
    "since",
    "confidence",
    "claims",
    "date_precision",
    "last_change",
    "geometry",
]


class Frontline:
    """One loaded data folder: control state, periods, distances, zones and front lines."""

    def __init__(self, model: Model) -> None:
        self.model = model

    def __repr__(self) -> str:
        first, last = self.span
        return f"<Frontline {self.title!r}: {self.model.event_count()} events, {first}..{last}>"

    @property
    def title(self) -> str:
        """The dataset's title (dataset.toml), else its folder's name."""
        return self.model.title

    @property
    def factions(self) -> list[str]:
        """The factions, in the order of factions.csv."""
        return self.model.factions

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """First and last day with events."""
        return self.model.span()

    def state(self, day: Day, factions: Iterable[str] | None = None) -> gpd.GeoDataFrame:
        """Control of every place on ``day`` (inclusive), one point per place.

        Columns: place, controller ('unknown' before any record), since (NaT if unknown),
        confidence, claims (a claim in force against the holder, as "FACTION since DATE
        (event ids)"; '' if none), date_precision, last_change, geometry.
        """
        state = self.model.state(day, self.model.check_factions(factions))
        claims = [
            "; ".join(
                f"{c['faction']} since {c['since']} ({', '.join(c['sources'])})"
                for c in claims_list(row)
            )
            for row in state.itertuples()
        ]
        frame = state.assign(claims=claims)
        geometry = gpd.points_from_xy(state["lon"], state["lat"], crs="EPSG:4326")
        return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")[STATE_COLUMNS]

    def periods(self) -> gpd.GeoDataFrame:
        """Every holding of every place with ``valid_from``/``valid_to`` (see
        :func:`dashboard.core.geo.periods.control_periods`)."""
        return self._periods.copy()

    @cached_property
    def _periods(self) -> gpd.GeoDataFrame:
        return control_periods(self.model)

    def distance(self, a: str, b: str) -> float:
        """Geodesic distance (WGS84) between two places, in km; names resolve like the CLI's
        (any case, alternate spellings); an unknown name raises UnknownPlace."""
        places = self.model.data.places.set_index("place")
        pa, pb = places.loc[self.model.resolve_place(a)], places.loc[self.model.resolve_place(b)]
        return distance_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"])

    def zones(self, day: Day) -> gpd.GeoDataFrame:
        """Each faction's zone on ``day``: faction, area_km2 (equal-area), geometry.

        Schematic: the Voronoi cells of its places, clipped to the country's outline."""
        return control_zones(self.model.state(day), self.outline)

    def front(self, day: Day) -> gpd.GeoDataFrame:
        """Front lines on ``day``: factions ("A|B"), length_km, geometry (lines)."""
        return front_lines(self.zones(day))

    @cached_property
    def outline(self) -> BaseGeometry:
        """The outline zones are clipped to (WGS84)."""
        return outline_for(self.model.data)


def open_dataset(path: str | os.PathLike[str] | None = None, ledger: bool = True) -> Frontline:
    """Load and validate a data folder (``None``: $FRONTLINE_DATA_DIR, else the bundled
    data); with ``ledger`` the team's ledger is read too when one is configured. A folder
    with problems raises :class:`dashboard.core.errors.DataError` listing them."""
    return Frontline(Model.load(path, ledger=ledger))
