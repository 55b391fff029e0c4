"""Frontline: who controls which place in a war, and since when.

Kept empty on purpose: importing ``dashboard.core`` must not pull in Streamlit or folium.
"""
