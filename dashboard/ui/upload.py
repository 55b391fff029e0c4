"""Bring your own data: the sidebar uploader (a Frontline CSV or an ACLED export), checked
within its budget (:mod:`dashboard.core.ingest.upload`) and written into this session's
private folder (:mod:`dashboard.core.ingest.scratch`); the bundled files are never touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.core.dataset import read_info
from dashboard.core.ingest import scratch, upload
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.ingest.upload import Converted, converted_size
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.io.load import geo_file, resolve_data_dir
from dashboard.core.lru import BytesLRU
from dashboard.core.schema import PLACES_FILE
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


def session_folder(converted: Converted, name: str) -> Path:
    """This session's private data folder holding the converted upload (0700, see scratch)."""
    scratch.sweep()
    holder = st.session_state.get("_upload_scratch")
    if not isinstance(holder, scratch.ScratchDir):
        holder = st.session_state["_upload_scratch"] = scratch.ScratchDir()
    folder = holder.touch()
    scratch.write_events(folder, converted.events_csv, title=f"Upload: {name}")
    return folder


def upload_panel() -> Path | None:
    """Sidebar uploader; returns the data folder to explore, or None for the default data.

    A refused file's problems are shown in the main area too (with their line numbers),
    where a person looks, not only in the sidebar."""
    refused: list[str] = []
    folder = _upload_panel(refused)
    if refused:
        st.error("The uploaded file was not loaded:\n\n" + problem_list(refused, 30))
    return folder


def _upload_panel(refused: list[str]) -> Path | None:
    with st.sidebar.expander("Load your own data (CSV or ACLED)", expanded=False):
        kind = st.radio("Format", list(upload.KINDS), key="upload_kind", horizontal=True)
        file = st.file_uploader("CSV file", type=["csv"], key="upload_file")
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
            refused.extend(result.problems)
            return None
        counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counts.items())
        st.success(f"{md_text(file.name)}: {md_text(counts)}")
        if result.review:
            st.caption(f"{len(result.review)} row(s) need review (not imported):")
            st.dataframe(pd.DataFrame(result.review), hide_index=True, height=160)
        if st.toggle("Explore the uploaded data", value=True, key="use_upload"):
            return session_folder(result, file.name)
    return None
