"""Geometry on the globe: projections, extents and the antimeridian."""
