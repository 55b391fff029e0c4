"""The built wheel, installed into a fresh virtual environment."""
