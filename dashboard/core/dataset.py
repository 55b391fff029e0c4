"""What a data folder says about its conflict: ``dataset.toml`` at the folder root.

Every key is optional; a folder without the file gets defaults derived from its data
(:func:`with_defaults`): the period is the data's span and the reference place the place
with the most events. ``id`` names the dataset wherever the folder is mounted (it keys
the team ledger, :func:`dataset_id`); by default it is derived from the title, else the
folder's name, never from its path. Paths are relative to the data folder. A bad file is a DataError
naming the file and, where known, the line.

Examples
--------
>>> info = parse_info('title = "Test war"\\nreference_place = "Alpha"\\n[rear_bases]\\nN = ["Alpha"]')
>>> info.title, info.reference_place, info.rear_bases
('Test war', 'Alpha', {'N': ('Alpha',)})
>>> dataset_id(Path("/srv/a/Libya data"), parse_info('title = "Western Libya, 2019–2020"'))
'western-libya-2019-2020'
>>> dataset_id(Path("/mnt/b/Libya data"), DatasetInfo())
'libya-data'
>>> parse_info('focus_country = "Narnia"').focus_country
Traceback (most recent call last):
...
dashboard.core.errors.DataError: dataset.toml:1: focus_country must be an ISO 3166-1 alpha-3 code such as 'FRA', not 'Narnia'
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core.errors import DataError, Problem

__all__ = [
    "BBox",
    "DATASET_FILE",
    "dataset_id",
    "DatasetInfo",
    "ID_PATTERN",
    "KEYS",
    "parse_info",
    "read_info",
    "slug",
    "TABLES",
    "with_defaults",
]


DATASET_FILE = "dataset.toml"
KEYS = (
    "id", "title", "focus_country", "outline", "period", "open_on", "open_view", "reference_place",
)  # fmt: skip
TABLES = {"rear_bases": None, "acled": ("factions",), "basemap": ("bbox",)}

BBox = tuple[float, float, float, float]
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


@dataclass(frozen=True)
class DatasetInfo:
    """The facts of one conflict that the code must not hard-wire (see ``dataset.toml``)."""

    title: str = ""
    id: str | None = None  # the dataset's stable name (see dataset_id)
    focus_country: str | None = None  # ISO 3166-1 alpha-3, drawn lighter on the basemap
    outline: Path | None = None  # GeoJSON the areas are clipped to
    period: tuple[dt.date, dt.date] | None = None  # the span the slider opens on
    open_on: dt.date | None = None  # the day the app opens on
    open_view: BBox | None = None  # lon_min, lat_min, lon_max, lat_max the map opens on
    reference_place: str | None = None  # front distances are measured from it
    rear_bases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # first held wins
    acled_factions: Path | None = None  # ACLED actor regex -> faction map (CSV)
    basemap_bbox: BBox | None = None  # lon_min, lat_min, lon_max, lat_max
    source: Path | None = None  # the file read, None when the folder has none
    warnings: tuple[Problem, ...] = ()

    def files(self) -> list[Path]:
        """The data files this description names (never loaded as event tables)."""
        return [p for p in (self.outline, self.acled_factions) if p is not None]


def read_info(data_dir: Path) -> DatasetInfo:
    """``data_dir/dataset.toml`` read and checked; an empty description when absent."""
    path = data_dir / DATASET_FILE
    if not path.is_file():
        return DatasetInfo()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError.single(str(path), 0, f"cannot read file: {err}") from None
    return parse_info(text, str(path), data_dir)


def parse_info(text: str, path: str = DATASET_FILE, root: Path | None = None) -> DatasetInfo:
    """A :class:`DatasetInfo` from TOML text; paths are resolved against ``root``."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"at line (\d+)", str(err))
        line = int(found.group(1)) if found else 0
        if "end of document" in str(err):
            line = len(text.splitlines())
        raise DataError.single(path, line, f"bad TOML: {err}") from None
    check = _Checker(text, path, root)
    info = DatasetInfo(
        title=check.text(raw, "title") or "",
        id=check.ident(raw),
        focus_country=check.country(raw),
        outline=check.file(raw, "outline"),
        period=check.period(raw),
        open_on=check.date(raw.get("open_on"), "open_on"),
        open_view=check.box(raw.get("open_view"), "open_view"),
        reference_place=check.text(raw, "reference_place"),
        rear_bases=check.rear_bases(raw.get("rear_bases", {})),
        acled_factions=check.file(check.table(raw, "acled"), "factions"),
        basemap_bbox=check.bbox(check.table(raw, "basemap")),
        source=Path(path),
        warnings=tuple(check.unknown_keys(raw)),
    )
    if check.problems:
        raise DataError(check.problems)
    return info


def dataset_id(data_dir: Path, info: DatasetInfo | None = None) -> str:
    """The dataset's stable id: ``id`` from dataset.toml, else a slug of its title, else of
    the folder's name (the same on every replica that mounts the data, wherever)."""
    info = read_info(data_dir) if info is None else info
    return info.id or slug(info.title) or slug(data_dir.name) or "dataset"


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by ``-`` (accents dropped)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:100]


def with_defaults(info: DatasetInfo, events: pd.DataFrame, data_dir: Path) -> DatasetInfo:
    """``info`` with what it leaves out derived from the events: the period is the data's
    span, the reference place the place with the most events (ties: alphabetical)."""
    period = info.period
    if period is None and len(events):
        period = (events["date"].min().date(), events["date"].max().date())
    reference = info.reference_place
    if reference is None and len(events):
        counts = events.groupby("place").size()
        reference = str(min(counts.index[counts.to_numpy() == counts.max()]))
    return replace(
        info, title=info.title or data_dir.name, period=period, reference_place=reference
    )


class _Checker:
    """Type checks of the parsed TOML; problems name the line of the offending key."""

    def __init__(self, text: str, path: str, root: Path | None):
        self.lines = text.splitlines()
        self.path, self.root = path, root
        self.problems: list[Problem] = []

    def line_of(self, key: str) -> int:
        """First line that assigns ``key`` (or opens table ``[key]``), 0 when not found."""
        pattern = re.compile(rf"^\s*(\[\s*{re.escape(key)}\s*\]|\"?{re.escape(key)}\"?\s*=)")
        return next((n for n, line in enumerate(self.lines, 1) if pattern.match(line)), 0)

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line_of(key), message))

    def text(self, raw: dict[str, Any], key: str) -> str | None:
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(key, f"{key} must be a non-empty text, not {value!r}")
            return None
        return value.strip() if value else None

    def ident(self, raw: dict[str, Any]) -> str | None:
        value = self.text(raw, "id")
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.fail(
                "id", f"id must be lower-case letters, digits, '.', '_' or '-', not {value!r}"
            )
            return None
        return value

    def country(self, raw: dict[str, Any]) -> str | None:
        code = self.text(raw, "focus_country")
        if code is not None and not re.fullmatch(r"[A-Z]{3}", code):
            self.fail(
                "focus_country",
                f"focus_country must be an ISO 3166-1 alpha-3 code such as 'FRA', not {code!r}",
            )
            return None
        return code

    def file(self, raw: dict[str, Any], key: str) -> Path | None:
        name = self.text(raw, key)
        if name is None:
            return None
        path = (self.root or Path(".")) / name
        if self.root is not None and not path.is_file():
            self.fail(key, f"{key}: file {name!r} not found in the data folder")
            return None
        return path

    def date(self, value: Any, key: str) -> dt.date | None:
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"{key}: bad date {value!r} (expected YYYY-MM-DD)")
            return None

    def period(self, raw: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
        value = raw.get("period")
        if value is None:
            return None
        if not isinstance(value, list) or len(value) != 2:
            self.fail("period", f"period must be [first day, last day], not {value!r}")
            return None
        start, end = (self.date(v, "period") for v in value)
        if start is None or end is None:
            return None
        if end < start:
            self.fail("period", f"period ends ({end}) before it starts ({start})")
            return None
        return start, end

    def table(self, raw: dict[str, Any], key: str) -> dict[str, Any]:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, f"[{key}] must be a table")
            return {}
        return value

    def rear_bases(self, value: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            self.fail("rear_bases", "[rear_bases] must be a table: faction = [places]")
            return {}
        bases = {}
        for faction, places in value.items():
            if not isinstance(places, list) or not all(isinstance(p, str) and p for p in places):
                self.fail(faction, f"rear_bases.{faction} must be a list of place names")
                continue
            bases[str(faction)] = tuple(places)
        return bases

    def bbox(self, raw: dict[str, Any]) -> BBox | None:
        return self.box(raw.get("bbox"), "bbox", "basemap.bbox")

    def box(self, value: Any, key: str, name: str | None = None) -> BBox | None:
        """A [lon_min, lat_min, lon_max, lat_max] box (None when not given)."""
        if value is None:
            return None
        name = name or key
        numbers = isinstance(value, list) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        )
        if not numbers or len(value) != 4:
            self.fail(key, f"{name} must be [lon_min, lat_min, lon_max, lat_max], not {value!r}")
            return None
        west, south, east, north = (float(v) for v in value)
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            self.fail(key, f"{name} {value!r} is not a lon/lat box (min < max, in range)")
            return None
        return west, south, east, north

    def unknown_keys(self, raw: dict[str, Any]) -> list[Problem]:
        """Warnings for keys this reader does not know (a typo would otherwise be silent)."""
        found = []
        for key, value in raw.items():
            if key not in KEYS and key not in TABLES:
                found.append(Problem(self.path, self.line_of(key), f"unknown key {key!r} ignored"))
            elif TABLES.get(key) and isinstance(value, dict):
                for sub in value:
                    if sub not in TABLES[key]:  # type: ignore[operator]
                        found.append(
                            Problem(
                                self.path, self.line_of(sub), f"unknown key {key}.{sub} ignored"
                            )
                        )
        return found
