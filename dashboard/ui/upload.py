"""Bring your own data: the sidebar uploader (a Frontline CSV or an ACLED export), checked
within its budget (:mod:`dashboard.core.ingest.upload`) and written into this session's
private folder (:mod:`dashboard.core.ingest.scratch`); the bundled files are never touched."""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.core import warmload
from dashboard.core.dataset import read_info
from dashboard.core.ingest import scratch, upload
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.ingest.upload import Converted, converted_size
from dashboard.core.io.csvread import data_csv_text
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.io.load import geo_file, resolve_data_dir
from dashboard.core.lru import BytesLRU
from dashboard.core.model import Model
from dashboard.core.schema import FACTION_COLUMNS, PLACES_FILE
from dashboard.ui import data, faction_colors
from dashboard.ui.text import md_text, problem_list

MAX_UPLOAD_MB = upload.MAX_BYTES // 2**20


CHECKED_BYTES = 128 * 2**20
_CHECKED: BytesLRU[Converted] = BytesLRU(CHECKED_BYTES, max_entries=16, sizer=converted_size)


def convert_upload(raw: bytes, name: str, kind: str) -> Converted:
    """The checked upload, cached by content in at most 128 MB, failures too (a bad file is
    checked once, not on every rerun).

    Places are looked up in the data folder in use, and ACLED actors mapped with its
    dataset.toml's actor map.
    """
    folder_in_use = resolve_data_dir()
    key = (hashlib.sha256(raw).hexdigest(), name, kind, str(folder_in_use))

    def check() -> Converted:
        gazetteer = load_gazetteer(geo_file(folder_in_use, PLACES_FILE))
        rules = faction_map_for(read_info(folder_in_use)) if kind == "ACLED export" else None
        return upload.convert_upload(raw, name, kind, gazetteer, factions=rules)

    with st.spinner("Checking the upload…"):
        return _CHECKED.get(key, check)


def session_folder(converted: Converted, name: str, factions: pd.DataFrame) -> Path:
    """This session's private data folder holding the converted upload and its colour
    table as ``events/factions.csv`` (0700, see scratch)."""
    scratch.sweep()
    holder = st.session_state.get("_upload_scratch")
    if not isinstance(holder, scratch.ScratchDir):
        holder = st.session_state["_upload_scratch"] = session_scratch()
    folder = holder.touch()
    before = warmload.stamp(folder)
    scratch.write_events(folder, converted.events_csv, title=f"Upload: {name}")
    scratch.write_factions(folder, data_csv_text(factions[list(FACTION_COLUMNS)]).encode())
    checked = converted.checked
    if checked is not None and warmload.stamp(folder) != before:  # new files: hand them over
        warmload.offer(folder, lambda: Model.load(folder, checked=checked))
    return folder


def session_scratch() -> scratch.ScratchDir:
    """A new private folder for one session's upload; when the session ends (the folder
    object is collected) its models leave the registry too, not only its files the disk."""
    holder = scratch.ScratchDir()
    weakref.finalize(holder, data.forget, str(holder.path))
    return holder


Refused = list[tuple[str, tuple[str, ...]]]
"""What was not loaded: a heading and its problem lines."""


def upload_panel() -> Path | None:
    """Sidebar uploader; returns the data folder to explore, or None for the default data.

    A refused file's problems are shown in the main area too (with their line numbers),
    where a person looks, not only in the sidebar. So are colours hard to read on the map."""
    refused: Refused = []
    chosen = _upload_panel(refused)
    folder, table = None, None
    if chosen is not None:
        result, name, listed, file_id = chosen
        table = faction_colors.color_table(result.factions, listed, file_id)
        folder = session_folder(result, name, table)
    for heading, problems in refused:
        st.error(f"{heading}:\n\n" + problem_list(problems, 30))
    if table is not None:
        faction_colors.show_warnings(table)
    return folder


Chosen = tuple[Converted, str, pd.DataFrame | None, str]
"""An upload to explore: the checked CSV, its name, the factions file's rows and id."""


def _upload_panel(refused: Refused) -> Chosen | None:
    with st.sidebar.expander("Load your own data (CSV or ACLED)", expanded=False):
        kind = st.radio("Format", list(upload.KINDS), key="upload_kind", horizontal=True)
        file = st.file_uploader("CSV file", type=["csv"], key="upload_file")
        listed, file_id = _factions_file(refused)
        if file is None:
            return None
        if file.size > upload.MAX_BYTES:
            st.error(
                f"{md_text(file.name)}: {file.size / 2**20:.0f} MB is over the "
                f"{MAX_UPLOAD_MB} MB limit."
            )
            return None
        result = convert_upload(file.getvalue(), file.name, kind)
        if not result.ok:
            st.error(problem_list(result.problems, 30))
            refused.append(("The uploaded file was not loaded", result.problems))
            return None
        counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counts.items())
        st.success(f"{md_text(file.name)}: {md_text(counts)}")
        if result.review:
            st.caption(f"{len(result.review)} row(s) need review (not imported):")
            st.dataframe(pd.DataFrame(result.review), hide_index=True, height=160)
        if st.toggle("Explore the uploaded data", value=True, key="use_upload"):
            return result, file.name, listed, file_id
    return None


def _factions_file(refused: Refused) -> tuple[pd.DataFrame | None, str]:
    """The optional factions file beside the CSV: its checked rows (None without one, or
    when it has problems: then automatic colours) and an id of its content."""
    file = st.file_uploader(
        "Factions file (optional)",
        type=["csv"],
        key="upload_factions",
        max_upload_size=max(1, upload.FACTIONS_BUDGET.max_bytes // 2**20),
        help="Columns faction,label,color[,description], as in data/events/factions.csv; "
        "colours #RGB or #RRGGBB.",
    )
    if file is None:
        return None, ""
    raw = file.getvalue()
    checked = upload.check_factions_upload(raw, file.name)
    if not checked.ok:
        st.error(problem_list(checked.problems, 30))
        heading = "The uploaded factions file was not used (automatic colours instead)"
        refused.append((heading, checked.problems))
        return None, ""
    return checked.table(), hashlib.sha256(raw).hexdigest()
