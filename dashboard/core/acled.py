"""Convert an ACLED export to Frontline's event table (vectorised pandas, no per-row loop).

Rules (see docs in /work/shared/reference/acled.md):

* ``event_id`` = ``event_id_cnty``; the date from ``event_date`` in ``2020-05-31``,
  ``31-05-2020`` or ``31 May 2020`` form (per row); ``time_precision`` 1/2/3 → day/week/month.
* Sub-event types *Non-state actor overtakes territory*, *Government regains territory*
  and *Non-violent transfer of territory* are control changes: ``controller`` = the faction
  of ``actor1`` (regex table, first match wins). Every other row is a context event.
* Monadic exports (one row per actor, the event id repeated) are merged into one event.
* Nothing is guessed. A control change whose actor maps to no faction, that repeats the
  place's current controller, that clashes with another change the same day, whose actor
  types contradict the sub-event type, or any row without a usable date or coordinates,
  goes to the review report (original rows + ``reason``).
* ``geo_precision`` (and actor1/actor2, fatalities, admin1, the ACLED location name) are
  kept as extra columns after the canonical ones; the loader ignores extra columns.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.csvread import decode_csv_bytes, read_csv_file, read_csv_text
from dashboard.core.distance import WGS84, distance_km
from dashboard.core.gazetteer import Gazetteer
from dashboard.core.importer import (
    DATE_HELP,
    ImportResult,
    Progress,
    Reasons,
    clip_text,
    parse_dates,
    quoted,
    review_frame,
    settle,
)
from dashboard.core.schema import EVENT_COLUMNS, UNKNOWN, DataError, Problem

REQUIRED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "location",
    "latitude",
    "longitude",
)
OPTIONAL_COLUMNS = (
    "time_precision",
    "event_type",
    "actor2",
    "inter1",
    "inter2",
    "admin1",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)
ACLED_COLUMNS: tuple[str, ...] = tuple(
    (
        "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
        "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
        "iso region country admin1 admin2 admin3 location latitude longitude geo_precision "
        "source source_scale notes fatalities tags timestamp"
    ).split()
)
"""The 31 columns of a current ACLED export (since March 2023), in order."""
OLD_COLUMNS = ("data_id", "event_id_no_cnty", "iso3")
"""Columns of exports before March 2023 (ignored)."""
EXTRA_COLUMNS = ("geo_precision", "actor1", "actor2", "fatalities", "admin1", "acled_location")
CONTROL_TYPES = {
    "non-state actor overtakes territory": "capture",
    "government regains territory": "capture",
    "non-violent transfer of territory": "handover",
}
CONTEXT_TYPES = {"armed clash": "clash", "air/drone strike": "airstrike"}
CONTEXT_DEFAULT = "report"
PRECISIONS = {"1": "day", "2": "week", "3": "month", "": "day"}
INTER_LABELS = {
    "state force": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioter": 5,
    "protester": 6,
    "civilian": 7,
    "external/other force": 8,
}
STATE, NON_STATE = (1,), (2, 3, 4)
SAME_PLACE_KM = 25.0
CHUNK_ROWS = 50_000

DEFAULT_FACTIONS: tuple[tuple[str, str], ...] = (
    (
        "GNA",
        r"Government of National Accord|\bGNA\b|Libya Dawn|Misrata|Misurata|"
        r"Tripoli Revolutionaries|Volcano of Rage|Burkan al-Ghadab|Peace Storm|"
        r"Military Forces of Turkey",
    ),
    (
        "LNA",
        r"Libyan National Army|\bLNA\b|\bLAAF\b|Libyan Arab Armed Forces|Haftar|Hifter|"
        r"Wagner|Kaniyat|al-Kani|Military Forces of United Arab Emirates",
    ),
)
"""Libya 2019-2020: ACLED names such as ``Military Forces of Libya (2014-) Haftar Faction``
and ``Pro-GNA Faction and/or Military Forces of Turkey (2016-)`` match by pattern."""


# --- faction map ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactionRule:
    """Actors whose name matches ``pattern`` (case-insensitive search) belong to ``faction``."""

    faction: str
    pattern: re.Pattern[str]
    line: int = 0


@dataclass(frozen=True)
class FactionMap:
    """Ordered actor-name rules; the first matching rule wins."""

    rules: tuple[FactionRule, ...]
    source: str = "built-in Libya 2019-2020 map"

    def faction_of(self, actor: str) -> str:
        """The faction of one actor name, '' when no rule matches.

        Examples
        --------
        >>> default_faction_map().faction_of("Military Forces of Libya (2014-) Haftar Faction")
        'LNA'
        """
        for rule in self.rules:
            if actor and rule.pattern.search(actor):
                return rule.faction
        return ""

    def map_series(self, actors: pd.Series) -> pd.Series:
        """The faction of every actor name (each distinct name matched once)."""
        lookup = {name: self.faction_of(name) for name in pd.unique(actors)}
        return actors.map(lookup).astype(object)


def default_faction_map() -> FactionMap:
    """The built-in GNA/LNA rules for western Libya 2019-2020 (:data:`DEFAULT_FACTIONS`)."""
    rules = tuple(FactionRule(f, re.compile(p, re.IGNORECASE)) for f, p in DEFAULT_FACTIONS)
    return FactionMap(rules)


def read_faction_map(path: str | os.PathLike[str]) -> FactionMap:
    """Read a ``faction,pattern`` CSV; DataError naming ``file:line`` for every bad row."""
    return faction_map_from_frame(read_csv_file(Path(path)), str(path))


def read_faction_map_bytes(data: bytes, name: str = "factions-map.csv") -> FactionMap:
    """:func:`read_faction_map` for uploaded bytes."""
    return faction_map_from_frame(read_csv_text(decode_csv_bytes(data, name), name), name)


def faction_map_from_frame(frame: pd.DataFrame, name: str) -> FactionMap:
    """Rules from a ``faction,pattern`` table read by csvread (with ``_line``)."""
    missing = [c for c in ("faction", "pattern") if c not in frame.columns]
    if missing:
        message = f"missing column(s): {', '.join(missing)} (expected faction,pattern)"
        raise DataError.single(name, 1, message)
    rules: list[FactionRule] = []
    problems: list[Problem] = []
    for faction, pattern, line in zip(
        frame["faction"], frame["pattern"], frame["_line"], strict=True
    ):
        rule = _rule(faction.strip(), pattern.strip(), int(line), name, problems)
        if rule is not None:
            rules.append(rule)
    if problems:
        raise DataError(problems)
    if not rules:
        raise DataError.single(name, 2, "no faction rules in the file")
    return FactionMap(tuple(rules), name)


def _rule(
    faction: str, pattern: str, line: int, path: str, problems: list[Problem]
) -> FactionRule | None:
    if not faction or faction == UNKNOWN:
        problems.append(Problem(path, line, "faction name empty or reserved ('unknown')"))
        return None
    if not pattern:
        problems.append(Problem(path, line, f"empty pattern for faction {faction!r}"))
        return None
    try:
        return FactionRule(faction, re.compile(pattern, re.IGNORECASE), line)
    except re.error as err:
        problems.append(Problem(path, line, f"invalid regular expression {pattern!r}: {err}"))
        return None


# --- entry points -----------------------------------------------------------------------------


def import_acled_file(
    path: str | os.PathLike[str],
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert an ACLED CSV file (see :func:`import_acled_frame`)."""
    raw = read_csv_file(Path(path))
    return import_acled_frame(raw, str(path), factions, gazetteer, progress)


def import_acled_bytes(
    data: bytes,
    name: str = "acled.csv",
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert uploaded ACLED CSV bytes; ``name`` is used in messages."""
    raw = read_csv_text(decode_csv_bytes(data, name), name)
    return import_acled_frame(raw, name, factions, gazetteer, progress)


def import_acled_frame(
    raw: pd.DataFrame,
    path: str,
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert ACLED rows (strings with ``_line``, as csvread gives) to the event table.

    ``gazetteer`` (optional) renames ACLED locations to the project's place names when the
    name matches and the coordinates agree within 25 km. ``progress`` receives a line per
    100,000 rows on large files.
    """
    check_columns(raw, path)
    rules = factions or default_faction_map()
    rows = raw.copy()
    for col in OPTIONAL_COLUMNS:
        if col not in rows.columns:
            rows[col] = ""
    derived = pd.concat([_derive(chunk, rules) for chunk in _chunks(rows, progress)])
    merged = merge_monadic(rows.join(derived))
    merged = _name_places(merged, gazetteer)
    merged = check_sequence(merged)
    events = _to_events(merged[merged["_reason"] == ""])
    events, rejected = settle(events, path)
    flagged = merged.loc[merged["_reason"] != "", ["_key", "_reason"]]
    review = _review(raw, rows, flagged, merged, rejected)
    counts = _counts(raw, merged, events, review)
    return ImportResult(events.reset_index(drop=True), review, counts)


def check_columns(raw: pd.DataFrame, path: str) -> None:
    """DataError when a column the conversion needs is missing (lists what was found)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        found = ", ".join(c for c in raw.columns if c != "_line")[:300]
        hint = " — is this an ACLED export?" if "event_id_cnty" in missing else ""
        message = f"missing ACLED column(s): {', '.join(missing)}{hint} (found: {found})"
        raise DataError.single(path, 1, message)
    if raw.empty:
        raise DataError.single(path, 2, "no rows: the file has a header but no events")


def _chunks(rows: pd.DataFrame, progress: Progress | None) -> Iterator[pd.DataFrame]:
    total = len(rows)
    for start in range(0, total, CHUNK_ROWS):
        yield rows.iloc[start : start + CHUNK_ROWS]
        done = min(start + CHUNK_ROWS, total)
        if progress is not None and total > CHUNK_ROWS:
            progress(f"converted {done:,} / {total:,} rows ({100 * done // total}%)")


# --- row-local conversion ---------------------------------------------------------------------


def _derive(rows: pd.DataFrame, rules: FactionMap) -> pd.DataFrame:
    """Per-row derived columns (prefixed ``_``) and review reasons, for one chunk."""
    text = {c: rows[c].astype(str).str.strip() for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    reasons = Reasons(rows.index)
    sub = text["sub_event_type"].str.lower()
    control = sub.isin(list(CONTROL_TYPES))
    out = pd.DataFrame(index=rows.index)
    out["_id"] = text["event_id_cnty"]
    out["_date"] = parse_dates(text["event_date"])
    out["_precision"] = text["time_precision"].str.replace(r"\.0$", "", regex=True).map(PRECISIONS)
    out["_lat"] = pd.to_numeric(text["latitude"], errors="coerce")
    out["_lon"] = pd.to_numeric(text["longitude"], errors="coerce")
    out["_control"] = control
    out["_sub"] = sub
    out["_kind"] = sub.map({**CONTEXT_TYPES, **CONTROL_TYPES}).fillna(CONTEXT_DEFAULT)
    out["_faction"] = rules.map_series(text["actor1"]).where(control, "")
    out["_inter1"] = inter_codes(text["inter1"])
    out["_inter2"] = inter_codes(text["inter2"])
    _row_reasons(reasons, text, out)
    out["_reason"] = reasons.text
    return out


def _row_reasons(reasons: Reasons, text: dict[str, pd.Series], out: pd.DataFrame) -> None:
    reasons.add(out["_id"] == "", "missing event_id_cnty")
    reasons.add(
        out["_date"].isna(), "bad event_date " + quoted(text["event_date"]) + f" ({DATE_HELP})"
    )
    reasons.add(
        out["_precision"].isna(), "unknown time_precision " + quoted(text["time_precision"])
    )
    out["_precision"] = out["_precision"].fillna("")
    lat, lon = out["_lat"], out["_lon"]
    bad = lat.isna() | lon.isna() | (lat.abs() > 90) | (lon.abs() > 180) | ((lat == 0) & (lon == 0))
    coords = quoted(text["latitude"]) + ", " + quoted(text["longitude"])
    reasons.add(bad, "missing or invalid latitude/longitude (" + coords + ")")
    reasons.add(text["location"] == "", "missing location")
    control = out["_control"]
    reasons.add(control & (text["actor1"] == ""), "territory change with no actor1")
    unmapped = control & (text["actor1"] != "") & (out["_faction"] == "")
    reasons.add(unmapped, "actor1 " + quoted(text["actor1"], 120) + " matches no faction pattern")
    reasons.add(_contradicts_inter(out), _inter_message(out, text["actor2"]))


def inter_codes(values: pd.Series) -> pd.Series:
    """ACLED actor-type codes 1-8 from numbers (``3``, ``3.0``) or labels (``Political
    militia``); 0 when blank or unknown.

    Examples
    --------
    >>> inter_codes(pd.Series(["1", "3.0", "Rebel groups", "State forces", "", "x"])).tolist()
    [1, 3, 2, 1, 0, 0]
    """
    clean = values.astype(str).str.strip()
    numbers = pd.to_numeric(clean, errors="coerce")
    label = clean.str.lower().str.replace(r"s$", "", regex=True).map(INTER_LABELS)
    codes = numbers.where(numbers.between(1, 8), label)
    return codes.fillna(0).astype(np.int64)


def _wins_by_inter(frame: pd.DataFrame) -> pd.Series:
    """True where actor1's type is the winner the sub-event type implies (non-state actor
    overtakes → a rebel/militia; government regains → state forces)."""
    inter = frame["_inter1"]
    nonstate = (frame["_sub"] == "non-state actor overtakes territory") & inter.isin(NON_STATE)
    state = (frame["_sub"] == "government regains territory") & inter.isin(STATE)
    return nonstate | state


def _loses_by_inter(frame: pd.DataFrame) -> pd.Series:
    """True where actor1's type marks the loser: state forces when a non-state actor
    overtakes territory, a rebel/militia when the government regains it."""
    inter = frame["_inter1"]
    nonstate = (frame["_sub"] == "non-state actor overtakes territory") & inter.isin(STATE)
    state = (frame["_sub"] == "government regains territory") & inter.isin(NON_STATE)
    return nonstate | state


def _contradicts_inter(out: pd.DataFrame) -> pd.Series:
    """ACLED's actor types point at actor2 as the winner, not actor1."""
    i1, i2, sub = out["_inter1"], out["_inter2"], out["_sub"]
    nonstate = (sub == "non-state actor overtakes territory") & i1.isin(STATE) & i2.isin(NON_STATE)
    state = (sub == "government regains territory") & i1.isin(NON_STATE) & i2.isin(STATE)
    return nonstate | state


def _inter_message(out: pd.DataFrame, actor2: pd.Series) -> pd.Series:
    implied = np.where(
        out["_sub"] == "government regains territory", "state forces", "a non-state actor"
    )
    return (
        "actor types contradict the sub-event type: it implies "
        + pd.Series(implied, index=out.index)
        + " took the place, which is actor2 "
        + quoted(actor2, 120)
        + ", not actor1"
    )


# --- monadic rows, places, sequence -----------------------------------------------------------


def merge_monadic(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per ``event_id_cnty``: a monadic export repeats an event once per actor.

    The kept row is, for a control change, the one whose actor type fits the sub-event
    (else the first); ``actor2`` lists the other rows' actors when empty. When the rows name
    actors of several factions, the winner must be certain from the actor types — one row
    of the winning type, all others of the losing type — or the event goes to review.
    Rows of an older revision (smaller ``timestamp``, e.g. two exports concatenated) are
    dropped first; rows that disagree on the date or location go to review. Columns
    ``_key`` (group key), ``_rows`` (rows merged) and ``_superseded`` are added.
    """
    rows = rows.copy()
    rows["_key"] = rows["_id"].where(rows["_id"] != "", "#" + rows["_line"].astype(str))
    rows["_rows"], rows["_superseded"] = 1, 0
    dup = rows["_key"].duplicated(keep=False)
    if not dup.any():
        return rows
    group, superseded = _latest_revision(rows[dup].copy())
    group["_rank"] = (~_wins_by_inter(group)).astype(int)
    canon = group.sort_values(["_key", "_rank", "_line"], kind="stable").drop_duplicates("_key")
    canon = canon.set_index("_key")
    by_key = group.groupby("_key")
    actors = group.drop_duplicates(["_key", "actor1"]).groupby("_key")["actor1"].agg("; ".join)
    mapped = group["_faction"].where(group["_faction"] != "")
    several = mapped.groupby(group["_key"]).nunique() > 1
    fits = (group["_rank"] == 0).groupby(group["_key"]).sum()
    loses = _loses_by_inter(group).groupby(group["_key"]).sum()
    single_winner = (fits == 1) & (loses == by_key.size() - 1)
    canon["_rows"] = by_key.size()
    canon["_superseded"] = superseded.reindex(canon.index, fill_value=0)
    differ = group.groupby("_key")[["_date", "location"]].nunique().max(axis=1) > 1
    canon["actor2"] = canon["actor2"].where(
        canon["actor2"].str.strip() != "", _others(canon, actors)
    )
    unclear = canon["_control"] & several & ~single_winner
    reasons = Reasons(canon.index)
    reasons.text = canon["_reason"].copy()
    reasons.add(
        unclear,
        "monadic rows name actors of several factions ("
        + actors
        + "); actor types do not tell which one took the place",
    )
    reasons.add(differ, "rows sharing this event_id_cnty disagree on the date or location")
    canon["_reason"] = reasons.text
    merged = pd.concat([rows[~dup], canon.reset_index().drop(columns=["_rank"])])
    return merged.sort_values("_line", kind="stable").reset_index(drop=True)


def _latest_revision(group: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Keep each event's rows with the latest ``timestamp``; also return, per key, how many
    older rows were dropped."""
    stamp = pd.to_numeric(group["timestamp"], errors="coerce").fillna(-1)
    latest = stamp >= stamp.groupby(group["_key"]).transform("max")
    dropped = (~latest).groupby(group["_key"]).sum()
    return group[latest], dropped


def _others(canon: pd.DataFrame, actors: pd.Series) -> pd.Series:
    """All actors of each merged event except the kept row's actor1, '; '-joined."""
    own = canon["actor1"].astype(str)
    listed = actors.reindex(canon.index).fillna("")
    return pd.Series(
        [
            "; ".join(a for a in many.split("; ") if a != one)
            for one, many in zip(own, listed, strict=True)
        ],
        index=canon.index,
    )


def _name_places(rows: pd.DataFrame, gazetteer: Gazetteer | None) -> pd.DataFrame:
    """``_place``: the ACLED location; namesakes more than 25 km apart get ``(admin1)``;
    with a gazetteer, locations it knows (coordinates within 25 km) take its name."""
    rows = rows.copy()
    rows["acled_location"] = rows["location"].astype(str).str.strip()
    place = rows["acled_location"]
    first = rows.groupby(place)[["_lat", "_lon"]].transform("first")
    far = _km(first["_lat"], first["_lon"], rows["_lat"], rows["_lon"]) > SAME_PLACE_KM
    spread = far.groupby(place).transform("any")
    admin = rows["admin1"].astype(str).str.strip()
    place = place.where(~spread | (admin == ""), place + " (" + admin + ")")
    rows["_place"] = (
        _gazetteer_names(place, rows["_lat"], rows["_lon"], gazetteer) if gazetteer else place
    )
    return rows


def _gazetteer_names(
    place: pd.Series, lat: pd.Series, lon: pd.Series, gazetteer: Gazetteer
) -> pd.Series:
    firsts = pd.DataFrame({"place": place, "lat": lat, "lon": lon}).groupby("place").first()
    rename = {}
    for name, row in firsts.iterrows():  # one iteration per distinct location, not per row
        known = gazetteer.resolve(str(name))
        coords = gazetteer.coords.get(known) if known else None
        if coords and distance_km(*coords, row["lat"], row["lon"]) <= SAME_PLACE_KM:
            rename[name] = known
    return place.map(lambda p: rename.get(p, p))


def _km(lat1: pd.Series, lon1: pd.Series, lat2: pd.Series, lon2: pd.Series) -> pd.Series:
    """Geodesic km between paired points (NaN where a coordinate is missing)."""
    a = [np.asarray(v, dtype=float) for v in (lat1, lon1, lat2, lon2)]
    ok = np.isfinite(a[0]) & np.isfinite(a[1]) & np.isfinite(a[2]) & np.isfinite(a[3])
    safe = [np.where(ok, v, 0.0) for v in a]
    _, _, metres = WGS84.inv(safe[1], safe[0], safe[3], safe[2])
    return pd.Series(np.where(ok, np.asarray(metres) / 1000.0, np.nan), index=lat2.index)


def check_sequence(rows: pd.DataFrame) -> pd.DataFrame:
    """Review control changes that clash the same day or repeat the current controller;
    set ``_previous`` (the controller before each accepted change, '' if none known)."""
    rows = rows.copy()
    rows["_previous"] = ""
    ok = rows["_control"] & (rows["_reason"] == "")
    ctrl = rows[ok].sort_values(["_place", "_date", "_line"], kind="stable")
    if ctrl.empty:
        return rows
    reasons = Reasons(rows.index)
    reasons.text = rows["_reason"].copy()
    clash = ctrl.groupby(["_place", "_date"])["_faction"].transform("nunique") > 1
    if clash.any():
        reasons.add(clash.reindex(rows.index, fill_value=False), _clash_message(ctrl[clash]))
    rest = ctrl[~clash]
    prev = rest.groupby("_place")[["_faction", "_id", "_date"]].shift(1)
    repeat = (prev["_faction"] == rest["_faction"]) & (prev["_date"] < rest["_date"])
    message = _repeat_message(rest, prev)
    reasons.add(repeat.reindex(rows.index, fill_value=False), message.reindex(rows.index))
    new_run = prev["_faction"].isna() | (prev["_faction"] != rest["_faction"])
    before = prev["_faction"].where(new_run).groupby(rest["_place"]).ffill()
    rows.loc[rest.index, "_previous"] = before.fillna("")
    rows["_reason"] = reasons.text
    return rows


def _clash_message(clashing: pd.DataFrame) -> pd.Series:
    """Message for control changes of one place and day that name different factions."""
    group = clashing.groupby(["_place", "_date"])["_faction"]
    factions = group.transform(lambda f: ", ".join(sorted(set(f))))
    day = clashing["_date"].dt.strftime("%Y-%m-%d")
    return (
        "several factions take " + quoted(clashing["_place"]) + " on " + day + " (" + factions + ")"
    )


def _repeat_message(rest: pd.DataFrame, prev: pd.DataFrame) -> pd.Series:
    since = prev["_date"].dt.strftime("%Y-%m-%d").fillna("")
    return (
        quoted(rest["_place"])
        + " is already held by "
        + rest["_faction"]
        + " since ACLED change "
        + prev["_id"].fillna("").astype(str)
        + " on "
        + since
        + "; the change in between may be missing"
    )


# --- output -----------------------------------------------------------------------------------


def _to_events(rows: pd.DataFrame) -> pd.DataFrame:
    """The accepted rows in the event table's columns (all text), then the extra columns."""
    rows = rows.sort_values(["_date", "_line"], kind="stable")
    text = {
        c: rows[c].astype(str).str.strip()
        for c in ("event_type", "sub_event_type", "source", "notes")
    }
    date = rows["_date"].dt.strftime("%Y-%m-%d")
    control = rows["_control"]
    kind = (text["event_type"] + ": " + text["sub_event_type"]).str.strip(": ")
    source = text["source"].where(text["source"] != "", "ACLED")
    out = pd.DataFrame(
        {
            "event_id": rows["_id"],
            "date": date,
            "place": rows["_place"],
            "lat": rows["latitude"].astype(str).str.strip(),
            "lon": rows["longitude"].astype(str).str.strip(),
            "controller": rows["_faction"].where(control, ""),
            "previous_controller": rows["_previous"].where(control, ""),
            "date_precision": rows["_precision"],
            "event_type": rows["_kind"],
            "confidence": np.where(control, "confirmed", ""),
            "source_title": source + " — " + kind.where(kind != "", "ACLED event"),
            "source_publisher": np.where(text["source"] != "", "ACLED; " + text["source"], "ACLED"),
            "source_date": date,
            "source_url": "",
            "notes": text["notes"],
        }
    )
    for col in EXTRA_COLUMNS:
        out[col] = rows[col].astype(str).str.strip()
    out["_line"] = rows["_line"]
    return clip_text(out, EVENT_COLUMNS).reset_index(drop=True)


def _review(
    raw: pd.DataFrame,
    rows: pd.DataFrame,
    flagged: pd.DataFrame,
    merged: pd.DataFrame,
    rejected: dict[int, str],
) -> pd.DataFrame:
    """Every original row of a flagged event (all rows of a monadic group), with reason."""
    by_key = pd.Series(flagged["_reason"].to_numpy(), index=flagged["_key"])
    if rejected:
        keys = merged.set_index("_line")["_key"]
        late = pd.Series(rejected).rename(index=keys)
        by_key = pd.concat([by_key, late])
    key = rows["event_id_cnty"].astype(str).str.strip()
    key = key.where(key != "", "#" + rows["_line"].astype(str))
    lines = pd.Series(key.map(by_key).to_numpy(), index=rows["_line"]).dropna()
    return review_frame(raw, lines)


def _counts(
    raw: pd.DataFrame, merged: pd.DataFrame, events: pd.DataFrame, review: pd.DataFrame
) -> dict[str, int]:
    control = int((events["controller"] != "").sum())
    return {
        "rows_read": len(raw),
        "merged_rows": int(len(raw) - len(merged)),
        "superseded_rows": int(merged["_superseded"].sum()),
        "events": len(events),
        "control_changes": control,
        "context_events": len(events) - control,
        "review_rows": len(review),
    }
