"""Reading and writing files: robust CSV, crash-safe writes, loading and validating a data folder, place names."""

__all__ = []
