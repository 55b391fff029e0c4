"""``python -m dashboard``: validate data, ask for control state, distances and changes.

Exit codes: 0 success, 2 bad input (one line per problem, no traceback), 1 internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from dashboard.cli_data import register_export, register_geocode, register_import
from dashboard.cli_ledger import LEDGER_COMMANDS
from dashboard.cli_territory import register_front, register_supply, register_zones
from dashboard.core.distance import distance_km
from dashboard.core.io import load_dataset
from dashboard.core.model import Model, UnknownPlace
from dashboard.core.schema import DataError

Handler = Callable[[argparse.Namespace], int]


def iso_date(text: str) -> dt.date:
    """argparse type: an ISO date YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description=__doc__.splitlines()[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for register in COMMANDS:
        register(sub)
    return parser


def data_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--data DIR`` (default: $FRONTLINE_DATA_DIR or the bundled data/)."""
    parser.add_argument("--data", metavar="DIR", help="data folder (events/, geo/)")


def json_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--json``."""
    parser.add_argument("--json", action="store_true", help="print JSON")


def _register_validate(sub: Any) -> None:
    p = sub.add_parser("validate", help="check a data folder; exit 2 on any problem")
    data_option(p)
    p.set_defaults(handler=cmd_validate)


def _register_state(sub: Any) -> None:
    p = sub.add_parser("state", help="who controls each place on a date")
    p.add_argument("--date", type=iso_date, required=True)
    p.add_argument("--faction", action="append", help="only places this faction holds (repeatable)")
    data_option(p)
    json_option(p)
    p.set_defaults(handler=cmd_state)


def _register_distance(sub: Any) -> None:
    p = sub.add_parser("distance", help="geodesic distance between two places, in km")
    p.add_argument("place_a")
    p.add_argument("place_b")
    data_option(p)
    json_option(p)
    p.set_defaults(handler=cmd_distance)


def _register_changes(sub: Any) -> None:
    p = sub.add_parser("changes", help="control changes dated in (FROM, TO]")
    p.add_argument("--from", dest="start", type=iso_date, required=True)
    p.add_argument("--to", dest="end", type=iso_date, required=True)
    data_option(p)
    json_option(p)
    p.set_defaults(handler=cmd_changes)


def cmd_validate(args: argparse.Namespace) -> int:
    data = load_dataset(args.data)
    for warning in data.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    changes = int((data.events["controller"] != "").sum())
    print(f"ok: {len(data.events)} events ({changes} control rows), {len(data.places)} places")
    return 0


def cmd_state(args: argparse.Namespace) -> int:
    model = Model.load(args.data)
    unknown = [f for f in args.faction or [] if f not in model.factions]
    if unknown:
        raise ValueError(
            f"unknown faction(s): {', '.join(unknown)} (known: {', '.join(model.factions)})"
        )
    state = model.state(args.date, args.faction)
    rows = [
        {
            "place": r.place,
            "controller": r.controller,
            "since": None if r.since is None or str(r.since) == "NaT" else str(r.since)[:10],
            "lat": round(float(r.lat), 5),
            "lon": round(float(r.lon), 5),
        }
        for r in state.itertuples()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(_table(rows, ["place", "controller", "since"]))
    return 0


def cmd_distance(args: argparse.Namespace) -> int:
    model = Model.load(args.data)
    a, b = model.resolve_place(args.place_a), model.resolve_place(args.place_b)
    coords = model.data.places.set_index("place")
    km = distance_km(
        coords.at[a, "lat"], coords.at[a, "lon"], coords.at[b, "lat"], coords.at[b, "lon"]
    )
    if args.json:
        print(json.dumps({"from": a, "to": b, "km": round(km, 2)}, ensure_ascii=False))
    else:
        print(f"{a} → {b}: {km:.1f} km (geodesic, WGS84)")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise ValueError("--to must not be before --from")
    model = Model.load(args.data)
    runs = model.index.transitions(args.start, args.end)
    rows = [
        {
            "date": str(r.start)[:10],
            "place": r.place,
            "from": r.previous,
            "to": r.controller,
            "confidence": r.confidence,
            "date_precision": r.date_precision,
            "event_ids": list(r.event_ids),
        }
        for r in runs.itertuples()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(_table(rows, ["date", "place", "from", "to", "confidence"]))
    return 0


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    if not rows:
        return "(none)"
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += [
        "  ".join(str(r[c] if r[c] is not None else "-").ljust(widths[c]) for c in columns)
        for r in rows
    ]
    return "\n".join(lines)


COMMANDS: list[Callable[[Any], None]] = [
    _register_validate,
    _register_state,
    _register_distance,
    _register_changes,
    register_zones,
    register_front,
    register_supply,
    register_import,
    register_geocode,
    register_export,
    *LEDGER_COMMANDS,
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except DataError as err:
        for problem in err.problems:
            print(str(problem), file=sys.stderr)
        return 2
    except (UnknownPlace, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as err:  # noqa: BLE001 - one line, not a traceback, for any other failure
        if os.environ.get("FRONTLINE_DEBUG"):
            raise
        print(f"internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
