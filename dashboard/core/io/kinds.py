"""The source_kind rule of the event table: a known kind, and no confirmed change that
rests only on partisan, aggregator or social sources."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.core.errors import Problem
from dashboard.core.schema import SOURCE_KINDS, WEAK_SOURCE_KINDS

__all__ = ["check_kinds", "quoted", "Reporter"]

Reporter = Callable[[pd.Series, str | Callable[[pd.Series], str]], list[Problem]]


def quoted(value: object) -> str:
    """A value quoted for a problem line, shortened past 60 characters."""
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def check_kinds(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    """source_kind from the vocabulary; a confirmed change needs a source of a strong kind."""
    kind = frame["source_kind"].str.lower()
    frame["source_kind"] = kind
    allowed = ", ".join(SOURCE_KINDS)
    problems = report(
        (kind != "") & ~kind.isin(SOURCE_KINDS),
        lambda r: f"bad source_kind {quoted(r['source_kind'])} (allowed: {allowed})",
    )
    control = frame["controller"] != ""
    strong = control & ~kind.isin(WEAK_SOURCE_KINDS)
    event = [frame["place"], frame["date"], frame["controller"]]
    has_strong = strong.groupby(event).transform("any").astype(bool)
    weak_only = control & (frame["confidence"] == "confirmed") & ~has_strong
    problems += report(
        weak_only,
        lambda r: (
            f"confirmed change of {quoted(r['place'])} on {r['date']} has only partisan, "
            "aggregator or social sources; mark it claimed or add an independent source"
        ),
    )
    return problems
