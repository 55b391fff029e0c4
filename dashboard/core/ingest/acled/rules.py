"""ACLED-specific checks: actor types, monadic rows, and the sequence of control changes.

All vectorised over a frame of ACLED rows carrying the ``_``-prefixed columns that
:mod:`dashboard.core.ingest.acled.convert` derives (``_id``, ``_date``, ``_place``, ``_faction``, ``_sub``,
``_inter1``, ``_inter2``, ``_control``, ``_reason``, ``_line``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.ingest.review import Reasons, quoted

__all__ = [
    "check_sequence",
    "contradicts_inter",
    "inter_codes",
    "INTER_LABELS",
    "inter_message",
    "loses_by_inter",
    "merge_monadic",
    "wins_by_inter",
]

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
"""ACLED actor types: state forces; rebels and political or identity militias."""


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


def wins_by_inter(frame: pd.DataFrame) -> pd.Series:
    """True where actor1's type is the winner the sub-event type implies (non-state actor
    overtakes → a rebel/militia; government regains → state forces)."""
    inter = frame["_inter1"]
    nonstate = (frame["_sub"] == "non-state actor overtakes territory") & inter.isin(NON_STATE)
    state = (frame["_sub"] == "government regains territory") & inter.isin(STATE)
    return nonstate | state


def loses_by_inter(frame: pd.DataFrame) -> pd.Series:
    """True where actor1's type marks the loser: state forces when a non-state actor
    overtakes territory, a rebel/militia when the government regains it."""
    inter = frame["_inter1"]
    nonstate = (frame["_sub"] == "non-state actor overtakes territory") & inter.isin(STATE)
    state = (frame["_sub"] == "government regains territory") & inter.isin(NON_STATE)
    return nonstate | state


def contradicts_inter(out: pd.DataFrame) -> pd.Series:
    """ACLED's actor types point at actor2 as the winner, not actor1."""
    i1, i2, sub = out["_inter1"], out["_inter2"], out["_sub"]
    nonstate = (sub == "non-state actor overtakes territory") & i1.isin(STATE) & i2.isin(NON_STATE)
    state = (sub == "government regains territory") & i1.isin(NON_STATE) & i2.isin(STATE)
    return nonstate | state


def inter_message(out: pd.DataFrame, actor2: pd.Series) -> pd.Series:
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
    group["_rank"] = (~wins_by_inter(group)).astype(int)
    canon = group.sort_values(["_key", "_rank", "_line"], kind="stable").drop_duplicates("_key")
    canon = canon.set_index("_key")
    by_key = group.groupby("_key")
    actors = group.drop_duplicates(["_key", "actor1"]).groupby("_key")["actor1"].agg("; ".join)
    mapped = group["_faction"].where(group["_faction"] != "")
    several = mapped.groupby(group["_key"]).nunique() > 1
    fits = (group["_rank"] == 0).groupby(group["_key"]).sum()
    loses = loses_by_inter(group).groupby(group["_key"]).sum()
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
