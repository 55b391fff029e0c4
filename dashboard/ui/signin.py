"""Team sign-in: local accounts of the data folder's ledger; the signed-in person per session."""

from __future__ import annotations

import secrets
from typing import Any

import streamlit as st

from dashboard.core.errors import DataError
from dashboard.core.ledger import ledger_configured
from dashboard.core.ledger.accounts import can, check_account, sign_in
from dashboard.core.ledger.read import LedgerDB
from dashboard.ui.text import md

USER_KEY = "team_user"
CLIENT_KEY = "_signin_client"
SIGNED_OUT = "Signed out: the account was removed or disabled, or its password was reset."


def current_user() -> dict[str, Any] | None:
    """{"name", "role", "ledger"} of the person signed in in this browser session, or None."""
    return st.session_state.get(USER_KEY)


def signed_in_as(db: LedgerDB, what: str) -> dict[str, Any] | None:
    """The signed-in person when they may do ``what`` (edit, review) in this ledger, checked
    against the account now (on every run, so every privileged action): a removed or
    disabled account, or one whose password was reset, is signed out; a demoted one keeps
    only its new role."""
    user = current_user()
    if not user or user["ledger"] != db.dataset:
        return None
    try:
        role = check_account(db, user["name"], "edit", user.get("version", -1))
    except DataError:
        del st.session_state[USER_KEY]
        st.warning(SIGNED_OUT)
        return None
    user = st.session_state[USER_KEY] = {**user, "role": role}
    return user if can(role, what) else None


def client_keys() -> list[str]:
    """This browser session (a random id kept in its state) and, when not on localhost,
    its remote address: the keys sign-in failures are throttled by."""
    if CLIENT_KEY not in st.session_state:
        st.session_state[CLIENT_KEY] = secrets.token_hex(8)
    keys = [f"session:{st.session_state[CLIENT_KEY]}"]
    address = st.context.ip_address
    return keys + [f"ip:{address}"] if isinstance(address, str) and address else keys


def signin_box(db: LedgerDB) -> dict[str, Any] | None:
    """Sign-in form (or who is signed in, with a sign-out button); returns the user."""
    user = signed_in_as(db, "edit")
    if user:
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
        result = sign_in(db, name, password, clients=client_keys())
        if result.role is None:
            st.error(result.message)
            return None
        st.session_state[USER_KEY] = {
            "name": result.name,
            "role": result.role,
            "ledger": db.dataset,
            "version": result.version,
        }
        st.rerun()
    return None
