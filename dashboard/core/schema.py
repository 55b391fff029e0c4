"""Column names, allowed values and the validation-problem types of the event table."""

from __future__ import annotations

from dataclasses import dataclass

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "place",
    "lat",
    "lon",
    "controller",
    "previous_controller",
    "date_precision",
    "event_type",
    "confidence",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "notes",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("event_id", "date", "place")
FACTION_COLUMNS: tuple[str, ...] = ("faction", "label", "color", "description")
PLACE_COLUMNS: tuple[str, ...] = ("place", "alt_names", "lat", "lon", "kind")

DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month")
CONFIDENCES: tuple[str, ...] = ("confirmed", "claimed", "disputed")

UNKNOWN = "unknown"
"""Controller of a place before its first recorded change."""
NEUTRAL = "neutral"
"""A faction name that holds places but is nobody's enemy (e.g. a neutral town)."""
NON_HOSTILE = frozenset({UNKNOWN, NEUTRAL})

FACTIONS_FILE = "factions.csv"
PLACES_FILE = "places.csv"

# Okabe-Ito colours (colour-blind safe) for factions that factions.csv does not list.
PALETTE: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#CC79A7",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#000000",
)
UNKNOWN_COLOR = "#BBBBBB"


@dataclass(frozen=True, order=True)
class Problem:
    """One validation finding, printed as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class DataError(Exception):
    """Raised when input data is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, line: int, message: str) -> DataError:
        """A DataError holding one problem."""
        return cls([Problem(path, line, message)])
