"""The Review tab: a reviewer approves (the row becomes an event) or rejects queued rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.errors import DataError
from dashboard.core.io.load import resolve_data_dir
from dashboard.core.ledger import ledger_configured
from dashboard.core.ledger.queue import approve, queue_items, reject
from dashboard.core.ledger.read import open_ledger
from dashboard.core.schema import CONFIDENCES
from dashboard.ui.context import Context
from dashboard.ui.saves import flash, show_flash
from dashboard.ui.signin import signed_in_as
from dashboard.ui.text import hide_folder, md


def render(ctx: Context) -> None:
    """Tab *Review*: the open queue; decisions for a signed-in reviewer."""
    model = ctx.model
    folder = resolve_data_dir()
    if not folder.is_dir() or not ledger_configured(folder):
        st.info("No review queue: `import acled … --queue --data DIR` fills it.")
        return
    db = open_ledger(folder)
    items = queue_items(db)
    st.caption(f"{len(items)} imported rows wait for a reviewer.")
    if not items:
        return
    table = pd.DataFrame([{"id": i["id"], "date": i["candidate"].get("date", ""),
                           "place": i["candidate"].get("place", ""), "reason": i["reason"],
                           "origin": i["origin"]} for i in items])  # fmt: skip
    st.dataframe(table, hide_index=True, key="review_table")
    user = signed_in_as(db, "review")
    refusal = ctx.source.refusal
    if refusal or user is None:
        st.info(refusal or "Sign in as a reviewer (Edit tab) to approve or reject rows.")
        return
    show_flash()
    by_id = {i["id"]: i for i in items}
    chosen = st.selectbox("Row", list(by_id), key="review_item",
                          format_func=lambda i: f"{i} · {by_id[i]['candidate'].get('place', '')}")  # fmt: skip
    with st.form(f"decide_{chosen}", clear_on_submit=True):
        c1, c2 = st.columns(2)
        controller = c1.selectbox(
            "Controller (approve)", ["", *model.factions], key=f"rv_ctrl_{chosen}",
            format_func=lambda f: f or "— none (context event) —",
        )  # fmt: skip
        confidence = c2.selectbox("Confidence (approve)", CONFIDENCES, key=f"rv_conf_{chosen}")
        why = st.text_input("Reason", key=f"rv_why_{chosen}")
        approve_it = st.form_submit_button("Approve")
        reject_it = st.form_submit_button("Reject")
    try:
        if approve_it:
            changes = {"controller": controller, "confidence": confidence if controller else ""}
            entry = approve(db, chosen, user["name"], changes, why)
            flash(f"Approved row {chosen}: saved {entry['event_id']}.")
        elif reject_it:
            reject(db, chosen, user["name"], why)
            flash(f"Rejected row {chosen}.")
        else:
            return
    except DataError as err:
        st.error(
            "Not saved:\n" + "\n".join(f"- {md(hide_folder(p, folder))}" for p in err.problems)
        )
        return
    st.rerun()
