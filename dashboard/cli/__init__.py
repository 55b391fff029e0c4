"""``frontline`` (or ``python -m dashboard``): validate data, ask for control state,
distances and changes, export, and ``run`` the dashboard.

Exit codes: 0 success, 2 bad input (one line per problem, no traceback). Any other
exception is a bug and surfaces as a traceback (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from dashboard.cli.export import register_export
from dashboard.cli.ingest import register_geocode, register_import
from dashboard.cli.ledger import LEDGER_COMMANDS
from dashboard.cli.query import (
    register_changes,
    register_distance,
    register_state,
    register_validate,
)
from dashboard.cli.serve import register_health, register_run
from dashboard.cli.terminal import visible_output
from dashboard.cli.territory import register_front, register_supply, register_zones
from dashboard.core.errors import DataError, FrontlineError

EXIT_OK = 0
EXIT_BAD_INPUT = 2

COMMANDS: list[Callable[[Any], None]] = [
    register_validate,
    register_state,
    register_distance,
    register_changes,
    register_zones,
    register_front,
    register_supply,
    register_import,
    register_geocode,
    register_export,
    *LEDGER_COMMANDS,
    register_run,
    register_health,
]


def build_parser(prog: str = "frontline") -> argparse.ArgumentParser:
    """The argument parser with every subcommand; ``prog`` is how the user called it (the
    installed ``frontline`` command, or ``python -m dashboard`` in a checkout)."""
    parser = argparse.ArgumentParser(
        prog=prog, description=" ".join(__doc__.split("\n\n")[0].split())
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "frontline") -> int:
    """Run the CLI; return the exit code (user errors: 2, one line each)."""
    args = build_parser(prog).parse_args(argv)
    with visible_output():
        return _run(args)


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
