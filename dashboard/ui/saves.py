"""What the Edit and Review tabs share: the one-line message shown after a save (it
survives the rerun that redraws the map and tables)."""

from __future__ import annotations

import streamlit as st

__all__ = ["flash", "show_flash"]

FLASH_KEY = "_save_flash"


def flash(message: str) -> None:
    """Keep ``message`` to show once, on the next run."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show the kept message, if any, once."""
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
