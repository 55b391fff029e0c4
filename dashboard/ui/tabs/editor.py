"""Tab *Add event*: the editor login and the form that appends a sourced event to the data
folder (checked and saved by :mod:`dashboard.core.io.edits`)."""

from __future__ import annotations

import datetime as dt
import hmac
import os

import streamlit as st

from dashboard.core.errors import DataError
from dashboard.core.io.edits import NewEvent, event_row, save_event
from dashboard.core.model import Model
from dashboard.core.schema import CONFIDENCES, DATE_PRECISIONS
from dashboard.ui import scene
from dashboard.ui.context import Context
from dashboard.ui.text import notice, problem_list

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


def editor_password() -> str | None:
    """The configured editor password (Streamlit secret ``editor_password`` or $FRONTLINE_EDITOR_PASSWORD)."""
    try:
        secret = st.secrets.get("editor_password")
    except (FileNotFoundError, KeyError, AttributeError):
        secret = None
    except Exception:  # noqa: BLE001 - no secrets file at all is normal
        secret = None
    return str(secret) if secret else os.environ.get(PASSWORD_ENV) or None


def render(ctx: Context) -> None:
    """Add an event (editor mode only); the data folder is written atomically under a lock."""
    model, day = ctx.model, ctx.day
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
    new = NewEvent(
        when, place, controller, event_type, confidence, precision, title, publisher, url, notes
    )
    row = event_row(model.data, new)
    try:
        save_event(model.data, row)
    except DataError as err:
        st.error(problem_list(err.problems, hide=str(model.data.data_dir.parent)))
        return
    st.success(notice("Saved {}: {} on {}.", row["event_id"], place, when))
