"""A dataset's story: ``events/story.csv``, steps an author walks readers through.

Columns ``date,title,text`` and optionally ``place,zoom``; one row per step, in the
order read. Every problem is reported as ``file:line: problem`` (all at once, as a
DataError); a folder without the file has no story. Title and text are data: the map
puts them into the page as text nodes, never as HTML.

>>> steps = parse_story("date,title,text\\n2020-06-01,Asabaa,Taken\\n", "s.csv", {"x"}, None)
>>> steps[0].day, steps[0].title, steps[0].place
(datetime.date(2020, 6, 1), 'Asabaa', None)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core.errors import DataError, Problem, UsageError
from dashboard.core.io.csvread import read_csv_file, read_csv_text

__all__ = [
    "MAX_STEPS",
    "STORY_FILE",
    "StoryStep",
    "parse_story",
    "read_story",
    "read_story_file",
    "story_payload",
]

STORY_FILE = "story.csv"
REQUIRED = ("date", "title", "text")
OPTIONAL = ("place", "zoom")
MAX_STEPS = 200
MAX_TITLE = 120
MAX_TEXT = 1000


@dataclass(frozen=True)
class StoryStep:
    """One step: the day shown, its title and text, and optionally a place and zoom."""

    day: dt.date
    title: str
    text: str
    place: str | None = None
    zoom: int | None = None


def read_story(
    data_dir: Path, places: Collection[str], resolve: Callable[[str], str | None] | None = None
) -> tuple[StoryStep, ...]:
    """The story of the data folder (``events/story.csv``), or no steps without the file."""
    path = data_dir / "events" / STORY_FILE
    if not path.is_file():
        return ()
    return read_story_file(path, places, resolve)


def read_story_file(
    path: Path, places: Collection[str], resolve: Callable[[str], str | None] | None = None
) -> tuple[StoryStep, ...]:
    """The steps of the story file ``path`` (anywhere); UsageError when it is missing."""
    if not path.is_file():
        raise UsageError(f"{path}: no such story file")
    return _steps(read_csv_file(path), str(path), places, resolve)


def parse_story(
    text: str,
    path: str,
    places: Collection[str],
    resolve: Callable[[str], str | None] | None,
) -> tuple[StoryStep, ...]:
    """Steps from story CSV text (see :func:`read_story`)."""
    return _steps(read_csv_text(text, path), path, places, resolve)


def _steps(
    frame: pd.DataFrame,
    path: str,
    places: Collection[str],
    resolve: Callable[[str], str | None] | None,
) -> tuple[StoryStep, ...]:
    columns = [c for c in frame.columns if c != "_line"]
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        parts = [f"missing column(s) {', '.join(missing)}"] if missing else []
        parts += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        raise DataError.single(path, 1, "; ".join(parts) + " (expected date,title,text,place,zoom)")
    if len(frame) > MAX_STEPS:
        raise DataError.single(path, 0, f"{len(frame)} steps; at most {MAX_STEPS}")
    problems: list[Problem] = []
    steps = []
    for row in frame.to_dict("records"):
        found: list[str] = []
        step = _step(row, places, resolve, found)
        problems += [Problem(path, int(row["_line"]), message) for message in found]
        if step is not None:
            steps.append(step)
    if problems:
        raise DataError(problems)
    if not steps:
        raise DataError.single(path, 0, "no steps (expected one row per step)")
    return tuple(steps)


def _step(
    row: dict[str, Any],
    places: Collection[str],
    resolve: Callable[[str], str | None] | None,
    found: list[str],
) -> StoryStep | None:
    """One checked row; its problems are appended to ``found``."""
    raw_day, title, text = (str(row[c]).strip() for c in REQUIRED)
    try:
        day = dt.date.fromisoformat(raw_day) if len(raw_day) == 10 else None
    except ValueError:
        day = None
    if day is None:
        found.append(f"date {raw_day!r} is not a day (expected YYYY-MM-DD)")
    if not title or len(title) > MAX_TITLE:
        found.append(f"title must have 1 to {MAX_TITLE} characters")
    if len(text) > MAX_TEXT:
        found.append(f"text has {len(text)} characters; at most {MAX_TEXT}")
    place = _place(str(row.get("place", "")).strip(), places, resolve, found)
    zoom = _zoom(str(row.get("zoom", "")).strip(), place, found)
    if day is None or found:
        return None
    return StoryStep(day, title, text, place, zoom)


def _place(
    raw: str,
    places: Collection[str],
    resolve: Callable[[str], str | None] | None,
    found: list[str],
) -> str | None:
    if not raw:
        return None
    place = resolve(raw) if resolve else raw
    if place not in places:
        found.append(f"place {raw!r} is not a place of the dataset")
        return None
    return place


def _zoom(raw: str, place: str | None, found: list[str]) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 18:
        found.append(f"zoom {raw!r} must be a whole number from 1 to 18")
        return None
    if place is None:
        found.append("zoom needs a place to centre on")
        return None
    return int(raw)


def story_payload(steps: tuple[StoryStep, ...]) -> list[dict[str, Any]]:
    """The steps as plain data for the browser map."""
    return [
        {
            "date": s.day.isoformat(),
            "title": s.title,
            "text": s.text,
            "place": s.place,
            "zoom": s.zoom,
        }
        for s in steps
    ]
