"""The errors Frontline raises for bad input, as opposed to bugs.

Every error meant for the user derives from :class:`FrontlineError`; the CLI turns these
into exit code 2 with one line each, and the app into an error box. Anything else that
escapes is a bug and surfaces as a traceback.

Examples
--------
>>> err = DataError.single("events/a.csv", 3, "missing date")
>>> str(err), isinstance(err, FrontlineError)
('events/a.csv:3: missing date', True)
>>> str(Problem("dataset.toml", 0, "not found"))
'dataset.toml: not found'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DataError",
    "FrontlineError",
    "OverBudget",
    "Problem",
    "TerritoryUnavailable",
    "UnknownPlace",
    "UsageError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One validation finding, printed as ``path:line: message`` (``path: message`` at line 0)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class FrontlineError(Exception):
    """Base of every error caused by the user's input or request, never by a bug."""


class DataError(FrontlineError):
    """Raised when input data is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, line: int, message: str) -> DataError:
        """A DataError holding one problem."""
        return cls([Problem(path, line, message)])


class UsageError(FrontlineError):
    """A request that cannot be carried out as asked: a bad option, an unknown faction or
    place, an output folder that does not exist."""


class UnknownPlace(UsageError):
    """A place name that matches no place; the message names the closest candidates."""


class TerritoryUnavailable(UsageError):
    """Places that one equal-area projection cannot hold (worldwide, polar); says why.

    A request the data cannot answer (the CLI exits 2 with the message), not a bug."""


class OverBudget(FrontlineError):
    """Work stopped because its time budget (:mod:`dashboard.core.budget`) was spent."""
