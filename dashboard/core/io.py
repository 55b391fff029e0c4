"""Load a data folder (``events/*.csv``, ``events/factions.csv``, ``geo/places.csv``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.core.csvread import read_csv_file
from dashboard.core.gazetteer import Gazetteer
from dashboard.core.schema import (
    FACTIONS_FILE,
    NEUTRAL,
    PALETTE,
    PLACES_FILE,
    UNKNOWN,
    UNKNOWN_COLOR,
    DataError,
    Problem,
)
from dashboard.core.validate import validate_events

BUNDLED_DATA = Path(__file__).resolve().parents[2] / "data"
ENV_DATA_DIR = "FRONTLINE_DATA_DIR"
TeamRows = tuple[pd.DataFrame, str]
"""A ledger's rows (strings, see :func:`dashboard.core.ledger.merge.merge_team_rows`) and
the name its problems are reported under."""


@dataclass(frozen=True)
class Dataset:
    """A validated data folder: events, factions, places and where they came from."""

    events: pd.DataFrame
    factions: pd.DataFrame
    places: pd.DataFrame
    gazetteer: Gazetteer
    warnings: tuple[Problem, ...]
    data_dir: Path

    def geo_file(self, name: str) -> Path:
        """``geo/name`` of this data folder, else the bundled one."""
        return geo_file(self.data_dir, name)

    def color(self, faction: str) -> str:
        """Display colour of a faction (grey for ``unknown``)."""
        colors = dict(zip(self.factions["faction"], self.factions["color"], strict=True))
        return colors.get(faction, UNKNOWN_COLOR)


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``arg``, else $FRONTLINE_DATA_DIR, else the bundled ``data/``."""
    chosen = arg or os.environ.get(ENV_DATA_DIR) or BUNDLED_DATA
    return Path(chosen).expanduser()


def geo_file(data_dir: Path, name: str) -> Path:
    """``data_dir/geo/name`` when it exists, else the bundled file of that name."""
    own = data_dir / "geo" / name
    return own if own.exists() else BUNDLED_DATA / "geo" / name


def event_files(data_dir: Path) -> list[Path]:
    """Every event table of a data folder (``events/*.csv`` but factions.csv and the
    ``*.review.csv`` reports an import writes beside its output)."""
    folder = data_dir / "events"
    if not folder.is_dir():
        raise DataError.single(str(data_dir), 0, "no events/ folder in the data folder")
    files = sorted(
        p
        for p in folder.glob("*.csv")
        if p.name != FACTIONS_FILE and not p.name.endswith(".review.csv")
    )
    if not files:
        raise DataError.single(str(folder), 0, "no event tables (*.csv) in this folder")
    return files


def load_dataset(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    ledger: bool = True,
    team_rows: TeamRows | None = None,
) -> Dataset:
    """Load and validate a whole data folder; raise DataError listing every problem.

    When the folder has a team ledger (see :mod:`dashboard.core.ledger`), its rows are
    merged in and validated with the CSV events; ``ledger=False`` reads the CSV tables
    only. ``team_rows`` (a ledger's rows and its name) replaces what the ledger holds: a
    save validates the dataset it is about to write this way.
    """
    root = resolve_data_dir(data_dir)
    if not root.is_dir():
        raise DataError.single(str(root), 0, "data folder not found")
    gazetteer = load_gazetteer(geo_file(root, PLACES_FILE))
    events, warnings = load_events(event_files(root), gazetteer)
    team = team_rows or (_read_ledger(root) if ledger else None)
    if team is not None:
        from dashboard.core.ledger.merge import merge_team_rows

        _add_places(gazetteer, place_table(events))
        events, team_warnings = merge_team_rows(events, team[0], gazetteer, team[1])
        warnings += team_warnings
    factions, faction_warnings = load_factions(root / "events" / FACTIONS_FILE, events)
    places = place_table(events)
    _add_places(gazetteer, places)
    return Dataset(
        events=events,
        factions=factions,
        places=places,
        gazetteer=gazetteer,
        warnings=tuple(warnings + faction_warnings),
        data_dir=root,
    )


def _read_ledger(root: Path) -> TeamRows | None:
    """The team ledger's rows of this folder, or None when it has no ledger."""
    from dashboard.core.ledger import ledger_configured

    if not ledger_configured(root):
        return None
    from dashboard.core.ledger.read import read_team_rows

    return read_team_rows(root)


def _add_places(gazetteer: Gazetteer, places: pd.DataFrame) -> None:
    for row in places.itertuples():
        gazetteer.add(str(row.place), float(row.lat), float(row.lon))


def load_events(
    files: list[Path], gazetteer: Gazetteer | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate and concatenate event tables, sorted by date then file order."""
    frames, errors, warnings = [], [], []
    for path in files:
        try:
            frame, found = validate_events(read_csv_file(path), str(path), gazetteer)
        except DataError as err:
            errors.extend(err.problems)
            continue
        frames.append(frame)
        warnings.extend(found)
    if errors:
        raise DataError(errors)
    events = pd.concat(frames, ignore_index=True)
    errors = _duplicate_ids_across_files(events)
    if errors:
        raise DataError(errors)
    events["order"] = range(len(events))
    return events.sort_values(["date", "order"], kind="stable").reset_index(drop=True), warnings


def _duplicate_ids_across_files(events: pd.DataFrame) -> list[Problem]:
    dup = events[events["event_id"].duplicated(keep="first")]
    return [
        Problem(
            str(r.file), int(r.line), f"duplicate event_id {r.event_id!r} (also in another file)"
        )
        for r in dup.itertuples()
    ]


def place_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per place named in the events: place, lat, lon (first coordinates given)."""
    first = events.sort_values("order").drop_duplicates("place")
    return first[["place", "lat", "lon"]].sort_values("place").reset_index(drop=True)


def load_gazetteer(path: Path) -> Gazetteer:
    """Read places.csv (place, alt_names separated by '|', lat, lon) into a Gazetteer."""
    gazetteer = Gazetteer()
    if not path.exists():
        return gazetteer
    frame = read_csv_file(path)
    for col in ("place", "lat", "lon"):
        if col not in frame.columns:
            raise DataError.single(str(path), 1, f"missing column: {col}")
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    bad = frame.loc[lat.isna() | lon.isna() | (frame["place"].str.strip() == "")]
    if len(bad):
        raise DataError(
            [
                Problem(str(path), int(line), "place needs a name and numeric lat/lon")
                for line in bad["_line"]
            ]
        )
    alts = frame["alt_names"] if "alt_names" in frame.columns else pd.Series("", index=frame.index)
    for place, la, lo, alt in zip(frame["place"], lat, lon, alts, strict=True):
        names = [a.strip() for a in str(alt).split("|") if a.strip()]
        gazetteer.add(place.strip(), float(la), float(lo), names)
    return gazetteer


def load_factions(path: Path, events: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Factions with colours; factions used in events but not listed get a palette colour."""
    columns = ["faction", "label", "color", "description"]
    listed = _read_factions(path) if path.exists() else pd.DataFrame(columns=columns)
    used = [f for f in pd.unique(events["controller"]) if f and f != UNKNOWN]
    extra = [f for f in sorted(used) if f not in set(listed["faction"])]
    warnings = [
        Problem(str(path), 0, f"faction {f!r} is not in factions.csv; given a palette colour")
        for f in extra
        if f != NEUTRAL
    ]
    taken = set(listed["color"].str.upper())
    free = [c for c in PALETTE if c.upper() not in taken] or list(PALETTE)
    rows = [
        {
            "faction": f,
            "label": f,
            "color": "#999999" if f == NEUTRAL else free[i % len(free)],
            "description": "",
        }
        for i, f in enumerate(extra)
    ]
    factions = pd.concat([listed[columns], pd.DataFrame(rows, columns=columns)], ignore_index=True)
    return factions.reset_index(drop=True), warnings


def _read_factions(path: Path) -> pd.DataFrame:
    frame = read_csv_file(path)
    if "faction" not in frame.columns:
        raise DataError.single(str(path), 1, "missing column: faction")
    for col in ("label", "color", "description"):
        if col not in frame.columns:
            frame[col] = ""
    frame = frame.apply(lambda c: c.str.strip() if c.dtype != "int64" else c)
    bad_color = ~frame["color"].str.match(r"^#[0-9A-Fa-f]{6}$") & (frame["color"] != "")
    problems = [
        Problem(str(path), int(r["_line"]), f"bad color {r['color']!r} (expected #RRGGBB)")
        for _, r in frame[bad_color].iterrows()
    ]
    reserved = frame["faction"].isin([UNKNOWN, ""])
    problems += [
        Problem(str(path), int(line), "faction name empty or reserved ('unknown')")
        for line in frame.loc[reserved, "_line"]
    ]
    if problems:
        raise DataError(problems)
    frame["label"] = frame["label"].where(frame["label"] != "", frame["faction"])
    frame["color"] = frame["color"].where(frame["color"] != "", UNKNOWN_COLOR)
    return frame.drop_duplicates("faction")
