"""``export``: the control state on a date as CSV, GeoJSON or a self-contained HTML map."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from typing import Any

from dashboard.cli.options import (
    data_option,
    faction_filter_option,
    iso_date,
    output_folder,
    stderr,
    write_output,
)
from dashboard.core.errors import UsageError
from dashboard.core.export.formats import (
    FORMATS,
    ExportFormat,
    events_csv_bytes,
    events_path,
    export_bytes,
    register_format,
)
from dashboard.core.model import Model


def _html_renderer(model: Model, day: dt.date, factions: list[str] | None) -> bytes:
    """``--format html`` via ``dashboard.ui.map.page.standalone_html(model, day, factions)``."""
    try:
        mapview = importlib.import_module("dashboard.ui.map.page")
    except ModuleNotFoundError as err:
        if err.name not in ("dashboard.ui", "dashboard.ui.map", "dashboard.ui.map.page"):
            raise
        mapview = None
    standalone = getattr(mapview, "standalone_html", None)
    if standalone is None:
        raise UsageError(
            "--format html is not available yet: dashboard/ui/map/page.py has no standalone_html()"
        )
    return str(standalone(model, day, factions)).encode("utf-8")


register_format(ExportFormat("html", ".html", "text/html", _html_renderer))


def register_export(sub: Any) -> None:
    """``export --date D [--faction F ...] --format csv|geojson|html -o FILE [--events]``."""
    p = sub.add_parser("export", help="write the control state on a date as CSV, GeoJSON or HTML")
    p.add_argument("--date", type=iso_date, required=True)
    faction_filter_option(p)
    p.add_argument("--format", default="csv", choices=sorted(FORMATS), help="default: csv")
    p.add_argument("-o", "--out", required=True, metavar="FILE")
    p.add_argument(
        "--events",
        action="store_true",
        help="csv: also write the events up to the date to FILE.events.csv",
    )
    data_option(p)
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export atomically; with ``--events`` (csv) a second events file."""
    out = output_folder(args.out)
    model = Model.load(args.data)
    data = export_bytes(model, args.date, args.format, args.faction)
    write_output(out, data)
    print(f"wrote {out} ({args.format}, state on {args.date})")
    if args.events:
        if args.format != "csv":
            stderr(f"note: --events applies to csv; {args.format} already lists events per place")
        else:
            extra = events_path(out)
            write_output(extra, events_csv_bytes(model, args.date, args.faction))
            print(f"wrote {extra} (events up to {args.date})")
    return 0
