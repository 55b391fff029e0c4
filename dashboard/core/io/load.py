"""Load a data folder (``events/*.csv``, ``events/factions.csv``, ``geo/places.csv``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from dashboard.core.colors import faction_table
from dashboard.core.dataset import DatasetInfo, read_info, with_defaults
from dashboard.core.errors import DataError, Problem
from dashboard.core.io.csvread import read_csv_file
from dashboard.core.io.factions import read_factions_file
from dashboard.core.io.gazetteer import Gazetteer, load_gazetteer
from dashboard.core.io.story import STORY_FILE
from dashboard.core.io.validate import validate_events
from dashboard.core.paths import bundled_data_dir
from dashboard.core.schema import (
    FACTION_COLUMNS,
    FACTIONS_FILE,
    NEUTRAL,
    PLACES_FILE,
    UNKNOWN,
    UNKNOWN_COLOR,
)

__all__ = [
    "BUNDLED_DATA",
    "Dataset",
    "ENV_DATA_DIR",
    "event_files",
    "geo_file",
    "in_load_order",
    "load_dataset",
    "load_events",
    "load_factions",
    "place_table",
    "resolve_data_dir",
    "resolve_names",
    "TeamRows",
]

BUNDLED_DATA = bundled_data_dir()
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
    info: DatasetInfo = field(default_factory=DatasetInfo)

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


def event_files(data_dir: Path, skip: Iterable[Path] = ()) -> list[Path]:
    """Every event table of a data folder (``events/*.csv`` but factions.csv, story.csv, the
    ``*.review.csv`` reports an import writes beside its output and the files in ``skip``,
    such as an ACLED actor map that dataset.toml names)."""
    folder = data_dir / "events"
    skipped = {p.resolve() for p in skip}
    if not folder.is_dir():
        raise DataError.single(str(data_dir), 0, "no events/ folder in the data folder")
    files = sorted(
        p
        for p in folder.glob("*.csv")
        if p.name not in (FACTIONS_FILE, STORY_FILE)
        and not p.name.endswith(".review.csv")
        and p.resolve() not in skipped
    )
    if not files:
        raise DataError.single(str(folder), 0, "no event tables (*.csv) in this folder")
    return files


def load_dataset(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    ledger: bool = True,
    team_rows: TeamRows | None = None,
    checked: pd.DataFrame | None = None,
) -> Dataset:
    """Load and validate a whole data folder; raise DataError listing every problem.

    When the folder has a team ledger (see :mod:`dashboard.core.ledger`), its rows are
    merged in and validated with the CSV events; ``ledger=False`` reads the CSV tables
    only. ``team_rows`` (a ledger's rows and its name) replaces what the ledger holds: a
    save validates the dataset it is about to write this way. ``checked`` is the folder's
    one event table as :func:`validate_events` typed it (an upload's conversion validated
    it; its ``line`` numbers are the file's): taken instead of reading and validating again.
    """
    root = resolve_data_dir(data_dir)
    if not root.is_dir():
        raise DataError.single(str(root), 0, "data folder not found")
    info = read_info(root)
    gazetteer = load_gazetteer(geo_file(root, PLACES_FILE))
    files = event_files(root, info.files())
    warnings: list[Problem] = []
    if checked is not None and len(files) == 1:
        events = in_load_order([checked.assign(file=str(files[0]))])
    else:
        events, warnings = load_events(files, gazetteer)
    team = team_rows or (_read_ledger(root) if ledger else None)
    if team is not None:
        from dashboard.core.ledger.merge import merge_team_rows

        _add_places(gazetteer, place_table(events))
        events, team_warnings = merge_team_rows(events, team[0], gazetteer, team[1])
        warnings += team_warnings
    factions, faction_warnings = load_factions(root / "events" / FACTIONS_FILE, events)
    places = place_table(events)
    _add_places(gazetteer, places)
    info = with_defaults(resolve_names(info, gazetteer), events, root)
    return Dataset(
        events=events,
        factions=factions,
        places=places,
        gazetteer=gazetteer,
        warnings=tuple(warnings + faction_warnings) + info.warnings,
        data_dir=root,
        info=info,
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


def resolve_names(info: DatasetInfo, gazetteer: Gazetteer) -> DatasetInfo:
    """``info`` with its place names (reference place, rear bases) in canonical spelling;
    DataError naming dataset.toml for a name the gazetteer does not know."""
    problems: list[Problem] = []
    path = str(info.source)

    def canonical(name: str, key: str) -> str:
        place = gazetteer.resolve(name)
        if place is None:
            close = gazetteer.candidates(name)
            hint = f" (closest: {', '.join(close)})" if close else ""
            problems.append(Problem(path, 0, f"{key}: unknown place {name!r}{hint}"))
        return place or name

    reference = info.reference_place and canonical(info.reference_place, "reference_place")
    bases = {
        faction: tuple(canonical(p, f"rear_bases.{faction}") for p in places)
        for faction, places in info.rear_bases.items()
    }
    if problems:
        raise DataError(problems)
    return replace(info, reference_place=reference, rear_bases=bases)


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
    return in_load_order(frames), warnings


def in_load_order(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Validated event tables as one, by date then file order (``order`` column); an
    event id in two files is an error."""
    events = pd.concat(frames, ignore_index=True)
    errors = _duplicate_ids_across_files(events)
    if errors:
        raise DataError(errors)
    events["order"] = range(len(events))
    return events.sort_values(["date", "order"], kind="stable").reset_index(drop=True)


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


def load_factions(path: Path, events: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Factions with colours (:func:`dashboard.core.colors.faction_table`): factions used
    in events but not listed, or listed without a colour, get an automatic colour."""
    listed = read_factions_file(path) if path.exists() else None
    used = [f for f in pd.unique(events["controller"]) if f and f != UNKNOWN]
    table = faction_table(listed, used)
    unlisted = set(used) - (set() if listed is None else set(listed["faction"]))
    warnings = [
        Problem(str(path), 0, f"faction {f!r} is not in factions.csv; given a palette colour")
        for f in sorted(unlisted)
        if f != NEUTRAL
    ]
    return table[list(FACTION_COLUMNS)], warnings
