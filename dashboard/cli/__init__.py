"""``frontline`` (or ``python -m dashboard``): validate data, ask for control state,
distances and changes, export, and ``run`` the dashboard.

Exit codes: 0 success, 2 bad input (one line per problem, no traceback), 130 and 143
when interrupted (Ctrl-C, SIGTERM): the command stops with one line, its temporary files
are removed and its outputs are left as they were (every output is written to a temporary
file and renamed into place). Any other exception is a bug and surfaces as a traceback
(exit 1).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from dashboard.cli.terminal import visible_output
from dashboard.core.errors import DataError, FrontlineError

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_SIGNAL_BASE = 128

COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("query", "register_validate"),
    "state": ("query", "register_state"),
    "distance": ("query", "register_distance"),
    "changes": ("query", "register_changes"),
    "zones": ("territory", "register_zones"),
    "front": ("territory", "register_front"),
    "supply": ("territory", "register_supply"),
    "import": ("ingest", "register_import"),
    "geocode": ("ingest", "register_geocode"),
    "export": ("export", "register_export"),
    "add": ("ledger", "register_add"),
    "history": ("ledger", "register_history"),
    "ledger": ("ledger", "register_ledger"),
    "review": ("ledger", "register_review"),
    "user": ("ledger", "register_user"),
    "run": ("serve", "register_run"),
    "health": ("serve", "register_health"),
}
"""Each subcommand, in help order: the module of ``dashboard.cli`` that registers it and
its register function. A command's module (and what it imports: pandas, SQLAlchemy,
networkx…) is imported only when that command runs or the whole list is asked for."""


def build_parser(
    prog: str = "frontline", only: Sequence[str] | None = None
) -> argparse.ArgumentParser:
    """The argument parser with every subcommand (or those named in ``only``); ``prog`` is
    how the user called it (the installed ``frontline`` command, or ``python -m dashboard``
    in a checkout)."""
    parser = argparse.ArgumentParser(
        prog=prog, description=" ".join(__doc__.split("\n\n")[0].split())
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS if only is None else only:
        module, register = COMMANDS[name]
        getattr(importlib.import_module(f"dashboard.cli.{module}"), register)(sub)
    return parser


def _chosen(argv: Sequence[str]) -> list[str] | None:
    """The one command ``argv`` names first (only its module need be imported), or None
    when it names none (help, a typo: every command is listed)."""
    return [argv[0]] if argv and argv[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None, prog: str = "frontline") -> int:
    """Run the CLI; return the exit code (user errors: 2, one line each)."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(prog, _chosen(words)).parse_args(words)
    with visible_output(), _stopped_by_sigterm():
        return _run(args)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that ``with`` blocks and ``finally`` clauses
    (temporary folders, half-written temporary files) unwind as they do for Ctrl-C."""


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Interrupted` instead of killing the
    process on the spot (Python's default), then the previous handler is restored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args))
    except DataError as err:
        for problem in err.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_BAD_INPUT
    except FrontlineError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt as err:
        number = signal.SIGTERM if isinstance(err, Interrupted) else signal.SIGINT
        name = signal.Signals(number).name
        print(f"interrupted ({name}): stopped; a file being written was discarded", file=sys.stderr)
        return EXIT_SIGNAL_BASE + number
