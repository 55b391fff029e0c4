"""HTML for tooltips and popups. Every string from data is escaped; only http(s) links."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.core.schema import is_http_link
from dashboard.ui.text import esc

__all__ = ["history_html", "safe_link", "source_html"]


def safe_link(url: object, text: object) -> str:
    """An <a> for http(s) URLs; anything else (javascript:, data:, …) as escaped text."""
    href = url.strip() if isinstance(url, str) else ""
    label = esc(text) or esc(href)
    if href and is_http_link(href):
        return f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    if href and esc(text):
        return f"{label} ({esc(href)})"
    return label


def source_html(row: pd.Series) -> str:
    """One event's source as 'publisher, title (date) · kind' with a safe link."""
    parts = [
        esc(row.get("source_publisher")),
        safe_link(row.get("source_url"), row.get("source_title")),
    ]
    text = ", ".join(p for p in parts if p)
    date = esc(row.get("source_date"))
    text = f"{text} ({date})" if date else text
    kind = esc(row.get("source_kind"))
    return f"{text} <span class='fl-kind'>· {kind}</span>" if kind else text


def history_html(place: str, events: pd.DataFrame, labels: dict[str, str], day: Any = None) -> str:
    """A place's full event history, oldest first: date, control, type, confidence,
    date precision and source (escaped; http(s) links only). Events after ``day`` are
    marked "later" and greyed."""
    items = []
    limit = pd.Timestamp(day) if day is not None else None
    for _, ev in events.iterrows():
        later = limit is not None and pd.Timestamp(ev["date"]) > limit
        who = labels.get(ev["controller"], ev["controller"]) if ev["controller"] else "no change"
        meta = ", ".join(
            esc(x)
            for x in (ev["event_type"], ev["confidence"], f"date ±{ev['date_precision']}")
            if x
        )
        note = f"<br><span class='fl-note'>{esc(ev['notes'])}</span>" if ev["notes"] else ""
        cls, badge = (
            (" class='fl-later' style='opacity:.55'", "<small><i>later</i></small> ")
            if later
            else ("", "")
        )
        items.append(
            f"<li{cls}>{badge}<b>{esc(str(ev['date'])[:10])}</b> {esc(who)} <small>({meta})</small><br>"
            f"<small>{source_html(ev)}</small>{note}</li>"
        )
    return (
        f"<div class='fl-history' style='font-size:0.85em'><b>Control history of {esc(place)}</b>"
        f"<ul style='padding-left:1.1em'>{''.join(items)}</ul></div>"
    )
