"""Exports of the control state (CSV, GeoJSON, registry of formats) and the CSV formula neutraliser."""

__all__ = []
