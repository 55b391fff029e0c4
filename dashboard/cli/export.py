"""``export``: the control state on a date as CSV, GeoJSON or a self-contained HTML map;
for GIS, the control periods and the day's zones and front lines as a GeoPackage,
GeoParquet files or (``--periods``) GeoJSON files."""

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
from dashboard.cli.publish import MEDIA_FORMATS, cmd_publish, publish_options
from dashboard.core.errors import UsageError
from dashboard.core.export.formats import (
    FORMATS,
    ExportFormat,
    events_csv_bytes,
    events_path,
    export_bytes,
    register_format,
)
from dashboard.core.export.gis import gis_files
from dashboard.core.model import Model
from dashboard.core.words import check_lang

GIS_FORMATS = ("gpkg", "parquet")


def _html_renderer(
    model: Model, day: dt.date, factions: list[str] | None, lang: str = "en"
) -> bytes:
    """``--format html`` via ``dashboard.ui.map.page.standalone_html(model, day, factions)``,
    its words in ``lang``."""
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
    return str(standalone(model, day, factions, lang=lang)).encode("utf-8")


register_format(ExportFormat("html", ".html", "text/html", _html_renderer))


def register_export(sub: Any) -> None:
    """``export --date D [--faction F ...] --format FORMAT -o FILE [--events | --periods]``
    and ``export --format mp4|gif [--from D] [--to D] -o FILE`` (see :mod:`dashboard.cli.publish`)."""
    p = sub.add_parser(
        "export",
        help="write the control state on a date (CSV, GeoJSON, HTML, PNG, PDF), GIS layers "
        "(control periods, zones, front: gpkg, parquet, geojson --periods) or a video (mp4, gif)",
    )
    p.add_argument("--date", type=iso_date, help="the day shown (every format but mp4, gif)")
    faction_filter_option(p)
    formats = sorted({*FORMATS, *MEDIA_FORMATS})
    p.add_argument("--format", default="csv", choices=formats, help="default: csv")
    p.add_argument("-o", "--out", required=True, metavar="FILE")
    p.add_argument(
        "--events",
        action="store_true",
        help="csv: also write the events up to the date to FILE.events.csv",
    )
    p.add_argument(
        "--periods",
        action="store_true",
        help="geojson: the control periods to FILE, the day's zones and front lines to "
        "FILE.zones.geojson and FILE.front.geojson (as parquet does)",
    )
    publish_options(p)
    data_option(p)
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export atomically; with ``--events`` (csv) a second events file."""
    lang = check_lang(args.lang)
    if lang != "en" and args.format not in (*MEDIA_FORMATS, "html"):
        raise UsageError(f"--lang {lang} applies to html, png, pdf, mp4 and gif")
    out = output_folder(args.out)
    model = Model.load(args.data)
    if args.format in MEDIA_FORMATS:
        factions = model.check_factions(args.faction)
        page = lambda day: _html_renderer(model, day, factions, lang).decode("utf-8")  # noqa: E731
        return cmd_publish(args, out, model, page)
    if args.date is None:
        raise UsageError(f"--format {args.format} needs --date YYYY-MM-DD")
    if args.format == "html" and lang != "en":
        factions = model.check_factions(args.faction)
        write_output(out, _html_renderer(model, args.date, factions, lang))
        print(f"wrote {out} (html, state on {args.date}, {lang})")
        return 0
    if args.format in GIS_FORMATS or args.periods:
        return _export_gis(model, args, out)
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


def _export_gis(model: Model, args: argparse.Namespace, out: Any) -> int:
    """Write the GIS layers: a GeoPackage, or one file per layer (periods in FILE)."""
    if args.format not in (*GIS_FORMATS, "geojson"):
        raise UsageError(f"--periods applies to geojson, gpkg and parquet, not {args.format}")
    files = gis_files(model, args.date, args.format, out, args.faction)
    for path, data in files.items():
        write_output(path, data)
        print(f"wrote {path} ({args.format})")
    print(f"control periods (valid_from/valid_to) and zones and front lines on {args.date}")
    return 0
