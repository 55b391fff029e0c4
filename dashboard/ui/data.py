"""The only module with Streamlit caches. Keys are small (paths, signatures, ISO days)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.core.io import BUNDLED_DATA, resolve_data_dir
from dashboard.core.model import Model
from dashboard.core.schema import DataError
from dashboard.ui import scene

_LAST_GOOD: dict[str, Model] = {}


def signature(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime) of every data file: a new signature means the data changed."""
    files = sorted([*data_dir.glob("events/*.csv"), *data_dir.glob("geo/*")])
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file())


@st.cache_resource(show_spinner="Loading data…", max_entries=8)
def _load(data_dir: str, sig: tuple[tuple[str, int, int], ...]) -> Model:
    del sig  # part of the cache key only
    return Model.load(data_dir)


def get_model() -> tuple[Model | None, list[str], bool]:
    """The current model, its problems (one line each) and whether it is stale.

    When the data becomes invalid while the app runs, the last good model is returned
    with the problems, so the app keeps serving what it had.
    """
    data_dir = resolve_data_dir()
    key = str(data_dir)
    try:
        model = _load(key, signature(data_dir))
    except DataError as err:
        return _LAST_GOOD.get(key), [str(p) for p in err.problems], key in _LAST_GOOD
    _LAST_GOOD[key] = model
    return model, [], False


def model_key(model: Model) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """A small cache key standing for a loaded model."""
    return str(model.data.data_dir), signature(model.data.data_dir)


def _model(key: tuple[str, tuple[tuple[str, int, int], ...]]) -> Model:
    return _load(key[0], key[1])


@st.cache_data(show_spinner=False, max_entries=512)
def place_layer_data(key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...]) -> dict[str, Any]:
    """Place features, recent-change rings and legend for one day and faction choice."""
    model = _model(key)
    state = scene.shown_state(model, day, factions)
    fc = scene.place_features(model, state, day)
    return {
        "places": fc,
        "recent": scene.recent_features(fc),
        "legend": scene.legend(model, state, factions),
        "shown": len(state),
        "total": len(model.data.places),
    }


@st.cache_data(show_spinner=False, max_entries=256)
def distance_data(key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...], place: str) -> dict[str, Any]:
    """Distance table, lines and labels from ``place`` to the shown places."""
    model = _model(key)
    state = scene.shown_state(model, day, factions)
    if place not in set(state["place"]):
        full = model.state(day)
        state = state._append(full[full["place"] == place]) if hasattr(state, "_append") else state
    table = scene.distances(state, place)
    if table.empty:
        return {"table": [], "lines": None, "labels": []}
    lines, labels = scene.distance_features(state, place, table)
    return {"table": table.drop(columns=["lat", "lon"]).to_dict("records"), "lines": lines, "labels": labels}


@st.cache_resource(show_spinner=False)
def basemap(path: str) -> dict[str, Any]:
    """The offline basemap GeoJSON (country outlines)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def bundled_model() -> Model:
    """The bundled dataset (used when the chosen data folder cannot be loaded)."""
    return _load(str(BUNDLED_DATA), signature(BUNDLED_DATA))
