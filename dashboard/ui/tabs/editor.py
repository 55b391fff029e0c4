"""The Edit tab: sign in, then add, correct or retract a sourced event in the team ledger.

It always says which dataset a save goes to, and refuses saves (saying why) while the page
shows fallback or stale data or an uploaded file, or while this replica's CSV tables are not
the ones the ledger database holds for the dataset. Each save is validated by the core
against the whole dataset inside one database transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.errors import DataError
from dashboard.core.io.load import resolve_data_dir
from dashboard.core.ledger.base import replica_mismatch
from dashboard.core.ledger.read import LedgerDB, open_ledger
from dashboard.core.ledger.writes import add_event, correct_event, retract_event
from dashboard.core.model import Model
from dashboard.core.schema import CONFIDENCES, DATE_PRECISIONS
from dashboard.ui import scene, view
from dashboard.ui.context import Context
from dashboard.ui.saves import flash, show_flash
from dashboard.ui.signin import signin_box
from dashboard.ui.text import hide_folder, md

EVENT_TYPES = ("capture", "withdrawal", "handover", "alignment", "status", "claim", "clash",
               "airstrike", "report")  # fmt: skip
ACTIONS = ("Add", "Correct", "Retract")


def render(ctx: Context) -> None:
    """Tab *Edit*: where saves go (always the configured data folder, whatever the page
    shows), the sign-in, and the add/correct/retract form."""
    model, day = ctx.model, ctx.day
    try:
        db = open_ledger(resolve_data_dir())
        mismatch = replica_mismatch(db)
    except DataError as err:
        st.warning(f"Saves are refused: {md(hide_folder(err.problems[0], resolve_data_dir()))}")
        return
    kind = "a SQLite file in it" if db.engine.dialect.name == "sqlite" else "a PostgreSQL database"
    st.markdown(f"Saves go to the data folder's team ledger ({kind}).")
    refusal = ctx.source.refusal or mismatch
    if refusal:
        st.warning(md(hide_folder(refusal, resolve_data_dir())) if mismatch else refusal)
        return
    show_flash()
    user = signin_box(db)
    if user is None:
        return
    action = st.radio("Change", ACTIONS, horizontal=True, key="edit_action")
    if action == "Add":
        _add_form(model, db, day, user["name"])
    else:
        _change_form(model, db, action, user["name"])


def _add_form(model: Model, db: LedgerDB, day: dt.date, by: str) -> None:
    names = scene.labels(model)
    with st.form("add_event", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        when = c1.date_input("Date", value=day, key="new_date")
        place = c2.selectbox("Place", sorted(model.data.gazetteer.coords), key="new_place")
        controller = c3.selectbox(
            "Controller from this date", ["", *model.factions], key="new_controller",
            format_func=lambda f: names.get(f, f) if f else "— none (context event) —",
        )  # fmt: skip
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
    lat, lon = model.data.gazetteer.coords[place]
    row = {"date": when.isoformat(), "place": place, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
           "controller": controller, "date_precision": precision, "event_type": event_type,
           "confidence": confidence, "source_title": title, "source_publisher": publisher,
           "source_url": url, "notes": notes}  # fmt: skip
    if url.strip() and not url.strip().lower().startswith(("http://", "https://")):
        st.error("The source URL must start with http:// or https://.")
        return
    _save(lambda: add_event(db, row, by), f"{place} on {when}")


def _change_form(model: Model, db: LedgerDB, action: str, by: str) -> None:
    places = sorted(model.data.places["place"])
    chosen = view.place()
    place = st.selectbox("Place", places, index=places.index(chosen) if chosen in places else 0,
                         key="edit_place")  # fmt: skip
    events = model.place_events(place)
    if events.empty:
        st.info("This place has no events.")
        return
    labels = {r.event_id: f"{r.event_id} · {r.date:%Y-%m-%d} · {r.controller or 'context'}"
              for r in events.itertuples()}  # fmt: skip
    chosen_id = st.selectbox(
        "Event", list(labels), format_func=lambda e: labels[e], key="edit_event"
    )
    event_id = str(chosen_id if chosen_id is not None else next(iter(labels)))
    row = events[events["event_id"] == event_id].iloc[0]
    with st.form(f"{action}_{event_id}", clear_on_submit=True):
        changes = _correction_fields(model, row, event_id) if action == "Correct" else {}
        reason = st.text_input("Reason (recorded in the history)", key=f"reason_{event_id}")
        if not st.form_submit_button(f"{action} {event_id}"):
            return
    if not reason.strip():
        st.error("Give a reason: it is recorded with the change.")
        return
    if action == "Correct":
        _save(lambda: correct_event(db, event_id, changes, by, reason), f"correction of {event_id}")
    else:
        _save(lambda: retract_event(db, event_id, by, reason), f"retraction of {event_id}")


def _correction_fields(model: Model, row: pd.Series, tag: str) -> dict[str, str]:
    factions = ["", *model.factions]
    c1, c2, c3 = st.columns(3)
    when = c1.date_input("Date", value=row["date"].date(), key=f"fix_date_{tag}")
    controller = c2.selectbox("Controller", factions, key=f"fix_controller_{tag}",
                              index=factions.index(row["controller"]) if row["controller"] in factions else 0)  # fmt: skip
    confidence = c3.selectbox("Confidence", CONFIDENCES, key=f"fix_confidence_{tag}",
                              index=CONFIDENCES.index(row["confidence"]) if row["confidence"] in CONFIDENCES else 0)  # fmt: skip
    title = st.text_input("Source title", value=row["source_title"], key=f"fix_title_{tag}")
    url = st.text_input("Source URL", value=row["source_url"], key=f"fix_url_{tag}")
    notes = st.text_area("Notes", value=row["notes"], key=f"fix_notes_{tag}")
    return {"date": when.isoformat(), "controller": controller, "confidence": confidence,
            "source_title": title, "source_url": url, "notes": notes}  # fmt: skip


def _save(save: Any, what: str) -> None:
    """Run a save; show the refusal, or rerun so the map and tables show the change."""
    try:
        entry = save()
    except DataError as err:
        lines = (md(hide_folder(p, resolve_data_dir())) for p in err.problems)
        st.error("Not saved:\n" + "\n".join(f"- {line}" for line in lines))
        return
    flash(f"Saved {entry['event_id']} ({what}) by {entry['by']} at {entry['at']}.")
    st.rerun()
