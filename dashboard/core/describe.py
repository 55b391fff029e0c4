"""Reader-facing words and records for the assessed holder, claims and other dates."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.core.precision import COARSE_PRECISIONS, precise_day

__all__ = ["claim_text", "claims_list", "day_text", "other_dates_text", "since_phrase"]


def _day(value: Any, with_year: bool = True) -> str:
    """'3 May 2019' (or '3 May') for a date-like value; '' for NaT/None."""
    if value is None or pd.isna(value):
        return ""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B}" + (f" {ts.year}" if with_year else "")


def day_text(value: Any) -> str:
    """'4 April 2019' for a date-like value ('' for NaT/None)."""
    return _day(value)


def since_phrase(value: Any, precision: str) -> str:
    """The start of a holding as precisely as its source dates it: '4 April 2019',
    '4 April 2019 (±1 week)', 'about June 2020 (month)', 'about 2016 (year)'; '' for NaT.

    >>> since_phrase("2020-06-05", "month"), since_phrase("2019-04-09", "week")
    ('about June 2020 (month)', '9 April 2019 (±1 week)')
    """
    if value is None or pd.isna(value):
        return ""
    if precision in COARSE_PRECISIONS:
        return precise_day(pd.Timestamp(value).date().isoformat(), precision)
    return _day(value) + (" (±1 week)" if precision == "week" else "")


def claim_text(faction_label: str, since: Any) -> str:
    """'LNA claims it since 3 May 2019, unconfirmed' ('' when there is no claim)."""
    if not faction_label:
        return ""
    when = _day(since)
    return f"{faction_label} claims it" + (f" since {when}" if when else "") + ", unconfirmed"


def other_dates_text(other_dates: str, since: Any = None) -> str:
    """'other reports: 2 April' for ISO dates 'YYYY-MM-DD, …' (year shown when it differs
    from the holding's since year); '' when there are none."""
    days = [d.strip() for d in str(other_dates or "").split(",") if d.strip()]
    if not days:
        return ""
    year = pd.Timestamp(since).year if since is not None and not pd.isna(since) else None
    words = [_day(d, with_year=pd.Timestamp(d).year != year) for d in days]
    return "other reports: " + ", ".join(words)


def claims_list(row: Any) -> list[dict[str, Any]]:
    """The claims in force of one state row as [{'faction', 'since', 'sources'}] (ISO since,
    event ids); empty when none."""
    faction = getattr(row, "claim_faction", "") or ""
    if not faction:
        return []
    since = getattr(row, "claim_since", None)
    sources = [s.strip() for s in str(getattr(row, "claim_sources", "") or "").split(";")]
    iso = None if since is None or pd.isna(since) else pd.Timestamp(since).date().isoformat()
    return [{"faction": faction, "since": iso, "sources": [s for s in sources if s]}]
