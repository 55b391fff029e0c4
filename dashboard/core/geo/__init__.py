"""Geometry: geodesic distances, Voronoi territory, outlines, roads and GeoJSON."""

__all__ = []
