"""Geometry: geodesic distances, Voronoi territory, outlines, roads and GeoJSON."""
