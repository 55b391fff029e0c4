"""Tab *Export*: the current view as CSV, events CSV, GeoJSON or one offline HTML map, GIS
layers, the embed snippet, and a video (MP4, GIF) of a range of days or of the story."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.core.errors import UsageError
from dashboard.core.export import gis
from dashboard.core.export.embed import iframe_snippet
from dashboard.ui import exports
from dashboard.ui.context import Context
from dashboard.ui.video import video_section

exports.EXPORTERS.update(
    gpkg=gis.gpkg_bytes, parquet=gis.periods_parquet_bytes, periods=gis.periods_geojson_bytes
)

BUTTONS = (
    ("State (CSV)", "csv", "{stem}.csv", "text/csv", "dl_csv"),
    ("Events up to this day (CSV)", "events", "{stem}.events.csv", "text/csv", "dl_events"),
    ("Map data (GeoJSON)", "geojson", "{stem}.geojson", "application/geo+json", "dl_geojson"),
    ("Offline map (HTML)", "html", "{stem}.html", "text/html", "dl_html"),
)
GIS_BUTTONS = (
    ("GIS layers (GeoPackage)", "gpkg", "{stem}.gpkg", gis.GPKG_MEDIA_TYPE, "dl_gpkg"),
    (
        "Control periods (GeoParquet)",
        "parquet",
        "{stem}.periods.parquet",
        gis.PARQUET_MEDIA_TYPE,
        "dl_parquet",
    ),
    (
        "Control periods (GeoJSON)",
        "periods",
        "{stem}.periods.geojson",
        "application/geo+json",
        "dl_periods",
    ),
)


def render(ctx: Context) -> None:
    """Download buttons for the current view (generated when clicked, cached per view)."""
    stem = f"frontline-{ctx.day.isoformat()}"
    st.caption("The control state on the chosen day, for the factions shown.")
    for col, (label, fmt, name, mime, widget) in zip(st.columns(4), BUTTONS, strict=True):
        col.download_button(label, _renderer(ctx, fmt), name.format(stem=stem), mime, key=widget)
    st.caption(
        "For GIS: every holding of every place with valid_from/valid_to (for QGIS's Temporal "
        "Controller or kepler.gl); the GeoPackage adds the day's zones and front lines as layers."
    )
    for col, (label, fmt, name, mime, widget) in zip(st.columns(3), GIS_BUTTONS, strict=True):
        col.download_button(label, _renderer(ctx, fmt), name.format(stem=stem), mime, key=widget)
    _embed(ctx, f"{stem}.html")
    video_section(ctx)


def _embed(ctx: Context, file_name: str) -> None:
    """The <iframe> snippet for the offline map once published, opening on this day."""
    st.markdown("**Embed the published map**")
    address = st.text_input(
        "Where the offline map (HTML) will be published",
        value=file_name,
        key="embed_address",
        help="An http(s) address or a path relative to the article, e.g. maps/libya.html.",
    )
    title = f"Frontline: {ctx.model.data.info.title or 'map of control'}"
    try:
        snippet = iframe_snippet(address, ctx.day, ctx.place, title)
    except UsageError as err:
        st.error(f"Embed address: {err}.")
        return
    st.code(snippet, language="html")
    st.caption(
        "The map opens on this day (and place) and follows the reader's scrubbing in its own "
        "address; for the live app, add `view=map` to its link for the map alone."
    )


def _renderer(ctx: Context, fmt: str) -> Callable[[], bytes]:
    """The bytes of one export of the view, made when the button is clicked (cached)."""
    return lambda: exports.export_file(ctx.key, ctx.day, ctx.factions, fmt, ctx.lang)
