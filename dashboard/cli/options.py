"""What every command shares: option types and adders, stderr lines, tables and safe writes.

Command modules import this module and never each other.

Examples
--------
>>> iso_date("2020-06-01")
datetime.date(2020, 6, 1)
>>> print(text_table([{"to": "Alphaville", "km": "95"}, {"to": None, "km": "12"}], ["to", "km"]))
to          km
Alphaville  95
-           12
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dashboard.cli.terminal import field
from dashboard.core.errors import UsageError
from dashboard.core.io.atomic import atomic_write_bytes


def iso_date(text: str) -> dt.date:
    """argparse type: an ISO date YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def data_option(
    parser: argparse.ArgumentParser, help_text: str = "data folder (events/, geo/)"
) -> None:
    """Add ``--data DIR`` (default: $FRONTLINE_DATA_DIR or the bundled data/)."""
    parser.add_argument("--data", metavar="DIR", help=help_text)


def json_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--json``."""
    parser.add_argument("--json", action="store_true", help="print JSON")


def faction_filter_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--faction F`` (repeatable): only places these factions hold."""
    parser.add_argument(
        "--faction", action="append", help="only places this faction holds (repeatable)"
    )


def stderr(message: str) -> None:
    """Print one line to stderr, flushed (progress and notes, never results)."""
    print(message, file=sys.stderr, flush=True)


def print_rows(rows: list[dict[str, Any]], columns: Sequence[str], as_json: bool) -> int:
    """Print ``rows`` as JSON (every field) or as a text table of ``columns``; exit code 0."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(text_table(rows, columns))
    return 0


def text_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], empty: str = "(none)"
) -> str:
    """Left-aligned text table of ``rows`` (None shown as ``-``); ``empty`` when no rows."""
    if not rows:
        return empty
    cells = [["-" if r[c] is None else field(r[c]) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def output_folder(out: str | os.PathLike[str]) -> Path:
    """``out`` as a Path; UsageError when its folder does not exist."""
    target = Path(out)
    if not target.parent.is_dir():
        raise UsageError(f"output folder not found: {target.parent}")
    return target


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an OS refusal is a UsageError naming the file."""
    try:
        atomic_write_bytes(path, data)
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
