"""Team sign-in: local accounts of the data folder's ledger; the signed-in person per session."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.core.ledger import ledger_configured
from dashboard.core.ledger.accounts import can, sign_in
from dashboard.core.ledger.read import LedgerDB
from dashboard.ui.text import md

USER_KEY = "team_user"


def current_user() -> dict[str, Any] | None:
    """{"name", "role", "ledger"} of the person signed in in this browser session, or None."""
    return st.session_state.get(USER_KEY)


def signed_in_as(db: LedgerDB, what: str) -> dict[str, Any] | None:
    """The signed-in person when they may do ``what`` (edit, review) in this ledger."""
    user = current_user()
    if user and user["ledger"] == db.dataset and can(user["role"], what):
        return user
    return None


def signin_box(db: LedgerDB) -> dict[str, Any] | None:
    """Sign-in form (or who is signed in, with a sign-out button); returns the user."""
    user = current_user()
    if user and user["ledger"] == db.dataset:
        cols = st.columns([4, 1])
        cols[0].markdown(f"Signed in as **{md(user['name'])}** ({user['role']}).")
        if cols[1].button("Sign out", key="sign_out"):
            del st.session_state[USER_KEY]
            st.rerun()
        return user
    if not ledger_configured(db.data_dir):
        st.info(
            "No team accounts yet. Create one with "
            "`python -m dashboard user add NAME --role editor` (the password is read from stdin)."
        )
        return None
    with st.form("sign_in", clear_on_submit=True):  # the password leaves the session state
        name = st.text_input("Name", key="signin_name")
        password = st.text_input("Password", type="password", key="signin_password")
        pressed = st.form_submit_button("Sign in")
    if pressed:
        result = sign_in(db, name, password)
        if result.role is None:
            st.error(result.message)
            return None
        st.session_state[USER_KEY] = {
            "name": result.name,
            "role": result.role,
            "ledger": db.dataset,
        }
        st.rerun()
    return None
