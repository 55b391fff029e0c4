"""The one context every tab renders from: the loaded model, what the user looks at, and
where the shown data came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.core.model import Model

__all__ = ["Context", "DataSource"]


@dataclass(frozen=True)
class DataSource:
    """Where the shown data came from: an uploaded file's folder (else the configured data
    folder), whether that folder is invalid now and its last valid version is shown
    (``stale``), or the bundled data is shown instead (``fallback``)."""

    upload: Path | None = None
    stale: bool = False
    fallback: bool = False

    @property
    def refusal(self) -> str | None:
        """Why saves must be refused on this data (None when the shown data is the
        configured folder's current valid data)."""
        if self.upload is not None:
            return (
                "You are exploring an uploaded file: saves are off (switch the upload off to edit)."
            )
        if self.fallback:
            return ("The configured data folder could not be loaded and the bundled data is shown "
                    "instead, so saves are refused until the problems above are fixed.")  # fmt: skip
        if self.stale:
            return ("The data folder is invalid now and the last valid version is shown, so saves "
                    "are refused until the problems above are fixed.")  # fmt: skip
        return None


@dataclass(frozen=True)
class Context:
    """One rerun's view: the model (and its cache key), the day, the factions shown, the
    selected place and its distance data, the map layers switched on, the data source, and
    the language of the map's words (``en`` or ``ar``, :mod:`dashboard.core.words`)."""

    model: Model
    key: tuple[Any, ...]  # the model's cache key in dashboard.ui.data
    day: dt.date
    factions: tuple[str, ...]
    place: str | None = None
    dist: dict[str, Any] | None = None  # data.distance_data for the selected place
    layers: tuple[str, ...] = ()
    source: DataSource = field(default_factory=DataSource)
    lang: str = "en"
