"""The pure core of Frontline: data loading, validation, control state and distances.

Nothing in this package imports Streamlit, folium or any other UI library.
"""

__all__ = []
