"""HTML for tooltips and popups. Every string from data is escaped; only http(s) links."""

from __future__ import annotations

import html
import re

import pandas as pd

SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


def esc(value: object) -> str:
    """HTML-escaped text of any value ('' for None/NaN)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def safe_link(url: object, text: object) -> str:
    """An <a> for http(s) URLs; anything else (javascript:, data:, …) as escaped text."""
    href = url.strip() if isinstance(url, str) else ""
    label = esc(text) or esc(href)
    if href and SAFE_URL.match(href):
        return f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    if href and esc(text):
        return f"{label} ({esc(href)})"
    return label


def source_html(row: pd.Series) -> str:
    """One event's source as 'publisher, title (date)' with a safe link."""
    parts = [
        esc(row.get("source_publisher")),
        safe_link(row.get("source_url"), row.get("source_title")),
    ]
    text = ", ".join(p for p in parts if p)
    date = esc(row.get("source_date"))
    return f"{text} ({date})" if date else text


def history_html(place: str, events: pd.DataFrame, labels: dict[str, str]) -> str:
    """A place's full event history (oldest first) with sources, confidence and precision."""
    rows = []
    for _, ev in events.iterrows():
        who = labels.get(ev["controller"], ev["controller"]) if ev["controller"] else "no change"
        rows.append(
            "<tr>"
            f"<td>{esc(str(ev['date'])[:10])}</td>"
            f"<td>{esc(who)}</td>"
            f"<td>{esc(ev['event_type'])}</td>"
            f"<td>{esc(ev['confidence'])}, {esc(ev['date_precision'])}</td>"
            f"<td>{source_html(ev)}</td>"
            "</tr>"
        )
    head = "<tr><th>Date</th><th>Control</th><th>Type</th><th>Confidence</th><th>Source</th></tr>"
    return (
        f"<div class='fl-popup'><b>{esc(place)}</b>"
        f"<table class='fl-history'>{head}{''.join(rows)}</table></div>"
    )
