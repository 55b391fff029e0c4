"""The only module with Streamlit caches. Keys are small (paths, signatures, ISO days).

The per-day caches (place layer, distances, territory, supply) are bounded by bytes
(:func:`dashboard.core.lru.json_cache`): at 50,000 places one place layer is ~6 MB, so a
count of entries alone would let them grow to gigabytes.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
import streamlit as st

from dashboard.core import warmload
from dashboard.core.errors import DataError
from dashboard.core.geo import compare, numeric_claims, territory
from dashboard.core.geo.distance import front_distance_series
from dashboard.core.geo.geojson import to_feature_collection
from dashboard.core.geo.outline import outline_for
from dashboard.core.io.load import BUNDLED_DATA, resolve_data_dir
from dashboard.core.ledger import ledger_configured
from dashboard.core.lru import json_cache
from dashboard.core.model import Model
from dashboard.core.registry import ModelRegistry
from dashboard.core.schema import NEUTRAL
from dashboard.ui import scene

if TYPE_CHECKING:
    import networkx as nx

# SQLAlchemy (a team ledger) and networkx (the roads) are imported where they are used: a
# first page of data without a ledger, whose map page was published before, needs neither.

MB = 2**20
Signature = tuple[tuple[str, int, int], ...]
Key = tuple[str, Signature]
MAX_MODELS = 16
FALLBACK = ("fallback", 0, 0)
REGISTRY: ModelRegistry[Model] = ModelRegistry(MAX_MODELS)
"""Every model handed out (by the key it was loaded under) and each folder's last valid
load; least recently used out beyond MAX_MODELS, last good loads included."""


def signature(data_dir: Path) -> Signature:
    """(name, size, mtime) of every data file, and the ledger's version: a new signature
    means the data changed."""
    return warmload.stamp(data_dir) + ledger_signature(data_dir)


def ledger_signature(data_dir: Path) -> Signature:
    """(ledger, changes, last change id) when the folder has a team ledger, else ()."""
    if not ledger_configured(data_dir):
        return ()
    try:
        from dashboard.core.ledger.read import open_ledger, version

        db = open_ledger(data_dir)
        return ((f"ledger:{db.label}", *version(db)),)
    except Exception:  # noqa: BLE001 - the load that follows reports the problem
        return (("ledger:unreadable", 0, time.monotonic_ns()),)


@st.cache_data(show_spinner=False, max_entries=32)
def ledger_history(key: Key) -> list[dict[str, Any]] | None:
    """The team ledger's history of a loaded model's folder (None: no ledger, or the model
    is the bundled fallback, which is loaded without one)."""
    folder = Path(key[0])
    if FALLBACK in key[1]:
        return None
    if not ledger_configured(folder):
        return None
    from dashboard.core.ledger.read import history_entries, open_ledger

    return history_entries(open_ledger(folder))


@st.cache_resource(show_spinner="Loading data…", max_entries=8)
def _load(data_dir: str, sig: Signature) -> Model:
    """Load a folder (or take the model loaded ahead or an upload offered, :mod:`.warmload`);
    a signature marked ``fallback`` loads its CSV tables only."""
    ready = None if FALLBACK in sig else warmload.take(Path(data_dir))
    return ready if ready is not None else Model.load(data_dir, ledger=FALLBACK not in sig)


def _remember(key: Key, model: Model, good: bool = False) -> Model:
    return REGISTRY.remember(key, model, good)


def forget(folder: Path | str) -> int:
    """Drop a folder's models (an upload session ended and its folder is gone)."""
    warmload.discard(Path(folder))
    return REGISTRY.forget(str(folder))


def get_model(override: Path | None = None) -> tuple[Model | None, list[str], bool]:
    """The current model, its problems (one line each) and whether it is stale.

    When the data becomes invalid while the app runs, the last good model is returned
    with the problems, so the app keeps serving what it had.
    """
    data_dir = override or resolve_data_dir()
    folder = str(data_dir)
    key = (folder, signature(data_dir))
    try:
        model = _remember(key, _load(*key), good=True)
    except DataError as err:
        kept = REGISTRY.last_good(folder)
        return kept, [str(p) for p in err.problems], kept is not None
    return model, [], False


def model_key(model: Model) -> Key:
    """The small cache key a model was loaded under (not the files' current signature:
    the last good model must stay reachable after its files became invalid)."""
    known = REGISTRY.key_of(model)
    if known is not None:
        return cast(Key, known)
    folder = model.data.data_dir
    key = (str(folder), signature(folder))
    _remember(key, model)
    return key


def _model(key: Key) -> Model:
    return REGISTRY.get(key) or _remember(key, _load(*key))


@json_cache(max_bytes=64 * MB)
def distance_data(
    key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...], place: str
) -> dict[str, Any]:
    """Distance table from ``place`` to the shown places (geodesic and road km; with the
    places' lat/lon, which the map's distance lines need)."""
    model = _model(key)
    state = scene.shown_state(model, day, factions)
    if place not in set(state["place"]):
        full = model.state(day)
        state = pd.concat([state, full[full["place"] == place]], ignore_index=True)
    table = scene.distances(state, place)
    if table.empty:
        return {"table": []}
    import networkx as nx

    by_road = (
        nx.single_source_dijkstra_path_length(road_graph(key), place)
        if place in road_graph(key)
        else {}
    )
    table["road_km"] = [by_road.get(p) for p in table["place"]]
    return {"table": table.to_dict("records")}


def bundled_model() -> Model:
    """The bundled CSV tables without any ledger (shown when the chosen data folder cannot
    be loaded; saves are refused on it)."""
    key = (str(BUNDLED_DATA), signature(BUNDLED_DATA) + (FALLBACK,))
    return _remember(key, _load(*key))


@st.cache_resource(show_spinner=False, max_entries=8)
def _outline(key: tuple[Any, ...]) -> Any:
    return outline_for(_model(key).data)


@st.cache_resource(show_spinner=False, max_entries=8)
def road_graph(key: tuple[Any, ...]) -> nx.Graph:
    """The road graph of the data folder (empty when it has no roads or they are invalid)."""
    import networkx as nx

    from dashboard.core.geo import roads

    try:
        return roads.load_road_graph(_model(key).data)
    except DataError:
        return nx.Graph()


@json_cache(max_bytes=128 * MB)
def territory_data(key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...]) -> dict[str, Any]:
    """Areas (per-place cells of the chosen factions), front lines and km² per faction;
    all empty, with ``unavailable`` saying why, for worldwide or polar places."""
    try:
        return _territory(key, day, factions)
    except territory.TerritoryUnavailable as err:
        empty = {"type": "FeatureCollection", "features": []}
        return {"cells": empty, "front": empty, "areas": {}, "unavailable": str(err)}


def _territory(key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...]) -> dict[str, Any]:
    model = _model(key)
    state = model.state(day)
    outline = _outline(key)
    cells = territory.control_cells(state, outline)
    cells = cells[cells["controller"].isin(factions)]
    colors = scene.colors(model)
    cells = cells.assign(color=[colors.get(c, "#bbbbbb") for c in cells["controller"]])
    zones = territory.control_zones(state, outline)
    front = territory.front_lines(zones)
    chosen = zones[zones["faction"].isin(factions)]
    return {
        "cells": to_feature_collection(
            cells[["controller", "confidence", "color", "geometry"]], digits=4
        ),
        "front": to_feature_collection(front, digits=4),
        "areas": {
            str(f): float(a) for f, a in zip(chosen["faction"], chosen["area_km2"], strict=True)
        },
    }


@json_cache(max_bytes=32 * MB)
def supply_data(key: tuple[Any, ...], day: dt.date) -> dict[str, dict[str, Any]]:
    """Per faction: its rear base and which of its places are connected or cut off
    (empty when the dataset names no rear bases)."""
    model = _model(key)
    bases = model.data.info.rear_bases
    if not bases:
        return {}
    from dashboard.core.geo import roads

    graph = road_graph(key)
    state = model.state(day)
    out = {}
    for faction in model.factions:
        base = roads.default_base(state, graph, faction, bases.get(faction, ()))
        out[faction] = {
            "base": base,
            **roads.supply(state, graph, faction, base, passable=[NEUTRAL]),
        }
    return out


@st.cache_data(show_spinner=False, max_entries=16)
def area_series(key: tuple[Any, ...]) -> Any:
    """km² per faction after each change day (empty when territory is unavailable)."""
    try:
        return territory.areas_over_time(_model(key).index, _outline(key))
    except territory.TerritoryUnavailable:
        return pd.DataFrame(columns=["day", "faction", "area_km2"])


@st.cache_data(show_spinner=False, max_entries=16)
def road_features(key: tuple[Any, ...]) -> dict[str, Any]:
    """The road links as GeoJSON lines."""
    from dashboard.core.geo import roads

    graph = road_graph(key)
    if graph.number_of_edges() == 0:
        return {"type": "FeatureCollection", "features": []}
    return to_feature_collection(roads.road_lines(graph), digits=4)


@st.cache_data(show_spinner=False, max_entries=64)
def front_series(key: tuple[Any, ...], target: str) -> pd.DataFrame:
    """km from ``target`` to the nearest hostile-held place after each change day."""
    return front_distance_series(_model(key).index, target)


def model_for(key: Key) -> Model:
    """The model a cache key names (loaded again if it was evicted)."""
    return _model(key)


def outline_or_none(key: tuple[Any, ...]) -> Any:
    """The dataset's territory outline, or None (worldwide or polar: no areas, the Area
    tab says why)."""
    try:
        return _outline(key)
    except territory.TerritoryUnavailable:
        return None


@st.cache_data(show_spinner=False, max_entries=64)
def area_change_data(key: tuple[Any, ...], earlier: dt.date, day: dt.date) -> dict[str, Any]:
    """Per faction, km² won, lost and net between two days (first records count for none)."""
    model = _model(key)
    try:
        table = compare.area_changes(model.state(earlier), model.state(day), _outline(key))
    except territory.TerritoryUnavailable:  # the Compare tab shows the places, no km²
        return {}
    return {r.faction: (r.won_km2, r.lost_km2, r.net_km2) for r in table.itertuples()}


@st.cache_data(show_spinner=False, max_entries=8)
def numeric_claims_data(key: tuple[Any, ...]) -> pd.DataFrame:
    """The folder's sources/numeric-claims.csv checked against the gazetteer (empty if none)."""
    model = _model(key)
    claims = numeric_claims.read_claims(model.data.data_dir / "sources" / numeric_claims.FILE)
    coords = model.data.gazetteer.coords
    places = pd.DataFrame(
        [(p, lat, lon) for p, (lat, lon) in coords.items()], columns=["place", "lat", "lon"]
    )
    return numeric_claims.check_distances(claims, places)
