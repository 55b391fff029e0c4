"""Bringing data in: uploads (with their budgets), sheet and ACLED conversion, geocoding."""
