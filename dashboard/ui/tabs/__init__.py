"""The story tabs under the map, one module per tab, each with ``render(ctx)``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dashboard.ui.context import Context
from dashboard.ui.tabs import (
    area,
    compare,
    control,
    counts,
    distances,
    editor,
    events,
    export,
    front,
    history,
    review,
    supply,
)


@dataclass(frozen=True)
class Tab:
    """A tab: its label, its renderer, and whether it renders while closed (cheap tabs
    always do; the charts only when open, which keeps scrubbing fast)."""

    name: str
    render: Callable[[Context], None]
    always: bool = False


TABS: tuple[Tab, ...] = (
    Tab("Distances", distances.render, always=True),
    Tab("Events", events.render),
    Tab("Control by place", control.render),
    Tab("Places per faction", counts.render),
    Tab("Area per faction", area.render),
    Tab("Front distance", front.render),
    Tab("Compare dates", compare.render),
    Tab("Supply", supply.render),
    Tab("Export", export.render, always=True),
    Tab("Edit", editor.render, always=True),
    Tab("History", history.render),
    Tab("Review", review.render),
)
