"""The story tabs under the map, one module per tab, each with ``render(ctx)``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from dashboard.ui.context import Context


@dataclass(frozen=True)
class Tab:
    """A tab: its label, its module in this package (imported when the tab is first drawn:
    the charts' Altair only when a chart tab opens), and whether it renders while closed
    (cheap tabs always do; the charts only when open, which keeps scrubbing fast)."""

    name: str
    module: str
    always: bool = False

    def render(self, ctx: Context) -> None:
        """Draw the tab: its module's ``render(ctx)``."""
        importlib.import_module(f"{__name__}.{self.module}").render(ctx)


TABS: tuple[Tab, ...] = (
    Tab("Distances", "distances", always=True),
    Tab("Events", "events"),
    Tab("Control by place", "control"),
    Tab("Places per faction", "counts"),
    Tab("Area per faction", "area"),
    Tab("Front distance", "front"),
    Tab("Compare dates", "compare"),
    Tab("Supply", "supply"),
    Tab("Export", "export", always=True),
    Tab("Edit", "editor", always=True),
    Tab("History", "history"),
    Tab("Review", "review"),
)
