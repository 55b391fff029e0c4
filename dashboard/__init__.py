"""Frontline: who controls which place in a war, and since when.

``dashboard.open(path=None)`` loads a data folder for notebooks (see
:mod:`dashboard.core.api`). Importing this package stays cheap on purpose: it imports
nothing until ``open`` is called, and never Streamlit or folium.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.core.api import Frontline

__all__ = ["open"]


def open(path: str | os.PathLike[str] | None = None, ledger: bool = True) -> Frontline:
    """A data folder as a :class:`dashboard.core.api.Frontline` (None: the bundled data)."""
    from dashboard.core.api import open_dataset

    return open_dataset(path, ledger=ledger)
