"""Turning other people's tables into event tables: the review report, sheet import, geocoding, ACLED."""

__all__ = []
