"""The thin UI layer: Streamlit page, widgets and the folium map (over dashboard.core)."""
