"""Streamlit entry point: ``streamlit run dashboard/app.py``."""

from dashboard.ui.page import render

render()
