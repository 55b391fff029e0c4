"""Read and check a factions file: ``faction,label,color[,description][,label_ar]``, one row
a faction (``label_ar``: the label on the Arabic map, in Arabic script).

The same rules for a data folder's ``events/factions.csv`` and for a factions file
uploaded beside a CSV. Every problem names the file and the line: an unknown column, a
missing ``faction`` column, an empty or reserved name, a faction listed twice, a colour
that is not ``#RGB`` or ``#RRGGBB``. Comma-, semicolon- and tab-separated files are read
(:mod:`dashboard.core.io.csvread`).

Examples
--------
>>> text = "faction;label;color\\nNorth;Northern Alliance;#07b\\nSouth;;\\n"
>>> read_factions_text(text, "f.csv")[["faction", "label", "color"]].values.tolist()
[['North', 'Northern Alliance', '#0077BB'], ['South', 'South', '']]
>>> read_factions_text("faction,colour\\nNorth,#0077BB\\n", "f.csv")
Traceback (most recent call last):
...
dashboard.core.errors.DataError: f.csv:1: unknown column 'colour' (expected faction, label, color, description, label_ar)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.core.colors import normalise_color
from dashboard.core.errors import DataError, Problem
from dashboard.core.io.csvread import read_csv_file, read_csv_text
from dashboard.core.schema import FACTION_COLUMNS, UNKNOWN
from dashboard.core.words import arabic_name

__all__ = ["check_factions", "read_factions_file", "read_factions_text"]


def check_factions(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    """The rows of a factions file read by :mod:`csvread` (strings and ``_line``), checked:
    columns :data:`FACTION_COLUMNS` (label, color and description may be missing), values
    stripped, colours as ``#RRGGBB`` or '' (not given), an empty label as the faction name.
    DataError listing every problem otherwise."""
    columns = [c for c in frame.columns if c != "_line"]
    unknown = [c for c in columns if c not in FACTION_COLUMNS]
    problems = []
    if unknown:
        named = ", ".join(repr(c[:40]) for c in unknown[:5])
        word = "column" if len(unknown) == 1 else "columns"
        expected = ", ".join(FACTION_COLUMNS)
        problems.append(Problem(path, 1, f"unknown {word} {named} (expected {expected})"))
    if "faction" not in columns:
        problems.append(Problem(path, 1, "missing column: faction"))
    if problems:
        raise DataError(problems)
    rows = frame.reindex(columns=[*FACTION_COLUMNS, "_line"], fill_value="")
    for col in FACTION_COLUMNS:
        rows[col] = rows[col].astype(str).str.strip()
    first_line: dict[str, int] = {}
    columns_read = zip(rows["faction"], rows["color"], rows["label_ar"], rows["_line"], strict=True)
    for faction, color, label_ar, line in columns_read:
        line = int(line)
        if faction in ("", UNKNOWN):
            problems.append(Problem(path, line, "faction name empty or reserved ('unknown')"))
        elif faction in first_line:
            also = first_line[faction]
            problems.append(
                Problem(path, line, f"faction {faction!r} listed twice (first on line {also})")
            )
        else:
            first_line[faction] = line
        if color and normalise_color(color) is None:
            problems.append(Problem(path, line, f"bad color {color!r} (expected #RGB or #RRGGBB)"))
        if label_ar and not arabic_name([label_ar]):
            problems.append(Problem(path, line, f"label_ar {label_ar[:40]!r} has no Arabic letter"))
    if problems:
        raise DataError(problems)
    rows["color"] = [normalise_color(c) or "" for c in rows["color"]]
    rows["label"] = rows["label"].where(rows["label"] != "", rows["faction"])
    return rows.reset_index(drop=True)


def read_factions_text(text: str, path: str) -> pd.DataFrame:
    """A factions file's text, checked (see :func:`check_factions`)."""
    return check_factions(read_csv_text(text, path), path)


def read_factions_file(path: Path) -> pd.DataFrame:
    """A factions file on disk, checked (see :func:`check_factions`)."""
    return check_factions(read_csv_file(path), str(path))
