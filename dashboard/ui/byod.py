"""Bring your own data: upload (Frontline or ACLED CSV), downloads of the current view,
and the password-protected form that appends an event to the data folder."""

from __future__ import annotations

import datetime as dt
import hmac
import os
import uuid
from pathlib import Path

import pandas as pd
import streamlit as st
from filelock import Timeout

from dashboard.core.atomic import append_rows_locked
from dashboard.core.csvread import data_csv_text, read_csv_text
from dashboard.core.ingest import scratch, upload
from dashboard.core.ingest.upload import Converted
from dashboard.core.io import BUNDLED_DATA, load_gazetteer
from dashboard.core.model import Model
from dashboard.core.schema import CONFIDENCES, DATE_PRECISIONS, EVENT_COLUMNS, DataError
from dashboard.core.validate import validate_events
from dashboard.ui import data, scene
from dashboard.ui.text import md_text, notice, problem_list

EDITS_FILE = "edits.csv"
PASSWORD_ENV = "FRONTLINE_EDITOR_PASSWORD"
EVENT_TYPES = (
    "capture",
    "withdrawal",
    "handover",
    "alignment",
    "status",
    "claim",
    "clash",
    "airstrike",
    "report",
)


@st.cache_data(show_spinner="Checking the upload…", max_entries=16)
def convert_upload(raw: bytes, name: str, kind: str) -> Converted:
    """The checked upload (cached by content, failures too: a bad file is checked once)."""
    gazetteer = load_gazetteer(BUNDLED_DATA / "geo" / "places.csv")
    return upload.convert_upload(raw, name, kind, gazetteer)


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
    """Sidebar uploader; returns the data folder to explore, or None for the default data."""
    with st.sidebar.expander("Load your own data (CSV or ACLED)", expanded=False):
        kind = st.radio("Format", list(upload.KINDS), key="upload_kind", horizontal=True)
        file = st.file_uploader("CSV file", type=["csv"], key="upload_file")
        if file is None:
            return None
        if file.size > upload.MAX_BYTES:
            st.error(
                f"{md_text(file.name)}: {file.size / 2**20:.0f} MB is over the "
                f"{upload.MAX_BYTES // 2**20} MB limit."
            )
            return None
        result = convert_upload(file.getvalue(), file.name, kind)
        if not result.ok:
            st.error(problem_list(result.problems, 30))
            return None
        counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counts.items())
        st.success(f"{md_text(file.name)}: {md_text(counts)}")
        if result.review:
            st.caption(f"{len(result.review)} row(s) need review (not imported):")
            st.dataframe(pd.DataFrame(result.review), hide_index=True, height=160)
        if st.toggle("Explore the uploaded data", value=True, key="use_upload"):
            return session_folder(result, file.name)
    return None


def export_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    """Download buttons for the current view (generated when clicked, cached per view)."""
    key = data.model_key(model)
    stem = f"frontline-{day.isoformat()}"
    st.caption("The control state on the chosen day, for the factions shown.")
    cols = st.columns(4)
    buttons = [
        ("State (CSV)", "csv", f"{stem}.csv", "text/csv", "dl_csv"),
        ("Events up to this day (CSV)", "events", f"{stem}.events.csv", "text/csv", "dl_events"),
        ("Map data (GeoJSON)", "geojson", f"{stem}.geojson", "application/geo+json", "dl_geojson"),
        ("Offline map (HTML)", "html", f"{stem}.html", "text/html", "dl_html"),
    ]
    for col, (label, fmt, name, mime, widget) in zip(cols, buttons, strict=True):
        col.download_button(
            label,
            lambda fmt=fmt: data.export_file(key, day, factions, fmt),
            name,
            mime,
            key=widget,
        )


def editor_password() -> str | None:
    """The configured editor password (Streamlit secret ``editor_password`` or $FRONTLINE_EDITOR_PASSWORD)."""
    try:
        secret = st.secrets.get("editor_password")
    except (FileNotFoundError, KeyError, AttributeError):
        secret = None
    except Exception:  # noqa: BLE001 - no secrets file at all is normal
        secret = None
    return str(secret) if secret else os.environ.get(PASSWORD_ENV) or None


def editor_tab(model: Model, day: dt.date) -> None:
    """Add an event (editor mode only); the data folder is written atomically under a lock."""
    password = editor_password()
    if not password:
        st.info(
            f"Read-only: set an editor password (secret `editor_password` or ${PASSWORD_ENV}) to add events."
        )
        return
    if not st.session_state.get("editor_ok"):
        typed = st.text_input("Editor password", type="password", key="editor_password")
        if typed and hmac.compare_digest(typed.encode(), password.encode()):
            st.session_state["editor_ok"] = True
            st.rerun()
        elif typed:
            st.error("Wrong password.")
        return
    _event_form(model, day)


def _event_form(model: Model, day: dt.date) -> None:
    names = scene.labels(model)
    with st.form("add_event", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        when = c1.date_input("Date", value=day, key="new_date")
        place = c2.selectbox("Place", sorted(model.data.gazetteer.coords), key="new_place")
        controller = c3.selectbox(
            "Controller from this date",
            ["", *model.factions],
            key="new_controller",
            format_func=lambda f: names.get(f, f) if f else "— none (context event) —",
        )
        c4, c5, c6 = st.columns(3)
        event_type = c4.selectbox("Event type", EVENT_TYPES, key="new_type")
        confidence = c5.selectbox("Confidence", CONFIDENCES, key="new_confidence")
        precision = c6.selectbox("Date precision", DATE_PRECISIONS, key="new_precision")
        title = st.text_input("Source title", key="new_title")
        publisher = st.text_input("Source publisher", key="new_publisher")
        url = st.text_input("Source URL (http/https)", key="new_url")
        notes = st.text_area("Notes", key="new_notes")
        if not st.form_submit_button("Add event"):
            return
    row = _new_row(
        model,
        when,
        place,
        controller,
        event_type,
        confidence,
        precision,
        title,
        publisher,
        url,
        notes,
    )
    try:
        save_event(model, row)
    except DataError as err:
        st.error(problem_list(err.problems, hide=str(model.data.data_dir.parent)))
        return
    st.success(notice("Saved {}: {} on {}.", row["event_id"], place, when))


def _new_row(
    model: Model,
    when: dt.date,
    place: str,
    controller: str,
    event_type: str,
    confidence: str,
    precision: str,
    title: str,
    publisher: str,
    url: str,
    notes: str,
) -> dict[str, str]:
    lat, lon = model.data.gazetteer.coords[place]
    return {
        "event_id": f"ED-{when:%Y%m%d}-{uuid.uuid4().hex[:8]}",
        "date": when.isoformat(),
        "place": place,
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "controller": controller,
        "previous_controller": "",
        "date_precision": precision,
        "event_type": event_type,
        "confidence": confidence,
        "source_title": title.strip(),
        "source_publisher": publisher.strip(),
        "source_date": "",
        "source_url": url.strip(),
        "notes": notes.strip(),
    }


def save_event(model: Model, row: dict[str, str]) -> Path:
    """Validate one new event against the loaded data, then append it to events/edits.csv."""
    target = model.data.data_dir / "events" / EDITS_FILE
    header = ",".join(EVENT_COLUMNS) + "\n"
    text = (
        header + data_csv_text(pd.DataFrame([row], columns=list(EVENT_COLUMNS))).split("\n", 1)[1]
    )
    frame, _ = validate_events(read_csv_text(text, str(target)), str(target), model.data.gazetteer)
    if row["source_url"] and not row["source_url"].lower().startswith(("http://", "https://")):
        raise DataError.single(str(target), 0, "source URL must start with http:// or https://")
    if row["event_id"] in set(model.data.events["event_id"]):
        raise DataError.single(str(target), 0, f"duplicate event_id {row['event_id']!r}")
    _check_same_day(model, frame, str(target))
    _append(target, row)
    return target


def _append(target: Path, row: dict[str, str]) -> None:
    """Append one row to edits.csv; a bad header or an unwritable folder is a DataError."""
    if target.exists():
        header = read_csv_text(target.read_text(encoding="utf-8-sig"), str(target)).columns
        columns = [c for c in header if c != "_line"]
        if columns != list(EVENT_COLUMNS):
            raise DataError.single(
                str(target),
                1,
                "header differs from the event columns; fix or move the file to save "
                f"(expected: {','.join(EVENT_COLUMNS)})",
            )
    try:
        append_rows_locked(target, [row], columns=list(EVENT_COLUMNS))
    except Timeout:
        raise DataError.single(
            str(target), 0, "busy: another save holds the lock; try again"
        ) from None
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise DataError.single(
            str(target), 0, f"cannot save: {reason} (the data folder must be writable)"
        ) from None


def _check_same_day(model: Model, new: pd.DataFrame, path: str) -> None:
    row = new.iloc[0]
    if not row["controller"] or row["notes"]:
        return
    events = model.data.events
    same = events[
        (events["place"] == row["place"])
        & (events["date"] == row["date"])
        & (events["controller"] != "")
    ]
    if (same["controller"] != row["controller"]).any():
        raise DataError.single(
            path,
            0,
            f"{row['place']} already has another controller on {row['date'].date()}: add a note explaining the disagreement",
        )
