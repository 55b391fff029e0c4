"""Bring your own data: the sidebar uploader (a Frontline CSV or an ACLED export), checked
and converted into a private data folder; the bundled files are never touched."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.dataset import read_info
from dashboard.core.errors import DataError
from dashboard.core.export.neutralise import csv_bytes
from dashboard.core.ingest.acled import convert as acled
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.io.atomic import atomic_write_bytes
from dashboard.core.io.csvread import decode_csv_bytes, read_csv_text
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.io.load import geo_file, resolve_data_dir
from dashboard.core.io.validate import validate_events
from dashboard.core.schema import EVENT_COLUMNS, PLACES_FILE

MAX_UPLOAD_MB = 50
UPLOAD_ROOT = Path(tempfile.gettempdir()) / "frontline-uploads"


@st.cache_data(show_spinner="Checking the upload…", max_entries=16)
def convert_upload(raw: bytes, name: str, kind: str) -> dict[str, Any]:
    """Validate/convert an upload into a private data folder; problems raise DataError."""
    digest = hashlib.sha256(raw + kind.encode()).hexdigest()[:16]
    folder = UPLOAD_ROOT / digest
    folder_in_use = resolve_data_dir()
    gazetteer = load_gazetteer(geo_file(folder_in_use, PLACES_FILE))
    if kind == "ACLED export":
        rules = faction_map_for(read_info(folder_in_use))
        result = acled.import_acled_bytes(raw, name, rules, gazetteer)
        events, review, counts = result.events, result.review, dict(result.counts)
    else:
        frame, _ = validate_events(
            read_csv_text(decode_csv_bytes(raw, name), name), name, gazetteer
        )
        events, review = frame, pd.DataFrame()
        counts = {
            "rows_read": len(frame),
            "control_changes": int((frame["controller"] != "").sum()),
        }
    if events.empty:
        raise DataError.single(name, 0, "no usable events in the upload (see the review rows)")
    table = events.reindex(columns=list(EVENT_COLUMNS)).copy()
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    (folder / "events").mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(folder / "events" / "upload.csv", csv_bytes(table))
    return {"folder": str(folder), "counts": counts, "review": review.head(500).to_dict("records")}


def upload_panel() -> Path | None:
    """Sidebar uploader; returns the data folder to explore, or None for the default data."""
    with st.sidebar.expander("Load your own data (CSV or ACLED)", expanded=False):
        kind = st.radio(
            "Format", ["Frontline CSV", "ACLED export"], key="upload_kind", horizontal=True
        )
        upload = st.file_uploader("CSV file", type=["csv"], key="upload_file")
        if upload is None:
            return None
        if upload.size > MAX_UPLOAD_MB * 2**20:
            st.error(
                f"{upload.name}: {upload.size / 2**20:.0f} MB is over the {MAX_UPLOAD_MB} MB limit."
            )
            return None
        try:
            result = convert_upload(upload.getvalue(), upload.name, kind)
        except DataError as err:
            st.error("\n".join(f"- `{p}`" for p in err.problems[:30]))
            return None
        counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result["counts"].items())
        st.success(f"{upload.name}: {counts}")
        if result["review"]:
            st.caption(f"{len(result['review'])} row(s) need review (not imported):")
            st.dataframe(pd.DataFrame(result["review"]), hide_index=True, height=160)
        if st.toggle("Explore the uploaded data", value=True, key="use_upload"):
            return Path(result["folder"])
    return None
