"""Actor names → factions: ordered regex rules, the first match wins.

A rules file is a CSV with columns ``faction,pattern`` (Python regular expressions, searched
case-insensitively in actor names). A data folder names its map in ``dataset.toml``
(``[acled] factions = "..."``); without one, no actor maps to a faction and every
territory change goes to review.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.core.dataset import DatasetInfo
from dashboard.core.errors import DataError, Problem
from dashboard.core.io.csvread import decode_csv_bytes, read_csv_file, read_csv_text
from dashboard.core.schema import UNKNOWN

__all__ = [
    "faction_map_for",
    "faction_map_from_frame",
    "FactionMap",
    "FactionRule",
    "read_faction_map",
    "read_faction_map_bytes",
]


@dataclass(frozen=True)
class FactionRule:
    """Actors whose name matches ``pattern`` (case-insensitive search) belong to ``faction``."""

    faction: str
    pattern: re.Pattern[str]
    line: int = 0


@dataclass(frozen=True)
class FactionMap:
    """Ordered actor-name rules; the first matching rule wins."""

    rules: tuple[FactionRule, ...]
    source: str = "no faction map"

    def faction_of(self, actor: str) -> str:
        """The faction of one actor name, '' when no rule matches.

        Examples
        --------
        >>> rules = read_faction_map_bytes(b"faction,pattern\\nNorth,north army|\\\\bNA\\\\b\\n")
        >>> rules.faction_of("Pro-NA militia"), rules.faction_of("Unidentified group")
        ('North', '')
        """
        for rule in self.rules:
            if actor and rule.pattern.search(actor):
                return rule.faction
        return ""

    def map_series(self, actors: pd.Series) -> pd.Series:
        """The faction of every actor name (each distinct name matched once)."""
        lookup = {name: self.faction_of(name) for name in pd.unique(actors)}
        return actors.map(lookup).astype(object)


def faction_map_for(info: DatasetInfo) -> FactionMap:
    """The actor map a data folder names in ``dataset.toml``, else an empty map."""
    if info.acled_factions is None:
        return FactionMap(())
    return read_faction_map(info.acled_factions)


def read_faction_map(path: str | os.PathLike[str]) -> FactionMap:
    """Read a ``faction,pattern`` CSV; DataError naming ``file:line`` for every bad row."""
    return faction_map_from_frame(read_csv_file(Path(path)), str(path))


def read_faction_map_bytes(data: bytes, name: str = "factions-map.csv") -> FactionMap:
    """:func:`read_faction_map` for uploaded bytes."""
    return faction_map_from_frame(read_csv_text(decode_csv_bytes(data, name), name), name)


def faction_map_from_frame(frame: pd.DataFrame, name: str) -> FactionMap:
    """Rules from a ``faction,pattern`` table read by csvread (with ``_line``)."""
    missing = [c for c in ("faction", "pattern") if c not in frame.columns]
    if missing:
        message = f"missing column(s): {', '.join(missing)} (expected faction,pattern)"
        raise DataError.single(name, 1, message)
    rules: list[FactionRule] = []
    problems: list[Problem] = []
    for faction, pattern, line in zip(
        frame["faction"], frame["pattern"], frame["_line"], strict=True
    ):
        rule = _rule(faction.strip(), pattern.strip(), int(line), name, problems)
        if rule is not None:
            rules.append(rule)
    if problems:
        raise DataError(problems)
    if not rules:
        raise DataError.single(name, 2, "no faction rules in the file")
    return FactionMap(tuple(rules), name)


def _rule(
    faction: str, pattern: str, line: int, path: str, problems: list[Problem]
) -> FactionRule | None:
    if not faction or faction == UNKNOWN:
        problems.append(Problem(path, line, "faction name empty or reserved ('unknown')"))
        return None
    if not pattern:
        problems.append(Problem(path, line, f"empty pattern for faction {faction!r}"))
        return None
    try:
        return FactionRule(faction, re.compile(pattern, re.IGNORECASE), line)
    except re.error as err:
        problems.append(Problem(path, line, f"invalid regular expression {pattern!r}: {err}"))
        return None
