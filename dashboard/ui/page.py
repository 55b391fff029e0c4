"""The Frontline page: arranges widgets, the map and the tables. Logic lives in core/scene."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.core.distance import distance_km, front_distance_series
from dashboard.core.model import Model
from dashboard.ui import byod, charts, data, mapview, popups, scene, widgets
from dashboard.ui.assets import ensure_leaflet_assets
from dashboard.ui.popups import esc, md
from dashboard.ui.state import View, parse_view, view_params
from dashboard.ui.tabs import editor, review
from dashboard.ui.tabs import history as team

PLAY_SECONDS = 1.5
MAP_KEY = "control_map"


def render() -> None:
    """Draw the whole page for the current session state."""
    st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")
    ensure_leaflet_assets()
    upload_dir = byod.upload_panel()
    model = _model_or_fallback(upload_dir)
    view = _view(model)
    widgets.init_state(view)
    widgets.apply_pending()
    widgets.fit_state_to(model)
    factions = widgets.faction_filter(model)
    place = widgets.place_picker(model)
    layers = widgets.layer_picker()
    _pairwise(model)
    _data_info(model)
    st.markdown("## Frontline: who controls what, and since when")
    day, playing = widgets.timeline(model)
    _day_text(model, day)
    layer_data = data.place_layer_data(data.model_key(model), day, factions)
    _legend(layer_data)
    if place:
        _place_headline(model, day, place)
    dist = data.distance_data(data.model_key(model), day, factions, place) if place else None
    map_col, panel_col = st.columns([2.3, 1])
    with map_col:
        _map(model, day, factions, layer_data, dist, layers)
    with panel_col:
        _place_panel(model, day, place, dist)
    _tabs(model, day, factions, place, dist)
    st.query_params.from_dict(
        view_params(View(day, factions, place, layers), model.span(), model.factions)
    )
    if playing:
        _advance(model, day)


def _model_or_fallback(upload_dir: Path | None) -> Model:
    model, problems, stale = data.get_model(upload_dir)
    if upload_dir is not None and model is not None:
        st.info(
            "Exploring the uploaded file (the bundled data is untouched). Switch it off in the sidebar."
        )
    if problems:
        shown = "\n".join(f"- `{p}`" for p in problems[:50])
        more = f"\n- … and {len(problems) - 50} more" if len(problems) > 50 else ""
        st.error(f"The data folder has problems ({len(problems)}):\n{shown}{more}")
        if stale:
            st.warning(
                "The last valid version of this data is still shown until the problems are fixed."
            )
    editor.note_data_source(upload_dir, stale, fallback=model is None)
    if model is None:
        st.info("Showing the bundled Libya 2019–2020 dataset instead.")
        model = data.bundled_model()
    return model


def _view(model: Model) -> View:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118
    view, notices = parse_view(
        params,
        model.span(),
        model.factions,
        model.data.gazetteer.resolve,
        layers=list(widgets.LAYER_LABELS),
    )
    if not st.session_state.get("_seeded"):
        for notice in notices:
            st.warning(notice)
    return view


def _day_text(model: Model, day: dt.date) -> None:
    moved, repeated = scene.day_summary(model, day)
    title = f"<b>{day:%A %d %B %Y}</b>"
    if moved:
        text = f"{title} — changed hands: " + "; ".join(esc(c) for c in moved)
    else:
        text = f"{title} — no change of control recorded on this day."
    if repeated:
        text += (
            "<br><small>Control re-reported: " + "; ".join(esc(c) for c in repeated) + "</small>"
        )
    st.markdown(f'<div data-testid="fl-day">{text}</div>', unsafe_allow_html=True)


def _place_headline(model: Model, day: dt.date, place: str) -> None:
    st.markdown(
        f'<div data-testid="fl-place">{esc(scene.place_sentence(model, day, place))}</div>',
        unsafe_allow_html=True,
    )


def _legend(layer_data: dict[str, Any]) -> None:
    items = "".join(
        f'<span class="fl-legend" style="margin-right:1.2em;white-space:nowrap">'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        f'background:{esc(row["color"])};border:1px solid #333;margin-right:4px"></span>'
        f"{esc(row['label'])}: <b>{row['places']}</b></span>"
        for row in layer_data["legend"]
    )
    note = "dashed outline = claimed, dotted = disputed, black ring = changed in the last 7 days"
    st.markdown(
        f'<div data-testid="fl-legend">{items}<br><small>Showing {layer_data["shown"]} of '
        f"{layer_data['total']} places · {note}</small></div>",
        unsafe_allow_html=True,
    )


def _base_map(basemap_path: str, bounds: tuple[tuple[float, float], tuple[float, float]]) -> Any:
    # Built anew each run: st_folium adds the date layers to the map object it is given.
    return mapview.base_map(bounds, data.basemap(basemap_path), focus_iso="LBY")


def _map(
    model: Model,
    day: dt.date,
    factions: tuple[str, ...],
    layer_data: dict[str, Any],
    dist: dict[str, Any] | None,
    layers: tuple[str, ...],
) -> None:
    key = data.model_key(model)
    groups = []
    if "areas" in layers or "front" in layers:
        terr = data.territory_data(key, day, factions)
        if "areas" in layers:
            groups.append(mapview.areas_layer(terr["cells"]))
        if "front" in layers:
            groups.append(mapview.front_layer(terr["front"]))
    if "roads" in layers:
        groups.append(mapview.roads_layer(data.road_features(key)))
    if "distances" in layers and dist and dist["lines"]:
        groups.append(
            mapview.distance_layer(dist["lines"], [(a, b, esc(t)) for a, b, t in dist["labels"]])
        )
    if "recent" in layers:
        groups.append(mapview.recent_layer(layer_data["recent"]))
    if "supply" in layers:
        groups.append(mapview.cut_off_layer(_cut_off_points(model, day, factions)))
    if "places" in layers:
        groups.append(mapview.places_layer(layer_data["places"]))
    fmap = _base_map(str(model.data.geo_file("countries.geojson")), scene.bounds(model))
    out = st_folium(
        fmap,
        key=MAP_KEY,
        height=560,
        use_container_width=True,
        feature_group_to_add=groups,
        returned_objects=["last_object_clicked"],
    )
    _handle_click(model, out)


def _cut_off_points(
    model: Model, day: dt.date, factions: tuple[str, ...]
) -> list[tuple[float, float, str]]:
    supply = data.supply_data(data.model_key(model), day)
    coords = model.data.places.set_index("place")
    points = []
    for faction in factions:
        info = supply.get(faction, {})
        for place in info.get("cut_off", []):
            title = esc(
                f"{place}: cut off from {faction} rear base {info.get('base') or '(none held)'}"
            )
            points.append((float(coords.at[place, "lat"]), float(coords.at[place, "lon"]), title))
    return points


def _handle_click(model: Model, out: dict[str, Any] | None) -> None:
    click = (out or {}).get("last_object_clicked")
    if not click or click == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = click
    places = model.data.places
    km = [
        distance_km(click["lat"], click["lng"], la, lo)
        for la, lo in zip(places["lat"], places["lon"], strict=True)
    ]
    best = int(pd.Series(km).idxmin())
    if km[best] < 2 and places["place"].iloc[best] != st.session_state.get("place"):
        st.session_state["_pending_place"] = places["place"].iloc[best]
        st.rerun()


def _pairwise(model: Model) -> None:
    with st.sidebar.expander("Distance A → B", expanded=False):
        names = list(model.data.places["place"])
        a = st.selectbox("From", names, key="pair_a")
        b = st.selectbox("To", names, index=min(1, len(names) - 1), key="pair_b")
        coords = model.data.places.set_index("place")
        km = distance_km(
            coords.at[a, "lat"], coords.at[a, "lon"], coords.at[b, "lat"], coords.at[b, "lon"]
        )
        st.markdown(f"**{md(a)} → {md(b)}: {km:.1f} km** (geodesic, WGS84)")


def _data_info(model: Model) -> None:
    events = model.data.events
    st.sidebar.caption(
        f"Data: {md(model.data.data_dir)} · {len(events)} events, "
        f"{len(model.index.runs)} control changes, {len(model.data.places)} places · "
        f"{model.span()[0]} – {model.span()[1]}"
    )
    if model.data.warnings:
        with st.sidebar.expander(f"{len(model.data.warnings)} data warning(s)"):
            st.text("\n".join(str(w) for w in model.data.warnings))


TAB_NAMES = [
    "Distances",
    "Events",
    "Control by place",
    "Places per faction",
    "Area per faction",
    "Front distance",
    "Compare dates",
    "Supply",
    "Export",
    "Edit",
    "History",
    "Review",
]


def _tabs(
    model: Model,
    day: dt.date,
    factions: tuple[str, ...],
    place: str | None,
    dist: dict[str, Any] | None,
) -> None:
    """The story tabs. Only the open tab's content runs (charts are the slow part of a
    rerun), so scrubbing stays fast; the cheap tabs always render."""
    tabs = dict(zip(TAB_NAMES, st.tabs(TAB_NAMES, key="tab", on_change="rerun"), strict=True))
    renderers = {
        "Distances": lambda: _distance_tab(place, dist),
        "Events": lambda: _events_tab(model, day, factions),
        "Control by place": lambda: _gantt_tab(model, day, factions),
        "Places per faction": lambda: _counts_tab(model, day, factions),
        "Area per faction": lambda: _area_tab(model, day, factions),
        "Front distance": lambda: _front_tab(model, day),
        "Compare dates": lambda: _compare_tab(model, day, factions),
        "Supply": lambda: _supply_tab(model, day, factions),
        "Export": lambda: byod.export_tab(model, day, factions),
        "Edit": lambda: editor.editor_tab(model, day),
        "History": lambda: team.history_tab(model),
        "Review": lambda: review.review_tab(model),
    }
    for name, tab in tabs.items():
        with tab:
            if tab.open is not False or name in ALWAYS_RENDERED:
                renderers[name]()


ALWAYS_RENDERED = frozenset({"Distances", "Export", "Edit"})


def _gantt_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    shown = set(scene.shown_state(model, day, factions)["place"])
    runs = model.index.runs[model.index.runs["place"].isin(shown)]
    chart = charts.control_gantt(
        runs, model.span()[1], day, scene.colors(model), scene.labels(model)
    )
    st.altair_chart(chart, width="stretch")


def _counts_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    counts = model.index.counts_over_time()
    counts = counts[counts["faction"].isin(factions)]
    chart = charts.faction_counts(
        counts, model.span()[1], day, scene.colors(model), scene.labels(model)
    )
    st.altair_chart(chart, width="stretch")


AREA_METHOD = (
    "Areas are an approximation derived from town control, not surveyed front lines: the "
    "country outline is split into one Voronoi cell per place (computed in an equal-area "
    "projection), each cell takes the holder of its place, and cells are merged per faction. "
    "Cells of places with no record stay blank; claimed or disputed cells are drawn lighter. "
    "Front lines are the borders between hostile factions' areas."
)


def _area_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    st.caption(AREA_METHOD)
    terr = data.territory_data(data.model_key(model), day, factions)
    labels = scene.labels(model)
    st.markdown(
        " · ".join(f"{md(labels.get(f, f))}: **{a:,.0f} km²**" for f, a in terr["areas"].items())
    )
    series = data.area_series(data.model_key(model))
    series = series[series["faction"].isin(factions)]
    st.altair_chart(
        charts.area_over_time(series, model.span()[1], day, scene.colors(model), labels),
        width="stretch",
    )


def _compare_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    start, _ = model.span()
    default = max(start, day - dt.timedelta(days=30))
    earlier = st.date_input(
        "Compare with", value=default, min_value=start, max_value=day, key="compare_from"
    )
    diff = scene.compare(model, earlier, day, factions)
    st.markdown(f"**{len(diff['changed'])} place(s)** changed hands between {earlier} and {day}.")
    if diff["changed"]:
        st.dataframe(pd.DataFrame(diff["changed"]), hide_index=True)
    key = data.model_key(model)
    before = data.territory_data(key, earlier, factions)["areas"]
    after = data.territory_data(key, day, factions)["areas"]
    rows = [
        {
            "faction": f,
            "km² before": before.get(f, 0.0),
            "km² after": after.get(f, 0.0),
            "change km²": after.get(f, 0.0) - before.get(f, 0.0),
        }
        for f in factions
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            c: st.column_config.NumberColumn(format="%.0f")
            for c in ("km² before", "km² after", "change km²")
        },
    )
    st.markdown(md(diff["front"]))


def _supply_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    st.caption(
        "A place is connected when a road path joins it to its faction's rear base through "
        "places the faction holds or neutral towns (roads are schematic straight links between "
        "places; a place missing from the gazetteer can hide a real route)."
    )
    supply = data.supply_data(data.model_key(model), day)
    labels = scene.labels(model)
    for faction in factions:
        info = supply.get(faction)
        if not info:
            continue
        cut = ", ".join(info["cut_off"]) or "none"
        st.markdown(
            f"**{md(labels.get(faction, faction))}** — rear base: {md(info['base'] or 'none held')}; "
            f"connected: {len(info['connected'])}; cut off: {md(cut)}"
        )


def _distance_tab(place: str | None, dist: dict[str, Any] | None) -> None:
    if not place or not dist:
        st.info("Pick a place in the sidebar or click one on the map to see its distances.")
        return
    table = pd.DataFrame(dist["table"])
    if table.empty:
        st.info("No other place is shown.")
        return
    table["since"] = pd.to_datetime(table["since"]).dt.date
    nearest = _nearest_text(place, dist)
    st.markdown(nearest or f"No place held by a hostile faction is shown near {md(place)}.")
    st.dataframe(
        table[["place", "controller", "km", "road_km", "since", "confidence"]],
        hide_index=True,
        column_config={
            "km": st.column_config.NumberColumn("km (geodesic)", format="%.1f"),
            "road_km": st.column_config.NumberColumn("km by road (schematic)", format="%.0f"),
        },
    )


def _place_panel(
    model: Model, day: dt.date, place: str | None, dist: dict[str, Any] | None
) -> None:
    """Side panel: the selected place's holder, nearest enemy and full sourced history."""
    with st.container(height=560, border=True, key="place_panel"):
        if not place:
            st.info(
                "Click a place on the map (or pick one in the sidebar) to see its history, sources and distances."
            )
            return
        st.markdown(f"#### {md(place)}")
        st.markdown(md(_supply_sentence(model, day, place)) or " ")
        nearest = _nearest_text(place, dist)
        if nearest:
            st.markdown(nearest)
        history = popups.history_html(place, model.place_events(place), scene.labels(model))
        st.markdown(history, unsafe_allow_html=True)
        team.place_history(model, place)


def _nearest_text(place: str, dist: dict[str, Any] | None) -> str:
    rows = [r for r in (dist or {}).get("table", []) if r["hostile"]]
    if not rows:
        return ""
    near = rows[0]
    return (
        f"Nearest place held by another faction: **{md(near['place'])}** "
        f"({md(near['controller'])}), **{near['km']:.1f} km** from {md(place)}."
    )


def _supply_sentence(model: Model, day: dt.date, place: str) -> str:
    for faction, info in data.supply_data(data.model_key(model), day).items():
        if place in info["cut_off"]:
            return f"Cut off by road from the {faction} rear base ({info['base'] or 'none held'})."
        if place in info["connected"]:
            return f"Connected by road to the {faction} rear base ({info['base']})."
    return ""


def _events_tab(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    shown = set(scene.shown_state(model, day, factions)["place"])
    events = model.events_until(day)
    events = events[events["place"].isin(shown)]
    st.caption(f"{len(events)} events up to {day} (newest first) at the places shown")
    st.dataframe(_events_frame(events), hide_index=True, column_config=_event_columns())


def _events_frame(events: pd.DataFrame) -> pd.DataFrame:
    frame = events[
        [
            "date",
            "place",
            "controller",
            "event_type",
            "confidence",
            "date_precision",
            "source_publisher",
            "source_title",
            "source_url",
            "notes",
        ]
    ].copy()
    for col in ("edited_by", "edited_at"):  # team ledger rows: who saved them, when (UTC)
        if col in events.columns:
            frame[col] = events[col]
    frame["date"] = frame["date"].dt.date
    frame["link"] = frame["source_url"].where(
        frame["source_url"].str.match(r"(?i)^https?://\S+$"), None
    )
    return frame.drop(columns=["source_url"])


def _event_columns() -> dict[str, Any]:
    return {
        "link": st.column_config.LinkColumn("source link"),
        "controller": st.column_config.TextColumn("control (new)"),
    }


def _front_tab(model: Model, day: dt.date) -> None:
    names = list(model.data.places["place"])
    default = names.index("Tripoli") if "Tripoli" in names else 0
    target = st.selectbox("Distance from", names, index=default, key="front_target")
    series = _front_series(data.model_key(model), target)
    st.altair_chart(charts.front_distance(series, model.span()[1], day, target), width="stretch")


@st.cache_data(show_spinner=False, max_entries=64)
def _front_series(key: tuple[Any, ...], target: str) -> pd.DataFrame:
    return front_distance_series(data._model(key).index, target)


def _advance(model: Model, day: dt.date) -> None:
    nxt = widgets.next_change(model, day)
    if nxt is None:
        st.session_state["playing"] = False
        return
    time.sleep(PLAY_SECONDS)
    st.session_state["_pending_date"] = nxt
    st.rerun()
