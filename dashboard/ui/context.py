"""The one context every tab renders from: the loaded model and what the user looks at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dashboard.core.model import Model


@dataclass(frozen=True)
class Context:
    """One rerun's view: the model (and its cache key), the day, the factions shown, the
    selected place and its distance data, and the map layers switched on."""

    model: Model
    key: tuple[Any, ...]  # the model's cache key in dashboard.ui.data
    day: dt.date
    factions: tuple[str, ...]
    place: str | None = None
    dist: dict[str, Any] | None = None  # data.distance_data for the selected place
    layers: tuple[str, ...] = ()
