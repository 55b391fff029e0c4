"""The frame schedule and captions of a time-lapse, pure (no browser, no encoder).

A video runs through the days from ``start`` to ``end`` at ``days_per_second``; at ``fps``
frames per second each day lasts ``fps / days_per_second`` frames (kept exact over the
whole run by rounding the running total, so nothing drifts). Faster than one day a frame,
days are skipped, but never the first, the last, or a day on which a place changed hands; such a day is also held
for ``hold_on_changes`` seconds, and the last day for ``hold_end`` seconds.

Examples
--------
>>> days = schedule(dt.date(2020, 6, 1), dt.date(2020, 6, 4), fps=10, days_per_second=4,
...                 hold_on_changes=1.0, change_days={dt.date(2020, 6, 2)}, hold_end=0)
>>> [(f.day.day, f.repeat, f.changed) for f in days]
[(1, 2, False), (2, 13, True), (3, 3, False), (4, 2, False)]
>>> long_date(dt.date(2020, 6, 1)), long_date(dt.date(2020, 6, 1), "ar")
('1 June 2020', '1 يونيو 2020')
>>> parse_size("1080x1920")
(1080, 1920)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from dashboard.core import words
from dashboard.core.errors import UsageError
from dashboard.core.io.gazetteer import shown_names
from dashboard.core.model import Model
from dashboard.core.precision import MONTHS
from dashboard.core.schema import UNKNOWN

__all__ = [
    "BASEMAP_CREDITS",
    "Caption",
    "caption",
    "change_days",
    "CHANGES_HEADING",
    "credit_line",
    "Frame",
    "long_date",
    "MONTHS",
    "parse_size",
    "schedule",
    "SIZES",
    "source_count",
]

SIZES = ("1080x1080", "1920x1080", "1080x1920")
CHANGES_HEADING = words.text("changes_heading")
BASEMAP_CREDITS = words.text("basemap_credits")


@dataclass(frozen=True)
class Frame:
    """One day of the video, written ``repeat`` times; ``changed``: a place changed hands."""

    day: dt.date
    repeat: int
    changed: bool


@dataclass(frozen=True)
class Caption:
    """The text the exporter lays over the map for one day (plain text, never markup)."""

    date: str
    title: str
    changes: tuple[str, ...]
    credit: str
    heading: str = CHANGES_HEADING
    lang: str = "en"

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form for the page's overlay."""
        return {
            "date": self.date,
            "title": self.title,
            "changes": list(self.changes),
            "credit": self.credit,
            "heading": self.heading if self.changes else "",
            "lang": self.lang,
            "dir": words.DIRECTION[self.lang],
        }


def parse_size(text: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` as two even pixel counts; UsageError for any other text."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise UsageError(f"bad size {text!r} (expected WIDTHxHEIGHT, e.g. {SIZES[0]})")
    w, h = int(width), int(height)
    if not (64 <= w <= 4096 and 64 <= h <= 4096) or w % 2 or h % 2:
        raise UsageError(f"bad size {text!r}: each side even, from 64 to 4096 pixels")
    return w, h


def schedule(
    start: dt.date,
    end: dt.date,
    fps: int,
    days_per_second: float,
    hold_on_changes: float,
    change_days: Collection[dt.date],
    hold_end: float = 1.0,
) -> list[Frame]:
    """The days shown from ``start`` to ``end`` (inclusive) and how many frames each."""
    if end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    if fps < 1 or days_per_second <= 0 or hold_on_changes < 0 or hold_end < 0:
        raise UsageError("--fps, --days-per-second must be positive, --hold-on-changes >= 0")
    per_day = Fraction(fps) / Fraction(str(days_per_second))
    hold, tail = round(hold_on_changes * fps), round(hold_end * fps)
    frames: list[Frame] = []
    written = 0
    total = (end - start).days + 1
    for k in range(total):
        day = start + dt.timedelta(days=k)
        changed = day in change_days
        due = round((k + 1) * per_day) - written
        last = k == total - 1
        if due <= 0 and not (changed or last or k == 0):
            continue
        written += max(due, 0)
        repeat = max(due, 1) + (hold if changed else 0) + (tail if last else 0)
        frames.append(Frame(day, repeat, changed))
    return frames


def change_days(
    model: Model, start: dt.date, end: dt.date, factions: Iterable[str] | None = None
) -> set[dt.date]:
    """Days in [start, end] on which a place changed hands (to or from a chosen faction)."""
    runs = _changes(model, start - dt.timedelta(days=1), end, factions)
    return {pd.Timestamp(v).date() for v in runs["start"]}


def _changes(
    model: Model, after: dt.date, until: dt.date, factions: Iterable[str] | None
) -> pd.DataFrame:
    runs = model.index.changes_of_hands(after, until)
    if factions is not None:
        chosen = list(factions)
        runs = runs[runs["controller"].isin(chosen) | runs["previous"].isin(chosen)]
    return runs


def long_date(day: dt.date, lang: str = "en") -> str:
    """``1 June 2020`` (``1 يونيو 2020`` in Arabic), whatever the machine's locale."""
    return words.long_date(day, lang)


def source_count(model: Model, until: dt.date) -> int:
    """Distinct sources (publisher, title, date, URL) of the events dated up to ``until``."""
    events = model.events_until(until)
    keys = ["source_publisher", "source_title", "source_date", "source_url"]
    return int(events[keys].astype(str).drop_duplicates().shape[0])


def credit_line(model: Model, until: dt.date, lang: str = "en") -> str:
    """Sources counted up to ``until``, then the basemap's credits, in ``lang``."""
    n = source_count(model, until)
    sources = words.text("sources_one" if n == 1 else "sources_many", lang, n=n)
    basemap = words.text("basemap_credits", lang)
    return words.text("credit_line", lang, sources=sources, basemap=basemap)


def caption(
    model: Model, day: dt.date, factions: Iterable[str] | None = None, lang: str = "en"
) -> Caption:
    """The overlay text of ``day`` in ``lang``: its date, the dataset's title, who took
    what that day (from the control index; places and holders as the map names them) and
    the credit line."""
    table = model.data.factions
    translated = table["label_ar"] if "label_ar" in table else None
    labels = words.faction_labels(table["faction"], table["label"], translated, lang, UNKNOWN)
    runs = _changes(model, day - dt.timedelta(days=1), day, factions)
    places = list(runs["place"])
    names = shown_names(model.data.geo_file("places.csv"), places, lang)
    shown = dict(zip(places, names, strict=True))
    lines = tuple(
        words.text(
            "change_item",
            lang,
            place=shown[r.place],
            **{
                "from": labels.get(r.previous, r.previous),
                "to": labels.get(r.controller, r.controller),
            },
        )
        for r in runs.itertuples()
    )
    heading = words.text("changes_heading", lang)
    credit = credit_line(model, day, lang)
    return Caption(words.long_date(day, lang), model.title, lines, credit, heading, lang)
